import type { SignalLift, Verdict } from '../api/types.ts';

/** A ratio as the verdicts say it: "2.1×", "0.45×", "12×"; "–" when there is none. */
export function times(ratio: number | null): string {
  if (ratio === null) return '–';
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toPrecision(2)}×`;
}

/** Points with their sign, as a marketer compares them: "+25", "−15", "0". */
export const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

/** A log-odds with its sign and two decimals: "+0.85", "−1.20". */
export const logOddsWords = (n: number): string => (n >= 0 ? '+' : '−') + Math.abs(n).toFixed(2);

/** A wait given in hours, as people say it: "at once", "40 minutes", "5.5 hours", "3.2 days"; "–" for none. */
export function waitWords(hours: number | null): string {
  if (hours === null) return '–';
  if (hours === 0) return 'at once';
  const one = (n: number, unit: string) => {
    const shown = n.toLocaleString('en-GB', { maximumFractionDigits: 1 });
    return `${shown} ${shown === '1' ? unit : `${unit}s`}`;
  };
  if (hours < 1) return one(Math.round(hours * 60), 'minute');
  return hours < 48 ? one(hours, 'hour') : one(hours / 24, 'day');
}

/** A rule and, for a choice, its option: "budget: 250k-plus". */
export const ruleName = ({ rule, option }: { rule: string; option?: string | undefined }): string => (option === undefined ? rule : `${rule}: ${option}`);

// A verdict either way first, then those the interval leaves open, then those without enough outcomes.
const rank: Record<Verdict, number> = { 'predicts-sale': 0, 'predicts-no-sale': 0, 'not-significant': 1, 'not-enough-outcomes': 2 };

/** Strongest first: by verdict, then by how far the lift is from no difference (1×) either way. */
export function strongestFirst(lifts: readonly SignalLift[]): SignalLift[] {
  const strength = (lift: number | null) => (lift === null || lift <= 0 ? -1 : Math.abs(Math.log(lift)));
  return [...lifts].sort((a, b) => rank[a.verdict] - rank[b.verdict] || strength(b.lift) - strength(a.lift) || a.id.localeCompare(b.id));
}

/** A file name safe on every system from a model's version: "scoring-model-2026-11-22-suggested.json". */
export const modelFileName = (version: string): string => `scoring-model-${version.replace(/[^A-Za-z0-9._-]+/g, '-')}.json`;
