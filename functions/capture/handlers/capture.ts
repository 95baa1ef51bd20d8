import httpCors from '@middy/http-cors';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { eventBridgePublisher } from '../../events/eventbridge-publisher.ts';
import { dynamoDbLeadStore } from '../../leads/dynamodb-lead-store.ts';
import { dynamoDbFigureStore } from '../../marketing/dynamodb-figure-store.ts';
import { dynamodb } from '../../platform/clients/dynamodb.ts';
import { eventbridge } from '../../platform/clients/eventbridge.ts';
import { clock } from '../../platform/clock.ts';
import { InvalidRequestError } from '../../platform/errors.ts';
import { httpHandler } from '../../platform/lambda-handler.ts';
import { header } from '../../platform/http-response.ts';
import { logger, publishBusinessMetric } from '../../platform/observability.ts';
import { defaultScoringModel } from '../../scoring/default-model.ts';
import { captureConfig as config } from '../capture-config.ts';
import { captureLead, type CaptureDeps } from '../capture-lead.ts';
import { captureResponse } from '../capture-response.ts';
import { LeadForm } from '../lead-form.ts';
import { allowedRedirect } from '../redirect.ts';
import { parseBody } from '../../platform/request-body.ts';
import { adapter } from '../../platform/adapter-seam.ts';

const deps: CaptureDeps = {
  leads: adapter('leads', () => dynamoDbLeadStore(dynamodb, config.TABLE_NAME)),
  events: adapter('events', () => eventBridgePublisher(eventbridge, config.EVENT_BUS_NAME)),
  figures: adapter('figures', () => dynamoDbFigureStore(dynamodb, config.TABLE_NAME, () => clock.now())),
  model: defaultScoringModel,
  spamRetentionDays: config.SPAM_RETENTION_DAYS,
};

export async function captureHandler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const form = parseBody(LeadForm, event);
  const redirect = allowedRedirect(form.redirect, config.REDIRECT_HOSTS);

  const result = await captureLead(
    {
      form,
      at: clock.now().toISOString(),
      ip: event.requestContext?.identity?.sourceIp,
      consentTextVersion: config.CONSENT_TEXT_VERSION,
    },
    deps,
    idempotencyKeyOf(event),
  );

  if (result.type === 'spam') {
    logger.info('honeypot submission kept as spam', { submissionId: result.submissionId });
    publishBusinessMetric('spamCaught', 1);
  } else if (result.type === 'retried') {
    logger.info('submission retried', { leadId: result.lead.leadId, status: result.first.status });
    publishBusinessMetric('captureRetried', 1);
  } else {
    // A new lead is counted with marketing's figures, once (functions/marketing/figure-metrics.ts).
    const { leadId, score } = result.lead;
    logger.info(`lead ${result.type}`, { leadId, temperature: score.temperature, score: score.total });
  }
  return captureResponse(result, event, redirect);
}

const maxIdempotencyKeyLength = 255;

/** The client's name for this submission, when it gives one: its retries carry the same. */
function idempotencyKeyOf(event: APIGatewayProxyEvent): string | undefined {
  const key = header(event, 'idempotency-key')?.trim();
  if (!key) return undefined;
  if (key.length > maxIdempotencyKeyLength) {
    throw new InvalidRequestError('The Idempotency-Key header is too long', [
      { field: 'Idempotency-Key', message: `must be at most ${maxIdempotencyKeyLength} characters` },
    ]);
  }
  return key;
}

export const handler = httpHandler(captureHandler, [
  httpCors({
    origins: config.ALLOWED_ORIGINS,
    methods: 'POST,OPTIONS',
    // A script sends Idempotency-Key so that its retries are recognised (capture-lead.ts).
    headers: 'Content-Type,Idempotency-Key',
    maxAge: 600,
    disableBeforePreflightResponse: false,
  }),
]);
