import { Duration } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as ses from 'aws-cdk-lib/aws-ses';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EmailStream } from '../../functions/email/email-streams.ts';
import { type FunctionName, lambdaFunctions, type Reach } from '../wiring/functions.ts';
import { routes } from '../wiring/routes.ts';
import { AlarmTopic } from './alarm-topic.ts';
import { firstContactWatchPeriod } from './first-contact-watch.ts';
import { OperationsDashboard } from './operations-dashboard.ts';
import { businessMetric, reputationMetric, tableThrottledRequests } from './operations-metrics.ts';
import type { StokeFunction } from './stoke-function.ts';

export type OperationsProps = {
  /** Every function of the stack: each gets an errors and a throttles alarm. */
  readonly functions: Readonly<Record<FunctionName, StokeFunction>>;
  /** The REST API, whose v1 stage's 5xx rate and p99 latency are watched. */
  readonly api: apigateway.RestApi;
  readonly table: dynamodb.ITable;
  /** Shown on the dashboard; its alarm (Outbound) is routed to the alarm topic here. */
  readonly deadLetters: sqs.IQueue;
  readonly deadLettersAlarm: cloudwatch.Alarm;
  /** One per stream of email, each with reputation metrics enabled. */
  readonly configurationSets: Readonly<Record<EmailStream, ses.IConfigurationSet>>;
  /** The group of the deadline, nurture, review and morning-list schedules. */
  readonly scheduleGroup: scheduler.IScheduleGroup;
  /** Deploy setting `alarmEmails`: who is emailed the alarms. */
  readonly alarmEmails: readonly string[];
};

/**
 * The SES reputation levels the alarms fire at: half of those at which AWS
 * reviews an account, 5% bounces and 0.1% complaints (SES developer guide,
 * "Reputation metrics messages"), and below the defaults of marketing's brake
 * (3%, 0.08%), so people hear of a trend before the brake or AWS act on it.
 */
export const reputationAlarmLevels = { BounceRate: 0.025, ComplaintRate: 0.0005 } as const;

/** Business minutes past a first-contact deadline: the default routing policy escalates to the manager then (120 − 60). */
export const overdueFirstContactMinutes = 60;

const streamWords: Record<EmailStream, { email: string; bounced: string; complained: string }> = {
  marketing: {
    email: 'marketing email (nurture tips and subscription confirmations, configuration set stoke-marketing)',
    bounced:
      'Leads are emailed at addresses that do not exist; if it goes on, AWS may pause all of Stoke\'s email, handoffs included. Do: on the dashboard see which tips bounce; find the form, source or import that brings the bad addresses (the desk\'s Marketing pages show the sources) and fix it. The brake pauses marketing at its own threshold; a manager resumes it once the cause is fixed.',
    complained:
      'People mark tips as spam; Gmail and Yahoo ask bulk senders to stay under 0.3%. Do: see which track draws them (desk, Marketing); check the consent and double opt-in of the sources they came from, and how often tips go out. The addresses are suppressed already.',
  },
  team: {
    email: "the team's email (handoffs, reminders, escalations, reviews, morning lists, configuration set stoke-team)",
    bounced:
      'A rep\'s or manager\'s address does not take mail: the hot leads handed to them are not reaching them. Do: find the address (the managers are told of bounced team email; SES keeps the event), correct it in the desk\'s team roster, or deactivate the rep so their leads are reassigned.',
    complained:
      "People who work in Stoke mark its emails as spam, most likely reminders or morning lists they find too many. Do: ask them; adjust the contact plans' touches or the deadlines that send the reminders.",
  },
};

/**
 * Operations: every alarm of the stack, each notifying one SNS topic whose
 * subscribers are the deploy setting `alarmEmails`, and one dashboard. The
 * runbook in the README says, per alarm, what it means for a lead and what to do;
 * each alarm's description says it too, so the notification carries it.
 */
export class Operations extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;
  private readonly action: actions.SnsAction;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.topic = new AlarmTopic(this, 'AlarmTopic', { emails: props.alarmEmails }).topic;
    this.action = new actions.SnsAction(this.topic);

    props.deadLettersAlarm.addAlarmAction(this.action);
    this.alarms.push(props.deadLettersAlarm);

    for (const stream of Object.keys(props.configurationSets) as EmailStream[]) this.reputationAlarms(stream, props.configurationSets[stream]);
    for (const name of Object.keys(props.functions) as FunctionName[]) this.functionAlarms(name, props.functions[name]);
    this.apiAlarms(props.api.deploymentStage);
    this.tableAlarm(props.table);
    this.schedulerAlarms(props.scheduleGroup);
    this.firstContactAlarm();

    this.dashboard = new OperationsDashboard(this, 'Dashboard', {
      ...props,
      alarms: this.alarms,
      reputationLevels: reputationAlarmLevels,
      overdueMinutes: overdueFirstContactMinutes,
    }).dashboard;
  }

  private alarm(id: string, props: cloudwatch.AlarmProps): void {
    const alarm = new cloudwatch.Alarm(this, id, props);
    alarm.addAlarmAction(this.action);
    this.alarms.push(alarm);
  }

  private reputationAlarms(stream: EmailStream, set: ses.IConfigurationSet): void {
    const words = streamWords[stream];
    const percent = (rate: number) => `${+(rate * 100).toFixed(3)}%`;
    this.alarm(`${stream}-bounce-rate`, {
      alarmName: `stoke-ses-${stream}-bounce-rate`,
      alarmDescription: `SES's bounce rate of ${words.email} reached ${percent(reputationAlarmLevels.BounceRate)}, half of the 5% at which AWS reviews the account. ${words.bounced}`,
      metric: reputationMetric(set, 'BounceRate'),
      threshold: reputationAlarmLevels.BounceRate,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      // SES publishes a set's rates only once it has had a bounce or a complaint.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarm(`${stream}-complaint-rate`, {
      alarmName: `stoke-ses-${stream}-complaint-rate`,
      alarmDescription: `SES's complaint rate of ${words.email} reached ${percent(reputationAlarmLevels.ComplaintRate)}, half of the 0.1% at which AWS reviews the account. ${words.complained}`,
      metric: reputationMetric(set, 'ComplaintRate'),
      threshold: reputationAlarmLevels.ComplaintRate,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  private functionAlarms(name: FunctionName, fn: StokeFunction): void {
    const does = lambdaFunctions[name].description;
    const failing = [
      ...(routes.some((route) => route.function === name) ? ['behind the API, people get an error answer'] : []),
      ...((lambdaFunctions[name].reaches as Reach).deadLetters ? ['an event or a schedule that fails every try (Lambda tries it 3 times) waits in stoke-dead-letters'] : []),
    ];
    this.alarm(`${name}-errors`, {
      alarmName: `stoke-${name}-errors`,
      alarmDescription:
        `stoke-${name} (${does}) failed 3 times or more in 5 minutes${failing.length > 0 ? `: ${failing.join('; ')}` : ''}. ` +
        `Do: read the errors in its log group (Lambda console, stoke-${name}, Monitor, CloudWatch logs; level ERROR), fix the cause, then replay what waits in stoke-dead-letters.`,
      metric: fn.function.metricErrors({ statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarm(`${name}-throttles`, {
      alarmName: `stoke-${name}-throttles`,
      alarmDescription:
        `Lambda refused to run stoke-${name} (${does}) in the last 5 minutes: no reserved concurrency is set, so the account's concurrent executions are used up. Behind the API the request fails (a form post is lost unless the page retries); an event or schedule is retried by Lambda for up to 6 hours. ` +
        `Do: compare the account's ConcurrentExecutions with its quota and ask AWS to raise it, or find what floods the functions.`,
      metric: fn.function.metricThrottles({ statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  private apiAlarms(stage: apigateway.Stage): void {
    // CloudWatch's recommended alarms for API Gateway: 5XXError average over 0.05 in 3 of 3 minutes; Latency 2,500 ms in 5 of 5.
    this.alarm('api-5xx-rate', {
      alarmName: 'stoke-api-5xx-rate',
      alarmDescription:
        "More than 5% of the API's requests were answered with a 5xx error in each of 3 minutes in a row. Leads posted by web forms may be lost where the page does not retry; reps and managers see errors in the desk. " +
        'Do: find the function (dashboard, errors by function; the access log of the v1 stage with status 5xx), read its log, check DynamoDB throttling, and roll back a deploy that started it.',
      metric: stage.metricServerError({ statistic: 'Average', period: Duration.minutes(1) }),
      threshold: 0.05,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarm('api-latency-p99', {
      alarmName: 'stoke-api-latency-p99',
      alarmDescription:
        "The slowest 1% of the API's requests took 2.5 seconds or more in each of 5 minutes in a row. A form that hangs loses the lead; the desk feels broken. " +
        'Do: look at the functions\' durations and cold starts and at DynamoDB throttling; the access log names the slow routes.',
      metric: stage.metricLatency({ statistic: 'p99', period: Duration.minutes(1) }),
      threshold: 2500,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 5,
      datapointsToAlarm: 5,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  private tableAlarm(table: dynamodb.ITable): void {
    // CloudWatch's recommended alarms for DynamoDB throttle events: 5 of 5 one-minute periods.
    this.alarm('table-throttles', {
      alarmName: 'stoke-table-throttles',
      alarmDescription:
        'DynamoDB throttled requests to the lead table or its indexes in each of 5 minutes in a row. Stoke retries throttled writes, but a lasting throttle fails captures, handoffs and desk actions (then the errors and dead-letter alarms follow). ' +
        'Do: an on-demand table throttles when traffic more than doubles its previous peak within 30 minutes, or one key is hot; find the operation (the alarm\'s metrics), spread the load, or ask AWS for warm throughput.',
      metric: tableThrottledRequests(table, Duration.minutes(1)),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 5,
      datapointsToAlarm: 5,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  private schedulerAlarms(group: scheduler.IScheduleGroup): void {
    this.alarm('scheduler-target-errors', {
      alarmName: 'stoke-scheduler-target-errors',
      alarmDescription:
        'EventBridge Scheduler could not invoke a function for a schedule of the stoke group (first-contact deadlines, nurture steps, the weekly review, morning lists). It retries for up to a day before dead-lettering: for a first-contact deadline, far too late. ' +
        "Do: check that the scheduler role may still invoke the function and that the function exists; Lambda throttling shows in the throttles alarms.",
      metric: group.metricTargetErrors({ statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarm('scheduler-lost', {
      alarmName: 'stoke-scheduler-lost-invocations',
      alarmDescription:
        'A schedule of the stoke group failed every retry and could not even be kept in stoke-dead-letters: that reminder, escalation, tip, review or morning list is lost. ' +
        "Do: check stoke-dead-letters' access policy (Scheduler must be allowed to send to it); the schedule's name in the Scheduler's console or CloudTrail says which lead; redo the step by hand (the desk) for that lead.",
      metric: group.metricFailedToBeSentToDLQ(undefined, { statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  private firstContactAlarm(): void {
    this.alarm('first-contact-overdue', {
      alarmName: 'stoke-first-contact-overdue',
      alarmDescription:
        `A hot lead has waited more than ${overdueFirstContactMinutes} business minutes past its first-contact deadline in two measurements in a row (first-contact-watch, every 15 minutes), or the watch has not reported for 30 minutes. ` +
        'By then the rep was reminded and the manager told; the lead has slipped past the deadline checks or waits, parked, for its manager to choose a rep. ' +
        "Do: the watch's log (level INFO, 'hot leads overdue for first contact') names the lead and its owner; call the lead or reassign it in the desk. Without data, check first-contact-watch's errors and its rule stoke-first-contact-watch.",
      metric: businessMetric('oldestOverdueFirstContactMinutes', { statistic: 'Maximum', period: firstContactWatchPeriod }),
      threshold: overdueFirstContactMinutes,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      // A watch that stopped leaves hot leads unwatched: that is an alarm too (and, once, right after the first deploy, until its first run).
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
  }
}
