import { Construct } from 'constructs';
import { type FunctionResources, StokeFunction } from './stoke-function.ts';

export type NurtureProps = {
  /** Where leads and their nurture state are stored; the outbound plumbing sends the tips, signs their links, schedules the next step and keeps what failed every retry. */
  readonly resources: FunctionResources;
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
    const { resources } = props;
    this.enrolment = new StokeFunction(this, 'Enrolment', { name: 'nurture-enrolment', resources });
    this.step = new StokeFunction(this, 'Step', { name: 'nurture-step', resources });
    this.emailPreferences = new StokeFunction(this, 'EmailPreferences', { name: 'email-preferences', resources });
  }
}
