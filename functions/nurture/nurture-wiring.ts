import { sesEmailSender } from '../email/email-sender.ts';
import { nurtureSteps } from '../email/nurture-sequences.ts';
import { conditionsHold, renderEmail } from '../email/render-email.ts';
import { dynamoDbLeadStore } from '../leads/dynamodb-lead-store.ts';
import { dynamodb } from '../platform/clients/dynamodb.ts';
import { scheduler } from '../platform/clients/scheduler.ts';
import { sesv2 } from '../platform/clients/sesv2.ts';
import { clock } from '../platform/clock.ts';
import { signingKey } from '../platform/secrets.ts';
import { emailHash } from '../privacy/email-hash.ts';
import { dynamoDbPrivacyStore } from '../privacy/privacy-store.ts';
import { eventBridgeSchedules } from '../schedules/scheduler.ts';
import { dynamoDbClaims } from '../storage/claims.ts';
import { defaultNurturePolicy } from './default-policy.ts';
import { nurtureConfig as config } from './nurture-config.ts';
import type { NurtureDeps } from './nurture-deps.ts';
import { subscriptionUrl } from './subscription-links.ts';

const privacy = dynamoDbPrivacyStore(dynamodb, config.TABLE_NAME);

/** The adapters behind enrolment, steps and subscription changes, built once per process. */
export const nurtureDeps: NurtureDeps = {
  leads: dynamoDbLeadStore(dynamodb, config.TABLE_NAME),
  claims: dynamoDbClaims(dynamodb, config.TABLE_NAME, () => clock.now()),
  mailer: sesEmailSender(sesv2, { from: config.SENDER_ADDRESS, configurationSet: config.SES_CONFIGURATION_SET }),
  schedules: eventBridgeSchedules(scheduler, {
    group: config.SCHEDULE_GROUP,
    create: {
      roleArn: config.SCHEDULER_ROLE_ARN,
      deadLetterArn: config.SCHEDULER_DEAD_LETTER_ARN,
      targets: { 'nurture-step': config.NURTURE_STEP_FUNCTION_ARN },
    },
  }),
  policy: defaultNurturePolicy,
  steps: nurtureSteps,
  render: renderEmail,
  conditionsHold,
  links: {
    unsubscribeUrl: async (leadId, now) => subscriptionUrl(config.PUBLIC_API_URL, await signingKey(), 'unsubscribe', leadId, now),
    confirmUrl: async (leadId, now) => subscriptionUrl(config.PUBLIC_API_URL, await signingKey(), 'confirm-subscription', leadId, now),
  },
  erasedAddress: async (email) => privacy.isSuppressed(emailHash(email, await signingKey())),
  unsubscribeMailto: config.UNSUBSCRIBE_MAILTO || undefined,
  company: { name: config.COMPANY_NAME, postalAddress: config.COMPANY_POSTAL_ADDRESS },
  now: () => clock.now(),
};
