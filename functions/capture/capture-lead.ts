import { randomUUID } from 'node:crypto';
import { leadCaptured } from '../events/lead-captured.ts';
import { leadReinquired } from '../events/lead-reinquired.ts';
import type { EventPublisher } from '../events/event-publisher.ts';
import type { HistoryEntry } from '../leads/history.ts';
import { announceBecameHot } from '../leads/hot-announcement.ts';
import { compact, consentOf, type Lead, mergeSubmission, profileOf, type RememberedSubmission, type Submission as LeadSubmission, touchOf } from '../leads/lead.ts';
import type { LeadStore } from '../leads/lead-store.ts';
import type { FigureStore } from '../marketing/figure-store.ts';
import { captured } from '../marketing/tallies.ts';
import { retryLostRaces } from '../leads/update-lead.ts';
import { backoff } from '../platform/backoff.ts';
import { score } from '../scoring/score.ts';
import { ScoredField, type ScoringModel } from '../scoring/scoring-model.ts';
import type { LeadForm } from './lead-form.ts';
import { recall, remember, submissionKey } from './submission-memory.ts';

/** A submission of the capture API's form. */
export type Submission = LeadSubmission<LeadForm>;

export type CaptureDeps = {
  leads: LeadStore;
  events: EventPublisher;
  figures: FigureStore;
  model: ScoringModel;
  /** How long honeypot submissions are kept, in days. */
  spamRetentionDays: number;
};

export type CaptureResult =
  | { type: 'created'; lead: Lead }
  | { type: 'merged'; lead: Lead; previous: Lead }
  /** The same submission again (a retry): answered as the first was, nothing counted twice. */
  | { type: 'retried'; lead: Lead; first: RememberedSubmission }
  | { type: 'spam'; submissionId: string };

// Outlasts 20 writers on one lead at once (40 in trials), a form posted over and over: the
// full-jitter waits add up to 4.2 s at most, 2.1 s on average, inside the function's 10 s.
const maxAttempts = 10;

/**
 * Stores one person once. A new email becomes a scored lead and is announced;
 * a known email merges into its lead and counts as a re-inquiry; a submission
 * the lead recognises (its Idempotency-Key, or the identical form shortly
 * after) is a retry: answered as the first was, and it completes what the
 * first may have left undone (the announcement), but counts nothing again.
 */
export async function captureLead(submission: Submission, deps: CaptureDeps, idempotencyKey?: string): Promise<CaptureResult> {
  if (submission.form.website !== undefined) return keepAsSpam(submission, deps);

  const { key, ttlMs } = submissionKey(submission, idempotencyKey);
  const until = new Date(Date.parse(submission.at) + ttlMs).toISOString();
  return retryLostRaces(
    async (attempt) => {
      // Most submissions are new leads: the first attempt stores one without reading; the insert says when the email is taken.
      const previous = attempt > 0 ? await deps.leads.findByEmail(submission.form.email) : undefined;
      return previous ? mergeInto(previous, submission, { key, until }, deps) : insertNew(submission, { key, until }, deps);
    },
    {
      attempts: maxAttempts,
      // After a lost race for the lead, a pause that spreads the losers out before they read again.
      pause: (next) => (next > 1 ? backoff(next - 1) : undefined),
    },
  );
}

type SubmissionName = { key: string; until: string };

async function insertNew(submission: Submission, name: SubmissionName, deps: CaptureDeps): Promise<CaptureResult | undefined> {
  const created = newLead(submission, deps.model);
  const lead: Lead = { ...created, recentSubmissions: [{ ...name, status: 201, temperature: created.score.temperature }] };
  if ((await deps.leads.insert(lead, historyEntry('captured', lead, submission))) === 'exists') return undefined;
  await announce(lead, deps);
  return { type: 'created', lead };
}

function newLead(submission: Submission, model: ScoringModel): Lead {
  const unscored = {
    leadId: randomUUID(),
    email: submission.form.email,
    profile: profileOf(submission.form),
    firstTouch: touchOf(submission),
    lastTouch: touchOf(submission),
    consent: consentOf(submission),
    signals: [],
    status: 'new' as const,
    capturedAt: submission.at,
    updatedAt: submission.at,
    version: 1,
  };
  const scored = score(unscored, model);
  return compact({ ...unscored, score: scored, capturedTemperature: scored.temperature, hotEpisode: scored.temperature === 'hot' ? 1 : 0 });
}

/** Undefined when another writer saved the lead after `previous` was read. */
async function mergeInto(previous: Lead, submission: Submission, name: SubmissionName, deps: CaptureDeps): Promise<CaptureResult | undefined> {
  const first = recall(previous, name.key, submission.at);
  if (first) {
    await completeAnnouncements(previous, submission.at, deps);
    return { type: 'retried', lead: previous, first };
  }

  const merged = mergeSubmission(previous, submission);
  const rescored = score(merged, deps.model);
  // Only the writer whose update wins sees the crossing, so each crossing is one episode.
  const becameHot = rescored.temperature === 'hot' && previous.score.temperature !== 'hot';
  const lead: Lead = compact({
    ...merged,
    score: rescored,
    hotEpisode: (previous.hotEpisode ?? 0) + (becameHot ? 1 : 0),
    // Stored with the merge itself: a retry of a merge that was saved is recognised even if its answer was lost.
    recentSubmissions: remember(previous, { ...name, status: 200, temperature: rescored.temperature }, submission.at),
  });
  if ((await deps.leads.save(lead, previous.version, [historyEntry('re-inquired', lead, submission, previous)])) === 'stale') return undefined;

  await completeAnnouncements(lead, submission.at, deps);
  await deps.events.publish(leadReinquired, {
    version: 1,
    leadId: lead.leadId,
    temperature: lead.score.temperature,
    previousTemperature: previous.score.temperature,
    score: lead.score.total,
    at: submission.at,
  });
  return { type: 'merged', lead, previous };
}

/** A request that stored a change but failed to announce it is completed by the next one: its retry, or a re-inquiry. */
async function completeAnnouncements(lead: Lead, at: string, deps: CaptureDeps): Promise<void> {
  if (!lead.announcedAt) await announce(lead, deps);
  else await announceBecameHot(lead, 're-inquiry', at, deps);
}

/** Publishes lead.captured only after the lead is stored, and counts it in marketing's funnel, then notes that it was. */
async function announce(lead: Lead, deps: CaptureDeps): Promise<void> {
  await deps.events.publish(leadCaptured, {
    version: 1,
    leadId: lead.leadId,
    temperature: lead.score.temperature,
    score: lead.score.total,
    consent: lead.consent !== undefined,
    capturedAt: lead.capturedAt,
    country: lead.profile.country,
    interest: lead.profile.interest,
    source: compact({
      formId: lead.firstTouch.formId,
      utmSource: lead.firstTouch.utmSource,
      utmMedium: lead.firstTouch.utmMedium,
      utmCampaign: lead.firstTouch.utmCampaign,
    }),
  });
  await deps.figures.record(captured(lead));
  await deps.leads.markAnnounced(lead.leadId, lead.updatedAt, lead.hotEpisode);
}

async function keepAsSpam(submission: Submission, deps: CaptureDeps): Promise<CaptureResult> {
  const submissionId = randomUUID();
  const expiresAt = Math.floor(Date.parse(submission.at) / 1000) + deps.spamRetentionDays * 86_400;
  await deps.leads.putSpam(compact({ submissionId, at: submission.at, expiresAt, formId: submission.form.formId, ip: submission.ip }));
  return { type: 'spam', submissionId };
}

/**
 * The fields scoring reads, as this submission gave them. The lead keeps only
 * the merged profile, so without these a backtest (functions/learning) could
 * not replay another model over what the person said at capture and after.
 */
function fitInputsOf(form: LeadForm): Partial<Record<ScoredField, string>> {
  return compact(Object.fromEntries(ScoredField.options.map((field) => [field, form[field]])));
}

function historyEntry(type: HistoryEntry['type'], lead: Lead, submission: Submission, previous?: Lead): HistoryEntry {
  return {
    type,
    at: submission.at,
    by: 'lead',
    details: compact({
      touch: touchOf(submission),
      fitInputs: fitInputsOf(submission.form),
      consentGiven: submission.form.consent || undefined,
      score: lead.score.total,
      temperature: lead.score.temperature,
      breakdown: lead.score.breakdown,
      previousScore: previous?.score.total,
      previousTemperature: previous?.score.temperature,
    }),
  };
}
