import { backoff } from '../platform/backoff.ts';
import { ConcurrentUpdateError } from '../platform/errors.ts';
import type { HistoryEntry } from './history.ts';
import type { Lead } from './lead.ts';
import type { LeadStore } from './lead-store.ts';

export type LeadChange = { lead: Lead; entries: HistoryEntry[] };

/**
 * Reads the lead, applies `change` and saves it under the optimistic lock,
 * reading again when someone else wrote in between. `change` may decline
 * (return undefined) once it sees the lead no longer needs it. Given the lead
 * the caller has just read (unmodified: the lock compares only its version)
 * rather than its id, the first attempt starts from it: one read fewer, and the
 * lock still refuses it if it was no longer current. A decline on that first
 * attempt is final, so `change` must decline only what a newer lead would not need either.
 */
export async function updateLead(
  store: LeadStore,
  leadOrId: Lead | string,
  change: (lead: Lead) => LeadChange | undefined | Promise<LeadChange | undefined>,
  attempts = 10,
): Promise<Lead | undefined> {
  const leadId = typeof leadOrId === 'string' ? leadOrId : leadOrId.leadId;
  let known = typeof leadOrId === 'string' ? undefined : leadOrId;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const current = known ?? (await store.get(leadId));
    known = undefined;
    if (!current) return undefined;
    const changed = await change(current);
    if (!changed) return undefined;
    const next = { ...changed.lead, version: current.version + 1 };
    if ((await store.save(next, current.version, changed.entries)) === 'saved') return next;
    await backoff(attempt);
  }
  throw new ConcurrentUpdateError('The lead');
}
