/**
 * Every handler reads time through this clock. On Lambda it is the system
 * clock; the local runtime swaps in a virtual one so that weeks of schedules
 * can be watched in minutes.
 */
export type Clock = { now(): Date };

const systemClock: Clock = { now: () => new Date() };

let current: Clock = systemClock;

export const clock: Clock = { now: () => current.now() };

export function useClock(replacement: Clock | undefined): void {
  current = replacement ?? systemClock;
}

/**
 * The time of something a library stamped with the system clock just now (a
 * log line): the stamp itself on Lambda, the virtual time when the local
 * runtime has swapped its clock in, so that a run advanced 30 days reads so.
 */
export function clockTimeOf(stamp: Date): Date {
  return current === systemClock ? stamp : current.now();
}
