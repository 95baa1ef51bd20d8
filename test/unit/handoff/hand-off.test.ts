import { beforeEach, describe, expect, it } from 'vitest';
import { memoryMailer, type MemoryMailer } from '../../../functions/email/memory-mailer.ts';
import { memoryPublisher, type MemoryPublisher } from '../../../functions/events/memory-publisher.ts';
import { handOff } from '../../../functions/handoff/hand-off.ts';
import type { HandoffDeps } from '../../../functions/handoff/handoff-deps.ts';
import type { Lead } from '../../../functions/leads/lead.ts';
import { memoryLeadStore } from '../../../functions/leads/memory-lead-store.ts';
import { type MemoryRoster, memoryRepStore } from '../../../functions/reps/memory-rep-store.ts';
import type { Rep } from '../../../functions/routing/rep.ts';
import { deadlineScheduleName } from '../../../functions/schedules/first-contact-deadlines.ts';
import { memorySchedules, type MemorySchedules } from '../../../functions/schedules/memory-schedules.ts';
import { hotLead } from '../../support/hot-lead.ts';
import { memoryHandoffDeps } from '../../support/memory-handoff-deps.ts';

// A Tuesday, 10:00 in Berlin: the first-contact deadline falls an hour later, within business hours.
const capturedAt = '2026-11-24T09:00:00.000Z';
const rep = (repId: string, name: string): Rep => ({
  repId,
  name,
  email: `${repId}@stoke.example`,
  managerEmail: 'maria.keller@stoke.example',
  team: 'field',
  territories: [],
  active: true,
  capacity: 20,
  weight: 1,
  timezone: 'Europe/Berlin',
});
const anna = rep('anna-schmidt', 'Anna Schmidt');
const kai = rep('kai-berg', 'Kai Berg');

let now: Date;
let mailer: MemoryMailer;
let schedules: MemorySchedules;
let events: MemoryPublisher;
let deps: HandoffDeps;
let lead: Lead;

beforeEach(async () => {
  now = new Date(capturedAt);
  const roster: MemoryRoster = new Map();
  mailer = memoryMailer();
  schedules = memorySchedules();
  events = memoryPublisher();
  deps = memoryHandoffDeps({ leads: memoryLeadStore({ roster }), reps: memoryRepStore(roster), mailer, schedules, events }, () => now);
  for (const each of [anna, kai]) await deps.reps.create(each, 0);
  // Score 90: the policy sends leads this good to the field team.
  lead = hotLead({ status: 'new', owner: undefined, assignment: undefined, score: { total: 90, fit: 90, engagement: 0, temperature: 'hot', breakdown: [], modelVersion: 'test' } });
  await deps.leads.insert(lead, { type: 'captured', at: capturedAt, by: 'lead', details: {} });
});

const templatesSent = () => mailer.sent().map((email) => [email.tags.template, email.to]);
const historyTypes = async () => (await deps.leads.historyOf(lead.leadId)).map((entry) => entry.type);

describe('handOff on the in-memory adapters', () => {
  it('gives a hot lead one owner, one handoff email and a reminder at the deadline', async () => {
    const outcome = await handOff({ type: 'hot', leadId: lead.leadId, episode: 1 }, deps);

    expect(outcome).toMatchObject({ type: 'handed-off', episode: 1 });
    const owner = outcome.type === 'handed-off' ? outcome.ownerId : '';
    expect([anna.repId, kai.repId]).toContain(owner);
    const stored = await deps.leads.get(lead.leadId);
    expect(stored).toMatchObject({ status: 'assigned', owner: { type: 'rep', repId: owner }, assignment: { number: 1, episode: 1, deadlineAt: '2026-11-24T10:00:00.000Z' }, version: 2 });
    expect(await deps.reps.get(owner)).toMatchObject({ assignedCount: 1 });
    expect(templatesSent()).toEqual([['rep-handoff', `${owner}@stoke.example`]]);
    expect(mailer.sent()[0]?.text).toContain('https://api.stoke.example/actions/');
    expect(schedules.pending()).toEqual([
      {
        name: deadlineScheduleName(lead.leadId, 1, 'remind'),
        at: new Date('2026-11-24T10:00:00.000Z'),
        target: 'first-contact-deadline',
        input: { leadId: lead.leadId, episode: 1, ownerId: owner, assignment: 1, stage: 'remind' },
      },
    ]);
    expect(events.published()).toEqual([{ source: 'stoke.leads', detailType: 'lead.handed-off', detail: expect.objectContaining({ leadId: lead.leadId, episode: 1, owner: { type: 'rep', repId: owner, team: 'field' } }) }]);
    expect(await historyTypes()).toEqual(['captured', 'assigned', 'handoff-emailed']);
  });

  it("starts the team's contact plan, its first touch due at the first-contact deadline", async () => {
    await handOff({ type: 'hot', leadId: lead.leadId, episode: 1 }, deps);

    const stored = await deps.leads.get(lead.leadId);
    expect(stored?.plan).toEqual({
      planId: 'field',
      name: 'Field: 8 touches over 3 weeks',
      length: 8,
      episode: 1,
      startedAt: capturedAt,
      steps: [],
      next: { kind: 'touch', touch: 1, channel: 'call', dueAt: '2026-11-24T10:00:00.000Z', instruction: expect.stringContaining('first-contact deadline'), setAt: capturedAt },
    });
    expect((await deps.leads.historyOf(lead.leadId)).find((entry) => entry.type === 'assigned')?.details).toMatchObject({ plan: 'field', nextStep: { touch: 1, dueAt: '2026-11-24T10:00:00.000Z' } });
  });

  it('makes a redelivered trigger change nothing: no second assignment, email or schedule, the same event again', async () => {
    await handOff({ type: 'hot', leadId: lead.leadId, episode: 1 }, deps);
    const before = { lead: await deps.leads.get(lead.leadId), roster: await deps.reps.list() };

    await handOff({ type: 'hot', leadId: lead.leadId, episode: 1 }, deps);

    expect(await deps.leads.get(lead.leadId)).toEqual(before.lead);
    expect(await deps.reps.list()).toEqual(before.roster);
    expect(mailer.sent()).toHaveLength(1);
    expect(schedules.pending()).toHaveLength(1);
    expect(await historyTypes()).toEqual(['captured', 'assigned', 'handoff-emailed']);
    // The event is published again, identical, in case the first attempt's publish failed: consumers dedupe on lead and episode.
    expect(events.published()).toHaveLength(2);
    expect(events.published()[1]).toEqual(events.published()[0]);
  });

  it('takes back a lead whose deadline was missed: a new owner, told with the previous owner and their manager', async () => {
    const first = await handOff({ type: 'hot', leadId: lead.leadId, episode: 1 }, deps);
    const missedBy = first.type === 'handed-off' ? first.ownerId : '';
    const other = missedBy === anna.repId ? kai.repId : anna.repId;
    now = new Date('2026-11-24T13:00:00.000Z');

    const outcome = await handOff({ type: 'take-back', leadId: lead.leadId, fromOwnerId: missedBy, why: 'deadline-missed', assignment: 1 }, deps);

    expect(outcome).toEqual({ type: 'handed-off', ownerId: other, episode: 1 });
    expect(await deps.leads.get(lead.leadId)).toMatchObject({
      owner: { repId: other },
      assignment: { number: 2, previous: { owner: { repId: missedBy }, why: 'deadline-missed' }, missedDeadlines: [{ ownerId: missedBy, deadlineAt: '2026-11-24T10:00:00.000Z' }] },
    });
    expect(templatesSent().slice(1)).toEqual([
      ['rep-handoff', `${other}@stoke.example`],
      ['lead-taken', `${missedBy}@stoke.example`],
      ['lead-reassigned', 'maria.keller@stoke.example'],
    ]);
    expect(schedules.pending().map((schedule) => schedule.name)).toEqual([deadlineScheduleName(lead.leadId, 2, 'remind')]);
    expect(events.published().at(-1)?.detail).toMatchObject({ owner: { repId: other }, previousRepId: missedBy });
    expect(await historyTypes()).toEqual(['captured', 'assigned', 'handoff-emailed', 'assigned', 'handoff-emailed', 'previous-owner-told', 'manager-told']);
  });

  it('ignores a late take-back for an assignment the lead has moved on from', async () => {
    const first = await handOff({ type: 'hot', leadId: lead.leadId, episode: 1 }, deps);
    const missedBy = first.type === 'handed-off' ? first.ownerId : '';
    now = new Date('2026-11-24T13:00:00.000Z');
    await handOff({ type: 'take-back', leadId: lead.leadId, fromOwnerId: missedBy, why: 'deadline-missed', assignment: 1 }, deps);
    const sent = mailer.sent().length;

    await handOff({ type: 'take-back', leadId: lead.leadId, fromOwnerId: missedBy, why: 'deadline-missed', assignment: 1 }, deps);

    expect(mailer.sent()).toHaveLength(sent);
    expect(await deps.leads.get(lead.leadId)).toMatchObject({ assignment: { number: 2 } });
  });
});
