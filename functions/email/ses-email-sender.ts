import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { DependencyUnavailableError } from '../platform/errors.ts';
import { type EmailSender, sesTagValue } from './email-sender.ts';
import { emailStreams } from './email-streams.ts';

/** Sends through SES v2 with the configuration set of the email's stream, so opens, clicks and bounces are published. */
export function sesEmailSender(client: SESv2Client, options: { from: string }): EmailSender {
  return {
    async send(email) {
      try {
        const { MessageId } = await client.send(
          new SendEmailCommand({
            FromEmailAddress: options.from,
            Destination: { ToAddresses: [email.to] },
            ConfigurationSetName: emailStreams[email.stream].configurationSet,
            EmailTags: Object.entries(email.tags).map(([Name, Value]) => ({ Name, Value: sesTagValue(Value) })),
            Content: {
              Simple: {
                Subject: { Data: email.subject, Charset: 'UTF-8' },
                Body: { Html: { Data: email.html, Charset: 'UTF-8' }, Text: { Data: email.text, Charset: 'UTF-8' } },
                ...(email.headers ? { Headers: email.headers.map(({ name, value }) => ({ Name: name, Value: value })) } : {}),
              },
            },
          }),
        );
        return { messageId: MessageId ?? '' };
      } catch (error) {
        throw new DependencyUnavailableError('SES', error);
      }
    },
  };
}
