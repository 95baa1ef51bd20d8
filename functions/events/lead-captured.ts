import * as z from '../platform/zod.ts';
import { temperatures } from '../scoring/temperatures.ts';
import { defineEvent, stokeSource } from './event-definition.ts';

/** A new lead was stored and scored. Consumers: handoff (hot), nurture enrolment (warm, cold). */
export const leadCaptured = defineEvent({
  detailType: 'lead.captured',
  source: stokeSource,
  version: 1,
  schema: z.object({
    version: z.literal(1),
    leadId: z.string(),
    temperature: z.enum(temperatures),
    score: z.number(),
    consent: z.boolean(),
    capturedAt: z.iso.datetime(),
    country: z.optional(z.string()),
    interest: z.optional(z.string()),
    source: z.object({
      formId: z.optional(z.string()),
      utmSource: z.optional(z.string()),
      utmMedium: z.optional(z.string()),
      utmCampaign: z.optional(z.string()),
    }),
  }),
});

export type LeadCaptured = z.infer<typeof leadCaptured.schema>;
