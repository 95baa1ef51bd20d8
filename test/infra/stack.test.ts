import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EmailStream } from '../../functions/email/email-streams.ts';
import { tableDefinition } from '../../functions/storage/table.ts';
import { Identity, signInManagerActions } from '../../infra/constructs/identity.ts';
import { PublicApi } from '../../infra/constructs/public-api.ts';
import { matchesPattern, validatePattern } from '../../infra/local/event-pattern.ts';
import { type DocumentedSesEvent, documentedSesEvents } from '../../infra/local/ses-event-fixtures/documented-events.ts';
import type { StokeSettings } from '../../infra/stoke-settings.ts';
import { StokeStack } from '../../infra/stoke-stack.ts';
import { bundling } from '../../infra/wiring/bundling.ts';
import { type FunctionName, lambdaFunctions, type Reach, settingsRead, type TableAccess } from '../../infra/wiring/functions.ts';
import { type Route, routes } from '../../infra/wiring/routes.ts';
import { eventRules } from '../../infra/wiring/rules.ts';
import { recurringSchedules } from '../../infra/wiring/schedules.ts';

// Bundling the functions with esbuild dominates the time these tests take.
const synthTimeout = 120_000;

const settings: StokeSettings = {
  allowedOrigins: ['https://www.example.com', 'https://*.example.org'],
  redirectHosts: ['www.example.com'],
  consentTextVersion: '2026-11-01',
  rateLimitPerIp: 420,
  senderAddress: 'leads@stoke.example',
  companyName: 'Stoke Test Ltd',
  companyPostalAddress: '1 Test Street, 10115 Berlin, Germany',
  // Not the default, so the tests see the setting arrive.
  reviewTimeZone: 'America/Chicago',
  alarmEmails: [],
};

// CloudFormation is untyped JSON; these tests read it as such.
type Json = any;
type Resource = { Type: string; Properties: Json; DependsOn?: string[]; DeletionPolicy?: string; UpdateReplacePolicy?: string };

let app: App;
let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  app = new App();
  template = Template.fromStack(new StokeStack(app, 'Stoke', { settings }));
  resources = template.toJSON().Resources;
}, synthTimeout);

function resourcesOfType(type: string): [string, Resource][] {
  return Object.entries(resources).filter(([, resource]) => resource.Type === type);
}

function onlyResource(type: string, where: (resource: Resource) => boolean = () => true): [string, Resource] {
  const found = resourcesOfType(type).filter(([, resource]) => where(resource));
  expect(found, `exactly one ${type}`).toHaveLength(1);
  return found[0]!;
}

const getAtt = (logicalId: string, attribute: string) => ({ 'Fn::GetAtt': [logicalId, attribute] });

/** Logical ids a CloudFormation value points at through Ref or Fn::GetAtt; pseudo parameters left out. */
function referencedIds(value: Json): string[] {
  if (Array.isArray(value)) return value.flatMap(referencedIds);
  if (value === null || typeof value !== 'object') return [];
  if (typeof value.Ref === 'string') return value.Ref.startsWith('AWS::') ? [] : [value.Ref];
  if (Array.isArray(value['Fn::GetAtt'])) return [value['Fn::GetAtt'][0]];
  return Object.values(value).flatMap(referencedIds);
}

/** The path of the API resource a method is declared on. */
function apiPathOf(resourceId: Json): string {
  if (resourceId['Fn::GetAtt']?.[1] === 'RootResourceId') return '';
  const resource = resources[resourceId.Ref];
  if (resource?.Type !== 'AWS::ApiGateway::Resource') throw new Error(`not an API resource: ${JSON.stringify(resourceId)}`);
  return `${apiPathOf(resource.Properties.ParentId)}/${resource.Properties.PathPart}`;
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

const tableId = () => onlyResource('AWS::DynamoDB::Table')[0];
const busId = () => onlyResource('AWS::Events::EventBus')[0];
const functionOf = (name: keyof typeof lambdaFunctions) =>
  onlyResource('AWS::Lambda::Function', (fn) => fn.Properties.Description === lambdaFunctions[name].description);

describe('lead data', () => {
  it('builds the table from the key design, on demand, recoverable, encrypted and retained', () => {
    const [, table] = onlyResource('AWS::DynamoDB::Table');

    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      KeySchema: [
        { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
    });
  });

  it('declares every index of the key design with its projection; leads by day hold keys only', () => {
    const [, table] = onlyResource('AWS::DynamoDB::Table');

    expect(table.Properties.GlobalSecondaryIndexes).toEqual(
      tableDefinition.indexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: index.projection },
      })),
    );
    // Its keys never change, so the many saves of a lead write nothing to it.
    expect(table.Properties.GlobalSecondaryIndexes.find((index: { IndexName: string }) => index.IndexName === 'GSI3').Projection).toEqual({ ProjectionType: 'KEYS_ONLY' });
  });

  it('creates the stoke event bus with an archive', () => {
    const [id, bus] = onlyResource('AWS::Events::EventBus');
    const [, archive] = onlyResource('AWS::Events::Archive');

    expect(bus.Properties.Name).toBe('stoke');
    expect(referencedIds(archive.Properties.SourceArn)).toEqual([id]);
  });
});

describe('public API', () => {
  const apiId = () => onlyResource('AWS::ApiGateway::RestApi')[0];

  it('declares exactly the routes of the routing table', () => {
    const declared = resourcesOfType('AWS::ApiGateway::Method').map(
      ([, method]) => `${method.Properties.HttpMethod} ${apiPathOf(method.Properties.ResourceId)}`,
    );

    expect(declared.sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
  });

  it.each(routes.map((route) => ({ name: `${route.method} ${route.path}`, route })))(
    'sends $name to its function through a proxy integration',
    ({ route }) => {
      const [, method] = onlyResource(
        'AWS::ApiGateway::Method',
        (m) => m.Properties.HttpMethod === route.method && apiPathOf(m.Properties.ResourceId) === route.path,
      );

      expect(method.Properties.Integration).toMatchObject({ Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' });
      expect(referencedIds(method.Properties.Integration.Uri)).toContain(functionOf(route.function)[0]);
    },
  );

  it('throttles the v1 stage, traces it, logs errors and writes JSON access logs', () => {
    const [, stage] = onlyResource('AWS::ApiGateway::Stage');

    expect(stage.Properties).toMatchObject({ StageName: 'v1', TracingEnabled: true });
    expect(stage.Properties.MethodSettings).toContainEqual(
      expect.objectContaining({
        HttpMethod: '*',
        ResourcePath: '/*',
        LoggingLevel: 'ERROR',
        ThrottlingRateLimit: 50,
        ThrottlingBurstLimit: 100,
      }),
    );
    const [logGroupId] = referencedIds(stage.Properties.AccessLogSetting.DestinationArn);
    expect(resources[logGroupId!]?.Type).toBe('AWS::Logs::LogGroup');
    expect(JSON.parse(stage.Properties.AccessLogSetting.Format)).toMatchObject({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      status: '$context.status',
    });
  });

  it.each(['DEFAULT_4XX', 'DEFAULT_5XX'])('lets browser scripts read %s answers made by API Gateway', (type) => {
    const [, response] = onlyResource('AWS::ApiGateway::GatewayResponse', (r) => r.Properties.ResponseType === type);

    expect(response.Properties.ResponseParameters).toEqual({ 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" });
    expect(referencedIds(response.Properties.RestApiId)).toEqual([apiId()]);
  });

  it('adds no CORS headers to gateway answers when no other origin may call the API', () => {
    // No function code is needed to read the template: skip bundling.
    const sameOriginApp = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const sameOrigin = Template.fromStack(
      new StokeStack(sameOriginApp, 'Stoke', { settings: { ...settings, allowedOrigins: [] } }),
    );

    sameOrigin.resourceCountIs('AWS::ApiGateway::GatewayResponse', 0);
  });
});

describe('firewall', () => {
  const acl = () => onlyResource('AWS::WAFv2::WebACL');
  const rules = (): Json[] => acl()[1].Properties.Rules;

  it('is regional, allows by default and publishes metrics', () => {
    expect(acl()[1].Properties).toMatchObject({
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      VisibilityConfig: { CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true },
    });
    for (const rule of rules()) expect(rule.VisibilityConfig, rule.Name).toMatchObject({ CloudWatchMetricsEnabled: true });
  });

  it('answers 429 to an IP address over the configured rate in 5 minutes', () => {
    const rate = rules().find((rule) => rule.Statement.RateBasedStatement);

    expect(rate?.Statement.RateBasedStatement).toEqual({
      Limit: settings.rateLimitPerIp,
      AggregateKeyType: 'IP',
      EvaluationWindowSec: 300,
    });
    const response = rate.Action.Block.CustomResponse;
    expect(response.ResponseCode).toBe(429);
    expect(acl()[1].Properties.CustomResponseBodies[response.CustomResponseBodyKey]).toMatchObject({
      ContentType: 'APPLICATION_JSON',
    });
    expect(response.ResponseHeaders).toContainEqual({ Name: 'Access-Control-Allow-Origin', Value: '*' });
  });

  it.each(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList'])(
    'applies the AWS managed rule group %s',
    (name) => {
      const rule = rules().find((r) => r.Statement.ManagedRuleGroupStatement?.Name === name);

      expect(rule?.Statement.ManagedRuleGroupStatement.VendorName).toBe('AWS');
      expect(rule?.OverrideAction).toEqual({ None: {} });
    },
  );

  it('only counts bodies over 8 KB, which the function limits itself', () => {
    const common = rules().find((r) => r.Statement.ManagedRuleGroupStatement?.Name === 'AWSManagedRulesCommonRuleSet');

    expect(common?.Statement.ManagedRuleGroupStatement.RuleActionOverrides).toEqual([
      { Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } },
    ]);
  });

  it('guards the v1 stage of the API', () => {
    const [, association] = onlyResource('AWS::WAFv2::WebACLAssociation');
    const [stageId] = onlyResource('AWS::ApiGateway::Stage');
    const [apiId] = onlyResource('AWS::ApiGateway::RestApi');

    expect(association.Properties.WebACLArn).toEqual(getAtt(acl()[0], 'Arn'));
    expect(referencedIds(association.Properties.ResourceArn).sort()).toEqual([apiId, stageId].sort());
  });

  it('logs to a log group whose name WAF accepts', () => {
    const [, logging] = onlyResource('AWS::WAFv2::LoggingConfiguration');
    const [logGroupId] = referencedIds(logging.Properties.LogDestinationConfigs);

    expect(logging.Properties.ResourceArn).toEqual(getAtt(acl()[0], 'Arn'));
    expect(resources[logGroupId!]?.Properties.LogGroupName).toMatch(/^aws-waf-logs-/);
  });
});

describe('capture function', () => {
  it('runs the newest Node.js on ARM64 with tracing, its own log group and the table size settings', () => {
    const [, fn] = functionOf('capture');

    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      MemorySize: lambdaFunctions.capture.memorySize,
      Timeout: lambdaFunctions.capture.timeoutSeconds,
    });
    const [logGroupId] = referencedIds(fn.Properties.LoggingConfig.LogGroup);
    expect(resources[logGroupId!]?.Properties.RetentionInDays).toBeGreaterThan(0);
  });

  it('receives every setting the handler reads', () => {
    const [, fn] = functionOf('capture');

    expect(fn.Properties.Environment.Variables).toMatchObject({
      TABLE_NAME: { Ref: tableId() },
      EVENT_BUS_NAME: { Ref: busId() },
      ALLOWED_ORIGINS: settings.allowedOrigins.join(','),
      REDIRECT_HOSTS: settings.redirectHosts.join(','),
      CONSENT_TEXT_VERSION: settings.consentTextVersion,
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'capture',
      POWERTOOLS_METRICS_NAMESPACE: 'Stoke',
    });
  });

  it('is a self-contained ESM bundle with a require shim and a source map', () => {
    const [, fn] = functionOf('capture');
    const assetDir = path.join(app.outdir, `asset.${fn.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
    const bundle = readFileSync(path.join(assetDir, 'index.mjs'), 'utf8');

    expect(fn.Properties.Handler).toBe('index.handler');
    expect(bundle.split('\n')[0]).toContain('createRequire');
    expect(bundle).not.toMatch(/from\s*["']@(?:aws-sdk|smithy)\//);
    // Only modules reached by a dynamic import that never runs on Lambda (credential providers after the environment one, event streams) are left to the runtime's SDK.
    const dynamicSdkImports = [...bundle.matchAll(/import\(\s*["'](@(?:aws-sdk|smithy)\/[^"']+)["']\s*\)/g)].map((m) => m[1]);
    for (const name of dynamicSdkImports) expect(bundling.external).toContain(name);
    expect(existsSync(path.join(assetDir, 'index.mjs.map'))).toBe(true);
  });
});

describe('least privilege of the capture function', () => {
  type Grant = { action: string; resources: Json[] };

  function grantsOfCapture(): Grant[] {
    const [, fn] = functionOf('capture');
    const [roleId] = referencedIds(fn.Properties.Role);
    const policies = resourcesOfType('AWS::IAM::Policy').filter(([, policy]) =>
      policy.Properties.Roles.some((role: Json) => role.Ref === roleId),
    );
    return policies.flatMap(([, policy]) =>
      policy.Properties.PolicyDocument.Statement.flatMap((statement: Json) => {
        expect(statement.Effect).toBe('Allow');
        return asArray(statement.Action).map((action) => ({ action: action as string, resources: asArray(statement.Resource) }));
      }),
    );
  }

  it('has no managed or inline policies on its role', () => {
    const [, fn] = functionOf('capture');
    const [roleId] = referencedIds(fn.Properties.Role);

    expect(resources[roleId!]?.Properties.ManagedPolicyArns).toBeUndefined();
    expect(resources[roleId!]?.Properties.Policies).toBeUndefined();
  });

  it('may only get, put and update items of the table itself', () => {
    const table = grantsOfCapture().filter((grant) => grant.action.startsWith('dynamodb:'));

    expect(table.map((grant) => grant.action).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    for (const grant of table) expect(grant.resources, grant.action).toEqual([getAtt(tableId(), 'Arn')]);
  });

  it.each(['dynamodb:Scan', 'dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:BatchWriteItem', 'dynamodb:*'])(
    'may not use %s',
    (action) => {
      expect(grantsOfCapture().map((grant) => grant.action)).not.toContain(action);
    },
  );

  it('may only put events on the stoke bus', () => {
    const bus = grantsOfCapture().filter((grant) => grant.action.startsWith('events:'));

    expect(bus).toEqual([{ action: 'events:PutEvents', resources: [getAtt(busId(), 'Arn')] }]);
  });

  it('holds nothing else than writing its own logs and X-Ray traces, the only wildcard', () => {
    const [, fn] = functionOf('capture');
    const logGroupArn = getAtt(referencedIds(fn.Properties.LoggingConfig.LogGroup)[0]!, 'Arn');
    const others = grantsOfCapture().filter((grant) => !/^(dynamodb|events):/.test(grant.action));

    expect(others.map((grant) => grant.action)).toEqual(expect.arrayContaining(['logs:CreateLogStream', 'logs:PutLogEvents']));
    for (const grant of others) {
      expect(grant).toEqual(
        grant.action.startsWith('logs:')
          ? { action: expect.stringMatching(/^logs:(CreateLogStream|PutLogEvents)$/), resources: [logGroupArn] }
          : { action: expect.stringMatching(/^xray:(PutTraceSegments|PutTelemetryRecords)$/), resources: ['*'] },
      );
    }
  });
});

describe('event routing', () => {
  it.each(eventRules.map((rule) => ({ name: rule.name, rule })))('declares the rule $name with the pattern the local bus matches', ({ rule }) => {
    const [, resource] = onlyResource('AWS::Events::Rule', (r) => r.Properties.Name === `stoke-${rule.name}`);
    const { detailType, ...rest } = rule.pattern as Json;
    expect(resource.Properties.EventPattern).toEqual(detailType ? { ...rest, 'detail-type': detailType } : rest);
    expect(resource.Properties.Targets).toHaveLength(1);
  });

  it('keeps every Stoke event in a log group EventBridge may write to, without a custom resource', () => {
    const [logGroupId] = onlyResource('AWS::Logs::LogGroup', (r) => r.Properties.LogGroupName === '/aws/events/stoke');
    const [, rule] = onlyResource('AWS::Events::Rule', (r) => r.Properties.Name === 'stoke-event-log');
    expect(JSON.stringify(rule.Properties.Targets[0].Arn)).toContain('log-group:');
    const [, policy] = onlyResource('AWS::Logs::ResourcePolicy');
    expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('events.amazonaws.com');
    expect(referencedIds(policy.Properties.PolicyDocument)).toContain(logGroupId);
    expect(resourcesOfType('Custom::CloudwatchLogResourcePolicy')).toHaveLength(0);
  });
});

describe('engagement', () => {
  it.each([
    { stream: 'marketing', types: ['bounce', 'click', 'complaint', 'delivery', 'open', 'send', 'subscription'] },
    // The managers are told of a team email's bounce or complaint; nothing else of it changes anything.
    { stream: 'team', types: ['bounce', 'complaint'] },
  ] as const)(
    'has SES publish the $types of the $stream configuration set to the default bus',
    ({ stream, types }) => {
      const [setId] = configurationSetOf(stream);
      const [, destination] = onlyResource('AWS::SES::ConfigurationSetEventDestination', (d) => referencedIds(d.Properties.ConfigurationSetName).includes(setId));
      const { EventDestination } = destination.Properties;

      expect(destination.Properties.ConfigurationSetName).toEqual({ Ref: setId });
      expect(EventDestination.Enabled).toBe(true);
      expect([...EventDestination.MatchingEventTypes].sort()).toEqual(types);
      expect(JSON.stringify(EventDestination.EventBridgeDestination.EventBusArn)).toContain('event-bus/default');
    },
  );

  it('publishes the events of the two configuration sets, and of no other, once each', () => {
    const published = resourcesOfType('AWS::SES::ConfigurationSetEventDestination').map(([, d]) => d.Properties.ConfigurationSetName);

    expect(published).toHaveLength(2);
    expect(published).toEqual(expect.arrayContaining([{ Ref: configurationSetOf('marketing')[0] }, { Ref: configurationSetOf('team')[0] }]));
  });

  it("routes the events of both configuration sets, stoke-marketing's and stoke-team's, on the default bus to the engagement function", () => {
    const [, rule] = onlyResource('AWS::Events::Rule', (r) => r.Properties.Name === 'stoke-email-engagement');

    expect(rule.Properties.EventBusName).toBe('default');
    expect(rule.Properties.EventPattern.source).toEqual(['aws.ses']);
    expect(rule.Properties.EventPattern.detail).toEqual({ mail: { tags: { 'ses:configuration-set': ['stoke-marketing', 'stoke-team'] } } });
    // The names SES publishes (EventBridge events reference, "Amazon Simple Email Service events").
    // Sends too: a stream's bounce and complaint rates are counted against them (the brake).
    expect(rule.Properties.EventPattern['detail-type']).toEqual(['Email Sent', 'Email Delivered', 'Email Opened', 'Email Clicked', 'Email Bounced', 'Email Complaint Received', 'Email Subscribed']);
    expect(referencedIds(rule.Properties.Targets[0].Arn)).toEqual([functionOf('engagement')[0]]);
    expect(rule.Properties.Targets[0].DeadLetterConfig).toBeDefined();
  });

  const documentedRouting = [
    { type: 'send', routed: true },
    { type: 'delivery', routed: true },
    { type: 'delivery-delay', routed: false },
    { type: 'open', routed: true },
    { type: 'click', routed: true },
    { type: 'bounce', routed: true },
    { type: 'complaint', routed: true },
    { type: 'reject', routed: false },
    { type: 'rendering-failure', routed: false },
    { type: 'subscription', routed: true },
  ] as const;
  const fromConfigurationSet = (type: (typeof documentedRouting)[number]['type'], configurationSet: string) => {
    const event = structuredClone(documentedSesEvents[type]) as DocumentedSesEvent;
    event.detail.mail.tags = { ...(event.detail.mail.tags as Record<string, string[]>), 'ses:configuration-set': [configurationSet] };
    return event;
  };

  it.each(['stoke-marketing', 'stoke-team'].flatMap((configurationSet) => documentedRouting.map((each) => ({ ...each, configurationSet }))))(
    'the deployed email-engagement rule routes $type, as AWS documents it, from the $configurationSet configuration set: $routed',
    ({ type, routed, configurationSet }) => {
      const [, rule] = onlyResource('AWS::Events::Rule', (r) => r.Properties.Name === 'stoke-email-engagement');

      expect(matchesPattern(validatePattern(rule.Properties.EventPattern), fromConfigurationSet(type, configurationSet))).toBe(routed);
    },
  );

  // The documented events name the configuration set "ConfigSet"; `stoke` is the one set Stoke sent through before the two streams.
  it.each(['ConfigSet', 'stoke'].flatMap((configurationSet) => documentedRouting.map(({ type }) => ({ type, configurationSet }))))(
    'the deployed email-engagement rule does not route $type, as AWS documents it, from the $configurationSet configuration set',
    ({ type, configurationSet }) => {
      const [, rule] = onlyResource('AWS::Events::Rule', (r) => r.Properties.Name === 'stoke-email-engagement');
      const event = configurationSet === 'ConfigSet' ? (documentedSesEvents[type] as DocumentedSesEvent) : fromConfigurationSet(type, configurationSet);

      expect(matchesPattern(validatePattern(rule.Properties.EventPattern), event)).toBe(false);
    },
  );

  it('builds the engagement function with exactly the settings its handler reads and the actions it needs', () => {
    expectExactSettings('engagement');
    expectExactActions('engagement');
  });

  it('queries only the table itself, not its indexes', () => {
    const queries = resourcesOfType('AWS::IAM::Policy')
      .filter(([, policy]) => referencedIds(policy.Properties.Roles).includes(roleOf('engagement')))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement)
      .filter((statement: Json) => asArray(statement.Action).includes('dynamodb:Query'));

    expect(queries.map((statement: Json) => JSON.stringify(statement.Resource))).toEqual([expect.not.stringContaining('index')]);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('has no finding left that is neither fixed nor acknowledged with a reason', () => {
    const report = new AwsSolutionsChecks().validateScope(app);

    expect(report.violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });
});

describe('app context', () => {
  const run = promisify(execFile);
  const repositoryRoot = path.resolve(import.meta.dirname, '../..');

  it(
    'refuses invalid settings, naming each one',
    async () => {
      const context = { allowedOrigins: 'https://www.example.com,www.example.org', rateLimitPerIp: '5' };

      const failure = await run(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
        cwd: repositoryRoot,
        env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context) },
      }).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );

      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain('allowedOrigins[1]');
      expect(failure?.stderr).toContain('rateLimitPerIp');
    },
    synthTimeout,
  );
});

describe('identity', () => {
  const userPoolId = () => onlyResource('AWS::Cognito::UserPool')[0];
  const authorizers = (): [string, Resource][] => resourcesOfType('AWS::ApiGateway::Authorizer');

  function pathOf(resourceId: Json, of: Record<string, Resource>): string {
    if (resourceId['Fn::GetAtt']?.[1] === 'RootResourceId') return '';
    const resource = of[resourceId.Ref]!;
    return `${pathOf(resource.Properties.ParentId, of)}/${resource.Properties.PathPart}`;
  }

  function methodsOf(of: Record<string, Resource>, declared: readonly Route[]): { route: Route; method: Resource }[] {
    return declared.map((route) => {
      const found = Object.values(of).filter(
        (r) => r.Type === 'AWS::ApiGateway::Method' && r.Properties.HttpMethod === route.method && pathOf(r.Properties.ResourceId, of) === route.path,
      );
      expect(found, `${route.method} ${route.path}`).toHaveLength(1);
      return { route, method: found[0]! };
    });
  }

  it('keeps reps and managers in a retained, invitation-only user pool that signs in by email', () => {
    const [, pool] = onlyResource('AWS::Cognito::UserPool');

    expect(pool.DeletionPolicy).toBe('Retain');
    expect(pool.Properties).toMatchObject({
      DeletionProtection: 'ACTIVE',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    });
  });

  it('asks for strong passwords, offers TOTP and runs threat protection in full-function mode', () => {
    const [id, pool] = onlyResource('AWS::Cognito::UserPool');
    const [, threats] = onlyResource('AWS::Cognito::UserPoolRiskConfigurationAttachment');

    expect(pool.Properties.Policies.PasswordPolicy).toMatchObject({
      MinimumLength: 12,
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
    expect(pool.Properties).toMatchObject({
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
    expect(threats.Properties).toMatchObject({
      UserPoolId: { Ref: id },
      ClientId: 'ALL',
      CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' } },
      AccountTakeoverRiskConfiguration: { Actions: { HighAction: { EventAction: 'MFA_REQUIRED' } } },
    });
  });

  it('has the groups rep, manager, privacy and marketing', () => {
    const declared = resourcesOfType('AWS::Cognito::UserPoolGroup').map(([, group]) => group.Properties);

    expect(declared.map((group) => group.GroupName).sort()).toEqual(['manager', 'marketing', 'privacy', 'rep']);
    expect(declared.find((group) => group.GroupName === 'marketing')?.Description).toMatch(/journeys.*filter.*funnel.*consent/i);
    for (const group of declared) expect(group.UserPoolId).toEqual({ Ref: userPoolId() });
    expect(declared.find((group) => group.GroupName === 'privacy')?.Description).toMatch(/export.*erasure.*any lead/i);
  });

  it('lets the sales desk sign in through managed login with the code grant, as a public client, back to the desk', () => {
    const [, client] = onlyResource('AWS::Cognito::UserPoolClient');
    const [, distribution] = onlyResource('AWS::CloudFront::Distribution');
    const deskUrl = JSON.stringify({ 'Fn::Join': ['', ['https://', getAtt(resourcesOfType('AWS::CloudFront::Distribution')[0]![0], 'DomainName'), '/desk/']] });

    expect(distribution).toBeDefined();
    expect(client.Properties).toMatchObject({
      UserPoolId: { Ref: userPoolId() },
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      IdTokenValidity: 60,
      RefreshTokenValidity: 720,
    });
    expect(client.Properties.AllowedOAuthScopes.sort()).toEqual(['email', 'openid', 'profile']);
    expect(client.Properties.CallbackURLs.map((url: Json) => JSON.stringify(url))).toEqual([deskUrl]);
    expect(client.Properties.LogoutURLs.map((url: Json) => JSON.stringify(url))).toEqual([deskUrl]);
    expect(client.Properties.ExplicitAuthFlows.sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
    expect(client.Properties.WriteAttributes).not.toContain('email');
  });

  it('serves managed login on a Cognito domain of the stack, styled for the desk client', () => {
    const [clientId] = onlyResource('AWS::Cognito::UserPoolClient');
    const [, domain] = onlyResource('AWS::Cognito::UserPoolDomain');
    const [, branding] = onlyResource('AWS::Cognito::ManagedLoginBranding');

    expect(domain.Properties).toMatchObject({ UserPoolId: { Ref: userPoolId() }, ManagedLoginVersion: 2 });
    expect(JSON.stringify(domain.Properties.Domain)).toContain('stoke-desk-');
    expect(branding.Properties).toMatchObject({ UserPoolId: { Ref: userPoolId() }, ClientId: { Ref: clientId }, UseCognitoProvidedValues: true });
  });

  it('outputs the user pool and the sales desk client', () => {
    const [clientId] = onlyResource('AWS::Cognito::UserPoolClient');
    const outputs = template.toJSON().Outputs;

    expect(outputs.UserPoolId.Value).toEqual({ Ref: userPoolId() });
    expect(outputs.SalesDeskClientId.Value).toEqual({ Ref: clientId });
  });

  it('guards every route of the routing table that is not public with the user pool authorizer', () => {
    const guarded = methodsOf(resources, routes.filter((route) => route.access !== 'public'));

    for (const { route, method } of guarded) {
      const [authorizerId] = referencedIds(method.Properties.AuthorizerId);
      expect(method.Properties.AuthorizationType, `${route.method} ${route.path}`).toBe('COGNITO_USER_POOLS');
      expect(resources[authorizerId!]?.Properties).toMatchObject({
        Type: 'COGNITO_USER_POOLS',
        IdentitySource: 'method.request.header.Authorization',
        ProviderARNs: [getAtt(userPoolId(), 'Arn')],
      });
    }
    expect(authorizers()).toHaveLength(guarded.length > 0 ? 1 : 0);
  });

  it('leaves the public routes of the routing table open', () => {
    for (const { route, method } of methodsOf(resources, routes.filter((r) => r.access === 'public'))) {
      expect(method.Properties.AuthorizationType, `${route.method} ${route.path}`).toBe('NONE');
      expect(method.Properties.AuthorizerId).toBeUndefined();
    }
  });

  it('attaches one authorizer to rep and manager routes alike, leaving public ones open, and cdk-nag clean', () => {
    // A route table of this test's own, so the wiring is checked whatever the stack's routes are.
    const testRoutes: Route[] = [
      { method: 'POST', path: '/leads', function: 'capture', access: 'public' },
      { method: 'GET', path: '/me/leads', function: 'capture', access: 'rep' },
      { method: 'PUT', path: '/reps/{email}', function: 'capture', access: 'manager' },
    ];
    const testApp = new App();
    const stack = new Stack(testApp, 'Wiring');
    const fn = lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:eu-central-1:111111111111:function:stand-in');
    new PublicApi(stack, 'Api', {
      routes: testRoutes,
      functions: Object.fromEntries(Object.keys(lambdaFunctions).map((name) => [name, fn])) as Record<FunctionName, lambda.IFunction>,
      rateLimitPerIp: 100,
      allowedOrigins: [],
      identity: new Identity(stack, 'Identity'),
    });
    const wired: Record<string, Resource> = Template.fromStack(stack).toJSON().Resources;

    const [publicRoute, ...guarded] = methodsOf(wired, testRoutes);
    const authorizerIds = new Set(guarded.map(({ method }) => referencedIds(method.Properties.AuthorizerId)[0]));
    expect(guarded.map(({ method }) => method.Properties.AuthorizationType)).toEqual(['COGNITO_USER_POOLS', 'COGNITO_USER_POOLS']);
    expect(authorizerIds.size).toBe(1);
    expect(wired[[...authorizerIds][0]!]?.Type).toBe('AWS::ApiGateway::Authorizer');
    expect(publicRoute?.method.Properties).toMatchObject({ AuthorizationType: 'NONE' });
    const report = new AwsSolutionsChecks().validateScope(testApp);
    const apiAndIdentity = report.violations.filter((v) => /^AwsSolutions-(COG|APIG)/.test(v.ruleName));
    expect(apiAndIdentity.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });
});

// The roles and shared outbound resources of the functions behind the sales handoff and nurture capabilities.
type Grant = { action: string; resources: Json[]; condition?: Json };
type OutboundFunction = Exclude<FunctionName, 'capture'>;

const handoffFunctions = ['handoff', 'first-contact-deadline', 'lead-actions', 'reps', 'handoff-webhook', 'first-contact-watch'] as const satisfies OutboundFunction[];
const nurtureFunctions = ['nurture-enrolment', 'nurture-step', 'email-preferences'] as const satisfies OutboundFunction[];
// email-preferences only moves a lead on or off its track: it emails nobody.
const emailingNurtureFunctions = ['nurture-enrolment', 'nurture-step'] as const satisfies OutboundFunction[];
const salesDeskFunctions = ['sales-desk', 'review-report', 'weekly-review', 'morning-list'] as const satisfies OutboundFunction[];

const scheduleGroup = () => onlyResource('AWS::Scheduler::ScheduleGroup');
const deadLetters = () => onlyResource('AWS::SQS::Queue', (q) => q.Properties.QueueName === 'stoke-dead-letters');
const secret = () => onlyResource('AWS::SecretsManager::Secret', (r) => r.Properties.Description === undefined || !String(r.Properties.Description).includes('webhook'));
const configurationSetNameOf: Record<EmailStream, string> = { marketing: 'stoke-marketing', team: 'stoke-team' };
const configurationSetOf = (stream: EmailStream) =>
  onlyResource('AWS::SES::ConfigurationSet', (set) => set.Properties.Name === configurationSetNameOf[stream]);
const otherStream = (stream: EmailStream): EmailStream => (stream === 'marketing' ? 'team' : 'marketing');
// Tips and subscription confirmations go to leads (marketing); handoffs, reminders, escalations, reviews and morning lists to the people who work in Stoke.
const emailStreamOf = {
  'nurture-enrolment': 'marketing',
  'nurture-step': 'marketing',
  handoff: 'team',
  'first-contact-deadline': 'team',
  'weekly-review': 'team',
  'morning-list': 'team',
  'sending-alerts': 'team',
} as const satisfies Partial<Record<OutboundFunction, EmailStream>>;
type EmailingFunction = keyof typeof emailStreamOf;
const schedulerRole = () =>
  onlyResource('AWS::IAM::Role', (role) =>
    role.Properties.AssumeRolePolicyDocument.Statement.some((s: Json) => s.Principal?.Service === 'scheduler.amazonaws.com'),
  );
const roleOf = (name: FunctionName) => referencedIds(functionOf(name)[1].Properties.Role)[0]!;

function grantsOfRole(roleId: string): Grant[] {
  expect(resources[roleId]?.Properties.ManagedPolicyArns, 'managed policies').toBeUndefined();
  expect(resources[roleId]?.Properties.Policies, 'inline policies').toBeUndefined();
  return resourcesOfType('AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties.Roles.some((role: Json) => role.Ref === roleId))
    .flatMap(([, policy]) =>
      policy.Properties.PolicyDocument.Statement.flatMap((statement: Json) => {
        expect(statement.Effect).toBe('Allow');
        return asArray(statement.Action).map((action) => ({
          action: action as string,
          resources: asArray(statement.Resource),
          ...(statement.Condition ? { condition: statement.Condition } : {}),
        }));
      }),
    );
}

const grantsOf = (name: FunctionName) => grantsOfRole(roleOf(name));
const resourcesFor = (name: FunctionName, action: string) =>
  grantsOf(name)
    .filter((grant) => grant.action === action)
    .flatMap((grant) => grant.resources);

const runtimeActions = ['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTraceSegments', 'xray:PutTelemetryRecords'];
// What each reach of a declaration (infra/wiring/functions.ts) is in IAM actions: a new kind of reach must be added here.
const tableActions: Record<TableAccess, string[]> = {
  'read-item': ['dynamodb:GetItem'],
  'write-item': ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  'put-item': ['dynamodb:PutItem'],
  'delete-item': ['dynamodb:DeleteItem'],
  'batch-delete': ['dynamodb:BatchWriteItem'],
  'batch-read': ['dynamodb:BatchGetItem'],
  'query-partition': ['dynamodb:Query'],
  'query-indexes': ['dynamodb:Query'],
};
const reachActions: { [Kind in keyof Required<Reach>]: (reach: Required<Reach>[Kind]) => string[] } = {
  table: (access) => access.flatMap((each) => tableActions[each]),
  publishes: () => ['events:PutEvents'],
  // Creating a schedule passes the scheduler role to it.
  schedules: (schedules) => (schedules === 'cancel' ? ['scheduler:DeleteSchedule'] : ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule', 'iam:PassRole']),
  sendsEmail: () => ['ses:SendEmail'],
  signingKey: () => ['secretsmanager:GetSecretValue'],
  webhookKey: () => ['secretsmanager:GetSecretValue'],
  // Links are a setting (PUBLIC_API_URL), not a permission.
  writesLinks: () => [],
  deadLetters: () => ['sqs:SendMessage'],
  signIns: () => [...signInManagerActions],
};
function actionsReached(reach: Reach): string[] {
  const kinds = Object.keys(reach) as Array<keyof Reach>;
  return [...new Set(kinds.flatMap((kind) => (reachActions[kind] as (value: unknown) => string[])(reach[kind])))];
}
const outboundFunctions = (Object.keys(lambdaFunctions) as FunctionName[]).filter((name): name is OutboundFunction => name !== 'capture');
const allowed = Object.fromEntries(outboundFunctions.map((name) => [name, actionsReached(lambdaFunctions[name].reaches)])) as Record<OutboundFunction, string[]>;
const tableAccessOf = (name: OutboundFunction): readonly TableAccess[] => (lambdaFunctions[name].reaches as Reach).table ?? [];
/** The function is given exactly the settings its declaration (infra/wiring/functions.ts) names, beside the runtime's own. */
function expectExactSettings(name: FunctionName): void {
  const [, fn] = functionOf(name);

  expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
  expect(Object.keys(fn.Properties.Environment.Variables).sort()).toEqual(
    [...settingsRead(name), 'NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE'].sort(),
  );
}

function expectExactActions(name: OutboundFunction): void {
  const actions = new Set(grantsOf(name).map((grant) => grant.action));

  expect([...actions].sort()).toEqual([...allowed[name], ...runtimeActions].sort());
}

function expectNoWildcardButXRay(name: OutboundFunction): void {
  for (const grant of grantsOf(name)) {
    if (grant.action.startsWith('xray:')) continue;
    expect(grant.resources, grant.action).not.toContain('*');
  }
}

function expectTableAccessConfined(name: OutboundFunction): void {
  const indexArns = tableDefinition.indexes.map((index) => ({ 'Fn::Join': ['', [getAtt(tableId(), 'Arn'), `/index/${index.indexName}`]] }));

  for (const action of allowed[name].filter((a) => a.startsWith('dynamodb:') && a !== 'dynamodb:Query')) {
    expect(resourcesFor(name, action), action).toEqual([getAtt(tableId(), 'Arn')]);
  }
  if (allowed[name].includes('dynamodb:Query')) {
    const queried = [...(tableAccessOf(name).includes('query-partition') ? [getAtt(tableId(), 'Arn')] : []), ...(tableAccessOf(name).includes('query-indexes') ? indexArns : [])];
    const sorted = (arns: Json[]) => arns.map((arn) => JSON.stringify(arn)).sort();
    expect(sorted(resourcesFor(name, 'dynamodb:Query'))).toEqual(sorted(queried));
  }
  if (allowed[name].includes('events:PutEvents')) expect(resourcesFor(name, 'events:PutEvents')).toEqual([getAtt(busId(), 'Arn')]);
}

function expectSchedulesConfinedToGroup(name: OutboundFunction): void {
  const groupSchedules = `:schedule/${scheduleGroup()[1].Properties.Name}/*`;

  for (const action of ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'].filter((a) => allowed[name].includes(a))) {
    const [arn, ...others] = resourcesFor(name, action);
    expect(others, action).toEqual([]);
    expect(JSON.stringify(arn), action).toMatch(/:scheduler:/);
    expect(JSON.stringify(arn).endsWith(`${groupSchedules}"]]}`), `${action} on ${JSON.stringify(arn)}`).toBe(true);
  }
}

function expectSchedulerRolePassedOnly(name: OutboundFunction): void {
  const passRole = grantsOf(name).filter((grant) => grant.action === 'iam:PassRole');

  expect(passRole).toEqual([
    {
      action: 'iam:PassRole',
      resources: [getAtt(schedulerRole()[0], 'Arn')],
      condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    },
  ]);
}

/** SES authorizes both the identity and the configuration set: the function may send through its stream's set, and not the other's. */
function expectSendsFromIdentityThroughOwnStream(name: EmailingFunction): void {
  const senderDomain = settings.senderAddress.split('@')[1];
  const sendEmail = resourcesFor(name, 'ses:SendEmail').map((arn) => JSON.stringify(arn));
  const stream = emailStreamOf[name];

  expect(sendEmail).toHaveLength(2);
  expect(sendEmail.find((arn) => arn.includes(':identity/'))).toContain(`:identity/${senderDomain}"`);
  expect(sendEmail.filter((arn) => arn.includes(':configuration-set/'))).toEqual([
    expect.stringContaining(`:configuration-set/",${JSON.stringify({ Ref: configurationSetOf(stream)[0] })}]`),
  ]);
  expect(sendEmail.join(' ')).not.toContain(configurationSetOf(otherStream(stream))[0]);
  expect(sendEmail.join(' ')).not.toContain(configurationSetNameOf[otherStream(stream)]);
}

function expectFailedInvocationsDeadLettered(name: OutboundFunction): void {
  const [fnId] = functionOf(name);
  const [, config] = onlyResource('AWS::Lambda::EventInvokeConfig', (c) => referencedIds(c.Properties.FunctionName).includes(fnId));

  expect(config.Properties.DestinationConfig).toEqual({ OnFailure: { Destination: getAtt(deadLetters()[0], 'Arn') } });
  expect(resourcesFor(name, 'sqs:SendMessage')).toEqual([getAtt(deadLetters()[0], 'Arn')]);
}

function expectLinksAtStage(name: OutboundFunction): void {
  const url = functionOf(name)[1].Properties.Environment.Variables.PUBLIC_API_URL;
  const [apiId] = onlyResource('AWS::ApiGateway::RestApi');
  const [, stage] = onlyResource('AWS::ApiGateway::Stage');

  expect(url['Fn::Join'][1][0]).toBe('https://');
  expect(url['Fn::Join'][1].at(-1)).toBe(`/${stage.Properties.StageName}/`);
  expect(JSON.stringify(url)).toContain('.execute-api.');
  expect(referencedIds(url)).toEqual([apiId]);
}

/** A target's ARN built from its fixed name: a reference would make a function that schedules itself depend on itself. */
function expectArnByName(arn: Json, target: FunctionName): void {
  expect(JSON.stringify(arn)).toMatch(new RegExp(`:lambda:.*:function:${functionOf(target)[1].Properties.FunctionName}"`));
  expect(referencedIds(arn)).toEqual([]);
}

function expectRuleDeliveredWithDeadLetters(ruleName: string, target: FunctionName): void {
  const [ruleId, resource] = onlyResource('AWS::Events::Rule', (r) => r.Properties.Name === `stoke-${ruleName}`);
  const [queueId] = deadLetters();
  const [, queuePolicy] = onlyResource('AWS::SQS::QueuePolicy', (p) => referencedIds(p.Properties.Queues).includes(queueId));

  expect(resource.Properties.Targets).toEqual([
    {
      Id: 'Target0',
      Arn: getAtt(functionOf(target)[0], 'Arn'),
      DeadLetterConfig: { Arn: getAtt(queueId, 'Arn') },
      RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
    },
  ]);
  expect(queuePolicy.Properties.PolicyDocument.Statement).toContainEqual(
    expect.objectContaining({
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Condition: { ArnEquals: { 'aws:SourceArn': getAtt(ruleId, 'Arn') } },
    }),
  );
}

const rulesTargeting = (name: FunctionName) =>
  eventRules.filter((rule) => rule.target.type === 'function' && rule.target.name === name).map((rule) => ({ name: rule.name, rule }));

it.each(Object.keys(lambdaFunctions) as FunctionName[])('gives %s exactly the settings its declaration names', (name) => {
  expectExactSettings(name);
});

it('tests every function of the wiring as part of one capability', () => {
  expect(['capture', ...handoffFunctions, ...nurtureFunctions, 'engagement', ...salesDeskFunctions, 'marketing', 'sending-alerts'].sort()).toEqual(
    Object.keys(lambdaFunctions).sort(),
  );
});

describe('sales handoff', () => {
  it.each(handoffFunctions)('builds the %s function with exactly the settings its handler reads', (name) => {
    expectExactSettings(name);
  });

  it.each(['handoff', 'first-contact-deadline'] as const)('tells %s where everything it uses is', (name) => {
    const variables = functionOf(name)[1].Properties.Environment.Variables;

    expect(variables).toMatchObject({
      TABLE_NAME: { Ref: tableId() },
      EVENT_BUS_NAME: { Ref: busId() },
      SENDER_ADDRESS: settings.senderAddress,
      SIGNING_SECRET_ARN: { Ref: secret()[0] },
      SCHEDULE_GROUP: scheduleGroup()[1].Properties.Name,
      SCHEDULER_ROLE_ARN: getAtt(schedulerRole()[0], 'Arn'),
      SCHEDULER_DEAD_LETTER_ARN: getAtt(deadLetters()[0], 'Arn'),
      COMPANY_NAME: settings.companyName,
      COMPANY_POSTAL_ADDRESS: settings.companyPostalAddress,
    });
    expectArnByName(variables.FIRST_CONTACT_DEADLINE_FUNCTION_ARN, 'first-contact-deadline');
  });

  it.each(['handoff', 'first-contact-deadline'] as const)('points the links %s emails at the v1 stage, built from the API id alone', (name) => {
    expectLinksAtStage(name);
  });

  it('uses the configured public base URL for links when one is set', () => {
    const customApp = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const custom: Record<string, Resource> = Template.fromStack(
      new StokeStack(customApp, 'Stoke', { settings: { ...settings, publicBaseUrl: 'https://leads.stoke.example/' } }),
    ).toJSON().Resources;
    const linkWriters = (['handoff', 'first-contact-deadline', ...emailingNurtureFunctions] as const).map((name) =>
      Object.values(custom).find((r) => r.Properties?.Description === lambdaFunctions[name].description),
    );

    for (const fn of linkWriters) expect(fn?.Properties.Environment.Variables.PUBLIC_API_URL).toBe('https://leads.stoke.example/');
  });

  it.each(handoffFunctions)('lets %s do exactly what it needs, nothing else', (name) => {
    expectExactActions(name);
  });

  it.each(handoffFunctions)('gives %s no wildcard resource except for X-Ray, which has no resource-level permissions', (name) => {
    expectNoWildcardButXRay(name);
  });

  it.each(handoffFunctions)('confines the table access of %s to items of the table and queries of its indexes', (name) => {
    expectTableAccessConfined(name);
  });

  it('lets reps invite, group, disable and enable sign-ins of the sales desk user pool only, and tells it the pool', () => {
    const cognitoGrants = grantsOf('reps').filter((grant) => grant.action.startsWith('cognito-idp:'));

    expect(cognitoGrants.map((grant) => grant.action).sort()).toEqual(
      ['cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminCreateUser', 'cognito-idp:AdminDisableUser', 'cognito-idp:AdminEnableUser'],
    );
    const [poolId] = onlyResource('AWS::Cognito::UserPool');
    for (const grant of cognitoGrants) expect(grant.resources, grant.action).toEqual([getAtt(poolId, 'Arn')]);
    expect(functionOf('reps')[1].Properties.Environment.Variables.USER_POOL_ID).toEqual({ Ref: poolId });
    for (const name of outboundFunctions.filter((other) => other !== 'reps')) {
      expect(grantsOf(name).filter((grant) => grant.action.startsWith('cognito-idp:')), name).toEqual([]);
    }
  });

  it.each(['handoff', 'first-contact-deadline', 'lead-actions'] as const)('confines the schedules %s may touch to the stoke group', (name) => {
    expectSchedulesConfinedToGroup(name);
  });

  it.each(['handoff', 'first-contact-deadline'] as const)('lets %s pass the scheduler role, to Scheduler only, and no other role', (name) => {
    expectSchedulerRolePassedOnly(name);
  });

  it.each(['handoff', 'first-contact-deadline'] as const)(
    "lets %s send email only from the sending identity through the team's configuration set (stoke-team, not stoke-marketing), and dead-letter only to its queue",
    (name) => {
      expectSendsFromIdentityThroughOwnStream(name);
      expect(resourcesFor(name, 'sqs:SendMessage')).toEqual([getAtt(deadLetters()[0], 'Arn')]);
    },
  );

  it('lets Scheduler, from this account and group only, invoke the deadline function and dead-letter to the queue', () => {
    const [roleId, role] = schedulerRole();
    const [deadlineId] = functionOf('first-contact-deadline');
    const grants = grantsOfRole(roleId);

    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Action: 'sts:AssumeRole',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' }, 'aws:SourceArn': getAtt(scheduleGroup()[0], 'Arn') } },
      }),
    ]);
    expect([...new Set(grants.map((grant) => grant.action))].sort()).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
    expect(grants.filter((grant) => grant.action === 'lambda:InvokeFunction').flatMap((grant) => grant.resources)).toContainEqual(
      getAtt(deadlineId, 'Arn'),
    );
    expect(grants.filter((grant) => grant.action === 'sqs:SendMessage').flatMap((grant) => grant.resources)).toEqual([
      getAtt(deadLetters()[0], 'Arn'),
    ]);
  });

  it('declares the stoke schedule group, outputs its name and deletes it with the stack', () => {
    const [, group] = scheduleGroup();

    expect(group.Properties.Name).toBe('stoke');
    expect(group.DeletionPolicy ?? 'Delete').toBe('Delete');
    expect(template.toJSON().Outputs.ScheduleGroupName.Value).toBe('stoke');
  });

  it.each(rulesTargeting('handoff'))('retries $name for 24 hours, then keeps what could not be delivered in the dead-letter queue', ({ rule }) => {
    expectRuleDeliveredWithDeadLetters(rule.name, 'handoff');
  });

  // Keeps the table above from passing by being empty.
  it('has rules that target the handoff function', () => {
    expect(rulesTargeting('handoff').length).toBeGreaterThan(0);
  });

  it.each(['handoff', 'first-contact-deadline'] as const)('records the failed asynchronous invocations of %s in the dead-letter queue', (name) => {
    expectFailedInvocationsDeadLettered(name);
  });

  it('keeps dead letters encrypted for 14 days, over TLS only, and alarms as soon as one arrives, naming both capabilities', () => {
    const [queueId, queue] = deadLetters();
    const [, queuePolicy] = onlyResource('AWS::SQS::QueuePolicy', (p) => referencedIds(p.Properties.Queues).includes(queueId));
    const [, alarm] = onlyResource('AWS::CloudWatch::Alarm', (a) => JSON.stringify(a.Properties.Dimensions ?? []).includes(queueId));

    expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 86_400 });
    expect(queuePolicy.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    expect(alarm.Properties).toMatchObject({
      AlarmName: 'stoke-dead-letters',
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
    });
    expect(alarm.Properties.AlarmDescription).toMatch(/handoff/i);
    expect(alarm.Properties.AlarmDescription).toMatch(/nurture/i);
    expect(alarm.Properties.AlarmDescription).toContain('stoke-dead-letters');
  });

  it('generates a signing key long enough for the functions, readable by the functions that sign or verify links only', () => {
    const [secretId, signing] = secret();
    const readers = resourcesOfType('AWS::IAM::Policy')
      .filter(([, policy]) =>
        policy.Properties.PolicyDocument.Statement.some(
          (s: Json) => asArray(s.Action).some((a) => String(a).startsWith('secretsmanager:')) && referencedIds(s.Resource).includes(secretId),
        ),
      )
      .flatMap(([, policy]) => referencedIds(policy.Properties.Roles));

    expect(signing.Properties.GenerateSecretString).toMatchObject({ ExcludePunctuation: true });
    expect(signing.Properties.GenerateSecretString.PasswordLength).toBeGreaterThanOrEqual(32);
    expect(readers.sort()).toEqual(
      // Engagement verifies no links: it reads no key.
      (['handoff', 'first-contact-deadline', 'lead-actions', ...nurtureFunctions, 'sales-desk', 'morning-list'] as const).map((name) => roleOf(name)).sort(),
    );
  });

  it('gives the webhook its own key, readable by the webhook function only', () => {
    const [webhookSecretId] = onlyResource('AWS::SecretsManager::Secret', (r) => String(r.Properties.Description ?? '').includes('webhook'));
    const readers = resourcesOfType('AWS::IAM::Policy')
      .filter(([, policy]) => policy.Properties.PolicyDocument.Statement.some((s: Json) => referencedIds(s.Resource).includes(webhookSecretId)))
      .flatMap(([, policy]) => referencedIds(policy.Properties.Roles));

    expect(readers).toEqual([roleOf('handoff-webhook')]);
  });

  it('declares two configuration sets, one per stream of email, and no identity without sesIdentity', () => {
    expect(resourcesOfType('AWS::SES::ConfigurationSet').map(([, set]) => set.Properties.Name).sort()).toEqual(['stoke-marketing', 'stoke-team']);
    expect(resourcesOfType('AWS::SES::EmailIdentity'), 'no identity without sesIdentity').toEqual([]);
  });

  it("sends marketing's email through the stoke-marketing configuration set, which suppresses bounced and complaining addresses, with reputation metrics", () => {
    const [, set] = configurationSetOf('marketing');

    expect(set.Properties).toEqual({
      Name: 'stoke-marketing',
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      ReputationOptions: { ReputationMetricsEnabled: true },
    });
  });

  it("sends the team's email through the stoke-team configuration set, which overrides the suppression list with none, with reputation metrics", () => {
    const [, set] = configurationSetOf('team');

    // A rep's bouncing address is reported, not silently suppressed: an empty list, not a missing one, overrides the account's.
    expect(set.Properties).toEqual({
      Name: 'stoke-team',
      SuppressionOptions: { SuppressedReasons: [] },
      ReputationOptions: { ReputationMetricsEnabled: true },
    });
  });

  it('lets exactly the functions that email send email, each through the stream it is declared with', () => {
    const senders = outboundFunctions.filter((name) => resourcesFor(name, 'ses:SendEmail').length > 0);
    const declared = Object.fromEntries(outboundFunctions.flatMap((name) => ((lambdaFunctions[name].reaches as Reach).sendsEmail ? [[name, (lambdaFunctions[name].reaches as Reach).sendsEmail]] : [])));

    expect(senders.sort()).toEqual(Object.keys(emailStreamOf).sort());
    expect(declared).toEqual(emailStreamOf);
    expect(grantsOf('capture').map((grant) => grant.action)).not.toContain('ses:SendEmail');
  });

  it('gives no function a configuration set setting: every email names its stream, and the sender picks the set', () => {
    for (const [id, fn] of resourcesOfType('AWS::Lambda::Function')) {
      expect(fn.Properties.Environment?.Variables ?? {}, id).not.toHaveProperty('SES_CONFIGURATION_SET');
    }
  });

  it('declares the SES identity with DKIM when one is configured, and sends only from it', () => {
    const identityApp = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const withIdentity = Template.fromStack(
      new StokeStack(identityApp, 'Stoke', { settings: { ...settings, sesIdentity: 'stoke.example' } }),
    ).toJSON().Resources as Record<string, Resource>;
    const [identityId, identity] = Object.entries(withIdentity).find(([, r]) => r.Type === 'AWS::SES::EmailIdentity')!;
    const handoffRole = Object.entries(withIdentity).find(
      ([, r]) => r.Type === 'AWS::IAM::Role' && r.Properties.Description === 'Runs the handoff function',
    )![0];
    const sendEmail = Object.values(withIdentity)
      .filter((r) => r.Type === 'AWS::IAM::Policy' && referencedIds(r.Properties.Roles).includes(handoffRole))
      .flatMap((r) => r.Properties.PolicyDocument.Statement)
      .filter((s: Json) => s.Action === 'ses:SendEmail');

    const setIdNamed = (name: string) => Object.entries(withIdentity).find(([, r]) => r.Type === 'AWS::SES::ConfigurationSet' && r.Properties.Name === name)![0];

    expect(identity.Properties).toMatchObject({ EmailIdentity: 'stoke.example', DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' } });
    // The set SES uses for a send that names none; Stoke's sends all name their stream's.
    expect(identity.Properties.ConfigurationSetAttributes).toEqual({ ConfigurationSetName: { Ref: setIdNamed('stoke-marketing') } });
    expect(sendEmail).toHaveLength(1);
    expect(referencedIds(sendEmail[0].Resource).sort()).toEqual([identityId, setIdNamed('stoke-team')].sort());
  });

  it(
    'refuses a sender that is not on the SES identity, and link URLs that are not https',
    async () => {
      const run = promisify(execFile);
      const repositoryRoot = path.resolve(import.meta.dirname, '../..');
      const failureOf = (context: Record<string, string>) =>
        run(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
          cwd: repositoryRoot,
          env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context) },
        }).then(
          () => undefined,
          (error: { code: number; stderr: string }) => error,
        );

      const [wrongSender, plainHttp] = await Promise.all([
        failureOf({ sesIdentity: 'stoke.example', senderAddress: 'leads@other.example' }),
        failureOf({ publicBaseUrl: 'http://leads.stoke.example/' }),
      ]);

      expect(wrongSender?.code).toBe(1);
      expect(wrongSender?.stderr).toContain('senderAddress');
      expect(plainHttp?.code).toBe(1);
      expect(plainHttp?.stderr).toContain('publicBaseUrl');
    },
    synthTimeout,
  );
});

describe('nurture', () => {
  const scheduleCreators = [...handoffFunctions, ...nurtureFunctions].filter((name) => allowed[name].includes('scheduler:CreateSchedule'));

  it.each(nurtureFunctions)('builds the %s function with exactly the settings its handler reads', (name) => {
    expectExactSettings(name);
  });

  it.each(emailingNurtureFunctions)('tells %s where everything it uses is', (name) => {
    const variables = functionOf(name)[1].Properties.Environment.Variables;

    expect(variables).toMatchObject({
      TABLE_NAME: { Ref: tableId() },
      SENDER_ADDRESS: settings.senderAddress,
      SIGNING_SECRET_ARN: { Ref: secret()[0] },
      SCHEDULE_GROUP: scheduleGroup()[1].Properties.Name,
      SCHEDULER_ROLE_ARN: getAtt(schedulerRole()[0], 'Arn'),
      SCHEDULER_DEAD_LETTER_ARN: getAtt(deadLetters()[0], 'Arn'),
      COMPANY_NAME: settings.companyName,
      COMPANY_POSTAL_ADDRESS: settings.companyPostalAddress,
      // No mailto unsubscribe unless one is configured; the HTTPS link is always there.
      UNSUBSCRIBE_MAILTO: '',
    });
    expectArnByName(variables.NURTURE_STEP_FUNCTION_ARN, 'nurture-step');
  });

  it.each(emailingNurtureFunctions)('points the links %s writes at the v1 stage, built from the API id alone', (name) => {
    expectLinksAtStage(name);
  });

  it.each(['email-preferences', 'engagement'] as const)('tells %s where the lead and its next tip are, and nothing about sending email', (name) => {
    const variables = functionOf(name)[1].Properties.Environment.Variables;

    expect(variables).toMatchObject({
      TABLE_NAME: { Ref: tableId() },
      SCHEDULE_GROUP: scheduleGroup()[1].Properties.Name,
      SCHEDULER_ROLE_ARN: getAtt(schedulerRole()[0], 'Arn'),
      SCHEDULER_DEAD_LETTER_ARN: getAtt(deadLetters()[0], 'Arn'),
    });
    expectArnByName(variables.NURTURE_STEP_FUNCTION_ARN, 'nurture-step');
    for (const setting of ['SENDER_ADDRESS', 'SES_CONFIGURATION_SET', 'COMPANY_NAME', 'COMPANY_POSTAL_ADDRESS', 'PUBLIC_API_URL', 'UNSUBSCRIBE_MAILTO']) {
      expect(variables, setting).not.toHaveProperty(setting);
    }
    expect(resourcesFor(name, 'ses:SendEmail')).toEqual([]);
  });

  it('offers the configured unsubscribe address to every nurture function that emails', () => {
    const mailtoApp = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const withMailto: Record<string, Resource> = Template.fromStack(
      new StokeStack(mailtoApp, 'Stoke', { settings: { ...settings, unsubscribeMailto: 'unsubscribe@stoke.example' } }),
    ).toJSON().Resources;

    for (const name of emailingNurtureFunctions) {
      const fn = Object.values(withMailto).find((r) => r.Properties?.Description === lambdaFunctions[name].description);
      expect(fn?.Properties.Environment.Variables.UNSUBSCRIBE_MAILTO, name).toBe('unsubscribe@stoke.example');
    }
  });

  it.each(nurtureFunctions)('lets %s do exactly what it needs, nothing else', (name) => {
    expectExactActions(name);
  });

  it.each(nurtureFunctions.flatMap((name) => ['events:PutEvents', 'dynamodb:Scan'].map((action) => ({ name, action }))))(
    'does not let $name use $action',
    ({ name, action }) => {
      expect(grantsOf(name).map((grant) => grant.action)).not.toContain(action);
    },
  );

  it('lets only nurture-enrolment query, the table itself and not its indexes: the sends waiting on the brake, read whole on resume', () => {
    expect(allowed['nurture-step']).not.toContain('dynamodb:Query');
    expect(resourcesFor('nurture-enrolment', 'dynamodb:Query')).toEqual([getAtt(tableId(), 'Arn')]);
  });

  it.each(nurtureFunctions)('gives %s no wildcard resource except for X-Ray, which has no resource-level permissions', (name) => {
    expectNoWildcardButXRay(name);
  });

  it.each(nurtureFunctions)('confines the table access of %s to items of the table', (name) => {
    expectTableAccessConfined(name);
  });

  it.each(nurtureFunctions)('confines the schedules %s may create and delete to the stoke group', (name) => {
    expectSchedulesConfinedToGroup(name);
  });

  it.each(nurtureFunctions)('lets %s pass the scheduler role, to Scheduler only, and no other role', (name) => {
    expectSchedulerRolePassedOnly(name);
  });

  it.each(emailingNurtureFunctions)("lets %s send email only from the sending identity through marketing's configuration set (stoke-marketing, not stoke-team)", (name) => {
    expectSendsFromIdentityThroughOwnStream(name);
  });

  it.each(['nurture-enrolment', 'nurture-step'] as const)('records the failed asynchronous invocations of %s in the dead-letter queue', (name) => {
    expectFailedInvocationsDeadLettered(name);
  });

  it('sets no failure destination for email-preferences, which API Gateway invokes synchronously', () => {
    const [fnId] = functionOf('email-preferences');
    const configs = resourcesOfType('AWS::Lambda::EventInvokeConfig').filter(([, c]) => referencedIds(c.Properties.FunctionName).includes(fnId));

    expect(configs).toEqual([]);
    expect(resourcesFor('email-preferences', 'sqs:SendMessage')).toEqual([]);
  });

  it.each(scheduleCreators)('lets %s schedule only functions the scheduler role may invoke', (name) => {
    const [roleId] = schedulerRole();
    const invokable = grantsOfRole(roleId)
      .filter((grant) => grant.action === 'lambda:InvokeFunction')
      .flatMap((grant) => referencedIds(grant.resources))
      .map((id) => resources[id]?.Properties.FunctionName);
    const variables = functionOf(name)[1].Properties.Environment.Variables;
    const targets = Object.keys(variables)
      .filter((key) => key.endsWith('_FUNCTION_ARN'))
      .map((key) => JSON.stringify(variables[key]).match(/:function:([a-z0-9-]+)"/)?.[1]);

    expect(targets.length, 'a schedule creator has a target').toBeGreaterThan(0);
    for (const target of targets) expect(invokable).toContain(target);
  });

  it.each(rulesTargeting('nurture-enrolment'))('retries $name for 24 hours, then keeps what could not be delivered in the dead-letter queue', ({ rule }) => {
    expectRuleDeliveredWithDeadLetters(rule.name, 'nurture-enrolment');
  });

  // Keeps the table above from passing by being empty.
  it('has a rule that targets the nurture-enrolment function', () => {
    expect(rulesTargeting('nurture-enrolment').length).toBeGreaterThan(0);
  });

  it('serves the links of marketing email on public routes without an authorizer, and leaves the other routes as they were', () => {
    const authorizationOf = (method: string, routePath: string) => {
      const [, found] = onlyResource(
        'AWS::ApiGateway::Method',
        (m) => m.Properties.HttpMethod === method && apiPathOf(m.Properties.ResourceId) === routePath,
      );
      return { type: found.Properties.AuthorizationType, authorizer: found.Properties.AuthorizerId === undefined ? 'none' : 'user pool' };
    };
    const emailRoutes = routes.filter((route) => route.function === 'email-preferences');
    const others = routes.filter((route) => route.function !== 'email-preferences');

    expect(emailRoutes.map((route) => `${route.method} ${route.path}`).sort()).toEqual(
      ['GET /email/confirm/{token}', 'GET /email/unsubscribe/{token}', 'POST /email/confirm/{token}', 'POST /email/unsubscribe/{token}'],
    );
    for (const route of emailRoutes) {
      expect(authorizationOf(route.method, route.path), `${route.method} ${route.path}`).toEqual({ type: 'NONE', authorizer: 'none' });
    }
    expect(others.map((route) => `${route.method} ${route.path} ${route.function} ${route.access}`)).toEqual([
      'POST /leads capture public',
      'OPTIONS /leads capture public',
      'GET /actions/{token} lead-actions public',
      'POST /actions/{token} lead-actions public',
      'GET /me/leads sales-desk rep',
      'POST /leads/merge sales-desk rep',
      'GET /leads/{leadId} sales-desk rep',
      'DELETE /leads/{leadId} sales-desk manager,privacy',
      'POST /leads/{leadId}/contacts sales-desk rep',
      'PUT /leads/{leadId}/status sales-desk rep',
      'POST /leads/{leadId}/recycle sales-desk rep',
      'PUT /leads/{leadId}/next-step sales-desk rep',
      'POST /leads/{leadId}/next-step/skip sales-desk rep',
      'GET /leads/{leadId}/export sales-desk manager,privacy',
      'GET /team sales-desk manager',
      'POST /leads/{leadId}/reassign sales-desk manager',
      'GET /sales/policy sales-desk rep',
      'GET /privacy/audit sales-desk privacy',
      'GET /reports/weekly review-report manager',
      'GET /marketing/journey marketing marketing',
      'GET /marketing/filter-audit marketing marketing',
      'GET /marketing/funnel marketing marketing',
      'GET /marketing/consent marketing marketing',
      'GET /marketing/tracks/{track}/tips marketing marketing',
      'GET /marketing/sending marketing marketing',
      'POST /marketing/sending/resume marketing manager',
      'GET /marketing/scoring/model marketing marketing',
      'POST /marketing/scoring/backtest marketing marketing',
      'GET /marketing/scoring/signals marketing marketing',
      'POST /reps/{repId}/focus reps manager',
      'GET /reps reps manager',
      'POST /reps reps manager',
      'GET /reps/{repId} reps manager',
      'PUT /reps/{repId} reps manager',
    ]);
    for (const route of others) {
      expect(authorizationOf(route.method, route.path), `${route.method} ${route.path}`).toEqual(
        route.access === 'public' ? { type: 'NONE', authorizer: 'none' } : { type: 'COGNITO_USER_POOLS', authorizer: 'user pool' },
      );
    }
  });

  it('leaves no cdk-nag finding on the nurture functions or the shared outbound resources', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    const paths = report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));

    expect(paths.filter((finding) => /\/(Nurture|Outbound)\//.test(finding))).toEqual([]);
  });

  it(
    'refuses an unsubscribe address that is not an email address',
    async () => {
      const run = promisify(execFile);
      const repositoryRoot = path.resolve(import.meta.dirname, '../..');

      const failure = await run(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
        cwd: repositoryRoot,
        env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ unsubscribeMailto: 'mailto:unsubscribe' }) },
      }).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );

      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain('unsubscribeMailto');
    },
    synthTimeout,
  );
});

describe("marketing's figures", () => {
  it('builds the marketing function with exactly the settings its handler reads', () => {
    expectExactSettings('marketing');
  });

  it('lets marketing query the table and its indexes, read items alone and in batches, put single items (the brake) and announce a resume: no update, no delete, no scan, no email', () => {
    expectExactActions('marketing');
    expect([...allowed.marketing].sort()).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'events:PutEvents']);
    expectTableAccessConfined('marketing');
    expectNoWildcardButXRay('marketing');
    expect(resourcesFor('marketing', 'events:PutEvents')).toEqual([getAtt(busId(), 'Arn')]);
  });

  it('serves its routes to signed-in people only: the figures and the brake to marketing and managers, resuming to managers alone', () => {
    const marketingRoutes = routes.filter((route) => route.function === 'marketing');
    expect(marketingRoutes.map((route) => `${route.method} ${route.path} ${route.access}`)).toEqual([
      'GET /marketing/journey marketing',
      'GET /marketing/filter-audit marketing',
      'GET /marketing/funnel marketing',
      'GET /marketing/consent marketing',
      'GET /marketing/tracks/{track}/tips marketing',
      'GET /marketing/sending marketing',
      'POST /marketing/sending/resume manager',
      'GET /marketing/scoring/model marketing',
      'POST /marketing/scoring/backtest marketing',
      'GET /marketing/scoring/signals marketing',
    ]);
  });
});

describe('sales desk and review', () => {
  const run = promisify(execFile);
  const repositoryRoot = path.resolve(import.meta.dirname, '../..');
  const arnOf = (name: FunctionName) => getAtt(functionOf(name)[0], 'Arn');

  it.each(salesDeskFunctions)('builds the %s function with exactly the settings its handler reads', (name) => {
    expectExactSettings(name);
  });

  it('tells sales-desk where the table, the bus, the schedule group and the signing key are', () => {
    expect(functionOf('sales-desk')[1].Properties.Environment.Variables).toMatchObject({
      TABLE_NAME: { Ref: tableId() },
      EVENT_BUS_NAME: { Ref: busId() },
      SCHEDULE_GROUP: scheduleGroup()[1].Properties.Name,
      SIGNING_SECRET_ARN: { Ref: secret()[0] },
    });
  });

  it.each(['review-report', 'weekly-review'] as const)('bounds the weeks %s reports on in the configured review time zone', (name) => {
    expect(functionOf(name)[1].Properties.Environment.Variables).toMatchObject({
      TABLE_NAME: { Ref: tableId() },
      REVIEW_TIME_ZONE: settings.reviewTimeZone,
    });
  });

  it("tells weekly-review how to email managers, and points its report link at the desk on the distribution's domain", () => {
    const variables = functionOf('weekly-review')[1].Properties.Environment.Variables;
    expect(variables).toMatchObject({
      SENDER_ADDRESS: settings.senderAddress,
      COMPANY_NAME: settings.companyName,
      COMPANY_POSTAL_ADDRESS: settings.companyPostalAddress,
    });
    const [distributionId] = onlyResource('AWS::CloudFront::Distribution');
    expect(variables.DESK_URL).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/desk/']] });
    expect(variables.PUBLIC_API_URL).toBeUndefined();
  });

  it.each(salesDeskFunctions)('lets %s do exactly what it needs, nothing else', (name) => {
    expectExactActions(name);
  });

  it.each([
    ...['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:Scan'].map((action) => ({
      name: 'review-report' as const,
      action,
    })),
    ...['dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:Scan', 'events:PutEvents'].map((action) => ({ name: 'weekly-review' as const, action })),
    ...['dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:Scan', 'events:PutEvents'].map((action) => ({ name: 'morning-list' as const, action })),
    ...['dynamodb:Scan', 'scheduler:CreateSchedule', 'iam:PassRole', 'ses:SendEmail', 'sqs:SendMessage'].map((action) => ({
      name: 'sales-desk' as const,
      action,
    })),
  ])('does not let $name use $action', ({ name, action }) => {
    expect(grantsOf(name).map((grant) => grant.action)).not.toContain(action);
  });

  it.each(salesDeskFunctions)('gives %s no wildcard resource except for X-Ray, which has no resource-level permissions', (name) => {
    expectNoWildcardButXRay(name);
  });

  it.each(salesDeskFunctions)('confines the table access of %s to the table and queries of it and its indexes', (name) => {
    expectTableAccessConfined(name);
  });

  it('confines the schedules sales-desk may delete to the stoke group', () => {
    expectSchedulesConfinedToGroup('sales-desk');
  });

  it.each(['weekly-review', 'morning-list'] as const)("lets %s send email only from the sending identity through the team's configuration set (stoke-team, not stoke-marketing)", (name) => {
    expectSendsFromIdentityThroughOwnStream(name);
  });

  it.each(['weekly-review', 'morning-list'] as const)('records the failed asynchronous invocations of %s in the dead-letter queue', (name) => {
    expectFailedInvocationsDeadLettered(name);
  });

  it('tells morning-list how to email reps with signed one-click links at the v1 stage, and how to schedule their next morning', () => {
    const variables = functionOf('morning-list')[1].Properties.Environment.Variables;

    expect(variables).toMatchObject({
      TABLE_NAME: { Ref: tableId() },
      SENDER_ADDRESS: settings.senderAddress,
      SIGNING_SECRET_ARN: { Ref: secret()[0] },
      COMPANY_NAME: settings.companyName,
      COMPANY_POSTAL_ADDRESS: settings.companyPostalAddress,
      SCHEDULE_GROUP: scheduleGroup()[1].Properties.Name,
      SCHEDULER_ROLE_ARN: getAtt(schedulerRole()[0], 'Arn'),
      SCHEDULER_DEAD_LETTER_ARN: getAtt(deadLetters()[0], 'Arn'),
    });
    // Its own ARN, built from the name: a reference would make the function depend on itself.
    expectArnByName(variables.MORNING_LIST_FUNCTION_ARN, 'morning-list');
    expectLinksAtStage('morning-list');
  });

  it('lets morning-list create and delete schedules of the stoke group only, passing only the scheduler role', () => {
    expectSchedulesConfinedToGroup('morning-list');
    expectSchedulerRolePassedOnly('morning-list');
  });

  it('plans the morning lists daily at noon by invoking morning-list with nothing: each list then schedules the next', () => {
    const [, schedule] = onlyResource('AWS::Scheduler::Schedule', (s) => s.Properties.Name === 'morning-list-planning');

    expect(schedule.Properties.ScheduleExpression).toBe('cron(0 12 * * ? *)');
    expect(schedule.Properties.Target.Arn).toEqual(arnOf('morning-list'));
    expect(schedule.Properties.Target.Input).toBe('{}');
  });

  it.each(['sales-desk', 'review-report'] as const)('sets no failure destination for %s, which API Gateway invokes synchronously', (name) => {
    const [fnId] = functionOf(name);
    const configs = resourcesOfType('AWS::Lambda::EventInvokeConfig').filter(([, c]) => referencedIds(c.Properties.FunctionName).includes(fnId));

    expect(configs).toEqual([]);
    expect(resourcesFor(name, 'sqs:SendMessage')).toEqual([]);
  });

  it('declares one schedule per recurring schedule of the wiring', () => {
    expect(resourcesOfType('AWS::Scheduler::Schedule').map(([, s]) => s.Properties.Name).sort()).toEqual(
      recurringSchedules.map((entry) => entry.name).sort(),
    );
  });

  it.each(recurringSchedules.map((entry) => ({ name: entry.name, entry })))(
    'runs $name in the stoke group on its cron in the review time zone, invoking its target with the scheduler role, retries and dead letters',
    ({ entry }) => {
      const [, schedule] = onlyResource('AWS::Scheduler::Schedule', (s) => s.Properties.Name === entry.name);
      const [groupId, group] = scheduleGroup();

      // The group is named rather than referenced, so the schedule must wait for it explicitly.
      expect(schedule.DependsOn).toContain(groupId);
      expect(schedule.Properties).toEqual({
        Name: entry.name,
        Description: entry.description,
        GroupName: group.Properties.Name,
        ScheduleExpression: entry.expression,
        ScheduleExpressionTimezone: settings.reviewTimeZone,
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'ENABLED',
        Target: {
          Arn: arnOf(entry.target),
          RoleArn: getAtt(schedulerRole()[0], 'Arn'),
          Input: JSON.stringify(entry.input),
          RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 86_400 },
          DeadLetterConfig: { Arn: getAtt(deadLetters()[0], 'Arn') },
        },
      });
    },
  );

  it('sends the weekly lead review every Monday at 08:00 by invoking weekly-review', () => {
    const [, schedule] = onlyResource('AWS::Scheduler::Schedule', (s) => s.Properties.Name === 'weekly-lead-review');

    expect(schedule.Properties.ScheduleExpression).toBe('cron(0 8 ? * MON *)');
    expect(schedule.Properties.Target.Arn).toEqual(arnOf('weekly-review'));
  });

  it('lets Scheduler invoke exactly the functions schedules target: first-contact-deadline, nurture-step, weekly-review and morning-list', () => {
    const invoked = grantsOfRole(schedulerRole()[0])
      .filter((grant) => grant.action === 'lambda:InvokeFunction')
      .flatMap((grant) => grant.resources)
      .map((arn) => JSON.stringify(arn));

    expect(invoked.sort()).toEqual(
      (['first-contact-deadline', 'nurture-step', 'weekly-review', 'morning-list'] as const).map((name) => JSON.stringify(arnOf(name))).sort(),
    );
  });

  it('guards every sales desk and review route with the user pool authorizer, leaving none public', () => {
    const deskRoutes = routes.filter(
      (route) => route.function === 'sales-desk' || route.function === 'review-report' || route.path === '/reps/{repId}/focus',
    );
    const [authorizerId] = onlyResource('AWS::ApiGateway::Authorizer');

    expect(deskRoutes.map((route) => `${route.method} ${route.path} ${route.access}`).sort()).toEqual(
      [
        'GET /me/leads rep',
        'POST /leads/merge rep',
        'GET /leads/{leadId} rep',
        'DELETE /leads/{leadId} manager,privacy',
        'POST /leads/{leadId}/contacts rep',
        'PUT /leads/{leadId}/status rep',
        'POST /leads/{leadId}/recycle rep',
        'PUT /leads/{leadId}/next-step rep',
        'POST /leads/{leadId}/next-step/skip rep',
        'GET /leads/{leadId}/export manager,privacy',
        'GET /team manager',
        'POST /leads/{leadId}/reassign manager',
        'GET /sales/policy rep',
        'GET /privacy/audit privacy',
        'GET /reports/weekly manager',
        'POST /reps/{repId}/focus manager',
      ].sort(),
    );
    for (const route of deskRoutes) {
      const [, method] = onlyResource(
        'AWS::ApiGateway::Method',
        (m) => m.Properties.HttpMethod === route.method && apiPathOf(m.Properties.ResourceId) === route.path,
      );
      expect(method.Properties, `${route.method} ${route.path}`).toMatchObject({
        AuthorizationType: 'COGNITO_USER_POOLS',
        AuthorizerId: { Ref: authorizerId },
      });
    }
  });

  it('puts leads sales recycles on a nurture track again, retried and dead-lettered like every rule', () => {
    expectRuleDeliveredWithDeadLetters('recycled-nurture-enrolment', 'nurture-enrolment');
  });

  it('names the weekly review in the dead-letter alarm', () => {
    const [, alarm] = onlyResource('AWS::CloudWatch::Alarm', (a) => a.Properties.AlarmName === 'stoke-dead-letters');

    expect(alarm.Properties.AlarmDescription).toMatch(/weekly review/i);
  });

  it('leaves no cdk-nag finding on the sales desk and review', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    const paths = report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));

    expect(paths.filter((finding) => finding.includes('/SalesDesk/'))).toEqual([]);
  });

  it(
    'refuses a review time zone that is not a name of the tz database, naming the setting',
    async () => {
      const failureOf = (reviewTimeZone: string) =>
        run(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
          cwd: repositoryRoot,
          env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ reviewTimeZone }) },
        }).then(
          () => undefined,
          (error: { code: number; stderr: string }) => error,
        );

      const [offset, unknown, lowerCase] = await Promise.all([failureOf('+01:00'), failureOf('Europe/Atlantis'), failureOf('europe/berlin')]);

      for (const failure of [offset, unknown, lowerCase]) {
        expect(failure?.code).toBe(1);
        expect(failure?.stderr).toContain('reviewTimeZone');
      }
      expect(lowerCase?.stderr).toContain('Europe/Berlin');
    },
    synthTimeout,
  );

  it(
    'runs the review in Europe/Berlin when no time zone is configured',
    async () => {
      const outdir = mkdtempSync(path.join(tmpdir(), 'stoke-synth-'));
      try {
        // CDK_OUTDIR makes the app synthesize on exit, as under the CDK CLI; the template needs no bundles.
        await run(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
          cwd: repositoryRoot,
          env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify({ 'aws:cdk:bundling-stacks': [] }) },
        });
        const synthesized: Resource[] = Object.values(JSON.parse(readFileSync(path.join(outdir, 'Stoke.template.json'), 'utf8')).Resources);
        const weeklyReview = synthesized.find((r) => r.Properties?.Description === lambdaFunctions['weekly-review'].description);
        const schedule = synthesized.find((r) => r.Type === 'AWS::Scheduler::Schedule');

        expect(weeklyReview?.Properties.Environment.Variables.REVIEW_TIME_ZONE).toBe('Europe/Berlin');
        expect(schedule?.Properties.ScheduleExpressionTimezone).toBe('Europe/Berlin');
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    },
    synthTimeout,
  );
});

describe('desk hosting', () => {
  const distribution = () => onlyResource('AWS::CloudFront::Distribution');
  const bucketOfDesk = () =>
    onlyResource('AWS::S3::Bucket', (bucket) => bucket.Properties.LoggingConfiguration !== undefined);

  it('keeps the desk in a private bucket, over TLS only, logging its access', () => {
    const [bucketId, bucket] = bucketOfDesk();
    const [, policy] = onlyResource('AWS::S3::BucketPolicy', (p) => referencedIds(p.Properties.Bucket).includes(bucketId));

    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
    });
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    // Only CloudFront, through origin access control, reads it.
    const reads = policy.Properties.PolicyDocument.Statement.filter((st: Json) => st.Effect === 'Allow');
    expect(reads).toEqual([expect.objectContaining({ Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' } })]);
  });

  it('serves the desk through origin access control, HTTPS only, its pages by a viewer-request function', () => {
    const [, dist] = distribution();
    const config = dist.Properties.DistributionConfig;
    const [oacId] = onlyResource('AWS::CloudFront::OriginAccessControl');
    const s3Origin = config.Origins.find((origin: Json) => origin.S3OriginConfig);

    expect(s3Origin.OriginAccessControlId).toEqual(getAtt(oacId, 'Id'));
    expect(config.DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', TargetOriginId: s3Origin.Id });
    expect(config.DefaultCacheBehavior.FunctionAssociations).toHaveLength(1);
    expect(config.Logging).toBeDefined();
    const [, fn] = onlyResource('AWS::CloudFront::Function');
    expect(fn.Properties.FunctionCode).toContain("'/desk/index.html'");
    // Custom error responses would turn the API's 403 and 404 into the desk's page.
    expect(config.CustomErrorResponses).toBeUndefined();
  });

  it('passes /v1/* to the API uncached, with every method, the Authorization header and the query string', () => {
    const config = distribution()[1].Properties.DistributionConfig;
    const [apiId] = onlyResource('AWS::ApiGateway::RestApi');
    const [behaviour] = config.CacheBehaviors;
    const apiOrigin = config.Origins.find((origin: Json) => origin.Id === behaviour.TargetOriginId);

    expect(config.CacheBehaviors).toHaveLength(1);
    expect(behaviour).toMatchObject({
      PathPattern: '/v1/*',
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      // The managed policies CachingDisabled and AllViewerExceptHostHeader.
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
    });
    expect(referencedIds(apiOrigin.DomainName)).toEqual([apiId]);
    expect(apiOrigin.OriginPath).toBeUndefined();
    expect(apiOrigin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
  });

  it('sends a Content-Security-Policy without inline scripts, HSTS, nosniff and a referrer policy', () => {
    const [policyId, policy] = onlyResource('AWS::CloudFront::ResponseHeadersPolicy');
    const headers = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = JSON.stringify(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    const config = distribution()[1].Properties.DistributionConfig;

    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain('connect-src \'self\' https://*.amazoncognito.com https://cognito-idp.');
    expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true });
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(headers.ReferrerPolicy.ReferrerPolicy).toBe('same-origin');
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    expect(config.CacheBehaviors[0].ResponseHeadersPolicyId).toEqual({ Ref: policyId });
  });

  it('outputs the desk URL', () => {
    const url = template.toJSON().Outputs.DeskUrl.Value;

    expect(url).toEqual({ 'Fn::Join': ['', ['https://', getAtt(distribution()[0], 'DomainName'), '/desk/']] });
  });
});
