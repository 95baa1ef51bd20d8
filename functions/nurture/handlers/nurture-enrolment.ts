import type { EventBridgeEvent } from 'aws-lambda';
import { leadCaptured, leadPurchased, leadRecycled } from '../../events/catalog.ts';
import { parseDetail } from '../../events/event-definition.ts';
import { eventHandler } from '../../platform/lambda-handler.ts';
import { logger } from '../../platform/observability.ts';
import { nurtureDeps as deps } from '../nurture-wiring.ts';
import { enrol } from '../sequence.ts';

/** Enrols a consenting warm or cold lead, one sales handed back, or a new customer when a track is for customers; errors are thrown so EventBridge retries. */
export async function enrolmentHandler(event: EventBridgeEvent<string, unknown>): Promise<void> {
  // Each names the lead; enrolment reads everything else from the lead itself.
  const { leadId } = parseDetail(event, leadCaptured, leadRecycled, leadPurchased);
  logger.info('nurture enrolment', { leadId, outcome: await enrol(leadId, deps) });
}

export const handler = eventHandler(enrolmentHandler);
