import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDevToken } from '../../infra/local/dev-tokens.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import type { SentMessage } from '../../infra/local/ses.ts';
import { localApi } from '../support/local-api.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

/*
 * Reconciliation: a known mix of people and machines goes through the local
 * runtime (the real handlers, DynamoDB Local, the local SES and bus), and
 * every figure marketing reads is checked against a count made by hand.
 */

let runtime: LocalRuntime;
let marketer: string;
const api = localApi(() => runtime);
const period = '?from=2026-11-20&to=2026-11-30';

const tag = (message: SentMessage, name: string) => message.tags.find((t) => t.name === name)?.value;
const tipOf = (leadId: string) => runtime.ses.sent().find((m) => tag(m, 'leadId') === leadId && tag(m, 'sequence') === 'warm')!;
const at = (message: SentMessage, minutes: number) => new Date(Date.parse(message.sentAt) + minutes * 60_000).toISOString();
const ses = async (message: SentMessage, minutes: number, event: Record<string, unknown>) =>
  expect((await api('POST', '/_local/ses-events', undefined, { messageId: message.messageId, at: at(message, minutes), ...event })).status).toBe(202);

const chrome = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const appleMailProxy = { userAgent: 'Mozilla/5.0', ip: '17.58.101.9' };
const barracuda = 'Mozilla/5.0 (compatible; Barracuda Sentinel)';
// 33 points: warm and consenting; in the US, so no double opt-in.
const warm = (email: string, utm: Record<string, string> = {}) => ({ email, firstName: 'Kim', authority: 'influencer', timeline: '6m', consent: true, country: 'US', timezone: 'America/New_York', ...utm });
const newsletter = { utm_source: 'newsletter', utm_campaign: 'december' };
const linkedin = { utm_source: 'linkedin', utm_campaign: 'q4-webinar' };

const leads: Record<string, string> = {};

beforeAll(async () => {
  // Monday 23 November 2026, 08:00 UTC.
  runtime = await startTestRuntime('marketing-figures', new Date('2026-11-23T08:00:00Z'));
  marketer = await issueDevToken('marketing@stoke.example', ['marketing']);
  const capture = async (name: string, body: object) => (leads[name] = (await api('POST', '/leads', undefined, body)).body.leadId);

  await capture('reader', warm('reader@example.com', newsletter));
  await capture('proxied', warm('proxied@example.com', newsletter));
  await capture('scanned', warm('scanned@example.com', newsletter));
  await capture('bounced', warm('bounced@example.com', newsletter));
  await capture('complainer', warm('complainer@example.com', linkedin));
  await capture('leaver', warm('leaver@example.com', linkedin));
  // Germany: double opt-in. One confirms at once, one never does.
  await capture('confirmer', { ...warm('confirmer@example.de'), country: 'DE', timezone: 'Europe/Berlin' });
  await capture('unconfirmed', { ...warm('unconfirmed@example.de'), country: 'DE', timezone: 'Europe/Berlin' });
  // Ready to buy at once: straight to sales, no tips.
  await capture('buyer', { email: 'buyer@example.com', authority: 'decision-maker', budget: '250k-plus', timeline: 'now', consent: true, country: 'US', utm_source: 'ads' });

  const confirmation = runtime.ses.sent().find((m) => tag(m, 'leadId') === leads.confirmer)!;
  const { emails } = (await (await fetch(`${runtime.sesViewerUrl}store`)).json()) as { emails: Array<{ messageId: string; body: { text: string } }> };
  const confirmUrl = /(https?:\/\/\S+\/email\/confirm\/[^\s)]+)/.exec(emails.find((e) => e.messageId === confirmation.messageId)!.body.text)![1]!;
  await fetch(confirmUrl, { method: 'POST' });
  await runtime.settle();

  // Every first tip goes out on Tuesday 24 November, in each lead's send window; the second is two weeks later.
  await api('POST', '/_local/clock', undefined, { advance: 'P2D' });

  const reader = tipOf(leads.reader!);
  await ses(reader, 1, { type: 'delivery' });
  await ses(reader, 60, { type: 'open', userAgent: chrome, ip: '203.0.113.7' });
  await ses(reader, 62, { type: 'click', userAgent: chrome, ip: '203.0.113.7', link: 'https://stoke.example/pricing' });
  await ses(reader, 90, { type: 'open', userAgent: chrome, ip: '203.0.113.7' });
  // The demo click lifts the reader over the hot threshold: handed to sales.
  await ses(reader, 95, { type: 'click', userAgent: chrome, ip: '203.0.113.7', link: 'https://stoke.example/demo' });

  const proxied = tipOf(leads.proxied!);
  await ses(proxied, 1, { type: 'delivery' });
  await ses(proxied, 1, { type: 'open', ...appleMailProxy });
  await ses(proxied, 240, { type: 'open', userAgent: chrome, ip: '198.51.100.20' });

  const scanned = tipOf(leads.scanned!);
  await ses(scanned, 1, { type: 'delivery' });
  await ses(scanned, 2, { type: 'click', userAgent: barracuda, link: 'https://stoke.example/pricing' });
  // Three links within seconds from one browser: a burst. The first two look like a person's until the third arrives.
  await ses(scanned, 300, { type: 'click', userAgent: chrome, link: 'https://stoke.example/blog/lead-scoring' });
  await ses(scanned, 300.02, { type: 'click', userAgent: chrome, link: 'https://stoke.example/guides/nurture' });
  await ses(scanned, 300.04, { type: 'click', userAgent: chrome, link: 'https://stoke.example/guides/speed-to-lead' });

  await ses(tipOf(leads.bounced!), 1, { type: 'bounce', bounceType: 'Permanent' });

  const complainer = tipOf(leads.complainer!);
  await ses(complainer, 1, { type: 'delivery' });
  await ses(complainer, 120, { type: 'complaint' });

  const leaver = tipOf(leads.leaver!);
  await ses(leaver, 1, { type: 'delivery' });
  const unsubscribeUrl = /<(https?:[^>]+)>/.exec(leaver.headers.find((h) => h.name === 'List-Unsubscribe')!.value)![1]!;
  await fetch(unsubscribeUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
  await runtime.settle();

  await ses(tipOf(leads.confirmer!), 1, { type: 'delivery' });

  // The reader's rep calls and sells; the privacy officer erases the complainer on request.
  const owner = (await api('GET', `/leads/${leads.reader}`, await issueDevToken('maria.keller@stoke.example', ['manager']))).body.lead.owner;
  const rep = await issueDevToken(owner.email, ['rep']);
  expect((await api('POST', `/leads/${leads.reader}/contacts`, rep, { channel: 'call' })).status).toBe(200);
  expect((await api('PUT', `/leads/${leads.reader}/status`, rep, { status: 'purchased', value: 12_000 })).status).toBe(200);
  expect((await api('DELETE', `/leads/${leads.complainer}`, await issueDevToken('dpo@stoke.example', ['privacy']))).status).toBe(200);
}, 120_000);
afterAll(() => runtime?.stop());

describe("marketing's figures reconcile with what happened", () => {
  it("shows the warm track's first tip with every figure counted by hand", async () => {
    const { status, body } = await api('GET', `/marketing/journey${period}`, marketer);
    expect(status).toBe(200);
    const warmTrack = body.tracks.find((track: { track: string }) => track.track === 'warm');
    const [first, second] = warmTrack.steps;

    expect(first.figures).toEqual({
      // Six US leads and the German who confirmed.
      sent: 7,
      // All but the bounce.
      delivered: 6,
      // The reader (twice, counted once) and the proxied lead's own later open; not Apple's proxy.
      opened: 2,
      // The reader only: the burst's first two clicks, a person's at first sight, are the scanner's once the third arrives.
      clicked: 1,
      openFiltered: { 'privacy-proxy-open': 1 },
      clickFiltered: { 'scanner-user-agent': 1, 'click-burst': 3 },
      unsubscribed: 1,
      bounced: 1,
      softBounced: 0,
      complained: 1,
      turnedHot: 1,
      rates: { delivered: 6 / 7, opened: 2 / 6, clicked: 1 / 6, unsubscribed: 1 / 6, turnedHot: 1 / 7 },
    });
    expect(second.figures.sent).toBe(0);
  });

  it("accounts for every open and click in the filter's audit, with the raw events behind each reason", async () => {
    const { body } = await api('GET', `/marketing/filter-audit${period}`, marketer);

    expect(body.totals.opens).toEqual({ total: 4, human: 3, filtered: 1, filteredShare: 0.25, byReason: { 'privacy-proxy-open': 1 } });
    expect(body.totals.clicks).toEqual({ total: 6, human: 2, filtered: 4, filteredShare: 4 / 6, byReason: { 'scanner-user-agent': 1, 'click-burst': 3 } });
    expect(body.weeks.map((week: { week: string }) => week.week)).toEqual(['2026-W48']);
    expect(body.samples['scanner-user-agent']).toEqual([
      expect.objectContaining({ type: 'click', userAgent: barracuda, link: 'https://stoke.example/pricing', leadId: leads.scanned, detail: expect.stringContaining('barracuda') }),
    ]);
    expect(body.samples['privacy-proxy-open']).toEqual([expect.objectContaining({ type: 'open', ip: '17.58.101.9', leadId: leads.proxied })]);
    expect(body.thresholds.scanners.burst).toEqual({ distinctLinks: 3, withinSeconds: 5 });
  });

  it('follows each source through the funnel, each lead once', async () => {
    const { body } = await api('GET', `/marketing/funnel${period}`, marketer);
    const row = (source: string) => body.rows.find((r: { source: string }) => r.source === source).stages.map((cell: { count: number }) => cell.count);

    // captured, warm or hot at capture, nurtured, hot, handed off, contacted, purchased
    expect(row('newsletter')).toEqual([4, 4, 4, 1, 1, 1, 1]);
    expect(row('linkedin')).toEqual([2, 2, 2, 0, 0, 0, 0]);
    expect(row('direct')).toEqual([2, 2, 1, 0, 0, 0, 0]);
    expect(row('ads')).toEqual([1, 1, 0, 1, 1, 0, 0]);
    expect(body.total.stages.map((cell: { count: number }) => cell.count)).toEqual([9, 9, 7, 2, 2, 1, 1]);

    const csv = await api('GET', `/marketing/funnel${period}&format=csv`, marketer);
    expect(csv.body.split('\r\n')[1]).toMatch(/^All sources,All campaigns,9,100,0,9,100,0,7,77\.8,/);
  });

  it('counts who left marketing email and why, and the opt-in requests still awaiting an answer', async () => {
    const { body } = await api('GET', `/marketing/consent${period}`, marketer);
    expect(body.total).toEqual({ unsubscribed: 1, bounced: 1, complained: 1, erased: 1, optIn: { asked: 2, confirmed: 1, left: 0, awaiting: 1 } });
  });

  it('counts an SES event AWS delivers again once', async () => {
    const before = (await api('GET', `/marketing/journey${period}`, marketer)).body;
    const audit = (await api('GET', `/marketing/filter-audit${period}`, marketer)).body;
    const { handler } = (await import('../../functions/engagement/handlers/engagement.ts')) as { handler: (e: unknown, c: Context) => Promise<void> };
    const context = { functionName: 'stoke-engagement', awsRequestId: 'again', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;
    // Every send, open, click, delivery, bounce and complaint of the mix, delivered again.
    const delivered = runtime.bus.events.filter((e) => e.source === 'aws.ses');
    expect(delivered.filter((e) => e['detail-type'] !== 'Email Sent')).toHaveLength(18);
    for (const event of delivered) {
      const { 'event-bus-name': _bus, ...asDelivered } = event;
      await handler(asDelivered, context);
    }

    expect((await api('GET', `/marketing/journey${period}`, marketer)).body).toEqual(before);
    expect((await api('GET', `/marketing/filter-audit${period}`, marketer)).body).toEqual(audit);
  });

  it('is for marketing and managers only', async () => {
    const rep = await issueDevToken('anna.schmidt@stoke.example', ['rep']);
    expect((await api('GET', `/marketing/journey${period}`, rep)).status).toBe(403);
    expect((await api('GET', `/marketing/journey${period}`, await issueDevToken('maria.keller@stoke.example', ['manager']))).status).toBe(200);
    expect((await api('GET', '/marketing/journey?from=2026-11-30&to=2026-11-01', marketer)).status).toBe(400);
  });

  it("renders a track's tips for a sample lead, as they are sent", async () => {
    const { status, body } = await api('GET', '/marketing/tracks/warm/tips', marketer);
    expect(status).toBe(200);
    expect(body.tips[0]).toMatchObject({ number: 1, templateId: 'nurture/warm/01-first-reply-wins', subject: 'The first reply wins', delay: 'P1D' });
    expect(body.tips[0].html).toContain('<html');
    expect((await api('GET', '/marketing/tracks/no-such/tips', marketer)).status).toBe(404);
    expect(runtime.deadLetters.entries).toEqual([]);
  });
});
