import type { EngagementRules } from '../engagement/engagement-rules.ts';
import type { ScoringModel } from '../scoring/scoring-model.ts';
import type { OutcomeLead } from './outcome-lead.ts';
import { engagementIndicators, firedAtCapture, firedBeforeOutcome, fitIndicators, type Indicator } from './rule-indicators.ts';

/**
 * Below this a verdict would be a guess: at least 30 leads on each side, and
 * on each side 5 purchases, seen or expected. Seen: a few leads that mostly
 * bought say plenty. Expected if the rule made no difference (the rule of
 * thumb behind the chi-square test): fifty leads of whom none bought, where
 * seven would have, say plenty too.
 */
export const minimumSample = { leadsEachSide: 30, purchasesEachSide: 5 } as const;

export type Side = { leads: number; purchased: number; rate: number | null };

export type Verdict = 'predicts-sale' | 'predicts-no-sale' | 'not-significant' | 'not-enough-outcomes';

export type SignalLift = Indicator & {
  fired: Side;
  notFired: Side;
  /** The purchase rate where it fired over the rate where it did not. */
  lift: number | null;
  /** 95% interval of the lift. */
  interval: { low: number; high: number } | null;
  verdict: Verdict;
  /** The verdict in a sentence a marketer reads. */
  says: string;
};

/**
 * For each fit rule of `model` (each option of a choice rule) and each
 * engagement rule: the leads it fired on, their purchase rate against the
 * others', and the lift with its interval.
 */
export function signalLift(leads: readonly OutcomeLead[], model: ScoringModel, rules: EngagementRules): SignalLift[] {
  const fired = leads.map((lead) => ({ purchased: lead.outcome.type === 'purchased', indicators: new Set([...firedAtCapture(lead, model), ...firedBeforeOutcome(lead)]) }));
  const purchased = fired.filter((f) => f.purchased).length;
  return [...fitIndicators(model), ...engagementIndicators(model, rules)].map((indicator) => {
    const on = fired.filter((f) => f.indicators.has(indicator.id));
    const yes = { leads: on.length, purchased: on.filter((f) => f.purchased).length };
    const no = { leads: leads.length - yes.leads, purchased: purchased - yes.purchased };
    const { lift, interval } = liftOf(yes, no);
    const { verdict, says } = judge(yes, no, lift, interval, purchased / Math.max(1, leads.length));
    return { ...indicator, fired: side(yes), notFired: side(no), lift, interval, verdict, says };
  });
}

type Count = { leads: number; purchased: number };

/**
 * The rate ratio with Katz's log interval: ln(lift) ± 1.96 · √(1/a − 1/n₁ + 1/c − 1/n₀).
 * With no purchase on a side the ratio or its logarithm is not finite, so
 * both the estimate and the interval then add half a lead to each of the four
 * cells (Haldane and Anscombe), and the interval still holds the estimate.
 */
export function liftOf(fired: Count, notFired: Count): { lift: number | null; interval: { low: number; high: number } | null } {
  if (fired.leads === 0 || notFired.leads === 0) return { lift: null, interval: null };
  const half = fired.purchased === 0 || notFired.purchased === 0 ? 0.5 : 0;
  const a = fired.purchased + half;
  const n1 = fired.leads + 2 * half;
  const c = notFired.purchased + half;
  const n0 = notFired.leads + 2 * half;
  const lift = a / n1 / (c / n0);
  const spread = 1.96 * Math.sqrt(Math.max(0, 1 / a - 1 / n1 + 1 / c - 1 / n0));
  return { lift, interval: { low: lift * Math.exp(-spread), high: lift * Math.exp(spread) } };
}

function judge(fired: Count, notFired: Count, lift: number | null, interval: SignalLift['interval'], rate: number): { verdict: Verdict; says: string } {
  const enough = (s: Count) => s.leads >= minimumSample.leadsEachSide && Math.max(s.purchased, s.leads * rate) >= minimumSample.purchasesEachSide;
  if (lift === null || interval === null || !enough(fired) || !enough(notFired)) {
    return {
      verdict: 'not-enough-outcomes',
      says: `Not enough outcomes yet: it fired on ${leadsIn(fired.leads)} and not on ${leadsIn(notFired.leads)}; a verdict needs ${minimumSample.leadsEachSide} on each side and ${minimumSample.purchasesEachSide} purchases on each, seen or expected.`,
    };
  }
  const range = `95% interval ${round(interval.low)} to ${round(interval.high)}`;
  if (interval.low > 1) return { verdict: 'predicts-sale', says: `Predicts a sale: leads it fired on bought ${round(lift)} times as often as the others (${range}).` };
  if (interval.high < 1) return { verdict: 'predicts-no-sale', says: `Predicts no sale: leads it fired on bought ${round(lift)} times as often as the others (${range}).` };
  return { verdict: 'not-significant', says: `Not significant: ${round(lift)} times the others' purchase rate, but anything from ${round(interval.low)} to ${round(interval.high)} fits these outcomes.` };
}

function side({ leads, purchased }: Count): Side {
  return { leads, purchased, rate: leads ? purchased / leads : null };
}

function round(n: number): string {
  return n >= 10 ? n.toFixed(0) : n.toPrecision(2);
}

function leadsIn(count: number): string {
  return `${count} ${count === 1 ? 'lead' : 'leads'}`;
}
