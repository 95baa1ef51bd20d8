import type { HistoryEntry } from './history.ts';
import type { EmailSignal, Lead } from './lead.ts';

/** A form submission caught by the honeypot, kept briefly for tuning and never announced. */
export type SpamSubmission = { submissionId: string; at: string; expiresAt: number; formId?: string; ip?: string };

/** A rep's rotation counter moving with an assignment, under the same all-or-nothing write. */
export type RotationStep = { repId: string; seenCount: number };

/** Where leads live. Every write is all-or-nothing. */
export type LeadStore = {
  get(leadId: string): Promise<Lead | undefined>;
  /**
   * Saves the whole lead and its new history entries unless someone changed
   * it after `expectedVersion` (or, with `rotation`, the rep's counter moved): `stale` then.
   */
  save(lead: Lead, expectedVersion: number, entries: HistoryEntry[], rotation?: RotationStep): Promise<'saved' | 'stale'>;
  /** Appends to the history without touching the lead (e.g. an email went out). */
  record(leadId: string, entry: HistoryEntry): Promise<void>;
  /** Keeps one SES event about the lead's email; `duplicate` when that event was kept before. */
  putSignal(leadId: string, signal: EmailSignal): Promise<'new' | 'duplicate'>;
  /** Replaces the verdict a kept signal was stored with (the filter's second look); a signal never kept is not created. */
  reviseSignal(leadId: string, signal: EmailSignal): Promise<void>;
  signalsOf(leadId: string): Promise<EmailSignal[]>;
  historyOf(leadId: string): Promise<HistoryEntry[]>;
  /** The lead's history and its email signals together, each oldest first: one read of the lead's partition. */
  timelineOf(leadId: string): Promise<{ history: HistoryEntry[]; signals: EmailSignal[] }>;
  /** Leads captured at or after `from` and before `to` (ISO 8601), in capture order: what a report covers, never the whole table. */
  capturedBetween(from: string, to: string): Promise<Lead[]>;
  /** Makes submissions from `email` land on `leadId` (after a merge). */
  redirectEmail(email: string, leadId: string): Promise<void>;
  /** Every lead a rep or queue owns, open ones first by what is due, then closed ones. */
  ownedBy(ownerId: string): Promise<Lead[]>;
  /** Open leads of a rep or queue: the basis of capacity and follow-up debt. */
  openLeadsOf(ownerId: string): Promise<Lead[]>;
  /** Open leads whose next step is due by `until`, then customers whose check-in is: an owner's list of the day, each part by due time. */
  dueBy(ownerId: string, until: string): Promise<Lead[]>;
  /** Stores a new lead with its history entry; `exists` when the email already belongs to a lead. */
  insert(lead: Lead, entry: HistoryEntry): Promise<'inserted' | 'exists'>;
  findByEmail(email: string): Promise<Lead | undefined>;
  /** Notes that the lead's capture, and its hot episodes up to `hotEpisode`, were announced; never moves back to an earlier episode. */
  markAnnounced(leadId: string, at: string, hotEpisode: number): Promise<void>;
  putSpam(submission: SpamSubmission): Promise<void>;
};
