import { memoryFigureStore } from '../../../functions/marketing/memory-figure-store.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../../functions/auth/caller.ts';
import { memoryMailer, type MemoryMailer } from '../../../functions/email/memory-mailer.ts';
import { memoryPublisher, type MemoryPublisher } from '../../../functions/events/memory-publisher.ts';
import { handOff } from '../../../functions/handoff/hand-off.ts';
import type { HandoffDeps } from '../../../functions/handoff/handoff-deps.ts';
import type { Lead, LeadPlan } from '../../../functions/leads/lead.ts';
import { memoryLeadStore } from '../../../functions/leads/memory-lead-store.ts';
import { type MemoryRoster, memoryRepStore } from '../../../functions/reps/memory-rep-store.ts';
import { defaultRoutingPolicy } from '../../../functions/routing/default-policy.ts';
import { defaultSalesPolicy } from '../../../functions/sales/default-policy.ts';
import { defaultPlanSettings } from '../../../functions/sales/plan-settings.ts';
import { formChoices, leadDetail, reassign, type SalesDeskDeps, teamBoardOf } from '../../../functions/sales/sales-desk.ts';
import { deadlineScheduleName } from '../../../functions/schedules/first-contact-deadlines.ts';
import { memorySchedules, type MemorySchedules } from '../../../functions/schedules/memory-schedules.ts';
import { annaSchmidt } from '../../support/anna-schmidt.ts';
import { hotLead } from '../../support/hot-lead.ts';
import { memoryHandoffDeps } from '../../support/memory-handoff-deps.ts';

// Tuesday 10:00 in Berlin; the stored lead was handed to Anna at 09:00 UTC the same morning.
const now = new Date('2026-11-24T09:00:00.000Z');
const maria: Caller = { sub: 'maria', email: 'maria.keller@stoke.example', groups: ['manager'] };
const tom: Caller = { sub: 'tom', email: 'tom.berger@stoke.example', groups: ['manager'] };
const annaCaller: Caller = { sub: 'anna', email: 'anna.schmidt@stoke.example', groups: ['rep'] };
const anna = annaSchmidt();
const kai = annaSchmidt({ repId: 'kai-berg', name: 'Kai Berg', email: 'kai.berg@stoke.example' });
const olaf = annaSchmidt({ repId: 'olaf-lind', name: 'Olaf Lind', email: 'olaf.lind@stoke.example', active: false });
const lena = annaSchmidt({ repId: 'lena-fischer', name: 'Lena Fischer', email: 'lena.fischer@stoke.example', managerEmail: tom.email });

const plan: LeadPlan = {
  planId: 'field',
  name: 'Field',
  length: 8,
  episode: 1,
  startedAt: '2026-11-20T09:00:00.000Z',
  steps: [{ kind: 'touch', touch: 1, outcome: 'done', dueAt: '2026-11-20T10:00:00.000Z', at: '2026-11-20T09:30:00.000Z', onTime: true, by: anna.email }],
  next: { kind: 'touch', touch: 2, channel: 'email', dueAt: '2026-11-23T09:00:00.000Z', instruction: 'Send the case study', setAt: '2026-11-20T09:30:00.000Z' },
};

let roster: MemoryRoster;
let schedules: MemorySchedules;
let events: MemoryPublisher;
let mailer: MemoryMailer;
let deps: SalesDeskDeps;
let lead: Lead;

beforeEach(async () => {
  roster = new Map();
  schedules = memorySchedules();
  events = memoryPublisher();
  mailer = memoryMailer();
  deps = {
    leads: memoryLeadStore({ roster }),
    reps: memoryRepStore(roster),
    privacy: {} as SalesDeskDeps['privacy'],
    schedules,
    events,
    figures: memoryFigureStore(),
    policy: defaultSalesPolicy,
    plans: defaultPlanSettings,
    routing: defaultRoutingPolicy,
    suppressionKey: async () => Buffer.alloc(32),
    now: () => now,
  };
  for (const [rep, count] of [[anna, 7], [kai, 4], [olaf, 0], [lena, 2]] as const) await deps.reps.create(rep, count);
  lead = hotLead({ plan, firstContactAt: '2026-11-20T09:30:00.000Z', lastProgressAt: '2026-11-20T09:30:00.000Z', status: 'in-progress' });
  await deps.leads.insert(lead, { type: 'captured', at: lead.capturedAt, by: 'lead', details: {} });
});

/** The handoff function's side, on the same memory: what it does with `lead.reassigned`. */
function handoffDeps(): HandoffDeps {
  return memoryHandoffDeps({ leads: deps.leads, reps: deps.reps, mailer, schedules, events }, () => now);
}

describe("a lead's page", () => {
  it('answers the lead, its history and its email signals, a machine-made one with why it was filtered', async () => {
    await deps.leads.putSignal(lead.leadId, { eventId: 'e-1', type: 'open', at: '2026-11-24T08:00:00.000Z', messageId: 'm-1', human: false, filteredBecause: 'privacy-proxy', reason: 'opened within seconds of delivery' });
    await deps.leads.putSignal(lead.leadId, { eventId: 'e-2', type: 'click', at: '2026-11-24T08:30:00.000Z', messageId: 'm-1', link: 'https://stoke.example/pricing', human: true, rule: 'pricing', points: 20 });

    const answer = await leadDetail(annaCaller, lead.leadId, deps);

    expect(answer.ok && answer.value.history.map((entry) => entry.type)).toEqual(['captured']);
    expect(answer.ok && answer.value.signals).toEqual([
      expect.objectContaining({ type: 'open', human: false, filteredBecause: 'privacy-proxy', reason: 'opened within seconds of delivery' }),
      expect.objectContaining({ type: 'click', human: true, rule: 'pricing', points: 20 }),
    ]);
  });
});

describe("a manager's team board", () => {
  // Anna's next step is due exactly 24 hours ago: overdue, but not yet behind (routing allows overdueStepAfterHours).
  it("shows each rep of the manager's team with what they are late on, and the queue leads the manager watches", async () => {
    const overdue = hotLead({ assignment: { ...lead.assignment!, deadlineAt: '2026-11-24T08:00:00.000Z' } });
    const stale = hotLead({ owner: { ...lead.owner!, ...{ repId: kai.repId, name: kai.name, email: kai.email } } as Lead['owner'], lastProgressAt: '2026-11-10T09:00:00.000Z', firstContactAt: '2026-11-10T09:00:00.000Z' });
    const queued = hotLead({ owner: { type: 'queue', queue: 'unassigned', notifyEmail: maria.email } });
    const othersQueued = hotLead({ owner: { type: 'queue', queue: 'unassigned', notifyEmail: tom.email } });
    const lenas = hotLead({ owner: { ...lead.owner!, repId: lena.repId, name: lena.name, email: lena.email, managerEmail: tom.email } as Lead['owner'] });
    for (const each of [overdue, stale, queued, othersQueued, lenas]) await deps.leads.insert(each, { type: 'captured', at: each.capturedAt, by: 'lead', details: {} });

    const answer = await teamBoardOf(maria, deps);

    expect(answer.ok).toBe(true);
    const board = answer.ok ? answer.value : undefined;
    expect(board?.reps.map(({ leads, ...rep }) => rep)).toEqual([
      { repId: anna.repId, name: anna.name, email: anna.email, team: 'field', active: true, capacity: 20, openLeads: 2, overdueFirstContacts: 1, withoutProgress: 0, behind: 0, inFollowUpDebt: false, nextStepsOverdue: 1 },
      { repId: kai.repId, name: kai.name, email: kai.email, team: 'field', active: true, capacity: 20, openLeads: 1, overdueFirstContacts: 0, withoutProgress: 1, behind: 1, inFollowUpDebt: false, nextStepsOverdue: 0 },
      { repId: olaf.repId, name: olaf.name, email: olaf.email, team: 'field', active: false, capacity: 20, openLeads: 0, overdueFirstContacts: 0, withoutProgress: 0, behind: 0, inFollowUpDebt: false, nextStepsOverdue: 0 },
    ]);
    expect(board?.queues.map(({ queue, leads }) => ({ queue, leads: leads.map((l) => l.lead.leadId) }))).toEqual([{ queue: 'unassigned', leads: [queued.leadId] }]);
  });

  it('is refused to a rep', async () => {
    expect(await teamBoardOf(annaCaller, deps)).toMatchObject({ ok: false, refusal: 'forbidden' });
  });
});

describe('a manager reassigning a lead to a rep they choose', () => {
  it('records the assignment with who and why, keeps the plan, moves the chosen rep in the rotation, and announces it', async () => {
    const answer = await reassign(maria, lead.leadId, { repId: kai.repId, note: 'Kai knows the buyer' }, deps);

    expect(answer.ok).toBe(true);
    const stored = (await deps.leads.get(lead.leadId))!;
    expect(stored.owner).toMatchObject({ type: 'rep', repId: kai.repId });
    expect(stored.assignment).toMatchObject({ number: 3, rule: 'manager-reassigned', previous: { owner: { repId: anna.repId }, why: 'manager-reassigned', by: maria.email, note: 'Kai knows the buyer' } });
    expect(stored.plan).toMatchObject({ planId: 'field', steps: plan.steps, next: { touch: 2, dueAt: stored.assignment!.deadlineAt } });
    const assigned = (await deps.leads.historyOf(lead.leadId)).find((entry) => entry.type === 'assigned');
    expect(assigned).toMatchObject({ by: maria.email, details: { ownerId: kai.repId, previousOwnerId: anna.repId, why: 'manager-reassigned', note: 'Kai knows the buyer', assignment: 3 } });
    expect([roster.get(kai.repId)?.assignedCount, roster.get(anna.repId)?.assignedCount]).toEqual([5, 7]);
    expect(events.published()).toEqual([
      { source: 'stoke.leads', detailType: 'lead.reassigned', detail: { version: 1, leadId: lead.leadId, assignment: 3, fromOwnerId: anna.repId, toRepId: kai.repId, by: maria.email, at: now.toISOString() } },
    ]);
  });

  it('then the handoff tells both reps and sets the new owner\'s first-contact deadline, once however often it is told', async () => {
    await reassign(maria, lead.leadId, { repId: kai.repId }, deps);
    const handoff = handoffDeps();

    for (let delivery = 0; delivery < 2; delivery++) await handOff({ type: 'recorded', leadId: lead.leadId, assignment: 3 }, handoff);

    expect(mailer.sent().map((email) => [email.tags.template, email.to])).toEqual([
      ['rep-handoff', kai.email],
      ['lead-taken', anna.email],
    ]);
    expect(mailer.sent()[1]!.text).toContain(`${maria.email} chose Kai Berg for it`);
    expect(schedules.pending().map((s) => s.name)).toEqual([deadlineScheduleName(lead.leadId, 3, 'remind')]);
  });

  it('answers the same again, announcing the same assignment, when the request is sent again', async () => {
    await reassign(maria, lead.leadId, { repId: kai.repId }, deps);

    const again = await reassign(maria, lead.leadId, { repId: kai.repId }, deps);

    expect(again).toMatchObject({ ok: true, value: { assignment: { number: 3 } } });
    expect(events.published().map((event) => (event.detail as { assignment: number }).assignment)).toEqual([3, 3]);
  });

  it.each([
    { name: "another team's manager", caller: tom, repId: lena.repId, expected: { refusal: 'forbidden', message: "This lead is not your team's: only its manager may give it to another rep" } },
    { name: 'a rep of another team', caller: maria, repId: lena.repId, expected: { refusal: 'forbidden', message: 'Lena Fischer is not on your team' } },
    { name: 'a deactivated rep', caller: maria, repId: olaf.repId, expected: { refusal: 'conflict', message: 'Olaf Lind is deactivated: choose an active rep' } },
    { name: 'the rep who has it', caller: maria, repId: anna.repId, expected: { refusal: 'conflict', message: "The lead is Anna Schmidt's already" } },
    { name: 'nobody on the roster', caller: maria, repId: 'nobody', expected: { invalid: { field: 'repId', message: 'must be a rep of your team: anna-schmidt, kai-berg, olaf-lind' } } },
  ])('refuses $name', async ({ caller, repId, expected }) => {
    const answer = await reassign(caller, lead.leadId, { repId }, deps);

    expect(answer).toEqual({ ok: false, ...expected });
    expect((await deps.leads.get(lead.leadId))?.owner).toMatchObject({ repId: anna.repId });
    expect(events.published()).toEqual([]);
  });

  it('refuses a closed lead', async () => {
    const closed = hotLead({ status: 'purchased', closedAt: now.toISOString(), purchase: { at: now.toISOString() } });
    await deps.leads.insert(closed, { type: 'captured', at: closed.capturedAt, by: 'lead', details: {} });

    expect(await reassign(maria, closed.leadId, { repId: kai.repId }, deps)).toEqual({ ok: false, refusal: 'conflict', message: 'The lead is purchased: only open leads move between reps' });
  });

  it('gives a lead parked in the queue the manager watches to the rep they choose', async () => {
    const parked = hotLead({ owner: { type: 'queue', queue: 'unassigned', notifyEmail: maria.email }, assignment: { ...lead.assignment!, parked: true, missedDeadlines: [{ ownerId: anna.repId, name: anna.name, deadlineAt: now.toISOString() }] } });
    await deps.leads.insert(parked, { type: 'captured', at: parked.capturedAt, by: 'lead', details: {} });

    const answer = await reassign(maria, parked.leadId, { repId: kai.repId }, deps);
    await handOff({ type: 'recorded', leadId: parked.leadId, assignment: 3 }, handoffDeps());

    expect(answer).toMatchObject({ ok: true, value: { owner: { repId: kai.repId }, assignment: { missedDeadlines: [{ ownerId: anna.repId }] } } });
    expect((answer.ok && answer.value.assignment?.parked)).toBeFalsy();
    // Maria chose: she is not emailed about her own choice.
    expect(mailer.sent().map((email) => [email.tags.template, email.to])).toEqual([['rep-handoff', kai.email]]);
  });
});

describe("the desk's form choices", () => {
  it("are the sales policy's hold-back categories and not-interested reasons", () => {
    expect(formChoices(defaultSalesPolicy)).toEqual({ holdBackCategories: defaultSalesPolicy.holdBackCategories, notInterestedReasons: defaultSalesPolicy.notInterestedReasons });
  });
});
