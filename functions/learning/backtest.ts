import { instant } from '../engagement/classify-signal.ts';
import type { EngagementRules } from '../engagement/engagement-rules.ts';
import { ScoringModel } from '../scoring/scoring-model.ts';
import { decidedAt, type Outcome, type OutcomeLead } from './outcome-lead.ts';
import { captureScore, firstHotAt } from './replay-score.ts';

/** The thresholds the precision/recall curve is drawn at: 30 to 90 in steps of 5. */
export const curveThresholds = Array.from({ length: 13 }, (_, i) => 30 + 5 * i);

export type CandidateModelCheck = { ok: true; model: ScoringModel } | { ok: false; errors: Array<{ path: string; message: string }> };

/** Checks a candidate model with the schema the shipped model is held to: every problem by its path (`rules.3.points`). */
export function checkCandidateModel(data: unknown): CandidateModelCheck {
  const parsed = ScoringModel.safeParse(data);
  if (parsed.success) return { ok: true, model: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })) };
}

/** "Hot" at one threshold: of the leads whose capture score reached it, how many purchased. */
export type OperatingPoint = {
  threshold: number;
  hot: number;
  purchased: number;
  /** Purchased of the hot ones; null when none was hot. */
  precision: number | null;
  /** Hot of the purchasers; null when nobody purchased. */
  recall: number | null;
};

/**
 * How long purchasers waited for sales, in hours from capture: the median and
 * mean over those that got there, and how many never did before they bought.
 */
export type Wait = { purchasers: number; handedOff: number; notHandedOff: number; medianHours: number | null; meanHours: number | null };

export type ModelBacktest = {
  version: string;
  /** The hot threshold of the headline figures and of the handoff replay. */
  threshold: number;
  /** Leads hot at capture, those of them that purchased, and the purchasers left below hot at capture. */
  hotAtCapture: number;
  purchasedOfHot: number;
  missedPurchasers: number;
  precision: number | null;
  recall: number | null;
  curve: OperatingPoint[];
  /** When the model would have handed each purchaser to sales: the first moment its replayed score reached the threshold, up to the purchase. */
  replayedWait: Wait;
};

export type Backtest = {
  leads: number;
  outcomes: Record<Outcome['type'], number>;
  purchasers: number;
  /** From capture to the first handoff as it happened: the same for both models, beside their replays. */
  actualWait: Wait;
  current: ModelBacktest;
  candidate: ModelBacktest;
};

export type BacktestOptions = {
  current: ScoringModel;
  candidate: ScoringModel;
  /** The engagement rules of the period: they cap and decay the kept points of the honest signals in the replay. */
  engagementRules: EngagementRules;
  /** One hot threshold for both models; without it each model's own `thresholds.hot`. */
  threshold?: number;
};

/**
 * Replays the current and the candidate model over leads with their outcomes
 * and sets them side by side. A purchase is the positive outcome; any other
 * (not interested, still with sales, none) counts as no purchase, so a lead
 * still open may yet turn a "false" hot into a true one. Outcomes exist only
 * where the model of the time sent leads to sales: a candidate that would
 * have sent others is judged on what happened to them without it.
 */
export function backtest(leads: readonly OutcomeLead[], options: BacktestOptions): Backtest {
  const purchasers = leads.filter((lead) => lead.outcome.type === 'purchased');
  const outcomes = { purchased: 0, 'not-interested': 0, 'in-progress': 0, none: 0 };
  for (const lead of leads) outcomes[lead.outcome.type]++;
  const actual = purchasers.map((lead) => (lead.handedOffAt === undefined ? undefined : instant(lead.handedOffAt) - instant(lead.capturedAt)));
  const side = (model: ScoringModel) => modelBacktest(leads, purchasers, model, options.threshold ?? model.thresholds.hot, options.engagementRules);
  return { leads: leads.length, outcomes, purchasers: purchasers.length, actualWait: wait(actual), current: side(options.current), candidate: side(options.candidate) };
}

function modelBacktest(leads: readonly OutcomeLead[], purchasers: readonly OutcomeLead[], model: ScoringModel, threshold: number, rules: EngagementRules): ModelBacktest {
  const scored = captureScores(leads, model);
  const headline = operatingPoint(scored, threshold);
  const replayed = purchasers.map((lead) => {
    const hotAt = firstHotAt(lead, model, rules, threshold, instant(decidedAt(lead.outcome)!));
    return hotAt === undefined ? undefined : hotAt - instant(lead.capturedAt);
  });
  return {
    version: model.version,
    threshold,
    hotAtCapture: headline.hot,
    purchasedOfHot: headline.purchased,
    missedPurchasers: purchasers.length - headline.purchased,
    precision: headline.precision,
    recall: headline.recall,
    curve: curveThresholds.map((t) => operatingPoint(scored, t)),
    replayedWait: wait(replayed),
  };
}

/** Each lead's capture score under `model`, with whether it purchased. */
export type ScoredOutcome = { score: number; purchased: boolean };

export function captureScores(leads: readonly OutcomeLead[], model: ScoringModel): ScoredOutcome[] {
  return leads.map((lead) => ({ score: captureScore(lead, model), purchased: lead.outcome.type === 'purchased' }));
}

export function operatingPoint(scored: readonly ScoredOutcome[], threshold: number): OperatingPoint {
  const hot = scored.filter((s) => s.score >= threshold);
  const purchased = hot.filter((s) => s.purchased).length;
  const purchasers = scored.filter((s) => s.purchased).length;
  return { threshold, hot: hot.length, purchased, precision: hot.length ? purchased / hot.length : null, recall: purchasers ? purchased / purchasers : null };
}

/**
 * The operating point sending sales the number of leads at capture nearest
 * to `hot` (the fewer on a tie), trying every capture score the leads have
 * as the threshold: a threshold between two scores selects the same leads,
 * and one above them all selects nobody, which is no operating point.
 * Two models compared at the same workload have their precision and recall
 * compared fairly, and a model no better than chance cannot win by calling
 * everyone hot. Undefined when there are no leads.
 */
export function atWorkload(scored: readonly ScoredOutcome[], hot: number): OperatingPoint | undefined {
  const thresholds = [...new Set(scored.map((s) => s.score))].sort((a, b) => b - a);
  let nearest: OperatingPoint | undefined;
  for (const threshold of thresholds) {
    const point = operatingPoint(scored, threshold);
    if (nearest === undefined || Math.abs(point.hot - hot) < Math.abs(nearest.hot - hot)) nearest = point;
  }
  return nearest;
}

function wait(milliseconds: ReadonlyArray<number | undefined>): Wait {
  const hours = milliseconds.filter((ms): ms is number => ms !== undefined).map((ms) => ms / 3_600_000).sort((a, b) => a - b);
  const tenths = (n: number) => Math.round(n * 10) / 10;
  const middle = Math.floor(hours.length / 2);
  const median = hours.length === 0 ? null : hours.length % 2 ? hours[middle]! : (hours[middle - 1]! + hours[middle]!) / 2;
  return {
    purchasers: milliseconds.length,
    handedOff: hours.length,
    notHandedOff: milliseconds.length - hours.length,
    medianHours: median === null ? null : tenths(median),
    meanHours: hours.length ? tenths(hours.reduce((sum, h) => sum + h, 0) / hours.length) : null,
  };
}
