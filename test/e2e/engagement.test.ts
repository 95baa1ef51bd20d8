import type { Context, EventBridgeEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPattern } from '../../infra/local/event-bus.ts';
import { matchesPattern, validatePattern } from '../../infra/local/event-pattern.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { documentedSesEvents, type SesEventType } from '../../infra/local/ses-event-fixtures/documented-events.ts';
import { eventRules } from '../../infra/wiring/rules.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import type { SentMessage } from '../../infra/local/ses.ts';
import { readTable } from '../support/table-reader.ts';

let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime('engagement', new Date('2026-11-23T08:00:00Z'));
});
afterAll(() => runtime?.stop());

// 33 points: warm, consenting, in the US (no double opt-in).
const warmLead = (email: string) => ({ email, firstName: 'Mia', company: 'Contoso', authority: 'influencer', timeline: '6m', consent: true, country: 'US', timezone: 'America/New_York' });

async function capture(body: unknown): Promise<string> {
  const response = await fetch(`${runtime.apiUrl}/leads`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  await runtime.settle();
  return ((await response.json()) as { leadId: string }).leadId;
}

const local = (path: string, body: unknown) => fetch(`${runtime.apiUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
const tag = (message: SentMessage, name: string) => message.tags.find((t) => t.name === name)?.value;
const mailAbout = (leadId: string) => runtime.ses.sent().filter((m) => tag(m, 'leadId') === leadId);
const leadItem = async (leadId: string) => (await readTable(runtime.dynamodbEndpoint, runtime.tableName)).find((i) => i.entity === 'lead' && i.leadId === leadId);
const signalsOf = async (leadId: string) => (await readTable(runtime.dynamodbEndpoint, runtime.tableName)).filter((i) => i.entity === 'signal' && i.leadId === leadId);

describe('engagement lifts a warm lead to hot', () => {
  it('hands a lead to sales after a person clicks two high-intent tips, with one email listing the tips read', async () => {
    const leadId = await capture(warmLead('mia@contoso-retail.com'));
    await local('/_local/clock', { advance: 'P3D' });
    const [first] = mailAbout(leadId);

    // An hour after the tip arrived, Mia reads it and looks at the pricing page.
    await local('/_local/clock', { advance: 'PT1H' });
    expect((await local('/_local/ses-events', { messageId: first!.messageId, type: 'click', link: 'https://stoke.example/pricing' })).status).toBe(202);
    expect((await leadItem(leadId))?.score).toMatchObject({ temperature: 'warm' });

    await local('/_local/clock', { advance: 'P15D' });
    const second = mailAbout(leadId).find((m) => m.messageId !== first!.messageId)!;
    await local('/_local/clock', { advance: 'PT2H' });
    await local('/_local/ses-events', { messageId: second.messageId, type: 'click', link: 'https://stoke.example/demo' });

    const lead = await leadItem(leadId);
    expect(lead).toMatchObject({ status: 'assigned', score: { temperature: 'hot' }, nurture: { status: 'exited', exitReason: 'handed-off' } });
    expect(lead?.score.breakdown.map((line: { rule: string }) => line.rule)).toEqual(expect.arrayContaining(['pricing', 'demo-or-trial']));
    const handoffs = mailAbout(leadId).filter((m) => tag(m, 'template') === 'rep-handoff');
    expect(handoffs).toHaveLength(1);
    const { emails } = (await (await fetch(`${runtime.sesViewerUrl}store`)).json()) as { emails: Array<{ messageId: string; body: { text: string } }> };
    const text = emails.find((e) => e.messageId === handoffs[0]!.messageId)!.body.text;
    expect(text).toContain(first!.subject);
    expect(text).toContain('stoke.example/pricing');
    expect(text).toContain('stoke.example/demo');
    expect(runtime.deadLetters.entries).toEqual([]);
  }, 60_000);

  it('keeps machine clicks and opens as filtered signals that score nothing', async () => {
    const leadId = await capture(warmLead('scanned@contoso-retail.com'));
    // A day later, in the next weekday send window: a weekend may lie in between.
    await local('/_local/clock', { advance: 'P5D' });
    const [tip] = mailAbout(leadId);
    const before = (await leadItem(leadId))?.score.total;

    // A security scanner follows the links as the email lands; Apple's proxy fetches the pixel.
    await local('/_local/ses-events', { messageId: tip!.messageId, type: 'click', link: 'https://stoke.example/pricing', userAgent: 'Mozilla/5.0 (compatible; Barracuda Sentinel)' });
    await local('/_local/ses-events', { messageId: tip!.messageId, type: 'open', userAgent: 'Mozilla/5.0', ip: '17.58.101.9' });

    expect((await leadItem(leadId))?.score.total).toBe(before);
    const signals = await signalsOf(leadId);
    expect(signals.map((s) => [s.type, s.human, s.filteredBecause?.split(':')[0]])).toEqual(
      expect.arrayContaining([
        ['click', false, 'scanner-user-agent'],
        ['open', false, 'privacy-proxy-open'],
      ]),
    );
  }, 60_000);

  it('scores an SES event delivered three times once', async () => {
    const leadId = await capture(warmLead('thrice@contoso-retail.com'));
    await local('/_local/clock', { advance: 'P5D' });
    const [tip] = mailAbout(leadId);
    await local('/_local/clock', { advance: 'PT1H' });
    await local('/_local/ses-events', { messageId: tip!.messageId, type: 'open' });
    const delivered = runtime.eventLog.length;
    const event = runtime.bus.events.filter((e) => e.source === 'aws.ses').at(-1)!;
    const { 'event-bus-name': _bus, ...asDelivered } = event;
    const { handler } = (await import('../../functions/engagement/handlers/engagement.ts')) as { handler: (e: EventBridgeEvent<string, unknown>, c: Context) => Promise<void> };
    const context = { functionName: 'stoke-engagement', awsRequestId: 'again', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

    await handler(asDelivered, context);
    await handler(asDelivered, context);

    const lead = await leadItem(leadId);
    expect(lead?.score.breakdown.filter((line: { rule: string }) => line.rule === 'open')).toHaveLength(1);
    expect(lead?.score.engagement).toBeCloseTo(3, 0);
    expect((await signalsOf(leadId)).filter((s) => s.type === 'open')).toHaveLength(1);
    expect(runtime.eventLog.length).toBe(delivered);
  }, 60_000);
  it('takes back the points of clicks that turn out to begin a burst, and keeps that verdict when their event is delivered again', async () => {
    const leadId = await capture(warmLead('burst@contoso-retail.com'));
    await local('/_local/clock', { advance: 'P5D' });
    const [tip] = mailAbout(leadId);
    await local('/_local/clock', { advance: 'PT1H' });
    const before = (await leadItem(leadId))?.score.total;
    const at = (seconds: number) => new Date(runtime.clock.now().getTime() + seconds * 1000).toISOString();
    const browser = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36';

    // One click looks like a person's, and scores; two more links within two seconds make all three a scanner's burst.
    await local('/_local/ses-events', { messageId: tip!.messageId, type: 'click', link: 'https://stoke.example/pricing', userAgent: browser, at: at(0) });
    const first = runtime.bus.events.filter((e) => e.source === 'aws.ses').at(-1)!;
    expect((await leadItem(leadId))?.score.total).toBeGreaterThan(before!);
    await local('/_local/ses-events', { messageId: tip!.messageId, type: 'click', link: 'https://stoke.example/blog/lead-scoring', userAgent: browser, at: at(1) });
    await local('/_local/ses-events', { messageId: tip!.messageId, type: 'click', link: 'https://stoke.example/guides/nurture', userAgent: browser, at: at(2) });

    const scored = await leadItem(leadId);
    expect((await signalsOf(leadId)).map((s) => [s.link, s.human, s.filteredBecause?.split(':')[0]])).toEqual([
      ['https://stoke.example/pricing', false, 'click-burst'],
      ['https://stoke.example/blog/lead-scoring', false, 'click-burst'],
      ['https://stoke.example/guides/nurture', false, 'click-burst'],
    ]);
    expect(scored?.score.total).toBe(before);

    // EventBridge delivers the first click again: it keeps the verdict the second look gave it, and changes nothing.
    const { 'event-bus-name': _bus, ...asDelivered } = first;
    const { handler } = (await import('../../functions/engagement/handlers/engagement.ts')) as { handler: (e: EventBridgeEvent<string, unknown>, c: Context) => Promise<void> };
    await handler(asDelivered, { functionName: 'stoke-engagement', awsRequestId: 'again', getRemainingTimeInMillis: () => 30_000 } as unknown as Context);

    const lead = await leadItem(leadId);
    expect(lead?.score.total).toBe(scored?.score.total);
    expect(lead?.version).toBe(scored?.version);
  }, 60_000);
});

describe('every SES event type, built from the event AWS documents, through the email-engagement rule and the handler', () => {
  const engagementRule = validatePattern(renderPattern(eventRules.find((rule) => rule.name === 'email-engagement')!.pattern));
  const routed = (event: unknown) => matchesPattern(engagementRule, event);
  // One lead per case, each with a tip sent an hour before the event.
  const cases = ['send', 'delivery', 'delivery-delay', 'open', 'click', 'bounce', 'complaint', 'reject', 'rendering-failure', 'subscription', 'topic-opt-out', 'opt-in'] as const;
  const tips = new Map<(typeof cases)[number], { leadId: string; tip: SentMessage }>();

  beforeAll(async () => {
    const leadIds: string[] = [];
    for (const name of cases) leadIds.push(await capture(warmLead(`${name}@documented-events.com`)));
    await local('/_local/clock', { advance: 'P5D' });
    cases.forEach((name, n) => tips.set(name, { leadId: leadIds[n]!, tip: mailAbout(leadIds[n]!).find((m) => tag(m, 'sequence'))! }));
    await local('/_local/clock', { advance: 'PT1H' });
  }, 120_000);

  async function publish(name: (typeof cases)[number], request: { type: SesEventType } & Record<string, unknown>) {
    const { leadId, tip } = tips.get(name)!;
    const answer = await local('/_local/ses-events', { messageId: tip.messageId, ...request });
    expect({ status: answer.status, body: await answer.json() }).toEqual({ status: 202, body: { published: documentedSesEvents[request.type]['detail-type'] } });
    const event = runtime.bus.events.filter((e) => e.source === 'aws.ses').at(-1)!;
    return { leadId, tip, event, lead: await leadItem(leadId), signals: await signalsOf(leadId) };
  }

  const pendingTips = async (leadId: string) =>
    ((await (await fetch(`${runtime.apiUrl}/_local/schedules`)).json()) as { schedules: Array<{ name: string }> }).schedules.filter((s) => s.name.startsWith(`nt-${leadId}-`));

  it.each([
    {
      name: 'a send counts toward marketing’s sends (the brake’s rates), and changes nothing on the lead',
      lead: 'send' as const,
      request: { type: 'send' as const },
      then: async ({ signals, lead, leadId, event }: Outcome & { event: { 'event-bus-name'?: string } }) => {
        expect(signals).toEqual([]);
        expect(lead?.nurture).toMatchObject({ status: 'active' });
        expect(await pendingTips(leadId)).toHaveLength(1);
        // Counted once: the same event delivered again adds nothing.
        const sends = async () =>
          (await readTable(runtime.dynamodbEndpoint, runtime.tableName)).filter((item) => item.SK === 'reputation#marketing').reduce((total, item) => total + (item['c:sent'] ?? 0), 0);
        const counted = await sends();
        expect(counted).toBeGreaterThanOrEqual(cases.length);
        const { 'event-bus-name': _bus, ...asDelivered } = event;
        await runtime.invoke('engagement', asDelivered);
        expect(await sends()).toBe(counted);
      },
    },
    {
      name: 'a delivery is kept, to tell machine opens from people',
      lead: 'delivery' as const,
      request: { type: 'delivery' as const },
      then: ({ signals, tip }: Outcome) => expect(signals.map((s) => [s.type, s.messageId])).toEqual([['delivery', tip.messageId]]),
    },
    {
      name: 'an open by a person scores',
      lead: 'open' as const,
      request: { type: 'open' as const },
      then: ({ signals, lead }: Outcome) => {
        expect(signals.map((s) => [s.type, s.human])).toEqual([['open', true]]);
        expect(lead?.score.breakdown.map((line: { rule: string }) => line.rule)).toContain('open');
      },
    },
    {
      name: 'a click by a person scores',
      lead: 'click' as const,
      request: { type: 'click' as const, link: 'https://stoke.example/pricing' },
      then: ({ signals, lead }: Outcome) => {
        expect(signals.map((s) => [s.type, s.human, s.link])).toEqual([['click', true, 'https://stoke.example/pricing']]);
        expect(lead?.score.breakdown.map((line: { rule: string }) => line.rule)).toContain('pricing');
      },
    },
    {
      name: 'a permanent bounce suppresses the address',
      lead: 'bounce' as const,
      request: { type: 'bounce' as const },
      then: async ({ lead, leadId }: Outcome) => {
        expect(lead).toMatchObject({ marketing: { suppressed: { reason: 'bounce' } }, nurture: { status: 'exited', exitReason: 'bounced' } });
        expect(await pendingTips(leadId)).toEqual([]);
      },
    },
    {
      name: 'a complaint suppresses the address',
      lead: 'complaint' as const,
      request: { type: 'complaint' as const },
      then: async ({ lead, leadId }: Outcome) => {
        expect(lead).toMatchObject({ marketing: { suppressed: { reason: 'complaint' } }, nurture: { status: 'exited', exitReason: 'complained' } });
        expect(await pendingTips(leadId)).toEqual([]);
      },
    },
    {
      name: 'unsubscribing from all in SES subscription management unsubscribes the lead',
      lead: 'subscription' as const,
      request: { type: 'subscription' as const },
      then: async ({ lead, leadId }: Outcome) => {
        expect(lead).toMatchObject({ marketing: { unsubscribedAt: expect.any(String) }, nurture: { status: 'exited', exitReason: 'unsubscribed' } });
        expect(await pendingTips(leadId)).toEqual([]);
      },
    },
    {
      name: 'opting out of a topic in SES subscription management unsubscribes the lead',
      lead: 'topic-opt-out' as const,
      request: { type: 'subscription' as const, unsubscribeAll: false, topics: [{ topicName: 'tips', subscriptionStatus: 'OptOut' }] },
      then: async ({ lead, leadId }: Outcome) => {
        expect(lead).toMatchObject({ marketing: { unsubscribedAt: expect.any(String) }, nurture: { status: 'exited', exitReason: 'unsubscribed' } });
        expect(await pendingTips(leadId)).toEqual([]);
      },
    },
    {
      name: 'opting in to a topic changes nothing: the tips go on',
      lead: 'opt-in' as const,
      request: { type: 'subscription' as const, unsubscribeAll: false, topics: [{ topicName: 'tips', subscriptionStatus: 'OptIn' }] },
      then: async ({ lead, leadId }: Outcome) => {
        expect(lead?.marketing?.unsubscribedAt).toBeUndefined();
        expect(lead?.nurture).toMatchObject({ status: 'active' });
        expect(await pendingTips(leadId)).toHaveLength(1);
      },
    },
  ])('routed: $name', async ({ lead: name, request, then }) => {
    const outcome = await publish(name, request);

    expect(routed(outcome.event)).toBe(true);
    await then(outcome);
    expect(runtime.deadLetters.entries).toEqual([]);
  }, 60_000);

  it.each(['delivery-delay', 'reject', 'rendering-failure'] as const)('not routed: %s; handed to engagement anyway, it changes nothing', async (type) => {
    const { leadId, event, lead: before } = await publish(type, { type });

    expect(routed(event)).toBe(false);
    expect(await leadItem(leadId)).toEqual(before);

    // As if a rule delivered it after all.
    const { 'event-bus-name': _bus, ...asDelivered } = event;
    await runtime.invoke('engagement', asDelivered);
    expect(await leadItem(leadId)).toEqual(before);
    expect(await signalsOf(leadId)).toEqual([]);
    expect(await pendingTips(leadId)).toHaveLength(1);
    expect(runtime.deadLetters.entries).toEqual([]);
  }, 60_000);
});

type Outcome = { leadId: string; tip: SentMessage; lead: Record<string, any> | undefined; signals: Array<Record<string, any>> };
