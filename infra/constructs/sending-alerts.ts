import { Construct } from 'constructs';
import { type FunctionResources, StokeFunction } from './stoke-function.ts';

/**
 * The managers' alerts about sending: the engagement function announces a
 * pause of marketing email or a failed email to a colleague on the stoke
 * bus, and the `sending-alerts` rule brings both here (infra/wiring/rules.ts),
 * to be emailed through the team's configuration set.
 */
export class SendingAlerts extends Construct {
  readonly function: StokeFunction;

  constructor(scope: Construct, id: string, props: { readonly resources: FunctionResources }) {
    super(scope, id);
    this.function = new StokeFunction(this, 'SendingAlerts', { name: 'sending-alerts', resources: props.resources });
  }
}
