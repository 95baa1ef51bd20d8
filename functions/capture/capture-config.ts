import * as z from 'zod';
import { commaList, readConfig } from '../platform/config.ts';

const CaptureConfig = z.object({
  TABLE_NAME: z.string().min(1),
  EVENT_BUS_NAME: z.string().min(1),
  /** Origins allowed to post from a browser script (CORS); `*` patterns like https://*.example.com work. */
  ALLOWED_ORIGINS: commaList,
  /** Hosts a form's `redirect` field may send people to after a post. */
  REDIRECT_HOSTS: commaList,
  /** Version of the consent wording shown on forms that do not send their own. */
  CONSENT_TEXT_VERSION: z.string().min(1).default('2026-11-01'),
  SPAM_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
});

export const captureConfig = readConfig(CaptureConfig);
