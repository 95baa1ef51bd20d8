import type { EventPublisher } from '../events/event-publisher.ts';
import { repDeactivated } from '../events/rep-deactivated.ts';
import type { Rep } from '../routing/rep.ts';
import type { RepStore, StoredRep } from './rep-store.ts';

export type ManageRepsDeps = { reps: RepStore; events: EventPublisher; now(): Date };


/**
 * Adds a rep at the rotation count of the least-served active rep of the
 * team: a newcomer joins the rotation where it stands instead of receiving
 * every lead until they have caught up with colleagues' totals.
 */
export async function addRep(rep: Rep, deps: ManageRepsDeps): Promise<{ type: 'created'; rep: StoredRep } | { type: 'exists' }> {
  const team = (await deps.reps.list()).filter((other) => other.team === rep.team && other.active);
  const startAt = team.length ? Math.min(...team.map((other) => other.assignedCount)) : 0;
  if ((await deps.reps.create(rep, startAt)) === 'exists') return { type: 'exists' };
  return { type: 'created', rep: { ...rep, assignedCount: startAt, version: 1 } };
}

/** Changes a rep; deactivating one announces it, so their open leads find new owners. */
export async function changeRep(
  rep: Rep,
  deps: ManageRepsDeps,
): Promise<{ type: 'updated'; rep: StoredRep } | { type: 'not-found' } | { type: 'stale' }> {
  const current = await deps.reps.get(rep.repId);
  if (!current) return { type: 'not-found' };
  if ((await deps.reps.update(rep, current.version)) === 'stale') return { type: 'stale' };
  if (current.active && !rep.active) {
    await deps.events.publish(repDeactivated, { version: 1, repId: rep.repId, at: deps.now().toISOString() });
  }
  return { type: 'updated', rep: { ...rep, assignedCount: current.assignedCount, version: current.version + 1 } };
}
