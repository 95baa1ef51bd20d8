import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import * as z from '../platform/zod.ts';
import { leadHandedOff } from '../events/lead-handed-off.ts';
import { dynamoDbLeadStore } from '../leads/dynamodb-lead-store.ts';
import { dynamodb } from '../platform/clients/dynamodb.ts';
import { readConfig } from '../platform/config.ts';
import { logger } from '../platform/observability.ts';
import { secretValue } from '../platform/secrets.ts';
import { deliverWebhook } from './deliver-webhook.ts';
import { handoffDocument } from './handoff-document.ts';

const config = readConfig(
  z.object({
    TABLE_NAME: z.string().check(z.minLength(1)),
    /** Where handoffs are posted; empty turns the webhook off. */
    HANDOFF_WEBHOOK_URL: z._default(z.union([z.url({ protocol: /^https?$/ }), z.literal('')]), ''),
  }),
);
const leads = dynamoDbLeadStore(dynamodb, config.TABLE_NAME);

/** Posts each handoff to the team's chat or CRM, if one is configured. */
export async function webhookHandler(event: EventBridgeEvent<string, unknown>): Promise<void> {
  const detail = leadHandedOff.schema.parse(event.detail);
  if (!config.HANDOFF_WEBHOOK_URL) return;
  const lead = await leads.get(detail.leadId);
  if (!lead) {
    logger.info('handoff webhook skipped: the lead no longer exists', { leadId: detail.leadId });
    return;
  }
  // The event id is stable across EventBridge's redeliveries: the receiver's key for dropping repeats.
  const delivery = { id: event.id, event: leadHandedOff.detailType, document: handoffDocument(detail, lead, event.id) };
  await deliverWebhook(config.HANDOFF_WEBHOOK_URL, await secretValue('WEBHOOK_SECRET_ARN'), delivery);
  logger.info('handoff webhook delivered', { leadId: detail.leadId, deliveryId: event.id });
}

export const handler = middy<EventBridgeEvent<string, unknown>, void>().use(injectLambdaContext(logger, { resetKeys: true })).handler(webhookHandler);
