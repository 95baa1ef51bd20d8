import { Construct } from 'constructs';
import { type FunctionResources, StokeFunction } from './stoke-function.ts';

/**
 * Marketing's figures for the desk: the functions that send tips and handle
 * SES events keep the counters as things happen; this function only reads
 * them, a period's days at a time, for the marketing and manager groups.
 */
export class MarketingFigures extends Construct {
  readonly function: StokeFunction;

  constructor(scope: Construct, id: string, props: { readonly resources: FunctionResources }) {
    super(scope, id);
    this.function = new StokeFunction(this, 'Marketing', { name: 'marketing', resources: props.resources });
  }
}
