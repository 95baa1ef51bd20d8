import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableDefinition } from '../../functions/storage/table.ts';
import { type StokeSettings, StokeStack } from '../../infra/stoke-stack.ts';
import { lambdaFunctions } from '../../infra/wiring/functions.ts';
import { routes } from '../../infra/wiring/routes.ts';
import { eventRules } from '../../infra/wiring/rules.ts';

// Bundling the functions with esbuild dominates the time these tests take.
const synthTimeout = 120_000;

const settings: StokeSettings = {
  allowedOrigins: ['https://www.example.com', 'https://*.example.org'],
  redirectHosts: ['www.example.com'],
  consentTextVersion: '2026-11-01',
  rateLimitPerIp: 420,
};

// CloudFormation is untyped JSON; these tests read it as such.
type Json = any;
type Resource = { Type: string; Properties: Json; DeletionPolicy?: string; UpdateReplacePolicy?: string };

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

  it('declares every index of the key design, projecting all attributes', () => {
    const [, table] = onlyResource('AWS::DynamoDB::Table');

    expect(table.Properties.GlobalSecondaryIndexes).toEqual(
      tableDefinition.indexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
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

  function pathOf(resourceId: Json): string {
    if (resourceId['Fn::GetAtt']?.[1] === 'RootResourceId') return '';
    const resource = resources[resourceId.Ref];
    if (resource?.Type !== 'AWS::ApiGateway::Resource') throw new Error(`not an API resource: ${JSON.stringify(resourceId)}`);
    return `${pathOf(resource.Properties.ParentId)}/${resource.Properties.PathPart}`;
  }

  it('declares exactly the routes of the routing table', () => {
    const declared = resourcesOfType('AWS::ApiGateway::Method').map(
      ([, method]) => `${method.Properties.HttpMethod} ${pathOf(method.Properties.ResourceId)}`,
    );

    expect(declared.sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
  });

  it.each(routes.map((route) => ({ name: `${route.method} ${route.path}`, route })))(
    'sends $name to its function through a proxy integration',
    ({ route }) => {
      const [, method] = onlyResource(
        'AWS::ApiGateway::Method',
        (m) => m.Properties.HttpMethod === route.method && pathOf(m.Properties.ResourceId) === route.path,
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
    expect(bundle).not.toMatch(/from\s*["']@aws-sdk\//);
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
