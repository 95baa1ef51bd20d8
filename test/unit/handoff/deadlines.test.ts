import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addBusinessMinutes, businessMinutesBetween } from '../../../functions/routing/business-time.ts';
import { firstContactDeadlines } from '../../../functions/handoff/deadlines.ts';
import { parseRoutingPolicy } from '../../../functions/routing/routing-policy.ts';
import data from '../../../functions/routing/default-routing-policy.json' with { type: 'json' };
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
    expect(addBusinessMinutes(new Date(start), hours * 60, weekdays, 'UTC').toISOString()).toBe(due);
  });

  it('counts business hours in the owner\'s time zone', () => {
    // 17:00 UTC on Monday is 02:00 on Tuesday in Tokyo, which opens at 09:00 local (00:00 UTC).
    expect(addBusinessMinutes(new Date('2026-11-23T17:00:00Z'), 60, weekdays, 'Asia/Tokyo').toISOString()).toBe('2026-11-24T01:00:00.000Z');
  });

  it('uses plain minutes when the policy sets no business hours', () => {
    const policy = { dueAfterMinutes: 60, escalateAfterMinutes: 120, reassignAfterMinutes: 240, maxMissedDeadlines: 2 };
    const { deadlineAt, escalateAt, reassignAt } = firstContactDeadlines(new Date('2026-11-28T12:00:00Z'), policy, 'UTC');
    expect([deadlineAt, escalateAt, reassignAt].map((d) => d.toISOString())).toEqual(['2026-11-28T13:00:00.000Z', '2026-11-28T14:00:00.000Z', '2026-11-28T16:00:00.000Z']);
  });

  it.each([
    // The shipped policy: due in 1 business hour, escalated after 2, reassigned after 4, Berlin hours 09:00-17:00.
    { name: 'a Tuesday morning lead', at: '2026-12-08T09:12:00Z', due: ['2026-12-08T10:12:00.000Z', '2026-12-08T11:12:00.000Z', '2026-12-08T13:12:00.000Z'] },
    { name: 'a Sunday evening lead is due an hour after Monday opens', at: '2026-12-06T19:00:00Z', due: ['2026-12-07T09:00:00.000Z', '2026-12-07T10:00:00.000Z', '2026-12-07T12:00:00.000Z'] },
    { name: 'a late Friday lead runs into Monday', at: '2026-12-11T15:30:00Z', due: ['2026-12-14T08:30:00.000Z', '2026-12-14T09:30:00.000Z', '2026-12-14T11:30:00.000Z'] },
  ])('shipped defaults: $name', ({ at, due }) => {
    const { firstContact } = parseRoutingPolicy(data);
    const { deadlineAt, escalateAt, reassignAt } = firstContactDeadlines(new Date(at), firstContact, 'Europe/Berlin');
    expect([deadlineAt, escalateAt, reassignAt].map((d) => d.toISOString())).toEqual(due);
  });

  it('refuses business hours without a working day', () => {
    expect(() => addBusinessMinutes(new Date(), 60, { ...weekdays, days: [] }, 'UTC')).toThrow('no working day');
  });
});

describe('business minutes between two moments', () => {
  it.each([
    { name: 'within one day', from: '2026-11-23T10:00:00Z', to: '2026-11-23T10:42:00Z', minutes: 42 },
    { name: 'overnight counts only open hours', from: '2026-11-23T16:30:00Z', to: '2026-11-24T09:30:00Z', minutes: 60 },
    { name: 'over a weekend', from: '2026-11-27T16:00:00Z', to: '2026-11-30T10:00:00Z', minutes: 120 },
    { name: 'both outside business hours on one night', from: '2026-11-23T18:00:00Z', to: '2026-11-23T23:00:00Z', minutes: 0 },
    { name: 'an end before the start', from: '2026-11-23T12:00:00Z', to: '2026-11-23T11:00:00Z', minutes: 0 },
  ])('$name', ({ from, to, minutes }) => {
    expect(businessMinutesBetween(new Date(from), new Date(to), weekdays, 'UTC')).toBe(minutes);
  });

  it('undoes addBusinessMinutes in any zone', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.constantFrom(...zones),
        (start, minutes, zone) => {
          const due = addBusinessMinutes(start, minutes, weekdays, zone);
          expect(businessMinutesBetween(start, due, weekdays, zone)).toBeCloseTo(minutes, 6);
        },
      ),
      { numRuns: 200 },
    );
  });
});
