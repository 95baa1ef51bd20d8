import { createHash } from 'node:crypto';
import * as z from '../../functions/platform/zod.ts';
import { type DocumentedSesEvent, documentedSesEvents, eventObjectKey } from './ses-event-fixtures/documented-events.ts';
import type { SentMessage } from './ses.ts';

/*
 * Every event starts from the one AWS documents for its type (ses-event-fixtures/, sources in the README
 * there), so what the local runtime publishes cannot drift from what SES publishes: only what belongs to
 * the message and to the event is replaced (that README lists which fields), nothing is added, and what a
 * request leaves out stays as documented.
 */

// The account and region every local peer reports (see event-bus.ts).
const account = '000000000000';
const region = 'us-east-1';
// The Lambda functions call the local SES over loopback with the local credentials.
const callerIp = '127.0.0.1';
const callerIdentity = 'local';

const messageId = z.string().check(z.minLength(1));
const at = z.optional(z.iso.datetime({ offset: true }));
const userAgent = z.optional(z.string().check(z.minLength(1), z.maxLength(1000)));
const ip = z.optional(z.union([z.ipv4(), z.ipv6()]));
const link = z.url({ protocol: /^https?$/, error: 'a click needs the http(s) link that was clicked' });
const topics = z.array(z.object({ topicName: z.string().check(z.minLength(1)), subscriptionStatus: z.enum(['OptIn', 'OptOut']) }));

/** The body of `POST /_local/ses-events`: what happened to a message, one `type` per SES event type. */
export const SesEventRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('send'), messageId, at }),
  z.object({ type: z.literal('delivery'), messageId, at }),
  z.object({ type: z.literal('delivery-delay'), messageId, at }),
  z.object({ type: z.literal('open'), messageId, at, userAgent, ip }),
  z.object({ type: z.literal('click'), messageId, at, userAgent, ip, link }),
  z.object({ type: z.literal('bounce'), messageId, at, bounceType: z.optional(z.enum(['Permanent', 'Transient'])) }),
  // The user agent of the system that sent the feedback report.
  z.object({ type: z.literal('complaint'), messageId, at, userAgent }),
  z.object({ type: z.literal('reject'), messageId, at }),
  z.object({ type: z.literal('rendering-failure'), messageId, at }),
  // Without either, the preferences AWS documents: unsubscribed from all, and opted out of its one topic.
  z.object({ type: z.literal('subscription'), messageId, at, unsubscribeAll: z.optional(z.boolean()), topics: z.optional(topics) }),
]);
export type SesEventRequest = z.infer<typeof SesEventRequest>;

type Request<Type extends SesEventRequest['type']> = Extract<SesEventRequest, { type: Type }>;
type Fields = Record<string, unknown>;

export type SesEvent = DocumentedSesEvent;

/**
 * The EventBridge event SES would publish for `message`; the caller puts it on
 * the default bus, the only one SES publishes to. Throws for a message sent
 * without a configuration set: SES publishes no events for it.
 */
export function sesEvent(message: SentMessage, request: SesEventRequest, now: Date): SesEvent {
  const configurationSet = message.configurationSetName;
  if (!configurationSet) {
    throw new Error(`Message ${message.messageId} was sent without a ConfigurationSetName, so SES publishes no events for it`);
  }
  const documented: DocumentedSesEvent = structuredClone(documentedSesEvents[request.type]);
  const timestamp = new Date(request.at ?? now).toISOString();
  const recipients = [...message.destination.to, ...message.destination.cc, ...message.destination.bcc];
  // Stable per event, so that replaying the same request yields the same event.
  const digest = createHash('sha256').update(`${message.messageId} ${request.type} ${timestamp}`).digest('hex');
  const objectKey = eventObjectKey(documented);
  const happened = { timestamp, recipients, feedbackId: `${digest.slice(0, 40)}-000000`, sentAt: message.sentAt };

  return {
    ...documented,
    id: uuidOf(digest),
    account,
    // EventBridge's envelope time has whole seconds.
    time: timestamp.replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [`arn:aws:ses:${region}:${account}:configuration-set/${configurationSet}`],
    detail: {
      ...documented.detail,
      mail: mailObject(documented, message, configurationSet, recipients),
      [objectKey]: eventObject(request, documented.detail[objectKey] as Fields, happened),
    },
  };
}

/** The fields of the documented `mail` object, each filled from the message; a field not known here is a fixture to look at. */
function mailObject(documented: DocumentedSesEvent, message: SentMessage, configurationSet: string, recipients: string[]): Fields {
  const { to, cc } = message.destination;
  const fromDomain = domainOf(message.from);
  const automaticTags: Record<string, string> = {
    'ses:configuration-set': configurationSet,
    'ses:source-ip': callerIp,
    'ses:from-domain': fromDomain,
    'ses:caller-identity': callerIdentity,
    'ses:outgoing-ip': callerIp,
    'ses:operation': 'SendEmail',
  };
  const { eventType } = documented.detail;
  const documentedTags = Object.keys(documented.detail.mail.tags as Fields);
  const local: Fields = {
    timestamp: message.sentAt,
    source: message.from,
    sourceArn: `arn:aws:ses:${region}:${account}:identity/${fromDomain}`,
    sendingAccountId: account,
    messageId: message.messageId,
    destination: recipients,
    headersTruncated: false,
    // SES also lists MIME-Version and Content-Type; the emulator builds the MIME, so they are left out.
    headers: [
      { name: 'From', value: message.from },
      { name: 'To', value: to.join(', ') },
      ...(cc.length ? [{ name: 'Cc', value: cc.join(', ') }] : []),
      { name: 'Subject', value: message.subject },
      ...message.headers,
    ],
    commonHeaders: { from: [message.from], to, ...(cc.length ? { cc } : {}), messageId: message.messageId, subject: message.subject },
    // The message's own tags replace the example's; of SES's automatic ones, those the example shows.
    tags: {
      ...Object.fromEntries(message.tags.map((tag) => [tag.name, [tag.value]])),
      ...Object.fromEntries(documentedTags.filter((name) => name.startsWith('ses:')).map((name) => [name, [filled(automaticTags, `${eventType} event's tag`, name)]])),
    },
  };
  return Object.fromEntries(Object.keys(documented.detail.mail).map((field) => [field, filled(local, `${eventType} event's mail field`, field)]));
}

function filled<Value>(values: Record<string, Value>, what: string, name: string): Value {
  if (!Object.hasOwn(values, name)) throw new Error(`The documented ${what} "${name}" is one the local runtime does not fill`);
  return values[name] as Value;
}

type Happened = { timestamp: string; recipients: string[]; feedbackId: string; sentAt: string };

/** The documented object that says what happened, with what happened to this message instead of the example. */
function eventObject(request: SesEventRequest, documented: Fields, { timestamp, recipients, feedbackId, sentAt }: Happened): Fields {
  switch (request.type) {
    case 'send':
    case 'reject':
    case 'rendering-failure':
      // Nothing in them is about one recipient or one moment: `send` is always empty.
      return documented;
    case 'delivery':
      return { ...documented, timestamp, processingTimeMillis: Math.max(0, Date.parse(timestamp) - Date.parse(sentAt)), recipients };
    case 'delivery-delay': {
      const [delayed] = documented.delayedRecipients as Fields[];
      // SES's retry deadline keeps the distance from the delay that the example shows.
      const expiresAfterMs = Date.parse(documented.expirationTime as string) - Date.parse(documented.timestamp as string);
      return {
        ...documented,
        timestamp,
        expirationTime: new Date(Date.parse(timestamp) + expiresAfterMs).toISOString(),
        delayedRecipients: recipients.map((emailAddress) => ({ ...delayed, emailAddress })),
      };
    }
    case 'open':
      return { ...documented, ipAddress: request.ip ?? documented.ipAddress, timestamp, userAgent: request.userAgent ?? documented.userAgent };
    case 'click': {
      // linkTags appear only for links tagged with ses:tags, which Stoke's emails do not use.
      const { linkTags: _untagged, ...untagged } = documented;
      return { ...untagged, ipAddress: request.ip ?? documented.ipAddress, link: request.link, timestamp, userAgent: request.userAgent ?? documented.userAgent };
    }
    case 'bounce':
      return bounceObject(request, documented, { timestamp, recipients, feedbackId });
    case 'complaint':
      return {
        ...documented,
        complainedRecipients: recipients.map((emailAddress) => ({ emailAddress })),
        timestamp,
        feedbackId,
        userAgent: request.userAgent ?? documented.userAgent,
        arrivalDate: timestamp,
      };
    case 'subscription':
      return subscriptionObject(request, documented, timestamp);
  }
}

function bounceObject(request: Request<'bounce'>, documented: Fields, { timestamp, recipients, feedbackId }: Omit<Happened, 'sentAt'>): Fields {
  const [recipient] = documented.bouncedRecipients as Fields[];
  // The example is a permanent bounce; a transient one is SES's "mailbox full" (Developer Guide, "Bounce types").
  const transient = request.bounceType === 'Transient' && { bounceType: 'Transient', bounceSubType: 'MailboxFull' };
  const dsn = transient ? { status: '4.2.2', diagnosticCode: 'smtp; 452 4.2.2 mailbox full' } : {};
  return {
    ...documented,
    ...transient,
    bouncedRecipients: recipients.map((emailAddress) => ({ ...recipient, emailAddress, ...dsn })),
    timestamp,
    feedbackId,
  };
}

function subscriptionObject(request: Request<'subscription'>, documented: Fields, timestamp: string): Fields {
  if (request.unsubscribeAll === undefined && request.topics === undefined) return { ...documented, timestamp };
  const chosen = request.topics ?? [];
  return {
    ...documented,
    timestamp,
    newTopicPreferences: { unsubscribeAll: request.unsubscribeAll ?? false, topicSubscriptionStatus: chosen },
    // What they had before is not known locally: subscribed to the same topics.
    oldTopicPreferences: { unsubscribeAll: false, topicSubscriptionStatus: chosen.map(({ topicName }) => ({ topicName, subscriptionStatus: 'OptIn' })) },
  };
}

// From may carry a display name: "Stoke <hello@example.com>".
function domainOf(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.slice(address.lastIndexOf('@') + 1).trim();
}

// A version 4 UUID, as EventBridge gives every event, drawn from the digest instead of at random.
function uuidOf(hex: string): string {
  const variant = '89ab'[Number.parseInt(hex[16]!, 16) & 3];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
