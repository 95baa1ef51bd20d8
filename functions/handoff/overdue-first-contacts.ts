import { isOpen, type Lead, ownerIdOf } from '../leads/lead.ts';
import type { LeadStore } from '../leads/lead-store.ts';
import type { RepStore } from '../reps/rep-store.ts';
import { type BusinessHours, businessMinutesBetween } from '../routing/business-time.ts';

/** The clock first-contact deadlines run on (hand-off.ts): business hours in the owner's time zone, a queue's in the managers'. */
export type DeadlineClock = { businessHours: BusinessHours | undefined; managerTimeZone: string };

/** How long the hot lead waiting longest past its first-contact deadline has waited, and whose it is; 0 minutes when none waits. */
export type OverdueFirstContacts = { minutes: number; overdueLeads: number; leadId?: string; ownerId?: string };

/**
 * The open leads that nobody has contacted although their first-contact
 * deadline has passed, and the longest any of them has waited since, in
 * whole minutes of the clock the deadline was set on: a lead due at 16:30 on
 * Friday has waited 90 business minutes at 10:00 on Monday, not a weekend.
 */
export function overdueFirstContacts(leads: readonly Lead[], now: Date, clock: DeadlineClock): OverdueFirstContacts {
  let oldest: OverdueFirstContacts = { minutes: 0, overdueLeads: 0 };
  let overdueLeads = 0;
  for (const lead of leads) {
    if (!isOpen(lead) || lead.firstContactAt || !lead.assignment || !lead.owner) continue;
    const deadline = new Date(lead.assignment.deadlineAt);
    if (deadline >= now) continue;
    overdueLeads++;
    const timeZone = lead.owner.type === 'rep' ? lead.owner.timezone : clock.managerTimeZone;
    const waited = clock.businessHours ? businessMinutesBetween(deadline, now, clock.businessHours, timeZone) : (now.getTime() - deadline.getTime()) / 60_000;
    const minutes = Math.floor(waited);
    if (minutes > oldest.minutes || !oldest.leadId) oldest = { minutes, overdueLeads: 0, leadId: lead.leadId, ownerId: ownerIdOf(lead.owner) };
  }
  return { ...oldest, overdueLeads };
}

export type FirstContactWatchDeps = {
  reps: Pick<RepStore, 'list'>;
  leads: Pick<LeadStore, 'dueBy'>;
  /** The queue leads go to when no rep can take them, and parked leads wait in (routing policy `fallback.queue`). */
  fallbackQueue: string;
  clock: DeadlineClock;
  now(): Date;
};

/**
 * Reads every owner's leads due by now, rep by rep (active or not) and the
 * fallback queue, and measures the overdue first contacts among them. The
 * owner index sorts open leads by their next step's due time, and a lead not
 * yet contacted is due at its first-contact deadline (its plan's first touch
 * is placed there), so only what is due is read, never the whole table. A
 * lead whose owner set a later step by hand has been planned by a person and
 * is not counted: its deadline checks still remind, escalate and reassign it.
 */
export async function watchFirstContacts(deps: FirstContactWatchDeps): Promise<OverdueFirstContacts> {
  const now = deps.now();
  const owners = [...(await deps.reps.list()).map((rep) => rep.repId), `queue:${deps.fallbackQueue}`];
  const due = await Promise.all(owners.map((owner) => deps.leads.dueBy(owner, now.toISOString())));
  return overdueFirstContacts(due.flat(), now, deps.clock);
}
