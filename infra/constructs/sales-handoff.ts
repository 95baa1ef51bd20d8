import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { LeadData } from './lead-data.ts';
import { StokeFunction } from './stoke-function.ts';

const scheduleGroupName = 'stoke';
// Pseudo parameters rather than formatArn: the ARN, and so the cdk-nag finding
// acknowledged below, reads the same whether or not the stack's region is known.
const schedulesArn = `arn:${Aws.PARTITION}:scheduler:${Aws.REGION}:${Aws.ACCOUNT_ID}:schedule/${scheduleGroupName}/*`;

export type SalesHandoffProps = {
  /** Where leads and reps are stored and handoffs announced. */
  readonly data: LeadData;
  /** From address of handoff emails. */
  readonly senderAddress: string;
  /**
   * SES identity (domain or address) the stack declares, with Easy DKIM for a
   * domain. Without it, the sender's domain must be verified in SES already.
   */
  readonly sesIdentity?: string | undefined;
  /** Who sends the emails: the name and postal address every email shows (CAN-SPAM). */
  readonly company: { readonly name: string; readonly postalAddress: string };
  /** Where every handoff is posted as signed JSON (the team's chat or CRM); none turns the webhook off. */
  readonly handoffWebhookUrl?: string | undefined;
};

/**
 * Sales handoff: gives each hot lead one accountable rep and emails them
 * one-click links; a one-time schedule per deadline reminds, escalates and
 * finally reassigns. Also the links' endpoint and the reps roster. Work that
 * fails every retry lands in one dead-letter queue, watched by an alarm.
 */
export class SalesHandoff extends Construct {
  readonly handoff: StokeFunction;
  readonly firstContactDeadline: StokeFunction;
  readonly leadActions: StokeFunction;
  readonly reps: StokeFunction;
  readonly webhook: StokeFunction;
  /** The key webhook receivers check signatures with: share its value with them. */
  readonly webhookSecret: secretsmanager.Secret;
  readonly scheduleGroup: scheduler.ScheduleGroup;
  /** Failed handoff work: undeliverable rule events, schedules Scheduler could not invoke, failed async invocations. */
  readonly deadLetters: sqs.Queue;
  private readonly signingSecret: secretsmanager.Secret;
  private readonly schedulerRole: iam.Role;
  private linksConfigured = false;

  constructor(scope: Construct, id: string, props: SalesHandoffProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      queueName: 'stoke-handoff-dead-letters',
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the handoff rules, schedules and async invocations; nothing consumes it automatically.',
    });
    new cloudwatch.Alarm(this, 'DeadLettersAlarm', {
      alarmName: 'stoke-handoff-dead-letters',
      alarmDescription:
        'Handoff work failed every retry: a hot lead may have no owner, reminder or reassignment. Read the messages of stoke-handoff-dead-letters and redrive them once the cause is fixed.',
      metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.signingSecret = new secretsmanager.Secret(this, 'SigningSecret', {
      description: 'Signs the one-click links of Stoke handoff emails',
      // The functions refuse keys under 32 characters.
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(this.signingSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret is the key that signs one-click links in emails already sent; the functions verify with one key, so rotating it would break every link still in an inbox. Links expire after 14 days; replace the value by hand if it leaks.',
    });

    const configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: 'stoke',
      // An address that bounced or complained is not sent to again.
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
    });
    const sendingIdentityArn = props.sesIdentity
      ? new ses.EmailIdentity(this, 'EmailIdentity', {
          identity: props.sesIdentity.includes('@') ? ses.Identity.email(props.sesIdentity) : ses.Identity.domain(props.sesIdentity),
          configurationSet,
          ...(props.sesIdentity.includes('@') ? {} : { dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT) }),
        }).emailIdentityArn
      : stack.formatArn({ service: 'ses', resource: 'identity', resourceName: props.senderAddress.slice(props.senderAddress.lastIndexOf('@') + 1) });

    this.scheduleGroup = new scheduler.ScheduleGroup(this, 'ScheduleGroup', {
      scheduleGroupName,
      // Its schedules only invoke this stack's functions, and a retained group
      // would keep its fixed name from being created again.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.handoff = new StokeFunction(this, 'Handoff', { name: 'handoff' });
    this.firstContactDeadline = new StokeFunction(this, 'FirstContactDeadline', { name: 'first-contact-deadline' });
    this.leadActions = new StokeFunction(this, 'LeadActions', { name: 'lead-actions' });
    this.reps = new StokeFunction(this, 'Reps', { name: 'reps' });
    this.webhook = new StokeFunction(this, 'HandoffWebhook', {
      name: 'handoff-webhook',
      environment: { HANDOFF_WEBHOOK_URL: props.handoffWebhookUrl ?? '' },
    });
    this.webhookSecret = new secretsmanager.Secret(this, 'WebhookSecret', {
      description: "Signs the handoff webhook's requests (X-Stoke-Signature); receivers verify with the same value",
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(this.webhookSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'The webhook receiver (a chat or CRM outside AWS) holds a copy of this key; rotating it must be coordinated with that receiver by hand, which an automatic rotation cannot do.',
    });

    this.schedulerRole = new iam.Role(this, 'SchedulerRole', {
      description: 'Lets the schedules of the stoke group invoke the first-contact-deadline function and dead-letter what they cannot',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': this.scheduleGroup.scheduleGroupArn },
        },
      }),
    });
    this.schedulerRole.addToPolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.firstContactDeadline.function.functionArn] }),
    );
    this.schedulerRole.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetters.queueArn] }));

    for (const fn of [this.handoff, this.firstContactDeadline]) {
      props.data.bindItemWriter(fn);
      props.data.bindItemDeleter(fn);
      props.data.bindIndexReader(fn);
      props.data.bindPublisher(fn);
      this.bindSigningKey(fn);
      this.bindScheduleCreator(fn);
      bindMailer(fn, { ...props, identityArn: sendingIdentityArn, configurationSet });
      this.deadLetterFailedInvocations(fn);
    }

    props.data.bindItemWriter(this.leadActions);
    props.data.bindItemDeleter(this.leadActions);
    this.bindSigningKey(this.leadActions);
    this.bindScheduleCanceller(this.leadActions);

    props.data.bindItemWriter(this.reps);
    props.data.bindIndexReader(this.reps);
    props.data.bindPublisher(this.reps);

    props.data.bindItemReader(this.webhook);
    this.webhook.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [this.webhookSecret.secretArn] }),
    );
    this.webhook.function.addEnvironment('WEBHOOK_SECRET_ARN', this.webhookSecret.secretArn);
    this.deadLetterFailedInvocations(this.webhook);

    this.node.addValidation({
      validate: () => (this.linksConfigured ? [] : ['SalesHandoff.linkEmailsTo() was never called: handoff emails would have no link base URL']),
    });
  }

  /**
   * Tells the functions that write emails where the one-click links point:
   * the `lead-actions` routes are served under this base URL. Called once
   * the API exists, since the API needs these functions first.
   */
  linkEmailsTo(baseUrl: string): void {
    for (const fn of [this.handoff, this.firstContactDeadline]) fn.function.addEnvironment('PUBLIC_API_URL', baseUrl);
    this.linksConfigured = true;
  }

  private bindSigningKey(fn: StokeFunction): void {
    fn.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [this.signingSecret.secretArn] }),
    );
    fn.function.addEnvironment('SIGNING_SECRET_ARN', this.signingSecret.secretArn);
  }

  private bindScheduleCanceller(fn: StokeFunction): void {
    fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['scheduler:DeleteSchedule'], resources: [schedulesArn] }));
    fn.function.addEnvironment('SCHEDULE_GROUP', scheduleGroupName);
    // The name is known without a reference; the group must still exist before the first call.
    fn.function.node.addDependency(this.scheduleGroup);
    this.acknowledgeSchedulesWildcard(fn);
  }

  /** Creating a schedule hands it the scheduler role, whose only target is the deadline function. */
  private bindScheduleCreator(fn: StokeFunction): void {
    this.bindScheduleCanceller(fn);
    fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['scheduler:CreateSchedule'], resources: [schedulesArn] }));
    fn.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.schedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    fn.function.addEnvironment('SCHEDULER_ROLE_ARN', this.schedulerRole.roleArn);
    fn.function.addEnvironment('SCHEDULER_DEAD_LETTER_ARN', this.deadLetters.queueArn);
    fn.function.addEnvironment('FIRST_CONTACT_DEADLINE_FUNCTION_ARN', this.firstContactDeadline.arnByName);
  }

  /**
   * EventBridge and Scheduler invoke asynchronously: once they have handed
   * over an event, an error in the function is retried by Lambda and then
   * recorded (event, error, attempts) in the dead-letter queue. CDK's
   * SqsDestination would also grant GetQueueAttributes and GetQueueUrl,
   * which Lambda does not need.
   */
  private deadLetterFailedInvocations(fn: StokeFunction): void {
    fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetters.queueArn] }));
    fn.function.configureAsyncInvoke({ onFailure: { bind: () => ({ destination: this.deadLetters.queueArn }) } });
  }

  private acknowledgeSchedulesWildcard(fn: StokeFunction): void {
    Validations.of(fn.role.node.findChild('DefaultPolicy')).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${scheduleGroupName}/*]`,
      reason:
        'One schedule per lead, episode, owner and deadline stage is named at run time; the permission is confined to the schedules of the stoke group, and the only role they can be given invokes the deadline function alone.',
    });
  }
}

/**
 * Lets a function send email from the sending identity through the stoke
 * configuration set only (SES authorizes both), and gives it the From
 * address and the company details every email shows.
 */
function bindMailer(
  fn: StokeFunction,
  mail: Pick<SalesHandoffProps, 'senderAddress' | 'company'> & { identityArn: string; configurationSet: ses.ConfigurationSet },
): void {
  const configurationSetArn = Stack.of(fn).formatArn({
    service: 'ses',
    resource: 'configuration-set',
    resourceName: mail.configurationSet.configurationSetName,
  });
  fn.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: [mail.identityArn, configurationSetArn] }));
  fn.function.addEnvironment('SENDER_ADDRESS', mail.senderAddress);
  fn.function.addEnvironment('SES_CONFIGURATION_SET', mail.configurationSet.configurationSetName);
  fn.function.addEnvironment('COMPANY_NAME', mail.company.name);
  fn.function.addEnvironment('COMPANY_POSTAL_ADDRESS', mail.company.postalAddress);
}
