import * as z from '../platform/zod.ts';

/**
 * The settings every function that emails leads or reps and schedules
 * follow-up work reads; each function's configuration extends them.
 */
export const OutboundSettings = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  /** From address of Stoke's emails, on a verified SES identity. */
  SENDER_ADDRESS: z.email(),
  SES_CONFIGURATION_SET: z.string().check(z.minLength(1)),
  SIGNING_SECRET_ARN: z.string().check(z.minLength(1)),
  /** Base URL of the API that serves the links in emails. */
  PUBLIC_API_URL: z.url(),
  SCHEDULE_GROUP: z.string().check(z.minLength(1)),
  SCHEDULER_ROLE_ARN: z.string().check(z.minLength(1)),
  SCHEDULER_DEAD_LETTER_ARN: z.string().check(z.minLength(1)),
  COMPANY_NAME: z.string().check(z.minLength(1)),
  /** Shown in every email (CAN-SPAM). */
  COMPANY_POSTAL_ADDRESS: z.string().check(z.minLength(1)),
});
