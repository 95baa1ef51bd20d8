import type * as z from '../platform/zod.ts';
import type { FunctionName } from '../../infra/wiring/functions.ts';
import { sesv2 } from '../platform/clients/sesv2.ts';
import { sesEmailSender } from './ses-email-sender.ts';
import { leadAdapters } from './lead-adapters.ts';
import type { OutboundSettings } from './outbound-settings.ts';
import { adapter } from '../platform/adapter-seam.ts';

/** The adapters every function that emails and schedules builds from its outbound settings, once per process. */
export function outboundAdapters(config: z.infer<typeof OutboundSettings>, targets: Partial<Record<FunctionName, string>>) {
  return {
    ...leadAdapters(config, targets),
    mailer: adapter('mailer', () => sesEmailSender(sesv2, { from: config.SENDER_ADDRESS })),
    company: { name: config.COMPANY_NAME, postalAddress: config.COMPANY_POSTAL_ADDRESS },
  };
}
