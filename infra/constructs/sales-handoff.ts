import { Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { type FunctionResources, StokeFunction } from './stoke-function.ts';

export type SalesHandoffProps = {
  /**
   * Where leads and reps are stored and handoffs announced; the outbound plumbing sends the handoff emails,
   * signs their links, schedules the deadlines and keeps what failed every retry; the webhook's URL.
   */
  readonly resources: FunctionResources;
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
    this.webhookSecret = new secretsmanager.Secret(this, 'WebhookSecret', {
      description: "Signs the handoff webhook's requests (X-Stoke-Signature); receivers verify with the same value",
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(this.webhookSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'The webhook receiver (a chat or CRM outside AWS) holds a copy of this key; rotating it must be coordinated with that receiver by hand, which an automatic rotation cannot do.',
    });
    const resources = { ...props.resources, webhookSecret: this.webhookSecret };

    this.handoff = new StokeFunction(this, 'Handoff', { name: 'handoff', resources });
    this.firstContactDeadline = new StokeFunction(this, 'FirstContactDeadline', { name: 'first-contact-deadline', resources });
    this.leadActions = new StokeFunction(this, 'LeadActions', { name: 'lead-actions', resources });
    this.reps = new StokeFunction(this, 'Reps', { name: 'reps', resources });
    this.webhook = new StokeFunction(this, 'HandoffWebhook', { name: 'handoff-webhook', resources });
  }
}
