import { createHash } from 'node:crypto';
import * as z from '../../functions/platform/zod.ts';
import type { SentMessage } from './ses.ts';

/*
 * Shapes as Amazon SES publishes configuration-set events to EventBridge:
 * - detail-types and `source: aws.ses`: EventBridge events reference, "Amazon Simple Email Service events"
 *   (docs.aws.amazon.com/eventbridge/latest/ref/events-ref-ses.html): "Email Sent", "Email Delivered",
 *   "Email Bounced", "Email Complaint Received", "Email Opened", "Email Clicked", ...
 * - `detail` is the event publishing record: SES Developer Guide, "Contents of event data that Amazon SES
 *   publishes to Amazon SNS" and "Examples of event data ..." (docs.aws.amazon.com/ses/latest/dg/
 *   event-publishing-retrieving-sns-contents.html, -examples.html): eventType, mail (timestamp, source,
 *   sourceArn, sendingAccountId, messageId, destination, headersTruncated, headers, commonHeaders, tags as
 *   { name: [values] } with the ses:configuration-set, ses:source-ip, ses:from-domain, ses:caller-identity
 *   auto tags), and open {ipAddress, timestamp, userAgent}, click {ipAddress, link, linkTags, timestamp,
 *   userAgent}, bounce {bounceType, bounceSubType, bouncedRecipients, timestamp, feedbackId, reportingMTA},
 *   complaint {complainedRecipients, timestamp, feedbackId, complaintSubType, userAgent,
 *   complaintFeedbackType, arrivalDate}, delivery {timestamp, processingTimeMillis, recipients,
 *   smtpResponse, reportingMTA}, send {}.
 * - `resources` holds the configuration set's ARN, as in events captured from SES
 *   ("arn:aws:ses:us-east-2:<account>:configuration-set/email-tracking-set").
 */

// The account and region every local peer reports (see event-bus.ts).
const account = '000000000000';
const region = 'us-east-1';
// The Lambda functions call the local SES over loopback with the local credentials.
const callerIp = '127.0.0.1';
const callerIdentity = 'local';

// Thunderbird on Windows: an open or click from a person at a desktop mail client.
const defaultUserAgent = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Thunderbird/128.5.0';
// RFC 5737 documentation range: never a real reader.
const defaultIp = '198.51.100.7';

const common = {
  messageId: z.string().check(z.minLength(1)),
  userAgent: z.optional(z.string().check(z.minLength(1), z.maxLength(1000))),
  ip: z.optional(z.union([z.ipv4(), z.ipv6()])),
  at: z.optional(z.iso.datetime({ offset: true })),
};

/** The body of `POST /_local/ses-events`: what a recipient (or their mail server) did with a message. */
export const SesEventRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('open'), ...common }),
  z.object({ type: z.literal('click'), link: z.url({ protocol: /^https?$/, error: 'a click needs the http(s) link that was clicked' }), ...common }),
  z.object({ type: z.literal('bounce'), bounceType: z.optional(z.enum(['Permanent', 'Transient'])), ...common }),
  z.object({ type: z.literal('complaint'), ...common }),
]);
export type SesEventRequest = z.infer<typeof SesEventRequest>;

/** What the local runtime publishes by itself once a message is accepted and "delivered". */
export type SesSendingEvent = { type: 'send' | 'delivery'; messageId: string; at?: string | undefined };

type EventType = SesEventRequest['type'] | SesSendingEvent['type'];

const published = {
  send: { detailType: 'Email Sent', eventType: 'Send' },
  delivery: { detailType: 'Email Delivered', eventType: 'Delivery' },
  open: { detailType: 'Email Opened', eventType: 'Open' },
  click: { detailType: 'Email Clicked', eventType: 'Click' },
  bounce: { detailType: 'Email Bounced', eventType: 'Bounce' },
  complaint: { detailType: 'Email Complaint Received', eventType: 'Complaint' },
} as const satisfies Record<EventType, { detailType: string; eventType: string }>;

export type SesEvent = {
  source: 'aws.ses';
  'detail-type': (typeof published)[EventType]['detailType'];
  time: string;
  resources: string[];
  detail: { eventType: (typeof published)[EventType]['eventType']; mail: Record<string, unknown> } & Record<string, unknown>;
};

/**
 * The EventBridge event SES would publish for `message`; the caller puts it on
 * the default bus, the only one SES publishes to. Throws for a message sent
 * without a configuration set: SES publishes no events for it.
 */
export function sesEvent(message: SentMessage, request: SesEventRequest | SesSendingEvent, now: Date): SesEvent {
  const configurationSet = message.configurationSetName;
  if (!configurationSet) {
    throw new Error(`Message ${message.messageId} was sent without a ConfigurationSetName, so SES publishes no events for it`);
  }
  const timestamp = new Date(request.at ?? now).toISOString();
  const { detailType, eventType } = published[request.type];
  const recipients = [...message.destination.to, ...message.destination.cc, ...message.destination.bcc];
  const reader = {
    ipAddress: ('ip' in request && request.ip) || defaultIp,
    timestamp,
    userAgent: ('userAgent' in request && request.userAgent) || defaultUserAgent,
  };
  // Stable per event, so that replaying the same request yields the same event.
  const feedbackId = `${createHash('sha256').update(`${message.messageId} ${request.type} ${timestamp}`).digest('hex').slice(0, 40)}-000000`;

  return {
    source: 'aws.ses',
    'detail-type': detailType,
    // EventBridge's envelope time has whole seconds.
    time: timestamp.replace(/\.\d{3}Z$/, 'Z'),
    resources: [`arn:aws:ses:${region}:${account}:configuration-set/${configurationSet}`],
    detail: { eventType, mail: mailObject(message, configurationSet, recipients), ...eventObject() },
  };

  function eventObject(): Record<string, unknown> {
    switch (request.type) {
      case 'send':
        return { send: {} };
      case 'delivery':
        return {
          delivery: {
            timestamp,
            processingTimeMillis: Math.max(0, Date.parse(timestamp) - Date.parse(message.sentAt)),
            recipients,
            smtpResponse: '250 2.6.0 Message received',
            reportingMTA: 'a8-1.smtp-out.amazonses.com',
          },
        };
      case 'open':
        return { open: reader };
      // linkTags appear only for links tagged with ses:tags, which Stoke's emails do not use.
      case 'click':
        return { click: { ...reader, link: request.link } };
      case 'bounce': {
        const permanent = (request.bounceType ?? 'Permanent') === 'Permanent';
        return {
          bounce: {
            bounceType: permanent ? 'Permanent' : 'Transient',
            bounceSubType: permanent ? 'General' : 'MailboxFull',
            bouncedRecipients: recipients.map((emailAddress) => ({
              emailAddress,
              action: 'failed',
              status: permanent ? '5.1.1' : '4.2.2',
              diagnosticCode: permanent ? 'smtp; 550 5.1.1 user unknown' : 'smtp; 452 4.2.2 mailbox full',
            })),
            timestamp,
            feedbackId,
            reportingMTA: 'dsn; mta.example.com',
          },
        };
      }
      case 'complaint':
        return {
          complaint: {
            complainedRecipients: recipients.map((emailAddress) => ({ emailAddress })),
            timestamp,
            feedbackId,
            complaintSubType: null,
            userAgent: reader.userAgent,
            complaintFeedbackType: 'abuse',
            arrivalDate: timestamp,
          },
        };
    }
  }
}

function mailObject(message: SentMessage, configurationSet: string, recipients: string[]): Record<string, unknown> {
  const { to, cc } = message.destination;
  const fromDomain = domainOf(message.from);
  return {
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
    tags: {
      ...Object.fromEntries(message.tags.map((tag) => [tag.name, [tag.value]])),
      'ses:configuration-set': [configurationSet],
      'ses:source-ip': [callerIp],
      'ses:from-domain': [fromDomain],
      'ses:caller-identity': [callerIdentity],
    },
  };
}

// From may carry a display name: "Stoke <hello@example.com>".
function domainOf(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.slice(address.lastIndexOf('@') + 1).trim();
}
