import type { EventPublisher } from '../events/event-publisher.ts';
import { repDeactivated } from '../events/rep-deactivated.ts';
import type { Rep } from '../routing/rep.ts';
import type { RepStore, StoredRep } from './rep-store.ts';
import type { SignIns } from './sign-ins.ts';

export type ManageRepsDeps = { reps: RepStore; events: EventPublisher; signIns: SignIns; now(): Date };


/**
 * Adds a rep at the rotation count of the least-served active rep of the
 * team: a newcomer joins the rotation where it stands instead of receiving
 * every lead until they have caught up with colleagues' totals. An active
 * rep is invited to sign in to the desk.
 */
export async function addRep(rep: Rep, deps: ManageRepsDeps): Promise<{ type: 'created'; rep: StoredRep } | { type: 'exists' }> {
  const team = (await deps.reps.list()).filter((other) => other.team === rep.team && other.active);
  const startAt = team.length ? Math.min(...team.map((other) => other.assignedCount)) : 0;
  if ((await deps.reps.create(rep, startAt)) === 'exists') {
    // The same request again, after a first whose invitation failed once the rep was stored: it sends the invitation now.
    const stored = await deps.reps.get(rep.repId);
    if (stored?.active && stored.email === rep.email) await deps.signIns.invite(stored);
    return { type: 'exists' };
  }
  if (rep.active) await deps.signIns.invite(rep);
  return { type: 'created', rep: { ...rep, assignedCount: startAt, version: 1 } };
}

/**
 * Changes a rep; deactivating one announces it, so their open leads find
 * new owners, and stops their sign-in; reactivating lets them sign in again.
 * Each step is placed so that the same request, retried after a failure,
 * finishes the work: the sign-in is enabled before the roster says active
 * (until then the change is still to do), and disabled after it says
 * inactive, on every such request (disabling twice changes nothing).
 */
export async function changeRep(
  rep: Rep,
  deps: ManageRepsDeps,
): Promise<{ type: 'updated'; rep: StoredRep } | { type: 'not-found' } | { type: 'stale' }> {
  const current = await deps.reps.get(rep.repId);
  if (!current) return { type: 'not-found' };
  if (!current.active && rep.active && (await deps.signIns.enable(rep.email)) === 'no-sign-in') {
    // A rep from before the desk, or one added inactive, never had a sign-in.
    await deps.signIns.invite(rep);
  }
  if ((await deps.reps.update(rep, current.version)) === 'stale') return { type: 'stale' };
  if (current.active && !rep.active) {
    await deps.events.publish(repDeactivated, { version: 1, repId: rep.repId, at: deps.now().toISOString() });
  }
  if (!rep.active) await deps.signIns.disable(rep.email);
  return { type: 'updated', rep: { ...rep, assignedCount: current.assignedCount, version: current.version + 1 } };
}
