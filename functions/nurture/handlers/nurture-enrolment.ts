import type { EventBridgeEvent } from 'aws-lambda';
import { leadCaptured, leadPurchased, leadRecycled, sendingResumed } from '../../events/catalog.ts';
import { parseDetail } from '../../events/event-definition.ts';
import { eventHandler } from '../../platform/lambda-handler.ts';
import { logger } from '../../platform/observability.ts';
import { nurtureDeps as deps } from '../nurture-wiring.ts';
import { enrol, releaseHeld } from '../sequence.ts';

/**
 * Enrols a consenting warm or cold lead, one sales handed back, or a new
 * customer when a track is for customers; and when a manager resumes
 * marketing's sends, sends again what waited. Errors are thrown so
 * EventBridge retries; a retry skips what was already released.
 */
export async function enrolmentHandler(event: EventBridgeEvent<string, unknown>): Promise<void> {
  if (event['detail-type'] === sendingResumed.detailType) {
    parseDetail(event, sendingResumed);
    const released: Record<string, number> = {};
    for (const held of await deps.brake.held('marketing')) {
      const outcome = await releaseHeld(held, deps);
      released[outcome] = (released[outcome] ?? 0) + 1;
    }
    logger.info('marketing sends resumed', { released });
    return;
  }
  // Each names the lead; enrolment reads everything else from the lead itself.
  const { leadId } = parseDetail(event, leadCaptured, leadRecycled, leadPurchased);
  logger.info('nurture enrolment', { leadId, outcome: await enrol(leadId, deps) });
}

export const handler = eventHandler(enrolmentHandler);
