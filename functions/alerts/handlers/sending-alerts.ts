import type { EventBridgeEvent } from 'aws-lambda';
import { lambdaFunctions } from '../../../infra/wiring/functions.ts';
import { sesEmailSender } from '../../email/ses-email-sender.ts';
import { createTemplateRenderer } from '../../email/render-email.ts';
import { alertsTemplates } from '../../email/templates/alerts.ts';
import { sendingPaused, teamEmailFailed } from '../../events/catalog.ts';
import { dynamoDbLeadStore } from '../../leads/dynamodb-lead-store.ts';
import { adapter } from '../../platform/adapter-seam.ts';
import { dynamodb } from '../../platform/clients/dynamodb.ts';
import { sesv2 } from '../../platform/clients/sesv2.ts';
import { clock } from '../../platform/clock.ts';
import { readConfig } from '../../platform/config.ts';
import { eventHandler } from '../../platform/lambda-handler.ts';
import { logger } from '../../platform/observability.ts';
import { dynamoDbRepStore } from '../../reps/dynamodb-rep-store.ts';
import { dynamoDbBrakeStore } from '../../sending/dynamodb-brake-store.ts';
import { dynamoDbClaims } from '../../storage/dynamodb-claims.ts';
import { type AlertOutcome, alertSendingPaused, alertTeamEmailFailed, type SendingAlertDeps } from '../send-sending-alerts.ts';

const config = readConfig(lambdaFunctions['sending-alerts'].settings);
const deps: SendingAlertDeps = {
  leads: adapter('leads', () => dynamoDbLeadStore(dynamodb, config.TABLE_NAME)),
  reps: adapter('reps', () => dynamoDbRepStore(dynamodb, config.TABLE_NAME)),
  brake: adapter('brake', () => dynamoDbBrakeStore(dynamodb, config.TABLE_NAME)),
  claims: adapter('claims', () => dynamoDbClaims(dynamodb, config.TABLE_NAME, () => clock.now())),
  mailer: adapter('mailer', () => sesEmailSender(sesv2, { from: config.SENDER_ADDRESS })),
  templates: createTemplateRenderer(alertsTemplates),
  settings: { deskUrl: config.DESK_URL, company: { name: config.COMPANY_NAME, postalAddress: config.COMPANY_POSTAL_ADDRESS } },
};

/**
 * Emails the managers about sending: marketing paused by its brake, or an
 * email to a colleague that bounced or drew a complaint. Errors are thrown
 * so EventBridge retries and, at the end, dead-letters the event.
 */
export async function sendingAlertsHandler(event: EventBridgeEvent<string, unknown>): Promise<void> {
  switch (event['detail-type']) {
    case sendingPaused.detailType: {
      const pause = sendingPaused.schema.parse(event.detail);
      logOutcome('alert about a sending pause', { pausedAt: pause.at, because: pause.because }, await alertSendingPaused(pause, deps));
      return;
    }
    case teamEmailFailed.detailType: {
      const failure = teamEmailFailed.schema.parse(event.detail);
      // The failing address stays out of the log: the message id and the template find it in SES.
      const { messageId, template, leadId } = failure;
      logOutcome('alert about a failed team email', { messageId, failure: failure.failure, template, leadId }, await alertTeamEmailFailed(failure, deps));
      return;
    }
    default:
      throw new Error(`The sending-alerts function does not handle ${event['detail-type']}`);
  }
}

// With no active rep there is no manager to tell: worth a warning, since nobody will hear of it.
function logOutcome(message: string, about: Record<string, unknown>, outcome: AlertOutcome): void {
  if (outcome.type === 'skipped' && outcome.why === 'nobody to tell') logger.warn(message, { ...about, ...outcome });
  else logger.info(message, { ...about, ...outcome });
}

export const handler = eventHandler(sendingAlertsHandler);
