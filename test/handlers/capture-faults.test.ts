import {
  DynamoDBClient,
  GetItemCommand,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../support/api-event.ts';

// Faults that DynamoDB Local and the local bus cannot be made to produce on demand.
const dynamodb = mockClient(DynamoDBClient);
const eventbridge = mockClient(EventBridgeClient);
let handler: (event: unknown, context: Context) => Promise<{ statusCode: number; body: string; headers?: Record<string, string> }>;

beforeAll(async () => {
  Object.assign(process.env, { TABLE_NAME: 'leads', EVENT_BUS_NAME: 'stoke', POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'CRITICAL' });
  ({ handler } = (await import('../../functions/capture/handlers/capture.ts')) as unknown as { handler: typeof handler });
});
afterEach(() => {
  dynamodb.reset();
  eventbridge.reset();
});

const context = { functionName: 'capture', awsRequestId: 'r1', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;
const lead = { email: 'dana@acme-industries.com', authority: 'decision-maker', timeline: 'now', budget: '250k-plus' };
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ $metadata: {}, message: 'cancelled', CancellationReasons: codes.map((Code) => ({ Code })) });

describe('capture when a dependency fails', () => {
  it('answers 503 with Retry-After and publishes nothing when DynamoDB throttles', async () => {
    dynamodb.on(TransactWriteItemsCommand).rejects(new ProvisionedThroughputExceededException({ $metadata: { httpStatusCode: 400 }, message: 'slow down' }));

    const response = await handler(json(lead), context);

    expect(response.statusCode).toBe(503);
    expect(response.headers?.['Retry-After']).toBe('1');
    expect(JSON.parse(response.body).error).toBe('dependency-unavailable');
    expect(eventbridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('answers 503 when a transaction is cancelled by throttling', async () => {
    dynamodb.on(TransactWriteItemsCommand).rejects(cancelled('None', 'ThrottlingError', 'None'));

    const response = await handler(json(lead), context);

    expect(response.statusCode).toBe(503);
    expect(eventbridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('answers 503 when EventBridge refuses the event, and does not mark the lead announced', async () => {
    dynamodb.on(TransactWriteItemsCommand).resolves({});
    eventbridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }] });

    const response = await handler(json(lead), context);

    expect(response.statusCode).toBe(503);
    expect(dynamodb).not.toHaveReceivedCommand(UpdateItemCommand);
  });

  it('answers 503 when EventBridge cannot be reached', async () => {
    dynamodb.on(TransactWriteItemsCommand).resolves({});
    eventbridge.on(PutEventsCommand).rejects(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }));

    expect((await handler(json(lead), context)).statusCode).toBe(503);
  });

  it('announces the stored lead on the retry that follows an EventBridge failure', async () => {
    // The first attempt stored the lead but could not announce it: its record carries no announcedAt.
    const stored = {
      leadId: 'lead-1', email: lead.email, profile: {}, firstTouch: { at: '2026-11-20T10:00:00.000Z' }, lastTouch: { at: '2026-11-20T10:00:00.000Z' },
      signals: [], score: { total: 80, fit: 80, engagement: 0, temperature: 'hot', breakdown: [], modelVersion: 'x' },
      status: 'new', capturedAt: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-20T10:00:00.000Z', version: 1,
    };
    dynamodb
      .on(TransactWriteItemsCommand).rejectsOnce(cancelled('ConditionalCheckFailed', 'ConditionalCheckFailed', 'None')).resolves({})
      .on(GetItemCommand, { Key: marshall({ PK: `EMAIL#${lead.email}`, SK: 'EMAIL' }) }).resolves({ Item: marshall({ leadId: 'lead-1' }) })
      .on(GetItemCommand, { Key: marshall({ PK: 'LEAD#lead-1', SK: 'PROFILE' }) }).resolves({ Item: marshall(stored) })
      .on(UpdateItemCommand).resolves({});
    eventbridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });

    const response = await handler(json(lead), context);

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).leadId).toBe('lead-1');
    const detailTypes = eventbridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries?.[0]?.DetailType);
    expect(detailTypes).toEqual(['lead.captured', 'lead.reinquired']);
    expect(dynamodb).toHaveReceivedCommandWith(UpdateItemCommand, { UpdateExpression: 'SET announcedAt = if_not_exists(announcedAt, :at), hotAnnounced = :episode, version = version + :one' });
  });
});
