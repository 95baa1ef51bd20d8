import type { EventBridgeEvent } from 'aws-lambda';
import { lambdaFunctions } from '../../../infra/wiring/functions.ts';
import { eventBridgePublisher } from '../../events/eventbridge-publisher.ts';
import { trackDeps } from '../../nurture/track-wiring.ts';
import { eventbridge } from '../../platform/clients/eventbridge.ts';
import { readConfig } from '../../platform/config.ts';
import { eventHandler } from '../../platform/lambda-handler.ts';
import { logger } from '../../platform/observability.ts';
import { defaultScoringModel } from '../../scoring/default-model.ts';
import { defaultEngagementRules } from '../default-rules.ts';
import { defaultNetworks } from '../networks/default-networks.ts';
import { type EngagementDeps, recordEngagement } from '../record-engagement.ts';
import { SesEventDetail } from '../ses-event.ts';
import { adapter } from '../../platform/adapter-seam.ts';

const config = readConfig(lambdaFunctions.engagement.settings);
const deps: EngagementDeps = {
  ...trackDeps,
  events: adapter('events', () => eventBridgePublisher(eventbridge, config.EVENT_BUS_NAME)),
  rules: defaultEngagementRules,
  networkOf: defaultNetworks.networkOf,
  model: defaultScoringModel,
};

/**
 * SES's events about Stoke's email, from the default bus. The EventBridge
 * event id is stable across redeliveries, so a repeat scores nothing twice.
 */
export async function engagementHandler(event: EventBridgeEvent<string, unknown>): Promise<void> {
  const detail = SesEventDetail.parse(event.detail);
  const outcome = await recordEngagement(event.id, detail, deps);
  logger.info('SES event', { eventType: detail.eventType, leadId: detail.mail.tags.leadId?.[0], ...outcome });
}

export const handler = eventHandler(engagementHandler);
