import { settingsOf } from '../../infra/wiring/settings.ts';

/**
 * The settings every function that emails leads or reps and schedules
 * follow-up work reads; each such function's declaration (infra/wiring/functions.ts) includes them.
 */
export const OutboundSettings = settingsOf(
  'TABLE_NAME',
  'SENDER_ADDRESS',
  'SIGNING_SECRET_ARN',
  'PUBLIC_API_URL',
  'SCHEDULE_GROUP',
  'SCHEDULER_ROLE_ARN',
  'SCHEDULER_DEAD_LETTER_ARN',
  'COMPANY_NAME',
  'COMPANY_POSTAL_ADDRESS',
);
