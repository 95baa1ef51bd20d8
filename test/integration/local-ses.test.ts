import { CreateEmailTemplateCommand, SESv2Client, SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DocumentedSesEvent, documentedSesEvents, eventObjectKey, type SesEventType, sesEventTypes } from '../../infra/local/ses-event-fixtures/documented-events.ts';
import { sesEvent, SesEventRequest } from '../../infra/local/ses-events.ts';
import { type LocalSes, type SentMessage, startLocalSes } from '../../infra/local/ses.ts';

const sentAt = new Date('2030-03-04T09:15:00.000Z');
const clock = { now: () => sentAt };

const email = {
  FromEmailAddress: 'Stoke <hello@stoke.example>',
  Destination: { ToAddresses: ['ada@example.com'] },
  ConfigurationSetName: 'stoke-engagement',
  EmailTags: [
    { Name: 'leadId', Value: 'lead-42' },
    { Name: 'step', Value: 'welcome-1' },
  ],
  Content: {
    Simple: {
      Subject: { Data: 'Welcome to Stoke' },
      Body: { Html: { Data: '<p>Hello <a href="https://stoke.example/guide">Ada</a></p>' }, Text: { Data: 'Hello Ada' } },
      Headers: [
        { Name: 'List-Unsubscribe', Value: '<https://stoke.example/unsubscribe?t=abc>' },
        { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
      ],
    },
  },
} satisfies SendEmailCommandInput;

let ses: LocalSes;
let client: SESv2Client;
let messageId: string;

beforeAll(async () => {
  ses = await startLocalSes({ port: 0, clock });
  client = new SESv2Client({ endpoint: ses.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  messageId = (await client.send(new SendEmailCommand(email))).MessageId!;
});

afterAll(async () => {
  client?.destroy();
  await ses?.stop();
});

describe('startLocalSes', () => {
  it('puts the email in the emulator, readable in its viewer', async () => {
    const viewer = await fetch(ses.viewerUrl);
    expect(viewer.status).toBe(200);
    expect(viewer.headers.get('content-type')).toMatch(/^text\/html/);

    const { emails } = (await (await fetch(new URL('store', ses.viewerUrl))).json()) as { emails: Array<Record<string, unknown>> };
    expect(emails.find((stored) => stored.messageId === messageId)).toMatchObject({
      from: 'Stoke <hello@stoke.example>',
      destination: { to: ['ada@example.com'], cc: [], bcc: [] },
      subject: 'Welcome to Stoke',
      body: { html: '<p>Hello <a href="https://stoke.example/guide">Ada</a></p>', text: 'Hello Ada' },
      headers: [
        { name: 'List-Unsubscribe', value: '<https://stoke.example/unsubscribe?t=abc>' },
        { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
      ],
    });
  });

  it("stamps the email with the time on the runtime's clock, in the viewer and in the Date header of its .eml", async () => {
    const { emails } = (await (await fetch(new URL('store', ses.viewerUrl))).json()) as { emails: Array<{ messageId: string; at: number }> };
    expect(emails.find((stored) => stored.messageId === messageId)?.at).toBe(sentAt.getTime() / 1000);

    const eml = (await (await fetch(new URL(`get-emlContent?messageId=${messageId}`, ses.viewerUrl))).json()) as { body: { data: number[] } };
    expect(Buffer.from(eml.body.data).toString('utf8')).toMatch(/^Date: Mon, 04 Mar 2030 09:15:00 \+0000\r?$/m);
  });

  it('records what the emulator drops, under the MessageId the SDK got', () => {
    const expected: SentMessage = {
      messageId,
      from: 'Stoke <hello@stoke.example>',
      destination: { to: ['ada@example.com'], cc: [], bcc: [] },
      subject: 'Welcome to Stoke',
      configurationSetName: 'stoke-engagement',
      tags: [
        { name: 'leadId', value: 'lead-42' },
        { name: 'step', value: 'welcome-1' },
      ],
      headers: [
        { name: 'List-Unsubscribe', value: '<https://stoke.example/unsubscribe?t=abc>' },
        { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
      ],
      sentAt: '2030-03-04T09:15:00.000Z',
    };
    expect(ses.sent()).toEqual([expected]);
    expect(ses.message(messageId)).toEqual(expected);
    expect(ses.message('no-such-id')).toBeUndefined();
  });

  it('forwards other calls unchanged and records no send the emulator refused', async () => {
    await client.send(new CreateEmailTemplateCommand({ TemplateName: 'probe', TemplateContent: { Subject: 'Hi', Text: 'Hi' } }));
    const { templates } = (await (await fetch(new URL('store', ses.viewerUrl))).json()) as { templates: Record<string, unknown> };
    expect(Object.keys(templates)).toContain('probe');

    const bodiless = { ...email, Content: { Simple: { Subject: { Data: 'No body' }, Body: {} } } };
    await expect(client.send(new SendEmailCommand(bodiless))).rejects.toThrow();
    expect(ses.sent().map((sent) => sent.messageId)).toEqual([messageId]);
  });

  it('stops both the proxy and the emulator', async () => {
    const other = await startLocalSes({ port: 0, clock });
    await other.stop();
    await expect(fetch(other.viewerUrl)).rejects.toThrow();
    await expect(fetch(other.endpoint)).rejects.toThrow();
  });
});

describe('sesEvent', () => {
  const message = (): SentMessage => ses.message(messageId)!;
  const now = new Date('2030-03-04T10:00:00.000Z');
  const requestFor = (type: SesEventType) => SesEventRequest.parse({ type, messageId, ...(type === 'click' ? { link: 'https://stoke.example/guide' } : {}) });
  const documentedOpen = documentedSesEvents.open.detail.open;

  it('builds an open from the one AWS documents, with the message, its tags and its configuration set', () => {
    expect(sesEvent(message(), { type: 'open', messageId }, now)).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      'detail-type': 'Email Opened',
      source: 'aws.ses',
      account: '000000000000',
      time: '2030-03-04T10:00:00Z',
      region: 'us-east-1',
      resources: ['arn:aws:ses:us-east-1:000000000000:configuration-set/stoke-engagement'],
      detail: {
        eventType: 'Open',
        // The documented open has no sourceArn, and lists the fields in this order.
        mail: {
          commonHeaders: { from: ['Stoke <hello@stoke.example>'], to: ['ada@example.com'], messageId, subject: 'Welcome to Stoke' },
          destination: ['ada@example.com'],
          headers: [
            { name: 'From', value: 'Stoke <hello@stoke.example>' },
            { name: 'To', value: 'ada@example.com' },
            { name: 'Subject', value: 'Welcome to Stoke' },
            { name: 'List-Unsubscribe', value: '<https://stoke.example/unsubscribe?t=abc>' },
            { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
          ],
          headersTruncated: false,
          messageId,
          sendingAccountId: '000000000000',
          source: 'Stoke <hello@stoke.example>',
          tags: {
            leadId: ['lead-42'],
            step: ['welcome-1'],
            'ses:caller-identity': ['local'],
            'ses:configuration-set': ['stoke-engagement'],
            'ses:from-domain': ['stoke.example'],
            'ses:source-ip': ['127.0.0.1'],
          },
          timestamp: '2030-03-04T09:15:00.000Z',
        },
        open: { ipAddress: documentedOpen.ipAddress, timestamp: '2030-03-04T10:00:00.000Z', userAgent: documentedOpen.userAgent },
      },
    });
  });

  // What sesEvent keeps of each documented per-type object, untouched.
  const kept: Record<SesEventType, string[]> = {
    send: [],
    delivery: ['smtpResponse', 'reportingMTA'],
    'delivery-delay': ['delayType'],
    open: [],
    click: [],
    bounce: ['bounceType', 'bounceSubType', 'reportingMTA'],
    complaint: ['complaintFeedbackType', 'userAgent'],
    reject: ['reason'],
    'rendering-failure': ['errorMessage', 'templateName'],
    subscription: ['contactList', 'source', 'newTopicPreferences', 'oldTopicPreferences'],
  };

  it.each(sesEventTypes)('builds %s from the event AWS documents: the same fields in the same order, nothing added', (type) => {
    const documented: DocumentedSesEvent = documentedSesEvents[type];
    const object = eventObjectKey(documented);

    const event = sesEvent(message(), requestFor(type), now);

    expect(Object.keys(event)).toEqual(Object.keys(documented));
    expect(event).toMatchObject({ version: '0', 'detail-type': documented['detail-type'], source: 'aws.ses' });
    expect(Object.keys(event.detail)).toEqual(Object.keys(documented.detail));
    expect(event.detail.eventType).toBe(documented.detail.eventType);
    expect(Object.keys(event.detail.mail)).toEqual(Object.keys(documented.detail.mail));
    expect(event.detail.mail).toMatchObject({ messageId, destination: ['ada@example.com'], tags: { leadId: ['lead-42'], 'ses:configuration-set': ['stoke-engagement'] } });
    const sesTags = (tags: unknown) => Object.keys(tags as object).filter((name) => name.startsWith('ses:'));
    expect(sesTags(event.detail.mail.tags)).toEqual(sesTags(documented.detail.mail.tags));
    // Stoke's links carry no ses:tags, so a click has no linkTags.
    const { linkTags: _untagged, ...documentedObject } = documented.detail[object] as Record<string, unknown>;
    expect(shape(event.detail[object])).toEqual(shape(documentedObject));
    for (const field of kept[type]) expect((event.detail[object] as Record<string, unknown>)[field]).toEqual(documentedObject[field]);
  });

  it('builds a click with the link, the given user agent, IP and time', () => {
    const request = SesEventRequest.parse({
      type: 'click',
      messageId,
      link: 'https://stoke.example/guide',
      userAgent: 'Mozilla/5.0 (iPhone)',
      ip: '203.0.113.9',
      at: '2030-03-04T10:05:30.250Z',
    });
    const event = sesEvent(message(), request, now);
    expect(event).toMatchObject({ 'detail-type': 'Email Clicked', time: '2030-03-04T10:05:30Z', detail: { eventType: 'Click' } });
    expect(event.detail.click).toEqual({
      ipAddress: '203.0.113.9',
      link: 'https://stoke.example/guide',
      timestamp: '2030-03-04T10:05:30.250Z',
      userAgent: 'Mozilla/5.0 (iPhone)',
    });
    expect(event.detail.mail).toMatchObject({ messageId, tags: { leadId: ['lead-42'] } });
  });

  it.each([
    { bounceType: undefined, expected: { bounceType: 'Permanent', bounceSubType: 'General', status: '5.1.1' } },
    { bounceType: 'Transient' as const, expected: { bounceType: 'Transient', bounceSubType: 'MailboxFull', status: '4.2.2' } },
  ])('builds a $expected.bounceType bounce', ({ bounceType, expected }) => {
    const event = sesEvent(message(), SesEventRequest.parse({ type: 'bounce', messageId, bounceType }), now);
    expect(event['detail-type']).toBe('Email Bounced');
    expect(event.detail.eventType).toBe('Bounce');
    expect(event.detail.bounce).toEqual({
      bounceType: expected.bounceType,
      bounceSubType: expected.bounceSubType,
      bouncedRecipients: [{ emailAddress: 'ada@example.com', action: 'failed', status: expected.status, diagnosticCode: expect.stringContaining(expected.status) }],
      timestamp: '2030-03-04T10:00:00.000Z',
      feedbackId: expect.stringMatching(/^[0-9a-f]{40}-000000$/),
      reportingMTA: 'dsn; mta.example.com',
    });
  });

  it('builds a complaint with a stable feedback id', () => {
    const request = SesEventRequest.parse({ type: 'complaint', messageId });
    const event = sesEvent(message(), request, now);
    expect(event['detail-type']).toBe('Email Complaint Received');
    expect(event.detail).toMatchObject({
      eventType: 'Complaint',
      complaint: {
        complainedRecipients: [{ emailAddress: 'ada@example.com' }],
        timestamp: '2030-03-04T10:00:00.000Z',
        complaintFeedbackType: 'abuse',
        arrivalDate: '2030-03-04T10:00:00.000Z',
      },
    });
    expect(sesEvent(message(), request, now)).toEqual(event);
  });

  it('builds a delivery and a delivery delay for the message, the delay expiring as long after as documented', () => {
    expect(sesEvent(message(), { type: 'delivery', messageId }, new Date('2030-03-04T09:15:01.500Z')).detail.delivery).toMatchObject({
      timestamp: '2030-03-04T09:15:01.500Z',
      processingTimeMillis: 1500,
      recipients: ['ada@example.com'],
    });
    const { timestamp, expirationTime } = documentedSesEvents['delivery-delay'].detail.deliveryDelay;
    expect(sesEvent(message(), { type: 'delivery-delay', messageId }, now).detail.deliveryDelay).toMatchObject({
      timestamp: '2030-03-04T10:00:00.000Z',
      expirationTime: new Date(now.getTime() + Date.parse(expirationTime) - Date.parse(timestamp)).toISOString(),
      delayedRecipients: [{ emailAddress: 'ada@example.com', status: '4.4.1' }],
    });
  });

  it('builds a subscription event: as documented by default, or with the preferences asked for', () => {
    const documented = documentedSesEvents.subscription.detail.subscription;
    expect(sesEvent(message(), SesEventRequest.parse({ type: 'subscription', messageId }), now)).toMatchObject({
      'detail-type': 'Email Subscribed',
      detail: { eventType: 'Subscription', subscription: { ...documented, timestamp: '2030-03-04T10:00:00.000Z' } },
    });

    const optOut = SesEventRequest.parse({ type: 'subscription', messageId, unsubscribeAll: false, topics: [{ topicName: 'tips', subscriptionStatus: 'OptOut' }] });
    expect(sesEvent(message(), optOut, now).detail.subscription).toEqual({
      contactList: documented.contactList,
      timestamp: '2030-03-04T10:00:00.000Z',
      source: documented.source,
      newTopicPreferences: { unsubscribeAll: false, topicSubscriptionStatus: [{ topicName: 'tips', subscriptionStatus: 'OptOut' }] },
      oldTopicPreferences: { unsubscribeAll: false, topicSubscriptionStatus: [{ topicName: 'tips', subscriptionStatus: 'OptIn' }] },
    });
  });

  it('leaves the documented events as they are', () => {
    const before = structuredClone(documentedSesEvents);
    for (const type of sesEventTypes) {
      const event = sesEvent(message(), requestFor(type), now);
      (event.detail.mail.tags as Record<string, string[]>).leadId!.push('changed');
    }
    expect(documentedSesEvents).toEqual(before);
  });

  it('refuses a message sent without a configuration set: SES publishes nothing for it', () => {
    const { configurationSetName: _none, ...withoutSet } = message();
    expect(() => sesEvent(withoutSet, { type: 'open', messageId }, now)).toThrow(/without a ConfigurationSetName/);
  });
});

describe('SesEventRequest', () => {
  it('refuses a click without a link, or with a link that is not http(s)', () => {
    for (const link of [undefined, 'javascript:alert(1)']) {
      const result = SesEventRequest.safeParse({ type: 'click', messageId: 'm-1', link });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ path: ['link'], message: 'a click needs the http(s) link that was clicked' });
    }
  });

  it.each(sesEventTypes.filter((type) => type !== 'click'))('accepts %s with only a message id', (type) => {
    expect(SesEventRequest.safeParse({ type, messageId: 'm-1' }).success).toBe(true);
  });

  it('refuses unknown types, bad times and subscription statuses SES does not write', () => {
    expect(SesEventRequest.safeParse({ type: 'unsubscribe', messageId: 'm-1' }).success).toBe(false);
    expect(SesEventRequest.safeParse({ type: 'open', messageId: 'm-1', at: 'yesterday' }).success).toBe(false);
    expect(SesEventRequest.safeParse({ type: 'subscription', messageId: 'm-1', topics: [{ topicName: 'tips', subscriptionStatus: 'gone' }] }).success).toBe(false);
  });
});

// Field names, recursively; arrays by their first element, values by their type.
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return [shape(value[0])];
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, shape(field)]));
  return typeof value;
}
