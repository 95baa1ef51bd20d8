import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDevToken } from '../../infra/local/dev-tokens.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { readTable } from '../support/table-reader.ts';
import { localApi } from '../support/local-api.ts';

let runtime: LocalRuntime;
let anna: string; // field rep for DE
let james: string; // field rep for US
let maria: string; // their manager

beforeAll(async () => {
  // Tuesday morning in Berlin: the next weekly review goes out on Monday 08:00.
  runtime = await startTestRuntime('desk', new Date('2026-11-24T08:00:00Z'));
  [anna, james, maria] = await Promise.all([
    issueDevToken('anna.schmidt@stoke.example', ['rep']),
    issueDevToken('james.carter@stoke.example', ['rep']),
    issueDevToken('maria.keller@stoke.example', ['manager']),
  ]);
});
afterAll(() => runtime?.stop());

const api = localApi(() => runtime);

const hotLead = (email: string, country: string) => ({ email, firstName: 'Lea', lastName: 'Wolf', company: 'Wolf GmbH', country, authority: 'decision-maker', budget: '250k-plus', timeline: 'now', consent: true });
async function capture(body: unknown): Promise<string> {
  const { body: answer } = await api('POST', '/leads', undefined, body);
  await runtime.settle();
  return answer.leadId;
}

describe('the sales desk', () => {
  it('lets a rep read and change only their own leads; no token is 401, the wrong group 403', async () => {
    const leadId = await capture(hotLead('lea@wolf-gmbh.de', 'DE'));

    expect((await api('GET', `/leads/${leadId}`)).status).toBe(401);
    expect((await api('GET', `/leads/${leadId}`, james)).status).toBe(403);
    expect((await api('POST', `/leads/${leadId}/contacts`, james, { channel: 'call' })).status).toBe(403);
    expect((await api('GET', `/leads/${leadId}/export`, anna)).status).toBe(403);
    const mine = await api('GET', `/leads/${leadId}`, anna);
    expect(mine.status).toBe(200);
    expect(mine.body.lead.score.breakdown.length).toBeGreaterThan(0);
    expect(mine.body.history.map((h: { type: string }) => h.type)).toEqual(expect.arrayContaining(['captured', 'assigned', 'handoff-emailed']));
    expect((await api('GET', `/leads/${leadId}`, maria)).status).toBe(200);
    const queue = await api('GET', '/me/leads?status=assigned', anna);
    expect(queue.body.leads.map((l: { leadId: string }) => l.leadId)).toContain(leadId);
  });

  it('records contacts and outcomes, refusing invalid transitions with a clear message', async () => {
    const leadId = await capture(hotLead('max@wolf-gmbh.de', 'DE'));

    expect((await api('POST', `/leads/${leadId}/contacts`, anna, { channel: 'fax' })).status).toBe(400);
    const contacted = await api('POST', `/leads/${leadId}/contacts`, anna, { channel: 'call', notes: 'Budget approved in Q1', outcome: 'interested' });
    expect(contacted.body).toMatchObject({ status: 'in-progress', contactCount: 1 });
    expect((await api('PUT', `/leads/${leadId}/status`, anna, { status: 'in-progress', holdBack: 'vibes' })).body.message).toContain('holdBack must be one of');
    expect((await api('PUT', `/leads/${leadId}/status`, anna, { status: 'in-progress', holdBack: 'budget' })).body.holdBack.category).toBe('budget');
    expect((await api('PUT', `/leads/${leadId}/status`, anna, { status: 'purchased', value: 48000 })).body.status).toBe('purchased');

    const reopen = await api('PUT', `/leads/${leadId}/status`, anna, { status: 'in-progress', holdBack: 'timing' });
    expect(reopen.status).toBe(409);
    expect(reopen.body.message).toContain('say why');
    // No reminder for a lead whose first contact was logged.
    await api('POST', '/_local/clock', undefined, { advance: 'P4D' });
    expect(runtime.ses.sent().filter((m) => m.tags.some((t) => t.value === leadId) && m.tags.some((t) => t.value === 'first-contact-reminder'))).toEqual([]);
  });

  it('hands a lead back to nurture with a note', async () => {
    const leadId = await capture(hotLead('later@wolf-gmbh.de', 'DE'));
    const recycled = await api('POST', `/leads/${leadId}/recycle`, anna, { note: 'Not ready for a year' });
    await runtime.settle();

    expect(recycled.body).toMatchObject({ status: 'not-interested', notInterested: { returnToNurture: true, note: 'Not ready for a year' } });
    const lead = (await readTable(runtime.dynamodbEndpoint, runtime.tableName)).find((i) => i.entity === 'lead' && i.leadId === leadId);
    expect(lead?.nurture?.status).toMatch(/active|awaiting-confirmation/);
  });

  it('shows a rep\'s logged contacts in the next Monday\'s review, sent to their manager', async () => {
    const leadId = await capture(hotLead('review@wolf-gmbh.de', 'DE'));
    await api('POST', `/leads/${leadId}/contacts`, anna, { channel: 'meeting', notes: 'Demo done' });
    await api('POST', `/reps/anna-schmidt/focus`, maria, { week: '2026-W48', items: ['Second contact within 3 days', 'Log every call'] });

    await api('POST', '/_local/clock', undefined, { advance: 'P7D' });

    const reviews = runtime.ses.sent().filter((m) => m.tags.some((t) => t.value === 'weekly-review'));
    expect(reviews.map((m) => m.destination.to[0])).toEqual(['maria.keller@stoke.example']);
    const report = await api('GET', '/reports/weekly?week=2026-W48', maria);
    expect(report.status).toBe(200);
    const annaBlock = report.body.reps.find((r: { repId: string }) => r.repId === 'anna-schmidt');
    expect(annaBlock.received.total).toBe(annaBlock.received.purchased + annaBlock.received.notInterested + annaBlock.received.inProgress);
    expect(annaBlock.done.contacts).toBeGreaterThanOrEqual(2);
    expect(annaBlock.focus.items).toEqual(['Second contact within 3 days', 'Log every call']);
    const csv = await api('GET', '/reports/weekly?week=2026-W48&format=csv', maria);
    expect(String(csv.body)).toContain('anna-schmidt');
    expect((await api('GET', '/reports/weekly?week=2026-W48', anna)).status).toBe(403);
  }, 60_000);

  it('exports and erases a person, keeping only a suppression hash and a record of the erasure', async () => {
    const leadId = await capture(hotLead('forget.me@wolf-gmbh.de', 'DE'));
    const exported = await api('GET', `/leads/${leadId}/export`, maria);
    expect(JSON.stringify(exported.body)).toContain('forget.me@wolf-gmbh.de');

    expect((await api('DELETE', `/leads/${leadId}`, maria)).status).toBe(200);

    const items = await readTable(runtime.dynamodbEndpoint, runtime.tableName);
    expect(JSON.stringify(items)).not.toContain('forget.me@wolf-gmbh.de');
    expect(items.filter((i) => i.PK === `LEAD#${leadId}`)).toEqual([]);
    expect(items.some((i) => i.entity === 'erasure' && i.leadId === leadId)).toBe(true);
    expect(items.some((i) => i.entity === 'suppressed')).toBe(true);
    expect(runtime.scheduler.pending().some((s) => JSON.stringify(s.input).includes(leadId))).toBe(false);
  });
});
