import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lead } from '../../functions/leads/lead.ts';
import { dynamoDbLeadStore } from '../../functions/leads/dynamodb-lead-store.ts';
import { callCounts, resetCallCounts } from '../../functions/platform/call-counter.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { hotLead } from '../support/hot-lead.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

// What the morning list costs in DynamoDB, counted as the simulator counts it (ReturnConsumedCapacity):
// one working day of hourly sweeps, Anna holding 40 open leads on their plans.
let runtime: LocalRuntime;
const previous = process.env.STOKE_COUNT_AWS_CALLS;
const day = '2026-12-07'; // a Monday

beforeAll(async () => {
  process.env.STOKE_COUNT_AWS_CALLS = '1';
  // Sunday 23:59 UTC: no sweep has run on Monday yet anywhere the seeded reps work.
  runtime = await startTestRuntime('morning-list-budget', new Date('2026-12-06T23:59:00Z'));
});
afterAll(async () => {
  await runtime?.stop();
  if (previous === undefined) delete process.env.STOKE_COUNT_AWS_CALLS;
  else process.env.STOKE_COUNT_AWS_CALLS = previous;
});

// A lead as sales holds it after nurture: a scored breakdown, a need, five tips sent; its next step due `dueAt`.
function openLead(index: number, dueAt: string): Lead {
  const breakdown = ['budget', 'authority', 'timeline', 'need', 'senior-title', 'company-domain'].map((rule) => ({ rule, points: 10, reason: `Reason given for the ${rule} rule, in words` }));
  const sent = Array.from({ length: 5 }, (_, step) => ({ templateId: `nurture/warm/0${step + 1}-tip`, track: 'warm', step, subject: 'A tip about following up on web leads', at: '2026-11-01T09:00:00.000Z', messageId: `message-${index}-${step}` }));
  return hotLead({
    profile: { firstName: 'Dana', lastName: `Weber ${index}`, company: 'Weber Maschinenbau GmbH', jobTitle: 'Head of Operations', phone: '+49 30 1234567', country: 'DE', need: 'Our web leads wait days for a first call; we want every lead called within the hour.' },
    score: { total: 80, fit: 70, engagement: 10, temperature: 'hot', breakdown, modelVersion: 'test' },
    nurture: { track: 'warm', status: 'exited', enrolledAt: '2026-10-01T09:00:00.000Z', nextStep: 5, seq: 5, sent },
    plan: { planId: 'field', name: 'Field: 8 touches over 3 weeks', length: 8, episode: 1, startedAt: '2026-11-30T09:00:00.000Z', steps: [], next: { kind: 'touch', touch: 3, channel: 'call', dueAt, instruction: 'Call; confirm budget and timeline, and what would make them buy this quarter.', setAt: '2026-12-01T09:00:00.000Z' } },
  });
}

describe('the DynamoDB cost of the morning list', () => {
  it('reads the roster each sweep, claims once per rep and sweep in their morning, and reads only the due leads once a day', async () => {
    // Given Anna's 40 open leads: their next steps spread over two weeks of business days, 4 due each day, 2 overdue
    const client = new DynamoDBClient({ endpoint: runtime.dynamodbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const leads = dynamoDbLeadStore(client, runtime.tableName);
    const businessDays = ['2026-12-04', day, '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-14', '2026-12-15', '2026-12-16', '2026-12-17'];
    for (let index = 0; index < 40; index++) {
      const dueAt = `${businessDays[index % 10]}T${String(8 + (index % 8)).padStart(2, '0')}:00:00.000Z`;
      expect(await leads.insert(openLead(index, dueAt), { type: 'captured', at: '2026-11-30T09:00:00.000Z', by: 'stoke', details: {} })).toBe('inserted');
    }
    client.destroy();
    resetCallCounts();

    // When the sweep runs hourly for the whole day
    await runtime.advance(24 * 3_600_000);

    // Then each of the five seeded reps had one morning; only Anna had anything due, so only she got an email
    const lists = runtime.ses.sent().filter((m) => m.tags.some((t) => t.value === 'morning-list'));
    expect(lists.map((m) => m.destination.to[0])).toEqual(['anna.schmidt@stoke.example']);
    expect(lists[0]!.subject).toBe('Your leads today: 4 due, 4 overdue');
    const calls = callCounts().filter((call) => call.fn === 'morning-list');
    const of = (operation: string) => calls.find((call) => call.operation === operation) ?? { count: 0, readUnits: 0, writeUnits: 0 };
    const reps = 5;
    // 24 roster queries, plus two dueBy queries (open leads, customers' check-ins) per rep with a morning
    expect(of('Query').count).toBe(24 + 2 * reps);
    expect(of('Scan').count).toBe(0);
    // A claim per rep at every sweep from 08:30 to 16:30: 9 each, one of which wins
    expect(of('PutItem').count).toBe(9 * reps);
    // The roster alone: a sweep at an hour that is nobody's morning
    resetCallCounts();
    await runtime.invoke('morning-list', {});
    const roster = callCounts().filter((call) => call.fn === 'morning-list' && call.operation === 'Query');
    expect(roster.map((call) => call.count)).toEqual([1]);
    console.log(`morning-list roster query alone: ${roster[0]!.readUnits} read units`);
    console.log(`morning-list, one day, ${reps} reps, 40 open leads for one: ${JSON.stringify(calls.map(({ operation, count, readUnits, writeUnits }) => ({ operation, count, readUnits, writeUnits })))}`);
  }, 120_000);
});
