import { describe, expect, it } from 'vitest';
import { type DeadlineClock, overdueFirstContacts, watchFirstContacts } from '../../../functions/handoff/overdue-first-contacts.ts';
import type { Lead } from '../../../functions/leads/lead.ts';
import { memoryLeadStore } from '../../../functions/leads/memory-lead-store.ts';
import { memoryRepStore } from '../../../functions/reps/memory-rep-store.ts';
import { annaSchmidt } from '../../support/anna-schmidt.ts';
import { hotLead } from '../../support/hot-lead.ts';

const plainClock: DeadlineClock = { businessHours: undefined, managerTimeZone: 'Europe/Berlin' };
const officeHours: DeadlineClock = { businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] }, managerTimeZone: 'America/New_York' };

/** A lead handed off and due at `deadlineAt`, nobody having contacted it. */
function dueAt(deadlineAt: string, changes: Partial<Lead> = {}): Lead {
  const lead = hotLead(changes);
  return { ...lead, assignment: { ...lead.assignment!, deadlineAt }, ...changes };
}

describe('the oldest overdue first contact', () => {
  const now = new Date('2026-11-24T12:00:00.000Z');

  it('is 0 minutes when no lead waits', () => {
    expect(overdueFirstContacts([], now, plainClock)).toEqual({ minutes: 0, overdueLeads: 0 });
  });

  it.each<{ case: string; lead: Lead }>([
    { case: 'a lead contacted after its deadline', lead: dueAt('2026-11-24T09:00:00.000Z', { firstContactAt: '2026-11-24T11:00:00.000Z', status: 'in-progress' }) },
    { case: 'a lead closed without contact', lead: dueAt('2026-11-24T09:00:00.000Z', { status: 'not-interested' }) },
    { case: 'a lead whose deadline is still ahead', lead: dueAt('2026-11-24T12:30:00.000Z') },
    { case: 'a lead due this very minute', lead: dueAt('2026-11-24T12:00:00.000Z') },
  ])('leaves out $case', ({ lead }) => {
    expect(overdueFirstContacts([lead], now, plainClock)).toEqual({ minutes: 0, overdueLeads: 0 });
  });

  it('names the lead that has waited longest, in whole minutes, and counts every overdue one', () => {
    const leads = [dueAt('2026-11-24T11:30:00.000Z', { leadId: 'half-hour' }), dueAt('2026-11-24T10:44:30.000Z', { leadId: 'longest' }), dueAt('2026-11-24T11:59:40.000Z', { leadId: 'just-now' })];

    expect(overdueFirstContacts(leads, now, plainClock)).toEqual({ minutes: 75, overdueLeads: 3, leadId: 'longest', ownerId: 'anna-schmidt' });
  });

  it("counts business minutes in the rep's time zone: due Friday 16:30 in Berlin, it has waited 90 minutes on Monday at 10:00", () => {
    const friday = dueAt('2026-11-27T15:30:00.000Z');

    expect(overdueFirstContacts([friday], new Date('2026-11-30T09:00:00.000Z'), officeHours)).toMatchObject({ minutes: 90, overdueLeads: 1 });
  });

  it("counts a queue's lead on the managers' clock", () => {
    const parked = dueAt('2026-11-30T14:30:00.000Z', { owner: { type: 'queue', queue: 'unassigned', notifyEmail: 'maria.keller@stoke.example' } });

    // 09:30 in New York: open for 30 minutes; in Berlin it would have been open all afternoon.
    expect(overdueFirstContacts([parked], new Date('2026-11-30T15:00:00.000Z'), officeHours)).toEqual({ minutes: 30, overdueLeads: 1, leadId: parked.leadId, ownerId: 'queue:unassigned' });
  });

  it('counts a lead overdue by less than a business minute, at 0 minutes', () => {
    const evening = dueAt('2026-11-24T15:59:30.000Z');

    expect(overdueFirstContacts([evening], new Date('2026-11-24T20:00:00.000Z'), officeHours)).toEqual({ minutes: 0, overdueLeads: 1, leadId: evening.leadId, ownerId: 'anna-schmidt' });
  });
});

describe('watching first contacts', () => {
  const now = new Date('2026-11-24T12:00:00.000Z');

  it("reads every rep's leads due by now, the deactivated ones' and the fallback queue's", async () => {
    const roster = new Map();
    const reps = memoryRepStore(roster);
    const leads = memoryLeadStore({ roster });
    await reps.create(annaSchmidt(), 0);
    await reps.create(annaSchmidt({ repId: 'olaf-lind', name: 'Olaf Lind', email: 'olaf.lind@stoke.example', active: false }), 0);
    const olaf = { type: 'rep' as const, repId: 'olaf-lind', name: 'Olaf Lind', email: 'olaf.lind@stoke.example', managerEmail: 'maria.keller@stoke.example', team: 'field', timezone: 'Europe/Berlin' };
    const stored = [
      dueAt('2026-11-24T11:00:00.000Z', { leadId: 'anna-late' }),
      dueAt('2026-11-24T10:00:00.000Z', { leadId: 'olaf-later', owner: olaf }),
      dueAt('2026-11-24T09:00:00.000Z', { leadId: 'parked-latest', owner: { type: 'queue', queue: 'unassigned', notifyEmail: 'maria.keller@stoke.example' } }),
      dueAt('2026-11-24T08:00:00.000Z', { leadId: 'other-queue', owner: { type: 'queue', queue: 'elsewhere', notifyEmail: 'maria.keller@stoke.example' } }),
    ];
    for (const lead of stored) await leads.insert({ ...lead, email: `${lead.leadId}@weber.example` }, { type: 'captured', at: lead.capturedAt, by: 'lead', details: {} });

    const overdue = await watchFirstContacts({ reps, leads, fallbackQueue: 'unassigned', clock: plainClock, now: () => now });

    expect(overdue).toEqual({ minutes: 180, overdueLeads: 3, leadId: 'parked-latest', ownerId: 'queue:unassigned' });
  });
});
