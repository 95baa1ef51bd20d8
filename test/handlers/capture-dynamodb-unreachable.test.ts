import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { json } from '../support/api-event.ts';

// The real capture handler and SDK clients, with DynamoDB where nothing answers. The events
// endpoint is a listener that records what reaches it: nothing may be announced.
type Handler = (event: unknown, context: Context) => Promise<APIGatewayProxyResult>;
const context = { functionName: 'capture', awsRequestId: 'r1', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;
const lead = { email: 'dana@acme-industries.com', authority: 'decision-maker', timeline: 'now', budget: '250k-plus' };

let events: Server;
const published: string[] = [];

beforeAll(async () => {
  events = createServer((request, response) => {
    published.push(request.headers['x-amz-target'] as string);
    response.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1' }).end('{"FailedEntryCount":0,"Entries":[{"EventId":"e1"}]}');
  });
  await new Promise<void>((resolve) => events.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    TABLE_NAME: 'leads',
    EVENT_BUS_NAME: 'stoke',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_EVENTBRIDGE: `http://127.0.0.1:${(events.address() as AddressInfo).port}`,
    POWERTOOLS_LOG_LEVEL: 'CRITICAL',
  });
});
afterAll(() => new Promise((resolve) => events.close(resolve)));
beforeEach(() => {
  published.length = 0;
  vi.resetModules();
});

/** The handler as a fresh Lambda would load it, its DynamoDB client pointed at `endpoint`. */
async function captureWithDynamoDbAt(endpoint: string): Promise<Handler> {
  process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint;
  return ((await import('../../functions/capture/handlers/capture.ts')) as unknown as { handler: Handler }).handler;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('capture with DynamoDB unreachable', () => {
  it.each([
    ['nothing listening on its port (connection refused)', async () => `http://127.0.0.1:${await closedPort()}`],
    ['its host name not resolving', async () => 'http://dynamodb.stoke-test.invalid:8000'],
  ])('answers 503 dependency-unavailable with Retry-After and announces nothing: %s', async (_case, endpoint) => {
    const handler = await captureWithDynamoDbAt(await endpoint());

    const response = await handler(json(lead), context);

    expect(response.statusCode).toBe(503);
    expect(response.headers?.['Retry-After']).toBe('1');
    expect(JSON.parse(response.body)).toMatchObject({ error: 'dependency-unavailable' });
    expect(published).toEqual([]);
  });

  it('answers 503 well inside the function timeout when DynamoDB accepts the connection and never answers', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const handler = await captureWithDynamoDbAt(`http://127.0.0.1:${(silent.address() as AddressInfo).port}`);
      const started = Date.now();

      const response = await handler(json(lead), context);

      expect(response.statusCode).toBe(503);
      expect(response.headers?.['Retry-After']).toBe('1');
      expect(Date.now() - started).toBeLessThan(9_000);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  }, 15_000);

  it('answers a plain form post with a retry page, also 503', async () => {
    const handler = await captureWithDynamoDbAt(`http://127.0.0.1:${await closedPort()}`);

    const response = await handler(json(lead, { Accept: 'text/html' }), context);

    expect(response.statusCode).toBe(503);
    expect(response.headers?.['Retry-After']).toBe('1');
    expect(response.body).toContain('Please try again');
  });
});
