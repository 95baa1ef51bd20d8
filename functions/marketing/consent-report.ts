import type { DayFigures } from './figure-store.ts';
import { sumItems } from './figure-sums.ts';
import { type Period, weekOfDay } from './period.ts';
import { items } from './tallies.ts';

export type ConsentWeek = {
  week: string;
  unsubscribed: number;
  bounced: number;
  complained: number;
  erased: number;
  /** Of those asked to confirm their address this week: asked, confirmed since, left before confirming, still awaiting. */
  optIn: { asked: number; confirmed: number; left: number; awaiting: number };
};
export type ConsentReport = { period: Period; note: string; total: Omit<ConsentWeek, 'week'>; weeks: ConsentWeek[] };

/**
 * Who left marketing email each week and why (unsubscribed, bounced for
 * good, complained, erased), and how the week's double opt-in requests fared.
 */
export function consentReport(period: Period, days: readonly DayFigures[]): ConsentReport {
  const weekly = sumItems(days, (item, day) => (item === items.consent ? weekOfDay(day) : undefined));
  const total = sumItems(days, (item) => (item === items.consent ? 'total' : undefined)).get('total') ?? {};
  return {
    period,
    note: 'Unsubscribed, bounced, complained and erased: people who left marketing email in the week, each once. Opt-in: the people asked that week to confirm their address, and what they have done since.',
    total: figures(total),
    weeks: [...weekly].sort(([a], [b]) => a.localeCompare(b)).map(([week, counts]) => ({ week, ...figures(counts) })),
  };
}

function figures(counts: Record<string, number>): Omit<ConsentWeek, 'week'> {
  const count = (name: string) => counts[name] ?? 0;
  const asked = count('optInAsked');
  const confirmed = count('optInConfirmed');
  const left = count('optInLeft');
  return {
    unsubscribed: count('unsubscribed'),
    bounced: count('bounced'),
    complained: count('complained'),
    erased: count('erased'),
    optIn: { asked, confirmed, left, awaiting: Math.max(0, asked - confirmed - left) },
  };
}
