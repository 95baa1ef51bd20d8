import { addCalendarDays, atWallTime, wallTime } from '../platform/time-zones.ts';
import type { RoutingPolicy } from '../routing/routing-policy.ts';

type BusinessHours = NonNullable<RoutingPolicy['firstContact']['businessHours']>;

/**
 * When first contact is due and when the lead moves on, counted in the
 * owner's business hours when the policy sets them: a lead arriving on
 * Friday evening is due on Monday, not during the weekend.
 */
export function firstContactDeadlines(
  assignedAt: Date,
  policy: RoutingPolicy['firstContact'],
  timeZone: string,
): { deadlineAt: Date; reassignAt: Date } {
  const after = (hours: number) =>
    policy.businessHours ? addBusinessHours(assignedAt, hours, policy.businessHours, timeZone) : new Date(assignedAt.getTime() + hours * 3_600_000);
  return { deadlineAt: after(policy.deadlineHours), reassignAt: after(policy.reassignAfterHours) };
}

export function addBusinessHours(start: Date, hours: number, business: BusinessHours, timeZone: string): Date {
  let remaining = hours * 60 * 60_000;
  let cursor = start;
  const [startHour, startMinute] = business.start.split(':').map(Number) as [number, number];
  const [endHour, endMinute] = business.end.split(':').map(Number) as [number, number];
  // Ten years of days is far beyond any deadline; the bound only guards against a policy with no working days.
  for (let day = 0; day < 3650; day++) {
    const wall = wallTime(cursor, timeZone);
    const opens = atWallTime({ ...wall, hour: startHour, minute: startMinute }, timeZone);
    const closes = atWallTime({ ...wall, hour: endHour, minute: endMinute }, timeZone);
    if (business.days.includes(wall.weekday) && cursor < closes) {
      const from = cursor < opens ? opens : cursor;
      const available = closes.getTime() - from.getTime();
      if (available >= remaining) return new Date(from.getTime() + remaining);
      remaining -= available;
    }
    cursor = atWallTime({ ...addCalendarDays(wall, 1), hour: 0, minute: 0 }, timeZone);
  }
  throw new Error('The business hours have no working day');
}
