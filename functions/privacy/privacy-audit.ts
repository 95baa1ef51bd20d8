/** The privacy requests Stoke answers about a person: a data subject access request, and the right to erasure. */
export type PrivacyOperation = 'export' | 'erase';

/** What came of a request: done, refused to the caller, no such lead, or failed part-way (the caller may retry). */
export type PrivacyOutcome = 'done' | 'refused' | 'not-found' | 'failed';

/**
 * One line of the privacy audit trail: who asked for what about which lead,
 * when, and what came of it. It names the person who asked, never the person
 * asked about: no email, no name, nothing of the lead but its id, so it
 * outlives the lead's erasure.
 */
export type PrivacyAuditEntry = {
  at: string;
  operation: PrivacyOperation;
  leadId: string;
  /** The signed-in person who asked, by the email they signed in with. */
  by: string;
  /** Their Cognito `sub`: stays the same when their email address changes. */
  bySub: string;
  outcome: PrivacyOutcome;
};

/** A period of the trail; `to` is exclusive. */
export type AuditPeriod = { from: string; to: string };
