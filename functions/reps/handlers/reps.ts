import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from '../../platform/zod.ts';
import { lambdaFunctions } from '../../../infra/wiring/functions.ts';
import { eventBridgePublisher } from '../../events/eventbridge-publisher.ts';
import { cognito } from '../../platform/clients/cognito.ts';
import { dynamodb } from '../../platform/clients/dynamodb.ts';
import { eventbridge } from '../../platform/clients/eventbridge.ts';
import { clock } from '../../platform/clock.ts';
import { readConfig } from '../../platform/config.ts';
import { ConcurrentUpdateError } from '../../platform/errors.ts';
import { httpHandler } from '../../platform/lambda-handler.ts';
import { refusalResponse } from '../../platform/http-errors.ts';
import { jsonResponse } from '../../platform/http-response.ts';
import { logger } from '../../platform/observability.ts';
import { parseBody, parseFields, readFields } from '../../platform/request-body.ts';
import { routeTable } from '../../auth/route-table.ts';
import { Rep } from '../../routing/rep.ts';
import { dynamoDbRepStore } from '../dynamodb-rep-store.ts';
import { addRep, changeRep, type ManageRepsDeps } from '../manage-reps.ts';
import type { StoredRep } from '../rep-store.ts';
import { adapter } from '../../platform/adapter-seam.ts';
import { cognitoSignIns } from '../cognito-sign-ins.ts';

const config = readConfig(lambdaFunctions.reps.settings);
const deps: ManageRepsDeps = {
  reps: adapter('reps', () => dynamoDbRepStore(dynamodb, config.TABLE_NAME)),
  events: adapter('events', () => eventBridgePublisher(eventbridge, config.EVENT_BUS_NAME)),
  signIns: adapter('signIns', () => cognitoSignIns(cognito, config.USER_POOL_ID)),
  now: () => clock.now(),
};

const repIdOf = (event: APIGatewayProxyEvent) => event.pathParameters?.repId ?? '';

/** The roster, for managers (routes in infra/wiring/routes.ts). */
export const repsHandler = routeTable('reps', {
  'POST /reps/{repId}/focus': async (event, caller) => {
    const repId = repIdOf(event);
    if (!(await deps.reps.get(repId))) return notFound(repId);
    const { week, items } = parseBody(Focus, event, ['application/json']);
    const focus = { repId, week, items, setBy: caller.email, at: deps.now().toISOString() };
    await deps.reps.setFocus(focus);
    return jsonResponse(200, focus);
  },
  'GET /reps': async () => {
    const reps = await deps.reps.list();
    return jsonResponse(200, { reps: reps.map(view).sort((a, b) => a.repId.localeCompare(b.repId)) });
  },
  'GET /reps/{repId}': async (event) => {
    const rep = await deps.reps.get(repIdOf(event));
    return rep ? jsonResponse(200, view(rep)) : notFound(repIdOf(event));
  },
  'POST /reps': async (event) => {
    const result = await addRep(parseBody(Rep, event, ['application/json']), deps);
    if (result.type === 'exists') return refusalResponse('conflict', 'A rep with this repId exists; change it with PUT /reps/{repId}', 'rep-exists');
    logger.info('rep added', { repId: result.rep.repId });
    return jsonResponse(201, view(result.rep));
  },
  'PUT /reps/{repId}': async (event) => {
    const repId = repIdOf(event);
    const result = await changeRep(parseFields(Rep, { ...readFields(event, ['application/json']), repId }), deps);
    if (result.type === 'not-found') return notFound(repId);
    if (result.type === 'stale') throw new ConcurrentUpdateError('The rep');
    logger.info('rep changed', { repId });
    return jsonResponse(200, view(result.rep));
  },
});

// "Three or four key follow-up areas" a manager looks for next week.
const Focus = z.object({
  week: z.string().check(z.regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'must be an ISO week such as 2026-W49')),
  items: z
    .array(z.string().check(z.trim(), z.minLength(1, 'must not be blank'), z.maxLength(300, 'must be at most 300 characters')), {
      error: 'must be a list of focus items',
    })
    .check(z.minLength(1, 'must name at least one focus item'), z.maxLength(4, 'must name at most four focus items')),
});

function view({ version, ...rep }: StoredRep) {
  return rep;
}

function notFound(repId: string): APIGatewayProxyResult {
  return refusalResponse('not-found', `There is no rep ${repId}`, 'rep-not-found');
}

export const handler = httpHandler(repsHandler);
