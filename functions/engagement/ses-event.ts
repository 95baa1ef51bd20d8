import * as z from '../platform/zod.ts';

const timestamp = z.string();

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
  bounce: z.optional(z.object({ timestamp, bounceType: z.string() })),
  complaint: z.optional(z.object({ timestamp })),
  subscription: z.optional(z.object({ timestamp, newTopicPreferences: z.optional(z.object({ unsubscribeAll: z.optional(z.boolean()) })) })),
});
export type SesEventDetail = z.infer<typeof SesEventDetail>;
