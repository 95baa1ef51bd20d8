import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll } from 'vitest';
import { streamOf } from '../../functions/email/email-streams.ts';
import { sesEmailSender } from '../../functions/email/ses-email-sender.ts';
import { memoryMailer, type SentEmail } from '../../functions/email/memory-mailer.ts';
import { type LocalSes, startLocalSes } from '../../infra/local/ses.ts';
import { emailSenderContract, sentAt } from './email-sender.contract.ts';

// The SES emulator keeps one store per process: one for the whole file, each test reading only what it sent.
let ses: LocalSes;
let client: SESv2Client;
const now = () => new Date(sentAt);

beforeAll(async () => {
  ses = await startLocalSes({ port: 0, clock: { now } });
  client = new SESv2Client({ endpoint: ses.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});
afterAll(async () => {
  client?.destroy();
  await ses?.stop();
});

emailSenderContract('in memory', () => {
  const mailer = memoryMailer({ now });
  return { mailer, sent: async () => mailer.sent() };
});

emailSenderContract('SES v2 on the local emulator', () => {
  const before = ses.sent().length;
  return {
    mailer: sesEmailSender(client, { from: 'Stoke <hello@stoke.example>' }),
    async sent(): Promise<SentEmail[]> {
      const { emails } = (await (await fetch(new URL('store', ses.viewerUrl))).json()) as { emails: Array<{ messageId: string; body: { html?: string; text?: string } }> };
      return ses.sent().slice(before).map((message) => {
        const body = emails.find((stored) => stored.messageId === message.messageId)?.body;
        return {
          messageId: message.messageId,
          sentAt: message.sentAt,
          to: message.destination.to[0] ?? '',
          // The configuration set SES sent it through is the stream's: the one thing that tells them apart.
          stream: streamOf(message.configurationSetName)!,
          subject: message.subject,
          html: body?.html ?? '',
          text: body?.text ?? '',
          tags: Object.fromEntries(message.tags.map((tag) => [tag.name, tag.value])),
          ...(message.headers.length ? { headers: message.headers } : {}),
        };
      });
    },
  };
});
