import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { sesEvent } from '../../infra/local/ses-events.ts';
import { type FunctionName, lambdaFunctions } from '../../infra/wiring/functions.ts';
import { apiEvent } from '../support/api-event.ts';
import { cpuPerCall, median, percentile } from './module-load.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

export type CpuFigures = { p50: number; p99: number; mean: number; invocations: number; warmup: number };

/**
 * Per-invocation CPU time of capture, nurture step and engagement, calling their
 * handler modules directly (as the local runtime and Lambda do) against the local
 * peers the runtime started. The leads captured are warm and consenting, so
 * enrolment schedules a first tip for each; each tip is then sent by calling the
 * nurture-step handler at its due time; each tip sent is then opened, and the
 * engagement handler gets SES's "Email Opened" event for it.
 */
export async function measureInvocations(runtime: LocalRuntime, invocations: number, warmup: number) {
  const total = invocations + warmup;
  const capture = await handlerOf('capture');
  const step = await handlerOf('nurture-step');
  const engagement = await handlerOf('engagement');
  const tag = (tags: { name: string; value: string }[], name: string) => tags.find((t) => t.name === name)?.value;

  // Capture: an API Gateway proxy event per lead, as POST /leads delivers it.
  const runId = randomUUID().slice(0, 8);
  const leads = Array.from({ length: total }, (_, n) =>
    apiEvent({
      body: JSON.stringify({
        email: `cpu-${runId}-${n}@northwind-${n % 97}.com`,
        firstName: 'Ravi',
        company: 'Northwind Traders',
        authority: 'influencer',
        timeline: '6m',
        consent: true,
        country: 'US',
        timezone: 'America/New_York',
      }),
      headers: { 'Content-Type': 'application/json', Origin: new URL(runtime.apiUrl).origin },
    }),
  );
  const captureCpu = await cpuPerCall(
    leads,
    async (event) => {
      const answer = (await capture(event, context('capture'))) as { statusCode: number; body: string };
      if (answer.statusCode !== 201) throw new Error(`capture answered ${answer.statusCode}: ${answer.body}`);
    },
    // Enrolment runs on the bus after each capture; it is not capture's CPU.
    () => runtime.settle(),
  );

  // Nurture step: every first tip the enrolments scheduled, each at its due time.
  const steps = runtime.scheduler
    .pending()
    .filter((s) => s.target.function === 'nurture-step')
    .filter((s) => String((s.input as { leadId?: string }).leadId ?? '').length > 0)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
    .slice(0, total);
  const sentBefore = new Set(runtime.ses.sent().map((m) => m.messageId));
  const stepCpu = await cpuPerCall(
    steps,
    async (schedule) => {
      runtime.clock.moveTo(new Date(schedule.dueAt));
      await step(schedule.input, context('nurture-step'));
    },
    () => runtime.settle(),
  );
  const tips = runtime.ses.sent().filter((m) => !sentBefore.has(m.messageId) && tag(m.tags, 'sequence'));
  if (tips.length < steps.length) throw new Error(`nurture step sent ${tips.length} tips for ${steps.length} invocations`);

  // Engagement: each tip opened an hour after it was sent.
  const engagementCpu = await cpuPerCall(
    tips.slice(0, total),
    async (message) => {
      runtime.clock.moveTo(new Date(Date.parse(runtime.clock.now().toISOString()) + 60_000));
      const now = runtime.clock.now();
      const event = {
        ...sesEvent(message, { type: 'open', messageId: message.messageId }, now),
        id: randomUUID(),
        version: '0',
        account: '000000000000',
        region: 'us-east-1',
      };
      await engagement(event, context('engagement'));
    },
    () => runtime.settle(),
  );
  if (runtime.deadLetters.entries.length) throw new Error(`dead letters during the bench: ${JSON.stringify(runtime.deadLetters.entries[0])}`);

  return {
    capture: figures(captureCpu, warmup),
    'nurture-step': figures(stepCpu, warmup),
    engagement: figures(engagementCpu, warmup),
  };
}

function figures(all: number[], warmup: number): CpuFigures {
  const measured = all.slice(warmup);
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    p50: round(median(measured)),
    p99: round(percentile(measured, 99)),
    mean: round(measured.reduce((a, b) => a + b, 0) / measured.length),
    invocations: measured.length,
    warmup,
  };
}

async function handlerOf(name: FunctionName): Promise<Handler> {
  // Imported after the runtime set the environment: handlers read it when first imported.
  const module = (await import(`../../${lambdaFunctions[name].entry}`)) as { handler: Handler };
  return module.handler;
}

function context(name: FunctionName): Context {
  const functionName = `stoke-${name}`;
  const deadline = Date.now() + lambdaFunctions[name].timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: String(lambdaFunctions[name].memorySize),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'bench',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
