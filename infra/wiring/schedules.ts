import type { FunctionName } from './functions.ts';

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

/** Where the weekly review runs when nothing else is configured. */
export const defaultReviewTimeZone = 'Europe/Berlin';

/** Stoke's recurring schedules: the CDK stack declares these, the local runtime creates the same on its scheduler. */
export const recurringSchedules: readonly RecurringSchedule[] = [
  {
    name: 'weekly-lead-review',
    description: 'Emails each manager the lead review of their team every Monday at 08:00',
    expression: 'cron(0 8 ? * MON *)',
    target: 'weekly-review',
    input: {},
  },
];
