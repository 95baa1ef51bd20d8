import * as z from '../platform/zod.ts';
import { OutboundSettings } from '../email/outbound-settings.ts';
import { readConfig } from '../platform/config.ts';

const NurtureConfig = z.extend(OutboundSettings, {
  NURTURE_STEP_FUNCTION_ARN: z.string().check(z.minLength(1)),
  /** Also offered in List-Unsubscribe when set; the HTTPS one-click link is always there. */
  UNSUBSCRIBE_MAILTO: z._default(z.union([z.email(), z.literal('')]), ''),
});

export const nurtureConfig = readConfig(NurtureConfig);
