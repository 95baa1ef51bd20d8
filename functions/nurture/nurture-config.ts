import * as z from 'zod';
import { OutboundSettings } from '../email/outbound-settings.ts';
import { readConfig } from '../platform/config.ts';

const NurtureConfig = OutboundSettings.extend({
  NURTURE_STEP_FUNCTION_ARN: z.string().min(1),
  /** Also offered in List-Unsubscribe when set; the HTTPS one-click link is always there. */
  UNSUBSCRIBE_MAILTO: z.union([z.email(), z.literal('')]).default(''),
});

export const nurtureConfig = readConfig(NurtureConfig);
