import type { IncomingMessage } from 'node:http';
import { atWallTime, isTimeZone } from '../../functions/platform/time-zones.ts';
import * as z from '../../functions/platform/zod.ts';
import { type FunctionName, lambdaFunctions } from '../wiring/functions.ts';
import { type AwsJsonOperation, AwsServiceError, serveAwsJson } from './aws-json-server.ts';
import { type DeadLetters, withAttempts } from './dead-letters.ts';
import { CronExpressionError, cronRecurrence } from './cron-expression.ts';
import { DueQueue } from '../../functions/platform/due-queue.ts';
import { readStateFile, StateFile } from './state-file.ts';
import type { VirtualClock } from './virtual-clock.ts';

export type PendingSchedule = {
  name: string;
  groupName: string;
  /** ISO 8601, UTC. */
  dueAt: string;
  target: { arn: string; function: FunctionName };
  input: unknown;
};

export type LocalScheduler = {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
  /**
   * Enabled schedules with an invocation to come, sorted by due time: one-time
   * schedules that have not fired yet, recurring ones at their next occurrence.
   */
  pending(): PendingSchedule[];
  /**
   * Fires, in due-time order, every schedule due at or before `until` — including
   * schedules created by the ones that fire, and every occurrence of a recurring
   * schedule — moving the clock to each due time before firing it and awaiting
   * `settle()` after each, then moves the clock to `until`. Calls never overlap:
   * each waits for the one before.
   */
  runUntil(until: Date): Promise<void>;
  /** Target invocations so far, retries included: what EventBridge Scheduler bills. */
  invocations(): number;
};

/** A schedule as CreateSchedule received it, which GetSchedule returns, plus what firing needs. */
type Schedule = {
  key: string;
  /** Creation order: schedules due at the same moment fire in it. */
  rank: number;
  stored: Record<string, unknown> & { Name: string; GroupName: string; State: string; ActionAfterCompletion: string };
  /** The next invocation: the only one of a one-time schedule, the coming occurrence of a recurring one. */
  dueAt: Date;
  target: { arn: string; function: FunctionName; input: unknown; attempts: number };
  /** Whether no invocation is left: a one-time schedule that fired, a recurring one past its last occurrence. */
  fired: boolean;
  /** The occurrence being invoked right now: saved as still due, so that a crash during the invocation fires it again. */
  firing?: Date;
  /** A recurring schedule's first occurrence at or after an instant (epoch ms), within its StartDate and EndDate. */
  recurrence?: (from: number) => Date | undefined;
};

/** What the state file keeps of each schedule: the request as stored, and where it stands. */
const SavedSchedules = z.object({
  schedules: z.array(
    z.object({
      request: z.looseObject({ Name: z.string(), GroupName: z.string(), CreationDate: z.number() }),
      dueAt: z.iso.datetime(),
      fired: z.boolean(),
    }),
  ),
});

const account = '000000000000';
const region = 'us-east-1';
// AWS retries a failing target up to 185 times over 24 hours; locally a few immediate attempts keep runs fast.
const maxAttempts = 3;

/**
 * Stoke's local EventBridge Scheduler: accepts the SDK's CreateSchedule,
 * GetSchedule, DeleteSchedule and ListSchedules (restJson1) for schedules with
 * Lambda targets — one-time `at()`, recurring `cron()` and `rate()` — and
 * fires them as the virtual clock reaches them.
 */
export async function startLocalScheduler(options: {
  port: number;
  clock: VirtualClock;
  invoke: (target: FunctionName, event: unknown) => Promise<unknown>;
  /** Waits until event deliveries started by a firing have finished. */
  settle: () => Promise<void>;
  deadLetters: DeadLetters;
  /** Real-time polling interval for schedules falling due as the clock runs; 0 disables. */
  tickMs: number;
  /** Polling starts once this resolves: schedules kept from an earlier run may be due at once, and their targets need the runtime ready. */
  ready?: Promise<unknown>;
  /**
   * Where the schedules are kept across restarts, and read from at start.
   * CreateSchedule and DeleteSchedule answer once the change is on disk;
   * firings are saved as they happen. Without it, schedules last as long as the process.
   */
  stateFile?: string;
}): Promise<LocalScheduler> {
  const schedules = new Map<string, Schedule>();
  const dueQueue = new DueQueue<Schedule>();
  let created = 0;
  // The map keeps creation order (a new schedule gets a new key), which ties at the same due time follow.
  const stateFile =
    options.stateFile === undefined
      ? undefined
      : new StateFile(options.stateFile, () => ({
          schedules: [...schedules.values()].map((schedule) => ({ request: schedule.stored, dueAt: (schedule.firing ?? schedule.dueAt).toISOString(), fired: schedule.fired && !schedule.firing })),
        }));
  const saved = () => stateFile?.save();
  const saveSoon = () => stateFile?.saveSoon();
  // Queue entries go stale when their schedule is deleted, fires, or (recurring) moves on.
  const isDue = (schedule: Schedule, at: number) =>
    schedules.get(schedule.key) === schedule && !schedule.fired && schedule.stored.State === 'ENABLED' && schedule.dueAt.getTime() === at;

  function find(name: string, groupName: string): Schedule {
    const schedule = schedules.get(keyOf(groupName, name));
    if (!schedule) throw new AwsServiceError('ResourceNotFoundException', `Schedule ${name} does not exist.`, 404);
    return schedule;
  }

  function createSchedule(name: string, input: Record<string, unknown>) {
    const groupName = stringOr(input.GroupName, 'default');
    const schedule = validate(name, groupName, input, options.clock.now(), created++);
    if (schedules.has(schedule.key)) throw new AwsServiceError('ConflictException', `Schedule ${name} already exists.`, 409);
    add(schedule);
    return { ScheduleArn: schedule.stored.Arn };
  }

  function add(schedule: Schedule) {
    schedules.set(schedule.key, schedule);
    if (!schedule.fired) dueQueue.push(schedule.dueAt.getTime(), schedule.rank, schedule);
  }

  /** Takes back the schedules an earlier run saved, as they stood: checked again as at their creation, so a recurring one recurs as it did. */
  async function restore(file: string) {
    for (const { request, dueAt, fired } of (await readStateFile(file, SavedSchedules))?.schedules ?? []) {
      let schedule: Schedule;
      try {
        schedule = validate(request.Name, request.GroupName, request, new Date(Math.round(request.CreationDate * 1000)), created++);
      } catch (error) {
        // A target or expression this version no longer takes: the rest of the schedules still run.
        console.error(JSON.stringify({ level: 'WARN', message: 'saved schedule dropped', schedule: `${request.GroupName}/${request.Name}`, error: String(error) }));
        continue;
      }
      schedule.dueAt = new Date(dueAt);
      schedule.fired = fired;
      add(schedule);
    }
  }

  function listSchedules(query: URLSearchParams) {
    const group = query.get('ScheduleGroup');
    const prefix = query.get('NamePrefix') ?? '';
    const state = query.get('State');
    const matching = [...schedules.values()]
      .map((schedule) => schedule.stored)
      .filter((s) => (!group || s.GroupName === group) && s.Name.startsWith(prefix) && (!state || s.State === state));
    const start = Number(query.get('NextToken') ?? 0);
    const end = start + Number(query.get('MaxResults') ?? 100);
    return {
      Schedules: matching.slice(start, end).map((s) => ({
        Arn: s.Arn,
        Name: s.Name,
        GroupName: s.GroupName,
        State: s.State,
        CreationDate: s.CreationDate,
        LastModificationDate: s.LastModificationDate,
        Target: { Arn: (s.Target as { Arn: string }).Arn },
      })),
      NextToken: end < matching.length ? String(end) : undefined,
    };
  }

  function route(request: IncomingMessage): AwsJsonOperation | undefined {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const groupName = url.searchParams.get('groupName') ?? 'default';
    if (url.pathname === '/schedules' && request.method === 'GET') return async () => listSchedules(url.searchParams);
    const match = /^\/schedules\/([^/]+)$/.exec(url.pathname);
    if (!match) return undefined;
    const name = decodeURIComponent(match[1]!);
    switch (request.method) {
      // A schedule the caller was told exists, or is gone, stays so after a restart.
      case 'POST':
        return async (input) => {
          const answer = createSchedule(name, input);
          await saved();
          return answer;
        };
      case 'GET':
        return async () => find(name, groupName).stored;
      case 'DELETE':
        return async () => {
          schedules.delete(find(name, groupName).key);
          await saved();
          return {};
        };
      default:
        return undefined;
    }
  }

  const due = () =>
    [...schedules.values()].filter((s) => !s.fired && s.stored.State === 'ENABLED').sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.rank - b.rank);

  async function fire(schedule: Schedule): Promise<void> {
    // Moved on before invoking: a target that lists or re-creates schedules must see this invocation as done.
    schedule.firing = schedule.dueAt;
    const next = schedule.recurrence?.(schedule.dueAt.getTime() + 1);
    if (next) {
      schedule.dueAt = next;
      dueQueue.push(next.getTime(), schedule.rank, schedule);
    } else schedule.fired = true;
    const { target } = schedule;
    const failure = await withAttempts(target.attempts, () => {
      invocations++;
      return options.invoke(target.function, target.input);
    });
    // Saved once it is done (or dead-lettered): a firing cut short by a crash fires again after the restart, at least once as on AWS.
    schedule.firing = undefined;
    if (failure) options.deadLetters.add({ kind: 'schedule', source: schedule.key, target: target.function, at: options.clock.now().toISOString(), ...failure, payload: target.input });
    // A recurring schedule completes with its last occurrence before its EndDate; without an EndDate, AWS never deletes it.
    const completed = schedule.fired && (!schedule.recurrence || schedule.stored.EndDate !== undefined);
    // The target may have deleted this schedule and created another of the same name: leave that one be.
    if (completed && schedule.stored.ActionAfterCompletion === 'DELETE' && schedules.get(schedule.key) === schedule) schedules.delete(schedule.key);
    saveSoon();
  }

  async function fireUntil(until: Date): Promise<void> {
    for (let next = dueQueue.peek(isDue); next && next.at <= until.getTime(); next = dueQueue.peek(isDue)) {
      options.clock.moveTo(new Date(next.at));
      await fire(next.item);
      await options.settle();
    }
    options.clock.moveTo(until);
  }

  let queue: Promise<void> = Promise.resolve();
  let running = 0;
  let invocations = 0;

  function runUntil(until: Date): Promise<void> {
    running++;
    const run = queue.then(() => fireUntil(until)).finally(() => running--);
    queue = run.catch(() => undefined);
    return run;
  }

  if (options.stateFile !== undefined) await restore(options.stateFile);

  // Skips a tick while any run is queued or going, so slow targets do not pile up ticks.
  let stopped = false;
  let ticker: NodeJS.Timeout | undefined;
  const startTicking = () => {
    if (stopped || options.tickMs <= 0) return;
    ticker = setInterval(() => {
      if (running > 0) return;
      runUntil(options.clock.now()).catch((error: unknown) => console.error(JSON.stringify({ level: 'ERROR', message: 'schedule tick failed', error: String(error) })));
    }, options.tickMs).unref();
  };
  if (options.ready) options.ready.then(startTicking, () => undefined);
  else startTicking();

  const endpoint = await serveAwsJson(options.port, route);

  return {
    endpoint: endpoint.endpoint,
    port: endpoint.port,
    pending: () =>
      due().map((s) => ({
        name: s.stored.Name,
        groupName: s.stored.GroupName,
        dueAt: s.dueAt.toISOString(),
        target: { arn: s.target.arn, function: s.target.function },
        input: s.target.input,
      })),
    runUntil,
    invocations: () => invocations,
    async stop() {
      stopped = true;
      clearInterval(ticker);
      await queue;
      await endpoint.stop();
      await saved();
    },
  };
}

const keyOf = (groupName: string, name: string) => `${groupName}/${name}`;

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

function invalid(message: string): never {
  throw new AwsServiceError('ValidationException', message, 400);
}

/** Checks a CreateSchedule request as AWS does, within what runs locally. */
function validate(name: string, groupName: string, input: Record<string, unknown>, now: Date, rank: number): Schedule {
  if (!/^[0-9a-zA-Z-_.]{1,64}$/.test(name)) invalid(`Invalid schedule name ${name}.`);
  if (!/^[0-9a-zA-Z-_.]{1,64}$/.test(groupName)) invalid(`Invalid schedule group name ${groupName}.`);

  const expression = input.ScheduleExpression;
  if (typeof expression !== 'string') invalid('ScheduleExpression is required.');
  const timezone = stringOr(input.ScheduleExpressionTimezone, 'UTC');
  if (!isTimeZone(timezone)) invalid(`Invalid ScheduleExpressionTimezone ${timezone}.`);
  let dueAt: Date | undefined;
  let recurrence: Schedule['recurrence'];
  if (expression.startsWith('at(')) {
    const { second, ...wall } = parseAt(expression);
    // Zone offsets have been whole minutes everywhere since 1972 (Liberia's was the last that was not): the seconds add on after the conversion.
    dueAt = new Date(atWallTime(wall, timezone).getTime() + second * 1000);
  } else {
    // StartDate and EndDate bound recurring schedules only: AWS ignores them for one-time ones.
    const startDate = instantOf(input.StartDate, 'StartDate');
    const endDate = instantOf(input.EndDate, 'EndDate');
    if (startDate !== undefined && endDate !== undefined && endDate <= startDate) invalid('The EndDate must be later than the StartDate.');
    const next = expression.startsWith('rate(')
      ? rateRecurrence(parseRate(expression), startDate ?? now.getTime())
      : expression.startsWith('cron(')
        ? cronOf(expression, timezone)
        : invalid(`Invalid Schedule Expression ${expression}.`);
    recurrence = (from) => {
      const occurrence = next(Math.max(from, startDate ?? from));
      return occurrence !== undefined && (endDate === undefined || occurrence < endDate) ? new Date(occurrence) : undefined;
    };
    dueAt = recurrence(now.getTime());
  }

  const window = input.FlexibleTimeWindow as { Mode?: unknown; MaximumWindowInMinutes?: unknown } | undefined;
  if (window?.Mode !== 'OFF' && window?.Mode !== 'FLEXIBLE') invalid('FlexibleTimeWindow.Mode must be OFF or FLEXIBLE.');
  const minutes = window.MaximumWindowInMinutes;
  if (window.Mode === 'FLEXIBLE' && !(Number.isInteger(minutes) && Number(minutes) >= 1 && Number(minutes) <= 1440)) {
    invalid('FlexibleTimeWindow.MaximumWindowInMinutes must be between 1 and 1440 when the mode is FLEXIBLE.');
  }

  const target = input.Target as { Arn?: unknown; RoleArn?: unknown; Input?: unknown; RetryPolicy?: { MaximumRetryAttempts?: unknown } } | undefined;
  if (typeof target?.Arn !== 'string' || typeof target.RoleArn !== 'string') invalid('Target.Arn and Target.RoleArn are required.');
  const functionName = /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:stoke-([A-Za-z0-9_-]+)$/.exec(target.Arn)?.[1];
  if (!functionName || !Object.hasOwn(lambdaFunctions, functionName)) {
    invalid(`Target ${target.Arn} is not a Stoke function: locally a target is arn:aws:lambda:<region>:<account>:function:stoke-<name>.`);
  }
  let event: unknown = {};
  if (target.Input !== undefined) {
    try {
      event = JSON.parse(String(target.Input));
    } catch {
      // AWS would accept it and Lambda would refuse every invocation; refusing now says so sooner.
      invalid('Target.Input must be JSON for a Lambda target.');
    }
  }
  const retries = target.RetryPolicy?.MaximumRetryAttempts ?? 185;
  if (!Number.isInteger(retries) || Number(retries) < 0 || Number(retries) > 185) invalid('RetryPolicy.MaximumRetryAttempts must be between 0 and 185.');

  const state = stringOr(input.State, 'ENABLED');
  if (state !== 'ENABLED' && state !== 'DISABLED') invalid('State must be ENABLED or DISABLED.');
  const actionAfterCompletion = stringOr(input.ActionAfterCompletion, 'NONE');
  if (actionAfterCompletion !== 'NONE' && actionAfterCompletion !== 'DELETE') invalid('ActionAfterCompletion must be NONE or DELETE.');

  // restJson1 carries timestamps as epoch seconds.
  const created = now.getTime() / 1000;
  const { ClientToken: _token, ...request } = input;
  return {
    key: keyOf(groupName, name),
    rank,
    stored: {
      ...request,
      Arn: `arn:aws:scheduler:${region}:${account}:schedule/${groupName}/${name}`,
      Name: name,
      GroupName: groupName,
      ScheduleExpressionTimezone: timezone,
      State: state,
      ActionAfterCompletion: actionAfterCompletion,
      CreationDate: created,
      LastModificationDate: created,
    },
    // A recurring schedule with no occurrence left (its EndDate or years passed) is kept, and never fires.
    dueAt: dueAt ?? now,
    target: { arn: target.Arn, function: functionName as FunctionName, input: event, attempts: Math.min(maxAttempts, 1 + Number(retries)) },
    fired: dueAt === undefined,
    ...(recurrence ? { recurrence } : {}),
  };
}

/** The wall time of an `at(yyyy-mm-ddThh:mm:ss)` expression. */
function parseAt(expression: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(expression);
  if (!parts) invalid(`Invalid Schedule Expression ${expression}.`);
  const [year, month, day, hour, minute, second] = parts.slice(1).map(Number) as [number, number, number, number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1 || hour > 23 || minute > 59 || second > 59) {
    invalid(`Invalid Schedule Expression ${expression}.`);
  }
  return { year, month, day, hour, minute, second };
}

/** A restJson1 timestamp (epoch seconds; an ISO 8601 string is taken too) as epoch ms. */
function instantOf(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const instant = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(instant)) invalid(`Invalid ${field}.`);
  return instant;
}

const rateUnits = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** The interval of `rate(value minutes|hours|days)`, in ms; a day is 24 hours, as AWS counts it, whatever DST does. */
function parseRate(expression: string): number {
  const match = /^rate\((\d+) (minute|hour|day)(s?)\)$/.exec(expression);
  if (!match) invalid(`Invalid Schedule Expression ${expression}: a rate is rate(<value> minutes|hours|days).`);
  const value = Number(match[1]);
  if (!(value >= 1)) invalid(`Invalid Schedule Expression ${expression}: the value of a rate must be a positive integer.`);
  if ((value === 1) === (match[3] === 's')) invalid(`Invalid Schedule Expression ${expression}: the unit is singular for 1 and plural otherwise, as in rate(1 hour) and rate(2 hours).`);
  return value * rateUnits[match[2] as keyof typeof rateUnits];
}

/** Every `interval` from `base` (the StartDate, or the creation when there is none: a rate starts at once). */
function rateRecurrence(interval: number, base: number): (from: number) => number {
  return (from) => base + Math.max(0, Math.ceil((from - base) / interval)) * interval;
}

function cronOf(expression: string, timeZone: string): (from: number) => number | undefined {
  try {
    return cronRecurrence(expression, timeZone);
  } catch (error) {
    if (error instanceof CronExpressionError) invalid(error.message);
    throw error;
  }
}
