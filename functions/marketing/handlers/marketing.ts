import type { APIGatewayProxyEvent } from 'aws-lambda';
import { lambdaFunctions } from '../../../infra/wiring/functions.ts';
import { previewCompany } from '../../../infra/templates/preview-company.ts';
import { routeTable } from '../../auth/route-table.ts';
import { createTemplateRenderer } from '../../email/render-email.ts';
import { nurtureTemplates } from '../../email/templates/nurture.ts';
import { defaultEngagementRules } from '../../engagement/default-rules.ts';
import { defaultNetworkLists } from '../../engagement/networks/default-networks.ts';
import { defaultNurturePolicy } from '../../nurture/default-policy.ts';
import { adapter } from '../../platform/adapter-seam.ts';
import { dynamodb } from '../../platform/clients/dynamodb.ts';
import { clock } from '../../platform/clock.ts';
import { readConfig } from '../../platform/config.ts';
import { outcomeResponse, refusalResponse } from '../../platform/http-errors.ts';
import { header, jsonResponse } from '../../platform/http-response.ts';
import { httpHandler } from '../../platform/lambda-handler.ts';
import { logger } from '../../platform/observability.ts';
import { parseBody, parseFields } from '../../platform/request-body.ts';
import { consentReport } from '../consent-report.ts';
import { dynamoDbFigureStore } from '../dynamodb-figure-store.ts';
import { filterAudit } from '../filter-audit.ts';
import { funnel, funnelCsv } from '../funnel.ts';
import { journeyMap } from '../journey.ts';
import { daysOf, instantsOf, type Period, periodOf, PeriodQuery } from '../period.ts';
import { outcomeLeadsOf } from '../../learning/read-outcome-leads.ts';
import type { OutcomeLead } from '../../learning/outcome-lead.ts';
import { backtestAnswer, signalsAnswer } from '../../learning/score-lab.ts';
import { dynamoDbLeadStore } from '../../leads/dynamodb-lead-store.ts';
import { defaultScoringModel } from '../../scoring/default-model.ts';
import { ScoringModel } from '../../scoring/scoring-model.ts';
import * as z from '../../platform/zod.ts';
import { trackTips } from '../tips.ts';
import { trackDefinitions } from '../tracks.ts';
import { eventBridgePublisher } from '../../events/eventbridge-publisher.ts';
import { eventbridge } from '../../platform/clients/eventbridge.ts';
import { dynamoDbBrakeStore } from '../../sending/dynamodb-brake-store.ts';
import { resumeSending, sendingView } from '../../sending/resume-sending.ts';

const config = readConfig(lambdaFunctions.marketing.settings);
const figures = adapter('figures', () => dynamoDbFigureStore(dynamodb, config.TABLE_NAME, () => clock.now()));
const tracks = trackDefinitions(defaultNurturePolicy, nurtureTemplates.templates);
const { company, tipSamples } = previewCompany(config);
const renderer = createTemplateRenderer(nurtureTemplates);
const leads = adapter('leads', () => dynamoDbLeadStore(dynamodb, config.TABLE_NAME));
// A quarter by default: outcomes come months after capture.
const labDays = 91;
/** A candidate scoring model, held to the shipped model's own schema (errors by path: `model.rules.3.points`), and the period. */
const BacktestRequest = z.intersection(
  z.object({ model: ScoringModel, threshold: z.optional(z.number().check(z.int('must be a whole number'), z.minimum(0, 'must be 0 to 100'), z.maximum(100, 'must be 0 to 100'))) }),
  PeriodQuery,
);
const sending = {
  brake: adapter('brake', () => dynamoDbBrakeStore(dynamodb, config.TABLE_NAME)),
  events: adapter('events', () => eventBridgePublisher(eventbridge, config.EVENT_BUS_NAME)),
  now: () => clock.now(),
};

/**
 * Marketing's figures for the desk (the marketing and manager groups): each
 * reads the period's days of counters, one query per day; and the sending
 * brake, which only a manager resumes.
 */
export const marketingHandler = routeTable('marketing', {
  'GET /marketing/journey': async (event) => {
    const { period, days } = await periodFigures(event);
    return jsonResponse(200, journeyMap(period, days, tracks));
  },
  'GET /marketing/filter-audit': async (event) => {
    const { period, days } = await periodFigures(event);
    return jsonResponse(200, filterAudit(period, days, defaultEngagementRules, defaultNetworkLists.lists));
  },
  'GET /marketing/funnel': async (event) => {
    const { period, days } = await periodFigures(event);
    const answer = funnel(period, days);
    const csv = event.queryStringParameters?.format === 'csv' || (header(event, 'accept') ?? '').includes('text/csv');
    if (!csv) return jsonResponse(200, answer);
    return {
      statusCode: 200,
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="funnel-${period.from}-to-${period.to}.csv"` },
      body: funnelCsv(answer),
    };
  },
  'GET /marketing/consent': async (event) => {
    const { period, days } = await periodFigures(event);
    return jsonResponse(200, consentReport(period, days));
  },
  'GET /marketing/sending': async () => jsonResponse(200, await sendingView(sending)),
  'POST /marketing/sending/resume': async (_event, caller) => {
    const outcome = await resumeSending(caller.email, sending);
    logger.info('marketing sending resume asked', { resumed: outcome.ok });
    return outcomeResponse(outcome);
  },
  'GET /marketing/scoring/model': async () => jsonResponse(200, defaultScoringModel),
  'POST /marketing/scoring/backtest': async (event) => {
    const request = parseBody(BacktestRequest, event, ['application/json']);
    const lab = await labLeads(periodOf(request, clock.now(), labDays));
    const answer = backtestAnswer(lab, { current: defaultScoringModel, candidate: request.model, engagementRules: defaultEngagementRules, threshold: request.threshold });
    logger.info('score backtest served', { from: lab.period.from, to: lab.period.to, leads: answer.leads, skipped: answer.skipped.length });
    return jsonResponse(200, answer);
  },
  'GET /marketing/scoring/signals': async (event) => {
    const lab = await labLeads(periodOf(parseFields(PeriodQuery, event.queryStringParameters ?? {}), clock.now(), labDays));
    const answer = signalsAnswer(lab, { current: defaultScoringModel, engagementRules: defaultEngagementRules });
    logger.info('score signals served', { from: lab.period.from, to: lab.period.to, leads: answer.leads, purchasers: answer.purchasers });
    return jsonResponse(200, answer);
  },
  'GET /marketing/tracks/{track}/tips': async (event) => {
    const name = event.pathParameters?.track ?? '';
    const definition = tracks.find((track) => track.track === name);
    if (!definition) return refusalResponse('not-found', `No nurture track "${name}"; tracks: ${tracks.map((track) => track.track).join(', ')}`);
    return jsonResponse(200, trackTips(definition, tipSamples[0]!, company, renderer.render));
  },
});

/** The leads captured in the period, read with their outcomes: one index query per day, then each lead's timeline. */
async function labLeads(period: Period): Promise<{ period: Period; leads: OutcomeLead[]; skipped: Array<{ leadId: string; reason: string }> }> {
  const { from, until } = instantsOf(period);
  return { period, ...(await outcomeLeadsOf(leads, await leads.capturedBetween(from, until))) };
}

async function periodFigures(event: APIGatewayProxyEvent): Promise<{ period: Period; days: Awaited<ReturnType<typeof figures.days>> }> {
  const period = periodOf(parseFields(PeriodQuery, event.queryStringParameters ?? {}), clock.now());
  const days = await figures.days(daysOf(period));
  logger.info('marketing figures served', { resource: event.resource, from: period.from, to: period.to, days: days.length });
  return { period, days };
}

export const handler = httpHandler(marketingHandler);
