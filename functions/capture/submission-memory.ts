import { createHash } from 'node:crypto';
import type { Lead, RememberedSubmission, Submission } from '../leads/lead.ts';
import type { LeadForm } from './lead-form.ts';

/**
 * How long a submission is recognised when it comes again. Without a key, two
 * identical submissions are a retry only if they are close: clients, proxies and
 * people pressing the button again retry within seconds, and a retry after an
 * outage (a 503's Retry-After, a queued form resent once the network is back)
 * within minutes; the same form sent again after that is a person coming back.
 * An Idempotency-Key names one submission by contract, so it can be honoured a
 * day, as payment APIs do, without ever mistaking a new visit for a retry.
 */
export const recognisedFor = { derived: 10 * 60_000, idempotencyKey: 24 * 60 * 60_000 } as const;

// A lead posted to this often within a day is a script, not a person: older entries make way.
const maxRemembered = 25;

/**
 * Names a submission: by the client's Idempotency-Key when it sent one, else by
 * what was submitted (the normalised form: trimmed, lower-cased email, blanks
 * dropped), so that only an identical retry matches. Both include the email, so
 * that one person's key never answers for another. Hashed: the lead item keeps no second copy of the form.
 */
export function submissionKey(submission: Pick<Submission<LeadForm>, 'form'>, idempotencyKey?: string): { key: string; ttlMs: number } {
  const { website: _honeypot, ...form } = submission.form;
  const named = idempotencyKey !== undefined
    ? ['idempotency-key', form.email, idempotencyKey]
    : ['form', ...Object.entries(form).filter(([, value]) => value !== undefined).sort(([a], [b]) => (a < b ? -1 : 1))];
  const key = createHash('sha256').update(JSON.stringify(named)).digest('base64url').slice(0, 22);
  return { key, ttlMs: idempotencyKey !== undefined ? recognisedFor.idempotencyKey : recognisedFor.derived };
}

/** The first answer to this submission, if the lead still recognises it at `at`. */
export function recall(lead: Lead, key: string, at: string): RememberedSubmission | undefined {
  return lead.recentSubmissions?.find((remembered) => remembered.key === key && remembered.until > at);
}

/** The submissions to keep on the lead once `answered` is stored: the ones still recognised at `at`, and it. */
export function remember(lead: Lead | undefined, answered: RememberedSubmission, at: string): RememberedSubmission[] {
  const current = (lead?.recentSubmissions ?? []).filter((remembered) => remembered.until > at && remembered.key !== answered.key);
  return [...current, answered].slice(-maxRemembered);
}
