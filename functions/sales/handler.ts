import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from '../platform/zod.ts';
import { callerOf, requireGroup } from '../auth/caller.ts';
import { eventBridgePublisher } from '../events/event-publisher.ts';
import { dynamoDbLeadStore } from '../leads/dynamodb-lead-store.ts';
import { type Lead, leadName } from '../leads/lead.ts';
import { dynamodb } from '../platform/clients/dynamodb.ts';
import { eventbridge } from '../platform/clients/eventbridge.ts';
import { scheduler } from '../platform/clients/scheduler.ts';
import { clock } from '../platform/clock.ts';
import { readConfig } from '../platform/config.ts';
import { InvalidRequestError } from '../platform/errors.ts';
import { fieldErrors } from '../platform/field-errors.ts';
import { httpErrors } from '../platform/http-errors.ts';
import { jsonResponse } from '../platform/http-response.ts';
import { logger } from '../platform/observability.ts';
import { readFields } from '../platform/request-body.ts';
import { signingKey } from '../platform/secrets.ts';
import { dynamoDbPrivacyStore } from '../privacy/privacy-store.ts';
import { dynamoDbRepStore } from '../reps/dynamodb-rep-store.ts';
import { eventBridgeSchedules } from '../schedules/scheduler.ts';
import { defaultSalesPolicy } from './default-policy.ts';
import { type DeskResult, eraseLead, exportLead, leadDetail, merge, myLeads, privacyAuditTrail, recordContact, recordStatus, recycle, type SalesDeskDeps } from './sales-desk.ts';

const config = readConfig(
  z.object({
    TABLE_NAME: z.string().check(z.minLength(1)),
    EVENT_BUS_NAME: z.string().check(z.minLength(1)),
    SCHEDULE_GROUP: z.string().check(z.minLength(1)),
    SIGNING_SECRET_ARN: z.string().check(z.minLength(1)),
  }),
);
const privacyStore = dynamoDbPrivacyStore(dynamodb, config.TABLE_NAME);
const deps: SalesDeskDeps = {
  leads: dynamoDbLeadStore(dynamodb, config.TABLE_NAME),
  reps: dynamoDbRepStore(dynamodb, config.TABLE_NAME),
  privacy: {
    ...privacyStore,
    // Logged first, so the log has the line even when the table refuses it.
    async recordAudit(entry) {
      logger.info('privacy request', entry);
      await privacyStore.recordAudit(entry);
    },
  },
  schedules: eventBridgeSchedules(scheduler, { group: config.SCHEDULE_GROUP }),
  events: eventBridgePublisher(eventbridge, config.EVENT_BUS_NAME),
  policy: defaultSalesPolicy,
  suppressionKey: signingKey,
  now: () => clock.now(),
};

const Contact = z.object({
  channel: z.enum(['call', 'email', 'meeting'], { error: 'must be one of: call, email, meeting' }),
  notes: z.optional(z.string().check(z.trim(), z.maxLength(4000, 'must be at most 4000 characters'))),
  outcome: z.optional(z.string().check(z.trim(), z.maxLength(200, 'must be at most 200 characters'))),
  at: z.optional(z.iso.datetime({ error: 'must be an ISO 8601 time' })),
});
const note = z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(2000, 'must be at most 2000 characters')));
const StatusChange = z.discriminatedUnion(
  'status',
  [
    z.object({ status: z.literal('in-progress'), holdBack: z.string({ error: 'is required: what holds the customer back' }), note }),
    z.object({ status: z.literal('purchased'), value: z.optional(z.number().check(z.nonnegative('must not be negative'))), note }),
    z.object({ status: z.literal('not-interested'), reason: z.string({ error: 'is required: why they are not interested' }), note }),
  ],
  { error: 'status must be one of: in-progress, purchased, not-interested' },
);
const Recycle = z.object({ note });
const Merge = z.object({ survivorId: z.string().check(z.minLength(1, 'is required')), duplicateId: z.string().check(z.minLength(1, 'is required')) });
const instant = z.optional(z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'must be an ISO 8601 date or time' }));
const AuditPeriod = z.object({ from: instant, to: instant });

// Who may ask for these is decided per lead by the use cases (the privacy
// group, managers for their own team); every other route is for reps and managers.
const privacyRoutes = new Set(['GET /leads/{leadId}/export', 'DELETE /leads/{leadId}', 'GET /privacy/audit']);

/** The sales desk: reps and managers work their leads here, and privacy requests are answered (routes in infra/wiring/routes.ts). */
export async function salesDeskHandler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const caller = callerOf(event);
  const leadId = event.pathParameters?.leadId ?? '';
  const route = `${event.httpMethod} ${event.resource}`;
  if (!privacyRoutes.has(route)) requireGroup(caller, 'rep');

  switch (route) {
    case 'GET /me/leads':
      return answer(await myLeads(caller, event.queryStringParameters?.status, deps), (leads) => ({ leads: leads.map(summary) }));
    case 'GET /leads/{leadId}':
      return answer(await leadDetail(caller, leadId, deps));
    case 'POST /leads/{leadId}/contacts':
      return answer(await recordContact(caller, leadId, parse(Contact, event), deps));
    case 'PUT /leads/{leadId}/status':
      return answer(await recordStatus(caller, leadId, parse(StatusChange, event), deps));
    case 'POST /leads/{leadId}/recycle':
      return answer(await recycle(caller, leadId, parse(Recycle, event).note, deps));
    case 'POST /leads/merge': {
      const { survivorId, duplicateId } = parse(Merge, event);
      return answer(await merge(caller, survivorId, duplicateId, deps));
    }
    case 'GET /leads/{leadId}/export':
      return answer(await exportLead(caller, leadId, deps));
    case 'DELETE /leads/{leadId}':
      return answer(await eraseLead(caller, leadId, deps));
    case 'GET /privacy/audit':
      return answer(await privacyAuditTrail(caller, parseQuery(AuditPeriod, event), deps));
    default:
      return jsonResponse(405, { error: 'method-not-allowed', message: `${route} is not a sales desk route` });
  }
}

function parse<T>(schema: z.ZodMiniType<T>, event: APIGatewayProxyEvent): T {
  return valid(schema, event.body ? readFields(event, ['application/json']) : {});
}

function parseQuery<T>(schema: z.ZodMiniType<T>, event: APIGatewayProxyEvent): T {
  return valid(schema, event.queryStringParameters ?? {});
}

function valid<T>(schema: z.ZodMiniType<T>, fields: unknown): T {
  const parsed = schema.safeParse(fields);
  if (!parsed.success) throw new InvalidRequestError('Some fields need attention', fieldErrors(parsed.error));
  return parsed.data;
}

const refusalStatus = { forbidden: 403, 'not-found': 404, conflict: 409 } as const;
const refusalError = { forbidden: 'forbidden', 'not-found': 'not-found', conflict: 'refused' } as const;

// Statuses are decided here only: a value outside the sales policy is a bad request like any other bad field, a transition the lead's state forbids a conflict.
function answer<T>(result: DeskResult<T>, shape: (value: T) => unknown = (value) => value): APIGatewayProxyResult {
  if (result.ok) return jsonResponse(200, shape(result.value));
  if ('invalid' in result) {
    const { field, message } = result.invalid;
    throw new InvalidRequestError(`${field} ${message}`, [result.invalid]);
  }
  return jsonResponse(refusalStatus[result.refusal], { error: refusalError[result.refusal], message: result.message });
}

function summary(lead: Lead) {
  const { profile } = lead;
  return {
    leadId: lead.leadId,
    name: leadName(lead) ?? lead.email,
    company: profile.company,
    status: lead.status,
    temperature: lead.score.temperature,
    score: lead.score.total,
    dueAt: lead.firstContactAt ? undefined : lead.assignment?.deadlineAt,
    firstContactAt: lead.firstContactAt,
    lastProgressAt: lead.lastProgressAt,
    contactCount: lead.contactCount ?? 0,
    holdBack: lead.holdBack?.category,
  };
}

export const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(httpErrors())
  .handler(salesDeskHandler);
