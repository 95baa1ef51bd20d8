import type { HistoryEntry } from './history.ts';
import type { Lead } from './lead.ts';

/** A form submission caught by the honeypot, kept briefly for tuning and never announced. */
export type SpamSubmission = { submissionId: string; at: string; expiresAt: number; formId?: string; ip?: string };

/** Where leads live. Every write is all-or-nothing. */
export type LeadStore = {
  /** Stores a new lead with its history entry; `exists` when the email already belongs to a lead. */
  insert(lead: Lead, entry: HistoryEntry): Promise<'inserted' | 'exists'>;
  findByEmail(email: string): Promise<Lead | undefined>;
  /** Saves a changed lead unless someone changed it after `expectedVersion`; `stale` then. */
  update(lead: Lead, expectedVersion: number, entry: HistoryEntry): Promise<'updated' | 'stale'>;
  markAnnounced(leadId: string, at: string): Promise<void>;
  putSpam(submission: SpamSubmission): Promise<void>;
};
