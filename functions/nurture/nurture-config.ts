import * as z from 'zod';
import { readConfig } from '../platform/config.ts';

const NurtureConfig = z.object({
  TABLE_NAME: z.string().min(1),
  SENDER_ADDRESS: z.email(),
  SES_CONFIGURATION_SET: z.string().min(1),
  SIGNING_SECRET_ARN: z.string().min(1),
  /** Base URL of the API that serves the unsubscribe and confirmation links. */
  PUBLIC_API_URL: z.url(),
  SCHEDULE_GROUP: z.string().min(1),
  SCHEDULER_ROLE_ARN: z.string().min(1),
  SCHEDULER_DEAD_LETTER_ARN: z.string().min(1),
  NURTURE_STEP_FUNCTION_ARN: z.string().min(1),
  COMPANY_NAME: z.string().min(1),
  COMPANY_POSTAL_ADDRESS: z.string().min(1),
  /** Also offered in List-Unsubscribe when set; the HTTPS one-click link is always there. */
  UNSUBSCRIBE_MAILTO: z.union([z.email(), z.literal('')]).default(''),
});

export const nurtureConfig = readConfig(NurtureConfig);
