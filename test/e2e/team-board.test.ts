import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDevToken } from '../../infra/local/dev-tokens.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { defaultSalesPolicy } from '../../functions/sales/default-policy.ts';
import { localApi } from '../support/local-api.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

let runtime: LocalRuntime;
let anna: string; // field rep for DE
let lena: string; // field rep without a territory
let maria: string; // their manager
let tom: string; // a manager of nobody on this roster

beforeAll(async () => {
  // Tuesday morning in Berlin.
  runtime = await startTestRuntime('team-board', new Date('2026-11-24T08:00:00Z'));
  [anna, lena, maria, tom] = await Promise.all([
    issueDevToken('anna.schmidt@stoke.example', ['rep']),
    issueDevToken('lena.fischer@stoke.example', ['rep']),
    issueDevToken('maria.keller@stoke.example', ['manager']),
    issueDevToken('tom.berger@stoke.example', ['manager']),
  ]);
});
afterAll(() => runtime?.stop());

const api = localApi(() => runtime);
const ids = (answer: { body: { leads: Array<{ leadId: string }> } }) => answer.body.leads.map((lead) => lead.leadId);
const emailsTo = (address: string, template: string) =>
  runtime.ses.sent().filter((m) => m.destination.to.includes(address) && m.tags.some((t) => t.name === 'template' && t.value === template));

describe("the manager's desk", () => {
  let leadId: string;

  beforeAll(async () => {
    // High value, from Germany: Anna's.
    const { body } = await api('POST', '/leads', undefined, { email: 'lea@wolf-gmbh.de', firstName: 'Lea', lastName: 'Wolf', company: 'Wolf GmbH', country: 'DE', authority: 'decision-maker', budget: '250k-plus', timeline: 'now', consent: true });
    leadId = body.leadId;
  });

  it('answers no token with 401, a rep on a manager route and a manager of another team with 403', async () => {
    expect((await api('GET', '/team')).status).toBe(401);
    expect((await api('POST', `/leads/${leadId}/reassign`, undefined, { repId: 'lena-fischer' })).status).toBe(401);
    expect((await api('GET', '/sales/policy')).status).toBe(401);
    expect((await api('GET', '/team', anna)).status).toBe(403);
    expect((await api('POST', `/leads/${leadId}/reassign`, anna, { repId: 'lena-fischer' })).status).toBe(403);
    expect((await api('POST', `/leads/${leadId}/reassign`, tom, { repId: 'lena-fischer' })).status).toBe(403);
    expect((await api('GET', '/team', tom)).body.reps).toEqual([]);
  });

  it("shows the manager's team board with the lead on Anna's row", async () => {
    const board = await api('GET', '/team', maria);

    expect(board.status).toBe(200);
    expect(board.body.reps.map((rep: { repId: string }) => rep.repId)).toEqual(['anna-schmidt', 'james-carter', 'lena-fischer', 'sam-okafor', 'priya-nair'].sort());
    const annaRow = board.body.reps.find((rep: { repId: string }) => rep.repId === 'anna-schmidt');
    expect(annaRow).toMatchObject({ openLeads: 1, overdueFirstContacts: 0, withoutProgress: 0, behind: 0, nextStepsOverdue: 0, active: true });
    expect(annaRow.leads.map((lead: { leadId: string }) => lead.leadId)).toEqual([leadId]);
    expect(board.body.queues).toEqual([{ queue: 'unassigned', leads: [] }]);
  });

  it('gives a lead to the rep the manager names: both inboxes change, both reps are emailed, the history says who and why', async () => {
    expect(ids(await api('GET', '/me/leads', anna))).toEqual([leadId]);
    expect(ids(await api('GET', '/me/leads', lena))).toEqual([]);
    expect((await api('POST', `/leads/${leadId}/reassign`, maria, { repId: 'nobody' })).status).toBe(400);

    const moved = await api('POST', `/leads/${leadId}/reassign`, maria, { repId: 'lena-fischer', note: 'Lena met them at the fair' });

    expect(moved.status).toBe(200);
    expect(moved.body.owner).toMatchObject({ repId: 'lena-fischer' });
    expect(ids(await api('GET', '/me/leads', anna))).toEqual([]);
    expect(ids(await api('GET', '/me/leads', lena))).toEqual([leadId]);
    expect(emailsTo('lena.fischer@stoke.example', 'rep-handoff')).toHaveLength(1);
    expect(emailsTo('anna.schmidt@stoke.example', 'lead-taken')).toHaveLength(1);
    const page = await api('GET', `/leads/${leadId}`, lena);
    expect(page.body.history.filter((entry: { type: string }) => entry.type === 'assigned').at(-1)).toMatchObject({
      by: 'maria.keller@stoke.example',
      details: { ownerId: 'lena-fischer', previousOwnerId: 'anna-schmidt', why: 'manager-reassigned', note: 'Lena met them at the fair' },
    });
    expect(page.body.signals).toEqual([]);
    expect((await api('GET', `/leads/${leadId}`, anna)).status).toBe(403);
    expect((await api('POST', `/leads/${leadId}/reassign`, maria, { repId: 'lena-fischer' })).status).toBe(200);
    expect(emailsTo('lena.fischer@stoke.example', 'rep-handoff')).toHaveLength(1);
  }, 30_000);

  it("gives the desk's forms the sales policy's choices", async () => {
    const policy = await api('GET', '/sales/policy', anna);

    expect(policy).toEqual({ status: 200, body: { holdBackCategories: defaultSalesPolicy.holdBackCategories, notInterestedReasons: defaultSalesPolicy.notInterestedReasons } });
  });
});
