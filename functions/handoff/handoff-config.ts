import * as z from 'zod';
import { OutboundSettings } from '../email/outbound-settings.ts';
import { readConfig } from '../platform/config.ts';

const HandoffConfig = OutboundSettings.extend({
  EVENT_BUS_NAME: z.string().min(1),
  FIRST_CONTACT_DEADLINE_FUNCTION_ARN: z.string().min(1),
});

export const handoffConfig = readConfig(HandoffConfig);
