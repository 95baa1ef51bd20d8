import * as events from 'aws-cdk-lib/aws-events';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { type EmailStream, emailStreams } from '../../functions/email/email-streams.ts';
import { type FunctionResources, StokeFunction } from './stoke-function.ts';

export type EngagementProps = {
  /** Where leads, their signals and scores are stored and hot leads announced; the outbound configuration set publishes the events. */
  readonly resources: FunctionResources;
};

/**
 * Engagement: SES publishes the configuration set's events to the default
 * bus (the only bus it can publish to); the `email-engagement` rule brings
 * them to a function that filters machine opens and clicks, scores the
 * human ones, suppresses bounced and complaining addresses and announces
 * leads that turn hot.
 */
export class Engagement extends Construct {
  readonly function: StokeFunction;

  constructor(scope: Construct, id: string, props: EngagementProps) {
    super(scope, id);
    const { outbound } = props.resources;

    const destination = ses.EventDestination.eventBus(events.EventBus.fromEventBusName(this, 'DefaultBus', 'default'));
    for (const stream of Object.keys(emailStreams) as EmailStream[]) {
      new ses.ConfigurationSetEventDestination(this, stream === 'marketing' ? 'ToDefaultBus' : 'TeamToDefaultBus', {
        configurationSet: outbound.configurationSets[stream],
        destination,
        // CDK's EmailSendingEvent values are SES's own names of the events.
        events: emailStreams[stream].publishes.map((type) => type as ses.EmailSendingEvent),
      });
    }

    this.function = new StokeFunction(this, 'Engagement', { name: 'engagement', resources: props.resources });
  }
}
