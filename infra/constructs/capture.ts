import { Construct } from 'constructs';
import type { LeadData } from './lead-data.ts';
import { StokeFunction } from './stoke-function.ts';

export type CaptureProps = {
  /** Where captured leads are stored and announced. */
  readonly data: LeadData;
  /** Origins (`https://*.example.com` patterns allowed) whose scripts may post leads. */
  readonly allowedOrigins: readonly string[];
  /** Hosts a form may send people back to after posting. */
  readonly redirectHosts: readonly string[];
  /** Consent wording version recorded for forms that do not send their own. */
  readonly consentTextVersion: string;
};

/** Lead capture: the function behind the public form endpoint, allowed to store leads and announce them, nothing more. */
export class Capture extends Construct {
  readonly function: StokeFunction;

  constructor(scope: Construct, id: string, props: CaptureProps) {
    super(scope, id);

    this.function = new StokeFunction(this, 'Capture', {
      name: 'capture',
      environment: {
        ALLOWED_ORIGINS: props.allowedOrigins.join(','),
        REDIRECT_HOSTS: props.redirectHosts.join(','),
        CONSENT_TEXT_VERSION: props.consentTextVersion,
      },
    });
    props.data.bindItemWriter(this.function);
    props.data.bindPublisher(this.function);
  }
}
