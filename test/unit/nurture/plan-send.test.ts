import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FrequencyCap, SendWindow } from '../../../functions/nurture/nurture-policy.ts';
import { planSend } from '../../../functions/nurture/plan-send.ts';
import { wallTime } from '../../../functions/platform/time-zones.ts';

const weekdays: SendWindow = { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] };
const everyDay: SendWindow = { ...weekdays, days: [1, 2, 3, 4, 5, 6, 7] };
const twoPerWeek: FrequencyCap = { maxEmails: 2, perDays: 7 };
const dayMs = 86_400_000;

const plan = (due: string, timeZone: string, window = weekdays, sends: string[] = [], cap = twoPerWeek) =>
  planSend({ due: new Date(due), timeZone, window, recentSends: sends.map((at) => new Date(at)), cap }).toISOString();

describe('planSend: the send window', () => {
  it.each([
    { name: 'inside the window it sends when due', due: '2026-11-23T10:30:00.000Z', zone: 'Europe/Berlin', at: '2026-11-23T10:30:00.000Z' },
    { name: 'before opening it waits for 09:00', due: '2026-11-23T05:00:00.000Z', zone: 'Europe/Berlin', at: '2026-11-23T08:00:00.000Z' },
    { name: 'at 16:59 it is still open', due: '2026-11-23T15:59:00.000Z', zone: 'Europe/Berlin', at: '2026-11-23T15:59:00.000Z' },
    { name: 'at closing time it waits for the next morning', due: '2026-11-23T16:00:00.000Z', zone: 'Europe/Berlin', at: '2026-11-24T08:00:00.000Z' },
    { name: 'after closing it waits for the next morning', due: '2026-11-23T19:45:00.000Z', zone: 'Europe/Berlin', at: '2026-11-24T08:00:00.000Z' },
    { name: 'on Friday evening it waits for Monday', due: '2026-11-27T18:00:00.000Z', zone: 'Europe/Berlin', at: '2026-11-30T08:00:00.000Z' },
    { name: 'on a Saturday it waits for Monday', due: '2026-11-28T11:00:00.000Z', zone: 'Europe/Berlin', at: '2026-11-30T08:00:00.000Z' },
    // The same moment is Monday 10:00 in Tokyo, Sunday 20:00 in New York and Monday 06:30 in Kolkata.
    { name: 'in Tokyo, Monday morning is open', due: '2026-11-23T01:00:00.000Z', zone: 'Asia/Tokyo', at: '2026-11-23T01:00:00.000Z' },
    { name: 'in New York, Sunday evening waits for Monday', due: '2026-11-23T01:00:00.000Z', zone: 'America/New_York', at: '2026-11-23T14:00:00.000Z' },
    { name: 'in Kolkata (UTC+5:30), early Monday waits for 09:00', due: '2026-11-23T01:00:00.000Z', zone: 'Asia/Kolkata', at: '2026-11-23T03:30:00.000Z' },
    { name: 'in Kathmandu (UTC+5:45), early Monday waits for 09:00', due: '2026-11-23T01:00:00.000Z', zone: 'Asia/Kathmandu', at: '2026-11-23T03:15:00.000Z' },
    { name: 'in Kolkata, 17:00 local is closed', due: '2026-11-23T11:30:00.000Z', zone: 'Asia/Kolkata', at: '2026-11-24T03:30:00.000Z' },
  ])('$name', ({ due, zone, at }) => {
    const sendAt = plan(due, zone);

    expect(sendAt).toBe(at);
  });

  it.each([
    // Saturday evening before each change, in a window open every day: Sunday 09:00 is on the new offset.
    { name: 'Berlin spring forward (CET to CEST)', due: '2026-03-28T17:00:00.000Z', zone: 'Europe/Berlin', window: everyDay, at: '2026-03-29T07:00:00.000Z' },
    { name: 'Berlin fall back (CEST to CET)', due: '2026-10-24T17:00:00.000Z', zone: 'Europe/Berlin', window: everyDay, at: '2026-10-25T08:00:00.000Z' },
    { name: 'New York spring forward (EST to EDT)', due: '2026-03-07T23:00:00.000Z', zone: 'America/New_York', window: everyDay, at: '2026-03-08T13:00:00.000Z' },
    { name: 'New York fall back (EDT to EST)', due: '2026-10-31T23:00:00.000Z', zone: 'America/New_York', window: everyDay, at: '2026-11-01T14:00:00.000Z' },
    // Friday evening before each change, in weekday hours: Monday 09:00 on the new offset.
    { name: 'Berlin, Friday before spring forward', due: '2026-03-27T18:00:00.000Z', zone: 'Europe/Berlin', window: weekdays, at: '2026-03-30T07:00:00.000Z' },
    { name: 'Berlin, Friday before fall back', due: '2026-10-23T18:00:00.000Z', zone: 'Europe/Berlin', window: weekdays, at: '2026-10-26T08:00:00.000Z' },
    { name: 'New York, Friday before spring forward', due: '2026-03-06T23:00:00.000Z', zone: 'America/New_York', window: weekdays, at: '2026-03-09T13:00:00.000Z' },
    { name: 'New York, Friday before fall back', due: '2026-10-30T23:00:00.000Z', zone: 'America/New_York', window: weekdays, at: '2026-11-02T14:00:00.000Z' },
    // Windows at odd hours: a start the clocks skip opens as they jump; a start in the repeated hour is waited for.
    { name: 'a start skipped by the clocks opens at the jump', due: '2026-03-29T00:00:00.000Z', zone: 'Europe/Berlin', window: { start: '02:30', end: '03:45', days: [7] }, at: '2026-03-29T01:00:00.000Z' },
    { name: 'a window wholly skipped waits a week', due: '2026-03-29T00:00:00.000Z', zone: 'Europe/Berlin', window: { start: '02:15', end: '02:45', days: [7] }, at: '2026-04-05T00:15:00.000Z' },
    { name: 'the repeated hour before the start is not inside', due: '2026-10-25T01:10:00.000Z', zone: 'Europe/Berlin', window: { start: '02:30', end: '04:00', days: [7] }, at: '2026-10-25T01:30:00.000Z' },
  ])('across DST: $name', ({ due, zone, window, at }) => {
    const sendAt = plan(due, zone, window);

    expect(sendAt).toBe(at);
  });

  it('refuses a window without days', () => {
    expect(() => plan('2026-11-23T10:00:00Z', 'UTC', { ...weekdays, days: [] })).toThrow('The send window has no sending day');
  });
});

describe('planSend: the frequency cap', () => {
  it.each([
    { name: 'nothing sent yet', sends: [], due: '2026-11-25T10:00:00.000Z', at: '2026-11-25T10:00:00.000Z' },
    { name: 'one send this week leaves room for a second', sends: ['2026-11-24T10:00:00Z'], due: '2026-11-25T10:00:00.000Z', at: '2026-11-25T10:00:00.000Z' },
    { name: 'a third send waits until the oldest is 7 days old', sends: ['2026-11-20T10:00:00Z', '2026-11-24T10:00:00Z'], due: '2026-11-25T10:00:00.000Z', at: '2026-11-27T10:00:00.000Z' },
    { name: 'a third send is allowed exactly 7 days after the oldest', sends: ['2026-11-16T10:00:00Z', '2026-11-20T10:00:00Z'], due: '2026-11-23T10:00:00.000Z', at: '2026-11-23T10:00:00.000Z' },
    { name: 'the oldest ages out after closing: the next morning', sends: ['2026-11-19T17:30:00Z', '2026-11-24T10:00:00Z'], due: '2026-11-25T10:00:00.000Z', at: '2026-11-27T09:00:00.000Z' },
    { name: 'the oldest ages out on a Friday evening: Monday morning', sends: ['2026-11-20T18:00:00Z', '2026-11-24T10:00:00Z'], due: '2026-11-25T10:00:00.000Z', at: '2026-11-30T09:00:00.000Z' },
    { name: 'sends of other weeks do not count', sends: ['2026-11-02T10:00:00Z', '2026-11-06T10:00:00Z', '2026-11-13T10:00:00Z'], due: '2026-11-23T10:00:00.000Z', at: '2026-11-23T10:00:00.000Z' },
    { name: 'a send between two sent exactly 7 days apart fits', sends: ['2026-11-16T10:00:00Z', '2026-11-23T10:00:00Z'], due: '2026-11-20T10:00:00.000Z', at: '2026-11-20T10:00:00.000Z' },
    { name: 'a send already planned counts too', sends: ['2026-11-20T10:00:00Z', '2026-11-26T10:00:00Z'], due: '2026-11-23T10:00:00.000Z', at: '2026-11-27T10:00:00.000Z' },
    { name: 'history out of order is read in order', sends: ['2026-11-24T10:00:00Z', '2026-11-20T10:00:00Z'], due: '2026-11-25T10:00:00.000Z', at: '2026-11-27T10:00:00.000Z' },
    { name: 'release leads into a second block, which waits again', sends: ['2026-11-18T12:00:00Z', '2026-11-20T10:00:00Z', '2026-11-24T10:00:00Z'], due: '2026-11-23T10:00:00.000Z', at: '2026-11-27T10:00:00.000Z' },
  ])('2 per 7 days: $name', ({ sends, due, at }) => {
    const sendAt = plan(due, 'UTC', weekdays, sends);

    expect(sendAt).toBe(at);
  });

  it('waits for the cap and then for the window in the lead\'s zone', () => {
    // The oldest ages out on Friday 17:30 in Berlin, after closing: Monday 09:00 there.
    const sendAt = plan('2026-11-25T10:00:00Z', 'Europe/Berlin', weekdays, ['2026-11-20T16:30:00Z', '2026-11-24T10:00:00Z']);

    expect(sendAt).toBe('2026-11-30T08:00:00.000Z');
  });

  it('keeps a cap of one per 14 days', () => {
    const sendAt = plan('2026-11-23T10:00:00Z', 'UTC', weekdays, ['2026-11-16T10:00:00Z'], { maxEmails: 1, perDays: 14 });

    expect(sendAt).toBe('2026-11-30T10:00:00.000Z');
  });
});

// Whole, half and quarter hours; DST north and south, at 02:00, at midnight and by 30 minutes.
const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns', 'Australia/Adelaide', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Santiago', 'America/Havana'];
const minuteOfDay = fc.integer({ min: 0, max: 24 * 60 - 1 });
const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const windows = fc
  .tuple(minuteOfDay, minuteOfDay, fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }))
  .filter(([a, b]) => a !== b)
  .map(([a, b, days]): SendWindow => ({ start: hhmm(Math.min(a, b)), end: hhmm(Math.max(a, b)), days }));

function insideWindow(at: number, window: SendWindow, zone: string): boolean {
  const wall = wallTime(new Date(at), zone);
  const local = hhmm(wall.hour * 60 + wall.minute);
  return window.days.includes(wall.weekday) && local >= window.start && local < window.end;
}

/** Checked from the definition: every span of `perDays` days that holds the new send holds at most `maxEmails`. */
function keepsCap(at: number, sends: readonly number[], cap: FrequencyCap): boolean {
  const length = cap.perDays * dayMs;
  const all = [...sends, at];
  return all
    .filter((start) => start <= at && start > at - length)
    .every((start) => all.filter((send) => send >= start && send < start + length).length <= cap.maxEmails);
}

describe('planSend: properties', () => {
  it('sends at or after due, inside the local window, within the cap, and no earlier than needed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 0, 1) }),
        fc.constantFrom(...zones),
        windows,
        fc.record({ maxEmails: fc.integer({ min: 1, max: 4 }), perDays: fc.integer({ min: 1, max: 14 }) }),
        fc.array(fc.integer({ min: -21 * dayMs, max: 3 * dayMs }), { maxLength: 8 }),
        (due, zone, window, cap, offsets) => {
          const sends = offsets.map((offset) => due + offset);

          const at = planSend({ due: new Date(due), timeZone: zone, window, recentSends: sends.map((send) => new Date(send)), cap }).getTime();

          const allowed = (moment: number) => insideWindow(moment, window, zone) && keepsCap(moment, sends, cap);
          expect(at).toBeGreaterThanOrEqual(due);
          expect(insideWindow(at, window, zone)).toBe(true);
          expect(keepsCap(at, sends, cap)).toBe(true);
          // The moment just before was not allowed, or was before due: nothing earlier was skipped over at the edge.
          expect(at === due || !allowed(at - 1)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
