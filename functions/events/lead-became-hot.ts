import * as z from '../platform/zod.ts';
import { defineEvent, stokeSource } from './event-definition.ts';

/**
 * A known lead crossed the hot threshold: time to hand it to sales. Published
 * once per crossing by whoever's write made it cross (a re-inquiry now,
 * engagement later); `episode` counts the crossings.
 */
export const leadBecameHot = defineEvent({
  detailType: 'lead.became-hot',
  source: stokeSource,
  version: 1,
  schema: z.object({
    version: z.literal(1),
    leadId: z.string(),
    episode: z.number().check(z.int(), z.minimum(1)),
    score: z.number(),
    cause: z.enum(['re-inquiry', 'engagement']),
    at: z.iso.datetime(),
  }),
});

export type LeadBecameHot = z.infer<typeof leadBecameHot.schema>;
