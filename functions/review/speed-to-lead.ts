import { type BusinessHours, businessMinutesBetween } from '../routing/business-time.ts';
import { inWeek, median, type Week } from './lead-facts.ts';
import type { ReviewLead } from './review-input.ts';
import type { SpeedToLead } from './weekly-review.ts';

/** Minutes between two moments on the clock the first-contact deadlines run on. */
export type ResponseClock = (from: Date, to: Date) => number;

/**
 * The owner's clock: business minutes in their time zone when the routing
 * policy sets business hours (a lead handed off on Friday evening and called
 * on Monday at 09:10 waited 10 minutes, as its deadline counts), else plain
 * minutes.
 */
export function responseClock(businessHours: BusinessHours | undefined, timeZone: string): ResponseClock {
  if (!businessHours) return (from, to) => Math.max(0, to.getTime() - from.getTime()) / 60_000;
  return (from, to) => businessMinutesBetween(from, to, businessHours, timeZone);
}

/**
 * Whole minutes from handoff to first contact, one per lead first contacted
 * during the week. A first contact logged before the current assignment was
 * the previous owner's, not this one's.
 */
export function firstContactMinutes(leads: readonly ReviewLead[], week: Week, clock: ResponseClock): number[] {
  return leads.flatMap((lead) => {
    if (!lead.assignedAt || !inWeek(lead.firstContactAt, week)) return [];
    const from = new Date(lead.assignedAt);
    const to = new Date(lead.firstContactAt!);
    return to >= from ? [Math.round(clock(from, to))] : [];
  });
}

/**
 * The nearest-rank percentile: the ⌈p/100 × n⌉-th smallest value (of 10
 * times, p90 is the 9th; of 11, the 10th). Always a time actually measured,
 * never one interpolated between two. Null for no values.
 */
export function nearestRank(values: readonly number[], percentile: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((percentile / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** The figures of one rep, team or roster, from its first-contact times and its deadlines due. */
export function speedToLead(minutes: readonly number[], deadlines: { due: number; met: number }): SpeedToLead {
  return {
    firstContacts: minutes.length,
    medianMinutes: median(minutes),
    p90Minutes: nearestRank(minutes, 90),
    deadlinesDue: deadlines.due,
    deadlinesMet: deadlines.met,
    withinDeadline: deadlines.due === 0 ? null : deadlines.met / deadlines.due,
  };
}

/** Pools the times and deadlines of several reps: a team's median is over all its first contacts, not a median of medians. */
export function pooledSpeedToLead(parts: ReadonlyArray<{ minutes: readonly number[]; deadlines: { due: number; met: number } }>): SpeedToLead {
  return speedToLead(
    parts.flatMap((part) => part.minutes),
    { due: parts.reduce((sum, part) => sum + part.deadlines.due, 0), met: parts.reduce((sum, part) => sum + part.deadlines.met, 0) },
  );
}
