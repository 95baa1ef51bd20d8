import type { FunctionName } from '../../infra/wiring/functions.ts';
import type { OneTimeSchedules } from './scheduler.ts';

/** A one-time schedule waiting for its moment. */
export type MemorySchedule = { name: string; at: Date; target: FunctionName; input: unknown };

export type MemorySchedules = OneTimeSchedules & {
  /** Schedules still to fire, by due time, then by creation. */
  pending(): MemorySchedule[];
  /**
   * Takes out the schedules due at or before `until`, by due time, as firing
   * removes them (the AWS adapter creates them with ActionAfterCompletion DELETE):
   * the same name can be scheduled again afterwards.
   */
  takeDue(until: Date): MemorySchedule[];
};

/** One-time schedules in memory, named uniquely as EventBridge Scheduler names them within a group. */
export function memorySchedules(): MemorySchedules {
  // A Map keeps insertion order, which ties at the same due time follow.
  const schedules = new Map<string, MemorySchedule>();
  const byDueTime = () => [...schedules.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
  return {
    async scheduleOnce({ name, at, target, input }) {
      if (schedules.has(name)) return 'exists';
      // Whole seconds, as the at() expression keeps them; the input as JSON, as the target receives it.
      schedules.set(name, { name, at: new Date(Math.floor(at.getTime() / 1000) * 1000), target, input: JSON.parse(JSON.stringify(input)) });
      return 'created';
    },
    async cancel(name) {
      schedules.delete(name);
    },
    pending: byDueTime,
    takeDue(until) {
      const due = byDueTime().filter((schedule) => schedule.at.getTime() <= until.getTime());
      for (const schedule of due) schedules.delete(schedule.name);
      return due;
    },
  };
}
