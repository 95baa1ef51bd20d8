import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import * as z from '../platform/zod.ts';
import { logger } from '../platform/observability.ts';
import { nurtureDeps as deps } from './nurture-wiring.ts';
import { enrol } from './sequence.ts';

// lead.captured and lead.recycled both name the lead; enrolment reads everything else from the lead itself.
const Enrolment = z.object({ leadId: z.string() });

/** Enrols a consenting warm or cold lead, or one sales handed back, in its nurture track; errors are thrown so EventBridge retries. */
export async function enrolmentHandler(event: EventBridgeEvent<string, unknown>): Promise<void> {
  const { leadId } = Enrolment.parse(event.detail);
  logger.info('nurture enrolment', { leadId, outcome: await enrol(leadId, deps) });
}

export const handler = middy<EventBridgeEvent<string, unknown>, void>().use(injectLambdaContext(logger, { resetKeys: true })).handler(enrolmentHandler);
