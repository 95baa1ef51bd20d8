import { Construct } from 'constructs';
import { type FunctionResources, StokeFunction } from './stoke-function.ts';

export type CaptureProps = {
  /** Where captured leads are stored and announced, and the deployment's origins, redirect hosts and consent version. */
  readonly resources: FunctionResources;
};

/** Lead capture: the function behind the public form endpoint, allowed to store leads and announce them, nothing more. */
export class Capture extends Construct {
  readonly function: StokeFunction;

  constructor(scope: Construct, id: string, props: CaptureProps) {
    super(scope, id);
    this.function = new StokeFunction(this, 'Capture', { name: 'capture', resources: props.resources });
  }
}
