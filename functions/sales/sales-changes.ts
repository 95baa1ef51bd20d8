import type { HistoryEntry } from '../leads/history.ts';
import type { Channel } from '../leads/vocabulary.ts';
import { compact, isClosed, type Lead } from '../leads/lead.ts';
import type { FieldError } from '../platform/errors.ts';
import type { SalesPolicy } from './sales-policy.ts';

/** A rep's report of a contact: the channel, what was said, and how it went. */
export type Contact = { channel: Channel; notes?: string; outcome?: string; at?: string };

/** The outcome a rep records: one of the three states a lead can be in. */
export type StatusChange =
  | { status: 'in-progress'; holdBack: string; note?: string }
  | { status: 'purchased'; value?: number; note?: string }
  | { status: 'not-interested'; reason: string; note?: string };

/** The lead's state forbids the change. */
export type Refusal = { refused: string };
/** The change names a value the sales policy does not know: nothing to do until it is corrected. */
export type Invalid = { invalid: FieldError };
export type SalesChange = { lead: Lead; entry: HistoryEntry };
/** The change is recorded already, exactly as asked (a retry): nothing to save, but what follows a save is done again. */
export type Replay = { replay: Lead; by: string };

/**
 * A logged contact: counts towards follow-up, starts the in-progress state, and stops the first-contact clock.
 * `via` names the way it came in when not the sales desk (an email link).
 */
export function logContact(lead: Lead, contact: Contact, by: string, now: string, via?: string): SalesChange | Refusal {
  if (lead.status !== 'assigned' && lead.status !== 'in-progress') return { refused: `The lead is ${lead.status}: reopen it with a status change first` };
  const at = contact.at ?? now;
  const minutesToFirstContact = lead.firstContactAt || !lead.assignment ? undefined : Math.round((Date.parse(at) - Date.parse(lead.assignment.at)) / 60_000);
  return {
    lead: compact({
      ...lead,
      status: 'in-progress' as const,
      firstContactAt: lead.firstContactAt ?? at,
      lastProgressAt: now,
      contactCount: (lead.contactCount ?? 0) + 1,
      contactTimes: [...(lead.contactTimes ?? []), at].slice(-50),
      updatedAt: now,
    }),
    entry: { type: 'contact-logged', at: now, by, details: compact({ ...contact, at, minutesToFirstContact, via }) },
  };
}

/**
 * Moves a lead to one of the three states. A closed lead (purchased or not
 * interested) reopens only with a note saying why; categories and reasons
 * must be ones the sales policy knows, whatever state the lead is in.
 */
export function changeStatus(lead: Lead, change: StatusChange, policy: SalesPolicy, by: string, now: string, via?: string): SalesChange | Refusal | Invalid | Replay {
  const unknown = unknownValue(change, policy);
  if (unknown) return { invalid: unknown };
  if (lead.status === 'new') return { refused: 'The lead has no owner yet: it is with marketing' };
  const closed = isClosed(lead);
  if (closed && change.status === lead.status) {
    // A retry of the request that closed it (its answer was lost, or publishing failed after the save) must not fail.
    return recordedAlready(lead, change) ? { replay: lead, by } : { refused: `The lead is already ${lead.status}` };
  }
  if (closed && !change.note) return { refused: `The lead is ${lead.status}: say why it changes (note) to reopen it` };

  const base = { ...lead, status: change.status, lastProgressAt: now, updatedAt: now };
  let next: Lead;
  if (change.status === 'in-progress') {
    next = compact({ ...base, holdBack: compact({ category: change.holdBack, note: change.note, at: now }), closedAt: undefined, purchase: undefined, notInterested: undefined });
  } else if (change.status === 'purchased') {
    next = compact({ ...base, purchase: compact({ value: change.value, at: now }), closedAt: now, holdBack: undefined, notInterested: undefined });
  } else {
    const reason = policy.notInterestedReasons.find((r) => r.id === change.reason)!;
    next = compact({
      ...base,
      notInterested: compact({ reason: reason.id, returnToNurture: reason.returnToNurture, note: change.note, at: now }),
      closedAt: now,
      holdBack: undefined,
      purchase: undefined,
    });
  }
  return { lead: next, entry: { type: 'status-changed', at: now, by, details: compact({ from: lead.status, to: change.status, ...change, via }) } };
}

// Only a "not interested" has work after its save that a retry must finish (returning the lead to nurture).
function recordedAlready(lead: Lead, change: StatusChange): boolean {
  return change.status === 'not-interested' && lead.notInterested?.reason === change.reason && lead.notInterested.note === change.note;
}

function unknownValue(change: StatusChange, policy: SalesPolicy): FieldError | undefined {
  const oneOf = (field: string, ids: string[]): FieldError => ({ field, message: `must be one of: ${ids.join(', ')}` });
  if (change.status === 'in-progress' && !policy.holdBackCategories.some((c) => c.id === change.holdBack)) {
    return oneOf('holdBack', policy.holdBackCategories.map((c) => c.id));
  }
  if (change.status === 'not-interested' && !policy.notInterestedReasons.some((r) => r.id === change.reason)) {
    return oneOf('reason', policy.notInterestedReasons.map((r) => r.id));
  }
  return undefined;
}
