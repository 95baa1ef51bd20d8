import { Duration } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as ses from 'aws-cdk-lib/aws-ses';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EmailStream } from '../../functions/email/email-streams.ts';
import { type BusinessMetric, businessMetrics } from '../../functions/platform/business-metrics.ts';
import type { FunctionName } from '../wiring/functions.ts';
import { firstContactWatchPeriod } from './first-contact-watch.ts';
import { businessMetric, reputationMetric, tableThrottledRequests } from './operations-metrics.ts';
import type { StokeFunction } from './stoke-function.ts';

export type OperationsDashboardProps = {
  readonly functions: Readonly<Record<FunctionName, StokeFunction>>;
  readonly api: apigateway.RestApi;
  readonly table: dynamodb.ITable;
  readonly deadLetters: sqs.IQueue;
  readonly configurationSets: Readonly<Record<EmailStream, ses.IConfigurationSet>>;
  readonly scheduleGroup: scheduler.IScheduleGroup;
  /** Shown by state at the bottom. */
  readonly alarms: readonly cloudwatch.Alarm[];
  /** The level the reputation alarms fire at, drawn on the reputation graphs. */
  readonly reputationLevels: { readonly BounceRate: number; readonly ComplaintRate: number };
  /** The level the first-contact alarm fires at, in business minutes. */
  readonly overdueMinutes: number;
};

const hour = Duration.hours(1);
const fiveMinutes = Duration.minutes(5);
const third = 8;
const half = 12;
const height = 6;

/**
 * The stack's one dashboard, named stoke: what happens to leads first (from
 * the business metrics the functions publish), then marketing's email and
 * its reputation, then the functions, the AWS services behind them, and the
 * state of every alarm.
 */
export class OperationsDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const labelled = (metric: BusinessMetric, statistic: string, period: Duration) => businessMetric(metric, { statistic, period }).with({ label: businessMetrics[metric].label });
    const perHour = (metric: BusinessMetric) => labelled(metric, 'Sum', hour);
    const graph = (title: string, left: cloudwatch.IMetric[], more: Partial<cloudwatch.GraphWidgetProps> = {}) =>
      new cloudwatch.GraphWidget({ title, left, width: third, height, ...more });
    const heading = (markdown: string) => new cloudwatch.TextWidget({ markdown, width: 24, height: 1 });
    const functionNames = Object.keys(props.functions) as FunctionName[];
    const byFunction = (metricName: 'Errors' | 'Throttles') =>
      functionNames.map((name) => props.functions[name].function.metric(metricName, { statistic: 'Sum', period: fiveMinutes, label: name }));
    const sets = Object.keys(props.configurationSets) as EmailStream[];
    const reputation = (rate: 'BounceRate' | 'ComplaintRate', title: string) =>
      new cloudwatch.GraphWidget({
        title,
        left: sets.map((stream) => reputationMetric(props.configurationSets[stream], rate).with({ label: stream })),
        leftAnnotations: [{ value: props.reputationLevels[rate], label: 'alarm', color: cloudwatch.Color.RED }],
        width: half,
        height,
      });
    const stage = props.api.deploymentStage;

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: 'stoke', defaultInterval: Duration.days(7) });
    this.dashboard.addWidgets(heading('## Leads (per hour; speed to lead per day)'));
    this.dashboard.addWidgets(
      graph('Leads captured and turned hot; spam caught and form posts retried', [perHour('leadsCaptured'), perHour('leadsTurnedHot'), perHour('spamCaught'), perHour('captureRetried')]),
      graph('Leads handed off, and median minutes to first contact', [perHour('leadsHandedOff')], {
        right: [labelled('minutesToFirstContact', 'p50', Duration.days(1))],
      }),
      graph('Oldest overdue first contact (business minutes past the deadline)', [labelled('oldestOverdueFirstContactMinutes', 'Maximum', firstContactWatchPeriod)], {
        leftAnnotations: [{ value: props.overdueMinutes, label: 'alarm', color: cloudwatch.Color.RED }],
      }),
    );
    this.dashboard.addWidgets(heading('## Marketing email (per hour)'));
    this.dashboard.addWidgets(
      graph('Tips sent', [perHour('tipsSent')]),
      graph('Opens and clicks: people, and machines filtered out', [perHour('humanOpens'), perHour('humanClicks'), perHour('filteredOpens'), perHour('filteredClicks')]),
      graph('Bounces, complaints and unsubscribes', [perHour('tipBounces'), perHour('tipComplaints'), perHour('unsubscribes')]),
    );
    this.dashboard.addWidgets(reputation('BounceRate', 'SES bounce rate by configuration set'), reputation('ComplaintRate', 'SES complaint rate by configuration set'));
    this.dashboard.addWidgets(heading('## Functions (per 5 minutes)'));
    this.dashboard.addWidgets(
      graph('Errors by function', byFunction('Errors')),
      graph('Throttles by function', byFunction('Throttles')),
      graph('Dead letters waiting in stoke-dead-letters', [props.deadLetters.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: fiveMinutes })]),
    );
    this.dashboard.addWidgets(heading('## AWS services (per minute; Scheduler per 5 minutes)'));
    this.dashboard.addWidgets(
      graph('API v1: share of 5xx answers, and p99 latency (ms)', [stage.metricServerError({ statistic: 'Average', period: Duration.minutes(1), label: '5xx share' })], {
        right: [stage.metricLatency({ statistic: 'p99', period: Duration.minutes(1), label: 'p99 latency' })],
      }),
      graph('DynamoDB throttled requests', [tableThrottledRequests(props.table, Duration.minutes(1))]),
      graph('Scheduler: target errors and dead letters', [
        props.scheduleGroup.metricTargetErrors({ statistic: 'Sum', period: fiveMinutes, label: 'target errors' }),
        props.scheduleGroup.metricSentToDLQ({ statistic: 'Sum', period: fiveMinutes, label: 'sent to dead letters' }),
        props.scheduleGroup.metricFailedToBeSentToDLQ(undefined, { statistic: 'Sum', period: fiveMinutes, label: 'lost (dead letter failed)' }),
      ]),
    );
    this.dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24, height: 8 }));
  }
}
