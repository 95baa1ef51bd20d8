import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { afterEach } from 'vitest';
import { memorySchedules, type MemorySchedule } from '../../functions/schedules/memory-schedules.ts';
import { eventBridgeSchedules } from '../../functions/schedules/eventbridge-schedules.ts';
import { DeadLetters } from '../../infra/local/dead-letters.ts';
import { startLocalScheduler } from '../../infra/local/scheduler.ts';
import { VirtualClock } from '../../infra/local/virtual-clock.ts';
import type { FunctionName } from '../../infra/wiring/functions.ts';
import { oneTimeSchedulesContract } from './one-time-schedules.contract.ts';

const start = new Date('2026-11-24T09:00:00.000Z');
const arnOf = (name: FunctionName) => `arn:aws:lambda:us-east-1:000000000000:function:stoke-${name}`;
const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

oneTimeSchedulesContract('in memory', () => {
  const schedules = memorySchedules();
  return { schedules, pending: async () => schedules.pending(), runUntil: async (until) => schedules.takeDue(until) };
});

oneTimeSchedulesContract('EventBridge Scheduler on the local scheduler', async () => {
  const clock = new VirtualClock(1, start, { held: true });
  const fired: MemorySchedule[] = [];
  const scheduler = await startLocalScheduler({
    port: 0,
    clock,
    invoke: async (target, input) => {
      fired.push({ name: '', at: clock.now(), target, input });
    },
    settle: async () => undefined,
    deadLetters: new DeadLetters(),
    tickMs: 0,
  });
  const client = new SchedulerClient({ endpoint: scheduler.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  stops.push(() => client.destroy(), () => scheduler.stop());
  const pending = () =>
    scheduler.pending().map((schedule) => ({ name: schedule.name, at: new Date(schedule.dueAt), target: schedule.target.function, input: schedule.input }));
  return {
    schedules: eventBridgeSchedules(client, {
      group: 'stoke',
      create: { roleArn: 'arn:aws:iam::000000000000:role/stoke-scheduler', deadLetterArn: 'arn:aws:sqs:us-east-1:000000000000:stoke-schedules-dlq', targets: { 'first-contact-deadline': arnOf('first-contact-deadline') } },
    }),
    pending: async () => pending(),
    async runUntil(until) {
      // The scheduler's invocation carries no schedule name: pair what fired with what was due.
      const due = pending().filter((schedule) => schedule.at.getTime() <= until.getTime());
      fired.length = 0;
      await scheduler.runUntil(until);
      return fired.map((invocation, index) => ({ ...invocation, name: due[index]?.name ?? '' }));
    },
  };
});
