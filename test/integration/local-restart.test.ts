import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime, wipeLocalData } from '../../infra/local/runtime.ts';
import { json as apiJson } from '../support/api-event.ts';
import { readTable } from '../support/table-reader.ts';
import { recurringSchedules } from '../../infra/wiring/schedules.ts';

// Years from real time, so that a clock set back to real time could not pass for one that resumed.
const start = new Date('2031-01-08T10:00:00Z');
const tableName = `restart-${crypto.randomUUID()}`;
let dataDir: string;
let runtime: LocalRuntime | undefined;

/** `npm start` as a test runs it: its data kept in `dataDir`, its table in the run's DynamoDB Local. */
const startRuntime = async (startAt?: Date) =>
  (runtime = await startLocalRuntime({
    apiPort: 0,
    sesPort: 0,
    tickMs: 0,
    dynamodb: { endpoint: inject('dynamodbEndpoint') },
    tableName,
    dataDir,
    ...(startAt ? { startAt } : {}),
  }));

const stopRuntime = async () => {
  await runtime?.stop();
  runtime = undefined;
};

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'stoke-restart-'));
});

afterAll(async () => {
  await stopRuntime();
  await rm(dataDir, { recursive: true, force: true });
});

const atSecond = (date: Date) => date.toISOString().slice(0, 19);

const createCaptureSchedule = async (endpoint: string, name: string, due: Date, email: string) => {
  const client = new SchedulerClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await client.send(
      new CreateScheduleCommand({
        Name: name,
        ScheduleExpression: `at(${atSecond(due)})`,
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: { Arn: 'arn:aws:lambda:us-east-1:000000000000:function:stoke-capture', RoleArn: 'arn:aws:iam::000000000000:role/scheduler', Input: JSON.stringify(apiJson({ email })) },
      }),
    );
  } finally {
    client.destroy();
  }
};

const leadOf = async (email: string) => (await readTable(runtime!.dynamodbEndpoint, tableName)).find((item) => item.entity === 'lead' && item.email === email);

describe('a local runtime started again on the same data dir', () => {
  it('keeps its pending schedules and its clock, and fires after the restart what was due after it', async () => {
    // Given a run with a warm lead in nurture, the weekly review, and a one-time schedule due in three hours
    const first = await startRuntime(start);
    const posted = await fetch(`${first.apiUrl}/leads`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      // Warm and consenting: enrolled in the warm track, its first tip scheduled.
      body: JSON.stringify({ email: 'kept@northwind-traders.com', firstName: 'Ravi', company: 'Northwind Traders', authority: 'influencer', timeline: '6m', consent: true, country: 'US', timezone: 'America/New_York' }),
    });
    expect(posted.status).toBe(201);
    await first.settle();
    const due = new Date(first.clock.now().getTime() + 3 * 3_600_000);
    await createCaptureSchedule(first.scheduler.endpoint, 'after-restart', due, 'after-restart@acme-industries.com');
    await first.advance(3_600_000);
    const pendingBefore = first.scheduler.pending();
    expect(pendingBefore.map((s) => s.name)).toEqual(expect.arrayContaining(['weekly-lead-review', 'after-restart']));
    expect(pendingBefore.length).toBeGreaterThan(2);

    // When it stops and starts again, with no start time given
    const stoppedAt = first.clock.now().getTime();
    await stopRuntime();
    const second = await startRuntime();

    // Then every schedule is pending as it was, and the clock goes on from where it stopped
    expect(second.resumed).toBe(true);
    expect(second.scheduler.pending()).toEqual(pendingBefore);
    expect(second.clock.now().getTime()).toBeGreaterThanOrEqual(stoppedAt);
    expect(second.clock.now().getTime() - stoppedAt).toBeLessThan(60_000);

    // And the schedule made before the restart fires when the clock passes it
    expect(await leadOf('after-restart@acme-industries.com')).toBeUndefined();
    await second.advance(2 * 3_600_000 + 1000);
    const lead = await leadOf('after-restart@acme-industries.com');
    expect(lead).toBeDefined();
    const firedAfter = Date.parse(lead!.capturedAt as string) - Date.parse(`${atSecond(due)}Z`);
    expect(firedAfter).toBeGreaterThanOrEqual(0);
    expect(firedAfter).toBeLessThan(5000);
    expect(second.scheduler.pending().map((s) => s.name)).not.toContain('after-restart');
  });

  it('forgets its schedules and its clock once the data is wiped, as npm run reset does', async () => {
    // Given a run that keeps a one-time schedule and a clock weeks ahead of the start
    runtime ??= await startRuntime(start);
    await createCaptureSchedule(runtime.scheduler.endpoint, 'wiped', new Date(runtime.clock.now().getTime() + 30 * 86_400_000), 'wiped@acme-industries.com');
    await runtime.advance(21 * 86_400_000);
    expect(runtime.scheduler.pending().map((s) => s.name)).toContain('wiped');
    await stopRuntime();

    // When the data is wiped and the runtime starts again
    await wipeLocalData(dataDir);
    const fresh = await startRuntime();

    // Then only Stoke's recurring schedules are there, and the clock starts at real time
    expect(fresh.resumed).toBe(false);
    expect(fresh.scheduler.pending().map((s) => s.name).sort()).toEqual(recurringSchedules.map((schedule) => schedule.name).sort());
    expect(Math.abs(fresh.clock.now().getTime() - Date.now())).toBeLessThan(60_000);
  });
});
