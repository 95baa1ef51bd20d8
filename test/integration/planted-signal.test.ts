import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Figures } from '../../infra/simulate/driver.ts';

const run = promisify(execFile);
let out = '';
afterAll(() => rm(out, { recursive: true, force: true }));

const leads = 1000;
const weeks = 26;
// Seeds 2 to 5 find all three at this size, seed 1 finds the planted interest strongest but not yet significant (1.99×, 0.97–4.08).
const seed = 4;

// A smaller run than the 2,000 leads, on the memory engine, in a process of its own as `npm run simulate` runs.
async function plantedRun(): Promise<NonNullable<Figures['plantedSignal']>> {
  out = await mkdtemp(join(tmpdir(), 'stoke-planted-'));
  await run(process.execPath, ['--import', 'tsx', 'infra/simulate/simulate.ts', '--engine', 'memory', '--plant-signal', '--leads', String(leads), '--weeks', String(weeks), '--seed', String(seed), '--out', out, '--quiet'], {
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'WARN' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const { figures } = JSON.parse(await readFile(join(out, `simulation-${leads}x${weeks}w-seed${seed}-memory-planted.json`), 'utf8')) as { figures: Figures };
  return figures.plantedSignal!;
}

describe('npm run simulate -- --plant-signal', () => {
  it('finds what was planted: the planted interest as the strongest lift, the useless rule not significant, and a suggestion that catches more purchasers at capture', async () => {
    const report = await plantedRun();
    const { strongestLift, uselessRule, recallAtCapture } = report.findings;

    // Every lead the run stored is read back as an outcome lead: capture kept what each submission said.
    expect(report).toMatchObject({ leads, skipped: 0 });
    expect(report.backtest.purchasers).toBeGreaterThan(20);

    expect(strongestLift).toMatchObject({ expected: 'interest-revenue-operations', found: 'interest-revenue-operations', verdict: 'predicts-sale', passed: true });
    expect(uselessRule).toMatchObject({ rule: 'senior-title', verdict: 'not-significant', passed: true });
    const { shipped, suggested } = recallAtCapture;
    expect(suggested.precision).toBeGreaterThanOrEqual(shipped.precision!);
    expect(suggested.recall).toBeGreaterThan(shipped.recall!);

    // The replay agrees with what happened: the shipped model hands every purchaser to sales, no later than the pipeline did.
    const { actualWait, current } = report.backtest;
    expect(current.replayedWait.notHandedOff).toBe(0);
    expect(current.replayedWait.medianHours!).toBeLessThanOrEqual(actualWait.medianHours!);
  }, 120_000);
});
