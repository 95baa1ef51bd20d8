import { CreateEmailTemplateCommand, SESv2Client, SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('builds an open as SES publishes it to EventBridge, tags as { name: [value] }', () => {
    expect(sesEvent(message(), { type: 'open', messageId }, now)).toEqual({
      source: 'aws.ses',
      'detail-type': 'Email Opened',
      time: '2030-03-04T10:00:00Z',
      resources: ['arn:aws:ses:us-east-1:000000000000:configuration-set/stoke-engagement'],
      detail: {
        eventType: 'Open',
        mail: {
          timestamp: '2030-03-04T09:15:00.000Z',
          source: 'Stoke <hello@stoke.example>',
          sourceArn: 'arn:aws:ses:us-east-1:000000000000:identity/stoke.example',
          sendingAccountId: '000000000000',
          messageId,
          destination: ['ada@example.com'],
          headersTruncated: false,
          headers: [
            { name: 'From', value: 'Stoke <hello@stoke.example>' },
            { name: 'To', value: 'ada@example.com' },
            { name: 'Subject', value: 'Welcome to Stoke' },
            { name: 'List-Unsubscribe', value: '<https://stoke.example/unsubscribe?t=abc>' },
            { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
          ],
          commonHeaders: { from: ['Stoke <hello@stoke.example>'], to: ['ada@example.com'], messageId, subject: 'Welcome to Stoke' },
          tags: {
            leadId: ['lead-42'],
            step: ['welcome-1'],
            'ses:configuration-set': ['stoke-engagement'],
            'ses:source-ip': ['127.0.0.1'],
            'ses:from-domain': ['stoke.example'],
            'ses:caller-identity': ['local'],
          },
        },
        open: {
          ipAddress: '198.51.100.7',
          timestamp: '2030-03-04T10:00:00.000Z',
          userAgent: expect.stringContaining('Thunderbird'),
        },
      },
    });
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
      reportingMTA: expect.stringMatching(/^dsn; /),
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
        complaintSubType: null,
        complaintFeedbackType: 'abuse',
        arrivalDate: '2030-03-04T10:00:00.000Z',
      },
    });
    expect(sesEvent(message(), request, now).detail.complaint).toEqual(event.detail.complaint);
  });

  it('builds the Email Sent and Email Delivered events the runtime publishes by itself', () => {
    expect(sesEvent(message(), { type: 'send', messageId }, sentAt)).toMatchObject({ 'detail-type': 'Email Sent', detail: { eventType: 'Send', send: {} } });
    expect(sesEvent(message(), { type: 'delivery', messageId }, new Date('2030-03-04T09:15:01.500Z')).detail.delivery).toMatchObject({
      processingTimeMillis: 1500,
      recipients: ['ada@example.com'],
    });
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

  it('accepts an open with only a message id and refuses unknown types and bad times', () => {
    expect(SesEventRequest.safeParse({ type: 'open', messageId: 'm-1' }).success).toBe(true);
    expect(SesEventRequest.safeParse({ type: 'unsubscribe', messageId: 'm-1' }).success).toBe(false);
    expect(SesEventRequest.safeParse({ type: 'open', messageId: 'm-1', at: 'yesterday' }).success).toBe(false);
  });
});
