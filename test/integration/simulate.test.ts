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

// Each run in a process of its own, as `npm run simulate` runs: handlers keep their clients and settings per process.
async function simulate(seed: number): Promise<{ figures: Figures; perPerson: string[]; cost: { totalUsdPer10kMonthly: number } }> {
  const out = await mkdtemp(join(tmpdir(), 'stoke-sim-'));
  dirs.push(out);
  await run(process.execPath, ['--import', 'tsx', 'infra/simulate/simulate.ts', '--leads', '40', '--weeks', '6', '--seed', String(seed), '--out', out, '--quiet', '--dynamodb-endpoint', inject('dynamodbEndpoint')], {
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'WARN' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(await readFile(join(out, `simulation-40x6w-seed${seed}.json`), 'utf8'));
}

describe('npm run simulate', () => {
  it('gives the same figures for the same seed, and accounts for every lead in exactly one final state', async () => {
    const [first, second] = await Promise.all([simulate(7), simulate(7)]);

    // What happened to every person is the same. The SDK call counts may differ by a few retries:
    // deliveries run concurrently, and an optimistic write that loses a race is tried again.
    const { awsCalls: firstCalls, ...firstOutcome } = first.figures;
    const { awsCalls: secondCalls, ...secondOutcome } = second.figures;
    expect(secondOutcome).toEqual(firstOutcome);
    expect(second.perPerson).toEqual(first.perPerson);
    const calls = (awsCalls: Figures['awsCalls']) => awsCalls.total.reduce((sum, call) => sum + call.count, 0);
    expect(Math.abs(calls(secondCalls) - calls(firstCalls)) / calls(firstCalls)).toBeLessThan(0.05);

    const { figures, perPerson } = first;
    expect(perPerson).toHaveLength(40);
    for (const state of perPerson) expect(finalStates).toContain(state);
    expect(Object.values(figures.finalStates).reduce((a, b) => a + b, 0)).toBe(40);
    expect(figures.finalStates['capture-failed']).toBe(0);
    expect(figures.funnel.captured).toBe(40);
    // Funnel stages never grow, and the leads in sales states were all handed to sales.
    expect(figures.funnel.purchased).toBeLessThanOrEqual(figures.funnel.contacted);
    expect(figures.funnel.contacted).toBeLessThanOrEqual(figures.funnel.handedToSales);
    const withSales = figures.finalStates.purchased + figures.finalStates['not-interested'] + figures.finalStates['in-progress'] + figures.finalStates['assigned-never-contacted'];
    expect(withSales).toBeLessThanOrEqual(figures.funnel.handedToSales);
    expect(figures.withoutNurture.handedToSales).toBe(figures.funnel.capturedHot);
    // The run exercised the pipeline: tips went out, machine signals were sent, SDK calls and capacity were counted.
    expect(figures.email.tips).toBeGreaterThan(0);
    expect(figures.email.machineOpens + figures.email.scannerClicks).toBeGreaterThan(0);
    expect(figures.awsCalls.total.find((c) => c.service === 'DynamoDB' && c.operation === 'TransactWriteItems')?.writeUnits).toBeGreaterThan(0);
    expect(first.cost.totalUsdPer10kMonthly).toBeGreaterThan(0);
    expect(figures.awsCalls.deadLetters).toBe(0);
    // No handler scans the table: every read is by key, owner or day.
    expect(figures.awsCalls.total.filter((c) => c.operation === 'Scan')).toEqual([]);
  }, 240_000);
});
