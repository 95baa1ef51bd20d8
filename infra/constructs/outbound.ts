import { Aws, Duration, Lazy, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type EmailStream, emailStreams } from '../../functions/email/email-streams.ts';
import type { FunctionName } from '../wiring/functions.ts';
import type { BoundFunction } from './bound-function.ts';

export const scheduleGroupName = 'stoke';
// Pseudo parameters rather than formatArn: the ARN, and so the cdk-nag finding
// acknowledged below, reads the same whether or not the stack's region is known.
const schedulesArn = `arn:${Aws.PARTITION}:scheduler:${Aws.REGION}:${Aws.ACCOUNT_ID}:schedule/${scheduleGroupName}/*`;

export type OutboundProps = {
  /** From address of every email Stoke sends. */
  readonly senderAddress: string;
  /**
   * SES identity (domain or address) the stack declares, with Easy DKIM for a
   * domain. Without it, the sender's domain must be verified in SES already.
   */
  readonly sesIdentity?: string | undefined;
};

/**
 * What every capability that reaches out to people shares: sending email
 * (SES configuration set and identity), signing the links in it, the
 * schedule group whose one-time and recurring schedules invoke functions,
 * and the one dead-letter queue, watched by an alarm, where work that failed
 * every retry lands.
 */
export class Outbound extends Construct {
  /** Failed outbound work: undeliverable rule events, schedules Scheduler could not invoke, failed async invocations. */
  readonly deadLetters: sqs.Queue;
  /** Fires as soon as a dead letter arrives; Operations sends it to the alarm topic. */
  readonly deadLettersAlarm: cloudwatch.Alarm;
  readonly scheduleGroup: scheduler.ScheduleGroup;
  /** The key that signs the links in emails. */
  readonly signingSecret: secretsmanager.Secret;
  /** The role schedules invoke their targets with. */
  readonly schedulerRole: iam.Role;
  /** One per stream of email (functions/email/email-streams.ts); their events (opens, clicks, bounces) are what engagement reads. */
  readonly configurationSets: Record<EmailStream, ses.ConfigurationSet>;
  private readonly sendingIdentityArn: string;
  private readonly scheduleTargets = new Map<FunctionName, BoundFunction>();
  private readonly linkWriters: BoundFunction[] = [];
  private linkBaseUrl: string | undefined;
  /** Base URL of the links in emails, known once `linkEmailsTo` has been called. */
  readonly linksBaseUrl = Lazy.string({ produce: () => this.linkBaseUrl });
  private deskAt: string | undefined;
  /** Where the desk is served, known once `linkDeskTo` has been called (the desk's distribution is made after the functions). */
  readonly deskUrl = Lazy.string({ produce: () => this.deskAt });
  private readonly scheduleCreators: { fn: BoundFunction; targets: readonly FunctionName[] }[] = [];

  constructor(scope: Construct, id: string, props: OutboundProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      queueName: 'stoke-dead-letters',
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the function rules, schedules and async invocations; nothing consumes it automatically.',
    });
    this.deadLettersAlarm = new cloudwatch.Alarm(this, 'DeadLettersAlarm', {
      alarmName: 'stoke-dead-letters',
      alarmDescription:
        'Handoff, nurture or review work failed every retry: a hot lead may have no owner, reminder or reassignment, a lead may miss its enrolment or next tip, or managers their weekly review. Read the messages of stoke-dead-letters and redrive them once the cause is fixed.',
      metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.signingSecret = new secretsmanager.Secret(this, 'SigningSecret', {
      description: 'Signs the links of Stoke emails: handoff actions, unsubscribe and subscription confirmation',
      // The functions refuse keys under 32 characters.
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(this.signingSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret is the key that signs the links in emails already sent; the functions verify with one key, so rotating it would break every link still in an inbox, including unsubscribe links, which must keep working for two years. Replace the value by hand if it leaks.',
    });

    this.configurationSets = {
      marketing: new ses.ConfigurationSet(this, 'MarketingConfigurationSet', {
        configurationSetName: emailStreams.marketing.configurationSet,
        // A lead's address that bounced or complained is not sent to again.
        suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
        reputationMetrics: true,
      }),
      team: new ses.ConfigurationSet(this, 'TeamConfigurationSet', {
        configurationSetName: emailStreams.team.configurationSet,
        // A rep's or manager's address that bounces is reported to the managers (engagement), not silently
        // suppressed: a suppressed rep would never hear of the hot leads handed to them.
        reputationMetrics: true,
      }),
    };
    // An empty list overrides the account's suppression list for this set; CDK offers no value for "none".
    (this.configurationSets.team.node.defaultChild as ses.CfnConfigurationSet).suppressionOptions = { suppressedReasons: [] };
    this.sendingIdentityArn = props.sesIdentity
      ? new ses.EmailIdentity(this, 'EmailIdentity', {
          identity: props.sesIdentity.includes('@') ? ses.Identity.email(props.sesIdentity) : ses.Identity.domain(props.sesIdentity),
          configurationSet: this.configurationSets.marketing,
          ...(props.sesIdentity.includes('@') ? {} : { dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT) }),
        }).emailIdentityArn
      : stack.formatArn({ service: 'ses', resource: 'identity', resourceName: props.senderAddress.slice(props.senderAddress.lastIndexOf('@') + 1) });

    this.scheduleGroup = new scheduler.ScheduleGroup(this, 'ScheduleGroup', {
      scheduleGroupName,
      // Its schedules only invoke this stack's functions, and a retained group
      // would keep its fixed name from being created again.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.schedulerRole = new iam.Role(this, 'SchedulerRole', {
      description: 'Lets the schedules of the stoke group invoke the functions registered as schedule targets and dead-letter what they cannot',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': this.scheduleGroup.scheduleGroupArn },
        },
      }),
    });
    this.schedulerRole.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetters.queueArn] }));

    this.node.addValidation({
      validate: () =>
        this.linkWriters.length === 0 || this.linkBaseUrl !== undefined
          ? []
          : ['Outbound.linkEmailsTo() was never called: the links in emails would have no base URL'],
    });
    // Without the registration the role could not invoke a target, and every schedule would end in the dead-letter queue.
    this.node.addValidation({
      validate: () =>
        this.scheduleCreators.flatMap(({ fn, targets }) =>
          targets
            .filter((name) => !this.scheduleTargets.has(name))
            .map((name) => `${fn.node.path} schedules ${name}, which is no registered schedule target (addScheduleTarget)`),
        ),
    });
  }

  /**
   * Lets the schedules of the group invoke `target`: the scheduler role may
   * invoke the functions registered here and no other.
   */
  addScheduleTarget(name: FunctionName, target: BoundFunction): void {
    if (this.scheduleTargets.has(name)) throw new Error(`The schedule target ${name} is registered twice`);
    this.scheduleTargets.set(name, target);
    this.schedulerRole.addToPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [target.function.functionArn] }));
  }

  /**
   * How a schedule declared in the stack invokes a registered schedule
   * target: with the scheduler role, retried and dead-lettered as the
   * one-time schedules the functions create (functions/schedules/scheduler.ts).
   * Not CDK's LambdaInvoke, which would grant the role the invocation and the
   * dead-letter queue a second time.
   */
  scheduleTarget(name: FunctionName, input: Record<string, unknown>): scheduler.IScheduleTarget {
    const target = this.scheduleTargets.get(name);
    if (!target) throw new Error(`Schedules may not target ${name}: register it with addScheduleTarget first`);
    return {
      bind: () => ({
        arn: target.function.functionArn,
        role: this.schedulerRole,
        input: scheduler.ScheduleTargetInput.fromObject(input),
        retryPolicy: { maximumRetryAttempts: 10, maximumEventAgeInSeconds: Duration.days(1).toSeconds() },
        deadLetterConfig: { arn: this.deadLetters.queueArn },
      }),
    };
  }

  /**
   * Lets a function send email from the sending identity through its
   * stream's configuration set only (SES authorizes both).
   */
  bindMailer(fn: BoundFunction, stream: EmailStream): void {
    const configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSets[stream].configurationSetName,
    });
    fn.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: [this.sendingIdentityArn, configurationSetArn] }),
    );
  }

  /** Lets a function read the key that signs and verifies the links in emails. */
  bindSigningKey(fn: BoundFunction): void {
    fn.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [this.signingSecret.secretArn] }),
    );
  }

  /** Records a function that writes links in emails: their base URL (`linksBaseUrl`) must be given by `linkEmailsTo`. */
  bindLinkWriter(fn: BoundFunction): void {
    this.linkWriters.push(fn);
  }

  /**
   * Tells the functions that write links in emails where the links point:
   * their routes are served under this base URL. Called once the API exists,
   * since the API needs these functions first.
   */
  linkEmailsTo(baseUrl: string): void {
    this.linkBaseUrl = baseUrl;
  }

  /** Tells the functions that link to the desk (the weekly review email) where it is served. */
  linkDeskTo(url: string): void {
    this.deskAt = url;
  }

  /** Lets a function delete the schedules of the group. */
  bindScheduleCanceller(fn: BoundFunction): void {
    fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['scheduler:DeleteSchedule'], resources: [schedulesArn] }));
    // The name is known without a reference; the group must still exist before the first call.
    fn.function.node.addDependency(this.scheduleGroup);
    Validations.of(fn.role.node.findChild('DefaultPolicy')).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${scheduleGroupName}/*]`,
      reason:
        'One schedule per lead and deadline stage or nurture step is named at run time; the permission is confined to the schedules of the stoke group, and the only role they can be given invokes the registered schedule targets alone.',
    });
  }

  /**
   * Lets a function create and delete schedules of the group that invoke
   * `targets` (registered with `addScheduleTarget`), handing them the
   * scheduler role and the dead-letter queue. The targets need not be
   * registered yet, only by the time the stack is synthesized.
   */
  bindScheduleCreator(fn: BoundFunction, targets: readonly FunctionName[]): void {
    this.bindScheduleCanceller(fn);
    fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['scheduler:CreateSchedule'], resources: [schedulesArn] }));
    fn.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.schedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    this.scheduleCreators.push({ fn, targets });
  }

  /**
   * EventBridge and Scheduler invoke asynchronously: once they have handed
   * over an event, an error in the function is retried by Lambda and then
   * recorded (event, error, attempts) in the dead-letter queue. CDK's
   * SqsDestination would also grant GetQueueAttributes and GetQueueUrl,
   * which Lambda does not need.
   */
  deadLetterFailedInvocations(fn: BoundFunction): void {
    fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetters.queueArn] }));
    fn.function.configureAsyncInvoke({ onFailure: { bind: () => ({ destination: this.deadLetters.queueArn }) } });
  }
}
