import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { readTable } from '../support/table-reader.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime('capture-concurrency');
});
afterAll(() => runtime?.stop());

type Answer = { status: number; body: { leadId?: string; temperature?: string; error?: string }; retryAfter: string | null };

const post = async (body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> => {
  const response = await fetch(`${runtime.apiUrl}/leads`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Answer['body'], retryAfter: response.headers.get('retry-after') };
};
const unique = (name: string) => `${name}-${crypto.randomUUID().slice(0, 8)}@acme-industries.com`;
const itemsOf = async (email: string) => {
  const items = await readTable(runtime.dynamodbEndpoint, runtime.tableName);
  const leads = items.filter((i) => i.entity === 'lead' && i.email === email);
  const leadIds = new Set(leads.map((l) => l.leadId));
  return {
    leads,
    claims: items.filter((i) => i.PK === `EMAIL#${email}`),
    history: items.filter((i) => i.entity === 'history' && leadIds.has(i.leadId)),
  };
};
const eventsOf = (leadId: string, detailType: string) =>
  runtime.bus.events.filter((e) => e['detail-type'] === detailType && (e.detail as { leadId: string }).leadId === leadId);
const tally = (answers: Answer[]) => answers.reduce<Record<number, number>>((counts, a) => ({ ...counts, [a.status]: (counts[a.status] ?? 0) + 1 }), {});

describe('one person posting the form many times at once', () => {
  it.each([1, 2, 3, 4, 5])('20 different submissions of one email at once are one lead, 20 successes, one of them 201 (run %i)', async () => {
    // Given a warm profile, sent 20 times at once, each from another campaign (so none is a retry of another)
    const email = unique('rush');
    const profile = { email, authority: 'influencer', timeline: '6m', company: 'Acme' };

    // When all 20 arrive together
    const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => post({ ...profile, utm_campaign: `campaign-${n}` })));
    await runtime.settle();

    // Then every one succeeds, exactly one created the lead, and the lead counts one re-inquiry today
    expect(tally(answers)).toEqual({ 201: 1, 200: 19 });
    const leadIds = new Set(answers.map((a) => a.body.leadId));
    expect(leadIds.size).toBe(1);
    const { leads, claims, history } = await itemsOf(email);
    expect(leads).toHaveLength(1);
    expect(claims).toHaveLength(1);
    const lead = leads[0]!;
    expect(lead.signals).toHaveLength(19);
    expect(lead.score.breakdown.filter((line: { rule: string }) => line.rule === 're-inquiry')).toEqual([expect.objectContaining({ points: 10 })]);
    expect(history.map((h) => h.type).sort()).toEqual(['captured', ...Array(19).fill('re-inquired')]);
    expect(new Set(history.map((h) => h.details.touch.utmCampaign)).size).toBe(20);
    expect(eventsOf(lead.leadId, 'lead.reinquired')).toHaveLength(19);
  }, 60_000);

  it('a double click (the same submission 20 times at once) is answered like the first every time and counted once', async () => {
    const email = unique('double-click');
    const submission = { email, authority: 'influencer', timeline: '6m', company: 'Acme', utm_campaign: 'spring' };

    const answers = await Promise.all(Array.from({ length: 20 }, () => post(submission)));
    await runtime.settle();

    expect(tally(answers)).toEqual({ 201: 20 });
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    const { leads, history } = await itemsOf(email);
    expect(leads).toHaveLength(1);
    expect(leads[0]!.signals).toEqual([]);
    expect(leads[0]!.score.breakdown.map((line: { rule: string }) => line.rule)).not.toContain('re-inquiry');
    expect(history.map((h) => h.type)).toEqual(['captured']);
    expect(eventsOf(leads[0]!.leadId, 'lead.reinquired')).toEqual([]);
  }, 60_000);

  it('a retry carrying the same Idempotency-Key is answered like the first, even with a field changed in between', async () => {
    const email = unique('keyed');
    const key = crypto.randomUUID();
    const first = await post({ email, authority: 'user', utm_campaign: 'spring' }, { 'Idempotency-Key': key });
    const repeat = await post({ email, authority: 'user' });

    const retry = await post({ email, authority: 'user', utm_campaign: 'spring' }, { 'Idempotency-Key': key });
    await runtime.settle();

    expect([first.status, repeat.status, retry.status]).toEqual([201, 200, 201]);
    expect(retry.body).toEqual(first.body);
    const { leads, history } = await itemsOf(email);
    expect(leads[0]!.signals).toHaveLength(1);
    expect(history.map((h) => h.type).sort()).toEqual(['captured', 're-inquired']);
  });

  it('refuses an Idempotency-Key longer than 255 characters, storing nothing', async () => {
    const email = unique('long-key');

    const answer = await post({ email }, { 'Idempotency-Key': 'k'.repeat(256) });

    expect(answer.status).toBe(400);
    expect((await itemsOf(email)).claims).toEqual([]);
  });
});
