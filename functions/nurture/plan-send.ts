import { wallTime } from '../platform/time-zones.ts';
import type { FrequencyCap, SendWindow } from './nurture-policy.ts';

export type SendPlanInput = {
  /** When the step falls due; the send never happens earlier. */
  due: Date;
  /** The lead's IANA zone, in which the window is read. */
  timeZone: string;
  window: SendWindow;
  /** Every marketing email to this person, from any sequence, including ones already planned. */
  recentSends: readonly Date[];
  cap: FrequencyCap;
};

const minuteMs = 60_000;
const dayMs = 24 * 60 * minuteMs;

/**
 * The earliest moment at or after `due` that is inside the send window in
 * the lead's local time and keeps the frequency cap. A send counts against
 * another when they are less than `perDays` days apart, so a send exactly
 * `perDays` days after the oldest blocking one is allowed.
 */
export function planSend({ due, timeZone, window, recentSends, cap }: SendPlanInput): Date {
  const sends = recentSends.map((send) => send.getTime()).sort((a, b) => a - b);
  let at = due.getTime();
  // Both steps only move forward and the cap can push past each send at most once, so this settles.
  for (;;) {
    const open = nextOpenMoment(at, window, timeZone);
    const allowed = firstUncapped(open, sends, cap);
    if (allowed === open) return new Date(open);
    at = allowed;
  }
}

/**
 * The first moment at or after `from` whose wall clock is inside the window.
 * Between two DST changes the wall clock runs evenly, so the opening is plain
 * arithmetic on that stretch's offset; when the answer lands past a change,
 * the search goes on from the change with the new offset. That also opens a
 * window whose start the clocks skip at the moment they jump, and never
 * opens one in the repeated hour before its start comes round again.
 */
function nextOpenMoment(from: number, window: SendWindow, timeZone: string): number {
  let stretchStart = from;
  // Weeks between DST changes: even a one-day window meets at most two changes before it opens.
  for (let stretch = 0; stretch < 4; stretch++) {
    const offset = offsetAt(stretchStart, timeZone);
    const open = openingOnLocalClock(stretchStart + offset, window) - offset;
    if (offsetAt(open, timeZone) === offset) return open;
    stretchStart = offsetChange(stretchStart, open, offset, timeZone);
  }
  throw new Error(`The send window never opens in ${timeZone}`);
}

/** The first local moment at or after `local` inside the window, reading local time as if it were UTC. */
function openingOnLocalClock(local: number, window: SendWindow): number {
  const [start, end] = [sinceMidnight(window.start), sinceMidnight(window.end)];
  const today = Math.floor(local / dayMs) * dayMs;
  for (let midnight = today; midnight < today + 8 * dayMs; midnight += dayMs) {
    const candidate = Math.max(local, midnight + start);
    if (window.days.includes(isoWeekday(midnight)) && candidate < midnight + end) return candidate;
  }
  throw new Error('The send window has no sending day');
}

/** Wall clock minus UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const wall = wallTime(new Date(instant), timeZone);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) - Math.floor(instant / minuteMs) * minuteMs;
}

/** The first whole minute after `before` where the offset is no longer `offset`, knowing it has changed by `after`. */
function offsetChange(before: number, after: number, offset: number, timeZone: string): number {
  // Zones change offset on whole minutes, so a binary search over minutes finds the change exactly.
  let same = Math.floor(before / minuteMs) * minuteMs;
  let changed = Math.floor(after / minuteMs) * minuteMs;
  while (changed - same > minuteMs) {
    const middle = same + Math.floor((changed - same) / (2 * minuteMs)) * minuteMs;
    if (offsetAt(middle, timeZone) === offset) same = middle;
    else changed = middle;
  }
  return changed;
}

function sinceMidnight(time: string): number {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return (hour * 60 + minute) * minuteMs;
}

function isoWeekday(utcMidnight: number): number {
  return ((new Date(utcMidnight).getUTCDay() + 6) % 7) + 1;
}

/**
 * The first moment at or after `at` where a send keeps the cap. Any
 * `maxEmails` consecutive sends that fit within less than `perDays` days
 * block the span from `perDays` before their last to `perDays` after their
 * first: a send in there would make `maxEmails + 1` within less than
 * `perDays` days. The spans' ends grow with their first send, so one pass in
 * order settles.
 */
function firstUncapped(at: number, sends: readonly number[], { maxEmails, perDays }: FrequencyCap): number {
  const length = perDays * dayMs;
  let candidate = at;
  for (let first = 0; first + maxEmails <= sends.length; first++) {
    const [oldest, newest] = [sends[first]!, sends[first + maxEmails - 1]!];
    if (newest - oldest < length && candidate > newest - length && candidate < oldest + length) candidate = oldest + length;
  }
  return candidate;
}
