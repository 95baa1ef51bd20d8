import { addCalendarDays, atWallTime, wallTime } from '../platform/time-zones.ts';
import type { RoutingPolicy } from './routing-policy.ts';

export type BusinessHours = NonNullable<RoutingPolicy['firstContact']['businessHours']>;

type Opening = { opens: Date; closes: Date };

// Ten years of days is far beyond any deadline; the bound only guards against a policy with no working days.
const maxDays = 3650;

/**
 * The working periods from the day of `start` on, in `timeZone`, each
 * clipped to begin no earlier than `start`.
 */
function* openings(start: Date, business: BusinessHours, timeZone: string): Generator<Opening> {
  const [startHour, startMinute] = business.start.split(':').map(Number) as [number, number];
  const [endHour, endMinute] = business.end.split(':').map(Number) as [number, number];
  let cursor = start;
  for (let day = 0; day < maxDays; day++) {
    const wall = wallTime(cursor, timeZone);
    const opens = atWallTime({ ...wall, hour: startHour, minute: startMinute }, timeZone);
    const closes = atWallTime({ ...wall, hour: endHour, minute: endMinute }, timeZone);
    if (business.days.includes(wall.weekday) && cursor < closes) yield { opens: cursor < opens ? opens : cursor, closes };
    cursor = atWallTime({ ...addCalendarDays(wall, 1), hour: 0, minute: 0 }, timeZone);
  }
  throw new Error('The business hours have no working day');
}

/**
 * The moment `minutes` of business time after `start`. A start outside
 * business hours counts from the next opening: a lead arriving on Friday
 * evening with an hour to go is due at 10:00 on Monday.
 */
export function addBusinessMinutes(start: Date, minutes: number, business: BusinessHours, timeZone: string): Date {
  let remaining = minutes * 60_000;
  for (const { opens, closes } of openings(start, business, timeZone)) {
    const available = closes.getTime() - opens.getTime();
    if (available >= remaining) return new Date(opens.getTime() + remaining);
    remaining -= available;
  }
  throw new Error('unreachable: openings() ends by throwing');
}

/** Business minutes from `start` to `end` (0 when `end` is not later): the clock a rep's speed to lead runs on. */
export function businessMinutesBetween(start: Date, end: Date, business: BusinessHours, timeZone: string): number {
  if (end <= start) return 0;
  let total = 0;
  for (const { opens, closes } of openings(start, business, timeZone)) {
    if (opens >= end) break;
    total += Math.min(closes.getTime(), end.getTime()) - opens.getTime();
    if (closes >= end) break;
  }
  return total / 60_000;
}
