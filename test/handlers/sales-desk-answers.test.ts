import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDbLeadStore } from '../../functions/leads/dynamodb-lead-store.ts';
import type { LeadStatus } from '../../functions/leads/lead.ts';
import { defaultSalesPolicy } from '../../functions/sales/default-policy.ts';
import { apiEvent } from '../support/api-event.ts';
import { hotLead } from '../support/hot-lead.ts';
import { salesDeskOnDynamoDbLocal } from '../support/sales-desk-on-dynamodb.ts';

// The sales desk handler on DynamoDB Local: which HTTP answer each kind of outcome gets.
const tableName = `sales-desk-answers-${randomUUID()}`;
const anna = 'anna.schmidt@stoke.example';
let client: DynamoDBClient;
let invoke: (event: unknown) => Promise<APIGatewayProxyResult>;

beforeAll(async () => {
  ({ client, invoke } = await salesDeskOnDynamoDbLocal(tableName));
});
afterAll(() => client?.destroy());

async function storedLead(status: LeadStatus): Promise<string> {
  const lead = hotLead({ status, ...(status === 'purchased' ? { purchase: { at: '2026-11-24T09:00:00.000Z' }, closedAt: '2026-11-24T09:00:00.000Z', firstContactAt: '2026-11-24T09:00:00.000Z' } : {}) });
  await dynamoDbLeadStore(client, tableName).insert(lead, { type: 'captured', at: lead.capturedAt, by: 'lead', details: {} });
  return lead.leadId;
}

function putStatus(leadId: string, body: unknown) {
  const event = apiEvent({ method: 'PUT', path: `/leads/${leadId}/status`, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  return invoke(
    { ...event, resource: '/leads/{leadId}/status', pathParameters: { leadId }, requestContext: { ...event.requestContext, authorizer: { claims: { sub: 'anna', email: anna, 'cognito:groups': 'rep' } } } },
  );
}

const reasons = defaultSalesPolicy.notInterestedReasons.map((r) => r.id).join(', ');
const holdBacks = defaultSalesPolicy.holdBackCategories.map((c) => c.id).join(', ');

describe('PUT /leads/{leadId}/status', () => {
  it.each([
    { name: 'a reason the policy does not list', status: 'in-progress' as const, body: { status: 'not-interested', reason: 'vibes' }, field: 'reason', message: `must be one of: ${reasons}` },
    { name: 'a hold-back the policy does not list', status: 'assigned' as const, body: { status: 'in-progress', holdBack: 'vibes' }, field: 'holdBack', message: `must be one of: ${holdBacks}` },
    { name: 'an unknown value on a closed lead too', status: 'purchased' as const, body: { status: 'not-interested', reason: 'vibes', note: 'Changed their mind' }, field: 'reason', message: `must be one of: ${reasons}` },
    { name: 'no reason at all', status: 'assigned' as const, body: { status: 'not-interested' }, field: 'reason', message: 'is required: why they are not interested' },
  ])('answers 400 with the field and what it accepts for $name', async ({ status, body, field, message }) => {
    const leadId = await storedLead(status);

    const response = await putStatus(leadId, body);

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ error: 'invalid-request', message: expect.any(String), errors: [{ field, message }] });
  });

  it.each([
    { name: 'closing a purchased lead as purchased again', status: 'purchased' as const, body: { status: 'purchased', note: 'again' }, message: 'The lead is already purchased' },
    { name: 'reopening a purchased lead without a note', status: 'purchased' as const, body: { status: 'in-progress', holdBack: 'timing' }, message: 'The lead is purchased: say why it changes (note) to reopen it' },
  ])('answers 409 for $name: the lead\'s state forbids it', async ({ status, body, message }) => {
    const leadId = await storedLead(status);

    const response = await putStatus(leadId, body);

    expect(response.statusCode).toBe(409);
    expect(JSON.parse(response.body)).toEqual({ error: 'refused', message });
  });

  it('answers 404 for a lead that does not exist', async () => {
    const response = await putStatus(randomUUID(), { status: 'purchased' });

    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'not-found' });
  });
});

function send(method: 'PUT' | 'POST', leadId: string, resource: string, body: unknown) {
  const path = resource.replace('{leadId}', leadId);
  const event = apiEvent({ method, path, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  return invoke(
    { ...event, resource, pathParameters: { leadId }, requestContext: { ...event.requestContext, authorizer: { claims: { sub: 'anna', email: anna, 'cognito:groups': 'rep' } } } },
  );
}

describe('the next step: PUT /leads/{leadId}/next-step and POST /leads/{leadId}/next-step/skip', () => {
  it("sets the rep's own next step and answers with the lead", async () => {
    const leadId = await storedLead('in-progress');

    const response = await send('PUT', leadId, '/leads/{leadId}/next-step', { channel: 'call', at: '2026-12-10T10:00:00+01:00', note: 'Call Thursday 10:00' });

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).plan.next).toMatchObject({ channel: 'call', dueAt: '2026-12-10T09:00:00.000Z', instruction: 'Call Thursday 10:00', setBy: anna });
  });

  it.each([
    { name: 'a time without its offset', resource: '/leads/{leadId}/next-step', body: { channel: 'call', at: 'Thursday 10:00' }, field: 'at' },
    { name: 'an unknown channel', resource: '/leads/{leadId}/next-step', body: { channel: 'fax', at: '2026-12-10T10:00:00Z' }, field: 'channel' },
    { name: 'a skip without a reason', resource: '/leads/{leadId}/next-step/skip', body: {}, field: 'reason' },
  ])('answers 400 naming the field for $name', async ({ resource, body, field }) => {
    const leadId = await storedLead('in-progress');

    const response = await send(resource.endsWith('skip') ? 'POST' : 'PUT', leadId, resource, body);

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).errors).toEqual([expect.objectContaining({ field })]);
  });

  it('answers 409 for a closed lead: it has no step to set or skip', async () => {
    const leadId = await storedLead('purchased');

    const set = await send('PUT', leadId, '/leads/{leadId}/next-step', { channel: 'call', at: '2026-12-10T10:00:00Z' });
    const skip = await send('POST', leadId, '/leads/{leadId}/next-step/skip', { reason: 'No answer twice' });

    expect([set.statusCode, skip.statusCode]).toEqual([409, 409]);
  });
});
