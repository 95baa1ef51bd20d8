import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDevToken } from '../../infra/local/dev-tokens.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { localApi } from '../support/local-api.ts';

let runtime: LocalRuntime;
let anna: string; // field rep for DE, who gets every lead below
let maria: string; // her manager, and Lena's

beforeAll(async () => {
  // Tuesday 24 Nov, 09:00 in Berlin: first contact is due an hour of business time after each handoff.
  runtime = await startTestRuntime('weekly-review', new Date('2026-11-24T08:00:00Z'));
  [anna, maria] = await Promise.all([issueDevToken('anna.schmidt@stoke.example', ['rep']), issueDevToken('maria.keller@stoke.example', ['manager'])]);
});
afterAll(() => runtime?.stop());

const api = localApi(() => runtime);
const advance = (duration: string) => api('POST', '/_local/clock', undefined, { advance: duration });

async function capture(email: string): Promise<string> {
  const { status, body } = await api('POST', '/leads', undefined, { email, firstName: 'Dana', lastName: email.split('@')[0], company: 'Weber Maschinenbau', country: 'DE', authority: 'decision-maker', budget: '250k-plus', timeline: 'now', consent: true });
  expect(status).toBe(201);
  return body.leadId;
}

/** The handoff email's "Not interested" link, as the rep clicks it. */
async function notInterestedLink(leadId: string): Promise<string> {
  const sent = runtime.ses.sent().find((m) => m.tags.some((t) => t.name === 'leadId' && t.value === leadId))!;
  const html = (await emailBody(sent.messageId)).html;
  return [...new Set([...html.matchAll(/href="([^"]+\/actions\/[^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&')))][1]!;
}

async function emailBody(messageId: string): Promise<{ html: string; text: string }> {
  const { emails } = (await (await fetch(`${runtime.sesViewerUrl}store`)).json()) as { emails: Array<{ messageId: string; body: { html: string; text: string } }> };
  return emails.find((e) => e.messageId === messageId)!.body;
}

describe('the weekly review of a week a new user tried', () => {
  it('flags a lead closed unread as given up early, counts a miss against the rep who lost the lead, and names the parked lead', async () => {
    // Given three hot leads handed to Anna on Tuesday at 09:00
    const closedUnread = await capture('closed.unread@weber-maschinenbau.de');
    const bigDeal = await capture('big.deal@weber-maschinenbau.de');
    const neverCalled = await capture('never.called@weber-maschinenbau.de');

    // When she closes the first through the email link without a contact, calls the second 20 minutes in and sells 120,000,
    const link = await notInterestedLink(closedUnread);
    const closed = await fetch(link, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' }, body: 'reason=not-a-fit' });
    expect(closed.status).toBe(200);
    await advance('PT20M');
    expect((await api('POST', `/leads/${bigDeal}/contacts`, anna, { channel: 'call' })).status).toBe(200);
    expect((await api('PUT', `/leads/${bigDeal}/status`, anna, { status: 'purchased', value: 120_000 })).status).toBe(200);
    // and nobody calls the third: Anna misses at 10:00, Lena at 14:00, and from 17:00 it waits for Maria
    await advance('P7D');

    // Then Monday's review tells Maria all of it
    const report = await api('GET', '/reports/weekly?week=2026-W48', maria);
    expect(report.status).toBe(200);
    const annaBlock = report.body.reps.find((r: { repId: string }) => r.repId === 'anna-schmidt');
    // Handed off with a contact plan, it is judged by the plan's touches: none done, before the fifth.
    expect(annaBlock.givingUp.early).toMatchObject([{ leadId: closedUnread, contacts: 0, touchesDone: 0, beforeTouch: 5, reason: 'not-a-fit' }]);
    expect(annaBlock.deadlines.missed.map((m: { leadId: string; closedWithoutContact: boolean; nowWith: unknown }) => [m.leadId, m.closedWithoutContact, m.nowWith])).toEqual(
      expect.arrayContaining([
        [closedUnread, true, null],
        [neverCalled, false, { owner: 'maria.keller@stoke.example', parked: true }],
      ]),
    );
    expect(annaBlock.speedToLead).toEqual({ firstContacts: 1, medianMinutes: 20, p90Minutes: 20, deadlinesDue: 3, deadlinesMet: 1, withinDeadline: 1 / 3 });
    // Speed 71 × 1/3 = 23.7 → 24; outcomes 29 × 1/2 = 14.5 → 15.
    expect(annaBlock.followUpScoreParts.map((p: { id: string; weight: number; points: number; detail: string }) => [p.id, p.weight, p.points, p.detail])).toEqual([
      ['speed', 71, 24, '1 of 3 first-contact deadlines met'],
      ['outcomes', 29, 15, '1 purchased, 1 given up before plan touch 5'],
    ]);
    expect(annaBlock.followUpScore).toBe(39);
    expect(report.body.speedToLead.clock).toBe('business');
    expect(report.body.parked).toMatchObject([{ leadId: neverCalled, managerEmail: 'maria.keller@stoke.example', missed: [{ ownerId: 'anna-schmidt' }, { ownerId: 'lena-fischer' }] }]);

    const csv = String((await api('GET', '/reports/weekly?week=2026-W48&format=csv', maria)).body);
    expect(csv.split('\r\n')[0]).toContain('Speed to lead: median business minutes');

    const email = runtime.ses.sent().find((m) => m.tags.some((t) => t.value === 'weekly-review') && m.destination.to.includes('maria.keller@stoke.example'))!;
    const { text } = await emailBody(email.messageId);
    expect(text).toContain('Waiting for your decision: 1 parked lead');
    expect(text).toContain('missed by Anna Schmidt and Lena Fischer');
    expect(text).toContain('Score 39 = Speed 24/71 (1 of 3 first-contact deadlines met) + Outcomes 15/29 (1 purchased, 1 given up before plan touch 5)');
    expect(runtime.deadLetters.entries).toEqual([]);
  }, 60_000);
});
