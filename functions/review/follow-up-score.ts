import type { RankedRep, RepInDebt, RepReview } from './weekly-review.ts';

const deadlineWeight = 60;
const persistenceWeight = 40;

/**
 * How well a rep followed up during the week, from 0 to 100:
 *
 *   60 × the share of first-contact deadlines due in the week that were met
 * + 40 × contacts logged in the week per open lead, counted up to one each
 *
 * The first part rewards speed (the first to respond wins most sales), the
 * second that every open lead moves every week. A rep with no deadline due
 * gets the first part whole, and one with no open lead the second: nothing
 * waited on them. Stale leads do not lower the score: a rep with any is not
 * ranked at all but listed in follow-up debt, for a talk one-on-one.
 */
export function followUpScore({ deadlinesDue, deadlinesMet, contacts, openLeads }: Omit<RankedRep, 'repId' | 'name' | 'score'>): number {
  const promptness = deadlinesDue === 0 ? 1 : deadlinesMet / deadlinesDue;
  const persistence = openLeads === 0 ? 1 : Math.min(1, contacts / openLeads);
  return Math.round(deadlineWeight * promptness + persistenceWeight * persistence);
}

/**
 * The active reps who had leads to work, best follow-up first (ties: more
 * contacts, then name), and after them the active reps in follow-up debt,
 * most stale leads first. Inactive reps are in neither: their open leads are
 * a hygiene matter.
 */
export function rankFollowUp(reps: readonly RepReview[]): { ranking: RankedRep[]; followUpDebt: RepInDebt[] } {
  const active = reps.filter((rep) => rep.active);
  const ranking = active
    .flatMap(({ followUpScore: score, ...rep }) => (rep.stale.length === 0 && score !== null ? [{ repId: rep.repId, name: rep.name, score, ...scoreInputs(rep) }] : []))
    .sort((a, b) => b.score - a.score || b.contacts - a.contacts || a.name.localeCompare(b.name));
  const followUpDebt = active
    .filter((rep) => rep.stale.length > 0)
    .map((rep) => ({ repId: rep.repId, name: rep.name, staleLeads: rep.stale.length, oldestDays: rep.stale[0]!.days }))
    .sort((a, b) => b.staleLeads - a.staleLeads || b.oldestDays - a.oldestDays || a.name.localeCompare(b.name));
  return { ranking, followUpDebt };
}

/**
 * Whether a ranked rep did something worth praising in front of the team: a
 * first contact on time or a contact logged. A score alone is no reason: one
 * with nothing due gets the promptness part whole without lifting a finger.
 */
export function followedUp(rep: Pick<RankedRep, 'deadlinesMet' | 'contacts'>): boolean {
  return rep.deadlinesMet > 0 || rep.contacts > 0;
}

/** What followUpScore is computed from, for a reviewed rep. */
export function scoreInputs(rep: Pick<RepReview, 'deadlines' | 'done' | 'owned'>): Omit<RankedRep, 'repId' | 'name' | 'score'> {
  return { deadlinesDue: rep.deadlines.due, deadlinesMet: rep.deadlines.met, contacts: rep.done.contacts, openLeads: rep.owned.inProgress };
}

/** A rep who held no open lead, had nothing due and logged nothing has no follow-up to score. */
export function hadWork(rep: Pick<RepReview, 'owned' | 'deadlines' | 'done' | 'received'>): boolean {
  return rep.owned.inProgress > 0 || rep.deadlines.due > 0 || rep.done.contacts > 0 || rep.received.total > 0;
}
