import type * as z from '../platform/zod.ts';
import type { FunctionName } from '../../infra/wiring/functions.ts';
import { dynamoDbLeadStore } from '../leads/dynamodb-lead-store.ts';
import { dynamodb } from '../platform/clients/dynamodb.ts';
import { scheduler } from '../platform/clients/scheduler.ts';
import { sesv2 } from '../platform/clients/sesv2.ts';
import { clock } from '../platform/clock.ts';
import { eventBridgeSchedules } from '../schedules/scheduler.ts';
import { dynamoDbClaims } from '../storage/claims.ts';
import { sesEmailSender } from './email-sender.ts';
import type { OutboundSettings } from './outbound-settings.ts';

/** The adapters every function that emails and schedules builds from its outbound settings, once per process. */
export function outboundAdapters(config: z.infer<typeof OutboundSettings>, targets: Partial<Record<FunctionName, string>>) {
  return {
    leads: dynamoDbLeadStore(dynamodb, config.TABLE_NAME),
    claims: dynamoDbClaims(dynamodb, config.TABLE_NAME, () => clock.now()),
    mailer: sesEmailSender(sesv2, { from: config.SENDER_ADDRESS, configurationSet: config.SES_CONFIGURATION_SET }),
    schedules: eventBridgeSchedules(scheduler, {
      group: config.SCHEDULE_GROUP,
      create: { roleArn: config.SCHEDULER_ROLE_ARN, deadLetterArn: config.SCHEDULER_DEAD_LETTER_ARN, targets },
    }),
    company: { name: config.COMPANY_NAME, postalAddress: config.COMPANY_POSTAL_ADDRESS },
    now: () => clock.now(),
  };
}
