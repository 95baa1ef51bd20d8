import { dynamoDbFigureStore } from '../../marketing/dynamodb-figure-store.ts';
import { createHash } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { lambdaFunctions } from '../../../infra/wiring/functions.ts';
import { eventBridgePublisher } from '../../events/eventbridge-publisher.ts';
import { LeadActionToken } from '../../handoff/action-links.ts';
import { dynamoDbLeadStore } from '../../leads/dynamodb-lead-store.ts';
import { dynamodb } from '../../platform/clients/dynamodb.ts';
import { eventbridge } from '../../platform/clients/eventbridge.ts';
import { scheduler } from '../../platform/clients/scheduler.ts';
import { clock } from '../../platform/clock.ts';
import { readConfig } from '../../platform/config.ts';
import { httpHandler } from '../../platform/lambda-handler.ts';
import { logger, publishBusinessMetric } from '../../platform/observability.ts';
import { withSpeedToLeadMetric } from '../../sales/speed-to-lead-metric.ts';
import { readFields } from '../../platform/request-body.ts';
import { signingKey } from '../../platform/secrets.ts';
import { defaultSalesPolicy } from '../../sales/default-policy.ts';
import { eventBridgeSchedules } from '../../schedules/eventbridge-schedules.ts';
import { dynamoDbClaims } from '../../storage/dynamodb-claims.ts';
import { verifyToken } from '../../tokens/signed-token.ts';
import { readActionForm } from '../action-forms.ts';
import { actionFormPage, type NextStepView, recordedPage, refusedPage } from '../action-pages.ts';
import { applyLeadAction, type LeadActionDeps, linkRefusal } from '../apply-lead-action.ts';
import { type Lead, leadName } from '../../leads/lead.ts';
import { adapter } from '../../platform/adapter-seam.ts';
import { defaultPlanSettings } from '../../sales/plan-settings.ts';

const config = readConfig(lambdaFunctions['lead-actions'].settings);
const deps: LeadActionDeps = {
  leads: adapter('leads', () => withSpeedToLeadMetric(dynamoDbLeadStore(dynamodb, config.TABLE_NAME), publishBusinessMetric)),
  claims: adapter('claims', () => dynamoDbClaims(dynamodb, config.TABLE_NAME, () => clock.now())),
  schedules: adapter('schedules', () => eventBridgeSchedules(scheduler, { group: config.SCHEDULE_GROUP })),
  events: adapter('events', () => eventBridgePublisher(eventbridge, config.EVENT_BUS_NAME)),
  figures: adapter('figures', () => dynamoDbFigureStore(dynamodb, config.TABLE_NAME, () => clock.now())),
  policy: defaultSalesPolicy,
  plans: defaultPlanSettings,
  now: () => clock.now(),
};

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
  const lead = await deps.leads.get(leadId);
  const view = { action, leadName: lead ? (leadName(lead) ?? lead.email) : 'this lead', policy: deps.policy };

  if (event.httpMethod === 'GET') {
    // Asking for what cannot be recorded would waste the rep's time: say so at once.
    const refused = linkRefusal(lead, ownerId, episode);
    return refused ? refusedPage(409, refused) : actionFormPage(view);
  }

  const values = event.body ? readFields(event) : {};
  const form = readActionForm(action, values);
  if (!form.ok) return actionFormPage({ ...view, values, errors: form.errors });
  const linkId = createHash('sha256').update(token).digest('hex');
  const outcome = await applyLeadAction({ linkId, leadId, ownerId, episode, input: form.input }, deps);
  logger.info('lead action from email link', { leadId, action, outcome: outcome.type });
  switch (outcome.type) {
    case 'recorded':
      return recordedPage(action, view.leadName, nextStepView(outcome.lead));
    case 'invalid':
      return actionFormPage({ ...view, values, errors: [outcome.error] });
    case 'used':
      return refusedPage(409, 'This link was already used.');
    case 'refused':
      return refusedPage(409, outcome.reason);
  }
}

const channelWords = { call: 'a call', email: 'an email', meeting: 'a meeting' } as const;

/** "touch 2 of 8, an email" due "Tuesday 24 Nov, 13:30 your time": the step the contact just set, in the owner's zone. */
function nextStepView(lead: Lead): NextStepView | undefined {
  const next = lead.plan?.next;
  const owner = lead.owner;
  if (!next || owner?.type !== 'rep') return undefined;
  const what = next.kind === 'check-in' ? `a check-in with the customer (${channelWords[next.channel]})` : next.kind === 'touch' ? `touch ${next.touch} of ${lead.plan!.length}, ${channelWords[next.channel]}` : channelWords[next.channel];
  const due = new Intl.DateTimeFormat('en-GB', { timeZone: owner.timezone, weekday: 'long', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(next.dueAt));
  const day = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: owner.timezone }).format(at);
  return { what, due: `due ${due} your time`, instruction: next.instruction, today: day(new Date(next.dueAt)) === day(clock.now()) };
}

export const handler = httpHandler(leadActionsHandler);
