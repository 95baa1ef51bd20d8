import { describe, expect, it } from 'vitest';
import { CronExpressionError, cronerPattern, cronRecurrence } from '../../../infra/local/cron-expression.ts';

/** The next `count` occurrences from `from`, as ISO strings (UTC). */
function occurrences(expression: string, timeZone: string, from: string, count: number): string[] {
  const next = cronRecurrence(expression, timeZone);
  const found: string[] = [];
  for (let at = next(Date.parse(from)); at !== undefined && found.length < count; at = next(at + 1)) found.push(new Date(at).toISOString());
  return found;
}

describe('cronerPattern', () => {
  it.each([
    { case: 'day-of-week name', expression: 'cron(0 8 ? * MON *)', pattern: '0 0 8 * * 2 1970-2199' },
    { case: 'day-of-week number, 2 for Monday', expression: 'cron(0 8 ? * 2 *)', pattern: '0 0 8 * * 2 1970-2199' },
    { case: 'lower-case name', expression: 'cron(0 8 ? * sun *)', pattern: '0 0 8 * * 1 1970-2199' },
    { case: 'lists, ranges, increments and names', expression: 'cron(15,45 9-17/4 ? JAN-MAR,DEC MON-FRI 2026)', pattern: '0 15,45 9,13,17 * 1,2,3,12 2,3,4,5,6 2026' },
    { case: '? in day-of-week', expression: 'cron(0 12 10/10 * ? *)', pattern: '0 0 12 10,20,30 * * 1970-2199' },
    { case: 'last day of the month', expression: 'cron(0 9 L * ? *)', pattern: '0 0 9 L * * 1970-2199' },
    { case: 'last weekday of the month', expression: 'cron(0 9 LW * ? *)', pattern: '0 0 9 LW * * 1970-2199' },
    { case: 'nearest weekday', expression: 'cron(0 9 15W * ? *)', pattern: '0 0 9 15W * * 1970-2199' },
    { case: 'last Friday, by number', expression: 'cron(0 9 ? * 6L *)', pattern: '0 0 9 * * 6#L 1970-2199' },
    { case: 'last Friday, by name', expression: 'cron(0 9 ? * FRIL *)', pattern: '0 0 9 * * 6#L 1970-2199' },
    { case: 'third Friday', expression: 'cron(0 9 ? * FRI#3 *)', pattern: '0 0 9 * * 6#3 1970-2199' },
    { case: 'L alone in day-of-week: the last day of the week', expression: 'cron(0 9 ? * L *)', pattern: '0 0 9 * * 7 1970-2199' },
    { case: 'year range', expression: 'cron(0 9 * * ? 2027-2028)', pattern: '0 0 9 * * * 2027,2028' },
    { case: 'year increment counts from its start, up to 2199', expression: 'cron(0 9 * * ? 2030/50)', pattern: '0 0 9 * * * 2030,2080,2130,2180' },
  ])('translates $case', ({ expression, pattern }) => {
    expect(cronerPattern(expression)).toBe(pattern);
  });

  it.each([
    { case: 'a month has no sixth Friday', expression: 'cron(0 9 ? * FRI#6 *)' },
    { case: 'no day 8 of the week', expression: 'cron(0 9 ? * 8L *)' },
    { case: 'no day 0 of the week (croner would read Sunday)', expression: 'cron(0 9 ? * 0 *)' },
    { case: 'no 32nd', expression: 'cron(0 9 32W * ? *)' },
    { case: 'L only on its own', expression: 'cron(0 9 L,15 * ? *)' },
    { case: 'no year before 1970', expression: 'cron(0 9 * * ? 1969)' },
    { case: 'no increments in day-of-week', expression: 'cron(0 9 ? * */2 *)' },
    { case: '? only in a day field', expression: 'cron(? 9 * * ? *)' },
    { case: 'both day fields set', expression: 'cron(0 9 1 * MON *)' },
  ])('refuses what EventBridge refuses: $case', ({ expression }) => {
    expect(() => cronerPattern(expression)).toThrow(CronExpressionError);
  });

  it.each(['cron(0 9 ? * FRI-MON *)', 'cron(0 9 L-3 * ? *)'])('refuses %s as not supported locally', (expression) => {
    expect(() => cronerPattern(expression)).toThrow(/not supported locally/);
  });
});

describe('cronRecurrence', () => {
  // Sunday 1 March 2026 onwards: day n of the week falls on 1 March + n - 1.
  it.each([1, 2, 3, 4, 5, 6, 7])('counts day-of-week %i from Sunday = 1', (day) => {
    expect(occurrences(`cron(0 9 ? * ${day} *)`, 'UTC', '2026-03-01T00:00:00Z', 1)).toEqual([`2026-03-0${day}T09:00:00.000Z`]);
  });

  it.each([
    { case: 'the third Friday of each month', expression: 'cron(0 9 ? * FRI#3 *)', zone: 'UTC', from: '2026-03-01T00:00:00Z', expected: ['2026-03-20T09:00:00.000Z', '2026-04-17T09:00:00.000Z'] },
    { case: 'last weekday, Friday 29 May', expression: 'cron(0 9 LW * ? *)', zone: 'UTC', from: '2026-05-01T00:00:00Z', expected: ['2026-05-29T09:00:00.000Z', '2026-06-30T09:00:00.000Z'] },
    { case: 'a year with no occurrence left', expression: 'cron(0 9 * * ? 2025)', zone: 'UTC', from: '2026-03-01T00:00:00Z', expected: [] },
    {
      case: 'Berlin, clocks forward: 02:30 is skipped on 29 March (croner alone would run it at 03:00)',
      expression: 'cron(30 2 * * ? *)',
      zone: 'Europe/Berlin',
      from: '2026-03-28T00:00:00Z',
      expected: ['2026-03-28T01:30:00.000Z', '2026-03-30T00:30:00.000Z'],
    },
    { case: 'Berlin, clocks forward: nothing in the skipped hour', expression: 'cron(0/15 2 29 MAR ? 2026)', zone: 'Europe/Berlin', from: '2026-03-01T00:00:00Z', expected: [] },
    {
      case: 'Berlin, clocks back: the repeated hour fires once, in summer time (croner alone would fire it twice)',
      expression: 'cron(0/30 2 25 OCT ? 2026)',
      zone: 'Europe/Berlin',
      from: '2026-10-24T00:00:00Z',
      expected: ['2026-10-25T00:00:00.000Z', '2026-10-25T00:30:00.000Z'],
    },
    {
      case: 'New York, clocks forward: 02:30 is skipped on 8 March',
      expression: 'cron(30 2 * * ? *)',
      zone: 'America/New_York',
      from: '2026-03-07T12:00:00Z',
      expected: ['2026-03-09T06:30:00.000Z'],
    },
    {
      case: 'New York, clocks forward: every hour but 02:00',
      expression: 'cron(0 * 8 MAR ? 2026)',
      zone: 'America/New_York',
      from: '2026-03-08T05:00:00Z',
      expected: ['2026-03-08T05:00:00.000Z', '2026-03-08T06:00:00.000Z', '2026-03-08T07:00:00.000Z', '2026-03-08T08:00:00.000Z'],
    },
    {
      case: 'New York, clocks back: 01:00-01:59 fires once, in daylight time',
      expression: 'cron(0/30 1 * * ? *)',
      zone: 'America/New_York',
      from: '2026-11-01T00:00:00Z',
      expected: ['2026-11-01T05:00:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-02T06:00:00.000Z'],
    },
  ])('$case', ({ expression, zone, from, expected }) => {
    expect(occurrences(expression, zone, from, expected.length + 1).slice(0, expected.length)).toEqual(expected);
    if (expected.length === 0) expect(occurrences(expression, zone, from, 1)).toEqual([]);
  });
});
