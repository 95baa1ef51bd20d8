import { describe, expect, it } from 'vitest';
import type { EmailSender, OutgoingEmail } from '../../functions/email/email-sender.ts';
import type { SentEmail } from '../../functions/email/memory-mailer.ts';

/** A mailer under test, and the emails that left through it since it was set up. */
export type MailerUnderTest = { mailer: EmailSender; sent(): Promise<SentEmail[]> };

const handoffEmail: OutgoingEmail = {
  to: 'anna.schmidt@stoke.example',
  stream: 'team',
  subject: 'New hot lead: Dana from Weber',
  html: '<p>Call <strong>Dana</strong> before 11:00</p>',
  text: 'Call Dana before 11:00',
  tags: { leadId: 'lead-42', template: 'handoff', step: 'assigned' },
};

/** The time on the clock each mailer under test is set up with. */
export const sentAt = '2026-11-24T09:00:00.000Z';

/** What the core relies on from an EmailSender, whichever service delivers the email. */
export function emailSenderContract(name: string, setUp: () => Promise<MailerUnderTest> | MailerUnderTest): void {
  describe(`EmailSender contract: ${name}`, () => {
    it('sends the email as given and answers with the message id it went out under', async () => {
      const { mailer, sent } = await setUp();

      const { messageId } = await mailer.send(handoffEmail);

      expect(messageId).not.toBe('');
      expect(await sent()).toEqual([{ ...handoffEmail, messageId, sentAt }]);
    });

    it('sends marketing and the team’s email apart, each through its own stream', async () => {
      const { mailer, sent } = await setUp();

      await mailer.send({ ...handoffEmail, stream: 'marketing', to: 'dana@weber.example' });
      await mailer.send(handoffEmail);

      expect((await sent()).map((email) => [email.to, email.stream])).toEqual([
        ['dana@weber.example', 'marketing'],
        ['anna.schmidt@stoke.example', 'team'],
      ]);
    });

    it('gives every email its own message id', async () => {
      const { mailer, sent } = await setUp();

      const answers = [await mailer.send(handoffEmail), await mailer.send({ ...handoffEmail, to: 'kai.berg@stoke.example' })];

      expect(new Set(answers.map((answer) => answer.messageId)).size).toBe(2);
      expect((await sent()).map((email) => [email.to, email.messageId])).toEqual([
        ['anna.schmidt@stoke.example', answers[0]!.messageId],
        ['kai.berg@stoke.example', answers[1]!.messageId],
      ]);
    });

    it('keeps tag values as SES carries them back: characters SES refuses become _', async () => {
      const { mailer, sent } = await setUp();

      await mailer.send({ ...handoffEmail, tags: { leadId: 'lead-42', template: 'tip: week 1/3', to: 'dana@weber.example' } });

      expect((await sent())[0]?.tags).toEqual({ leadId: 'lead-42', template: 'tip__week_1_3', to: 'dana@weber.example' });
    });

    it('sends the headers given, such as one-click unsubscribe', async () => {
      const { mailer, sent } = await setUp();
      const headers = [
        { name: 'List-Unsubscribe', value: '<https://stoke.example/unsubscribe?t=abc>' },
        { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
      ];

      await mailer.send({ ...handoffEmail, headers });

      expect((await sent())[0]?.headers).toEqual(headers);
    });
  });
}
