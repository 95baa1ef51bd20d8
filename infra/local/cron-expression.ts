import { Cron, type CronOptions } from 'croner';
import { atWallTime, wallTime } from '../../functions/platform/time-zones.ts';

/** A cron expression EventBridge Scheduler would refuse, or one the local scheduler cannot run. */
export class CronExpressionError extends Error {
  override readonly name = 'CronExpressionError';
}

type CronField = {
  name: string;
  min: number;
  max: number;
  /** Names standing for min, min + 1, …: JAN-DEC, SUN-SAT. */
  names?: readonly string[];
  /** Whether `?` is allowed (the day fields). */
  any?: boolean;
  /** Whether `/` increments are allowed (all fields but day-of-week, as AWS documents). */
  step: boolean;
};

const minutes: CronField = { name: 'minutes', min: 0, max: 59, step: true };
const hours: CronField = { name: 'hours', min: 0, max: 23, step: true };
const dayOfMonth: CronField = { name: 'day-of-month', min: 1, max: 31, any: true, step: true };
const month: CronField = { name: 'month', min: 1, max: 12, step: true, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] };
const dayOfWeek: CronField = { name: 'day-of-week', min: 1, max: 7, any: true, step: false, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] };
const year: CronField = { name: 'year', min: 1970, max: 2199, step: true };

// Croner's own grammar is wider than EventBridge's (`?` in any field, 0 and 8 as days of the week, years 1-9999, `+`, nicknames),
// so the expression is checked here and handed over as explicit values; croner then only evaluates it.
const cronerOptions: CronOptions = {
  mode: '7-part',
  // EventBridge's day-of-week counts 1 for Sunday to 7 for Saturday, as Quartz does; croner's default counts 0 for Sunday.
  alternativeWeekdays: true,
  // One of the day fields is always `?` (handed over as `*`): AND leaves the other one alone deciding.
  domAndDow: true,
};

/**
 * Reads `cron(minutes hours day-of-month month day-of-week year)` as
 * EventBridge Scheduler defines it: values, names (JAN-DEC, SUN-SAT with 1
 * for Sunday), `*`, lists `,`, ranges `-`, increments `/` (not in
 * day-of-week), `?` in exactly one of the day fields, and on their own in a
 * day field `L` (last day of the month; in day-of-week Saturday, the last
 * day of the week), `LW`, `<day>W` (nearest weekday), `<day-of-week>L` (its
 * last in the month) and `<day-of-week>#<n>` (its n-th in the month).
 * Returns the equivalent croner pattern, seconds first.
 * Ranges that wrap around (FRI-MON) and `L-<n>` are refused as not supported locally.
 */
export function cronerPattern(expression: string): string {
  const fields = /^cron\((.*)\)$/.exec(expression)?.[1]!.trim().split(/\s+/);
  if (fields?.length !== 6) invalid(expression, 'a cron expression has six fields, cron(minutes hours day-of-month month day-of-week year).');
  const upper = fields.map((text) => text.toUpperCase()) as [string, string, string, string, string, string];
  const days = upper[2] === '?' ? undefined : dayOfMonthPattern(upper[2], expression);
  const weekdays = upper[4] === '?' ? undefined : dayOfWeekPattern(upper[4], expression);
  if ((days === undefined) === (weekdays === undefined)) invalid(expression, 'one of day-of-month and day-of-week must be ?, and only one.');
  return [
    '0',
    valuesPattern(upper[0], minutes, expression),
    valuesPattern(upper[1], hours, expression),
    days ?? '*',
    valuesPattern(upper[3], month, expression),
    weekdays ?? '*',
    // Always bounded: croner's `*` and increments would count years from 1, not 1970.
    upper[5] === '*' ? `${year.min}-${year.max}` : [...parseValues(upper[5], year, expression)].join(','),
  ].join(' ');
}

/**
 * The first occurrence of a cron expression at or after an instant (epoch
 * ms), read on the wall clock of `timeZone`. As AWS documents for
 * EventBridge Scheduler, a wall time that clocks skip when they go forward
 * has no occurrence that day, and one that happens twice fires once, at its
 * first. Croner runs some of the former after the gap and some of the latter
 * twice (as Vixie cron does), so its runs are filtered.
 */
export function cronRecurrence(expression: string, timeZone: string): (from: number) => number | undefined {
  const pattern = cronerPattern(expression);
  const zoned = new Cron(pattern, { ...cronerOptions, timezone: timeZone });
  // The same pattern on wall times written as if they were UTC, which no DST change touches.
  const onWallTimes = new Cron(pattern, { ...cronerOptions, timezone: 'UTC' });
  return (from) => {
    for (let run = zoned.nextRun(new Date(from - 1)); run; run = zoned.nextRun(run)) {
      const wall = wallTime(run, timeZone);
      const firstShowing = atWallTime(wall, timeZone).getTime() === run.getTime();
      if (firstShowing && onWallTimes.match(new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute)))) return run.getTime();
    }
    return undefined;
  };
}

function invalid(expression: string, why: string): never {
  throw new CronExpressionError(`Invalid Schedule Expression ${expression}: ${why}`);
}

function notSupported(expression: string, what: string, advice?: string): never {
  throw new CronExpressionError(`${expression}: ${what}, which is not supported locally${advice ? `: ${advice}` : ''}.`);
}

function dayOfMonthPattern(text: string, expression: string): string {
  if (text === 'L' || text === 'LW') return text;
  const weekday = /^(\d{1,2})W$/.exec(text);
  if (weekday) return `${valueOf(weekday[1]!, dayOfMonth, expression)}W`;
  if (/^L-\d+$/.test(text)) notSupported(expression, `${text} in day-of-month counts days back from the last`);
  return valuesPattern(text, dayOfMonth, expression);
}

function dayOfWeekPattern(text: string, expression: string): string {
  if (text === 'L') return '7';
  const last = /^(\w+?)L$/.exec(text);
  if (last) return `${valueOf(last[1]!, dayOfWeek, expression)}#L`;
  const nth = /^(\w+)#(\d+)$/.exec(text);
  if (nth) {
    const n = Number(nth[2]);
    if (!(n >= 1 && n <= 5)) invalid(expression, `${text}: a month has a first to fifth ${nth[1]}, no ${nth[2]}th.`);
    return `${valueOf(nth[1]!, dayOfWeek, expression)}#${n}`;
  }
  return valuesPattern(text, dayOfWeek, expression);
}

function valuesPattern(text: string, field: CronField, expression: string): string {
  return text === '*' ? '*' : [...parseValues(text, field, expression)].join(',');
}

function valueOf(token: string, field: CronField, expression: string): number {
  const value = /^\d+$/.test(token) ? Number(token) : field.names ? field.names.indexOf(token) + field.min : Number.NaN;
  if (!(value >= field.min && value <= field.max)) {
    invalid(expression, `${token} is not a ${field.name} value (${field.min}-${field.max}${field.names ? ` or ${field.names[0]}-${field.names.at(-1)}` : ''}).`);
  }
  return value;
}

/** The values a field of lists, ranges and increments allows, sorted. */
function parseValues(text: string, field: CronField, expression: string): number[] {
  if (text === '?') invalid(expression, `? is only allowed in day-of-month or day-of-week, not in ${field.name}.`);
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const match = /^(?:\*|(\w+)(?:-(\w+))?)(?:\/(\d+))?$/.exec(item);
    if (!match) invalid(expression, `${item} is not a valid ${field.name} field.`);
    const [, from, to, step] = match;
    if (step !== undefined && !field.step) invalid(expression, `increments (/) are not allowed in ${field.name}.`);
    const first = from === undefined ? field.min : valueOf(from, field, expression);
    // `a/n` runs from a to the end of the range.
    const last = to !== undefined ? valueOf(to, field, expression) : from === undefined || step !== undefined ? field.max : first;
    if (first > last) notSupported(expression, `the range ${item} in ${field.name} wraps around`, 'write it as two ranges');
    const increment = step === undefined ? 1 : Number(step);
    if (increment < 1) invalid(expression, `the increment in ${item} must be at least 1.`);
    for (let value = first; value <= last; value += increment) values.add(value);
  }
  return [...values].sort((a, b) => a - b);
}
