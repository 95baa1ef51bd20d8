import { addCalendarDays, wallTime } from '../platform/time-zones.ts';
import type { Reconciliation, WeeklyReview } from './weekly-review.ts';

// Figures as the review email prints them: an email template can compute nothing.

export type Trend = { delta: number; direction: 'up' | 'down' | 'same' };
export type Bar = { total: number; purchased: number; inProgress: number; notInterested: number; purchasedPercent: number; inProgressPercent: number; notInterestedPercent: number };

/** The three outcomes with widths that add up to exactly 100, so the bar fills its row. */
export function bar(reconciliation: Reconciliation): Bar {
  const { total, purchased, inProgress, notInterested } = reconciliation;
  const [purchasedPercent, inProgressPercent, notInterestedPercent] = percents([purchased, inProgress, notInterested]) as [number, number, number];
  return { total, purchased, inProgress, notInterested, purchasedPercent, inProgressPercent, notInterestedPercent };
}

/** Whole percents of the total that add up to exactly 100 (all 0 for a total of 0). Largest remainder: rounding each share alone can give 99 or 101. */
export function percents(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return counts.map(() => 0);
  const exact = counts.map((count) => (count * 100) / total);
  const result = exact.map(Math.floor);
  const short = 100 - result.reduce((sum, value) => sum + value, 0);
  const byRemainder = exact.map((value, index) => ({ index, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest);
  for (const { index } of byRemainder.slice(0, short)) result[index]! += 1;
  return result;
}

/** How much of a bar `part` of `whole` fills, at most all of it. */
export function filled(part: number, whole: number): number {
  return whole <= 0 ? (part > 0 ? 100 : 0) : Math.min(100, Math.round((part * 100) / whole));
}

export function trend(delta: number): Trend {
  return { delta: Math.abs(delta), direction: delta > 0 ? 'up' : delta < 0 ? 'down' : 'same' };
}

/** "45 min", "3 h 20 min", "2 d 4 h". */
export function duration(minutes: number): string {
  const whole = Math.round(minutes);
  if (whole < 60) return `${whole} min`;
  const [large, small, [largeUnit, smallUnit]] = whole < 1440 ? [Math.floor(whole / 60), whole % 60, ['h', 'min']] : [Math.floor(whole / 1440), Math.floor((whole % 1440) / 60), ['d', 'h']];
  return small === 0 ? `${large} ${largeUnit}` : `${large} ${largeUnit} ${small} ${smallUnit}`;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "23–29 Nov 2026": Monday to Sunday on the review's own calendar. */
export function weekLabel(week: WeeklyReview['week']): string {
  const first = wallTime(new Date(week.start), week.timeZone);
  const last = addCalendarDays(first, 6);
  const day = (date: { day: number; month: number }) => `${date.day} ${months[date.month - 1]}`;
  if (first.year !== last.year) return `${day(first)} ${first.year} – ${day(last)} ${last.year}`;
  if (first.month !== last.month) return `${day(first)} – ${day(last)} ${last.year}`;
  return `${first.day}–${day(last)} ${last.year}`;
}

export function dateTimeFormat(timeZone: string): (at: string) => string {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (at) => format.format(new Date(at));
}
