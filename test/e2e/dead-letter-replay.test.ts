import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeadLetter, Replay } from '../../infra/local/dead-letters.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import type { SentMessage } from '../../infra/local/ses.ts';
import { type FaultyPeer, startFaultyPeer } from '../support/faulty-peer.ts';
import { readTable } from '../support/table-reader.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

// Work cut short halfway by an outage of a peer, dead-lettered after every retry, replayed once the
// peer is back: each piece of it is done exactly once, the half done before the outage included.
let runtime: LocalRuntime;
let scheduler: FaultyPeer;
let ses: FaultyPeer;
const outage = { status: 500, type: 'InternalServerException', message: 'The service is unavailable' };
const run = promisify(execFile);
// Only the schedules of the lead under test: the other leads' deadlines and the reps' morning lists fire too as the clock moves.
const createSchedule =
  (namePrefix = '') =>
  (method: string, path: string) =>
    method === 'POST' && path.startsWith(`/schedules/${namePrefix}`);
const sendEmail = (method: string, path: string) => method === 'POST' && path === '/v2/email/outbound-emails';

beforeAll(async () => {
  // A Sunday evening: first-contact deadlines fall on Monday morning, tips in the leads' weekday send windows.
  runtime = await startTestRuntime('replay', new Date('2026-11-22T17:00:00Z'));
  // Before any handler loads: its SDK clients read the endpoint once, when made.
  scheduler = await startFaultyPeer(process.env.AWS_ENDPOINT_URL_SCHEDULER!);
  ses = await startFaultyPeer(process.env.AWS_ENDPOINT_URL_SESV2!);
  process.env.AWS_ENDPOINT_URL_SCHEDULER = scheduler.endpoint;
  process.env.AWS_ENDPOINT_URL_SESV2 = ses.endpoint;
});
afterAll(async () => {
  await runtime?.stop();
  await scheduler?.stop();
  await ses?.stop();
});
beforeEach(() => {
  scheduler.heal();
  ses.heal();
});

const hotLead = (email: string) => ({
  email,
  firstName: 'Dana',
  lastName: 'Weber',
  company: 'Weber Maschinenbau',
  jobTitle: 'Head of Operations',
  country: 'DE',
  authority: 'decision-maker',
  budget: '250k-plus',
  timeline: 'now',
  consent: true,
});
// Warm, consenting, in a country without double opt-in: enrolled at once, first tip a day later.
const warmLead = (email: string) => ({ email, firstName: 'Ravi', company: 'Northwind Traders', authority: 'influencer', timeline: '6m', consent: true, country: 'US', timezone: 'America/New_York' });

async function capture(body: unknown): Promise<string> {
  const response = await fetch(`${runtime.apiUrl}/leads`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(201);
  await runtime.settle();
  return ((await response.json()) as { leadId: string }).leadId;
}

/** `npm run dead-letters:replay -- --local`, against this test's runtime; the runtime has settled when it answers. */
async function replayScript(...options: string[]): Promise<{ exitCode: number; stdout: string }> {
  try {
    const { stdout } = await run('node', ['--import', 'tsx', 'infra/dead-letters/replay-dead-letters.ts', '--local', '--api-url', runtime.apiUrl, ...options]);
    return { exitCode: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { exitCode: failed.code, stdout: failed.stdout };
  }
}

async function replay(): Promise<Replay> {
  const response = await fetch(`${runtime.apiUrl}/_local/dead-letters/replay`, { method: 'POST' });
  expect(response.status).toBe(200);
  return (await response.json()) as Replay;
}
const deadLetters = async () => ((await (await fetch(`${runtime.apiUrl}/_local/dead-letters`)).json()) as { deadLetters: DeadLetter[] }).deadLetters;

const tag = (message: SentMessage, name: string) => message.tags.find((t) => t.name === name)?.value;
const templatesTo = (leadId: string) => runtime.ses.sent().filter((m) => tag(m, 'leadId') === leadId).map((m) => tag(m, 'template'));
const pendingFor = (leadId: string) => runtime.scheduler.pending().filter((s) => (s.input as { leadId?: string }).leadId === leadId);
const historyOf = async (leadId: string) => (await readTable(runtime.dynamodbEndpoint, runtime.tableName)).filter((i) => i.entity === 'history' && i.leadId === leadId).map((h) => h.type);
const published = (leadId: string, detailType: string) => runtime.eventLog.filter((e) => e['detail-type'] === detailType && (e.detail as { leadId: string }).leadId === leadId);
const count = (values: unknown[], value: unknown) => values.filter((v) => v === value).length;

describe('replaying dead letters after a fix', () => {
  it('finishes a handoff that emailed the rep before Scheduler failed: one email, one deadline, one handoff announced', async () => {
    // Given Scheduler refuses to create schedules, so the handoff fails after emailing the rep
    scheduler.fail(createSchedule(), outage);
    const leadId = await capture(hotLead('scheduler.down@weber-maschinenbau.de'));

    // Every retry found the email claimed and sent none; the event is a dead letter
    expect(templatesTo(leadId)).toEqual(['rep-handoff']);
    expect(pendingFor(leadId)).toEqual([]);
    expect(await deadLetters()).toEqual([expect.objectContaining({ kind: 'event', source: 'captured-hot-handoff', target: 'function:handoff', attempts: 3 })]);
    expect((await deadLetters())[0]!.error).toContain('InternalServerException');

    // When Scheduler is back and the dead letters are replayed
    scheduler.heal();
    const { replayed, failed } = await replay();

    // Then the handoff is complete, and nothing of it happened twice
    expect(replayed).toHaveLength(1);
    expect(failed).toEqual([]);
    expect(await deadLetters()).toEqual([]);
    expect(templatesTo(leadId)).toEqual(['rep-handoff']);
    expect(pendingFor(leadId).map((s) => s.target.function)).toEqual(['first-contact-deadline']);
    const history = await historyOf(leadId);
    expect(count(history, 'assigned')).toBe(1);
    expect(count(history, 'handoff-emailed')).toBe(1);
    expect(published(leadId, 'lead.handed-off')).toHaveLength(1);

    // And the deadline the replay set reminds the rep once (Monday 09:30 UTC, past the deadline)
    await runtime.advance(16.5 * 3_600_000);
    expect(templatesTo(leadId)).toEqual(['rep-handoff', 'first-contact-reminder']);
  });

  it('emails the rep once when a handoff is replayed after an SES outage, and no more when the event comes again', async () => {
    // Given SES refuses every email: the lead is assigned, its rep not told
    ses.fail(sendEmail, outage);
    const leadId = await capture(hotLead('ses.down@weber-maschinenbau.de'));
    expect(templatesTo(leadId)).toEqual([]);
    const [letter] = await deadLetters();
    expect(letter).toMatchObject({ kind: 'event', source: 'captured-hot-handoff' });

    // When SES is back and the dead letter is replayed
    ses.heal();
    expect((await replay()).replayed).toHaveLength(1);

    // Then the rep has one email and the lead one deadline
    expect(templatesTo(leadId)).toEqual(['rep-handoff']);
    expect(pendingFor(leadId)).toHaveLength(1);
    expect(count(await historyOf(leadId), 'handoff-emailed')).toBe(1);

    // And delivering the same event once more, as a replay whose message was not deleted would, emails and schedules nothing more
    await runtime.invoke('handoff', letter!.payload);
    await runtime.settle();
    expect(templatesTo(leadId)).toEqual(['rep-handoff']);
    expect(pendingFor(leadId)).toHaveLength(1);
    expect(count(await historyOf(leadId), 'assigned')).toBe(1);
  });

  it('keeps a dead letter whose replay fails again, with the new error; npm run dead-letters:replay -- --local replays it once fixed', async () => {
    ses.fail(sendEmail, outage);
    const leadId = await capture(hotLead('still.down@weber-maschinenbau.de'));
    const [before] = await deadLetters();

    // The script's dry run lists it and changes nothing
    const listed = await replayScript('--dry-run');
    expect(listed).toMatchObject({ exitCode: 0 });
    expect(listed.stdout).toContain('would replay event captured-hot-handoff → function:handoff (failed with DependencyUnavailableError: SES is unavailable');
    expect(listed.stdout).toContain('would replay 1, unreadable 0: nothing was invoked or deleted');
    expect(await deadLetters()).toEqual([before]);

    // A replay during the outage fails again: the letter stays, saying why, and the script says so in its exit code
    const during = await replayScript();
    expect(during.exitCode).toBe(1);
    expect(during.stdout).toContain('replayed 0, failed again 1, unreadable 0: those are still dead letters');
    const [kept] = await deadLetters();
    expect(kept).toMatchObject({ source: 'captured-hot-handoff', attempts: before!.attempts + 1 });
    expect(kept!.error).toMatch(/^DependencyUnavailableError: SES/);

    ses.heal();
    const after = await replayScript();
    expect(after).toMatchObject({ exitCode: 0 });
    expect(after.stdout).toContain('replayed    event captured-hot-handoff → function:handoff');
    expect(templatesTo(leadId)).toEqual(['rep-handoff']);
    expect(await deadLetters()).toEqual([]);
  }, 60_000);

  it('refuses a replay request it cannot read', async () => {
    const response = await fetch(`${runtime.apiUrl}/_local/dead-letters/replay`, { method: 'POST', body: JSON.stringify({ limit: 0 }) });

    expect(response.status).toBe(400);
  });

  it('finishes a nurture step that sent its tip before Scheduler failed: the tip once, the next step scheduled once', async () => {
    const leadId = await capture(warmLead('step.cut.short@northwind-traders.com'));
    const [first] = pendingFor(leadId);
    expect(first?.target.function).toBe('nurture-step');

    // Given Scheduler fails as the first step runs: the tip goes out, scheduling the next one fails
    scheduler.fail(createSchedule(`nt-${leadId}-`), outage);
    await runtime.advance(Date.parse(first!.dueAt) - runtime.clock.now().getTime());
    const tips = () => runtime.ses.sent().filter((m) => tag(m, 'leadId') === leadId && tag(m, 'sequence'));
    expect(tips()).toHaveLength(1);
    expect(await deadLetters()).toEqual([expect.objectContaining({ kind: 'schedule', source: `stoke/${first!.name}`, target: 'nurture-step', payload: first!.input })]);
    expect(pendingFor(leadId)).toEqual([]);

    // When Scheduler is back and the step is replayed, in the lead's send window as planned
    scheduler.heal();
    expect((await replay()).replayed).toHaveLength(1);

    // Then the tip was not sent again, and exactly the next step is pending
    expect(tips()).toHaveLength(1);
    const [next] = pendingFor(leadId);
    expect(pendingFor(leadId)).toHaveLength(1);
    expect(next!.input).toEqual({ leadId, seq: (first!.input as { seq: number }).seq + 1 });

    // And the sequence goes on: the next step sends the next tip, once
    await runtime.advance(Date.parse(next!.dueAt) - runtime.clock.now().getTime());
    expect(tips().map((m) => tag(m, 'step'))).toEqual(['1', '2']);
    expect(await deadLetters()).toEqual([]);
  }, 60_000);
  it('records the tip of a step cut short after sending: in the history, on the lead and under the frequency cap', async () => {
    const leadId = await capture(warmLead('step.recorded@northwind-traders.com'));
    const [first] = pendingFor(leadId);
    scheduler.fail(createSchedule(`nt-${leadId}-`), outage);
    await runtime.advance(Date.parse(first!.dueAt) - runtime.clock.now().getTime());
    scheduler.heal();
    await replay();

    const lead = (await readTable(runtime.dynamodbEndpoint, runtime.tableName)).find((i) => i.entity === 'lead' && i.leadId === leadId);
    expect(await historyOf(leadId)).toContain('nurture-sent');
    expect(lead?.nurture?.sent).toHaveLength(1);
    expect(lead?.marketing?.recentSends).toHaveLength(1);
  }, 60_000);

  it('never sends a tip again when the step cut short after sending is replayed outside the send window', async () => {
    const leadId = await capture(warmLead('night.replay@northwind-traders.com'));
    const [first] = pendingFor(leadId);
    scheduler.fail(createSchedule(`nt-${leadId}-`), outage);
    await runtime.advance(Date.parse(first!.dueAt) - runtime.clock.now().getTime());
    const tips = () => runtime.ses.sent().filter((m) => tag(m, 'leadId') === leadId && tag(m, 'sequence')).map((m) => tag(m, 'step'));
    expect(tips()).toEqual(['1']);

    // The fix lands at night: 03:00 in New York, outside the lead's window, when the step is replayed.
    const night = new Date(runtime.clock.now());
    night.setUTCDate(night.getUTCDate() + 1);
    night.setUTCHours(8, 0, 0, 0);
    await runtime.advance(night.getTime() - runtime.clock.now().getTime());
    scheduler.heal();
    expect((await replay()).replayed).toHaveLength(1);

    // A week on, the first tip went out once; the second is two weeks after it.
    await runtime.advance(7 * 86_400_000);
    expect(tips()).toEqual(['1']);
    expect(await historyOf(leadId)).not.toContain('nurture-deferred');
  }, 60_000);
});
