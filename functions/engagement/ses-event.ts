import * as z from '../platform/zod.ts';

const timestamp = z.string();

/**
 * The SES events engagement acts on, by the `detail-type` SES gives them on
 * EventBridge (EventBridge events reference, "Amazon Simple Email Service
 * events"). Sends are what a stream's bounce and complaint rates are counted
 * against (the brake). SES's other sending events (Email Delivery Delayed,
 * Email Rejected, Email Rendering Failed) say nothing about the person.
 */
export const engagementDetailTypes = ['Email Sent', 'Email Delivered', 'Email Opened', 'Email Clicked', 'Email Bounced', 'Email Complaint Received', 'Email Subscribed'] as const;

const TopicPreferences = z.object({
  unsubscribeAll: z.optional(z.boolean()),
  topicSubscriptionStatus: z.optional(z.array(z.object({ topicName: z.string(), subscriptionStatus: z.string() }))),
});
/** What a person chose in SES's subscription management: everything, or topic by topic. */
export type TopicPreferences = z.infer<typeof TopicPreferences>;

const Recipient = z.object({ emailAddress: z.string(), diagnosticCode: z.optional(z.string()) });

/**
 * The part of an SES event (as SES publishes it to EventBridge) that Stoke
 * reads: which message, its tags, and what happened to it.
 */
export const SesEventDetail = z.object({
  eventType: z.string(),
  mail: z.object({
    messageId: z.string(),
    timestamp,
    tags: z._default(z.record(z.string(), z.array(z.string())), {}),
  }),
  delivery: z.optional(z.object({ timestamp })),
  open: z.optional(z.object({ timestamp, ipAddress: z.optional(z.string()), userAgent: z.optional(z.string()) })),
  click: z.optional(z.object({ timestamp, link: z.string(), ipAddress: z.optional(z.string()), userAgent: z.optional(z.string()) })),
  bounce: z.optional(z.object({ timestamp, bounceType: z.string(), bouncedRecipients: z._default(z.array(Recipient), []) })),
  complaint: z.optional(z.object({ timestamp, complainedRecipients: z._default(z.array(Recipient), []) })),
  subscription: z.optional(z.object({ timestamp, newTopicPreferences: z.optional(TopicPreferences) })),
});
export type SesEventDetail = z.infer<typeof SesEventDetail>;
