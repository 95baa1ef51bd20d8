import { randomUUID } from 'node:crypto';
import { type EmailSender, type OutgoingEmail, sesTagValue } from './email-sender.ts';

/** An email as it left: with the message id the sender answered, when, and its tags as SES keeps them. */
export type SentEmail = OutgoingEmail & { messageId: string; sentAt: string };

export type MemoryMailer = EmailSender & {
  /** Every email sent so far, oldest first. */
  sent(): SentEmail[];
};

/**
 * Sends into memory: each email gets its own message id, and its tags the
 * values SES would carry back. A simulation sending a hundred thousand tips
 * keeps them without their bodies (`keepBodies: false`). `onSent` hears of
 * each, as SES's Send event would tell.
 */
export function memoryMailer(options: { now?: () => Date; keepBodies?: boolean; onSent?: (email: SentEmail) => void } = {}): MemoryMailer {
  const { now = () => new Date(), keepBodies = true } = options;
  const sent: SentEmail[] = [];
  return {
    async send(email) {
      const messageId = randomUUID();
      const kept: SentEmail = {
        ...structuredClone(keepBodies ? email : { ...email, html: '', text: '' }),
        tags: Object.fromEntries(Object.entries(email.tags).map(([name, value]) => [name, sesTagValue(value)])),
        messageId,
        sentAt: now().toISOString(),
      };
      sent.push(kept);
      options.onSent?.(kept);
      return { messageId };
    },
    sent: () => [...sent],
  };
}
