import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

// The run's level (WARN) would hide the INFO lines the handlers write; Powertools reads it when the logger is made.
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
});

// Years from real time, so that a real-time stamp could not pass for a virtual one.
const start = new Date('2031-01-08T10:00:00Z');
let runtime: LocalRuntime;

type LogLine = { message: string; timestamp: string; function_name?: string; function_request_id?: string; cold_start?: boolean };
/** The JSON lines Powertools writes to stdout, kept here instead of printed. */
let logged: LogLine[] = [];

beforeAll(async () => {
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    for (const line of String(chunk).split('\n')) if (line.startsWith('{')) logged.push(JSON.parse(line) as LogLine);
    return true;
  });
  runtime = await startTestRuntime('logs', start);
});

afterAll(async () => {
  await runtime?.stop();
  vi.restoreAllMocks();
});

/** The lines logged while `act` runs. */
async function logsOf(act: () => Promise<unknown>): Promise<LogLine[]> {
  logged = [];
  await act();
  return logged;
}

// Neither lead exists: each handler reads the table, then logs what it found.
const deadlineCheck = { leadId: 'no-such-lead', episode: 1, ownerId: 'rep-1', assignment: 1, stage: 'remind' };
// A lead.captured as the catalog defines it, about a lead that does not exist: enrolment looks it up and logs.
const leadEvent = {
  source: 'stoke.leads',
  'detail-type': 'lead.captured',
  detail: { version: 1, leadId: 'no-such-lead', temperature: 'warm', score: 40, consent: true, capturedAt: '2026-11-23T09:00:00.000Z', source: {} },
};

describe('logs of the local runtime', () => {
  it('name the function of the invocation each line belongs to, however invocations interleave', async () => {
    // Given both handlers loaded
    await runtime.invoke('first-contact-deadline', deadlineCheck);
    await runtime.invoke('nurture-enrolment', leadEvent);

    // When three invocations of each run at once, each started before any has read the table
    const lines = await logsOf(() =>
      Promise.all([1, 2, 3].flatMap(() => [runtime.invoke('first-contact-deadline', deadlineCheck), runtime.invoke('nurture-enrolment', leadEvent)])),
    );

    // Then every line carries its own function, and each invocation its own request id
    const deadlineLines = lines.filter((line) => line.message === 'first-contact deadline checked');
    const enrolmentLines = lines.filter((line) => line.message === 'nurture enrolment');
    expect(deadlineLines).toHaveLength(3);
    expect(enrolmentLines).toHaveLength(3);
    expect(deadlineLines.map((line) => line.function_name)).toEqual(Array(3).fill('stoke-first-contact-deadline'));
    expect(enrolmentLines.map((line) => line.function_name)).toEqual(Array(3).fill('stoke-nurture-enrolment'));
    expect(new Set(lines.map((line) => line.function_request_id)).size).toBe(6);
    expect(lines.every((line) => line.cold_start === false)).toBe(true);
  });

  it('read the virtual clock: a run advanced 30 days logs 30 days on', async () => {
    // Given the clock moved 30 days on
    await runtime.advance(30 * 86_400_000);

    // When a function logs
    const lines = await logsOf(() => runtime.invoke('first-contact-deadline', deadlineCheck));

    // Then its line carries the virtual time, not the real one
    const [line] = lines.filter((l) => l.message === 'first-contact deadline checked');
    const logged = Date.parse(line!.timestamp);
    expect(logged).toBeGreaterThanOrEqual(start.getTime() + 30 * 86_400_000);
    expect(Math.abs(logged - runtime.clock.now().getTime())).toBeLessThan(5000);
  });
});
