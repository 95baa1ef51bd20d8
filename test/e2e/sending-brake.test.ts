import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDevToken } from '../../infra/local/dev-tokens.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import type { SentMessage } from '../../infra/local/ses.ts';
import { localApi } from '../support/local-api.ts';
import { readTable } from '../support/table-reader.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

/*
 * Marketing's brake in the local runtime (the real handlers, DynamoDB Local,
 * the local SES publishing Send events as SES does): a burst of permanent
 * bounces on a bad list pauses marketing's tips, not sales' email; a manager
 * resumes, and every tip that waited goes out once, in its lead's window.
 */

let runtime: LocalRuntime;
let marketer: string;
let manager: string;
const api = localApi(() => runtime);

const tag = (message: SentMessage, name: string) => message.tags.find((t) => t.name === name)?.value;
const tips = () => runtime.ses.sent().filter((m) => tag(m, 'sequence') !== undefined);
const stepOf = (message: SentMessage) => `${tag(message, 'leadId')}:${tag(message, 'template')}`;
const clock = (advance: string) => api('POST', '/_local/clock', undefined, { advance });
const bounce = async (message: SentMessage) =>
  expect((await api('POST', '/_local/ses-events', undefined, { messageId: message.messageId, type: 'bounce', bounceType: 'Permanent' })).status).toBe(202);

// Warm, consenting, in New York: no double opt-in; tips go out at 09:00 New York time (14:00 UTC) on weekdays.
const warm = (n: number) => ({ email: `reader${n}@list.example`, firstName: 'Kim', authority: 'influencer', timeline: '6m', consent: true, country: 'US', timezone: 'America/New_York' });
const leads: string[] = [];

beforeAll(async () => {
  // Monday 23 November 2026, 08:00 UTC.
  runtime = await startTestRuntime('sending-brake', new Date('2026-11-23T08:00:00Z'));
  marketer = await issueDevToken('marketing@stoke.example', ['marketing']);
  manager = await issueDevToken('maria.keller@stoke.example', ['manager']);
  for (let n = 0; n < 50; n++) leads.push((await api('POST', '/leads', undefined, warm(n))).body.leadId);
  // The first tips go out on Tuesday at 14:00 UTC.
  await clock('P2D');
}, 180_000);
afterAll(() => runtime?.stop());

describe('a burst of bounces on a bad list', () => {
  it('sends every first tip through the marketing configuration set', () => {
    expect(tips()).toHaveLength(50);
    expect(new Set(tips().map((m) => m.configurationSetName))).toEqual(new Set(['stoke-marketing']));
  });

  it('pauses marketing at the bounce that takes the rate to the threshold (2 of 50 sends, 4%, over 3%)', async () => {
    const [first, second, third] = tips();
    await bounce(first!);
    expect((await api('GET', '/marketing/sending', marketer)).body).toMatchObject({ status: 'running', waiting: 0 });

    await bounce(second!);
    await bounce(third!);

    const { status, body } = await api('GET', '/marketing/sending', marketer);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'paused',
      paused: { because: 'bounces', sends: 50, bounces: { count: 2, rate: 0.04, threshold: 0.03 }, windowDays: 7, leads: { bounced: expect.arrayContaining([tag(first!, 'leadId'), tag(second!, 'leadId')]) } },
      waiting: 0,
    });
  });

  it('keeps sales email going: a hot lead is handed off through the team configuration set', async () => {
    const before = runtime.ses.sent().length;
    const hot = await api('POST', '/leads', undefined, { email: 'buyer@example.com', authority: 'decision-maker', budget: '250k-plus', timeline: 'now', consent: true, country: 'US' });
    expect(hot.status).toBe(201);

    const handoff = runtime.ses.sent().slice(before).filter((m) => tag(m, 'leadId') === hot.body.leadId);
    expect(handoff.map((m) => [tag(m, 'template'), m.configurationSetName])).toEqual([['rep-handoff', 'stoke-team']]);
  });

  it('holds the confirmation a new lead from a double opt-in country would get, and every second tip as it falls due', async () => {
    const before = runtime.ses.sent().length;
    const german = await api('POST', '/leads', undefined, { ...warm(99), email: 'leser@liste.example', country: 'DE', timezone: 'Europe/Berlin' });
    leads.push(german.body.leadId);
    // The second tips fall due two weeks after the first: Tuesday 8 December.
    await clock('P16D');

    expect(runtime.ses.sent().slice(before).filter((m) => leads.includes(tag(m, 'leadId') ?? ''))).toEqual([]);
    // 47 second tips (the 3 bounced addresses are suppressed) and the German's confirmation.
    expect((await api('GET', '/marketing/sending', marketer)).body).toMatchObject({ status: 'paused', waiting: 48 });
    // Each waiting lead's history says why its tip waits.
    const items = await readTable(runtime.dynamodbEndpoint, runtime.tableName);
    const history = items.filter((item) => item.entity === 'history' && item.leadId === leads[10]).map((item) => item.type);
    expect(history).toContain('nurture-held');
  });

  it('lets only a manager resume', async () => {
    expect((await api('POST', '/marketing/sending/resume', marketer)).status).toBe(403);

    const { status, body } = await api('POST', '/marketing/sending/resume', manager);

    expect(status).toBe(200);
    // The answer is given as the waiting sends are released; by the time everything settled, none waits.
    expect(body).toMatchObject({ status: 'running', resumed: { by: 'maria.keller@stoke.example', paused: { because: 'bounces' } } });
    expect((await api('GET', '/marketing/sending', marketer)).body).toMatchObject({ status: 'running', waiting: 0 });
    expect((await api('POST', '/marketing/sending/resume', manager)).status).toBe(409);
  });

  it('sends every tip that waited once, in its lead’s send window, and loses none', async () => {
    const confirmation = runtime.ses.sent().filter((m) => tag(m, 'template') === 'subscription-confirm');
    expect(confirmation.map((m) => m.destination.to[0])).toEqual(['leser@liste.example']);

    const before = tips().length;
    await clock('P1D');
    const resumed = tips().slice(before);

    expect(resumed).toHaveLength(47);
    // 09:00 to 17:00 in New York: 14:00 to 22:00 UTC.
    for (const message of resumed) expect(new Date(message.sentAt).getUTCHours()).toBeGreaterThanOrEqual(14);
    const all = tips().map(stepOf);
    expect(new Set(all).size).toBe(all.length);
    const bounced = new Set(tips().slice(0, 3).map((m) => tag(m, 'leadId')));
    for (const leadId of leads.slice(0, 50)) expect(tips().filter((m) => tag(m, 'leadId') === leadId)).toHaveLength(bounced.has(leadId) ? 1 : 2);
  });
});
