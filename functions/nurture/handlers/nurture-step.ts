import * as z from '../../platform/zod.ts';
import { eventHandler } from '../../platform/lambda-handler.ts';
import { logger } from '../../platform/observability.ts';
import { nurtureDeps as deps } from '../nurture-wiring.ts';
import { runStep } from '../sequence.ts';

const StepCall = z.object({ leadId: z.string(), seq: z.number().check(z.int(), z.minimum(1)) });

/** Invoked by a step's one-time schedule; errors are thrown so Scheduler retries, then dead-letters. */
export async function stepHandler(input: unknown): Promise<void> {
  const call = StepCall.parse(input);
  logger.info('nurture step', { leadId: call.leadId, seq: call.seq, ...(await runStep(call, deps)) });
}

export const handler = eventHandler(stepHandler);
