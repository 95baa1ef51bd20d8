import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConflictException, CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { useClock } from '../../functions/platform/clock.ts';
import type { FunctionName } from '../wiring/functions.ts';
import { routes } from '../wiring/routes.ts';
import { eventRules, type RuleTarget } from '../wiring/rules.ts';
import { defaultReviewTimeZone, recurringSchedules } from '../wiring/schedules.ts';
import { localAdminRoutes } from './admin-routes.ts';
import { startApiServer } from './api-server.ts';
import { DeadLetters } from './dead-letters.ts';
import { createTable, startDynamoDbLocal } from './dynamodb-local.ts';
import { type BusEvent, type LocalEventBus, startLocalEventBus } from './event-bus.ts';
import { type InFlight, settle } from './in-flight.ts';
import { lambdaInvoker } from './lambda-invoker.ts';
import { localEnvironment, localSecretArns } from './local-environment.ts';
import { seedReps } from './seed-reps.ts';
import { startLocalSecrets } from './secrets-manager.ts';
import { type LocalScheduler, startLocalScheduler } from './scheduler.ts';
import { type LocalSes, startLocalSes } from './ses.ts';
import { VirtualClock } from './virtual-clock.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export type LocalRuntimeOptions = {
  /** API port; 0 picks a free one. */
  apiPort: number;
  /** SES emulator (and its web viewer) port; 0 picks a free one. */
  sesPort: number;
  /** Use a running DynamoDB Local, or start one on this port (0: free) keeping data in `dbPath`, or in memory. */
  dynamodb: { endpoint: string } | { port: number; dbPath?: string };
  tableName?: string;
  /** Where generated secrets (the key signing email links, the webhook key) are kept; without it, new ones per run. */
  dataDir?: string;
  /** How much faster than real time the clock runs. */
  timeScale?: number;
  /** Where the clock starts; now by default. */
  startAt?: Date;
  /** Real-time interval at which due schedules are fired; 0 fires them only when the clock is advanced. */
  tickMs?: number;
};

export type LocalRuntime = {
  apiUrl: string;
  sesViewerUrl: string;
  dynamodbEndpoint: string;
  tableName: string;
  clock: VirtualClock;
  bus: LocalEventBus;
  scheduler: LocalScheduler;
  ses: LocalSes;
  /** The key receivers of the handoff webhook check signatures with. */
  webhookSecret: string;
  deadLetters: DeadLetters;
  /** What the event-log rule received: every event Stoke published. */
  eventLog: BusEvent[];
  /** Moves the clock forward, firing every schedule that falls due and delivering what they publish. */
  advance(milliseconds: number): Promise<Date>;
  /** Resolves when every delivery started so far, and what it started, has finished. */
  settle(): Promise<void>;
  /** Invokes a function as Lambda would, such as a schedule or an event that AWS delivers a second time. */
  invoke(name: FunctionName, event: unknown): Promise<unknown>;
  stop(): Promise<void>;
};

/**
 * Stoke on one machine: DynamoDB Local, the SES emulator, the local bus and
 * scheduler on a virtual clock, and the API serving the stack's routes
 * through the very handler modules that run on Lambda.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const stops: Array<() => Promise<void>> = [];
  const clock = new VirtualClock(options.timeScale ?? 1, options.startAt);
  useClock(clock);
  stops.push(async () => useClock(undefined));

  let dynamodb: { endpoint: string };
  if ('endpoint' in options.dynamodb) {
    dynamodb = options.dynamodb;
  } else {
    const started = await startDynamoDbLocal(options.dynamodb);
    stops.push(started.stop);
    dynamodb = started;
  }

  const inFlight: InFlight = new Set();
  const settleAll = () => settle(inFlight);
  const deadLetters = new DeadLetters();
  const eventLog: BusEvent[] = [];
  const invoke = lambdaInvoker(root);
  const deliver = async (target: RuleTarget, event: unknown) => {
    if (target.type === 'function') return invoke(target.name, event);
    eventLog.push(event as BusEvent);
  };

  const bus = await startLocalEventBus({ port: 0, rules: eventRules, deliver, clock, inFlight, deadLetters });
  stops.push(bus.stop);
  const scheduler = await startLocalScheduler({ port: 0, clock, invoke, settle: settleAll, deadLetters, tickMs: options.tickMs ?? 250 });
  stops.push(scheduler.stop);
  const ses = await startLocalSes({ port: options.sesPort, clock });
  stops.push(ses.stop);
  const secrets = await startLocalSecrets({
    [localSecretArns.signing]: { file: options.dataDir && `${options.dataDir}/signing-key` },
    [localSecretArns.webhook]: { file: options.dataDir && `${options.dataDir}/webhook-key` },
  });
  stops.push(secrets.stop);

  const tableName = options.tableName ?? 'stoke-local';
  const advance = async (milliseconds: number) => {
    // Work already under way (a lead just posted) finishes first, so its schedules exist before time moves.
    await settleAll();
    await scheduler.runUntil(new Date(clock.now().getTime() + milliseconds));
    return clock.now();
  };
  const api = await startApiServer({
    port: options.apiPort,
    routes,
    invoke,
    clock,
    localRoutes: [
      localAdminRoutes({ clock, advance, scheduler, ses, bus, deadLetters, eventLog, settle: settleAll }),
      sampleForm(() => `Stoke is running locally: capture API, DynamoDB Local, SES emulator (${ses.viewerUrl}), local bus and scheduler. Clock: ${clock.now().toISOString()}.`),
    ],
  });
  stops.push(api.stop);

  // Handlers read their configuration when first imported, so it is in place before the first request.
  Object.assign(
    process.env,
    localEnvironment({
      apiUrl: api.endpoint,
      dynamodbEndpoint: dynamodb.endpoint,
      eventBridgeEndpoint: bus.endpoint,
      schedulerEndpoint: scheduler.endpoint,
      sesEndpoint: ses.endpoint,
      secretsEndpoint: secrets.endpoint,
      tableName,
    }),
  );
  const client = new DynamoDBClient({ endpoint: dynamodb.endpoint });
  await createTable(client, tableName);
  await seedReps(client, tableName);
  await createRecurringSchedules(scheduler.endpoint, process.env.SCHEDULER_ROLE_ARN!);

  let stopping: Promise<void> | undefined;
  return {
    apiUrl: api.endpoint,
    sesViewerUrl: ses.viewerUrl,
    dynamodbEndpoint: dynamodb.endpoint,
    tableName,
    clock,
    bus,
    scheduler,
    ses,
    webhookSecret: secrets.value(localSecretArns.webhook),
    deadLetters,
    eventLog,
    advance,
    settle: settleAll,
    invoke,
    // Once, however often it is asked (a run that ends as Ctrl-C arrives asks twice).
    stop: () =>
      (stopping ??= (async () => {
        await settleAll();
        for (const stop of [...stops].reverse()) await stop();
      })()),
  };
}

const sampleFormPath = new URL('../../templates/forms/lead-form.html', import.meta.url);

function sampleForm(status: () => string) {
  return async ({ method, url }: { method: string; url: URL }) => {
    if (method !== 'GET' || url.pathname !== '/') return undefined;
    const html = (await readFile(sampleFormPath, 'utf8')).replace('{{status}}', status());
    return { statusCode: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: html };
  };
}

/** Creates Stoke's recurring schedules on the local scheduler, through its CreateSchedule, as the stack declares them on AWS. */
async function createRecurringSchedules(endpoint: string, roleArn: string): Promise<void> {
  const client = new SchedulerClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    for (const schedule of recurringSchedules) {
      const create = new CreateScheduleCommand({
        Name: schedule.name,
        GroupName: 'stoke',
        Description: schedule.description,
        ScheduleExpression: schedule.expression,
        ScheduleExpressionTimezone: process.env.REVIEW_TIME_ZONE || defaultReviewTimeZone,
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: { Arn: `arn:aws:lambda:us-east-1:000000000000:function:stoke-${schedule.target}`, RoleArn: roleArn, Input: JSON.stringify(schedule.input) },
      });
      await client.send(create).catch((error: unknown) => {
        if (!(error instanceof ConflictException)) throw error;
      });
    }
  } finally {
    client.destroy();
  }
}
