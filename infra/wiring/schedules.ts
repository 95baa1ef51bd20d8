import { type FunctionDeclaration, type FunctionName, lambdaFunctions } from './functions.ts';

/**
 * A schedule that recurs for as long as Stoke runs, on EventBridge Scheduler.
 * The expression is read in a time zone given apart from it: by configuration
 * when the stack is deployed, locally by `REVIEW_TIME_ZONE`.
 */
export type RecurringSchedule = {
  name: string;
  description: string;
  /** `cron(minutes hours day-of-month month day-of-week year)` or `rate(…)`, as EventBridge Scheduler reads them. */
  expression: string;
  target: FunctionName;
  /** What the target receives on each invocation. */
  input: Record<string, unknown>;
};


/** Stoke's recurring schedules: the CDK stack declares these, the local runtime creates the same on its scheduler. */
export const recurringSchedules: readonly RecurringSchedule[] = [
  {
    name: 'weekly-lead-review',
    description: 'Emails each manager the lead review of their team every Monday at 08:00',
    expression: 'cron(0 8 ? * MON *)',
    target: 'weekly-review',
    input: {},
  },
  {
    name: 'morning-list',
    // Hourly at half past, so that each rep's 08:30 comes in their own time zone (09:00 in the few zones offset by half an hour);
    // a rep's list goes out once a day (a claim per rep and date). Every 30 minutes doubled the sweeps, and the claims, for those zones only.
    description: "Emails each rep whose working morning has come the day's due and overdue touches, once a day",
    expression: 'cron(30 * ? * * *)',
    target: 'morning-list',
    input: {},
  },
];

/** The functions schedules invoke: those other functions schedule, and the targets of the recurring schedules. */
export function scheduleTargets(): FunctionName[] {
  const named = Object.values(lambdaFunctions as Record<string, FunctionDeclaration>).flatMap((fn) =>
    typeof fn.reaches.schedules === 'object' ? fn.reaches.schedules.create : [],
  );
  return [...new Set([...named, ...recurringSchedules.map((schedule) => schedule.target)])] as FunctionName[];
}
