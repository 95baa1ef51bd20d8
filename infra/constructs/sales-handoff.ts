import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { LeadData } from './lead-data.ts';
import type { Outbound } from './outbound.ts';
import { StokeFunction } from './stoke-function.ts';

export type SalesHandoffProps = {
  /** Where leads and reps are stored and handoffs announced. */
  readonly data: LeadData;
  /** Sends the handoff emails, signs their links, schedules the deadlines and keeps what failed every retry. */
  readonly outbound: Outbound;
  /** Where every handoff is posted as signed JSON (the team's chat or CRM); none turns the webhook off. */
  readonly handoffWebhookUrl?: string | undefined;
};

/**
 * Sales handoff: gives each hot lead one accountable rep and emails them
 * one-click links; a one-time schedule per deadline reminds, escalates and
 * finally reassigns. Also the links' endpoint, the reps roster and the
 * webhook that tells the team's chat or CRM.
 */
export class SalesHandoff extends Construct {
  readonly handoff: StokeFunction;
  readonly firstContactDeadline: StokeFunction;
  readonly leadActions: StokeFunction;
  readonly reps: StokeFunction;
  readonly webhook: StokeFunction;
  /** The key webhook receivers check signatures with: share its value with them. */
  readonly webhookSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: SalesHandoffProps) {
    super(scope, id);
    const { data, outbound } = props;

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

    outbound.addScheduleTarget('first-contact-deadline', this.firstContactDeadline);
    // One schedule group: the handoff's DeleteSchedule also stops the nurture tips of a lead sales takes over.
    for (const fn of [this.handoff, this.firstContactDeadline]) {
      data.bindItemWriter(fn);
      data.bindItemDeleter(fn);
      data.bindIndexReader(fn);
      data.bindPublisher(fn);
      outbound.bindSigningKey(fn);
      outbound.bindLinkWriter(fn);
      outbound.bindScheduleCreator(fn, ['first-contact-deadline']);
      outbound.bindMailer(fn);
      outbound.deadLetterFailedInvocations(fn);
    }

    data.bindItemWriter(this.leadActions);
    data.bindItemDeleter(this.leadActions);
    // A link that closes a lead for a reason that returns it to nurture announces lead.recycled, as the sales desk does.
    data.bindPublisher(this.leadActions);
    outbound.bindSigningKey(this.leadActions);
    outbound.bindScheduleCanceller(this.leadActions);

    data.bindItemWriter(this.reps);
    data.bindIndexReader(this.reps);
    data.bindPublisher(this.reps);

    data.bindItemReader(this.webhook);
    this.webhook.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [this.webhookSecret.secretArn] }),
    );
    this.webhook.function.addEnvironment('WEBHOOK_SECRET_ARN', this.webhookSecret.secretArn);
    outbound.deadLetterFailedInvocations(this.webhook);
  }
}
