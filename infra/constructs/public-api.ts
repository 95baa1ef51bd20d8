import { ArnFormat, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { FunctionName } from '../wiring/functions.ts';
import type { Route } from '../wiring/routes.ts';
import type { Identity } from './identity.ts';

export type PublicApiProps = {
  /** Every route of the API; nothing else is declared. */
  readonly routes: readonly Route[];
  /** The function behind each name the routes use. */
  readonly functions: Readonly<Record<FunctionName, lambda.IFunction>>;
  /** Requests one IP address may send in 5 minutes before the firewall answers 429. */
  readonly rateLimitPerIp: number;
  /** Origins allowed to call the API from a browser script; empty when only plain form posts are expected. */
  readonly allowedOrigins: readonly string[];
  /** Signs in the reps and managers; its authorizer guards every route that is not public. */
  readonly identity: Identity;
};

/**
 * The REST API the outside world posts to, behind AWS WAF. Public routes are
 * open; the others need a Cognito ID token, whose groups the functions check.
 * CORS is answered by the functions; only answers that never reach a function
 * get headers here.
 */
export class PublicApi extends Construct {
  readonly api: apigateway.RestApi;

  constructor(scope: Construct, id: string, props: PublicApiProps) {
    super(scope, id);

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    this.api = new apigateway.RestApi(this, 'Api', {
      restApiName: 'stoke',
      description: 'Stoke public API: lead capture',
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      cloudWatchRole: true,
      deployOptions: {
        stageName: 'v1',
        throttlingRateLimit: 50,
        throttlingBurstLimit: 100,
        tracingEnabled: true,
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        accessLogFormat: accessLogFormat(),
      },
    });
    this.addRoutes(props);
    if (props.allowedOrigins.length > 0) this.addCorsToGatewayErrors();

    new ApiFirewall(this, 'Firewall', {
      stage: this.api.deploymentStage,
      rateLimitPerIp: props.rateLimitPerIp,
      corsHeaders: props.allowedOrigins.length > 0,
    });

    Validations.of(this.api.node.findChild('CloudWatchRole')).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        'The role API Gateway assumes, account-wide, to write execution and access logs: only apigateway.amazonaws.com can assume it, and this AWS-maintained policy holds CloudWatch Logs actions only.',
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason:
        'Bodies arrive as JSON or as form posts; the function validates both with the zod schema the local runtime also uses, and answers with field-level errors.',
    });
  }

  private addRoutes({ routes, functions, identity }: PublicApiProps): void {
    const integrations = new Map<FunctionName, apigateway.LambdaIntegration>();
    for (const route of routes) {
      let integration = integrations.get(route.function);
      if (!integration) {
        integration = new apigateway.LambdaIntegration(functions[route.function], { allowTestInvoke: false });
        integrations.set(route.function, integration);
      }
      const resource = this.api.root.resourceForPath(route.path);
      if (route.access === 'public') {
        acknowledgePublicAccess(resource.addMethod(route.method, integration), route);
      } else {
        resource.addMethod(route.method, integration, {
          authorizationType: apigateway.AuthorizationType.COGNITO,
          authorizer: identity.authorizer,
        });
      }
    }
  }

  // API Gateway cannot match an origin list or its wildcard patterns in these
  // answers; their bodies hold a generic message only, so any origin may read
  // them, which lets a form script show "try again" instead of a network error.
  private addCorsToGatewayErrors(): void {
    for (const type of [apigateway.ResponseType.DEFAULT_4XX, apigateway.ResponseType.DEFAULT_5XX]) {
      this.api.addGatewayResponse(`Cors${type.responseType}`, {
        type,
        responseHeaders: { 'Access-Control-Allow-Origin': "'*'" },
      });
    }
  }
}

function acknowledgePublicAccess(method: apigateway.Method, route: Route): void {
  if (route.method === 'OPTIONS') {
    Validations.of(method).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: `OPTIONS ${route.path} answers CORS preflights, which browsers send without credentials.`,
    });
    return;
  }
  Validations.of(method).acknowledge(
    {
      id: 'AwsSolutions-APIG4',
      reason: route.path.includes('{token}')
        ? `${route.method} ${route.path} serves a link in an email: the signed, expiring, single-purpose token in its path is the credential. AWS WAF (per-IP rate limit, managed rules) and stage throttling protect it.`
        : `${route.method} ${route.path} is public by design: anonymous visitors' web forms post to it. AWS WAF (per-IP rate limit, managed rules) and stage throttling protect it.`,
    },
    {
      id: 'AwsSolutions-COG4',
      reason: `${route.method} ${route.path} is called by anonymous visitors, who have no Cognito user to present.`,
    },
  );
}

function accessLogFormat(): apigateway.AccessLogFormat {
  const field = apigateway.AccessLogField;
  return apigateway.AccessLogFormat.custom(
    JSON.stringify({
      requestId: field.contextRequestId(),
      requestTime: field.contextRequestTime(),
      ip: field.contextIdentitySourceIp(),
      userAgent: field.contextIdentityUserAgent(),
      method: field.contextHttpMethod(),
      resourcePath: field.contextResourcePath(),
      status: field.contextStatus(),
      responseLength: field.contextResponseLength(),
      responseLatency: field.contextResponseLatency(),
      integrationStatus: field.contextIntegrationStatus(),
      integrationLatency: field.contextIntegrationLatency(),
      wafResponseCode: field.contextWafResponseCode(),
      error: field.contextErrorMessage(),
      xrayTraceId: field.contextXrayTraceId(),
    }),
  );
}

type ApiFirewallProps = {
  readonly stage: apigateway.Stage;
  readonly rateLimitPerIp: number;
  /** Whether browser scripts on other origins call the API and must be able to read a 429. */
  readonly corsHeaders: boolean;
};

const rateLimitedBody = 'rate-limited';

/** AWS WAF in front of the stage: a per-IP rate limit and AWS's managed protections. */
class ApiFirewall extends Construct {
  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);

    const acl = new wafv2.CfnWebACL(this, 'Acl', {
      scope: 'REGIONAL',
      description: 'Stoke public API',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('stoke-api'),
      customResponseBodies: {
        [rateLimitedBody]: {
          contentType: 'APPLICATION_JSON',
          // Same shape as the functions' error answers.
          content: JSON.stringify({ error: 'rate-limited', message: 'Too many requests; please try again in a few minutes' }),
        },
      },
      rules: [
        {
          name: 'rate-per-ip',
          priority: 0,
          statement: {
            rateBasedStatement: { limit: props.rateLimitPerIp, aggregateKeyType: 'IP', evaluationWindowSec: 300 },
          },
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: rateLimitedBody,
                responseHeaders: [
                  { name: 'Retry-After', value: '300' },
                  ...(props.corsHeaders ? [{ name: 'Access-Control-Allow-Origin', value: '*' }] : []),
                ],
              },
            },
          },
          visibilityConfig: visibility('rate-per-ip'),
        },
        managedRuleGroup(1, 'AWSManagedRulesAmazonIpReputationList'),
        // The API takes bodies up to 16 KiB and answers 413 itself; this rule
        // would block anything over 8 KB, so it only counts.
        managedRuleGroup(2, 'AWSManagedRulesCommonRuleSet', ['SizeRestrictions_BODY']),
        managedRuleGroup(3, 'AWSManagedRulesKnownBadInputsRuleSet'),
      ],
    });

    new wafv2.CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.stage.stageArn,
      webAclArn: acl.attrArn,
    });

    // Blocked and counted requests only: allowed ones are in the access log already.
    const wafLogs = new logs.LogGroup(this, 'Logs', {
      logGroupName: 'aws-waf-logs-stoke',
      retention: logs.RetentionDays.THREE_MONTHS,
      // A fixed name cannot be created again while a retained copy exists.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: acl.attrArn,
      // WAF rejects the `:*` suffix that the log group's Arn attribute carries.
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: wafLogs.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            Conditions: [
              { ActionCondition: { Action: 'BLOCK' } },
              { ActionCondition: { Action: 'COUNT' } },
              { ActionCondition: { Action: 'EXCLUDED_AS_COUNT' } },
            ],
          },
        ],
      },
    });
  }
}

function visibility(metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

function managedRuleGroup(priority: number, name: string, countOnly: readonly string[] = []): wafv2.CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    statement: {
      managedRuleGroupStatement: {
        vendorName: 'AWS',
        name,
        ...(countOnly.length > 0
          ? { ruleActionOverrides: countOnly.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }
          : {}),
      },
    },
    overrideAction: { none: {} },
    visibilityConfig: visibility(name),
  };
}
