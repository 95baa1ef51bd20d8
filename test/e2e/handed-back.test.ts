import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDevToken } from '../../infra/local/dev-tokens.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import type { SentMessage } from '../../infra/local/ses.ts';
import { localApi } from '../support/local-api.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

/*
 * A lead whose answers alone score hot, handed back to nurture by sales
 * ("not ready yet"): a machine's click says nothing, and the person's own
 * interest later sends it back to sales, once.
 */

let runtime: LocalRuntime;
const api = localApi(() => runtime);
const tag = (message: SentMessage, name: string) => message.tags.find((t) => t.name === name)?.value;
const mailAbout = (leadId: string, template: string) => runtime.ses.sent().filter((m) => tag(m, 'leadId') === leadId && tag(m, 'template') === template);
const hotAnnouncements = (leadId: string) => runtime.eventLog.filter((e) => e['detail-type'] === 'lead.became-hot' && (e.detail as { leadId: string }).leadId === leadId);
let leadId: string;
let tip: SentMessage;

beforeAll(async () => {
  // Monday 23 November 2026, 08:00 UTC.
  runtime = await startTestRuntime('handed-back', new Date('2026-11-23T08:00:00Z'));
  leadId = (
    await api('POST', '/leads', undefined, {
      email: 'dana@weber-tools.example', firstName: 'Dana', company: 'Weber Tools', authority: 'decision-maker', budget: '250k-plus', timeline: 'now',
      consent: true, country: 'US', timezone: 'America/New_York',
    })
  ).body.leadId;
  const owner = (await api('GET', `/leads/${leadId}`, await issueDevToken('maria.keller@stoke.example', ['manager']))).body.lead.owner;
  const rep = await issueDevToken(owner.email, ['rep']);
  expect((await api('POST', `/leads/${leadId}/contacts`, rep, { channel: 'call' })).status).toBe(200);
  expect((await api('POST', `/leads/${leadId}/recycle`, rep, { note: 'No budget until next year' })).status).toBe(200);
  // Back on a nurture track: its first tip goes out in the lead's send window.
  await api('POST', '/_local/clock', undefined, { advance: 'P2D' });
  tip = runtime.ses.sent().find((m) => tag(m, 'leadId') === leadId && tag(m, 'sequence') !== undefined)!;
  expect(tip).toBeDefined();
}, 120_000);
afterAll(() => runtime?.stop());

describe('a hot lead sales handed back to nurture', () => {
  it('was handed off once, at capture (hot at capture goes to sales from lead.captured, no lead.became-hot)', () => {
    expect(mailAbout(leadId, 'rep-handoff')).toHaveLength(1);
    expect(hotAnnouncements(leadId)).toEqual([]);
  });

  it('stays with marketing when a security scanner follows its tip’s link', async () => {
    const at = new Date(Date.parse(tip.sentAt) + 2_000).toISOString();
    await api('POST', '/_local/ses-events', undefined, { messageId: tip.messageId, type: 'click', at, link: 'https://stoke.example/pricing', userAgent: 'Mozilla/5.0 (compatible; Barracuda Sentinel)' });

    expect(hotAnnouncements(leadId)).toEqual([]);
  });

  it('goes back to sales, once, when the person clicks through to pricing', async () => {
    const at = new Date(Date.parse(tip.sentAt) + 3_600_000).toISOString();
    const person = { userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', ip: '203.0.113.7' };
    await api('POST', '/_local/ses-events', undefined, { messageId: tip.messageId, type: 'click', at, link: 'https://stoke.example/pricing', ...person });
    await api('POST', '/_local/ses-events', undefined, { messageId: tip.messageId, type: 'click', at: new Date(Date.parse(at) + 60_000).toISOString(), link: 'https://stoke.example/demo', ...person });

    // One announcement, for the new episode, however many clicks follow.
    expect(hotAnnouncements(leadId).map((e) => e.detail as { episode: number; cause: string })).toEqual([expect.objectContaining({ episode: 2, cause: 'engagement' })]);
    expect(mailAbout(leadId, 'rep-handoff')).toHaveLength(2);
    const { lead } = (await api('GET', `/leads/${leadId}`, await issueDevToken('maria.keller@stoke.example', ['manager']))).body;
    expect(lead.status).toBe('assigned');
    expect(runtime.deadLetters.entries).toEqual([]);
  });
});
