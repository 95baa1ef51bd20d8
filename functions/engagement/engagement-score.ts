import type { ScoreLine } from '../scoring/score.ts';
import { instant } from './classify-signal.ts';
import type { EngagementRules } from './engagement-rules.ts';

/** A signal a person made, with the points `signalPoints` gave it. */
export type PointedSignal = ScoreLine & { type: 'open' | 'click'; at: string; messageId: string };

/** Engagement points now, one line per rule; the total is the sum of the lines. */
export type EngagementScore = { total: number; lines: ScoreLine[] };

const dayMs = 24 * 60 * 60 * 1000;

type Tally = { reason: string; count: number; raw: number; overEmail: number; overDay: number; worth: number };

/**
 * Caps raw points per email and per UTC day in time order, so the later
 * signals are the ones that lose what goes over, then halves what is left
 * every `halfLifeDays` of age at `now`.
 */
export function engagementScore(signals: readonly PointedSignal[], rules: EngagementRules, now: Date): EngagementScore {
  const usedByEmail = new Map<string, number>();
  const usedByDay = new Map<string, number>();
  const tallies = new Map<string, Tally>();
  for (const { signal, ms } of inTimeOrder(signals)) {
    const day = new Date(ms).toISOString().slice(0, 10);
    const usedOnEmail = usedByEmail.get(signal.messageId) ?? 0;
    const usedOnDay = usedByDay.get(day) ?? 0;
    const emailLeft = rules.caps.perEmail - usedOnEmail;
    const dayLeft = rules.caps.perDay - usedOnDay;
    const kept = Math.min(signal.points, emailLeft, dayLeft);
    usedByEmail.set(signal.messageId, usedOnEmail + kept);
    usedByDay.set(day, usedOnDay + kept);

    const tally = tallies.get(signal.rule) ?? { reason: signal.reason, count: 0, raw: 0, overEmail: 0, overDay: 0, worth: 0 };
    tally.count += 1;
    tally.raw += signal.points;
    // What is lost goes to the cap that bound: the one with less room left.
    if (emailLeft <= dayLeft) tally.overEmail += signal.points - kept;
    else tally.overDay += signal.points - kept;
    // A signal stamped after `now` (clock skew) counts in full, never more.
    tally.worth += kept * 0.5 ** (Math.max(0, now.getTime() - ms) / dayMs / rules.halfLifeDays);
    tallies.set(signal.rule, tally);
  }
  const lines = [...tallies].map(([rule, tally]) => ({ rule, points: tenths(tally.worth), reason: explain(tally) }));
  return { total: tenths(lines.reduce((total, line) => total + line.points, 0)), lines };
}

// Ties are broken by message and rule so the same signals give the same lines in whatever order they are stored.
function inTimeOrder(signals: readonly PointedSignal[]): { signal: PointedSignal; ms: number }[] {
  return signals
    .map((signal) => ({ signal, ms: instant(signal.at) }))
    .sort((a, b) => a.ms - b.ms || compare(a.signal.messageId, b.signal.messageId) || compare(a.signal.rule, b.signal.rule));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function explain(tally: Tally): string {
  const parts = [`${tally.count}×`, `${tally.raw} points`];
  if (tally.overEmail > 0) parts.push(`${tally.overEmail} over the per-email cap`);
  if (tally.overDay > 0) parts.push(`${tally.overDay} over the per-day cap`);
  parts.push(`worth ${tenths(tally.worth)} after decay`);
  return `${tally.reason} (${parts.join(', ')})`;
}

function tenths(value: number): number {
  return Math.round(value * 10) / 10;
}
