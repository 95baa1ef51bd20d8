import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { OverdueFirstContacts } from '../../functions/handoff/overdue-first-contacts.ts';
import { dynamoDbLeadStore } from '../../functions/leads/dynamodb-lead-store.ts';
import type { Lead } from '../../functions/leads/lead.ts';
import { useClock } from '../../functions/platform/clock.ts';
import { dynamoDbRepStore } from '../../functions/reps/dynamodb-rep-store.ts';
import { createTable } from '../../infra/local/dynamodb-local.ts';
import { annaSchmidt } from '../support/anna-schmidt.ts';
import { hotLead } from '../support/hot-lead.ts';

// The first-contact watch as Lambda loads it, on a table of its own in the run's DynamoDB Local, with
// embedded-format metrics switched on so that the line CloudWatch would read can be read here.
const tableName = `first-contact-watch-${randomUUID()}`;
const context = { functionName: 'stoke-first-contact-watch', awsRequestId: 'r1', getRemainingTimeInMillis: () => 60_000 } as unknown as Context;
// Tuesday 13:00 in Berlin, where Anna works and the managers' queue is watched; the default policy counts 09:00-17:00 on weekdays.
const now = new Date('2026-11-24T12:00:00.000Z');
let client: DynamoDBClient;
let handler: (event: unknown, context: Context) => Promise<OverdueFirstContacts>;

function handedOff(deadlineAt: string, changes: Partial<Lead> = {}): Lead {
  const lead = hotLead(changes);
  return { ...lead, assignment: { ...lead.assignment!, deadlineAt }, ...changes };
}

/** Runs the handler once and returns what it answered and the embedded-format metric lines it wrote. */
async function runWatch(): Promise<{ overdue: OverdueFirstContacts; metrics: Array<Record<string, unknown>> }> {
  const written: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  try {
    const overdue = await handler({ source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} }, context);
    return { overdue, metrics: written.flatMap((line) => line.split('\n')).filter((line) => line.includes('"_aws"')).map((line) => JSON.parse(line)) };
  } finally {
    write.mockRestore();
  }
}

beforeAll(async () => {
  const endpoint = inject('dynamodbEndpoint');
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    POWERTOOLS_LOG_LEVEL: 'CRITICAL',
    POWERTOOLS_SERVICE_NAME: 'first-contact-watch',
    POWERTOOLS_METRICS_DISABLED: 'false',
  });
  client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await createTable(client, tableName);
  await dynamoDbRepStore(client, tableName).create(annaSchmidt(), 0);
  useClock({ now: () => now });
  ({ handler } = (await import('../../functions/handoff/handlers/first-contact-watch.ts')) as unknown as { handler: typeof handler });
});
afterEach(() => vi.restoreAllMocks());
afterAll(() => {
  useClock(undefined);
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  client?.destroy();
});

describe('first-contact-watch on DynamoDB Local', () => {
  it('publishes 0 when every hot lead was contacted in time', async () => {
    const leads = dynamoDbLeadStore(client, tableName);
    const contacted = handedOff('2026-11-24T09:00:00.000Z', { status: 'in-progress', firstContactAt: '2026-11-24T08:50:00.000Z' });
    await leads.insert(contacted, { type: 'captured', at: contacted.capturedAt, by: 'lead', details: {} });

    const { overdue, metrics } = await runWatch();

    expect(overdue).toEqual({ minutes: 0, overdueLeads: 0 });
    expect(metrics).toEqual([
      expect.objectContaining({
        _aws: expect.objectContaining({ CloudWatchMetrics: [{ Namespace: 'Stoke', Dimensions: [['service']], Metrics: [{ Name: 'OldestOverdueFirstContactMinutes', Unit: 'None' }] }] }),
        service: 'stoke',
        OldestOverdueFirstContactMinutes: 0,
      }),
    ]);
  });

  it("publishes the business minutes the longest-waiting lead of a rep or of the managers' queue has waited past its deadline", async () => {
    const leads = dynamoDbLeadStore(client, tableName);
    // Due 11:45 in Berlin, 75 minutes ago; the parked lead in the managers' queue, due at 12:30, 30 minutes ago.
    const annas = handedOff('2026-11-24T10:45:00.000Z', { leadId: 'annas-lead' });
    const parked = handedOff('2026-11-24T11:30:00.000Z', { leadId: 'parked-lead', owner: { type: 'queue', queue: 'unassigned', notifyEmail: 'maria.keller@stoke.example' } });
    const later = handedOff('2026-11-24T12:30:00.000Z');
    for (const lead of [annas, parked, later]) await leads.insert(lead, { type: 'captured', at: lead.capturedAt, by: 'lead', details: {} });

    const { overdue, metrics } = await runWatch();

    expect(overdue).toEqual({ minutes: 75, overdueLeads: 2, leadId: 'annas-lead', ownerId: 'anna-schmidt' });
    expect(metrics.map((line) => line.OldestOverdueFirstContactMinutes)).toEqual([75]);
  });
});
