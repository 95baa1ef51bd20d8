import * as z from 'zod';
import { temperatures } from '../scoring/scoring-model.ts';
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
    country: z.string().optional(),
    interest: z.string().optional(),
    source: z.object({
      formId: z.string().optional(),
      utmSource: z.string().optional(),
      utmMedium: z.string().optional(),
      utmCampaign: z.string().optional(),
    }),
  }),
});

export type LeadCaptured = z.infer<typeof leadCaptured.schema>;
