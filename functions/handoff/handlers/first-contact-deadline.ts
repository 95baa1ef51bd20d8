import { eventHandler } from '../../platform/lambda-handler.ts';
import { logger } from '../../platform/observability.ts';
import { checkDeadline } from '../check-deadline.ts';
import { DeadlineCheck } from '../../schedules/first-contact-deadlines.ts';
import { handoffDeps as deps } from '../handoff-wiring.ts';

/** Invoked by the one-time schedule set at handoff; errors are thrown so Scheduler retries, then dead-letters. */
export async function deadlineHandler(input: unknown): Promise<void> {
  const check = DeadlineCheck.parse(input);
  const outcome = await checkDeadline(check, deps);
  logger.info('first-contact deadline checked', { leadId: check.leadId, stage: check.stage, ...outcome });
}

export const handler = eventHandler(deadlineHandler);
