import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { emailStreams, type EmailStream } from '../../functions/email/email-streams.ts';
import { businessMetrics } from '../../functions/platform/business-metrics.ts';
import { tableDefinition } from '../../functions/storage/table.ts';
import type { StokeSettings } from '../../infra/stoke-settings.ts';
import { StokeStack } from '../../infra/stoke-stack.ts';
import { type FunctionName, lambdaFunctions } from '../../infra/wiring/functions.ts';

// Bundling the functions with esbuild dominates the time these tests take.
const synthTimeout = 120_000;
const alarmEmails = ['ops@stoke.example', 'sales-lead@stoke.example'];
const settings: StokeSettings = {
  allowedOrigins: ['https://www.example.com'],
  redirectHosts: [],
  consentTextVersion: '2026-11-01',
  rateLimitPerIp: 300,
  senderAddress: 'leads@stoke.example',
  companyName: 'Stoke Test Ltd',
  companyPostalAddress: '1 Test Street, 10115 Berlin, Germany',
  reviewTimeZone: 'Europe/Berlin',
  alarmEmails,
};

// CloudFormation is untyped JSON; these tests read it as such.
type Json = any;
type Resource = { Type: string; Properties: Json; DependsOn?: string[] };

let app: App;
let template: Json;
let resources: Record<string, Resource>;

beforeAll(() => {
  app = new App();
  template = Template.fromStack(new StokeStack(app, 'Stoke', { settings })).toJSON();
  resources = template.Resources;
}, synthTimeout);

const resourcesOfType = (type: string): [string, Resource][] => Object.entries(resources).filter(([, resource]) => resource.Type === type);

function onlyResource(type: string, where: (resource: Resource) => boolean = () => true): [string, Resource] {
  const found = resourcesOfType(type).filter(([, resource]) => where(resource));
  expect(found, `exactly one ${type}`).toHaveLength(1);
  return found[0]!;
}

const ref = (logicalId: string) => ({ Ref: logicalId });
const topicId = () => onlyResource('AWS::SNS::Topic', (topic) => topic.Properties.TopicName === 'stoke-alarms')[0];
const alarmNamed = (name: string) => onlyResource('AWS::CloudWatch::Alarm', (alarm) => alarm.Properties.AlarmName === name)[1].Properties;
const functionId = (name: FunctionName) => onlyResource('AWS::Lambda::Function', (fn) => fn.Properties.Description === lambdaFunctions[name].description)[0];
const configurationSetId = (stream: EmailStream) =>
  onlyResource('AWS::SES::ConfigurationSet', (set) => set.Properties.Name === emailStreams[stream].configurationSet)[0];
const streams = Object.keys(emailStreams) as EmailStream[];
const functionNames = Object.keys(lambdaFunctions) as FunctionName[];

/** What an alarm watches, how, and what makes it fire: the same fields whatever way CloudFormation spells a single metric. */
function watched(alarm: Json) {
  return {
    namespace: alarm.Namespace,
    metricName: alarm.MetricName,
    dimensions: Object.fromEntries((alarm.Dimensions ?? []).map((dimension: Json) => [dimension.Name, dimension.Value])),
    statistic: alarm.Statistic ?? alarm.ExtendedStatistic,
    period: alarm.Period,
    threshold: alarm.Threshold,
    comparison: alarm.ComparisonOperator,
    evaluationPeriods: alarm.EvaluationPeriods,
    datapointsToAlarm: alarm.DatapointsToAlarm,
    treatMissingData: alarm.TreatMissingData,
  };
}

type Watched = ReturnType<typeof watched>;
const atLeast = 'GreaterThanOrEqualToThreshold';
const above = 'GreaterThanThreshold';
const quiet = 'notBreaching';

/** Every single-metric alarm of the stack: its metric, statistic, period, threshold and evaluation. */
function expectedAlarms(): Array<{ name: string; watches: Watched }> {
  const everyFiveMinutes = { statistic: 'Sum', period: 300, evaluationPeriods: 1, datapointsToAlarm: undefined, treatMissingData: quiet };
  return [
    {
      name: 'stoke-dead-letters',
      watches: {
        namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible',
        dimensions: { QueueName: { 'Fn::GetAtt': [onlyResource('AWS::SQS::Queue', (queue) => queue.Properties.QueueName === 'stoke-dead-letters')[0], 'QueueName'] } },
        statistic: 'Maximum', period: 300, threshold: 1, comparison: atLeast, evaluationPeriods: 1, datapointsToAlarm: undefined, treatMissingData: quiet,
      },
    },
    ...streams.flatMap((stream) =>
      (['BounceRate', 'ComplaintRate'] as const).map((rate) => ({
        name: `stoke-ses-${stream}-${rate === 'BounceRate' ? 'bounce' : 'complaint'}-rate`,
        watches: {
          namespace: 'AWS/SES', metricName: `Reputation.${rate}`, dimensions: { 'ses:configuration-set': ref(configurationSetId(stream)) },
          statistic: 'Maximum', period: 3600, threshold: rate === 'BounceRate' ? 0.025 : 0.0005, comparison: atLeast, evaluationPeriods: 1, datapointsToAlarm: undefined, treatMissingData: quiet,
        },
      })),
    ),
    ...functionNames.flatMap((name) => [
      { name: `stoke-${name}-errors`, watches: { namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: { FunctionName: ref(functionId(name)) }, threshold: 3, comparison: atLeast, ...everyFiveMinutes } },
      { name: `stoke-${name}-throttles`, watches: { namespace: 'AWS/Lambda', metricName: 'Throttles', dimensions: { FunctionName: ref(functionId(name)) }, threshold: 1, comparison: atLeast, ...everyFiveMinutes } },
    ]),
    {
      name: 'stoke-api-5xx-rate',
      watches: {
        namespace: 'AWS/ApiGateway', metricName: '5XXError', dimensions: { ApiName: 'stoke', Stage: ref(onlyResource('AWS::ApiGateway::Stage')[0]) },
        statistic: 'Average', period: 60, threshold: 0.05, comparison: above, evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: quiet,
      },
    },
    {
      name: 'stoke-api-latency-p99',
      watches: {
        namespace: 'AWS/ApiGateway', metricName: 'Latency', dimensions: { ApiName: 'stoke', Stage: ref(onlyResource('AWS::ApiGateway::Stage')[0]) },
        statistic: 'p99', period: 60, threshold: 2500, comparison: atLeast, evaluationPeriods: 5, datapointsToAlarm: 5, treatMissingData: quiet,
      },
    },
    { name: 'stoke-scheduler-target-errors', watches: { namespace: 'AWS/Scheduler', metricName: 'TargetErrorCount', dimensions: { ScheduleGroup: 'stoke' }, threshold: 1, comparison: atLeast, ...everyFiveMinutes } },
    { name: 'stoke-scheduler-lost-invocations', watches: { namespace: 'AWS/Scheduler', metricName: 'InvocationsFailedToBeSentToDeadLetterCount', dimensions: { ScheduleGroup: 'stoke' }, threshold: 1, comparison: atLeast, ...everyFiveMinutes } },
    {
      name: 'stoke-first-contact-overdue',
      watches: {
        namespace: 'Stoke', metricName: 'OldestOverdueFirstContactMinutes', dimensions: { service: 'stoke' },
        statistic: 'Maximum', period: 900, threshold: 60, comparison: above, evaluationPeriods: 2, datapointsToAlarm: 2, treatMissingData: 'breaching',
      },
    },
  ];
}

describe('alarms', () => {
  it('watches each metric with its statistic, period, threshold and evaluation', () => {
    for (const { name, watches } of expectedAlarms()) expect(watched(alarmNamed(name)), name).toEqual(watches);
  });

  it('watches an errors and a throttles alarm for every function of the wiring, the first-contact watch included', () => {
    const names = resourcesOfType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties.AlarmName as string);

    for (const name of functionNames) expect(names).toEqual(expect.arrayContaining([`stoke-${name}-errors`, `stoke-${name}-throttles`]));
    expect(functionNames).toContain('first-contact-watch');
  });

  it('sums the throttled requests of every operation the adapters call on the table, each filled with 0, over 5 minutes in a row', () => {
    const alarm = alarmNamed('stoke-table-throttles');
    const [expression, ...metrics] = alarm.Metrics;
    const tableId = onlyResource('AWS::DynamoDB::Table')[0];

    expect(watched(alarm)).toMatchObject({ threshold: 0, comparison: above, evaluationPeriods: 5, datapointsToAlarm: 5, treatMissingData: quiet });
    expect(metrics.map((metric: Json) => metric.MetricStat)).toEqual(
      ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'BatchGetItem', 'BatchWriteItem', 'TransactWriteItems'].map((operation) => ({
        Metric: { Namespace: 'AWS/DynamoDB', MetricName: 'ThrottledRequests', Dimensions: [{ Name: 'Operation', Value: operation }, { Name: 'TableName', Value: ref(tableId) }] },
        Period: 60,
        Stat: 'Sum',
      })),
    );
    expect(expression.Expression).toBe(metrics.map((metric: Json) => `FILL(${metric.Id}, 0)`).join(' + '));
    // CloudWatch takes at most ten metrics in an alarm's expression.
    expect(alarm.Metrics.length).toBeLessThanOrEqual(10);
  });

  it('notifies the alarm topic from every alarm of the stack, and only it; each alarm is one of those checked here', () => {
    const alarms = resourcesOfType('AWS::CloudWatch::Alarm');

    expect(alarms.map(([, alarm]) => alarm.Properties.AlarmName).sort()).toEqual([...expectedAlarms().map((alarm) => alarm.name), 'stoke-table-throttles'].sort());
    for (const [, alarm] of alarms) expect(alarm.Properties.AlarmActions, alarm.Properties.AlarmName).toEqual([ref(topicId())]);
  });

  it('names every alarm stoke-…, the names the topic takes notifications from, and says in each what it means and what to do', () => {
    for (const [, { Properties: alarm }] of resourcesOfType('AWS::CloudWatch::Alarm')) {
      expect(alarm.AlarmName).toMatch(/^stoke-[a-z0-9-]+$/);
      expect(alarm.AlarmDescription.length, alarm.AlarmName).toBeLessThanOrEqual(1024);
      expect(alarm.AlarmDescription, alarm.AlarmName).toMatch(/\bDo: |redrive/);
    }
  });

  it('tells in the reputation alarms the levels at which AWS reviews an account', () => {
    expect(alarmNamed('stoke-ses-marketing-bounce-rate').AlarmDescription).toContain('half of the 5% at which AWS reviews the account');
    expect(alarmNamed('stoke-ses-team-complaint-rate').AlarmDescription).toContain('half of the 0.1% at which AWS reviews the account');
  });
});

describe('alarm topic', () => {
  it('is encrypted with a key of its own that rotates, which CloudWatch may use to encrypt notifications', () => {
    const [, topic] = onlyResource('AWS::SNS::Topic', (t) => t.Properties.TopicName === 'stoke-alarms');
    const [keyId, key] = onlyResource('AWS::KMS::Key', (k) => k.Properties.Description === "Encrypts the notifications of Stoke's alarms");

    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*' }),
    );
  });

  it("takes messages over TLS only, and from the stack's alarms by name", () => {
    const [, policy] = onlyResource('AWS::SNS::TopicPolicy', (p) => JSON.stringify(p.Properties.Topics) === JSON.stringify([ref(topicId())]));
    const statements = policy.Properties.PolicyDocument.Statement;

    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    const allow = statements.find((statement: Json) => statement.Effect === 'Allow');
    expect(allow).toMatchObject({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: ref(topicId()) });
    expect(JSON.stringify(allow.Condition.ArnLike['aws:SourceArn'])).toContain(':alarm:stoke-*');
  });

  it('emails the addresses of the alarmEmails setting, and outputs the topic for other subscribers', () => {
    const subscriptions = resourcesOfType('AWS::SNS::Subscription').map(([, s]) => s.Properties);

    expect(subscriptions).toEqual(alarmEmails.map((email) => ({ Endpoint: email, Protocol: 'email', TopicArn: ref(topicId()) })));
    expect(template.Outputs.AlarmTopicArn.Value).toEqual(ref(topicId()));
  });
});

describe('first-contact watch', () => {
  it('runs every 15 minutes from a rule of its own, not retried: the next run measures again', () => {
    const [ruleId, rule] = onlyResource('AWS::Events::Rule', (r) => r.Properties.Name === 'stoke-first-contact-watch');
    const [, permission] = onlyResource('AWS::Lambda::Permission', (p) => JSON.stringify(p.Properties.SourceArn ?? '').includes(ruleId));

    expect(rule.Properties).toMatchObject({ ScheduleExpression: 'rate(15 minutes)', State: 'ENABLED' });
    expect(rule.Properties.Targets).toEqual([{ Id: 'Target0', Arn: { 'Fn::GetAtt': [functionId('first-contact-watch'), 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0 } }]);
    expect(permission.Properties).toMatchObject({ Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', FunctionName: { 'Fn::GetAtt': [functionId('first-contact-watch'), 'Arn'] } });
  });

  it('may only query the indexes of the table, besides writing its logs and traces', () => {
    const roleId = resources[functionId('first-contact-watch')]!.Properties.Role['Fn::GetAtt'][0];
    const statements = resourcesOfType('AWS::IAM::Policy')
      .filter(([, policy]) => policy.Properties.Roles.some((role: Json) => role.Ref === roleId))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
    const tableId = onlyResource('AWS::DynamoDB::Table')[0];

    expect(statements.filter((s: Json) => JSON.stringify(s.Action).includes('dynamodb:'))).toEqual([
      {
        Effect: 'Allow',
        Action: 'dynamodb:Query',
        Resource: tableDefinition.indexes.map((index) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, `/index/${index.indexName}`]] })),
      },
    ]);
    expect(statements.flatMap((s: Json) => [s.Action].flat()).filter((action: string) => !/^(dynamodb:Query|logs:|xray:)/.test(action))).toEqual([]);
  });
});

/** The dashboard's widgets, its body's references written out as `<logical id>` so that it parses. */
function dashboardWidgets(): Json[] {
  const [, dashboard] = onlyResource('AWS::CloudWatch::Dashboard', (d) => d.Properties.DashboardName === 'stoke');
  const parts: Json[] = dashboard.Properties.DashboardBody['Fn::Join'][1];
  const body = parts.map((part) => (typeof part === 'string' ? part : `<${part.Ref ?? part['Fn::GetAtt']?.join('.')}>`)).join('');
  return JSON.parse(body).widgets;
}

describe('dashboard', () => {
  const graphed = () => dashboardWidgets().flatMap((widget) => (widget.properties.metrics ?? []).map((metric: Json[]) => ({ title: widget.properties.title, metric })));
  const graphOf = (namespace: string, metricName: string) => graphed().filter(({ metric }) => metric[0] === namespace && metric[1] === metricName);

  it('is the one dashboard of the stack, named stoke, and its name is an output', () => {
    onlyResource('AWS::CloudWatch::Dashboard');

    expect(template.Outputs.DashboardName.Value).toEqual(ref(onlyResource('AWS::CloudWatch::Dashboard')[0]));
  });

  it.each(Object.values(businessMetrics).map(({ name }) => name))('graphs the business metric %s, in the dimension every function publishes it in', (name) => {
    const [graph, ...others] = graphOf('Stoke', name);

    expect(others).toEqual([]);
    expect(graph?.metric.slice(2, 4)).toEqual(['service', 'stoke']);
  });

  it('graphs leads captured and hot, handoffs with the median speed to lead, and the oldest overdue first contact against its alarm', () => {
    const statistic = (name: string) => graphOf('Stoke', name)[0]!.metric[4].stat;

    expect(graphOf('Stoke', 'LeadsCaptured')[0]!.title).toBe(graphOf('Stoke', 'LeadsTurnedHot')[0]!.title);
    expect(statistic('MinutesToFirstContact')).toBe('p50');
    expect(statistic('OldestOverdueFirstContactMinutes')).toBe('Maximum');
    const overdue = dashboardWidgets().find((widget) => widget.properties.title?.startsWith('Oldest overdue first contact'));
    expect(overdue.properties.annotations.horizontal).toEqual([expect.objectContaining({ value: 60 })]);
  });

  it('graphs the errors and the throttles of every function', () => {
    for (const metricName of ['Errors', 'Throttles']) {
      expect(graphOf('AWS/Lambda', metricName).map(({ metric }) => metric[3]).sort()).toEqual(functionNames.map((name) => `<${functionId(name)}>`).sort());
    }
  });

  it("graphs each configuration set's reputation, the dead letters, the API, the table and the schedules", () => {
    for (const rate of ['Reputation.BounceRate', 'Reputation.ComplaintRate']) {
      expect(graphOf('AWS/SES', rate).map(({ metric }) => metric[3]).sort()).toEqual(streams.map((stream) => `<${configurationSetId(stream)}>`).sort());
    }
    expect(graphOf('AWS/SQS', 'ApproximateNumberOfMessagesVisible')).toHaveLength(1);
    expect(graphOf('AWS/ApiGateway', '5XXError')).toHaveLength(1);
    expect(graphOf('AWS/ApiGateway', 'Latency')[0]!.metric[6].stat).toBe('p99');
    expect(graphOf('AWS/DynamoDB', 'ThrottledRequests')).toHaveLength(8);
    for (const metricName of ['TargetErrorCount', 'InvocationsSentToDeadLetterCount', 'InvocationsFailedToBeSentToDeadLetterCount']) expect(graphOf('AWS/Scheduler', metricName)).toHaveLength(1);
  });

  it('shows the state of every alarm', () => {
    const status = dashboardWidgets().find((widget) => widget.type === 'alarm');

    expect(status.properties.alarms).toHaveLength(resourcesOfType('AWS::CloudWatch::Alarm').length);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing on the alarms, their topic and key, the dashboard and the first-contact watch', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    const paths = report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));

    expect(paths.filter((finding) => /\/(Operations|FirstContactWatch)\//.test(finding))).toEqual([]);
  });
});

describe('the alarmEmails setting', () => {
  it(
    'refuses what is not an email address, naming the entry',
    async () => {
      const run = promisify(execFile);
      const failure = await run(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
        cwd: path.resolve(import.meta.dirname, '../..'),
        env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ alarmEmails: 'ops@stoke.example, the sales lead' }) },
      }).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );

      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain('alarmEmails[1]');
      expect(failure?.stderr).toContain('must be an email address');
    },
    synthTimeout,
  );
});
