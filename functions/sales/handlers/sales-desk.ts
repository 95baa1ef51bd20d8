import { dynamoDbFigureStore } from '../../marketing/dynamodb-figure-store.ts';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from '../../platform/zod.ts';
import { lambdaFunctions } from '../../../infra/wiring/functions.ts';
import { eventBridgePublisher } from '../../events/eventbridge-publisher.ts';
import { dynamoDbLeadStore } from '../../leads/dynamodb-lead-store.ts';
import { channels } from '../../leads/vocabulary.ts';
import { dynamodb } from '../../platform/clients/dynamodb.ts';
import { eventbridge } from '../../platform/clients/eventbridge.ts';
import { scheduler } from '../../platform/clients/scheduler.ts';
import { clock } from '../../platform/clock.ts';
import { readConfig } from '../../platform/config.ts';
import { httpHandler } from '../../platform/lambda-handler.ts';
import { outcomeResponse } from '../../platform/http-errors.ts';
import { logger, publishBusinessMetric } from '../../platform/observability.ts';
import { withSpeedToLeadMetric } from '../speed-to-lead-metric.ts';
import { parseBody, parseFields } from '../../platform/request-body.ts';
import { routeTable } from '../../auth/route-table.ts';
import { signingKey } from '../../platform/secrets.ts';
import { dynamoDbPrivacyStore } from '../../privacy/dynamodb-privacy-store.ts';
import { dynamoDbRepStore } from '../../reps/dynamodb-rep-store.ts';
import { eventBridgeSchedules } from '../../schedules/eventbridge-schedules.ts';
import { defaultSalesPolicy } from '../default-policy.ts';
import { eraseLead, exportLead, formChoices, leadDetail, merge, myLeads, privacyAuditTrail, reassign, recordContact, recordNextStep, recordSkip, recordStatus, recycle, type SalesDeskDeps, teamBoardOf } from '../sales-desk.ts';
import { board, signalShown, summary } from '../desk-answers.ts';
import { defaultRoutingPolicy } from '../../routing/default-policy.ts';
import { adapter } from '../../platform/adapter-seam.ts';
import { defaultPlanSettings } from '../plan-settings.ts';

const config = readConfig(lambdaFunctions['sales-desk'].settings);
const privacyStore = adapter('privacy', () => dynamoDbPrivacyStore(dynamodb, config.TABLE_NAME));
const deps: SalesDeskDeps = {
  leads: adapter('leads', () => withSpeedToLeadMetric(dynamoDbLeadStore(dynamodb, config.TABLE_NAME), publishBusinessMetric)),
  reps: adapter('reps', () => dynamoDbRepStore(dynamodb, config.TABLE_NAME)),
  privacy: {
    ...privacyStore,
    // Logged first, so the log has the line even when the table refuses it.
    async recordAudit(entry) {
      logger.info('privacy request', entry);
      await privacyStore.recordAudit(entry);
    },
  },
  schedules: adapter('schedules', () => eventBridgeSchedules(scheduler, { group: config.SCHEDULE_GROUP })),
  events: adapter('events', () => eventBridgePublisher(eventbridge, config.EVENT_BUS_NAME)),
  figures: adapter('figures', () => dynamoDbFigureStore(dynamodb, config.TABLE_NAME, () => clock.now())),
  policy: defaultSalesPolicy,
  plans: defaultPlanSettings,
  routing: defaultRoutingPolicy,
  suppressionKey: signingKey,
  now: () => clock.now(),
};

const channel = z.enum(channels, { error: `must be one of: ${channels.join(', ')}` });
/** The rep's own next step: "call Thursday 10:00", with a note that becomes its instruction. */
const NextStep = z.object({
  channel,
  at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time, such as 2026-12-10T10:00:00+01:00' }),
  note: z.optional(z.string().check(z.trim(), z.minLength(1, 'must not be blank'), z.maxLength(200, 'must be one line: at most 200 characters'))),
});
const Contact = z.object({
  channel,
  notes: z.optional(z.string().check(z.trim(), z.maxLength(4000, 'must be at most 4000 characters'))),
  outcome: z.optional(z.string().check(z.trim(), z.maxLength(200, 'must be at most 200 characters'))),
  at: z.optional(z.iso.datetime({ error: 'must be an ISO 8601 time' })),
  /** What comes next, in place of the plan's next touch. */
  nextStep: z.optional(NextStep),
});
const Skip = z.object({ reason: z.string({ error: 'is required: why the step is skipped' }).check(z.trim(), z.minLength(1, 'is required: why the step is skipped'), z.maxLength(200, 'must be at most 200 characters')) });
const note = z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(2000, 'must be at most 2000 characters')));
const StatusChange = z.discriminatedUnion(
  'status',
  [
    z.object({ status: z.literal('in-progress'), holdBack: z.string({ error: 'is required: what holds the customer back' }), note, nextStep: z.optional(NextStep) }),
    z.object({ status: z.literal('purchased'), value: z.optional(z.number().check(z.nonnegative('must not be negative'))), note }),
    z.object({ status: z.literal('not-interested'), reason: z.string({ error: 'is required: why they are not interested' }), note }),
  ],
  { error: 'status must be one of: in-progress, purchased, not-interested' },
);
const Recycle = z.object({ note });
const Merge = z.object({ survivorId: z.string().check(z.minLength(1, 'is required')), duplicateId: z.string().check(z.minLength(1, 'is required')) });
const instant = z.optional(z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'must be an ISO 8601 date or time' }));
const AuditPeriod = z.object({ from: instant, to: instant });

const Reassign = z.object({
  repId: z.string({ error: 'is required: the rep who gets the lead' }).check(z.trim(), z.minLength(1, 'is required: the rep who gets the lead')),
  note: z.optional(z.string().check(z.trim(), z.minLength(1, 'must not be blank'), z.maxLength(200, 'must be one line: at most 200 characters'))),
});

const leadIdOf = (event: APIGatewayProxyEvent) => event.pathParameters?.leadId ?? '';

/**
 * The sales desk: reps and managers work their leads here, and privacy requests are answered
 * (routes and who may call them in infra/wiring/routes.ts; the use cases decide per lead).
 */
export const salesDeskHandler = routeTable('sales-desk', {
  'GET /me/leads': async (event, caller) =>
    outcomeResponse(await myLeads(caller, event.queryStringParameters?.status, deps), (leads) => ({ leads: leads.map(summary) })),
  'GET /leads/{leadId}': async (event, caller) =>
    // The forms' choices come along, so that a lead's page is one request.
    outcomeResponse(await leadDetail(caller, leadIdOf(event), deps), ({ lead, history, signals }) => ({ lead, history, signals: signals.map(signalShown), choices: formChoices(deps.policy) })),
  'GET /team': async (_event, caller) => outcomeResponse(await teamBoardOf(caller, deps), board),
  'POST /leads/{leadId}/reassign': async (event, caller) => outcomeResponse(await reassign(caller, leadIdOf(event), parse(Reassign, event), deps)),
  'GET /sales/policy': async () => outcomeResponse({ ok: true, value: formChoices(deps.policy) }),
  'POST /leads/{leadId}/contacts': async (event, caller) => outcomeResponse(await recordContact(caller, leadIdOf(event), parse(Contact, event), deps)),
  'PUT /leads/{leadId}/status': async (event, caller) => outcomeResponse(await recordStatus(caller, leadIdOf(event), parse(StatusChange, event), deps)),
  'POST /leads/{leadId}/recycle': async (event, caller) => outcomeResponse(await recycle(caller, leadIdOf(event), parse(Recycle, event).note, deps)),
  'PUT /leads/{leadId}/next-step': async (event, caller) => outcomeResponse(await recordNextStep(caller, leadIdOf(event), parse(NextStep, event), deps)),
  'POST /leads/{leadId}/next-step/skip': async (event, caller) => outcomeResponse(await recordSkip(caller, leadIdOf(event), parse(Skip, event).reason, deps)),
  'POST /leads/merge': async (event, caller) => {
    const { survivorId, duplicateId } = parse(Merge, event);
    return outcomeResponse(await merge(caller, survivorId, duplicateId, deps));
  },
  'GET /leads/{leadId}/export': async (event, caller) => outcomeResponse(await exportLead(caller, leadIdOf(event), deps)),
  'DELETE /leads/{leadId}': async (event, caller) => outcomeResponse(await eraseLead(caller, leadIdOf(event), deps)),
  'GET /privacy/audit': async (event, caller) => outcomeResponse(await privacyAuditTrail(caller, parseQuery(AuditPeriod, event), deps)),
});

// A body-less post reads as no fields: the schema says which it needed.
function parse<T>(schema: z.ZodMiniType<T>, event: APIGatewayProxyEvent): T {
  return event.body ? parseBody(schema, event, ['application/json']) : parseFields(schema, {});
}

function parseQuery<T>(schema: z.ZodMiniType<T>, event: APIGatewayProxyEvent): T {
  return parseFields(schema, event.queryStringParameters ?? {});
}

export const handler = httpHandler(salesDeskHandler);
