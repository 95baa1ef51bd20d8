import { Construct } from 'constructs';
import type { LeadData } from './lead-data.ts';
import type { Outbound } from './outbound.ts';
import { StokeFunction } from './stoke-function.ts';

export type NurtureProps = {
  /** Where leads and their nurture state are stored. */
  readonly data: LeadData;
  /** Sends the tips, signs their unsubscribe and confirmation links, schedules the next step and keeps what failed every retry. */
  readonly outbound: Outbound;
  /** Also offered in List-Unsubscribe (mailto) when set; the one-click HTTPS link is always there. */
  readonly unsubscribeMailto?: string | undefined;
};

/**
 * Nurture: puts consenting warm and cold leads on a track of tips, one
 * email per one-time schedule, each scheduling the next; and serves the
 * unsubscribe and confirmation links those emails carry.
 */
export class Nurture extends Construct {
  readonly enrolment: StokeFunction;
  readonly step: StokeFunction;
  readonly emailPreferences: StokeFunction;

  constructor(scope: Construct, id: string, props: NurtureProps) {
    super(scope, id);
    const { data, outbound } = props;
    const environment = { UNSUBSCRIBE_MAILTO: props.unsubscribeMailto ?? '' };

    this.enrolment = new StokeFunction(this, 'Enrolment', { name: 'nurture-enrolment', environment });
    this.step = new StokeFunction(this, 'Step', { name: 'nurture-step', environment });
    this.emailPreferences = new StokeFunction(this, 'EmailPreferences', { name: 'email-preferences', environment });

    outbound.addScheduleTarget('nurture-step', this.step);
    // Confirming a subscription schedules the first tip; unsubscribing cancels the next one.
    for (const fn of [this.enrolment, this.step, this.emailPreferences]) {
      data.bindItemWriter(fn);
      // Claims on once-only sends are released by deleting them.
      data.bindItemDeleter(fn);
      outbound.bindSigningKey(fn);
      outbound.bindLinkWriter(fn);
      outbound.bindScheduleCreator(fn, ['nurture-step']);
      outbound.bindMailer(fn);
    }
    // API Gateway invokes email-preferences synchronously and answers its errors itself.
    for (const fn of [this.enrolment, this.step]) outbound.deadLetterFailedInvocations(fn);
  }
}
