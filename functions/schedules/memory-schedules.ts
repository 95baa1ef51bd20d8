import type { FunctionName } from '../../infra/wiring/functions.ts';
import { DueQueue } from '../platform/due-queue.ts';
import type { OneTimeSchedules } from './one-time-schedules.ts';

/** A one-time schedule waiting for its moment. */
export type MemorySchedule = { name: string; at: Date; target: FunctionName; input: unknown };

export type MemorySchedules = OneTimeSchedules & {
  /** Schedules still to fire, by due time, then by creation. */
  pending(): MemorySchedule[];
  /** The schedule to fire first, if any: the head of `pending()`, without sorting them all. */
  next(): MemorySchedule | undefined;
  /**
   * Takes out the schedules due at or before `until`, by due time, as firing
   * removes them (the AWS adapter creates them with ActionAfterCompletion DELETE):
   * the same name can be scheduled again afterwards.
   */
  takeDue(until: Date): MemorySchedule[];
};

/** One-time schedules in memory, named uniquely as EventBridge Scheduler names them within a group. */
export function memorySchedules(): MemorySchedules {
  const schedules = new Map<string, MemorySchedule>();
  // Cancelled or fired schedules stay in the queue until they reach its head, where they are skipped.
  const queue = new DueQueue<MemorySchedule>();
  const current = (schedule: MemorySchedule) => schedules.get(schedule.name) === schedule;
  let created = 0;
  const next = () => queue.peek(current)?.item;
  return {
    async scheduleOnce({ name, at, target, input }) {
      if (schedules.has(name)) return 'exists';
      // Whole seconds, as the at() expression keeps them; the input as JSON, as the target receives it.
      const schedule = { name, at: new Date(Math.floor(at.getTime() / 1000) * 1000), target, input: JSON.parse(JSON.stringify(input)) };
      schedules.set(name, schedule);
      queue.push(schedule.at.getTime(), created++, schedule);
      return 'created';
    },
    async cancel(name) {
      schedules.delete(name);
    },
    pending: () => {
      const ranks = new Map([...schedules.values()].map((schedule, rank) => [schedule, rank]));
      return [...schedules.values()].sort((a, b) => a.at.getTime() - b.at.getTime() || ranks.get(a)! - ranks.get(b)!);
    },
    next,
    takeDue(until) {
      const due: MemorySchedule[] = [];
      for (let head = next(); head && head.at.getTime() <= until.getTime(); head = next()) {
        schedules.delete(head.name);
        due.push(head);
      }
      return due;
    },
  };
}
