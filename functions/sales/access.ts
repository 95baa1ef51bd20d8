import type { Caller } from '../auth/caller.ts';
import type { Lead } from '../leads/lead.ts';
import type { StoredRep } from '../reps/rep-store.ts';

/**
 * Who may see and change a lead: a rep their own leads, a manager the
 * leads of the reps they manage (and leads left in a fallback queue they are
 * told about). Nobody else, whatever they know of the lead's id: a lead no rep
 * owns is still marketing's, and no manager's to read.
 */
export function mayAccess(caller: Caller, lead: Lead, reps: readonly StoredRep[]): boolean {
  const owner = lead.owner;
  if (owner?.type === 'rep' && owner.email.toLowerCase() === caller.email) return true;
  return managesLead(caller, lead, reps);
}

/** Whether the caller may take part in privacy requests at all, before any lead is read: reps never. */
export function handlesPrivacyRequests(caller: Caller): boolean {
  return caller.groups.includes('privacy') || caller.groups.includes('manager');
}

/**
 * Who may export or erase a lead (a data subject's access or erasure
 * request): the privacy group any lead, including those that never reached
 * sales; a manager only their own team's leads; a rep never, not even their
 * own leads (a manager who also works leads included).
 */
export function mayHandlePrivacyRequest(caller: Caller, lead: Lead, reps: readonly StoredRep[]): boolean {
  return caller.groups.includes('privacy') || managesLead(caller, lead, reps);
}

// A manager's team: leads of the reps whose managerEmail is theirs (as the
// roster says now, else as the lead recorded it) and queue leads they are told about.
function managesLead(caller: Caller, lead: Lead, reps: readonly StoredRep[]): boolean {
  const owner = lead.owner;
  if (!owner || !caller.groups.includes('manager')) return false;
  if (owner.type === 'queue') return owner.notifyEmail.toLowerCase() === caller.email;
  const rep = reps.find((r) => r.repId === owner.repId);
  return (rep?.managerEmail ?? owner.managerEmail).toLowerCase() === caller.email;
}

/**
 * Who may give a lead to another rep: the manager of the lead's team (a rep
 * of theirs owns it, or it waits in a queue they are told about), and only to
 * an active rep of their own team (`onTeamOf`).
 */
export function mayReassign(caller: Caller, lead: Lead, reps: readonly StoredRep[]): boolean {
  return managesLead(caller, lead, reps);
}

/** The reps a manager manages: those whose managerEmail is theirs, as the roster says now. */
export function teamOf(caller: Caller, reps: readonly StoredRep[]): StoredRep[] {
  return caller.groups.includes('manager') ? reps.filter((rep) => rep.managerEmail.toLowerCase() === caller.email) : [];
}

/** The rep a signed-in person is, by email. */
export function repOf(caller: Caller, reps: readonly StoredRep[]): StoredRep | undefined {
  return reps.find((rep) => rep.email.toLowerCase() === caller.email);
}
