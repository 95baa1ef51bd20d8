import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { SendingPaused } from '../../functions/events/sending-paused.ts';
import type { TeamEmailFailed } from '../../functions/events/team-email-failed.ts';
import { dynamoDbLeadStore } from '../../functions/leads/dynamodb-lead-store.ts';
import { dynamoDbRepStore } from '../../functions/reps/dynamodb-rep-store.ts';
import { dynamoDbBrakeStore } from '../../functions/sending/dynamodb-brake-store.ts';
import { createTable } from '../../infra/local/dynamodb-local.ts';
import { type LocalSes, startLocalSes } from '../../infra/local/ses.ts';
import { annaSchmidt } from '../support/anna-schmidt.ts';
import { hotLead } from '../support/hot-lead.ts';
import { buildShippedTemplates } from '../unit/email/shipped-templates.ts';

// The run's level (WARN) would hide the INFO lines the handler writes; Powertools reads it when the logger is made.
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
});

// The sending-alerts handler module as Lambda loads it, on a table of its own in DynamoDB Local, sending through the local SES.
const tableName = `sending-alerts-${randomUUID()}`;
const maria = 'maria.keller@stoke.example';
const paul = 'paul.wagner@stoke.example';
const at = '2026-03-09T10:42:00.000Z';
const context = { functionName: 'stoke-sending-alerts', awsRequestId: 'r1', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;
const ada = hotLead({ email: 'ada.lovelace@acme.example', profile: { firstName: 'Ada', lastName: 'Lovelace', company: 'Acme Analytics' } });
const grace = hotLead({ email: 'grace.hopper@navy.example', profile: { firstName: 'Grace', lastName: 'Hopper', company: 'Navy Analytics' } });

let ses: LocalSes;
let client: DynamoDBClient;
let invoke: (event: unknown) => Promise<void>;
/** The JSON lines Powertools writes to stdout, kept here instead of printed. */
const logged: string[] = [];

beforeAll(async () => {
  ses = await startLocalSes({ port: 0, clock: { now: () => new Date(at) } });
  const endpoint = inject('dynamodbEndpoint');
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    SENDER_ADDRESS: 'stoke@stoke.example',
    DESK_URL: 'https://d1234.cloudfront.net/desk/',
    COMPANY_NAME: 'Stoke Demo Ltd',
    COMPANY_POSTAL_ADDRESS: '1 Example Street, 10115 Berlin, Germany',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_ENDPOINT_URL_SESV2: ses.endpoint,
  });
  client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await Promise.all([createTable(client, tableName), buildShippedTemplates()]);

  const reps = dynamoDbRepStore(client, tableName);
  await reps.create(annaSchmidt(), 0);
  await reps.create(annaSchmidt({ repId: 'tom-berger', name: 'Tom Berger', email: 'tom.berger@stoke.example', managerEmail: paul }), 0);
  // A deactivated rep's manager is nobody's manager now: not told.
  await reps.create(annaSchmidt({ repId: 'olaf-lind', name: 'Olaf Lind', email: 'olaf.lind@stoke.example', managerEmail: 'gone.manager@stoke.example', active: false }), 0);
  const leads = dynamoDbLeadStore(client, tableName);
  for (const lead of [ada, grace]) await leads.insert(lead, { type: 'captured', at: lead.capturedAt, by: 'lead', details: {} });
  const pause: SendingPaused = { version: 1, stream: 'marketing', because: 'bounces', sends: 100, bounces: { count: 4, rate: 0.04, threshold: 0.03 }, complaints: { count: 1, rate: 0.01, threshold: 0.0008 }, windowDays: 7, at };
  await dynamoDbBrakeStore(client, tableName).pause('marketing', { ...pause, pause: true, leads: { bounced: [ada.leadId], complained: [grace.leadId] }, eventId: 'ses-event-1' });

  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    logged.push(String(chunk));
    return true;
  });
  const { handler } = (await import('../../functions/alerts/handlers/sending-alerts.ts')) as unknown as { handler: (event: unknown, context: Context) => Promise<void> };
  invoke = (event) => handler(event, context);
});

afterAll(async () => {
  vi.restoreAllMocks();
  client?.destroy();
  await ses?.stop();
});

const event = (detailType: string, detail: unknown) => ({ id: randomUUID(), source: 'stoke.leads', 'detail-type': detailType, detail });
const sendingPaused = event('sending.paused', { version: 1, stream: 'marketing', because: 'bounces', sends: 100, bounces: { count: 4, rate: 0.04, threshold: 0.03 }, complaints: { count: 1, rate: 0.01, threshold: 0.0008 }, windowDays: 7, at });
const failure: TeamEmailFailed = { version: 1, recipient: 'Maria.Keller@stoke.example', failure: 'bounce', diagnostic: 'smtp; 550 5.1.1 user unknown', template: 'weekly-review', messageId: 'm-review-1', at };

type StoredEmail = { messageId: string; destination: { to: string[] }; subject: string; body: { text: string } };
async function stored(messageId: string): Promise<StoredEmail> {
  const { emails } = (await (await fetch(new URL('store', ses.viewerUrl))).json()) as { emails: StoredEmail[] };
  return emails.find((email) => email.messageId === messageId)!;
}
const sentWith = (template: string) => ses.sent().filter((message) => message.tags.some((tag) => tag.name === 'template' && tag.value === template));

describe('the sending-alerts function', () => {
  it('emails each manager once that marketing is paused, naming the leads behind it, and logs no address', async () => {
    await invoke(sendingPaused);
    // EventBridge delivers at least once: the same event again, and another delivery of it.
    await invoke(sendingPaused);
    await invoke({ ...sendingPaused, id: randomUUID() });

    const sent = sentWith('sending-paused');
    expect(sent.map((message) => [message.destination.to, message.configurationSetName]).sort()).toEqual([
      [[maria], 'stoke-team'],
      [[paul], 'stoke-team'],
    ]);
    const { subject, body } = await stored(sent[0]!.messageId);
    expect(subject).toBe('Marketing email is paused: bounces reached 4% of its sends');
    expect(body.text).toContain('Grace Hopper, Navy Analytics · complained\nAda Lovelace, Acme Analytics · bounced');
    expect(body.text).toContain('Open Marketing on the desk (https://d1234.cloudfront.net/desk/marketing)');
    const log = logged.join('');
    expect(log).toContain('"message":"alert about a sending pause"');
    for (const address of [ada.email, grace.email, maria, paul]) expect(log).not.toContain(address);
  });

  it('tells the other managers that an email to a manager bounced, never that manager, once however often the event comes', async () => {
    logged.length = 0;

    await invoke(event('team-email.failed', failure));
    await invoke(event('team-email.failed', failure));

    const sent = sentWith('team-email-failed');
    expect(sent.map((message) => message.destination.to)).toEqual([[paul]]);
    const { subject, body } = await stored(sent[0]!.messageId);
    expect(subject).toBe(`An email to ${maria} bounced`);
    expect(body.text).toContain(`Who: ${maria}, the manager of Anna Schmidt\nWhich email: the weekly lead review`);
    expect(body.text).toContain('smtp; 550 5.1.1 user unknown');
    const log = logged.join('');
    expect(log).toContain('"message":"alert about a failed team email"');
    expect(log.toLowerCase()).not.toContain(maria);
  });
});
