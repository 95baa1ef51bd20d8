import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import * as z from '../platform/zod.ts';
import { eventBridgePublisher } from '../events/event-publisher.ts';
import { trackDeps } from '../nurture/track-wiring.ts';
import { eventbridge } from '../platform/clients/eventbridge.ts';
import { readConfig } from '../platform/config.ts';
import { logger } from '../platform/observability.ts';
import { defaultScoringModel } from '../scoring/default-model.ts';
import { defaultEngagementRules } from './default-rules.ts';
import { type EngagementDeps, recordEngagement } from './record-engagement.ts';
import { SesEventDetail } from './ses-event.ts';

const config = readConfig(z.object({ EVENT_BUS_NAME: z.string().check(z.minLength(1)) }));
const deps: EngagementDeps = {
  ...trackDeps,
  events: eventBridgePublisher(eventbridge, config.EVENT_BUS_NAME),
  rules: defaultEngagementRules,
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

export const handler = middy<EventBridgeEvent<string, unknown>, void>().use(injectLambdaContext(logger, { resetKeys: true })).handler(engagementHandler);
