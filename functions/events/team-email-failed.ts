import * as z from '../platform/zod.ts';
import { defineEvent, stokeSource } from './event-definition.ts';

/**
 * An email to someone who works in Stoke (a handoff, reminder, escalation,
 * morning list or review) bounced for good or drew a complaint: the managers
 * are told, since that person may be missing hot leads.
 */
export const teamEmailFailed = defineEvent({
  detailType: 'team-email.failed',
  source: stokeSource,
  version: 1,
  schema: z.object({
    version: z.literal(1),
    /** The address that failed: a colleague's, which the managers must fix, never a lead's. */
    recipient: z.string(),
    failure: z.enum(['bounce', 'complaint']),
    /** What SES said, e.g. "smtp; 550 5.1.1 user unknown". */
    diagnostic: z.optional(z.string()),
    template: z.optional(z.string()),
    leadId: z.optional(z.string()),
    messageId: z.string(),
    at: z.iso.datetime(),
  }),
});

export type TeamEmailFailed = z.infer<typeof teamEmailFailed.schema>;
