import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { lambdaFunctions } from '../../../infra/wiring/functions.ts';
import { createNurtureSteps } from '../../email/nurture-sequences.ts';
import { nurtureTemplates } from '../../email/templates/nurture.ts';
import type { TrackStartDeps } from '../../nurture/nurture-deps.ts';
import { SubscriptionToken } from '../../nurture/subscription-links.ts';
import { confirmSubscription, unsubscribe } from '../../nurture/sequence.ts';
import { trackDeps } from '../../nurture/track-wiring.ts';
import { clock } from '../../platform/clock.ts';
import { readConfig } from '../../platform/config.ts';
import { httpHandler } from '../../platform/lambda-handler.ts';
import { logger } from '../../platform/observability.ts';
import { signingKey } from '../../platform/secrets.ts';
import { verifyToken } from '../../tokens/signed-token.ts';
import { preferencePage } from '../preference-pages.ts';

// Checked at cold start although the signing key is read on first use.
readConfig(lambdaFunctions['email-preferences'].settings);
// Confirming starts the track at its first step's delay; neither link emails, so no renderer and no SES client here.
const deps: TrackStartDeps = { ...trackDeps, steps: createNurtureSteps(nurtureTemplates) };

/**
 * The links in marketing email. `POST /email/unsubscribe/{token}` is RFC 8058's
 * one-click unsubscribe (mail clients post `List-Unsubscribe=One-Click`) and
 * acts at once; every GET only shows a page with a button, so link scanners change nothing.
 */
export async function emailPreferencesHandler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const purpose = event.resource.startsWith('/email/unsubscribe') ? 'unsubscribe' : 'confirm-subscription';
  const verified = verifyToken(event.pathParameters?.token ?? '', await signingKey(), SubscriptionToken, clock.now());
  if (!verified.ok || verified.payload.purpose !== purpose) {
    return preferencePage(verified.ok || verified.reason !== 'expired' ? 400 : 410, 'This link does not work', 'It is incomplete, expired or not one we sent. Reply to any of our emails and we will sort it out.');
  }
  const { leadId } = verified.payload;

  if (purpose === 'unsubscribe') {
    if (event.httpMethod === 'GET') return preferencePage(200, 'Unsubscribe from our tips?', 'You will get no more marketing email from us.', 'Unsubscribe');
    const found = await unsubscribe(leadId, isOneClick(event) ? 'one-click' : 'unsubscribe page', deps);
    logger.info('unsubscribed', { leadId, found });
    return preferencePage(200, 'You are unsubscribed', 'You will get no more marketing email from us. Sorry to see you go.');
  }
  if (event.httpMethod === 'GET') return preferencePage(200, 'Confirm your subscription', 'Confirm that you want our short tips by email.', 'Yes, send me the tips');
  const found = await confirmSubscription(leadId, deps);
  logger.info('subscription confirmed', { leadId, found });
  return preferencePage(200, 'Thank you', 'Your subscription is confirmed. The first tip is on its way soon.');
}

function isOneClick(event: APIGatewayProxyEvent): boolean {
  return (event.body ?? '').includes('List-Unsubscribe=One-Click');
}

export const handler = httpHandler(emailPreferencesHandler);
