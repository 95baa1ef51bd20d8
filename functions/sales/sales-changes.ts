import type { HistoryEntry } from '../leads/history.ts';
import { compact, type Lead } from '../leads/lead.ts';
import type { SalesPolicy } from './sales-policy.ts';

/** A rep's report of a contact: the channel, what was said, and how it went. */
export type Contact = { channel: 'call' | 'email' | 'meeting'; notes?: string; outcome?: string; at?: string };

/** The outcome a rep records: one of the three states a lead can be in. */
export type StatusChange =
  | { status: 'in-progress'; holdBack: string; note?: string }
  | { status: 'purchased'; value?: number; note?: string }
  | { status: 'not-interested'; reason: string; note?: string };

export type Refusal = { refused: string };

/** A logged contact: counts towards follow-up, starts the in-progress state, and stops the first-contact clock. */
export function logContact(lead: Lead, contact: Contact, by: string, now: string): { lead: Lead; entry: HistoryEntry } | Refusal {
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
    entry: { type: 'contact-logged', at: now, by, details: compact({ ...contact, at, minutesToFirstContact }) },
  };
}

/**
 * Moves a lead to one of the three states. A closed lead (purchased or not
 * interested) reopens only with a note saying why; categories and reasons
 * must be ones the sales policy knows.
 */
export function changeStatus(lead: Lead, change: StatusChange, policy: SalesPolicy, by: string, now: string): { lead: Lead; entry: HistoryEntry } | Refusal {
  if (lead.status === 'new') return { refused: 'The lead has no owner yet: it is with marketing' };
  const closed = lead.status === 'purchased' || lead.status === 'not-interested';
  if (closed && change.status === lead.status) return { refused: `The lead is already ${lead.status}` };
  if (closed && !change.note) return { refused: `The lead is ${lead.status}: say why it changes (note) to reopen it` };

  const base = { ...lead, status: change.status, lastProgressAt: now, updatedAt: now };
  let next: Lead;
  if (change.status === 'in-progress') {
    if (!policy.holdBackCategories.some((c) => c.id === change.holdBack)) return { refused: `holdBack must be one of: ${policy.holdBackCategories.map((c) => c.id).join(', ')}` };
    next = compact({ ...base, holdBack: compact({ category: change.holdBack, note: change.note, at: now }), closedAt: undefined, purchase: undefined, notInterested: undefined });
  } else if (change.status === 'purchased') {
    next = compact({ ...base, purchase: compact({ value: change.value, at: now }), closedAt: now, holdBack: undefined, notInterested: undefined });
  } else {
    const reason = policy.notInterestedReasons.find((r) => r.id === change.reason);
    if (!reason) return { refused: `reason must be one of: ${policy.notInterestedReasons.map((r) => r.id).join(', ')}` };
    next = compact({
      ...base,
      notInterested: compact({ reason: reason.id, returnToNurture: reason.returnToNurture, note: change.note, at: now }),
      closedAt: now,
      holdBack: undefined,
      purchase: undefined,
    });
  }
  return { lead: next, entry: { type: 'status-changed', at: now, by, details: compact({ from: lead.status, to: change.status, ...change }) } };
}
