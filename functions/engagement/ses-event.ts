import * as z from 'zod';

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
    tags: z.record(z.string(), z.array(z.string())).default({}),
  }),
  delivery: z.object({ timestamp }).optional(),
  open: z.object({ timestamp, ipAddress: z.string().optional(), userAgent: z.string().optional() }).optional(),
  click: z.object({ timestamp, link: z.string(), ipAddress: z.string().optional(), userAgent: z.string().optional() }).optional(),
  bounce: z.object({ timestamp, bounceType: z.string() }).optional(),
  complaint: z.object({ timestamp }).optional(),
  subscription: z.object({ timestamp, newTopicPreferences: z.object({ unsubscribeAll: z.boolean().optional() }).optional() }).optional(),
});
export type SesEventDetail = z.infer<typeof SesEventDetail>;
