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
    expect((await auditOf(leadId)).map(({ operation, by, outcome }) => ({ operation, by, outcome }))).toEqual([
      { operation: 'export', by: 'maria.keller@stoke.example', outcome: 'done' },
      { operation: 'erase', by: 'maria.keller@stoke.example', outcome: 'done' },
    ]);
  });
});

// Distinctive names, so that finding them anywhere in an audit entry means it holds the person's data.
const person = (email: string) => ({ email, firstName: 'Ottilie', lastName: 'Quastenberg', company: 'Quastenberg KG', country: 'DE', consent: true });
const teamLead = (email: string) => ({ ...person(email), authority: 'decision-maker', budget: '250k-plus', timeline: 'now' });
// Cold: it stays with marketing, owned by no rep.
const unownedLead = (email: string) => ({ ...person(email), authority: 'student', budget: 'none', timeline: 'none' });

async function auditOf(leadId: string): Promise<Record<string, any>[]> {
  const items = await readTable(runtime.dynamodbEndpoint, runtime.tableName);
  return items.filter((i) => i.entity === 'privacy-audit' && i.leadId === leadId).sort((a, b) => a.SK.localeCompare(b.SK));
}

async function stillThere(leadId: string): Promise<boolean> {
  return (await readTable(runtime.dynamodbEndpoint, runtime.tableName)).some((i) => i.entity === 'lead' && i.leadId === leadId);
}

describe('privacy requests', () => {
  let dpo: string; // the privacy group: any lead
  let tom: string; // manages a rep of another team
  let nina: string; // a manager of nobody

  beforeAll(async () => {
    [dpo, tom, nina] = await Promise.all([
      issueDevToken('dpo@stoke.example', ['privacy']),
      issueDevToken('tom.berg@stoke.example', ['manager']),
      issueDevToken('nina.solo@stoke.example', ['manager']),
    ]);
    const added = await api('POST', '/reps', maria, {
      repId: 'kai-berg', name: 'Kai Berg', email: 'kai.berg@stoke.example', managerEmail: 'tom.berg@stoke.example', team: 'partners',
      territories: [{ country: 'JP' }], active: true, capacity: 10, weight: 1, timezone: 'Asia/Tokyo',
    });
    expect(added.status).toBe(201);
  });

  it.each([
    { name: 'a manager of another team', caller: () => tom, email: 'tom.berg@stoke.example' },
    { name: 'a manager of nobody', caller: () => nina, email: 'nina.solo@stoke.example' },
    { name: 'a rep, even the lead\'s owner', caller: () => anna, email: 'anna.schmidt@stoke.example' },
  ])('refuses $name export and erasure of a team\'s lead and of a lead no rep owns, and audits each refusal', async ({ caller, email }) => {
    const owned = await capture(teamLead(`owned.${email}`));
    const unowned = await capture(unownedLead(`unowned.${email}`));

    const answers = [];
    for (const leadId of [owned, unowned]) {
      answers.push((await api('GET', `/leads/${leadId}/export`, caller())).status, (await api('DELETE', `/leads/${leadId}`, caller())).status);
    }

    expect(answers).toEqual([403, 403, 403, 403]);
    for (const leadId of [owned, unowned]) {
      expect(await stillThere(leadId)).toBe(true);
      expect((await auditOf(leadId)).map(({ operation, by, outcome }) => ({ operation, by, outcome }))).toEqual([
        { operation: 'export', by: email, outcome: 'refused' },
        { operation: 'erase', by: email, outcome: 'refused' },
      ]);
    }
  });

  it('refuses the managers even a read of a lead no rep owns: it is still marketing\'s', async () => {
    const leadId = await capture(unownedLead('marketing.only@quastenberg.de'));

    for (const manager of [maria, tom, nina]) {
      expect((await api('GET', `/leads/${leadId}`, manager)).status).toBe(403);
      expect((await api('GET', `/leads/${leadId}/export`, manager)).status).toBe(403);
      expect((await api('DELETE', `/leads/${leadId}`, manager)).status).toBe(403);
    }
    expect(await stillThere(leadId)).toBe(true);
  });

  it.each([
    { name: 'a lead no rep owns', lead: unownedLead, email: 'never.sales@quastenberg.de' },
    { name: 'a rep\'s lead', lead: teamLead, email: 'in.sales@quastenberg.de' },
  ])('lets the privacy group export and erase $name, one audit entry each, holding nothing of the person', async ({ lead, email }) => {
    const leadId = await capture(lead(email));

    const exported = await api('GET', `/leads/${leadId}/export`, dpo);
    const erased = await api('DELETE', `/leads/${leadId}`, dpo);

    expect(exported.status).toBe(200);
    expect(JSON.stringify(exported.body)).toContain(email);
    expect(erased.status).toBe(200);
    expect(await stillThere(leadId)).toBe(false);
    const audit = await auditOf(leadId);
    expect(audit).toEqual([
      expect.objectContaining({ operation: 'export', leadId, by: 'dpo@stoke.example', bySub: expect.stringMatching(/^[0-9a-f-]{36}$/), outcome: 'done', at: exported.body.exportedAt }),
      expect.objectContaining({ operation: 'erase', leadId, by: 'dpo@stoke.example', outcome: 'done', at: erased.body.erasedAt }),
    ]);
    const stored = JSON.stringify(audit);
    for (const personal of [email, 'Ottilie', 'Quastenberg']) expect(stored).not.toContain(personal);
  });

  it('keeps the privacy group to privacy requests: no sales desk route', async () => {
    const leadId = await capture(teamLead('desk.only@quastenberg.de'));

    expect((await api('GET', `/leads/${leadId}`, dpo)).status).toBe(403);
    expect((await api('POST', `/leads/${leadId}/contacts`, dpo, { channel: 'call' })).status).toBe(403);
    expect((await api('GET', '/me/leads', dpo)).status).toBe(403);
  });

  it('shows the audit trail of a period to the privacy group only', async () => {
    const leadId = await capture(unownedLead('trail@quastenberg.de'));
    await api('GET', `/leads/${leadId}/export`, nina);
    await api('GET', `/leads/${leadId}/export`, dpo);

    const trail = await api('GET', '/privacy/audit', dpo);

    expect(trail.status).toBe(200);
    expect(trail.body.truncated).toBe(false);
    expect(trail.body.entries.filter((e: { leadId: string }) => e.leadId === leadId)).toEqual([
      { at: expect.any(String), operation: 'export', leadId, by: 'nina.solo@stoke.example', bySub: expect.any(String), outcome: 'refused' },
      { at: expect.any(String), operation: 'export', leadId, by: 'dpo@stoke.example', bySub: expect.any(String), outcome: 'done' },
    ]);
    const before = await api('GET', `/privacy/audit?from=2026-01-01&to=${trail.body.from.slice(0, 10)}`, dpo);
    expect(before.body.entries.some((e: { leadId: string }) => e.leadId === leadId)).toBe(false);
    expect((await api('GET', '/privacy/audit?from=yesterday', dpo)).status).toBe(400);
    expect((await api('GET', '/privacy/audit?from=2026-12-31&to=2026-01-01', dpo)).status).toBe(400);
    expect((await api('GET', '/privacy/audit', maria)).status).toBe(403);
    expect((await api('GET', '/privacy/audit', anna)).status).toBe(403);
  });

  it('answers 404 to the privacy group for a lead that does not exist, and audits that too', async () => {
    const leadId = '00000000-0000-4000-8000-000000000000';

    expect((await api('DELETE', `/leads/${leadId}`, dpo)).status).toBe(404);
    expect((await auditOf(leadId)).map((e) => e.outcome)).toEqual(['not-found']);
  });
});
