import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CallCount, callCounts, invocationCounts, resetCallCounts } from '../../functions/platform/call-counter.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

// The AWS calls one lead costs on its hot path, counted as the simulator counts them:
// the budgets of issue 8, held by the handlers that ship.
let runtime: LocalRuntime;
const previous = process.env.STOKE_COUNT_AWS_CALLS;

beforeAll(async () => {
  // Before the runtime starts: the SDK clients are made, and counted, when a handler module first loads.
  process.env.STOKE_COUNT_AWS_CALLS = '1';
  runtime = await startTestRuntime('call-budget', new Date('2026-11-23T08:00:00Z'));
});
afterAll(async () => {
  await runtime?.stop();
  if (previous === undefined) delete process.env.STOKE_COUNT_AWS_CALLS;
  else process.env.STOKE_COUNT_AWS_CALLS = previous;
});

const of = (fn: string) => callCounts().filter((call) => call.fn === fn);
const count = (calls: CallCount[], service: string, operation?: string) => calls.filter((c) => c.service === service && (!operation || c.operation === operation)).reduce((sum, c) => sum + c.count, 0);
const writeRequests = (calls: CallCount[]) => calls.filter((c) => c.service === 'DynamoDB' && /^(Put|Update|Delete|TransactWrite|BatchWrite)/.test(c.operation)).reduce((sum, c) => sum + c.count, 0);
const scans = () => callCounts().filter((c) => c.operation === 'Scan');
const invocations = (fn: string) => invocationCounts().find((i) => i.fn === fn)?.invocations ?? 0;

describe('the AWS calls of one lead', () => {
  let leadId: string;
  let messageId: string;

  it("capture of a new lead: one transaction for the lead, one for marketing's funnel, one write noting its announcement, one PutEvents, no Scan", async () => {
    resetCallCounts();
    const response = await fetch(`${runtime.apiUrl}/leads`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'budget@northwind-traders.com', firstName: 'Ravi', company: 'Northwind Traders', authority: 'influencer', timeline: '6m', consent: true, country: 'US' }),
    });
    expect(response.status).toBe(201);
    leadId = ((await response.json()) as { leadId: string }).leadId;
    const capture = of('capture');
    expect(invocations('capture')).toBe(1);
    expect(writeRequests(capture)).toBeLessThanOrEqual(3);
    expect(count(capture, 'DynamoDB', 'TransactWriteItems')).toBe(2);
    expect(count(capture, 'EventBridge', 'PutEvents')).toBe(1);
    await runtime.settle();
    // Nor did what the capture set off (the enrolment).
    expect(scans()).toEqual([]);
  });

  it("one nurture step: one SES send, one CreateSchedule, at most five DynamoDB requests (the lead, the claim, marketing's brake, marketing's figures, the lead saved)", async () => {
    resetCallCounts();
    // The first warm tip is due two weeks after enrolment, in the lead's send window.
    await runtime.advance(15 * 86_400_000);
    expect(invocations('nurture-step')).toBe(1);
    const step = of('nurture-step');
    expect(count(step, 'SESv2', 'SendEmail')).toBe(1);
    expect(count(step, 'Scheduler', 'CreateSchedule')).toBe(1);
    expect(count(step, 'DynamoDB')).toBeLessThanOrEqual(5);
    const tip = runtime.ses.sent().find((m) => m.tags.some((t) => t.name === 'leadId' && t.value === leadId) && m.tags.some((t) => t.name === 'sequence'));
    expect(tip).toBeDefined();
    messageId = tip!.messageId;
    expect(scans()).toEqual([]);
  });

  it("a person's first click on an email: at most six DynamoDB requests (lead, its signals, the signal kept, the filter's and the tip's figures, the rescored lead)", async () => {
    resetCallCounts();
    const at = new Date(runtime.clock.now().getTime() + 3_600_000).toISOString();
    const response = await fetch(`${runtime.apiUrl}/_local/ses-events`, {
      method: 'POST',
      body: JSON.stringify({ messageId, type: 'click', link: 'https://stoke.example/blog/lead-scoring', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36', ip: '203.0.113.7', at }),
    });
    expect(response.status).toBeLessThan(300);
    await runtime.settle();
    expect(invocations('engagement')).toBe(1);
    const engagement = of('engagement');
    expect(count(engagement, 'DynamoDB')).toBeLessThanOrEqual(6);
    expect(count(engagement, 'DynamoDB', 'TransactWriteItems')).toBe(3);
    expect(scans()).toEqual([]);
  });
});
