import { memoryFigureStore } from '../../functions/marketing/memory-figure-store.ts';
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { captureLead, type CaptureDeps } from '../../functions/capture/capture-lead.ts';
import { captureResponse } from '../../functions/capture/capture-response.ts';
import { LeadForm } from '../../functions/capture/lead-form.ts';
import type { EventDefinition } from '../../functions/events/event-definition.ts';
import type { EventPublisher } from '../../functions/events/event-publisher.ts';
import { dynamoDbLeadStore } from '../../functions/leads/dynamodb-lead-store.ts';
import type { LeadStore } from '../../functions/leads/lead-store.ts';
import { DependencyUnavailableError } from '../../functions/platform/errors.ts';
import { problemOf } from '../../functions/platform/http-errors.ts';
import { defaultScoringModel } from '../../functions/scoring/default-model.ts';
import { createTable } from '../../infra/local/dynamodb-local.ts';
import { json } from '../support/api-event.ts';

// The capture use case on DynamoDB Local: a retry of a submission is answered as the first was and counts nothing twice.
const tableName = `capture-retry-${randomUUID()}`;
let client: DynamoDBClient;
let store: LeadStore;

beforeAll(async () => {
  client = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await createTable(client, tableName);
  store = dynamoDbLeadStore(client, tableName);
});
afterAll(() => client?.destroy());

/** The bus as capture sees it: what was published, and an outage when asked for one. */
function recordingBus() {
  const published: Array<{ detailType: string; detail: Record<string, unknown> }> = [];
  let down = false;
  const publisher: EventPublisher = {
    async publish(definition: EventDefinition, detail: unknown) {
      if (down) throw new DependencyUnavailableError('EventBridge', new Error('connect ECONNREFUSED 127.0.0.1:4010'));
      published.push({ detailType: definition.detailType, detail: detail as Record<string, unknown> });
    },
  } as EventPublisher;
  return { publisher, published, of: (detailType: string) => published.filter((e) => e.detailType === detailType), setDown: (value: boolean) => (down = value) };
}

// What the SDK throws when DynamoDB stops answering (see test/unit/platform/transient-errors.test.ts).
const dynamoDbGone = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED', syscall: 'connect', $metadata: { attempts: 3, totalRetryDelay: 90 } });

function setup() {
  const bus = recordingBus();
  let dynamoDbDiesAfterInsert = false;
  const leads: LeadStore = {
    ...store,
    async markAnnounced(...args) {
      if (dynamoDbDiesAfterInsert) throw dynamoDbGone();
      return store.markAnnounced(...args);
    },
  };
  const deps: CaptureDeps = { leads, events: bus.publisher, figures: memoryFigureStore(), model: defaultScoringModel, spamRetentionDays: 30 };
  return { bus, deps, killDynamoDbAfterInsert: (value: boolean) => (dynamoDbDiesAfterInsert = value) };
}

const start = Date.parse('2026-11-20T10:00:00.000Z');
const minutes = (n: number) => new Date(start + n * 60_000).toISOString();
const unique = (name: string) => `${name}-${randomUUID().slice(0, 8)}@acme-industries.com`;
const submission = (fields: Record<string, unknown>, at: string) => ({ form: LeadForm.parse(fields), at, consentTextVersion: '2026-11-01' });
const answerOf = (result: Awaited<ReturnType<typeof captureLead>>) => {
  const response = captureResponse(result, json({}), undefined);
  return { status: response.statusCode, body: JSON.parse(response.body) as { leadId: string; temperature: string } };
};
const historyTypes = async (leadId: string) => (await store.historyOf(leadId)).map((entry) => entry.type).sort();

describe('a retry of a submission whose first request failed after storing it', () => {
  it('is answered 201 like the first, leaves a cold lead cold and counts no re-inquiry (DynamoDB died before the lead was marked announced)', async () => {
    // Given a cold lead (15 points) stored by a request that then lost DynamoDB
    const { bus, deps, killDynamoDbAfterInsert } = setup();
    const fields = { email: unique('cold'), authority: 'user', utm_source: 'google' };
    killDynamoDbAfterInsert(true);
    const failed = await captureLead(submission(fields, minutes(0)), deps).catch((error: unknown) => error);
    expect(problemOf(failed)).toMatchObject({ statusCode: 503, retry: true });
    const stored = (await store.findByEmail(fields.email))!;
    expect(stored.score).toMatchObject({ total: 15, temperature: 'cold' });

    // When the client sends the same submission again once DynamoDB is back
    killDynamoDbAfterInsert(false);
    const retried = await captureLead(submission(fields, minutes(0.5)), deps);

    // Then it gets the answer the first should have had, and the lead is as the first left it, announced now
    expect(answerOf(retried)).toEqual({ status: 201, body: { leadId: stored.leadId, temperature: 'cold' } });
    const lead = (await store.get(stored.leadId))!;
    expect(lead.score).toEqual(stored.score);
    expect(lead.signals).toEqual([]);
    expect(lead.announcedAt).toBeDefined();
    expect(await historyTypes(stored.leadId)).toEqual(['captured']);
    expect(bus.of('lead.reinquired')).toEqual([]);
  });

  it('announces the lead the first could not announce (EventBridge down), once, without a re-inquiry', async () => {
    const { bus, deps } = setup();
    const fields = { email: unique('unannounced'), authority: 'influencer' };
    bus.setDown(true);
    await expect(captureLead(submission(fields, minutes(0)), deps)).rejects.toBeInstanceOf(DependencyUnavailableError);

    bus.setDown(false);
    const retried = await captureLead(submission(fields, minutes(1)), deps);

    expect(answerOf(retried).status).toBe(201);
    expect(bus.published.map((e) => e.detailType)).toEqual(['lead.captured']);
    const lead = (await store.findByEmail(fields.email))!;
    expect(lead.signals).toEqual([]);
    expect(await historyTypes(lead.leadId)).toEqual(['captured']);
  });
});

describe('a retry of a submission that was stored and answered', () => {
  it('is answered 200 again for a re-inquiry, with no second signal, history entry or lead.reinquired', async () => {
    const { bus, deps } = setup();
    const email = unique('again');
    await captureLead(submission({ email, authority: 'user' }, minutes(0)), deps);
    const reinquiry = { email, authority: 'user', timeline: '3m', utm_campaign: 'webinar' };
    const first = await captureLead(submission(reinquiry, minutes(60)), deps);
    const afterFirst = (await store.findByEmail(email))!;

    const retried = await captureLead(submission(reinquiry, minutes(61)), deps);

    expect(first.type).toBe('merged');
    expect(answerOf(retried)).toEqual(answerOf(first));
    const lead = (await store.findByEmail(email))!;
    expect(lead.score).toEqual(afterFirst.score);
    expect(lead.signals).toHaveLength(1);
    expect(lead.version).toBe(afterFirst.version);
    expect(await historyTypes(lead.leadId)).toEqual(['captured', 're-inquired']);
    expect(bus.of('lead.reinquired')).toHaveLength(1);
  });

  it('answers with the temperature of the first answer, even when the lead has warmed since', async () => {
    const { deps } = setup();
    const email = unique('warmed');
    const fields = { email, authority: 'user' };
    const first = await captureLead(submission(fields, minutes(0)), deps);
    await captureLead(submission({ email, authority: 'user', need: 'We need to answer inbound leads within the hour' }, minutes(1)), deps);

    const retried = await captureLead(submission(fields, minutes(2)), deps);

    expect((await store.findByEmail(email))!.score.temperature).toBe('warm');
    expect(answerOf(retried)).toEqual({ status: 201, body: { leadId: answerOf(first).body.leadId, temperature: 'cold' } });
  });
});

describe('where retries end', () => {
  it.each([
    ['the same form 11 minutes later', { authority: 'user' }, 11],
    ['the same form the next day', { authority: 'user' }, 24 * 60],
    ['other fields a minute later', { authority: 'user', utm_campaign: 'webinar' }, 1],
  ])('the same form within a few minutes is a retry; %s is a re-inquiry', async (_case, fields, after) => {
    const { bus, deps } = setup();
    const email = unique('new-visit');
    await captureLead(submission({ email, authority: 'user' }, minutes(0)), deps);

    const retry = await captureLead(submission({ email, authority: 'user' }, minutes(0.5)), deps);
    const later = await captureLead(submission({ email, ...fields }, minutes(after)), deps);

    expect([retry.type, later.type]).toEqual(['retried', 'merged']);
    expect(answerOf(later).status).toBe(200);
    const lead = (await store.findByEmail(email))!;
    expect(lead.signals).toHaveLength(1);
    expect(lead.score).toMatchObject({ total: 25, temperature: 'warm' });
    expect(await historyTypes(lead.leadId)).toEqual(['captured', 're-inquired']);
    expect(bus.of('lead.reinquired')).toHaveLength(1);
  });
});

describe('a submission named by an Idempotency-Key', () => {
  it('is recognised by its key for a day, whatever the fields; another key is another submission', async () => {
    const { deps } = setup();
    const email = unique('keyed');
    const key = randomUUID();
    const first = await captureLead(submission({ email, authority: 'user' }, minutes(0)), deps, key);

    const sameKeyLater = await captureLead(submission({ email, authority: 'user', utm_campaign: 'resent' }, minutes(23 * 60)), deps, key);
    const otherKey = await captureLead(submission({ email, authority: 'user' }, minutes(23 * 60 + 1)), deps, randomUUID());
    const sameKeyNextDay = await captureLead(submission({ email, authority: 'user' }, minutes(25 * 60)), deps, key);

    expect(answerOf(sameKeyLater)).toEqual(answerOf(first));
    expect([otherKey.type, sameKeyNextDay.type]).toEqual(['merged', 'merged']);
  });

  it("is one person's: the same key with another email is another submission", async () => {
    const { deps } = setup();
    const key = randomUUID();
    const email = unique('one');
    await captureLead(submission({ email }, minutes(0)), deps, key);

    const retry = await captureLead(submission({ email }, minutes(1)), deps, key);
    const other = await captureLead(submission({ email: unique('two') }, minutes(1)), deps, key);

    expect([retry.type, other.type]).toEqual(['retried', 'created']);
  });
});
