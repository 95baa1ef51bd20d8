import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoWeekOf, isWeekId, lastCompleteWeek, weekBounds } from '../../../functions/review/iso-week.ts';

const hours = ({ start, end }: { start: Date; end: Date }) => (end.getTime() - start.getTime()) / 3_600_000;

describe('isoWeekOf', () => {
  it.each([
    { name: 'a Monday that belongs to the next year', at: '2025-12-29T12:00:00Z', zone: 'UTC', week: '2026-W01' },
    { name: 'a New Year that belongs to the year before (W53)', at: '2027-01-01T12:00:00Z', zone: 'UTC', week: '2026-W53' },
    { name: 'the last Sunday of a 53-week year', at: '2021-01-03T12:00:00Z', zone: 'UTC', week: '2020-W53' },
    { name: 'a 30 December in week 1', at: '2024-12-30T00:00:00Z', zone: 'UTC', week: '2025-W01' },
    { name: 'an ordinary Thursday', at: '2026-11-26T12:00:00Z', zone: 'UTC', week: '2026-W48' },
    { name: 'Sunday night in UTC that is already Monday in Berlin', at: '2026-11-29T23:30:00Z', zone: 'Europe/Berlin', week: '2026-W49' },
    { name: 'the same moment still Sunday in UTC', at: '2026-11-29T23:30:00Z', zone: 'UTC', week: '2026-W48' },
    { name: 'Monday morning in Tokyo, Sunday in UTC', at: '2027-01-03T20:00:00Z', zone: 'Asia/Tokyo', week: '2027-W01' },
    { name: 'New Year’s Eve in New York, 1 January in UTC', at: '2027-01-01T03:00:00Z', zone: 'America/New_York', week: '2026-W53' },
  ])('$name: $week', ({ at, zone, week }) => {
    expect(isoWeekOf(new Date(at), zone)).toBe(week);
  });
});

describe('lastCompleteWeek', () => {
  it.each([
    { name: 'Monday morning after an ordinary week', at: '2026-11-30T07:00:00Z', week: '2026-W48' },
    { name: 'late on a Sunday: the week has not ended', at: '2026-11-29T22:30:00Z', week: '2026-W47' },
    // 168 hours back from these moments land in the wrong week.
    { name: 'the first hour of the Monday after clocks go forward', at: '2026-03-29T22:30:00Z', week: '2026-W13' },
    { name: 'the last hour of the Sunday on which clocks go back', at: '2026-10-25T22:30:00Z', week: '2026-W42' },
    { name: 'across a new year with a week 53', at: '2027-01-04T08:00:00Z', week: '2026-W53' },
  ])('$name: $week', ({ at, week }) => {
    expect(lastCompleteWeek(new Date(at), 'Europe/Berlin')).toBe(week);
  });
});

describe('isWeekId', () => {
  it.each([
    { id: '2026-W53', valid: true, why: '2026 starts on a Thursday' },
    { id: '2020-W53', valid: true, why: '2020 is a leap year starting on a Wednesday' },
    { id: '2025-W53', valid: false, why: '2025 has 52 weeks' },
    { id: '2024-W53', valid: false, why: '2024 has 52 weeks' },
    { id: '2026-W01', valid: true, why: 'the first week' },
    { id: '2026-W00', valid: false, why: 'weeks count from 1' },
    { id: '2026-W54', valid: false, why: 'no year has 54 weeks' },
    { id: '2026-W1', valid: false, why: 'two digits' },
    { id: '2026W48', valid: false, why: 'the dash' },
    { id: '2026-w48', valid: false, why: 'a capital W' },
  ])('$id is $valid: $why', ({ id, valid }) => {
    expect(isWeekId(id)).toBe(valid);
  });
});

describe('weekBounds', () => {
  it('runs from Monday 00:00 to the next Monday 00:00 on the local wall clock', () => {
    const bounds = weekBounds('2026-W48', 'Europe/Berlin');

    expect(bounds).toEqual({ start: new Date('2026-11-22T23:00:00Z'), end: new Date('2026-11-29T23:00:00Z') });
  });

  it.each([
    { name: 'W53 of 2026 crosses into 2027', week: '2026-W53', zone: 'Europe/Berlin', start: '2026-12-27T23:00:00Z', end: '2027-01-03T23:00:00Z', length: 168 },
    { name: 'W01 of 2026 starts in 2025', week: '2026-W01', zone: 'UTC', start: '2025-12-29T00:00:00Z', end: '2026-01-05T00:00:00Z', length: 168 },
    { name: 'the week clocks go forward in Berlin is an hour short', week: '2026-W13', zone: 'Europe/Berlin', start: '2026-03-22T23:00:00Z', end: '2026-03-29T22:00:00Z', length: 167 },
    { name: 'the week clocks go back in Berlin is an hour long', week: '2026-W43', zone: 'Europe/Berlin', start: '2026-10-18T22:00:00Z', end: '2026-10-25T23:00:00Z', length: 169 },
    { name: 'the week clocks go forward in New York', week: '2026-W10', zone: 'America/New_York', start: '2026-03-02T05:00:00Z', end: '2026-03-09T04:00:00Z', length: 167 },
    { name: 'a half-hour zone', week: '2026-W48', zone: 'Asia/Kolkata', start: '2026-11-22T18:30:00Z', end: '2026-11-29T18:30:00Z', length: 168 },
  ])('$name', ({ week, zone, start, end, length }) => {
    const bounds = weekBounds(week, zone);

    expect(bounds).toEqual({ start: new Date(start), end: new Date(end) });
    expect(hours(bounds)).toBe(length);
  });

  it('refuses a week that does not exist, saying how to write one', () => {
    expect(() => weekBounds('2025-W53', 'UTC')).toThrow('"2025-W53" is not an ISO week: use YYYY-Www of a week that exists');
  });

  it('holds every moment of the week it names, in any zone', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Pacific/Kiritimati', 'Asia/Kathmandu'];
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true }), fc.constantFrom(...zones), (date, zone) => {
        const week = isoWeekOf(date, zone);
        const { start, end } = weekBounds(week, zone);

        expect(isWeekId(week)).toBe(true);
        expect(start.getTime()).toBeLessThanOrEqual(date.getTime());
        expect(date.getTime()).toBeLessThan(end.getTime());
        expect(isoWeekOf(end, zone)).not.toBe(week);
      }),
      { numRuns: 500 },
    );
  });
});
