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
    name: 'morning-list-planning',
    // Each rep's list is a one-time schedule that sets the next; this daily run only starts the chain of a new or
    // reactivated rep and mends a broken one, whose first list is then the first working morning after it. It plans only
    // mornings after its own run, the ones a chain would set too: same name, nothing created twice.
    description: "Schedules each active rep's next morning list that has none: new reps, reactivated ones, a chain that broke",
    expression: 'cron(0 12 * * ? *)',
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
