import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lead } from '../../functions/leads/lead.ts';
import { dynamoDbLeadStore } from '../../functions/leads/dynamodb-lead-store.ts';
import { type CallCount, callCounts, invocationCounts, resetCallCounts } from '../../functions/platform/call-counter.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { hotLead } from '../support/hot-lead.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

// What the morning list costs, counted as the simulator counts it (DynamoDB by ReturnConsumedCapacity):
// a weekend and a working day of the chain of one-time schedules and the daily planning, Anna holding 40 open leads on their plans.
let runtime: LocalRuntime;
const previous = process.env.STOKE_COUNT_AWS_CALLS;
const day = '2026-12-07'; // a Monday

beforeAll(async () => {
  process.env.STOKE_COUNT_AWS_CALLS = '1';
  // Friday 11:00 in Berlin: the planning at noon starts every seeded rep's chain.
  runtime = await startTestRuntime('morning-list-budget', new Date('2026-12-04T10:00:00Z'));
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

describe('the cost of the morning list', () => {
  it("reads each rep and their due leads once a working morning, claims once and schedules the next; the planning reads the roster once a day", async () => {
    // Given Anna's 40 open leads: their next steps spread over two weeks of business days, 4 due each day, 2 overdue
    const client = new DynamoDBClient({ endpoint: runtime.dynamodbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const leads = dynamoDbLeadStore(client, runtime.tableName);
    const businessDays = ['2026-12-04', day, '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-14', '2026-12-15', '2026-12-16', '2026-12-17'];
    for (let index = 0; index < 40; index++) {
      const dueAt = `${businessDays[index % 10]}T${String(8 + (index % 8)).padStart(2, '0')}:00:00.000Z`;
      expect(await leads.insert(openLead(index, dueAt), { type: 'captured', at: '2026-11-30T09:00:00.000Z', by: 'stoke', details: {} })).toBe('inserted');
    }
    client.destroy();
    const reps = 5;
    const morningListCalls = () => callCounts().filter((call) => call.fn === 'morning-list');
    const of = (calls: CallCount[], service: string, operation: string) => calls.find((call) => call.service === service && call.operation === operation)?.count ?? 0;

    // When Friday's planning has started the chains, and the weekend passes (Saturday and Sunday in UTC)
    await runtime.advance(Date.parse('2026-12-05T00:00:00Z') - (await runtime.advance(0)).getTime());
    resetCallCounts();
    await runtime.advance(2 * 24 * 3_600_000 - 60_000);
    const weekend = morningListCalls();

    // Then the weekend costs two plannings: a roster query each, and a schedule request per rep that finds its Monday there
    expect(weekend.map(({ service, operation, count }) => `${service}:${operation} ${count}`).sort()).toEqual(['DynamoDB:Query 2', `Scheduler:CreateSchedule ${2 * reps}`]);
    expect(runtime.ses.sent().filter((m) => m.tags.some((t) => t.value === 'morning-list') && m.tags.some((t) => t.value === day))).toEqual([]);

    // When Monday passes
    resetCallCounts();
    await runtime.advance(24 * 3_600_000);
    const monday = morningListCalls();

    // Then each of the five seeded reps had one morning; only Anna had anything due, so only she got an email
    const lists = runtime.ses.sent().filter((m) => m.tags.some((t) => t.value === 'morning-list') && m.tags.some((t) => t.value === day));
    expect(lists.map((m) => m.destination.to[0])).toEqual(['anna.schmidt@stoke.example']);
    expect(lists[0]!.subject).toBe('Your leads today: 4 due, 4 overdue');
    // Per rep: the rep, one claim, two dueBy queries (open leads, customers' check-ins), Tuesday's schedule; the planning: the roster and a schedule request per rep
    expect(of(monday, 'DynamoDB', 'GetItem')).toBe(reps);
    expect(of(monday, 'DynamoDB', 'PutItem')).toBe(reps);
    expect(of(monday, 'DynamoDB', 'Query')).toBe(2 * reps + 1);
    expect(of(monday, 'DynamoDB', 'Scan')).toBe(0);
    expect(of(monday, 'Scheduler', 'CreateSchedule')).toBe(reps + reps);
    expect(of(monday, 'SESv2', 'SendEmail')).toBe(1);
    const invocations = invocationCounts().find((each) => each.fn === 'morning-list')?.invocations;
    expect(invocations).toBe(reps + 1);
    const units = (calls: CallCount[]) => calls.filter((call) => call.service === 'DynamoDB').map(({ operation, count, readUnits, writeUnits }) => ({ operation, count, readUnits, writeUnits }));
    // Anna's list alone, with 8 leads due (Tuesday's, run early): what a rep with due leads costs
    resetCallCounts();
    await runtime.invoke('morning-list', { repId: 'anna-schmidt', date: '2026-12-08' });
    const annas = morningListCalls();
    expect(annas.map(({ service, operation, count }) => `${service}:${operation} ${count}`).sort()).toEqual([
      'DynamoDB:GetItem 1',
      'DynamoDB:PutItem 1',
      'DynamoDB:Query 2',
      'SESv2:SendEmail 1',
      'Scheduler:CreateSchedule 1',
    ]);
    console.log(`morning-list, Anna's list alone: ${JSON.stringify(units(annas))}`);
    console.log(`morning-list, a weekend, ${reps} reps: ${JSON.stringify(units(weekend))}`);
    console.log(`morning-list, Monday, ${reps} reps, 40 open leads for one: ${JSON.stringify(units(monday))}; ${invocations} invocations`);
  }, 120_000);
});
