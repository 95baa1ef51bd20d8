import { randomUUID } from 'node:crypto';
import { type EmailSender, type OutgoingEmail, sesTagValue } from './email-sender.ts';

/** An email as it left: with the message id the sender answered and its tags as SES keeps them. */
export type SentEmail = OutgoingEmail & { messageId: string };

export type MemoryMailer = EmailSender & {
  /** Every email sent so far, oldest first. */
  sent(): SentEmail[];
};

/** Sends into memory: each email gets its own message id, and its tags the values SES would carry back. */
export function memoryMailer(): MemoryMailer {
  const sent: SentEmail[] = [];
  return {
    async send(email) {
      const messageId = randomUUID();
      sent.push({
        ...structuredClone(email),
        tags: Object.fromEntries(Object.entries(email.tags).map(([name, value]) => [name, sesTagValue(value)])),
        messageId,
      });
      return { messageId };
    },
    sent: () => [...sent],
  };
}
