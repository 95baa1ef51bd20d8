import type { Caller } from '../auth/caller.ts';
import type { Lead } from '../leads/lead.ts';
import type { StoredRep } from '../reps/rep-store.ts';

/**
 * Who may see and change a lead: a rep their own leads, a manager the
 * leads of the reps they manage (and leads left in a fallback queue they are
 * told about). Nobody else, whatever they know of the lead's id.
 */
export function mayAccess(caller: Caller, lead: Lead, reps: readonly StoredRep[]): boolean {
  const owner = lead.owner;
  if (!owner) return caller.groups.includes('manager');
  if (owner.type === 'queue') return caller.groups.includes('manager') && owner.notifyEmail.toLowerCase() === caller.email;
  if (owner.email.toLowerCase() === caller.email) return true;
  if (!caller.groups.includes('manager')) return false;
  const rep = reps.find((r) => r.repId === owner.repId);
  return (rep?.managerEmail ?? owner.managerEmail).toLowerCase() === caller.email;
}

/** The rep a signed-in person is, by email. */
export function repOf(caller: Caller, reps: readonly StoredRep[]): StoredRep | undefined {
  return reps.find((rep) => rep.email.toLowerCase() === caller.email);
}
