import { renderEmail } from '../email/render-email.ts';
import { sesEmailSender } from '../email/email-sender.ts';
import { eventBridgePublisher } from '../events/event-publisher.ts';
import { dynamoDbLeadStore } from '../leads/dynamodb-lead-store.ts';
import { dynamodb } from '../platform/clients/dynamodb.ts';
import { eventbridge } from '../platform/clients/eventbridge.ts';
import { scheduler } from '../platform/clients/scheduler.ts';
import { sesv2 } from '../platform/clients/sesv2.ts';
import { clock } from '../platform/clock.ts';
import { signingKey } from '../platform/secrets.ts';
import { dynamoDbRepStore } from '../reps/dynamodb-rep-store.ts';
import { defaultRoutingPolicy } from '../routing/default-policy.ts';
import { eventBridgeSchedules } from '../schedules/scheduler.ts';
import { dynamoDbClaims } from '../storage/claims.ts';
import { actionUrls } from './action-links.ts';
import { handoffConfig as config } from './handoff-config.ts';
import type { HandoffDeps } from './handoff-deps.ts';

/** The adapters behind handing off, reminding and reassigning, built once per process. */
export const handoffDeps: HandoffDeps = {
  leads: dynamoDbLeadStore(dynamodb, config.TABLE_NAME),
  reps: dynamoDbRepStore(dynamodb, config.TABLE_NAME),
  claims: dynamoDbClaims(dynamodb, config.TABLE_NAME, () => clock.now()),
  mailer: sesEmailSender(sesv2, { from: config.SENDER_ADDRESS, configurationSet: config.SES_CONFIGURATION_SET }),
  schedules: eventBridgeSchedules(scheduler, {
    group: config.SCHEDULE_GROUP,
    create: {
      roleArn: config.SCHEDULER_ROLE_ARN,
      deadLetterArn: config.SCHEDULER_DEAD_LETTER_ARN,
      targets: { 'first-contact-deadline': config.FIRST_CONTACT_DEADLINE_FUNCTION_ARN },
    },
  }),
  events: eventBridgePublisher(eventbridge, config.EVENT_BUS_NAME),
  policy: defaultRoutingPolicy,
  render: renderEmail,
  actionUrls: async (subject, now) => actionUrls(config.PUBLIC_API_URL, await signingKey(), subject, now),
  company: { name: config.COMPANY_NAME, postalAddress: config.COMPANY_POSTAL_ADDRESS },
  now: () => clock.now(),
};
