import type { IncomingMessage } from 'node:http';
import { type FunctionName, lambdaFunctions } from '../wiring/functions.ts';
import { type AwsJsonOperation, AwsServiceError, serveAwsJson } from './aws-json-server.ts';
import type { DeadLetters } from './dead-letters.ts';
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
  /** Enabled schedules that have not fired yet, sorted by due time. */
  pending(): PendingSchedule[];
  /**
   * Fires, in due-time order, every schedule due at or before `until` — including
   * schedules created by the ones that fire — moving the clock to each due time
   * before firing it and awaiting `settle()` after each, then moves the clock to
   * `until`. Calls never overlap: each waits for the one before.
   */
  runUntil(until: Date): Promise<void>;
};

/** A schedule as CreateSchedule received it, which GetSchedule returns, plus what firing needs. */
type Schedule = {
  key: string;
  stored: Record<string, unknown> & { Name: string; GroupName: string; State: string; ActionAfterCompletion: string };
  dueAt: Date;
  target: { arn: string; function: FunctionName; input: unknown; attempts: number };
  fired: boolean;
};

const account = '000000000000';
const region = 'us-east-1';
// AWS retries a failing target up to 185 times over 24 hours; locally a few immediate attempts keep runs fast.
const maxAttempts = 3;

/**
 * Stoke's local EventBridge Scheduler: accepts the SDK's CreateSchedule,
 * GetSchedule, DeleteSchedule and ListSchedules (restJson1) for one-time
 * `at()` schedules with Lambda targets, and fires them as the virtual clock
 * reaches them.
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
}): Promise<LocalScheduler> {
  const schedules = new Map<string, Schedule>();

  function find(name: string, groupName: string): Schedule {
    const schedule = schedules.get(keyOf(groupName, name));
    if (!schedule) throw new AwsServiceError('ResourceNotFoundException', `Schedule ${name} does not exist.`, 404);
    return schedule;
  }

  function createSchedule(name: string, input: Record<string, unknown>) {
    const groupName = stringOr(input.GroupName, 'default');
    const schedule = validate(name, groupName, input, options.clock.now());
    if (schedules.has(schedule.key)) throw new AwsServiceError('ConflictException', `Schedule ${name} already exists.`, 409);
    schedules.set(schedule.key, schedule);
    return { ScheduleArn: schedule.stored.Arn };
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
      case 'POST':
        return async (input) => createSchedule(name, input);
      case 'GET':
        return async () => find(name, groupName).stored;
      case 'DELETE':
        return async () => {
          schedules.delete(find(name, groupName).key);
          return {};
        };
      default:
        return undefined;
    }
  }

  const due = () =>
    [...schedules.values()].filter((s) => !s.fired && s.stored.State === 'ENABLED').sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());

  async function fire(schedule: Schedule): Promise<void> {
    // Marked before invoking: a target that lists or re-creates schedules must see this one as done.
    schedule.fired = true;
    const { target } = schedule;
    const failure = await invokeWithRetries(target);
    if (failure) {
      options.deadLetters.add({
        kind: 'schedule',
        source: schedule.key,
        target: target.function,
        at: options.clock.now().toISOString(),
        attempts: target.attempts,
        error: failure.error instanceof Error ? `${failure.error.name}: ${failure.error.message}` : String(failure.error),
        payload: target.input,
      });
    }
    // The target may have deleted this schedule and created another of the same name: leave that one be.
    if (schedule.stored.ActionAfterCompletion === 'DELETE' && schedules.get(schedule.key) === schedule) schedules.delete(schedule.key);
  }

  async function invokeWithRetries(target: Schedule['target']): Promise<{ error: unknown } | undefined> {
    let error: unknown;
    for (let attempt = 1; attempt <= target.attempts; attempt++) {
      try {
        await options.invoke(target.function, target.input);
        return undefined;
      } catch (thrown) {
        error = thrown;
      }
    }
    return { error };
  }

  async function fireUntil(until: Date): Promise<void> {
    for (let next = due()[0]; next && next.dueAt.getTime() <= until.getTime(); next = due()[0]) {
      options.clock.moveTo(next.dueAt);
      await fire(next);
      await options.settle();
    }
    options.clock.moveTo(until);
  }

  let queue: Promise<void> = Promise.resolve();
  let running = 0;
  function runUntil(until: Date): Promise<void> {
    running++;
    const run = queue.then(() => fireUntil(until)).finally(() => running--);
    queue = run.catch(() => undefined);
    return run;
  }

  // Skips a tick while any run is queued or going, so slow targets do not pile up ticks.
  const ticker =
    options.tickMs > 0
      ? setInterval(() => {
          if (running > 0) return;
          runUntil(options.clock.now()).catch((error: unknown) => console.error(JSON.stringify({ level: 'ERROR', message: 'schedule tick failed', error: String(error) })));
        }, options.tickMs).unref()
      : undefined;

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
    async stop() {
      clearInterval(ticker);
      await queue;
      await endpoint.stop();
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
function validate(name: string, groupName: string, input: Record<string, unknown>, now: Date): Schedule {
  if (!/^[0-9a-zA-Z-_.]{1,64}$/.test(name)) invalid(`Invalid schedule name ${name}.`);
  if (!/^[0-9a-zA-Z-_.]{1,64}$/.test(groupName)) invalid(`Invalid schedule group name ${groupName}.`);

  const expression = input.ScheduleExpression;
  if (typeof expression !== 'string') invalid('ScheduleExpression is required.');
  const timezone = stringOr(input.ScheduleExpressionTimezone, 'UTC');
  const wallTime = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(expression);
  if (!wallTime) {
    if (/^(rate|cron)\(/.test(expression)) invalid(`${expression} is not supported locally: only one-time at() schedules are.`);
    invalid(`Invalid Schedule Expression ${expression}.`);
  }
  const [year, month, day, hour, minute, second] = wallTime.slice(1).map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1 || hour > 23 || minute > 59 || second > 59) {
    invalid(`Invalid Schedule Expression ${expression}.`);
  }
  const dueAt = new Date(wallTimeToUtc(wall, zoneFormat(timezone)));

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
    dueAt,
    target: { arn: target.Arn, function: functionName as FunctionName, input: event, attempts: Math.min(maxAttempts, 1 + Number(retries)) },
    fired: false,
  };
}

function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    invalid(`Invalid ScheduleExpressionTimezone ${timeZone}.`);
  }
}

/**
 * The UTC instant of a wall-clock time (given as if it were UTC) in the zone
 * `format` renders. A time that occurs twice (clocks going back) is the
 * earlier one; a time skipped when clocks go forward is read with the offset
 * before the change, so 02:30 in a one-hour gap falls at 03:30 (as java.time
 * and Temporal's default resolve it).
 */
function wallTimeToUtc(wall: number, format: Intl.DateTimeFormat): number {
  const offsetAt = (instant: number) => {
    const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
    return Date.UTC(parts.year!, parts.month! - 1, parts.day, parts.hour, parts.minute, parts.second) - instant;
  };
  // The offsets a day either side bracket any transition near the wall time.
  const oneDay = 86_400_000;
  const before = offsetAt(wall - oneDay);
  const after = offsetAt(wall + oneDay);
  const exact = [wall - before, wall - after].filter((instant) => instant + offsetAt(instant) === wall);
  return exact.length > 0 ? Math.min(...exact) : wall - before;
}
