import * as z from '../platform/zod.ts';
import { OutboundSettings } from '../email/outbound-settings.ts';
import { readConfig } from '../platform/config.ts';

const HandoffConfig = z.extend(OutboundSettings, {
  EVENT_BUS_NAME: z.string().check(z.minLength(1)),
  FIRST_CONTACT_DEADLINE_FUNCTION_ARN: z.string().check(z.minLength(1)),
});

export const handoffConfig = readConfig(HandoffConfig);
