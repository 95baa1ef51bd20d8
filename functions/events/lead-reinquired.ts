import * as z from '../platform/zod.ts';
import { temperatures } from '../scoring/temperatures.ts';
import { defineEvent, stokeSource } from './event-definition.ts';

/** A known lead submitted a form again: a returning prospect, scored anew. */
export const leadReinquired = defineEvent({
  detailType: 'lead.reinquired',
  source: stokeSource,
  version: 1,
  schema: z.object({
    version: z.literal(1),
    leadId: z.string(),
    temperature: z.enum(temperatures),
    previousTemperature: z.enum(temperatures),
    score: z.number(),
    at: z.iso.datetime(),
  }),
});

export type LeadReinquired = z.infer<typeof leadReinquired.schema>;
