import { describe, expect, it } from 'vitest';
import { addBusinessHours, firstContactDeadlines } from '../../../functions/handoff/deadlines.ts';
import { atWallTime, wallTime } from '../../../functions/platform/time-zones.ts';

const weekdays = { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] };

describe('time zones', () => {
  it.each([
    { name: 'winter in Berlin', wall: { year: 2026, month: 1, day: 15, hour: 9, minute: 0 }, zone: 'Europe/Berlin', utc: '2026-01-15T08:00:00.000Z' },
    { name: 'summer in Berlin', wall: { year: 2026, month: 7, day: 15, hour: 9, minute: 0 }, zone: 'Europe/Berlin', utc: '2026-07-15T07:00:00.000Z' },
    { name: 'a time skipped by DST moves forward', wall: { year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, zone: 'Europe/Berlin', utc: '2026-03-29T01:30:00.000Z' },
    { name: 'a time that happens twice is the first', wall: { year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, zone: 'Europe/Berlin', utc: '2026-10-25T00:30:00.000Z' },
    { name: 'New York', wall: { year: 2026, month: 11, day: 23, hour: 9, minute: 0 }, zone: 'America/New_York', utc: '2026-11-23T14:00:00.000Z' },
    { name: 'Kolkata (half-hour offset)', wall: { year: 2026, month: 11, day: 23, hour: 9, minute: 0 }, zone: 'Asia/Kolkata', utc: '2026-11-23T03:30:00.000Z' },
  ])('$name', ({ wall, zone, utc }) => {
    expect(atWallTime(wall, zone).toISOString()).toBe(utc);
  });

  it('reads weekdays, Monday first', () => {
    expect(wallTime(new Date('2026-11-23T10:00:00Z'), 'UTC').weekday).toBe(1);
    expect(wallTime(new Date('2026-11-22T10:00:00Z'), 'UTC').weekday).toBe(7);
  });
});

describe('first-contact deadlines', () => {
  it.each([
    { name: 'inside business hours', start: '2026-11-23T10:00:00Z', hours: 4, due: '2026-11-23T14:00:00.000Z' },
    { name: 'running into the next day', start: '2026-11-23T15:00:00Z', hours: 4, due: '2026-11-24T11:00:00.000Z' },
    { name: 'arriving on Friday evening, due on Monday', start: '2026-11-27T18:00:00Z', hours: 2, due: '2026-11-30T11:00:00.000Z' },
    { name: 'arriving before opening', start: '2026-11-23T06:00:00Z', hours: 8, due: '2026-11-23T17:00:00.000Z' },
    { name: 'a full day of 24 business hours is three working days', start: '2026-11-23T09:00:00Z', hours: 24, due: '2026-11-25T17:00:00.000Z' },
  ])('counts business hours: $name', ({ start, hours, due }) => {
    expect(addBusinessHours(new Date(start), hours, weekdays, 'UTC').toISOString()).toBe(due);
  });

  it('counts business hours in the owner\'s time zone', () => {
    // 17:00 UTC on Monday is 02:00 on Tuesday in Tokyo, which opens at 09:00 local (00:00 UTC).
    expect(addBusinessHours(new Date('2026-11-23T17:00:00Z'), 1, weekdays, 'Asia/Tokyo').toISOString()).toBe('2026-11-24T01:00:00.000Z');
  });

  it('uses plain hours when the policy sets no business hours', () => {
    const { deadlineAt, reassignAt } = firstContactDeadlines(new Date('2026-11-28T12:00:00Z'), { deadlineHours: 24, reassignAfterHours: 48 }, 'UTC');
    expect([deadlineAt.toISOString(), reassignAt.toISOString()]).toEqual(['2026-11-29T12:00:00.000Z', '2026-11-30T12:00:00.000Z']);
  });

  it('refuses business hours without a working day', () => {
    expect(() => addBusinessHours(new Date(), 1, { ...weekdays, days: [] }, 'UTC')).toThrow('no working day');
  });
});
