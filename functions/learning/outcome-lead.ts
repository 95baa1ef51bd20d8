import type { PointedSignal } from '../engagement/engagement-score.ts';
import type { HistoryEntry } from '../leads/history.ts';
import type { EmailSignal, Lead } from '../leads/lead.ts';
import { ScoredField } from '../scoring/scoring-model.ts';
import * as z from '../platform/zod.ts';

/** The fields scoring reads, as one submission gave them. */
export const FitInputs = z.partialRecord(ScoredField, z.string());
export type FitInputs = z.infer<typeof FitInputs>;

/** What sales recorded: a purchase or a refusal (with when), a lead sales still holds, or none. */
export type Outcome = { type: 'purchased'; at: string } | { type: 'not-interested'; at: string } | { type: 'in-progress' } | { type: 'none' };

/**
 * What a backtest needs of one lead: what the person told at capture and on
 * each later submission, their honest engagement with when it happened, their
 * first handoff and their outcome. Nothing that names the person: the domain
 * rules read only the email's domain.
 */
export type OutcomeLead = {
  leadId: string;
  emailDomain: string;
  capturedAt: string;
  fitInputs: FitInputs;
  /** Each later submission: a re-inquiry signal, and new non-empty fields that win, as capture merges them. */
  reinquiries: Array<{ at: string; fitInputs: FitInputs }>;
  /** The opens and clicks the filter judged a person's, with the points the engagement rules gave them then. */
  engagement: PointedSignal[];
  /** When sales was first given the lead. */
  handedOffAt?: string;
  outcome: Outcome;
};

export type OutcomeLeadRead = { type: 'read'; lead: OutcomeLead } | { type: 'skipped'; leadId: string; reason: string };

/**
 * The outcome lead of a stored lead and its timeline (`LeadStore.timelineOf`:
 * history and email signals in one read). Skipped: duplicates merged into
 * another lead (their outcome is the merge, not a decision), and leads whose
 * capture entry predates the fit inputs it now keeps and who came back since
 * (their profile holds the later answers). One that never came back still says
 * what it said at capture: its profile is its capture.
 */
export function outcomeLeadOf(lead: Lead, timeline: { history: readonly HistoryEntry[]; signals: readonly EmailSignal[] }): OutcomeLeadRead {
  const skipped = (reason: string): OutcomeLeadRead => ({ type: 'skipped', leadId: lead.leadId, reason });
  if (lead.mergedInto) return skipped(`merged into ${lead.mergedInto}`);
  // A merge copies the duplicate's history into the survivor, marked mergedFrom: those submissions were not this lead's.
  const own = timeline.history.filter((entry) => entry.details.mergedFrom === undefined).sort((a, b) => a.at.localeCompare(b.at));
  const reinquired = own.filter((entry) => entry.type === 're-inquired');
  const kept = own.find((entry) => entry.type === 'captured')?.details.fitInputs;
  const captured = FitInputs.safeParse(kept ?? (reinquired.length === 0 ? profileInputs(lead) : undefined));
  if (!captured.success) return skipped('what it said at capture is not kept (its capture entry predates that, and it came back since)');
  const reinquiries = reinquired.map((entry) => ({ at: entry.at, fitInputs: FitInputs.safeParse(entry.details.fitInputs).data ?? {} }));
  const handedOffAt = own.find((entry) => entry.type === 'assigned')?.at;
  return {
    type: 'read',
    lead: {
      leadId: lead.leadId,
      emailDomain: lead.email.slice(lead.email.lastIndexOf('@') + 1),
      capturedAt: lead.capturedAt,
      fitInputs: captured.data,
      reinquiries,
      engagement: timeline.signals.filter(isPointed).map(({ type, at, messageId, rule, points, reason }) => ({ type, at, messageId, rule, points, reason })),
      ...(handedOffAt ? { handedOffAt } : {}),
      outcome: outcomeOf(lead),
    },
  };
}

/** The scored answers of a lead's profile, as a capture entry keeps them. */
function profileInputs(lead: Lead): FitInputs {
  const profile = lead.profile as Partial<Record<ScoredField, unknown>>;
  return Object.fromEntries(ScoredField.options.flatMap((field) => (typeof profile[field] === 'string' && profile[field] ? [[field, profile[field]]] : [])));
}

function isPointed(signal: EmailSignal): signal is EmailSignal & PointedSignal {
  return signal.human === true && (signal.type === 'open' || signal.type === 'click') && signal.rule !== undefined && signal.points !== undefined && signal.reason !== undefined;
}

// 'assigned' counts as in progress: sales holds the lead and has decided nothing yet.
function outcomeOf(lead: Lead): Outcome {
  if (lead.status === 'purchased') return { type: 'purchased', at: lead.purchase?.at ?? lead.updatedAt };
  if (lead.status === 'not-interested') return { type: 'not-interested', at: lead.notInterested?.at ?? lead.updatedAt };
  if (lead.status === 'assigned' || lead.status === 'in-progress') return { type: 'in-progress' };
  return { type: 'none' };
}

/** When the outcome was recorded: signals from then on came after the decision and say nothing about it. */
export function decidedAt(outcome: Outcome): string | undefined {
  return outcome.type === 'purchased' || outcome.type === 'not-interested' ? outcome.at : undefined;
}
