import { isOpen, type LeadStatus } from '../leads/lead.ts';
import type { Temperature } from '../scoring/temperatures.ts';

/** Why a lead leaves the nurture sequence for good (until something puts it back). */
export type ExitReason = 'hot' | 'handed-off' | 'purchased' | 'not-interested' | 'unsubscribed' | 'bounced' | 'complained' | 'no-consent';

/** What the exit check reads of a lead. */
export type NurturedLead = {
  temperature: Temperature;
  status: LeadStatus;
  /** Set by sales when closing a lead as not interested; `returnToNurture` recycles it into the sequence. */
  notInterestedReason?: { returnToNurture: boolean };
  marketing?: {
    unsubscribedAt?: string;
    /** Only permanent suppressions: a transient bounce is retried, not recorded here. */
    suppressed?: { reason: 'bounce' | 'complaint'; at: string };
  };
  /** Evidence of the marketing opt-in; absent when the lead never gave one. */
  consent?: unknown;
  /** A customer whom a track rule names: nurtured on that track, as a prospect would be on theirs. */
  customerTrack?: boolean;
};

/**
 * Why the lead must get no more tips, or undefined while it stays in the
 * sequence. When several reasons hold, the one reported is the first of:
 * missing consent (we may never have mailed it), the person's own opt-out,
 * complaint, bounce (the mailbox rules on us before sales does), then
 * purchased, not interested, handed off to a rep, and last hot, which only
 * matters while no rep has the lead yet: a lead sales handed back to
 * marketing is nurtured however hot its score, since sales judged it not ready.
 */
export function nurtureExit(lead: NurturedLead): ExitReason | undefined {
  if (lead.consent === undefined || lead.consent === null) return 'no-consent';
  if (lead.marketing?.unsubscribedAt !== undefined) return 'unsubscribed';
  if (lead.marketing?.suppressed?.reason === 'complaint') return 'complained';
  if (lead.marketing?.suppressed?.reason === 'bounce') return 'bounced';
  if (lead.status === 'purchased') return lead.customerTrack ? undefined : 'purchased';
  if (lead.status === 'not-interested') return lead.notInterestedReason?.returnToNurture === true ? undefined : 'not-interested';
  if (isOpen(lead)) return 'handed-off';
  if (lead.temperature === 'hot') return 'hot';
  return undefined;
}
