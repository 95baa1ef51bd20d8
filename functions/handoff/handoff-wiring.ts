import { outboundAdapters } from '../email/outbound-adapters.ts';
import { createTemplateRenderer } from '../email/render-email.ts';
import { handoffTemplates } from '../email/templates/handoff.ts';
import { eventBridgePublisher } from '../events/eventbridge-publisher.ts';
import { dynamodb } from '../platform/clients/dynamodb.ts';
import { eventbridge } from '../platform/clients/eventbridge.ts';
import { signingKey } from '../platform/secrets.ts';
import { dynamoDbRepStore } from '../reps/dynamodb-rep-store.ts';
import { defaultContactPlans } from '../plans/default-plans.ts';
import { defaultRoutingPolicy } from '../routing/default-policy.ts';
import { defaultSalesPolicy } from '../sales/default-policy.ts';
import { actionUrls } from './action-links.ts';
import { handoffConfig as config } from './handoff-config.ts';
import type { HandoffDeps } from './handoff-deps.ts';
import { adapter } from '../platform/adapter-seam.ts';

/** The adapters behind handing off, reminding and reassigning, built once per process. */
export const handoffDeps: HandoffDeps = {
  ...outboundAdapters(config, { 'first-contact-deadline': config.FIRST_CONTACT_DEADLINE_FUNCTION_ARN }),
  reps: adapter('reps', () => dynamoDbRepStore(dynamodb, config.TABLE_NAME)),
  events: adapter('events', () => eventBridgePublisher(eventbridge, config.EVENT_BUS_NAME)),
  policy: defaultRoutingPolicy,
  plans: defaultContactPlans,
  managerTimeZone: defaultSalesPolicy.review.timeZone,
  render: createTemplateRenderer(handoffTemplates).render,
  actionUrls: async (subject, now) => actionUrls(config.PUBLIC_API_URL, await signingKey(), subject, now),
  leadPageUrl: (leadId) => new URL(`leads/${encodeURIComponent(leadId)}`, config.DESK_URL).href,
};
