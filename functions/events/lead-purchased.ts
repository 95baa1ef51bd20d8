import * as z from '../platform/zod.ts';
import { defineEvent, stokeSource } from './event-definition.ts';

/** Sales closed a lead as purchased: a customer now, whom marketing may put on a customer track. */
export const leadPurchased = defineEvent({
  detailType: 'lead.purchased',
  source: stokeSource,
  version: 1,
  schema: z.object({
    version: z.literal(1),
    leadId: z.string(),
    by: z.string(),
    value: z.optional(z.number()),
    at: z.iso.datetime(),
  }),
});

export type LeadPurchased = z.infer<typeof leadPurchased.schema>;
