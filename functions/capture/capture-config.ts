import * as z from '../platform/zod.ts';
import { commaList, readConfig } from '../platform/config.ts';

const CaptureConfig = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  EVENT_BUS_NAME: z.string().check(z.minLength(1)),
  /** Origins allowed to post from a browser script (CORS); `*` patterns like https://*.example.com work. */
  ALLOWED_ORIGINS: commaList,
  /** Hosts a form's `redirect` field may send people to after a post. */
  REDIRECT_HOSTS: commaList,
  /** Version of the consent wording shown on forms that do not send their own. */
  CONSENT_TEXT_VERSION: z._default(z.string().check(z.minLength(1)), '2026-11-01'),
  SPAM_RETENTION_DAYS: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(365)), 30),
});

export const captureConfig = readConfig(CaptureConfig);
