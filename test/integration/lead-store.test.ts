import { randomUUID } from 'node:crypto';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Lead } from '../../functions/leads/lead.ts';
import { dynamoDbLeadStore } from '../../functions/leads/dynamodb-lead-store.ts';
import type { LeadStore } from '../../functions/leads/lead-store.ts';
import { keys } from '../../functions/storage/table.ts';
import { createTable } from '../../infra/local/dynamodb-local.ts';

const tableName = `lead-store-${randomUUID()}`;
let client: DynamoDBClient;
let store: LeadStore;

beforeAll(async () => {
  client = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await createTable(client, tableName);
  store = dynamoDbLeadStore(client, tableName);
});
afterAll(() => client?.destroy());

function newLead(email: string, capturedAt: string): Lead {
  return {
    leadId: randomUUID(),
    email,
    profile: { firstName: 'Ada' },
    firstTouch: { at: capturedAt },
    lastTouch: { at: capturedAt },
    signals: [],
    score: { total: 20, fit: 20, engagement: 0, temperature: 'warm', breakdown: [], modelVersion: 'test' },
    status: 'new',
    hotEpisode: 0,
    capturedAt,
    updatedAt: capturedAt,
    version: 1,
  };
}
const captured = (lead: Lead) => ({ type: 'captured' as const, at: lead.capturedAt, by: 'lead' as const, details: {} });
const rawItem = async (leadId: string) => unmarshall((await client.send(new GetItemCommand({ TableName: tableName, Key: marshall(keys.lead(leadId)) }))).Item!);

describe('the lead store on DynamoDB Local', () => {
  it('reads the leads captured on a day from the keys-only index, in capture order, over more than one batch', async () => {
    const day = '2026-12-01';
    const leads = Array.from({ length: 130 }, (_, i) => newLead(`day-${i}@example.com`, `${day}T${String(8 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00.000Z`));
    for (const lead of leads) expect(await store.insert(lead, captured(lead))).toBe('inserted');
    await store.insert(newLead('next-day@example.com', '2026-12-02T00:00:00.000Z'), captured(newLead('x@example.com', '2026-12-02T00:00:00.000Z')));

    const found = await store.capturedBetween(`${day}T00:00:00.000Z`, '2026-12-02T00:00:00.000Z');

    expect(found.map((lead) => lead.leadId)).toEqual(leads.map((lead) => lead.leadId));
    expect(found[0]).toEqual(leads[0]);
  });

  it('reads a range across UTC days: every day it touches, only the leads inside it', async () => {
    const inRange = [newLead('late@example.com', '2026-12-05T23:30:00.000Z'), newLead('early@example.com', '2026-12-06T00:30:00.000Z')];
    const outside = [newLead('before@example.com', '2026-12-05T22:59:59.999Z'), newLead('after@example.com', '2026-12-06T01:00:00.000Z')];
    for (const lead of [...inRange, ...outside]) await store.insert(lead, captured(lead));

    const found = await store.capturedBetween('2026-12-05T23:00:00.000Z', '2026-12-06T01:00:00.000Z');

    expect(found.map((lead) => lead.leadId)).toEqual(inRange.map((lead) => lead.leadId));
  });

  it('never moves the announced hot episode backwards, and notes nothing for a lead that is gone', async () => {
    const lead = newLead('announced@example.com', '2026-12-03T09:00:00.000Z');
    await store.insert(lead, captured(lead));

    await store.markAnnounced(lead.leadId, '2026-12-03T09:00:01.000Z', 2);
    await store.markAnnounced(lead.leadId, '2026-12-03T09:00:02.000Z', 1);
    await store.markAnnounced(randomUUID(), '2026-12-03T09:00:03.000Z', 1);

    expect(await store.get(lead.leadId)).toMatchObject({ hotAnnounced: 2, announcedAt: '2026-12-03T09:00:01.000Z', version: 2 });
  });

  it('drops the day keys a lead kept from before leads by day moved to GSI3 when it is next saved', async () => {
    const lead = newLead('older@example.com', '2026-11-01T09:00:00.000Z');
    await store.insert(lead, captured(lead));
    const { GSI3PK, GSI3SK, ...older } = await rawItem(lead.leadId);
    await client.send(new PutItemCommand({ TableName: tableName, Item: marshall({ ...older, GSI2PK: 'DAY#2026-11-01', GSI2SK: `${lead.capturedAt}#${lead.leadId}` }) }));

    const read = (await store.get(lead.leadId))!;
    expect(read).not.toHaveProperty('GSI2PK');
    expect(await store.save({ ...read, version: read.version + 1 }, read.version, [])).toBe('saved');

    const item = await rawItem(lead.leadId);
    expect(item).not.toHaveProperty('GSI2PK');
    expect(item).toMatchObject({ GSI3PK: 'DAY#2026-11-01' });
  });
});
