import { backoff } from '../platform/backoff.ts';
import { ConcurrentUpdateError } from '../platform/errors.ts';
import type { HistoryEntry } from './history.ts';
import type { Lead } from './lead.ts';
import type { LeadStore, RotationStep } from './lead-store.ts';

/** A change to save: the lead as it should be, its history entries, and the rep's rotation counter an assignment moves with it. */
export type LeadChange = { lead: Lead; entries: HistoryEntry[]; rotation?: RotationStep };

/** What an attempt made of the lead it read: a change to save and the answer once it is saved, or an answer without saving. */
export type LeadDecision<T> = { save: LeadChange; saved: (lead: Lead) => T | Promise<T> } | { answer: T };

export type RetryOptions = {
  attempts?: number;
  /** What was being changed, for the error when every attempt lost its race. */
  contended?: string;
  /** Waits before attempt `next` (1 or more), so that writers that lost the same race do not collide again. */
  pause?: (next: number) => Promise<void> | void;
};

/**
 * Repeats `attempt` until it answers; undefined means it lost a race with
 * another writer and must read again. Every optimistic write of a lead goes
 * through here, so they all give up the same way.
 */
export async function retryLostRaces<T>(
  attempt: (attempt: number) => Promise<T | undefined>,
  { attempts = 10, contended = 'The lead', pause = (next) => backoff(next - 1) }: RetryOptions = {},
): Promise<T> {
  for (let n = 0; n < attempts; n++) {
    if (n > 0) await pause(n);
    const answer = await attempt(n);
    if (answer !== undefined) return answer;
  }
  throw new ConcurrentUpdateError(contended);
}

/**
 * Reads the lead, lets `decide` make of it a change to save or an answer, and
 * saves the change under the optimistic lock, reading again when someone else
 * wrote in between. `decide` sees undefined when the lead does not exist.
 * Given the lead the caller has just read (unmodified: the lock compares only
 * its version) rather than its id, the first attempt starts from it: one read
 * fewer, and the lock still refuses it if it was no longer current. An answer
 * without saving on that first attempt is final, so `decide` must answer so
 * only where a newer lead would not need the change either.
 */
export async function updateLeadAnswering<T>(
  store: LeadStore,
  leadOrId: Lead | string,
  decide: (lead: Lead | undefined) => LeadDecision<T> | Promise<LeadDecision<T>>,
  options: RetryOptions = {},
): Promise<T> {
  const leadId = typeof leadOrId === 'string' ? leadOrId : leadOrId.leadId;
  let known = typeof leadOrId === 'string' ? undefined : leadOrId;
  const settled = await retryLostRaces(async () => {
    const current = known ?? (await store.get(leadId));
    known = undefined;
    const decision = await decide(current);
    if (!('save' in decision)) return { answer: decision.answer };
    const { lead, entries, rotation } = decision.save;
    const next = { ...lead, version: current!.version + 1 };
    if ((await store.save(next, current!.version, entries, rotation)) === 'stale') return undefined;
    return { answer: await decision.saved(next) };
  }, options);
  return settled.answer;
}

/**
 * Reads the lead, applies `change` and saves it under the optimistic lock,
 * reading again when someone else wrote in between. `change` may decline
 * (return undefined) once it sees the lead no longer needs it. Given the lead
 * the caller has just read rather than its id, the first attempt starts from
 * it, and a decline on that first attempt is final (see `updateLeadAnswering`).
 */
export async function updateLead(
  store: LeadStore,
  leadOrId: Lead | string,
  change: (lead: Lead) => LeadChange | undefined | Promise<LeadChange | undefined>,
  attempts = 10,
): Promise<Lead | undefined> {
  return updateLeadAnswering<Lead | undefined>(
    store,
    leadOrId,
    async (lead) => {
      const changed = lead && (await change(lead));
      return changed ? { save: changed, saved: (saved) => saved } : { answer: undefined };
    },
    { attempts },
  );
}
