import { addCalendarDays, atWallTime, wallTime } from '../platform/time-zones.ts';

type CalendarDate = { year: number; month: number; day: number };

const weekIdPattern = /^(\d{4})-W(\d{2})$/;
const dayMs = 86_400_000;

/** The ISO 8601 week, such as `2026-W48`, that `date` falls in on the wall calendar of `timeZone`. */
export function isoWeekOf(date: Date, timeZone: string): string {
  const wall = wallTime(date, timeZone);
  // The week belongs to the year its Thursday falls in: 29 Dec 2025 is in 2026-W01, 1 Jan 2027 in 2026-W53.
  const thursday = addCalendarDays(wall, 4 - wall.weekday);
  const week = 1 + Math.floor((Date.UTC(thursday.year, thursday.month - 1, thursday.day) - Date.UTC(thursday.year, 0, 1)) / (7 * dayMs));
  return `${thursday.year}-W${String(week).padStart(2, '0')}`;
}

/** The last week that has ended at `now` on the wall calendar of `timeZone`: the one a Monday review covers. */
export function lastCompleteWeek(now: Date, timeZone: string): string {
  // Counted from the current week's start, not as 7 × 24 hours back: around a DST change those land in the wrong week.
  return isoWeekOf(new Date(weekBounds(isoWeekOf(now, timeZone), timeZone).start.getTime() - 1), timeZone);
}

/** Whether `text` names an ISO week that exists: `2026-W53` does, `2025-W53` does not. */
export function isWeekId(text: string): boolean {
  const match = weekIdPattern.exec(text);
  if (!match) return false;
  const week = Number(match[2]);
  return week >= 1 && week <= weeksIn(Number(match[1]));
}

/**
 * When the week starts and ends: Monday 00:00 to the next Monday 00:00 on the
 * wall clock of `timeZone`. A week with a DST change is an hour shorter or
 * longer than seven days, never a day off.
 */
export function weekBounds(weekId: string, timeZone: string): { start: Date; end: Date } {
  if (!isWeekId(weekId)) throw new RangeError(`"${weekId}" is not an ISO week: use YYYY-Www of a week that exists, such as 2026-W48`);
  const [year, week] = weekId.split('-W').map(Number) as [number, number];
  const monday = addCalendarDays(mondayOfWeekOne(year), (week - 1) * 7);
  return { start: midnight(monday, timeZone), end: midnight(addCalendarDays(monday, 7), timeZone) };
}

// 4 January is always in week 1.
function mondayOfWeekOne(year: number): CalendarDate {
  const weekday = new Date(Date.UTC(year, 0, 4)).getUTCDay() || 7;
  return addCalendarDays({ year, month: 1, day: 4 }, 1 - weekday);
}

// 28 December is always in the last week of its year.
function weeksIn(year: number): number {
  return Number(isoWeekOf(new Date(Date.UTC(year, 11, 28, 12)), 'UTC').slice(-2));
}

function midnight(date: CalendarDate, timeZone: string): Date {
  return atWallTime({ ...date, hour: 0, minute: 0 }, timeZone);
}
