import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDbLeadStore } from '../../functions/leads/dynamodb-lead-store.ts';
import { dynamoDbRepStore } from '../../functions/reps/dynamodb-rep-store.ts';
import { apiEvent } from '../support/api-event.ts';
import { annaSchmidt } from '../support/anna-schmidt.ts';
import { hotLead } from '../support/hot-lead.ts';
import { defaultSalesPolicy } from '../../functions/sales/default-policy.ts';
import { salesDeskOnDynamoDbLocal } from '../support/sales-desk-on-dynamodb.ts';

// The sales desk handler's manager routes on DynamoDB Local: which HTTP answer each outcome gets.
const tableName = `team-desk-answers-${randomUUID()}`;
const maria = 'maria.keller@stoke.example';
let client: DynamoDBClient;
let invoke: (event: unknown) => Promise<APIGatewayProxyResult>;
let leadId: string;

beforeAll(async () => {
  ({ client, invoke } = await salesDeskOnDynamoDbLocal(tableName));
  const reps = dynamoDbRepStore(client, tableName);
  await reps.create(annaSchmidt(), 0);
  await reps.create(annaSchmidt({ repId: 'olaf-lind', name: 'Olaf Lind', email: 'olaf.lind@stoke.example', active: false }), 0);
  await reps.create(annaSchmidt({ repId: 'lena-fischer', name: 'Lena Fischer', email: 'lena.fischer@stoke.example', managerEmail: 'tom.berger@stoke.example' }), 0);
  const lead = hotLead();
  leadId = lead.leadId;
  const leads = dynamoDbLeadStore(client, tableName);
  await leads.insert(lead, { type: 'captured', at: lead.capturedAt, by: 'lead', details: {} });
  await leads.putSignal(leadId, { eventId: 'e-1', type: 'open', at: '2026-11-24T09:10:00.000Z', messageId: 'm-1', ip: '17.58.0.1', userAgent: 'Mozilla/5.0', human: false, filteredBecause: 'privacy-proxy', reason: "Apple's network" });
});
afterAll(() => client?.destroy());

function call(method: string, resource: string, path: string, groups: string, email: string, body?: unknown) {
  const event = apiEvent({ method, path, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }) });
  return invoke(
    { ...event, resource, pathParameters: { leadId }, requestContext: { ...event.requestContext, authorizer: { claims: { sub: email, email, 'cognito:groups': groups } } } },
  );
}
const reassign = (body: unknown, email = maria) => call('POST', '/leads/{leadId}/reassign', `/leads/${leadId}/reassign`, 'manager', email, body);

describe('POST /leads/{leadId}/reassign', () => {
  it.each([
    { name: 'no rep named', body: {}, status: 400, field: 'repId' },
    { name: 'a rep not on the roster', body: { repId: 'nobody' }, status: 400, field: 'repId' },
    { name: 'a rep of another team', body: { repId: 'lena-fischer' }, status: 403 },
    { name: 'a deactivated rep', body: { repId: 'olaf-lind' }, status: 409 },
    { name: 'the rep who has it', body: { repId: 'anna-schmidt' }, status: 409 },
  ])('answers $status for $name', async ({ body, status, field }) => {
    const response = await reassign(body);

    expect(response.statusCode).toBe(status);
    if (field) expect(JSON.parse(response.body).errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });

  it("answers 403 to the manager of another team, whatever rep they name", async () => {
    expect((await reassign({ repId: 'lena-fischer' }, 'tom.berger@stoke.example')).statusCode).toBe(403);
  });
});

describe('GET /team', () => {
  it("answers the manager's reps with their open leads, and the queue", async () => {
    const response = await call('GET', '/team', '/team', 'manager', maria);

    expect(response.statusCode).toBe(200);
    const board = JSON.parse(response.body);
    expect(board.reps.map((rep: { repId: string; openLeads: number }) => [rep.repId, rep.openLeads])).toEqual([['anna-schmidt', 1], ['olaf-lind', 0]]);
    expect(board.reps[0].leads[0]).toMatchObject({ leadId, late: { firstContact: expect.any(Boolean), withoutProgress: expect.any(Boolean), behind: expect.any(Boolean), nextStep: false } });
    expect(board.queues).toEqual([{ queue: 'unassigned', leads: [] }]);
  });
});

describe('GET /leads/{leadId}', () => {
  it('answers the signals with what the filter said, without the address they came from', async () => {
    const response = await call('GET', '/leads/{leadId}', `/leads/${leadId}`, 'manager', maria);

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).signals).toEqual([{ eventId: 'e-1', type: 'open', at: '2026-11-24T09:10:00.000Z', messageId: 'm-1', userAgent: 'Mozilla/5.0', human: false, filteredBecause: 'privacy-proxy', reason: "Apple's network" }]);
    // The forms' choices come with the lead: its page is one request.
    expect(JSON.parse(response.body).choices).toEqual({ holdBackCategories: defaultSalesPolicy.holdBackCategories, notInterestedReasons: defaultSalesPolicy.notInterestedReasons });
  });
});

describe('GET /sales/policy', () => {
  it('answers the hold-back categories and not-interested reasons', async () => {
    const response = await call('GET', '/sales/policy', '/sales/policy', 'rep', 'anna.schmidt@stoke.example');

    expect(response.statusCode).toBe(200);
    expect(Object.keys(JSON.parse(response.body))).toEqual(['holdBackCategories', 'notInterestedReasons']);
  });
});
