import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDevToken } from '../../infra/local/dev-tokens.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { localApi } from '../support/local-api.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

let runtime: LocalRuntime;
let anna: string;

beforeAll(async () => {
  // Thursday 3 Dec 2026, 10:00 in Berlin, where Anna sells: the daily planning at noon sets each rep's next morning.
  runtime = await startTestRuntime('morning-list', new Date('2026-12-03T09:00:00Z'));
  anna = await issueDevToken('anna.schmidt@stoke.example', ['rep']);
});
afterAll(() => runtime?.stop());

const api = localApi(() => runtime);
const advance = (duration: string) => api('POST', '/_local/clock', undefined, { advance: duration });
const tag = (message: { tags: Array<{ name: string; value: string }> }, name: string) => message.tags.find((t) => t.name === name)?.value;
const morningLists = () => runtime.ses.sent().filter((m) => tag(m, 'template') === 'morning-list');
const annasMornings = () => runtime.scheduler.pending().map((s) => s.name).filter((name) => name.startsWith('ml-anna-schmidt-'));

async function emailBody(messageId: string): Promise<{ html: string; text: string }> {
  const { emails } = (await (await fetch(`${runtime.sesViewerUrl}store`)).json()) as { emails: Array<{ messageId: string; body: { html: string; text: string } }> };
  return emails.find((e) => e.messageId === messageId)!.body;
}

describe("a rep's morning list", () => {
  it('emails Anna once each working morning, none at the weekend, each list scheduling the next; its one-click link records the contact', async () => {
    // Given a hot lead handed to Anna, whom she calls at once: the email of touch 2 is due four business hours later, 14:10 Berlin
    const captured = await api('POST', '/leads', undefined, { email: 'jonas@hartmann-maschinen.de', firstName: 'Jonas', lastName: 'Hartmann', company: 'Hartmann <Maschinen>', country: 'DE', authority: 'decision-maker', budget: '250k-plus', timeline: 'now', consent: true });
    const { leadId } = captured.body;
    await advance('PT10M');
    const called = await api('POST', `/leads/${leadId}/contacts`, anna, { channel: 'call' });
    expect(called.body.plan.next).toMatchObject({ touch: 2, channel: 'email', dueAt: expect.stringMatching(/^2026-12-03T13:10/) });

    // When the clock runs to Thursday afternoon: the planning at noon has set Friday's list, none went out on Thursday
    await advance('PT5H');
    expect(morningLists()).toEqual([]);
    expect(annasMornings()).toEqual(['ml-anna-schmidt-20261204']);

    // And on to Monday 09:30 in Berlin
    await advance('PT90H20M');

    // Then Anna had Friday's list and Monday's, the touch overdue in both, and nothing at the weekend
    const lists = morningLists();
    expect(lists.map((m) => [m.destination.to, tag(m, 'date'), m.subject])).toEqual([
      [['anna.schmidt@stoke.example'], '2026-12-04', 'Your leads today: 0 due, 1 overdue'],
      [['anna.schmidt@stoke.example'], '2026-12-07', 'Your leads today: 0 due, 1 overdue'],
    ]);
    expect(tag(lists[1]!, 'repId')).toBe('anna-schmidt');
    // Monday's list set Tuesday's
    expect(annasMornings()).toEqual(['ml-anna-schmidt-20261208']);
    const { html, text } = await emailBody(lists[1]!.messageId);
    expect(text).toContain('Jonas Hartmann · Hartmann <Maschinen>');
    expect(text).toContain('Email · was due Thursday 3 Dec, 14:10 · touch 2 of 8');
    expect(text).toContain('Email a short recap of their need and two times you could talk; no brochure.');
    expect(html).toContain('Hartmann &lt;Maschinen&gt;');

    // And the list's "I contacted them" link records the email as the handoff email's does
    const contacted = [...html.matchAll(/href="([^"]+\/actions\/[^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'))[0]!;
    const posted = await fetch(contacted, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' }, body: 'channel=email' });
    await runtime.settle();
    expect(posted.status).toBe(200);
    expect((await api('GET', `/leads/${leadId}`, anna)).body.lead.plan.next).toMatchObject({ touch: 3, channel: 'call' });

    // And the rest of Monday sends nothing more
    await advance('PT8H');
    expect(morningLists()).toHaveLength(2);
    expect(runtime.deadLetters.entries).toEqual([]);
  }, 60_000);
});
