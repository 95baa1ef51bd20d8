import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  SchedulerClient,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeadLetters } from '../../infra/local/dead-letters.ts';
import { type LocalScheduler, startLocalScheduler } from '../../infra/local/scheduler.ts';
import { VirtualClock } from '../../infra/local/virtual-clock.ts';
import type { FunctionName } from '../../infra/wiring/functions.ts';

const start = new Date('2026-03-01T00:00:00Z');
const captureArn = 'arn:aws:lambda:us-east-1:000000000000:function:stoke-capture';
const roleArn = 'arn:aws:iam::000000000000:role/stoke-scheduler';

type Call = { target: FunctionName; event: unknown; at: Date };

let clock: VirtualClock;
let deadLetters: DeadLetters;
let calls: Call[];
let log: string[];
/** What the fake target does on each call; by default nothing. */
let behaviour: (event: unknown) => Promise<void>;
let scheduler: LocalScheduler;
let client: SchedulerClient;

beforeEach(async () => {
  clock = new VirtualClock(1, start);
  deadLetters = new DeadLetters();
  calls = [];
  log = [];
  behaviour = async () => undefined;
  scheduler = await startLocalScheduler({
    port: 0,
    clock,
    invoke: async (target, event) => {
      calls.push({ target, event, at: clock.now() });
      log.push(`invoke ${(event as { step?: string }).step}`);
      await behaviour(event);
    },
    settle: async () => {
      log.push('settle');
    },
    deadLetters,
    tickMs: 0,
  });
  client = new SchedulerClient({ endpoint: scheduler.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});

afterEach(async () => {
  client.destroy();
  await scheduler.stop();
});

const at = (iso: string) => `at(${iso.replace(/\.\d{3}Z$|Z$/, '')})`;

const create = (name: string, dueAt: string, input: unknown, extra: Partial<CreateScheduleCommandInput> = {}) =>
  client.send(
    new CreateScheduleCommand({
      Name: name,
      ScheduleExpression: at(dueAt),
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: captureArn, RoleArn: roleArn, Input: JSON.stringify(input) },
      ...extra,
    }),
  );

/** How far the virtual clock ran past `iso` while the test itself was running. */
const drift = (time: Date, iso: string) => time.getTime() - new Date(iso).getTime();

describe('local EventBridge Scheduler through the AWS SDK', () => {
  it('fires a due schedule once, at its time, with the parsed input', async () => {
    const { ScheduleArn } = await create('nurture-1', '2026-03-02T09:00:00Z', { step: 'welcome', leadId: 'L1' });
    expect(ScheduleArn).toBe('arn:aws:scheduler:us-east-1:000000000000:schedule/default/nurture-1');

    await scheduler.runUntil(new Date('2026-03-02T08:59:59Z'));
    expect(calls).toEqual([]);
    expect(scheduler.pending()).toEqual([
      { name: 'nurture-1', groupName: 'default', dueAt: '2026-03-02T09:00:00.000Z', target: { arn: captureArn, function: 'capture' }, input: { step: 'welcome', leadId: 'L1' } },
    ]);

    await scheduler.runUntil(new Date('2026-03-03T00:00:00Z'));
    await scheduler.runUntil(new Date('2026-03-04T00:00:00Z'));

    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ target: 'capture', event: { step: 'welcome', leadId: 'L1' } });
    expect(drift(calls[0]!.at, '2026-03-02T09:00:00Z')).toBeGreaterThanOrEqual(0);
    expect(drift(calls[0]!.at, '2026-03-02T09:00:00Z')).toBeLessThan(1000);
    expect(drift(clock.now(), '2026-03-04T00:00:00Z')).toBeGreaterThanOrEqual(0);
    expect(drift(clock.now(), '2026-03-04T00:00:00Z')).toBeLessThan(1000);
    expect(log).toEqual(['invoke welcome', 'settle']);
    expect(scheduler.pending()).toEqual([]);
  });

  it('never fires a deleted schedule', async () => {
    await create('gone', '2026-03-02T09:00:00Z', { step: 'gone' });
    await client.send(new DeleteScheduleCommand({ Name: 'gone' }));

    await scheduler.runUntil(new Date('2026-04-01T00:00:00Z'));

    expect(calls).toEqual([]);
  });

  it('never fires a disabled schedule', async () => {
    await create('paused', '2026-03-02T09:00:00Z', { step: 'paused' }, { State: 'DISABLED' });

    await scheduler.runUntil(new Date('2026-04-01T00:00:00Z'));

    expect(calls).toEqual([]);
    expect((await client.send(new GetScheduleCommand({ Name: 'paused' }))).State).toBe('DISABLED');
  });

  it('refuses a second schedule of the same name in a group, but not in another group', async () => {
    await create('lead-L1', '2026-03-02T09:00:00Z', { step: 'first' });

    await expect(create('lead-L1', '2026-03-05T09:00:00Z', { step: 'again' })).rejects.toBeInstanceOf(ConflictException);
    await create('lead-L1', '2026-03-03T09:00:00Z', { step: 'other-group' }, { GroupName: 'nurture' });

    expect(scheduler.pending().map((s) => [s.groupName, s.name, s.input])).toEqual([
      ['default', 'lead-L1', { step: 'first' }],
      ['nurture', 'lead-L1', { step: 'other-group' }],
    ]);
  });

  it('answers ResourceNotFoundException for a schedule that does not exist', async () => {
    await create('known', '2026-03-02T09:00:00Z', {});

    await expect(client.send(new DeleteScheduleCommand({ Name: 'unknown' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(client.send(new DeleteScheduleCommand({ Name: 'known', GroupName: 'nurture' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(client.send(new GetScheduleCommand({ Name: 'unknown' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('fires several schedules in due-time order, whatever order they were created in', async () => {
    await create('c', '2026-03-04T00:00:00Z', { step: 'c' });
    await create('a', '2026-03-02T00:00:00Z', { step: 'a' });
    await create('d', '2026-03-09T00:00:00Z', { step: 'd' });
    await create('b', '2026-03-03T00:00:00Z', { step: 'b' });

    await scheduler.runUntil(new Date('2026-03-05T00:00:00Z'));

    expect(log).toEqual(['invoke a', 'settle', 'invoke b', 'settle', 'invoke c', 'settle']);
    expect(calls.map((call) => call.at.toISOString().slice(0, 10))).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    expect(scheduler.pending().map((s) => s.name)).toEqual(['d']);
  });

  it('fires, in the same run, a schedule created by a firing one when it falls due before the end', async () => {
    behaviour = async (event) => {
      const step = (event as { step: string }).step;
      if (step === 'first') await create('second', '2026-03-03T00:00:00Z', { step: 'second' });
      if (step === 'second') await create('third', '2026-03-20T00:00:00Z', { step: 'third' });
    };
    await create('first', '2026-03-02T00:00:00Z', { step: 'first' });

    await scheduler.runUntil(new Date('2026-03-10T00:00:00Z'));

    expect(log).toEqual(['invoke first', 'settle', 'invoke second', 'settle']);
    expect(scheduler.pending().map((s) => [s.name, s.dueAt])).toEqual([['third', '2026-03-20T00:00:00.000Z']]);
  });

  it('fires at the next run a schedule created with a time already past', async () => {
    await create('late', '2026-02-01T00:00:00Z', { step: 'late' });

    await scheduler.runUntil(clock.now());

    expect(calls.map((call) => call.event)).toEqual([{ step: 'late' }]);
  });

  it('serializes overlapping runs', async () => {
    let running = 0;
    let most = 0;
    behaviour = async () => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running--;
    };
    await create('one', '2026-03-02T00:00:00Z', { step: 'one' });
    await create('two', '2026-03-03T00:00:00Z', { step: 'two' });

    await Promise.all([scheduler.runUntil(new Date('2026-03-02T12:00:00Z')), scheduler.runUntil(new Date('2026-03-04T00:00:00Z'))]);

    expect(most).toBe(1);
    expect(log).toEqual(['invoke one', 'settle', 'invoke two', 'settle']);
  });

  it('reads the at() time in the schedule time zone, across daylight saving changes', async () => {
    const dueAt = async (expression: string, timezone?: string) => {
      const name = `tz-${crypto.randomUUID().slice(0, 8)}`;
      await client.send(
        new CreateScheduleCommand({
          Name: name,
          ScheduleExpression: expression,
          ScheduleExpressionTimezone: timezone,
          FlexibleTimeWindow: { Mode: 'OFF' },
          Target: { Arn: captureArn, RoleArn: roleArn, Input: '{}' },
        }),
      );
      return scheduler.pending().find((s) => s.name === name)?.dueAt;
    };

    expect(await dueAt('at(2026-07-04T09:00:00)', 'America/New_York')).toBe('2026-07-04T13:00:00.000Z');
    expect(await dueAt('at(2026-01-15T09:00:00)', 'America/New_York')).toBe('2026-01-15T14:00:00.000Z');
    expect(await dueAt('at(2026-03-29T01:30:00)', 'Europe/Berlin')).toBe('2026-03-29T00:30:00.000Z');
    expect(await dueAt('at(2026-03-29T03:30:00)', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 does not exist that night in Berlin: it is read as 03:30 CEST.
    expect(await dueAt('at(2026-03-29T02:30:00)', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 25 October: the first, still CEST, is the one.
    expect(await dueAt('at(2026-10-25T02:30:00)', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
    expect(await dueAt('at(2026-03-29T02:30:00)')).toBe('2026-03-29T02:30:00.000Z');
    await expect(dueAt('at(2026-03-29T02:30:00)', 'Mars/Olympus_Mons')).rejects.toBeInstanceOf(ValidationException);
  });

  it('retries a failing target, then records a dead letter', async () => {
    behaviour = async () => {
      throw new Error('downstream unavailable');
    };
    await create('fails', '2026-03-02T00:00:00Z', { step: 'fails' }, { GroupName: 'nurture' });
    await create('fails-once', '2026-03-03T00:00:00Z', { step: 'fails-once' }, { Target: { Arn: captureArn, RoleArn: roleArn, Input: '{"step":"fails-once"}', RetryPolicy: { MaximumRetryAttempts: 0 } } });

    await scheduler.runUntil(new Date('2026-03-04T00:00:00Z'));

    expect(calls.map((call) => (call.event as { step: string }).step)).toEqual(['fails', 'fails', 'fails', 'fails-once']);
    expect(deadLetters.entries).toEqual([
      expect.objectContaining({ kind: 'schedule', source: 'nurture/fails', target: 'capture', attempts: 3, error: 'Error: downstream unavailable', payload: { step: 'fails' } }),
      expect.objectContaining({ kind: 'schedule', source: 'default/fails-once', attempts: 1 }),
    ]);
    expect(scheduler.pending()).toEqual([]);
  });

  it('deletes a schedule after it ran when ActionAfterCompletion is DELETE, and keeps it when NONE', async () => {
    await create('deleted-after', '2026-03-02T00:00:00Z', { step: 'deleted' }, { ActionAfterCompletion: 'DELETE' });
    await create('kept-after', '2026-03-02T00:00:00Z', { step: 'kept' }, { ActionAfterCompletion: 'NONE' });

    await scheduler.runUntil(new Date('2026-03-03T00:00:00Z'));

    expect(calls).toHaveLength(2);
    await expect(client.send(new GetScheduleCommand({ Name: 'deleted-after' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    const kept = await client.send(new GetScheduleCommand({ Name: 'kept-after' }));
    expect(kept).toMatchObject({ Name: 'kept-after', ActionAfterCompletion: 'NONE', State: 'ENABLED' });
    expect(scheduler.pending()).toEqual([]);
  });

  it('returns the stored schedule and lists schedules', async () => {
    await create('lead-L9', '2026-03-02T09:00:00Z', { step: 'welcome' }, { GroupName: 'nurture', ScheduleExpressionTimezone: 'Europe/Berlin', Description: 'welcome mail' });

    const schedule = await client.send(new GetScheduleCommand({ Name: 'lead-L9', GroupName: 'nurture' }));
    expect(schedule).toMatchObject({
      Arn: 'arn:aws:scheduler:us-east-1:000000000000:schedule/nurture/lead-L9',
      Name: 'lead-L9',
      GroupName: 'nurture',
      ScheduleExpression: 'at(2026-03-02T09:00:00)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      Description: 'welcome mail',
      State: 'ENABLED',
      ActionAfterCompletion: 'NONE',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: captureArn, RoleArn: roleArn, Input: '{"step":"welcome"}' },
    });
    expect(drift(schedule.CreationDate!, start.toISOString())).toBeLessThan(1000);
    const listed = await client.send(new ListSchedulesCommand({ GroupName: 'nurture' }));
    expect(listed.Schedules?.map((s) => [s.Name, s.Target?.Arn])).toEqual([['lead-L9', captureArn]]);
    expect((await client.send(new ListSchedulesCommand({ GroupName: 'other' }))).Schedules).toEqual([]);
  });

  it('refuses unknown targets and malformed requests with ValidationException', async () => {
    const attempt = (overrides: Partial<CreateScheduleCommandInput>) =>
      client.send(
        new CreateScheduleCommand({
          Name: 'invalid',
          ScheduleExpression: 'at(2026-03-02T09:00:00)',
          FlexibleTimeWindow: { Mode: 'OFF' },
          Target: { Arn: captureArn, RoleArn: roleArn, Input: '{}' },
          ...overrides,
        }),
      );

    await expect(attempt({ ScheduleExpression: 'at(2026-02-30T09:00:00)' })).rejects.toBeInstanceOf(ValidationException);
    await expect(attempt({ ScheduleExpression: 'every(5 minutes)' })).rejects.toBeInstanceOf(ValidationException);
    await expect(attempt({ Target: { Arn: 'arn:aws:lambda:us-east-1:000000000000:function:stoke-unknown', RoleArn: roleArn } })).rejects.toBeInstanceOf(ValidationException);
    await expect(attempt({ Target: { Arn: 'arn:aws:sqs:us-east-1:000000000000:stoke-queue', RoleArn: roleArn } })).rejects.toBeInstanceOf(ValidationException);
    await expect(attempt({ Target: { Arn: captureArn, RoleArn: roleArn, Input: 'not json' } })).rejects.toBeInstanceOf(ValidationException);
    await expect(attempt({ FlexibleTimeWindow: undefined })).rejects.toBeInstanceOf(ValidationException);
    expect(scheduler.pending()).toEqual([]);
  });

  it('is reached through AWS_ENDPOINT_URL_SCHEDULER', async () => {
    const previous = process.env.AWS_ENDPOINT_URL_SCHEDULER;
    process.env.AWS_ENDPOINT_URL_SCHEDULER = scheduler.endpoint;
    try {
      const fromEnvironment = new SchedulerClient({ region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      await fromEnvironment.send(
        new CreateScheduleCommand({
          Name: 'via-env',
          ScheduleExpression: 'at(2026-03-02T09:00:00)',
          FlexibleTimeWindow: { Mode: 'OFF' },
          Target: { Arn: captureArn, RoleArn: roleArn, Input: '{}' },
        }),
      );
      fromEnvironment.destroy();
    } finally {
      if (previous === undefined) delete process.env.AWS_ENDPOINT_URL_SCHEDULER;
      else process.env.AWS_ENDPOINT_URL_SCHEDULER = previous;
    }
    expect(scheduler.pending().map((s) => s.name)).toEqual(['via-env']);
  });
});

describe('the real-time ticker', () => {
  it('fires schedules as the running clock reaches them', async () => {
    // A thousand times real time: two virtual minutes pass in 120 ms.
    const fast = new VirtualClock(1000, start);
    const ticking = await startLocalScheduler({
      port: 0,
      clock: fast,
      invoke: async (target, event) => {
        calls.push({ target, event, at: fast.now() });
      },
      settle: async () => undefined,
      deadLetters,
      tickMs: 10,
    });
    const tickingClient = new SchedulerClient({ endpoint: ticking.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    try {
      await tickingClient.send(
        new CreateScheduleCommand({
          Name: 'soon',
          ScheduleExpression: 'at(2026-03-01T00:02:00)',
          FlexibleTimeWindow: { Mode: 'OFF' },
          Target: { Arn: captureArn, RoleArn: roleArn, Input: '{"step":"soon"}' },
        }),
      );
      expect(calls).toEqual([]);

      await expect.poll(() => calls.length, { timeout: 2000 }).toBe(1);
      expect(calls[0]?.event).toEqual({ step: 'soon' });
      expect(drift(calls[0]!.at, '2026-03-01T00:02:00Z')).toBeGreaterThanOrEqual(0);
    } finally {
      tickingClient.destroy();
      await ticking.stop();
    }
  });
});

describe('recurring schedules', () => {
  const recurring = (name: string, expression: string, extra: Partial<CreateScheduleCommandInput> = {}) =>
    client.send(
      new CreateScheduleCommand({
        Name: name,
        ScheduleExpression: expression,
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: { Arn: captureArn, RoleArn: roleArn, Input: JSON.stringify({ step: name }) },
        ...extra,
      }),
    );
  /** The first occurrence due after the clock's start (Sunday 1 March 2026, 00:00 UTC). */
  const firstDue = async (expression: string, timezone?: string) => {
    const name = `cron-${crypto.randomUUID().slice(0, 8)}`;
    await recurring(name, expression, { ScheduleExpressionTimezone: timezone });
    return scheduler.pending().find((s) => s.name === name)?.dueAt;
  };
  const firedAt = () => calls.map((call) => `${(call.event as { step: string }).step} ${call.at.toISOString().slice(0, 16)}`);

  it('fires the weekly review every Monday at 08:00 in its time zone, and stays with its next occurrence', async () => {
    await recurring('weekly-lead-review', 'cron(0 8 ? * MON *)', { ScheduleExpressionTimezone: 'Europe/Berlin', ActionAfterCompletion: 'DELETE' });
    expect(scheduler.pending()).toEqual([
      { name: 'weekly-lead-review', groupName: 'default', dueAt: '2026-03-02T07:00:00.000Z', target: { arn: captureArn, function: 'capture' }, input: { step: 'weekly-lead-review' } },
    ]);

    await scheduler.runUntil(new Date('2026-03-09T06:59:00Z'));
    expect(firedAt()).toEqual(['weekly-lead-review 2026-03-02T07:00']);
    expect(scheduler.pending().map((s) => s.dueAt)).toEqual(['2026-03-09T07:00:00.000Z']);

    await scheduler.runUntil(new Date('2026-03-10T00:00:00Z'));
    expect(firedAt()).toEqual(['weekly-lead-review 2026-03-02T07:00', 'weekly-lead-review 2026-03-09T07:00']);
    expect(log).toEqual(['invoke weekly-lead-review', 'settle', 'invoke weekly-lead-review', 'settle']);
    // Recurring and without an EndDate, it is never complete, so never deleted.
    expect(await client.send(new GetScheduleCommand({ Name: 'weekly-lead-review' }))).toMatchObject({ ScheduleExpression: 'cron(0 8 ? * MON *)', ScheduleExpressionTimezone: 'Europe/Berlin', State: 'ENABLED' });
    expect(scheduler.pending().map((s) => s.dueAt)).toEqual(['2026-03-16T07:00:00.000Z']);
  });

  it('keeps the wall time across daylight saving changes in Europe/Berlin: a skipped time does not fire, a repeated one fires once', async () => {
    // Clocks go forward on Sunday 29 March 2026 (02:00 CET to 03:00 CEST) and back on Sunday 25 October (03:00 CEST to 02:00 CET).
    await recurring('monday', 'cron(0 8 ? * MON *)', { ScheduleExpressionTimezone: 'Europe/Berlin', StartDate: new Date('2026-03-20T00:00:00Z') });
    await recurring('spring', 'cron(30 2 * * ? *)', { ScheduleExpressionTimezone: 'Europe/Berlin', StartDate: new Date('2026-03-27T00:00:00Z'), EndDate: new Date('2026-04-01T00:00:00Z') });
    await recurring('autumn', 'cron(30 2 * * ? *)', { ScheduleExpressionTimezone: 'Europe/Berlin', StartDate: new Date('2026-10-24T00:00:00Z'), EndDate: new Date('2026-10-27T00:00:00Z') });
    await recurring('quarters', 'cron(0/15 2 25 OCT ? 2026)', { ScheduleExpressionTimezone: 'Europe/Berlin' });

    await scheduler.runUntil(new Date('2026-04-07T00:00:00Z'));
    expect(firedAt()).toEqual([
      'monday 2026-03-23T07:00',
      'spring 2026-03-27T01:30',
      'spring 2026-03-28T01:30',
      // 02:30 does not exist on 29 March: no review that night.
      'spring 2026-03-30T00:30',
      'monday 2026-03-30T06:00',
      'spring 2026-03-31T00:30',
      'monday 2026-04-06T06:00',
    ]);

    calls = [];
    await scheduler.runUntil(new Date('2026-10-27T00:00:00Z'));
    const autumn = firedAt().filter((call) => !call.startsWith('monday'));
    expect(autumn).toEqual([
      'autumn 2026-10-24T00:30',
      // 02:00-02:59 happens twice on 25 October: each time fires once, in summer time (the first).
      'quarters 2026-10-25T00:00',
      'quarters 2026-10-25T00:15',
      'autumn 2026-10-25T00:30',
      'quarters 2026-10-25T00:30',
      'quarters 2026-10-25T00:45',
      'autumn 2026-10-26T01:30',
    ]);
    expect(firedAt().filter((call) => call.startsWith('monday')).at(-1)).toBe('monday 2026-10-26T07:00');
    expect(scheduler.pending().map((s) => [s.name, s.dueAt])).toEqual([['monday', '2026-11-02T07:00:00.000Z']]);
  });

  it('fires schedules due at the same moment in the order they were created, a recurring one keeping its place', async () => {
    await recurring('every-5h', 'rate(5 hours)', { StartDate: new Date('2026-03-01T02:00:00Z') });
    await create('at-12', '2026-03-01T12:00:00Z', { step: 'at-12' });

    await scheduler.runUntil(new Date('2026-03-01T13:00:00Z'));

    expect(firedAt()).toEqual(['every-5h 2026-03-01T02:00', 'every-5h 2026-03-01T07:00', 'every-5h 2026-03-01T12:00', 'at-12 2026-03-01T12:00']);
  });

  it('fires every occurrence passed in one run, in order with one-time schedules', async () => {
    await recurring('every-6h', 'cron(0 */6 * * ? *)');
    await create('at-07', '2026-03-01T07:00:00Z', { step: 'at-07' });
    await create('at-13', '2026-03-01T13:00:00Z', { step: 'at-13' }, { ActionAfterCompletion: 'DELETE' });
    await recurring('every-5h', 'rate(5 hours)', { StartDate: new Date('2026-03-01T02:00:00Z') });

    await scheduler.runUntil(new Date('2026-03-01T20:00:00Z'));

    expect(firedAt()).toEqual([
      'every-5h 2026-03-01T02:00',
      'every-6h 2026-03-01T06:00',
      'at-07 2026-03-01T07:00',
      'every-5h 2026-03-01T07:00',
      'every-6h 2026-03-01T12:00',
      'every-5h 2026-03-01T12:00',
      'at-13 2026-03-01T13:00',
      'every-5h 2026-03-01T17:00',
      'every-6h 2026-03-01T18:00',
    ]);
    expect(log.filter((entry) => entry === 'settle')).toHaveLength(9);
    expect(scheduler.pending().map((s) => [s.name, s.dueAt])).toEqual([
      ['every-5h', '2026-03-01T22:00:00.000Z'],
      ['every-6h', '2026-03-02T00:00:00.000Z'],
    ]);
  });

  it('starts a rate at once without a StartDate, counting days as 24 hours', async () => {
    await recurring('daily', 'rate(1 day)', { ScheduleExpressionTimezone: 'Europe/Berlin' });
    const created = Date.parse(scheduler.pending()[0]!.dueAt);
    expect(drift(new Date(created), start.toISOString())).toBeLessThan(1000);

    await scheduler.runUntil(clock.now());
    expect(calls).toHaveLength(1);
    await scheduler.runUntil(new Date('2026-04-01T12:00:00Z'));

    expect(calls).toHaveLength(32);
    // Across the change to summer time (29 March), still 24 hours apart.
    const late = calls.slice(1).map((call, day) => call.at.getTime() - created - (day + 1) * 86_400_000);
    expect(late.every((ms) => ms >= 0 && ms < 1000)).toBe(true);
  });

  it('respects StartDate and EndDate, and deletes a recurring schedule after its last occurrence when asked to', async () => {
    const bounded = { StartDate: new Date('2026-03-02T00:00:00Z'), EndDate: new Date('2026-03-04T09:00:00Z') };
    await recurring('kept', 'cron(0 9 * * ? *)', bounded);
    await recurring('deleted', 'cron(0 9 * * ? *)', { ...bounded, ActionAfterCompletion: 'DELETE' });
    expect(scheduler.pending().map((s) => [s.name, s.dueAt])).toEqual([
      ['kept', '2026-03-02T09:00:00.000Z'],
      ['deleted', '2026-03-02T09:00:00.000Z'],
    ]);

    await scheduler.runUntil(new Date('2026-03-10T00:00:00Z'));

    // The EndDate is exclusive: 4 March 09:00 does not fire.
    expect(firedAt()).toEqual(['kept 2026-03-02T09:00', 'deleted 2026-03-02T09:00', 'kept 2026-03-03T09:00', 'deleted 2026-03-03T09:00']);
    expect(scheduler.pending()).toEqual([]);
    expect(await client.send(new GetScheduleCommand({ Name: 'kept' }))).toMatchObject({ StartDate: bounded.StartDate, EndDate: bounded.EndDate });
    await expect(client.send(new GetScheduleCommand({ Name: 'deleted' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('never fires a disabled or deleted recurring schedule', async () => {
    await recurring('paused', 'cron(0 9 * * ? *)', { State: 'DISABLED' });
    await recurring('gone', 'rate(1 hour)');
    await client.send(new DeleteScheduleCommand({ Name: 'gone' }));

    await scheduler.runUntil(new Date('2026-03-05T00:00:00Z'));

    expect(calls).toEqual([]);
    expect(scheduler.pending()).toEqual([]);
  });

  it('reads values, names, lists, ranges and increments in each field', async () => {
    expect(await firstDue('cron(0 8 ? * MON *)')).toBe('2026-03-02T08:00:00.000Z');
    // Day-of-week counts from Sunday: 2 is Monday.
    expect(await firstDue('cron(0 8 ? * 2 *)')).toBe('2026-03-02T08:00:00.000Z');
    expect(await firstDue('cron(0 8 ? * sun *)')).toBe('2026-03-01T08:00:00.000Z');
    expect(await firstDue('cron(15,45 9-17/4 ? JAN-MAR,DEC MON-FRI 2026)')).toBe('2026-03-02T09:15:00.000Z');
    expect(await firstDue('cron(*/20 * * * ? *)')).toBe('2026-03-01T00:20:00.000Z');
    expect(await firstDue('cron(0 12 10/10 * ? *)')).toBe('2026-03-10T12:00:00.000Z');
    expect(await firstDue('cron(0 0 ? 4 SUN 2026)')).toBe('2026-04-05T00:00:00.000Z');
    expect(await firstDue('cron(0 0 29 FEB ? *)')).toBe('2028-02-29T00:00:00.000Z');
    expect(await firstDue('cron(30 9 1 * ? *)', 'America/New_York')).toBe('2026-03-01T14:30:00.000Z');
    expect(await firstDue('cron(0 9 ? * FRI 2027-2028)', 'Asia/Tokyo')).toBe('2027-01-01T00:00:00.000Z');
    expect(await firstDue('rate(15 minutes)')).toMatch(/^2026-03-01T00:00:00/);
    // No occurrence left: kept, never pending.
    expect(await firstDue('cron(0 9 * * ? 2025)')).toBeUndefined();
  });

  it('reads L, W and # in the day fields', async () => {
    expect(await firstDue('cron(0 9 L * ? *)')).toBe('2026-03-31T09:00:00.000Z');
    // Sunday 15 March: the nearest weekday is Monday the 16th.
    expect(await firstDue('cron(0 9 15W * ? *)')).toBe('2026-03-16T09:00:00.000Z');
    expect(await firstDue('cron(0 9 ? * 6L *)', 'Europe/Berlin')).toBe('2026-03-27T08:00:00.000Z');
    expect(await firstDue('cron(0 9 ? * FRI#3 *)', 'America/New_York')).toBe('2026-03-20T13:00:00.000Z');
  });

  it('refuses invalid recurring expressions with ValidationException, and wrapping ranges and L-n as not supported locally', async () => {
    const attempt = (expression: string, extra: Partial<CreateScheduleCommandInput> = {}) => recurring('invalid', expression, extra);

    for (const expression of [
      'cron(0 9 * * * *)',
      'cron(0 9 ? * ? *)',
      'cron(0 9 1 * MON *)',
      'cron(0 9 * * ?)',
      'cron(0 9 * * ? * *)',
      'cron(60 9 * * ? *)',
      'cron(0 24 * * ? *)',
      'cron(0 9 0 * ? *)',
      'cron(0 9 * 13 ? *)',
      'cron(0 9 ? * 8 *)',
      'cron(0 9 ? * FOO *)',
      'cron(0 9 * * ? 1969)',
      'cron(0 9 ? * MON/2 *)',
      'cron(0/0 9 * * ? *)',
      'cron(0 9 ?/2 * ? *)',
      'cron(0 9 * * ?,MON *)',
      'cron(0 9 *,  * ? *)',
      'cron()',
      'cron(0 9 ? * FRI#6 *)',
      'cron(0 9 ? * 8L *)',
      'cron(0 9 32W * ? *)',
      'cron(0 9 L,15 * ? *)',
      'rate(0 minutes)',
      'rate(1 hours)',
      'rate(5 hour)',
      'rate(2 weeks)',
      'rate(1.5 hours)',
    ]) {
      await expect(attempt(expression), expression).rejects.toBeInstanceOf(ValidationException);
    }
    for (const expression of ['cron(0 9 L-3 * ? *)', 'cron(0 9 ? * FRI-MON *)']) {
      await expect(attempt(expression), expression).rejects.toThrow(/not supported locally/);
      await expect(attempt(expression), expression).rejects.toBeInstanceOf(ValidationException);
    }
    await expect(attempt('cron(0 9 * * ? *)', { ScheduleExpressionTimezone: 'Mars/Olympus_Mons' })).rejects.toBeInstanceOf(ValidationException);
    await expect(attempt('rate(1 hour)', { StartDate: new Date('2026-03-05T00:00:00Z'), EndDate: new Date('2026-03-04T00:00:00Z') })).rejects.toBeInstanceOf(ValidationException);
    expect(scheduler.pending()).toEqual([]);
  });
});

describe('schedules kept in a state file', () => {
  let dir: string;
  let file: string;
  const kept: Array<{ scheduler: LocalScheduler; client: SchedulerClient }> = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stoke-schedules-'));
    file = join(dir, 'schedules.json');
  });

  afterEach(async () => {
    for (const { scheduler: started, client: its } of kept.splice(0)) {
      its.destroy();
      await started.stop();
    }
    await rm(dir, { recursive: true, force: true });
  });

  /** A scheduler on `file` and the clock, as a runtime started again on the same data has them. */
  const startOnFile = async (on: VirtualClock = clock) => {
    const started = await startLocalScheduler({
      port: 0,
      clock: on,
      invoke: async (target, event) => {
        calls.push({ target, event, at: on.now() });
      },
      settle: async () => undefined,
      deadLetters,
      tickMs: 0,
      stateFile: file,
    });
    const its = new SchedulerClient({ endpoint: started.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    kept.push({ scheduler: started, client: its });
    return { scheduler: started, client: its };
  };
  const stop = async (started: { scheduler: LocalScheduler; client: SchedulerClient }) => {
    kept.splice(kept.indexOf(started), 1);
    started.client.destroy();
    await started.scheduler.stop();
  };
  const send = (its: SchedulerClient, name: string, expression: string, input: unknown, extra: Partial<CreateScheduleCommandInput> = {}) =>
    its.send(
      new CreateScheduleCommand({
        Name: name,
        ScheduleExpression: expression,
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: { Arn: captureArn, RoleArn: roleArn, Input: JSON.stringify(input) },
        ...extra,
      }),
    );
  const steps = () => calls.map((call) => `${(call.event as { step: string }).step} ${call.at.toISOString().slice(0, 16)}`);

  it('takes back every schedule after a restart, as GetSchedule returned it, due when it was, and fires them in order', async () => {
    // Given one-time, cron and rate schedules, one of them deleted
    const first = await startOnFile();
    await send(first.client, 'tip-2', at('2026-03-03T09:00:00Z'), { step: 'tip-2', leadId: 'L1' }, { GroupName: 'nurture' });
    await send(first.client, 'review', 'cron(0 8 ? * MON *)', { step: 'review' }, { ScheduleExpressionTimezone: 'Europe/Berlin' });
    await send(first.client, 'six-hourly', 'rate(6 hours)', { step: 'six-hourly' });
    await send(first.client, 'gone', at('2026-03-02T00:00:00Z'), { step: 'gone' });
    await first.client.send(new DeleteScheduleCommand({ Name: 'gone' }));
    const pending = first.scheduler.pending();
    const stored = await first.client.send(new GetScheduleCommand({ Name: 'tip-2', GroupName: 'nurture' }));

    // When it stops and another starts on the same file
    await stop(first);
    const second = await startOnFile();

    // Then the same schedules are pending, and fire in order
    expect(second.scheduler.pending()).toEqual(pending);
    const { $metadata: _a, ...again } = await second.client.send(new GetScheduleCommand({ Name: 'tip-2', GroupName: 'nurture' }));
    const { $metadata: _b, ...before } = stored;
    expect(again).toEqual(before);
    await second.scheduler.runUntil(new Date('2026-03-03T12:00:00Z'));
    // The rate counts from its creation, a few milliseconds after the start: the last one falls just after noon.
    expect(steps()).toEqual([
      'six-hourly 2026-03-01T00:00',
      'six-hourly 2026-03-01T06:00',
      'six-hourly 2026-03-01T12:00',
      'six-hourly 2026-03-01T18:00',
      'six-hourly 2026-03-02T00:00',
      'six-hourly 2026-03-02T06:00',
      'review 2026-03-02T07:00',
      'six-hourly 2026-03-02T12:00',
      'six-hourly 2026-03-02T18:00',
      'six-hourly 2026-03-03T00:00',
      'six-hourly 2026-03-03T06:00',
      'tip-2 2026-03-03T09:00',
    ]);
  });

  it('has a schedule on disk as soon as CreateSchedule answers, and a deleted one gone as soon as DeleteSchedule does', async () => {
    // Given a running scheduler that has answered a CreateSchedule and a DeleteSchedule
    const running = await startOnFile();
    await send(running.client, 'acknowledged', at('2026-03-02T09:00:00Z'), { step: 'acknowledged' });
    await send(running.client, 'withdrawn', at('2026-03-02T10:00:00Z'), { step: 'withdrawn' });
    await running.client.send(new DeleteScheduleCommand({ Name: 'withdrawn' }));

    // When the process dies now, without stopping: another scheduler reads the file as it is
    const after = await startOnFile(new VirtualClock(1, start));

    // Then the acknowledged schedule is there, and the deleted one is not
    expect(after.scheduler.pending().map((s) => s.name)).toEqual(['acknowledged']);
  });

  it('keeps firings: a one-time schedule that fired does not fire again, a recurring one goes on from its next occurrence', async () => {
    // Given a run that fired a one-time schedule kept after completion and the first occurrences of a rate
    const first = await startOnFile();
    await send(first.client, 'once', at('2026-03-01T01:00:00Z'), { step: 'once' });
    await send(first.client, 'daily', 'rate(1 day)', { step: 'daily' });
    await first.scheduler.runUntil(new Date('2026-03-02T12:00:00Z'));
    await stop(first);

    // When another starts on the same file, the clock where the first left it, and runs a day on
    const second = await startOnFile();
    await second.scheduler.runUntil(new Date('2026-03-03T12:00:00Z'));

    // Then only the rate fired again, at its next occurrence
    expect(steps()).toEqual(['daily 2026-03-01T00:00', 'once 2026-03-01T01:00', 'daily 2026-03-02T00:00', 'daily 2026-03-03T00:00']);
    expect((await second.client.send(new GetScheduleCommand({ Name: 'once' }))).Name).toBe('once');
  });

  it('refuses to start on a file that does not hold schedules, naming it', async () => {
    await writeFile(file, '{"schedules": "none"}');

    await expect(startOnFile()).rejects.toThrow(file);
  });
});
