import { createNurtureSteps } from '../email/nurture-sequences.ts';
import { outboundAdapters } from '../email/outbound-adapters.ts';
import { createTemplateRenderer } from '../email/render-email.ts';
import { nurtureTemplates } from '../email/templates/nurture.ts';
import { subscriptionTemplates } from '../email/templates/subscription.ts';
import { dynamodb } from '../platform/clients/dynamodb.ts';
import { signingKey } from '../platform/secrets.ts';
import { emailHash } from '../privacy/email-hash.ts';
import { dynamoDbPrivacyStore } from '../privacy/dynamodb-privacy-store.ts';
import { defaultNurturePolicy } from './default-policy.ts';
import { nurtureConfig as config } from './nurture-config.ts';
import type { NurtureDeps } from './nurture-deps.ts';
import { subscriptionUrl } from './subscription-links.ts';
import { adapter } from '../platform/adapter-seam.ts';

const privacy = adapter('privacy', () => dynamoDbPrivacyStore(dynamodb, config.TABLE_NAME));
const templates = createTemplateRenderer(nurtureTemplates, subscriptionTemplates);

/** The adapters behind enrolment, steps and subscription changes, built once per process. */
export const nurtureDeps: NurtureDeps = {
  ...outboundAdapters(config, { 'nurture-step': config.NURTURE_STEP_FUNCTION_ARN }),
  policy: defaultNurturePolicy,
  steps: createNurtureSteps(nurtureTemplates),
  render: templates.render,
  conditionsHold: templates.conditionsHold,
  links: {
    unsubscribeUrl: async (leadId, now) => subscriptionUrl(config.PUBLIC_API_URL, await signingKey(), 'unsubscribe', leadId, now),
    confirmUrl: async (leadId, now) => subscriptionUrl(config.PUBLIC_API_URL, await signingKey(), 'confirm-subscription', leadId, now),
  },
  erasedAddress: async (email) => privacy.isSuppressed(emailHash(email, await signingKey())),
  unsubscribeMailto: config.UNSUBSCRIBE_MAILTO || undefined,
};
