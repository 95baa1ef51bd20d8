import * as z from '../platform/zod.ts';
import { signToken } from '../tokens/signed-token.ts';

export const leadActions = ['contacted', 'not-interested', 'purchased'] as const;
export type LeadAction = (typeof leadActions)[number];

/** What a one-click link in a handoff email may do: one action, on one lead, for its owner, until it expires. */
export const LeadActionToken = z.object({
  purpose: z.literal('lead-action'),
  leadId: z.string(),
  ownerId: z.string(),
  episode: z.number().check(z.int()),
  action: z.enum(leadActions),
  exp: z.number().check(z.int()),
});
export type LeadActionToken = z.infer<typeof LeadActionToken>;

// Long enough for a rep back from a week away; short enough that old emails go dead.
const linkLifetimeDays = 14;

export function actionUrls(
  baseUrl: string,
  key: Buffer,
  subject: { leadId: string; ownerId: string; episode: number },
  now: Date,
): Record<LeadAction, string> {
  const exp = Math.floor(now.getTime() / 1000) + linkLifetimeDays * 86_400;
  const url = (action: LeadAction) => {
    const payload: LeadActionToken = { purpose: 'lead-action', ...subject, action, exp };
    return `${baseUrl.replace(/\/$/, '')}/actions/${signToken(payload, key)}`;
  };
  return { contacted: url('contacted'), 'not-interested': url('not-interested'), purchased: url('purchased') };
}
