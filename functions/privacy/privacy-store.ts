import type { AuditPeriod, PrivacyAuditEntry } from './privacy-audit.ts';

/** What privacy requests need of the table: a person's items, their erasure, the suppression list and the audit trail. */
export type PrivacyStore = {
  /** Every item Stoke keeps under the lead: profile, history, email signals. */
  itemsOf(leadId: string): Promise<Record<string, unknown>[]>;
  /** Deletes the lead's items and email claim, and records the erasure and the suppression together. */
  erase(leadId: string, email: string, suppression: { emailHash: string }, record: { at: string; by: string }): Promise<void>;
  isSuppressed(emailHash: string): Promise<boolean>;
  /** Adds a line to the audit trail; it is never changed or deleted, the lead's erasure included. */
  recordAudit(entry: PrivacyAuditEntry): Promise<void>;
  /** The trail of a period, oldest first, at most `limit` lines; `truncated` when the period holds more. */
  auditTrail(period: AuditPeriod, limit: number): Promise<{ entries: PrivacyAuditEntry[]; truncated: boolean }>;
};
