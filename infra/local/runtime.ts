import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConflictException, CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { useClock } from '../../functions/platform/clock.ts';
import { useInvocationContext } from '../../functions/platform/observability.ts';
import * as z from '../../functions/platform/zod.ts';
import type { FunctionName } from '../wiring/functions.ts';
import { routes } from '../wiring/routes.ts';
import { eventRules, type RuleTarget } from '../wiring/rules.ts';
import { recurringSchedules } from '../wiring/schedules.ts';
import { defaultReviewTimeZone } from '../wiring/settings.ts';
import { localAdminRoutes } from './admin-routes.ts';
import { localDeskFiles } from './desk-files.ts';
import { localDeskSignIn } from './desk-sign-in.ts';
import { startApiServer } from './api-server.ts';
import { type DeadLetter, DeadLetters } from './dead-letters.ts';
import { createTable, startDynamoDbLocal } from './dynamodb-local.ts';
import { type BusEvent, type LocalEventBus, startLocalEventBus } from './event-bus.ts';
import { type InFlight, settle } from './in-flight.ts';
import { currentInvocation, lambdaInvoker } from './lambda-invoker.ts';
import { type LocalUser, startLocalUserPool } from './cognito.ts';
import { localEnvironment, localSecretArns, localUserPoolId } from './local-environment.ts';
import { seedReps } from './seed-reps.ts';
import { startLocalSecrets } from './secrets-manager.ts';
import { type LocalScheduler, startLocalScheduler } from './scheduler.ts';
import { publishes } from '../../functions/email/email-streams.ts';
import { sesEvent } from './ses-events.ts';
import { type LocalSes, startLocalSes } from './ses.ts';
import { readStateFile, StateFile } from './state-file.ts';
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
  /**
   * Where what must outlast a run is kept: the generated secrets (the key
   * signing email links, the webhook key), the scheduler's schedules and the
   * clock's time, so that a run started again resumes where the last one
   * stopped. Without it, new secrets, no schedules but Stoke's recurring
   * ones, and the clock at `startAt`.
   */
  dataDir?: string;
  /** How much faster than real time the clock runs. */
  timeScale?: number;
  /** Where the clock starts when `dataDir` holds no time saved by an earlier run; now by default. */
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
  /** Whether the clock resumed at the time an earlier run saved in `dataDir`. */
  resumed: boolean;
  bus: LocalEventBus;
  scheduler: LocalScheduler;
  ses: LocalSes;
  /** The key receivers of the handoff webhook check signatures with. */
  webhookSecret: string;
  /** The people the local user pool holds: reps invited through POST /reps, with their groups and whether they may sign in. */
  users(): LocalUser[];
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
  const clockFile = options.dataDir && join(options.dataDir, 'clock.json');
  const savedTime = clockFile && (await readStateFile(clockFile, SavedClock));
  // Resumed, never reset to real time: the weeks an earlier run simulated stay in the past, with their once-only records.
  const clock = new VirtualClock(options.timeScale ?? 1, savedTime ? new Date(savedTime.now) : options.startAt, { held: true });
  useClock(clock);
  useInvocationContext(currentInvocation);
  stops.push(async () => {
    useClock(undefined);
    useInvocationContext(undefined);
  });
  const keepTime = clockFile ? new StateFile(clockFile, () => ({ now: clock.now().toISOString() })) : undefined;
  if (keepTime) {
    // Pushed before the scheduler's stop, so it runs after it: the time saved last is the time the runtime stopped at.
    const saving = setInterval(() => keepTime.saveSoon(), clockSaveMs).unref();
    stops.push(async () => {
      clearInterval(saving);
      await keepTime.save();
    });
  }

  let dynamodb: { endpoint: string };
  if ('endpoint' in options.dynamodb) {
    dynamodb = options.dynamodb;
  } else {
    const started = await startDynamoDbLocal({ ...options.dynamodb, port: options.dynamodb.port || ports.dynamodb });
    ports.dynamodb = started.port;
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
  // A replay takes the way the first delivery took: the rule's target through the bus's deliver, the schedule's function through the invoker.
  const redeliver = async (letter: DeadLetter) => {
    if (letter.kind === 'schedule') return invoke(letter.target as FunctionName, letter.payload);
    const rule = eventRules.find((candidate) => candidate.name === letter.source);
    if (!rule) throw new Error(`No rule ${letter.source} delivers events any more`);
    return deliver(rule.target, letter.payload);
  };

  const bus = await startLocalEventBus({ port: ports.bus, rules: eventRules, deliver, clock, inFlight, deadLetters });
  ports.bus = bus.port;
  stops.push(bus.stop);
  let ready!: () => void;
  const scheduler = await startLocalScheduler({
    port: ports.scheduler,
    clock,
    invoke,
    settle: settleAll,
    deadLetters,
    tickMs: options.tickMs ?? 250,
    ready: new Promise<void>((resolve) => (ready = resolve)),
    ...(options.dataDir ? { stateFile: join(options.dataDir, 'schedules.json') } : {}),
  });
  ports.scheduler = scheduler.port;
  stops.push(scheduler.stop);
  // SES publishes a Send event for every message it accepts through a configuration set that publishes sends, at once.
  const ses = await startLocalSes({
    port: options.sesPort || ports.sesViewer,
    proxyPort: ports.sesProxy,
    clock,
    onSent: (message) => {
      if (publishes(message.configurationSetName, 'send')) bus.put({ ...sesEvent(message, { type: 'send', messageId: message.messageId }, clock.now()), 'event-bus-name': 'default' });
    },
  });
  [ports.sesViewer, ports.sesProxy] = [ses.port, Number(new URL(ses.endpoint).port)];
  stops.push(ses.stop);
  const secrets = await startLocalSecrets(
    {
      [localSecretArns.signing]: { file: options.dataDir && join(options.dataDir, 'signing-key') },
      [localSecretArns.webhook]: { file: options.dataDir && join(options.dataDir, 'webhook-key') },
    },
    ports.secrets,
  );
  ports.secrets = secrets.port;
  stops.push(secrets.stop);
  const userPool = await startLocalUserPool(localUserPoolId, ports.userPool);
  ports.userPool = userPool.port;
  stops.push(userPool.stop);

  const tableName = options.tableName ?? 'stoke-local';
  const advance = async (milliseconds: number) => {
    // Work already under way (a lead just posted) finishes first, so its schedules exist before time moves.
    await settleAll();
    await scheduler.runUntil(new Date(clock.now().getTime() + milliseconds));
    keepTime?.saveSoon();
    return clock.now();
  };
  const api = await startApiServer({
    port: options.apiPort || ports.api,
    routes,
    invoke,
    clock,
    localRoutes: [
      // Before the admin routes, which answer 404 for any other /_local/ path.
      localDeskSignIn(),
      localDeskFiles(),
      localAdminRoutes({ clock, advance, scheduler, ses, bus, deadLetters, redeliver, eventLog, settle: settleAll }),
      sampleForm(() => `Stoke is running locally: capture API, DynamoDB Local, SES emulator (${ses.viewerUrl}), local bus and scheduler. Clock: ${clock.now().toISOString()}.`),
    ],
  });
  ports.api = api.port;
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
      userPoolEndpoint: userPool.endpoint,
      tableName,
    }),
  );
  const client = new DynamoDBClient({ endpoint: dynamodb.endpoint });
  await createTable(client, tableName);
  await seedReps(client, tableName);
  // Already there when kept from an earlier run: CreateSchedule's ConflictException leaves them as they were.
  await createRecurringSchedules(scheduler.endpoint, process.env.SCHEDULER_ROLE_ARN!);
  clock.release();
  ready();

  let stopping: Promise<void> | undefined;
  return {
    apiUrl: api.endpoint,
    sesViewerUrl: ses.viewerUrl,
    dynamodbEndpoint: dynamodb.endpoint,
    tableName,
    clock,
    resumed: savedTime !== undefined,
    bus,
    scheduler,
    ses,
    webhookSecret: secrets.value(localSecretArns.webhook),
    users: userPool.users,
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

/** Forgets everything a runtime kept in `dataDir` (what `npm run reset` does): the next start is a fresh one. */
export async function wipeLocalData(dataDir: string): Promise<void> {
  await rm(dataDir, { recursive: true, force: true });
}

const SavedClock = z.object({ now: z.iso.datetime() });
// In a crash, the clock loses at most this much of its progress (times the time scale); the schedules lose none.
const clockSaveMs = 1000;

/**
 * The ports the last runtime in this process listened on, taken again when a
 * port is left to the runtime (0). Handler modules load once per process, as
 * on Lambda, and their configuration and SDK clients keep the endpoints they
 * first read: a runtime started again in the same process must answer there.
 */
const ports = { api: 0, bus: 0, scheduler: 0, sesViewer: 0, sesProxy: 0, secrets: 0, userPool: 0, dynamodb: 0 };

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
