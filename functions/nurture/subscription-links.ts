import * as z from '../platform/zod.ts';
import { signToken } from '../tokens/signed-token.ts';

/** An unsubscribe or confirmation link: one purpose, one lead. */
export const SubscriptionToken = z.object({
  purpose: z.enum(['unsubscribe', 'confirm-subscription']),
  leadId: z.string(),
  exp: z.number().check(z.int()),
});
export type SubscriptionToken = z.infer<typeof SubscriptionToken>;

// An unsubscribe link must keep working as long as anyone may read the email; a confirmation is asked for once.
const lifetimeDays = { unsubscribe: 730, 'confirm-subscription': 30 } as const;

export function subscriptionUrl(baseUrl: string, key: Buffer, purpose: SubscriptionToken['purpose'], leadId: string, now: Date): string {
  const payload: SubscriptionToken = { purpose, leadId, exp: Math.floor(now.getTime() / 1000) + lifetimeDays[purpose] * 86_400 };
  const path = purpose === 'unsubscribe' ? 'unsubscribe' : 'confirm';
  return `${baseUrl.replace(/\/$/, '')}/email/${path}/${signToken(payload, key)}`;
}
