import type { FunctionName } from '../../infra/wiring/functions.ts';

/** One-time work at a future moment: a deadline check, a nurture step. */
export type OneTimeSchedules = {
  /** Creates the schedule unless one of that name exists: scheduling twice is harmless. */
  scheduleOnce(request: { name: string; at: Date; target: FunctionName; input: unknown }): Promise<'created' | 'exists'>;
  /** Deletes the schedule if it is still pending. */
  cancel(name: string): Promise<void>;
};
