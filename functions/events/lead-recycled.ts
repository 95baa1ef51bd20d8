import * as z from '../platform/zod.ts';
import { defineEvent, stokeSource } from './event-definition.ts';

/** Sales handed a lead back to marketing ("not ready for a year"): it returns to nurture. */
export const leadRecycled = defineEvent({
  detailType: 'lead.recycled',
  source: stokeSource,
  version: 1,
  schema: z.object({
    version: z.literal(1),
    leadId: z.string(),
    by: z.string(),
    note: z.optional(z.string()),
    at: z.iso.datetime(),
  }),
});

export type LeadRecycled = z.infer<typeof leadRecycled.schema>;
