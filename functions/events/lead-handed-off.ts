import * as z from '../platform/zod.ts';
import { defineEvent, stokeSource } from './event-definition.ts';

/** A lead now has an accountable owner, who has been told. */
export const leadHandedOff = defineEvent({
  detailType: 'lead.handed-off',
  source: stokeSource,
  version: 1,
  schema: z.object({
    version: z.literal(1),
    leadId: z.string(),
    episode: z.number().check(z.int(), z.minimum(1)),
    owner: z.discriminatedUnion('type', [
      z.object({ type: z.literal('rep'), repId: z.string(), team: z.string() }),
      z.object({ type: z.literal('queue'), queue: z.string() }),
    ]),
    rule: z.string(),
    reason: z.string(),
    deadlineAt: z.iso.datetime(),
    at: z.iso.datetime(),
    /** Set when the lead was taken from another owner (missed deadline, deactivated rep). */
    previousRepId: z.optional(z.string()),
  }),
});

export type LeadHandedOff = z.infer<typeof leadHandedOff.schema>;
