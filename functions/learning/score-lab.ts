import type { EngagementRules } from '../engagement/engagement-rules.ts';
import type { Period } from '../marketing/period.ts';
import type { ScoringModel } from '../scoring/scoring-model.ts';
import { type Backtest, backtest } from './backtest.ts';
import type { OutcomeLead } from './outcome-lead.ts';
import { minimumSample, type SignalLift, signalLift } from './signal-lift.ts';
import { type Suggestion, suggestModel } from './suggest-model.ts';
import { withValueProbes } from './value-probes.ts';

/*
 * What marketing's score lab answers (`/marketing/scoring/...`, the desk's
 * Scoring page, `npm run score:backtest`): pure, over the leads captured in
 * the period as a backtest reads them.
 */

/** The leads the answer is about: captured in the period, read with their outcomes, and those that could not be read. */
export type LabLeads = { period: Period; leads: number; skipped: Array<{ leadId: string; reason: string }> };

export type BacktestAnswer = LabLeads & { backtest: Backtest };

/** A candidate model replayed beside the current one over the period's leads. */
export function backtestAnswer(
  lab: { period: Period; leads: readonly OutcomeLead[]; skipped: LabLeads['skipped'] },
  options: { current: ScoringModel; candidate: ScoringModel; engagementRules: EngagementRules; threshold?: number | undefined },
): BacktestAnswer {
  const { current, candidate, engagementRules, threshold } = options;
  return {
    period: lab.period,
    leads: lab.leads.length,
    skipped: lab.skipped,
    backtest: backtest(lab.leads, { current, candidate, engagementRules, ...(threshold === undefined ? {} : { threshold }) }),
  };
}

export type SignalsAnswer = LabLeads & {
  purchasers: number;
  /** Below these a rule's verdict is "not enough outcomes yet". */
  minimumSample: typeof minimumSample;
  lifts: SignalLift[];
  /** Points in proportion to what the outcomes say, with its backtest; never applied by Stoke. */
  suggestion: Suggestion;
};

/**
 * Which rules really precede a sale, and the model the outcomes suggest. Every
 * interest enough leads gave is weighed too, as a rule of 0 points: marketing
 * asks for it on the form, and the model may not score it yet.
 */
export function signalsAnswer(
  lab: { period: Period; leads: readonly OutcomeLead[]; skipped: LabLeads['skipped'] },
  options: { current: ScoringModel; engagementRules: EngagementRules },
): SignalsAnswer {
  const current = withValueProbes(options.current, lab.leads, 'interest');
  return {
    period: lab.period,
    leads: lab.leads.length,
    skipped: lab.skipped,
    purchasers: lab.leads.filter((lead) => lead.outcome.type === 'purchased').length,
    minimumSample,
    lifts: signalLift(lab.leads, current, options.engagementRules),
    suggestion: suggestModel(lab.leads, current, { engagementRules: options.engagementRules }),
  };
}
