import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { clock } from '../../functions/platform/clock.ts';
import { routes } from '../wiring/routes.ts';
import { eventRules } from '../wiring/rules.ts';
import { startApiServer } from './api-server.ts';
import { DeadLetters } from './dead-letters.ts';
import { createTable, startDynamoDbLocal } from './dynamodb-local.ts';
import { type LocalEventBus, startLocalEventBus } from './event-bus.ts';
import { type InFlight, settle } from './in-flight.ts';
import { lambdaInvoker } from './lambda-invoker.ts';
import { localEnvironment } from './local-environment.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export type LocalRuntimeOptions = {
  /** API port; 0 picks a free one. */
  apiPort: number;
  /** Use a running DynamoDB Local, or start one on this port (0: free) keeping data in `dbPath`, or in memory. */
  dynamodb: { endpoint: string } | { port: number; dbPath?: string };
  tableName?: string;
};

export type LocalRuntime = {
  apiUrl: string;
  dynamodbEndpoint: string;
  tableName: string;
  bus: LocalEventBus;
  deadLetters: DeadLetters;
  /** Resolves when every event delivery started so far, and what it started, has finished. */
  settle(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Stoke on one machine: DynamoDB Local, the local bus, and the API serving
 * the stack's routes through the very handler modules that run on Lambda.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const stops: Array<() => Promise<void>> = [];
  let dynamodb: { endpoint: string };
  if ('endpoint' in options.dynamodb) {
    dynamodb = options.dynamodb;
  } else {
    const started = await startDynamoDbLocal(options.dynamodb);
    stops.push(started.stop);
    dynamodb = started;
  }

  const inFlight: InFlight = new Set();
  const deadLetters = new DeadLetters();
  const invoke = lambdaInvoker(root);
  const bus = await startLocalEventBus({ port: 0, rules: eventRules, invoke, clock, inFlight, deadLetters });
  stops.push(bus.stop);

  const tableName = options.tableName ?? 'stoke-local';
  const api = await startApiServer({
    port: options.apiPort,
    routes,
    invoke,
    clock,
    localRoutes: [sampleForm],
  });
  stops.push(api.stop);

  // Handlers read their configuration when first imported, so it is in place before the first request.
  Object.assign(
    process.env,
    localEnvironment({ apiUrl: api.endpoint, dynamodbEndpoint: dynamodb.endpoint, eventBridgeEndpoint: bus.endpoint, tableName }),
  );
  await createTable(new DynamoDBClient({ endpoint: dynamodb.endpoint }), tableName);

  return {
    apiUrl: api.endpoint,
    dynamodbEndpoint: dynamodb.endpoint,
    tableName,
    bus,
    deadLetters,
    settle: () => settle(inFlight),
    async stop() {
      await settle(inFlight);
      for (const stop of stops.reverse()) await stop();
    },
  };
}

const sampleFormPath = new URL('../../templates/forms/lead-form.html', import.meta.url);

async function sampleForm({ method, url }: { method: string; url: URL }) {
  if (method !== 'GET' || url.pathname !== '/') return undefined;
  const html = (await readFile(sampleFormPath, 'utf8')).replace('{{status}}', 'Stoke is running locally: capture API, DynamoDB Local and the local event bus.');
  return { statusCode: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: html };
}
