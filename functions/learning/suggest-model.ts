import type { EngagementRules } from '../engagement/engagement-rules.ts';
import { parseScoringModel, type ScoringModel, type ScoringRule } from '../scoring/scoring-model.ts';
import { atWorkload, type Backtest, backtest, captureScores, operatingPoint } from './backtest.ts';
import { fitLogistic } from './logistic-regression.ts';
import type { OutcomeLead } from './outcome-lead.ts';
import { firedAtCapture, fitIndicators, type Indicator } from './rule-indicators.ts';
import { minimumSample } from './signal-lift.ts';

/** One fit rule (or choice option): its points now and suggested, and why. */
export type SuggestedPoints = Pick<Indicator, 'id' | 'rule' | 'option'> & {
  current: number;
  suggested: number;
  /** Its measured log-odds of a purchase, the others held equal; null when it was not weighed. */
  logOdds: number | null;
  basis: 'fitted' | 'kept';
  why?: string;
};

export type Suggestion = {
  /** A candidate in the shipped model's schema: the current rules with suggested points and thresholds. Never applied by Stoke. */
  model: ScoringModel;
  points: SuggestedPoints[];
  /** Null when no rule could be weighed. */
  regression: { lambda: number; iterations: number; converged: boolean; intercept: number; pointsPerLogOdds: number | null } | null;
  /** How the suggestion's hot threshold was set. */
  threshold: { hot: number; warm: number; basis: string };
  /** The current model beside the suggestion, each at its own hot threshold. */
  backtest: Backtest;
};

export type SuggestOptions = {
  engagementRules: EngagementRules;
  /** The L2 penalty; 1 is the weight of one lead, enough against separation, small beside hundreds of leads. */
  lambda?: number;
};

/**
 * A scoring model whose points follow what the outcomes say: a logistic
 * regression of "purchased" on the fit rules that fired at capture, each
 * rule's coefficient turned into points in proportion. The scale makes the
 * weighed rules spread these leads' capture scores over as many points as the
 * current model spreads them (lowest to highest), so the suggestion reads
 * like the current model and the engagement points keep their weight beside
 * it; its hot threshold keeps sales' workload at capture. Rules that fired on
 * too few leads, or on all but a few, keep their points: the outcomes cannot
 * weigh them. Engagement points are the engagement rules', not the scoring
 * model's; their lift is in `signalLift`. The fit and the backtest use the
 * same leads, so the backtest flatters the suggestion somewhat: a later
 * quarter is the real test.
 */
export function suggestModel(leads: readonly OutcomeLead[], current: ScoringModel, options: SuggestOptions): Suggestion {
  const lambda = options.lambda ?? 1;
  const indicators = fitIndicators(current);
  const fired = leads.map((lead) => firedAtCapture(lead, current));
  const firing = (id: string) => fired.filter((set) => set.has(id)).length;
  const weighable = (n: number) => n >= minimumSample.leadsEachSide && leads.length - n >= minimumSample.leadsEachSide;
  const purchasers = leads.filter((lead) => lead.outcome.type === 'purchased').length;
  const contrast = purchasers > 0 && purchasers < leads.length;
  const weighed = contrast ? indicators.filter((indicator) => weighable(firing(indicator.id))) : [];

  const fit = weighed.length
    ? fitLogistic(
        fired.map((set) => weighed.map((indicator) => (set.has(indicator.id) ? 1 : 0))),
        leads.map((lead) => lead.outcome.type === 'purchased'),
        { lambda },
      )
    : undefined;
  const logOdds = new Map(weighed.map((indicator, i) => [indicator.id, fit!.coefficients[i]!]));
  const currentSpan = spread(captureScores(leads, current).map((s) => s.score));
  const fittedSpan = spread(fired.map((set) => weighed.reduce((sum, indicator) => sum + (set.has(indicator.id) ? logOdds.get(indicator.id)! : 0), 0)));
  // Nothing weighed, or no difference the weighed rules make between these leads, leaves nothing to scale: the points stay.
  const pointsPerLogOdds = fittedSpan > 1e-9 && currentSpan > 0 ? currentSpan / fittedSpan : null;

  const points = indicators.map((indicator): SuggestedPoints => {
    const measured = logOdds.get(indicator.id);
    const base = { id: indicator.id, rule: indicator.rule, ...(indicator.option === undefined ? {} : { option: indicator.option }), current: indicator.points };
    if (measured === undefined || pointsPerLogOdds === null) {
      const why = !contrast
        ? `${purchasers} of ${leads.length} leads purchased: no contrast to learn from`
        : measured === undefined
          ? `fired on ${firing(indicator.id)} of ${leads.length} leads: too few on one side to weigh`
          : 'the outcomes show no difference between the rules';
      return { ...base, suggested: indicator.points, logOdds: null, basis: 'kept', why };
    }
    // Whole points within the schema's bounds; + 0 turns the -0 of a small negative into 0.
    return { ...base, suggested: Math.max(-100, Math.min(100, Math.round(measured * pointsPerLogOdds))) + 0, logOdds: measured, basis: 'fitted' };
  });

  const suggested = new Map(points.map((p) => [p.id, p.suggested]));
  const rules = current.rules.map((rule): ScoringRule =>
    rule.kind === 'choice'
      ? { ...rule, options: Object.fromEntries(Object.entries(rule.options).map(([option, value]) => [option, { ...value, points: suggested.get(`${rule.id}=${option}`)! }])) }
      : { ...rule, points: suggested.get(rule.id)! },
  );
  const threshold = pointsPerLogOdds === null ? { ...current.thresholds, basis: 'the current thresholds: the points did not change' } : sameWorkloadThreshold(leads, current, { ...current, rules });
  const model = parseScoringModel({ ...current, version: `${current.version}-suggested`, thresholds: { hot: threshold.hot, warm: threshold.warm }, rules }, 'suggested scoring model');
  return {
    model,
    points,
    regression: fit ? { lambda, iterations: fit.iterations, converged: fit.converged, intercept: fit.intercept, pointsPerLogOdds } : null,
    threshold,
    backtest: backtest(leads, { current, candidate: model, engagementRules: options.engagementRules }),
  };
}

/**
 * The suggestion's hot threshold: the one sending sales about as many leads
 * at capture as the current model does at its own hot threshold, so the two
 * are compared at the same workload and sales gets no more leads than today;
 * warm stays as far below it as in the current model. When nobody is hot at
 * capture now, there is no workload to match and the current ones stay.
 */
function sameWorkloadThreshold(leads: readonly OutcomeLead[], current: ScoringModel, candidate: ScoringModel): Suggestion['threshold'] {
  const now = operatingPoint(captureScores(leads, current), current.thresholds.hot);
  const matched = now.hot === 0 ? undefined : atWorkload(captureScores(leads, candidate), now.hot);
  if (!matched) return { ...current.thresholds, basis: 'the current thresholds: nobody is hot at capture under the current model' };
  return {
    hot: matched.threshold,
    warm: matched.threshold - (current.thresholds.hot - current.thresholds.warm),
    basis: `the capture score that makes ${matched.hot} leads hot at capture, as near as the suggestion gets to the current model's ${now.hot} at ${current.thresholds.hot}`,
  };
}

/** From the lowest to the highest (a loop: a quarter's leads are too many to spread into Math.max's arguments). */
function spread(values: readonly number[]): number {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  return values.length ? high - low : 0;
}
