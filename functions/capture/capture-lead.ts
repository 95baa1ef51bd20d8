import { randomUUID } from 'node:crypto';
import { leadBecameHot } from '../events/lead-became-hot.ts';
import { leadCaptured } from '../events/lead-captured.ts';
import { leadReinquired } from '../events/lead-reinquired.ts';
import type { EventPublisher } from '../events/event-publisher.ts';
import type { HistoryEntry } from '../leads/history.ts';
import { compact, consentOf, type Lead, mergeSubmission, profileOf, type Submission, touchOf } from '../leads/lead.ts';
import type { LeadStore } from '../leads/lead-store.ts';
import { backoff } from '../platform/backoff.ts';
import { ConcurrentUpdateError } from '../platform/errors.ts';
import { score } from '../scoring/score.ts';
import type { ScoringModel } from '../scoring/scoring-model.ts';

export type CaptureDeps = {
  leads: LeadStore;
  events: EventPublisher;
  model: ScoringModel;
  /** How long honeypot submissions are kept, in days. */
  spamRetentionDays: number;
};

export type CaptureResult =
  | { type: 'created'; lead: Lead }
  | { type: 'merged'; lead: Lead; previous: Lead }
  | { type: 'spam'; submissionId: string };

const maxMergeAttempts = 5;

/**
 * Stores one person once. A new email becomes a scored lead and is announced;
 * a known email merges into its lead and counts as a re-inquiry.
 */
export async function captureLead(submission: Submission, deps: CaptureDeps): Promise<CaptureResult> {
  if (submission.form.website !== undefined) return keepAsSpam(submission, deps);

  const lead = newLead(submission, deps.model);
  const outcome = await deps.leads.insert(lead, historyEntry('captured', lead, submission));
  if (outcome === 'inserted') {
    await announce(lead, deps);
    return { type: 'created', lead };
  }
  return mergeIntoExisting(submission, deps);
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

async function mergeIntoExisting(submission: Submission, deps: CaptureDeps): Promise<CaptureResult> {
  for (let attempt = 0; attempt < maxMergeAttempts; attempt++) {
    const previous = await deps.leads.findByEmail(submission.form.email);
    if (!previous) throw new ConcurrentUpdateError('The lead');
    const merged = mergeSubmission(previous, submission);
    const rescored = score(merged, deps.model);
    // Only the writer whose update wins sees the crossing, so each crossing is one episode.
    const becameHot = rescored.temperature === 'hot' && previous.score.temperature !== 'hot';
    const lead = compact({ ...merged, score: rescored, hotEpisode: (previous.hotEpisode ?? 0) + (becameHot ? 1 : 0) });
    const outcome = await deps.leads.save(lead, previous.version, [historyEntry('re-inquired', lead, submission, previous)]);
    if (outcome === 'stale') {
      await backoff(attempt);
      continue;
    }

    // A request that stored a change but failed to announce it is completed by its retry.
    if (!previous.announcedAt) await announce(lead, deps);
    else if (lead.hotEpisode > (previous.hotAnnounced ?? 0)) await announceHot(lead, submission.at, deps);
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
  throw new ConcurrentUpdateError('The lead');
}

/** Publishes lead.captured only after the lead is stored, then notes that it was. */
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
  await deps.leads.markAnnounced(lead.leadId, lead.updatedAt, lead.hotEpisode);
}

/** A known lead turned hot: sales must hear of it once per episode. */
async function announceHot(lead: Lead, at: string, deps: CaptureDeps): Promise<void> {
  await deps.events.publish(leadBecameHot, {
    version: 1,
    leadId: lead.leadId,
    episode: lead.hotEpisode,
    score: lead.score.total,
    cause: 're-inquiry',
    at,
  });
  await deps.leads.markAnnounced(lead.leadId, lead.announcedAt ?? at, lead.hotEpisode);
}

async function keepAsSpam(submission: Submission, deps: CaptureDeps): Promise<CaptureResult> {
  const submissionId = randomUUID();
  const expiresAt = Math.floor(Date.parse(submission.at) / 1000) + deps.spamRetentionDays * 86_400;
  await deps.leads.putSpam(compact({ submissionId, at: submission.at, expiresAt, formId: submission.form.formId, ip: submission.ip }));
  return { type: 'spam', submissionId };
}

function historyEntry(type: HistoryEntry['type'], lead: Lead, submission: Submission, previous?: Lead): HistoryEntry {
  return {
    type,
    at: submission.at,
    by: 'lead',
    details: compact({
      touch: touchOf(submission),
      consentGiven: submission.form.consent || undefined,
      score: lead.score.total,
      temperature: lead.score.temperature,
      breakdown: lead.score.breakdown,
      previousScore: previous?.score.total,
      previousTemperature: previous?.score.temperature,
    }),
  };
}
