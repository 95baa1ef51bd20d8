import { memoryFigureStore } from '../../functions/marketing/memory-figure-store.ts';
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { EventPublisher } from '../../functions/events/event-publisher.ts';
import { deadlineScheduleName } from '../../functions/schedules/first-contact-deadlines.ts';
import { type LeadActionDeps, type LeadActionRequest, applyLeadAction } from '../../functions/lead-actions/apply-lead-action.ts';
import { dynamoDbLeadStore } from '../../functions/leads/dynamodb-lead-store.ts';
import type { Lead, LeadStatus } from '../../functions/leads/lead.ts';
import type { LeadStore } from '../../functions/leads/lead-store.ts';
import { defaultSalesPolicy } from '../../functions/sales/default-policy.ts';
import { dynamoDbClaims } from '../../functions/storage/dynamodb-claims.ts';
import { createTable } from '../../infra/local/dynamodb-local.ts';
import { hotLead } from '../support/hot-lead.ts';
import { defaultPlanSettings } from '../../functions/sales/plan-settings.ts';

// The link's use case on DynamoDB Local, with the bus and the scheduler recorded rather than called.
const tableName = `lead-action-links-${randomUUID()}`;
const now = new Date('2026-11-24T10:00:00.000Z');
let client: DynamoDBClient;
let leads: LeadStore;

beforeAll(async () => {
  client = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await createTable(client, tableName);
  leads = dynamoDbLeadStore(client, tableName);
});
afterAll(() => client?.destroy());

function depsRecording() {
  const cancelled: string[] = [];
  const published: Array<{ detailType: string; detail: unknown }> = [];
  const events: EventPublisher = {
    async publish(definition, detail) {
      published.push({ detailType: definition.detailType, detail });
    },
  };
  const deps: LeadActionDeps = {
    leads,
    claims: dynamoDbClaims(client, tableName, () => now),
    schedules: { cancel: async (name) => void cancelled.push(name) },
    events,
    figures: memoryFigureStore(),
    policy: defaultSalesPolicy,
    plans: defaultPlanSettings,
    now: () => now,
  };
  return { deps, cancelled, published };
}

async function storedLead(status: LeadStatus = 'assigned'): Promise<Lead> {
  const lead = hotLead({ status });
  await leads.insert(lead, { type: 'captured', at: lead.capturedAt, by: 'lead', details: {} });
  return lead;
}

const request = (lead: Lead, input: LeadActionRequest['input'], link: Partial<LeadActionRequest> = {}): LeadActionRequest => ({
  linkId: randomUUID(),
  leadId: lead.leadId,
  ownerId: 'anna-schmidt',
  episode: 1,
  input,
  ...link,
});
const notInterested = (reason: string) => ({ type: 'status' as const, change: { status: 'not-interested' as const, reason } });

describe('recording an outcome from a one-click link', () => {
  it('closes the lead, cancels the deadline checks of its current assignment and announces a lead that returns to nurture', async () => {
    const lead = await storedLead();
    const { deps, cancelled, published } = depsRecording();

    const outcome = await applyLeadAction(request(lead, notInterested('no-budget-now')), deps);

    expect(outcome).toMatchObject({ type: 'recorded', lead: { status: 'not-interested', closedAt: now.toISOString() } });
    expect(cancelled).toEqual(expect.arrayContaining([deadlineScheduleName(lead.leadId, 2, 'remind'), deadlineScheduleName(lead.leadId, 2, 'reassign')]));
    expect(published).toEqual([
      { detailType: 'lead.recycled', detail: { version: 1, leadId: lead.leadId, by: 'anna.schmidt@stoke.example', at: now.toISOString() } },
    ]);
  });

  it('announces nothing for a reason that leaves the lead alone', async () => {
    const lead = await storedLead();
    const { deps, published } = depsRecording();

    expect(await applyLeadAction(request(lead, notInterested('do-not-contact')), deps)).toMatchObject({ type: 'recorded' });
    expect(published).toEqual([]);
  });

  it('records nothing for a reason outside the policy and leaves the link usable', async () => {
    const lead = await storedLead();
    const { deps, cancelled, published } = depsRecording();
    const link = request(lead, notInterested('vibes'));

    const outcome = await applyLeadAction(link, deps);

    expect(outcome).toEqual({ type: 'invalid', error: { field: 'reason', message: expect.stringContaining('must be one of: no-budget-now,') } });
    expect((await leads.get(lead.leadId))?.version).toBe(1);
    expect([cancelled, published]).toEqual([[], []]);
    expect(await applyLeadAction({ ...link, input: notInterested('not-a-fit') }, deps)).toMatchObject({ type: 'recorded' });
    expect(await applyLeadAction({ ...link, input: notInterested('not-a-fit') }, deps)).toEqual({ type: 'used' });
  });

  it.each<{ name: string; status: LeadStatus; link: Partial<LeadActionRequest>; reason: string }>([
    { name: 'another owner', status: 'assigned', link: { ownerId: 'lena-fischer' }, reason: 'This lead has since been given to someone else, so this link no longer applies.' },
    { name: 'an earlier hot episode', status: 'assigned', link: { episode: 0 }, reason: 'This lead has since been given to someone else, so this link no longer applies.' },
    { name: 'a closed lead', status: 'purchased', link: {}, reason: 'This lead is already closed as purchased.' },
    { name: 'a lead that no longer exists', status: 'assigned', link: { leadId: 'gone' }, reason: 'This lead no longer exists.' },
  ])('refuses a link of $name and changes nothing', async ({ status, link, reason }) => {
    const lead = await storedLead(status);
    const { deps, cancelled, published } = depsRecording();

    const outcome = await applyLeadAction(request(lead, { type: 'contact', contact: { channel: 'call' } }, link), deps);

    expect(outcome).toEqual({ type: 'refused', reason });
    expect((await leads.get(lead.leadId))?.version).toBe(1);
    expect([cancelled, published]).toEqual([[], []]);
  });
});
