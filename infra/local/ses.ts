import { createServer, request as forwardRequest, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import emulatorModule from 'aws-ses-v2-local';
import type { Clock } from '../../functions/platform/clock.ts';

/** One message SES accepted, with what aws-ses-v2-local keeps and what it drops. */
export type SentMessage = {
  /** The id the emulator answered with, as SES's SendEmail does. */
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  configurationSetName?: string | undefined;
  tags: { name: string; value: string }[];
  headers: { name: string; value: string }[];
  /** ISO time of the send on the local runtime's clock. */
  sentAt: string;
};

export type LocalSes = {
  /** What the SDK talks to (AWS_ENDPOINT_URL_SESV2): the recording proxy. */
  endpoint: string;
  /** The emulator's web UI, where every email sent can be read. */
  viewerUrl: string;
  /** The emulator's port. */
  port: number;
  sent(): SentMessage[];
  message(messageId: string): SentMessage | undefined;
  stop(): Promise<void>;
};

// Node hands ESM the CommonJS module.exports, while vitest unwraps its `default`.
const startEmulator = typeof emulatorModule === 'function' ? emulatorModule : emulatorModule.default;

type StoredEmail = { messageId: string; at: number; from: string; destination: SentMessage['destination']; subject: string; headers?: SentMessage['headers'] };

// The emulator's store as its request handlers reach it: CommonJS exports, looked up at every call. One per process.
const emulatorStore = createRequire(import.meta.url)('aws-ses-v2-local/dist/store.js') as {
  saveEmail(email: StoredEmail): void;
  getStoreReadonly(): { emails: StoredEmail[] };
};

/** The clocks of the local SES instances running, in the order they started: the latest stamps what the store, one per process, keeps. */
const stampingClocks: Array<{ clock: Clock }> = [];

// The emulator stamps each email with the real time (`at`, epoch seconds), which its viewer shows and its
// .eml download puts in the Date header. Stamped on the runtime's clock as it is stored, the email reads
// right from the first moment the viewer can see it, and the viewer's `since` polling stays in step.
const saveEmail = emulatorStore.saveEmail;
emulatorStore.saveEmail = (email) => {
  const stamping = stampingClocks.at(-1);
  saveEmail(stamping ? { ...email, at: Math.floor(stamping.clock.now().getTime() / 1000) } : email);
};

type SendEmailInput = {
  ConfigurationSetName?: string;
  EmailTags?: { Name: string; Value: string }[];
};

/**
 * Starts aws-ses-v2-local in this process on `port` (0: any free port), and
 * in front of it a proxy (on `proxyPort`, any free one by default) that
 * forwards every request unchanged and, for each SendEmail the emulator
 * accepts, records the configuration set and tags it drops: SES publishes
 * events only through a configuration set, with those tags. `onSent` hears of
 * each accepted message, as SES's Send event would tell. Emails are
 * stamped with the time on `clock`, in the viewer and in their Date header.
 */
export async function startLocalSes(options: { port: number; proxyPort?: number; clock: Clock; onSent?: (message: SentMessage) => void }): Promise<LocalSes> {
  // Loopback only: the emulator needs no authentication beyond any AWS-looking header.
  const emulator = await startEmulator({ port: options.port, host: '127.0.0.1' });
  const emulatorPort = (emulator.address() as AddressInfo).port;
  const sent: SentMessage[] = [];
  const byId = new Map<string, SentMessage>();

  const record = (input: SendEmailInput, messageId: string) => {
    // The emulator's own copy has the rendered subject and recipients for Simple, Template and Raw content alike.
    // From the end: the message was just stored, and a simulated quarter keeps tens of thousands.
    const stored = emulatorStore.getStoreReadonly().emails.findLast((email) => email.messageId === messageId);
    if (!stored) return;
    const message: SentMessage = {
      messageId,
      from: stored.from,
      destination: stored.destination,
      subject: stored.subject,
      configurationSetName: input.ConfigurationSetName,
      tags: (input.EmailTags ?? []).map((tag) => ({ name: tag.Name, value: tag.Value })),
      headers: stored.headers ?? [],
      sentAt: options.clock.now().toISOString(),
    };
    sent.push(message);
    byId.set(messageId, message);
    options.onSent?.(message);
  };

  const proxy = createServer(async (request, response) => {
    try {
      const body = await readBody(request);
      const answer = await forward(emulatorPort, request, body);
      if (request.method === 'POST' && request.url?.split('?')[0] === '/v2/email/outbound-emails' && answer.status === 200) {
        record(JSON.parse(body.toString('utf8')) as SendEmailInput, (JSON.parse(answer.body.toString('utf8')) as { MessageId: string }).MessageId);
      }
      response.writeHead(answer.status, answer.headers).end(answer.body);
    } catch (error) {
      response.writeHead(502, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: `Local SES proxy: ${String(error)}` }));
    }
  });
  await new Promise<void>((resolve) => proxy.listen(options.proxyPort ?? 0, '127.0.0.1', resolve));
  const stamping = { clock: options.clock };
  stampingClocks.push(stamping);

  return {
    endpoint: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    viewerUrl: `http://127.0.0.1:${emulatorPort}/`,
    port: emulatorPort,
    sent: () => [...sent],
    message: (messageId) => byId.get(messageId),
    stop: async () => {
      stampingClocks.splice(stampingClocks.indexOf(stamping), 1);
      await Promise.all([close(proxy), close(emulator)]);
    },
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function forward(port: number, request: IncomingMessage, body: Buffer): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const upstream = forwardRequest({ host: '127.0.0.1', port, method: request.method, path: request.url, headers: request.headers }, async (answer) => {
      try {
        resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: await readBody(answer) });
      } catch (error) {
        reject(error);
      }
    });
    upstream.on('error', reject).end(body);
  });
}

// The SDK and browsers keep connections alive; close() alone would wait for them.
function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
