import * as path from 'node:path';
import { ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bundling } from '../wiring/bundling.ts';
import { type FunctionName, lambdaFunctions } from '../wiring/functions.ts';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');

export type StokeFunctionProps = {
  /** Which entry of `lambdaFunctions` to build: entry, description, memory and timeout come from there. */
  readonly name: FunctionName;
  /** Settings of this function only; tables and buses add theirs when they grant access. */
  readonly environment?: Record<string, string>;
};

/**
 * A Lambda function with Stoke's defaults: current Node.js on ARM64, a
 * self-contained minified ESM bundle with source maps, its own log group and
 * a role that holds only what the constructs granting access add to it.
 * Named `stoke-<name>`, as the local runtime names them.
 */
export class StokeFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  /**
   * The function's ARN built from its fixed name instead of read from the
   * resource: a function can be told its own ARN (to schedule itself)
   * without a reference to itself, which CloudFormation refuses as a cycle.
   */
  readonly arnByName: string;

  constructor(scope: Construct, id: string, props: StokeFunctionProps) {
    super(scope, id);
    const definition = lambdaFunctions[props.name];
    const functionName = `stoke-${props.name}`;
    this.arnByName = Stack.of(this).formatArn({
      service: 'lambda',
      resource: 'function',
      resourceName: functionName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });

    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH });

    // An own role instead of the default one: AWSLambdaBasicExecutionRole would
    // let the function write to every log group of the account.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${props.name} function`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      functionName,
      entry: path.join(repositoryRoot, definition.entry),
      handler: 'handler',
      projectRoot: repositoryRoot,
      depsLockFilePath: path.join(repositoryRoot, 'package-lock.json'),
      description: definition.description,
      memorySize: definition.memorySize,
      timeout: Duration.seconds(definition.timeoutSeconds),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        ...props.environment,
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.name,
        POWERTOOLS_METRICS_NAMESPACE: 'Stoke',
      },
      bundling: {
        format: OutputFormat.ESM,
        mainFields: [...bundling.mainFields],
        banner: bundling.banner,
        minify: bundling.minify,
        target: bundling.target,
        sourceMap: true,
        // Stack traces need the mappings, not a second copy of the sources.
        sourcesContent: false,
        esbuildArgs: { '--tree-shaking': String(bundling.treeShaking), '--legal-comments': bundling.legalComments },
        // The SDK is bundled, but for credential providers never loaded on Lambda (see bundling.ts).
        externalModules: [...bundling.external],
        forceDockerBundling: false,
      },
    });

    Validations.of(this.role.node.findChild('DefaultPolicy')).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Active tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions.',
    });
  }
}
