import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { type FunctionResources, StokeFunction } from './stoke-function.ts';

/** How often the watch measures; the alarm on what it publishes counts in these periods (operations.ts). */
export const firstContactWatchPeriod = Duration.minutes(15);

export type FirstContactWatchProps = {
  /** The table whose indexes the watch queries. */
  readonly resources: FunctionResources;
};

/**
 * The first-contact watch: every 15 minutes it measures how long the most
 * overdue hot lead has waited past its first-contact deadline and publishes
 * it as a metric. A rule on the default bus invokes it, not a schedule of the
 * stoke group: its one product is a CloudWatch metric, which only a deployed
 * stack has, so the local runtime and the simulator, which run every
 * recurring schedule of infra/wiring/schedules.ts, have no use for it; and a
 * run that fails is not retried for a day nor dead-lettered, since the next
 * run measures again 15 minutes later and the alarm notices a missing one.
 */
export class FirstContactWatch extends Construct {
  readonly function: StokeFunction;

  constructor(scope: Construct, id: string, props: FirstContactWatchProps) {
    super(scope, id);

    this.function = new StokeFunction(this, 'Function', { name: 'first-contact-watch', resources: props.resources });
    new events.Rule(this, 'Schedule', {
      ruleName: 'stoke-first-contact-watch',
      description: 'Invokes first-contact-watch every 15 minutes',
      schedule: events.Schedule.rate(firstContactWatchPeriod),
      targets: [new targets.LambdaFunction(this.function.function, { retryAttempts: 0 })],
    });
  }
}
