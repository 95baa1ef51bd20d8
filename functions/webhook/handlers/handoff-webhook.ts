import type { EventBridgeEvent } from 'aws-lambda';
import { lambdaFunctions } from '../../../infra/wiring/functions.ts';
import { leadHandedOff } from '../../events/lead-handed-off.ts';
import { dynamoDbLeadStore } from '../../leads/dynamodb-lead-store.ts';
import { dynamodb } from '../../platform/clients/dynamodb.ts';
import { readConfig } from '../../platform/config.ts';
import { eventHandler } from '../../platform/lambda-handler.ts';
import { logger } from '../../platform/observability.ts';
import { secretValue } from '../../platform/secrets.ts';
import { deliverWebhook } from '../deliver-webhook.ts';
import { handoffDocument } from '../handoff-document.ts';
import { adapter } from '../../platform/adapter-seam.ts';

const config = readConfig(lambdaFunctions['handoff-webhook'].settings);
const leads = adapter('leads', () => dynamoDbLeadStore(dynamodb, config.TABLE_NAME));

/** Posts each handoff to the team's chat or CRM, if one is configured. */
export async function webhookHandler(event: EventBridgeEvent<string, unknown>): Promise<void> {
  const detail = leadHandedOff.schema.parse(event.detail);
  if (!config.HANDOFF_WEBHOOK_URL) return;
  const lead = await leads.get(detail.leadId);
  if (!lead) {
    logger.info('handoff webhook skipped: the lead no longer exists', { leadId: detail.leadId });
    return;
  }
  // Named by the assignment, not the event: a handoff completed again after a failure announces it under a new
  // event id, and EventBridge redelivers; either way the receiver's key for dropping repeats stays the same.
  const id = `${detail.leadId}.${detail.episode}.${detail.at}`;
  const delivery = { id, event: leadHandedOff.detailType, document: handoffDocument(detail, lead, id) };
  await deliverWebhook(config.HANDOFF_WEBHOOK_URL, await secretValue('WEBHOOK_SECRET_ARN'), delivery);
  logger.info('handoff webhook delivered', { leadId: detail.leadId, deliveryId: id });
}

export const handler = eventHandler(webhookHandler);
