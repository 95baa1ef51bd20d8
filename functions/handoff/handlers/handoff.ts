import type { EventBridgeEvent } from 'aws-lambda';
import { leadBecameHot, leadCaptured, leadReassigned, repDeactivated } from '../../events/catalog.ts';
import { eventHandler } from '../../platform/lambda-handler.ts';
import { logger } from '../../platform/observability.ts';
import { handOff } from '../hand-off.ts';
import { handoffDeps as deps } from '../handoff-wiring.ts';

type Trigger = EventBridgeEvent<string, unknown>;

/**
 * One handler for every reason a lead needs an owner: captured hot, turned
 * hot later, or its rep was deactivated; and for the telling of an owner a
 * manager chose at the sales desk. Errors are thrown so EventBridge
 * retries and, at the end, dead-letters the event.
 */
export async function handoffHandler(event: Trigger): Promise<void> {
  switch (event['detail-type']) {
    case leadCaptured.detailType: {
      const detail = leadCaptured.schema.parse(event.detail);
      if (detail.temperature !== 'hot') return;
      logOutcome(detail.leadId, await handOff({ type: 'hot', leadId: detail.leadId, episode: 1 }, deps));
      return;
    }
    case leadBecameHot.detailType: {
      const detail = leadBecameHot.schema.parse(event.detail);
      logOutcome(detail.leadId, await handOff({ type: 'hot', leadId: detail.leadId, episode: detail.episode }, deps));
      return;
    }
    case repDeactivated.detailType: {
      const { repId } = repDeactivated.schema.parse(event.detail);
      const open = await deps.leads.openLeadsOf(repId);
      logger.info('reassigning the open leads of a deactivated rep', { repId, leads: open.length });
      for (const lead of open) {
        logOutcome(lead.leadId, await handOff({ type: 'take-back', leadId: lead.leadId, fromOwnerId: repId, why: 'rep-deactivated' }, deps));
      }
      return;
    }
    case leadReassigned.detailType: {
      const { leadId, assignment } = leadReassigned.schema.parse(event.detail);
      logOutcome(leadId, await handOff({ type: 'recorded', leadId, assignment }, deps));
      return;
    }
    default:
      throw new Error(`The handoff function does not handle ${event['detail-type']}`);
  }
}

function logOutcome(leadId: string, outcome: Awaited<ReturnType<typeof handOff>>): void {
  logger.info(outcome.type === 'handed-off' ? 'lead handed off' : 'handoff skipped', { leadId, ...outcome });
}

export const handler = eventHandler(handoffHandler);
