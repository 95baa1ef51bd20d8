import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from '../platform/zod.ts';
import { callerOf, requireGroup } from '../auth/caller.ts';
import { eventBridgePublisher } from '../events/event-publisher.ts';
import { dynamodb } from '../platform/clients/dynamodb.ts';
import { eventbridge } from '../platform/clients/eventbridge.ts';
import { clock } from '../platform/clock.ts';
import { readConfig } from '../platform/config.ts';
import { ConcurrentUpdateError, InvalidRequestError } from '../platform/errors.ts';
import { fieldErrors } from '../platform/field-errors.ts';
import { httpErrors } from '../platform/http-errors.ts';
import { jsonResponse } from '../platform/http-response.ts';
import { logger } from '../platform/observability.ts';
import { readFields } from '../platform/request-body.ts';
import { Rep } from '../routing/rep.ts';
import { dynamoDbRepStore } from './dynamodb-rep-store.ts';
import { addRep, changeRep, type ManageRepsDeps } from './manage-reps.ts';
import type { StoredRep } from './rep-store.ts';

const config = readConfig(z.object({ TABLE_NAME: z.string().check(z.minLength(1)), EVENT_BUS_NAME: z.string().check(z.minLength(1)) }));
const deps: ManageRepsDeps = {
  reps: dynamoDbRepStore(dynamodb, config.TABLE_NAME),
  events: eventBridgePublisher(eventbridge, config.EVENT_BUS_NAME),
  now: () => clock.now(),
};

/** The roster, for managers: GET/POST /reps, GET/PUT /reps/{repId}. */
export async function repsHandler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  requireGroup(callerOf(event), 'manager');
  const repId = event.pathParameters?.repId;

  if (event.httpMethod === 'POST' && event.resource === '/reps/{repId}/focus' && repId) {
    if (!(await deps.reps.get(repId))) return notFound(repId);
    const parsed = Focus.safeParse(readFields(event, ['application/json']));
    if (!parsed.success) throw new InvalidRequestError('Some fields need attention', fieldErrors(parsed.error));
    const focus = { repId, week: parsed.data.week, items: parsed.data.items, setBy: callerOf(event).email, at: deps.now().toISOString() };
    await deps.reps.setFocus(focus);
    return jsonResponse(200, focus);
  }
  if (event.httpMethod === 'GET' && !repId) {
    const reps = await deps.reps.list();
    return jsonResponse(200, { reps: reps.map(view).sort((a, b) => a.repId.localeCompare(b.repId)) });
  }
  if (event.httpMethod === 'GET' && repId) {
    const rep = await deps.reps.get(repId);
    return rep ? jsonResponse(200, view(rep)) : notFound(repId);
  }
  if (event.httpMethod === 'POST' && !repId) {
    const result = await addRep(parseRep(readFields(event, ['application/json'])), deps);
    if (result.type === 'exists') return jsonResponse(409, { error: 'rep-exists', message: 'A rep with this repId exists; change it with PUT /reps/{repId}' });
    logger.info('rep added', { repId: result.rep.repId });
    return jsonResponse(201, view(result.rep));
  }
  if (event.httpMethod === 'PUT' && repId) {
    const result = await changeRep(parseRep({ ...readFields(event, ['application/json']), repId }), deps);
    if (result.type === 'not-found') return notFound(repId);
    if (result.type === 'stale') throw new ConcurrentUpdateError('The rep');
    logger.info('rep changed', { repId });
    return jsonResponse(200, view(result.rep));
  }
  return jsonResponse(405, { error: 'method-not-allowed', message: `${event.httpMethod} is not supported here` });
}

// "Three or four key follow-up areas" a manager looks for next week.
const Focus = z.object({
  week: z.string().check(z.regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'must be an ISO week such as 2026-W49')),
  items: z
    .array(z.string().check(z.trim(), z.minLength(1, 'must not be blank'), z.maxLength(300, 'must be at most 300 characters')), {
      error: 'must be a list of focus items',
    })
    .check(z.minLength(1, 'must name at least one focus item'), z.maxLength(4, 'must name at most four focus items')),
});

function parseRep(fields: Record<string, unknown>): Rep {
  const parsed = Rep.safeParse(fields);
  if (!parsed.success) throw new InvalidRequestError('Some fields need attention', fieldErrors(parsed.error));
  return parsed.data;
}

function view({ version, ...rep }: StoredRep) {
  return rep;
}

function notFound(repId: string): APIGatewayProxyResult {
  return jsonResponse(404, { error: 'rep-not-found', message: `There is no rep ${repId}` });
}

export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(httpErrors())
  .handler(repsHandler);
