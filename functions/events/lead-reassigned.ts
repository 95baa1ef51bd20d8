import * as z from '../platform/zod.ts';
import { defineEvent, stokeSource } from './event-definition.ts';

/**
 * A manager gave a lead to a rep they chose, and the new assignment is
 * recorded: the handoff tells both reps and sets the new owner's
 * first-contact deadlines, as for every assignment.
 */
export const leadReassigned = defineEvent({
  detailType: 'lead.reassigned',
  source: stokeSource,
  version: 1,
  schema: z.object({
    version: z.literal(1),
    leadId: z.string(),
    /** The number of the assignment recorded: a later one makes this event stale. */
    assignment: z.number(),
    /** The rep, or `queue:<name>`, the lead was taken from. */
    fromOwnerId: z.string(),
    toRepId: z.string(),
    /** The manager who chose. */
    by: z.string(),
    at: z.iso.datetime(),
  }),
});

export type LeadReassigned = z.infer<typeof leadReassigned.schema>;
