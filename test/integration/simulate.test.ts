import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type Figures, finalStates } from '../../infra/simulate/driver.ts';

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

// Each run in a process of its own, as `npm run simulate` runs: handlers keep their clients, settings and adapters per process.
async function simulate(seed: number, engine: 'dynamodb' | 'memory'): Promise<{ figures: Figures; perPerson: string[]; cost?: { totalUsdPer10kMonthly: number } }> {
  const out = await mkdtemp(join(tmpdir(), 'stoke-sim-'));
  dirs.push(out);
  await run(process.execPath, ['--import', 'tsx', 'infra/simulate/simulate.ts', '--engine', engine, '--leads', String(leads), '--weeks', String(weeks), '--seed', String(seed), '--out', out, '--quiet', '--dynamodb-endpoint', inject('dynamodbEndpoint')], {
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'WARN' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(await readFile(join(out, `simulation-${leads}x${weeks}w-seed${seed}${engine === 'memory' ? '-memory' : ''}.json`), 'utf8'));
}

const leads = 300;
const weeks = 12;

describe('npm run simulate', () => {
  it('gives every synthetic person the same outcome on both engines, and accounts for every lead in exactly one final state', async () => {
    const [dynamodb, memory] = await Promise.all([simulate(7, 'dynamodb'), simulate(7, 'memory')]);

    // What happened to every person, and every figure of the pipeline, is the same on DynamoDB Local and in memory:
    // only the DynamoDB engine counts SDK calls, and the durations are each machine's own.
    // Marketing's reads answer alike to the byte, but for the filter audit: it shows samples of filtered signals, one per slot
    // of a reason and day, chosen by the event id each bus makes up (and the figures partition holds those samples).
    const outcome = ({ awsCalls: _calls, invocations, engine: _engine, marketingReads: { partition: _partition, period, reads }, ...rest }: Figures) => ({
      ...rest,
      invocations: invocations.map(({ fn, invocations: count }) => ({ fn, count })),
      marketingReads: { period, reads: reads.map((read) => (read.figure === 'filter-audit' ? { ...read, bytes: 'samples differ' } : read)) },
    });
    expect(outcome(memory.figures)).toEqual(outcome(dynamodb.figures));
    expect(memory.perPerson).toEqual(dynamodb.perPerson);
    // The filter judged every open and click alike on both: its confusion matrix is one of those figures, named for a clearer failure.
    expect(memory.figures.filter).toEqual(dynamodb.figures.filter);
    expect(memory.figures.awsCalls).toBeUndefined();

    const { figures, perPerson } = dynamodb;
    expect(perPerson).toHaveLength(leads);
    for (const state of perPerson) expect(finalStates).toContain(state);
    expect(Object.values(figures.finalStates).reduce((a, b) => a + b, 0)).toBe(leads);
    expect(figures.finalStates['capture-failed']).toBe(0);
    expect(figures.funnel.captured).toBe(leads);
    // Funnel stages never grow, and the leads in sales states were all handed to sales.
    expect(figures.funnel.purchased).toBeLessThanOrEqual(figures.funnel.contacted);
    expect(figures.funnel.contacted).toBeLessThanOrEqual(figures.funnel.handedToSales);
    const withSales = figures.finalStates.purchased + figures.finalStates['not-interested'] + figures.finalStates['in-progress'] + figures.finalStates['assigned-never-contacted'];
    expect(withSales).toBeLessThanOrEqual(figures.funnel.handedToSales);
    expect(figures.withoutNurture.handedToSales).toBe(figures.funnel.capturedHot);
    // The run exercised the pipeline: tips went out, machine signals were sent, leads were bought, SDK calls and capacity were counted.
    expect(figures.email.tips).toBeGreaterThan(0);
    expect(figures.email.machineOpens + figures.email.machineClicks).toBeGreaterThan(0);
    // The matrix accounts for every open and click the driver posted, each judged exactly once: none dropped, none counted twice.
    // (The 95% and 2% goals are reported, not asserted: the filter is improved in a later change.)
    const { email, filter } = figures;
    const posted = email.humanOpens + email.humanClicks + email.machineOpens + email.machineClicks;
    expect(filter.rows.reduce((sum, row) => sum + row.judgedHuman + row.filtered, 0)).toBe(posted);
    for (const row of filter.rows) expect(row.judgedHuman + row.filtered, row.id).toBe(row.posted);
    expect(filter.unexpected).toBe(0);
    expect(filter.machineSignalsFiltered.of + filter.peopleSignalsWronglyFiltered.of).toBe(posted);
    expect(figures.funnel.purchased).toBeGreaterThan(0);
    const calls = figures.awsCalls!;
    expect(calls.total.find((c) => c.service === 'DynamoDB' && c.operation === 'TransactWriteItems')?.writeUnits).toBeGreaterThan(0);
    expect(dynamodb.cost!.totalUsdPer10kMonthly).toBeGreaterThan(0);
    expect(figures.deadLetters).toBe(0);
    // No handler scans the table: every read is by key, owner or day.
    expect(calls.total.filter((c) => c.operation === 'Scan')).toEqual([]);

    // Marketing read its figures of the whole run (12 weeks, shorter than a quarter) through the API at the end, each read alone:
    // the journey is exactly one Query per day of the period and nothing else, whatever the number of leads; so is every other read.
    const { period, reads } = figures.marketingReads;
    expect(period).toEqual({ from: figures.startAt.slice(0, 10), to: figures.endAt.slice(0, 10), days: weeks * 7 + 1 });
    expect(reads.map((r) => [r.figure, r.status, r.days])).toEqual(['journey', 'filter-audit', 'funnel', 'consent'].map((figure) => [figure, 200, period.days]));
    for (const read of calls.marketingReads) {
      expect(read.requests, read.figure).toEqual({ Query: period.days });
      expect(read.otherCalls, read.figure).toEqual([]);
      expect(read.invocations, read.figure).toEqual({ marketing: 1 });
    }
    const journey = calls.marketingReads.find((r) => r.figure === 'journey')!;
    expect(journey.requests.Scan).toBeUndefined();
    expect(journey.readUnits).toBeGreaterThan(0);
    expect(figures.marketingReads.partition.items.max).toBeGreaterThan(0);
  }, 240_000);
});
