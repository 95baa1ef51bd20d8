import * as path from 'node:path';
import { ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import * as z from '../../functions/platform/zod.ts';
import type { StokeSettings } from '../stoke-settings.ts';
import { bundling } from '../wiring/bundling.ts';
import { type FunctionDeclaration, type FunctionName, type TableAccess, lambdaFunctions, settingsRead } from '../wiring/functions.ts';
import { scheduleTargets } from '../wiring/schedules.ts';
import { type SettingName, settingSchemas } from '../wiring/settings.ts';
import type { Identity } from './identity.ts';
import type { LeadData } from './lead-data.ts';
import { type Outbound, scheduleGroupName } from './outbound.ts';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');

/** What a function's declaration may reach, and where the values of its settings come from. */
export type FunctionResources = {
  readonly data: LeadData;
  readonly outbound: Outbound;
  /** The deployment's choices (sender, company, origins, time zone…). */
  readonly settings: StokeSettings;
  /** The key the handoff webhook signs with, for a function that reaches `webhookKey`. */
  readonly webhookSecret?: secretsmanager.ISecret;
  /** The sales desk's user pool, for a function that reaches `signIns`. */
  readonly identity: Identity;
};

export type StokeFunctionProps = {
  /**
   * Which entry of `lambdaFunctions` to build: entry, description, memory,
   * timeout, the settings it is given and what it is granted come from there.
   */
  readonly name: FunctionName;
  readonly resources: FunctionResources;
};

/**
 * A Lambda function with Stoke's defaults: current Node.js on ARM64, a
 * self-contained minified ESM bundle with source maps, its own log group and
 * a role that holds only what its declaration (infra/wiring/functions.ts)
 * reaches, with exactly the settings the declaration names.
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
    const definition: FunctionDeclaration = lambdaFunctions[props.name];
    const functionName = `stoke-${props.name}`;
    this.arnByName = functionArnByName(this, props.name);

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
        ...Object.fromEntries(settingsRead(props.name).map((setting) => [setting, settingValue(setting, props.resources, this)])),
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

    grantReach(this, definition, props.resources);
    if (scheduleTargets().includes(props.name)) props.resources.outbound.addScheduleTarget(props.name, this);
  }
}

/** A function's ARN from its fixed name, without a reference to the function. */
function functionArnByName(scope: Construct, name: FunctionName): string {
  return Stack.of(scope).formatArn({
    service: 'lambda',
    resource: 'function',
    resourceName: `stoke-${name}`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/** Where the deployed value of each setting comes from. */
function settingValue(setting: SettingName, { data, outbound, settings, webhookSecret, identity }: FunctionResources, scope: Construct): string {
  switch (setting) {
    case 'TABLE_NAME':
      return data.table.tableName;
    case 'EVENT_BUS_NAME':
      return data.bus.eventBusName;
    case 'ALLOWED_ORIGINS':
      return settings.allowedOrigins.join(',');
    case 'REDIRECT_HOSTS':
      return settings.redirectHosts.join(',');
    case 'CONSENT_TEXT_VERSION':
      return settings.consentTextVersion;
    case 'SPAM_RETENTION_DAYS':
      // No deployment setting: the declared default, stated in the function's configuration.
      return String(z.parse(settingSchemas.SPAM_RETENTION_DAYS, undefined));
    case 'SENDER_ADDRESS':
      return settings.senderAddress;
    case 'COMPANY_NAME':
      return settings.companyName;
    case 'COMPANY_POSTAL_ADDRESS':
      return settings.companyPostalAddress;
    case 'SIGNING_SECRET_ARN':
      return outbound.signingSecret.secretArn;
    case 'WEBHOOK_SECRET_ARN':
      if (!webhookSecret) throw new Error(`${scope.node.path} reads WEBHOOK_SECRET_ARN, but no webhook secret was given`);
      return webhookSecret.secretArn;
    case 'PUBLIC_API_URL':
      return outbound.linksBaseUrl;
    case 'DESK_URL':
      return outbound.deskUrl;
    case 'SCHEDULE_GROUP':
      return scheduleGroupName;
    case 'SCHEDULER_ROLE_ARN':
      return outbound.schedulerRole.roleArn;
    case 'SCHEDULER_DEAD_LETTER_ARN':
      return outbound.deadLetters.queueArn;
    // Built from the fixed name, so a target may schedule itself.
    case 'FIRST_CONTACT_DEADLINE_FUNCTION_ARN':
      return functionArnByName(scope, 'first-contact-deadline');
    case 'NURTURE_STEP_FUNCTION_ARN':
      return functionArnByName(scope, 'nurture-step');
    case 'MORNING_LIST_FUNCTION_ARN':
      return functionArnByName(scope, 'morning-list');
    case 'HANDOFF_WEBHOOK_URL':
      return settings.handoffWebhookUrl ?? '';
    case 'UNSUBSCRIBE_MAILTO':
      return settings.unsubscribeMailto ?? '';
    case 'REVIEW_TIME_ZONE':
      return settings.reviewTimeZone;
    case 'USER_POOL_ID':
      return identity.userPool.userPoolId;
  }
}

const tableGrants: Record<TableAccess, (data: LeadData, fn: StokeFunction) => void> = {
  'read-item': (data, fn) => data.bindItemReader(fn),
  'write-item': (data, fn) => data.bindItemWriter(fn),
  'put-item': (data, fn) => data.bindItemPutter(fn),
  'delete-item': (data, fn) => data.bindItemDeleter(fn),
  'batch-delete': (data, fn) => data.bindBatchDeleter(fn),
  'batch-read': (data, fn) => data.bindBatchReader(fn),
  'query-partition': (data, fn) => data.bindPartitionReader(fn),
  'query-indexes': (data, fn) => data.bindIndexReader(fn),
};

/** Grants a function what its declaration reaches, and nothing else. */
function grantReach(fn: StokeFunction, { reaches }: FunctionDeclaration, { data, outbound, webhookSecret, identity }: FunctionResources): void {
  for (const access of reaches.table ?? []) tableGrants[access](data, fn);
  if (reaches.publishes) data.bindPublisher(fn);
  if (reaches.signingKey) outbound.bindSigningKey(fn);
  if (reaches.writesLinks) outbound.bindLinkWriter(fn);
  if (reaches.schedules === 'cancel') outbound.bindScheduleCanceller(fn);
  else if (reaches.schedules) outbound.bindScheduleCreator(fn, reaches.schedules.create as readonly FunctionName[]);
  if (reaches.sendsEmail) outbound.bindMailer(fn, reaches.sendsEmail);
  if (reaches.webhookKey) {
    if (!webhookSecret) throw new Error(`${fn.node.path} reaches the webhook key, but no webhook secret was given`);
    fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [webhookSecret.secretArn] }));
  }
  if (reaches.deadLetters) outbound.deadLetterFailedInvocations(fn);
  if (reaches.signIns) identity.bindSignInManager(fn);
}
