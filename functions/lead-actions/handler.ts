import { createHash } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from '../platform/zod.ts';
import { LeadActionToken } from '../handoff/action-links.ts';
import { dynamoDbLeadStore } from '../leads/dynamodb-lead-store.ts';
import { dynamodb } from '../platform/clients/dynamodb.ts';
import { scheduler } from '../platform/clients/scheduler.ts';
import { clock } from '../platform/clock.ts';
import { readConfig } from '../platform/config.ts';
import { httpErrors } from '../platform/http-errors.ts';
import { logger } from '../platform/observability.ts';
import { signingKey } from '../platform/secrets.ts';
import { eventBridgeSchedules } from '../schedules/scheduler.ts';
import { dynamoDbClaims, once } from '../storage/claims.ts';
import { verifyToken } from '../tokens/signed-token.ts';
import { confirmationPage, recordedPage, refusedPage } from './action-pages.ts';
import { applyLeadAction } from './apply-lead-action.ts';
import { leadName } from '../leads/lead.ts';

const config = readConfig(z.object({ TABLE_NAME: z.string().check(z.minLength(1)), SCHEDULE_GROUP: z.string().check(z.minLength(1)) }));
const leads = dynamoDbLeadStore(dynamodb, config.TABLE_NAME);
const claims = dynamoDbClaims(dynamodb, config.TABLE_NAME, () => clock.now());
const schedules = eventBridgeSchedules(scheduler, { group: config.SCHEDULE_GROUP });

const refusals = {
  malformed: 'This link is incomplete. Open it from the email again.',
  forged: 'This link is not one Stoke made.',
  expired: 'This link has expired. Log the contact in the sales desk instead.',
  'wrong-purpose': 'This link is not for recording a lead action.',
} as const;

export async function leadActionsHandler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const token = event.pathParameters?.token ?? '';
  const verified = verifyToken(token, await signingKey(), LeadActionToken, clock.now());
  if (!verified.ok) return refusedPage(verified.reason === 'expired' ? 410 : 400, refusals[verified.reason]);
  const { leadId, ownerId, episode, action } = verified.payload;
  const lead = await leads.get(leadId);
  const name = lead ? (leadName(lead) ?? lead.email) : 'this lead';

  if (event.httpMethod === 'GET') return confirmationPage(action, name);

  let outcome: Awaited<ReturnType<typeof applyLeadAction>> | undefined;
  // A link does its one thing once: a second post, or a replay, changes nothing.
  await once(claims, 'lead-action-link', createHash('sha256').update(token).digest('hex'), async () => {
    outcome = await applyLeadAction({ leadId, ownerId, episode, action, at: clock.now().toISOString() }, { leads, schedules });
  });
  if (!outcome) return refusedPage(409, 'This link was already used.');
  logger.info('lead action from email link', { leadId, action, outcome: outcome.type });
  return outcome.type === 'recorded' ? recordedPage(action, name) : refusedPage(409, outcome.reason);
}

export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(httpErrors())
  .handler(leadActionsHandler);
