import { mkdir, writeFile } from 'node:fs/promises';
import { startLocalRuntime } from '../local/runtime.ts';
import { loadBehaviourModel } from './behaviour-model.ts';
import { callsPer, loadPrices, monthlyCostPer10k } from './cost.ts';
import { type SimulationProgress, simulate } from './driver.ts';
import { htmlReport } from './report.ts';

export type RunOptions = {
  leads: number;
  weeks: number;
  seed: number;
  /** A running DynamoDB Local (tests); otherwise one is started in memory. */
  dynamodbEndpoint?: string;
  outDir?: string;
  onProgress?: (progress: SimulationProgress) => void;
};

// A Monday morning: the clock, and so every schedule, is the same on every run.
export const simulationStart = new Date('2027-01-04T07:00:00Z');

/** Starts the local runtime, runs the simulation, writes the report and the figures when outDir is given. */
export async function runSimulation(options: RunOptions) {
  process.env.STOKE_COUNT_AWS_CALLS = '1';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const model = loadBehaviourModel();
  const t0 = performance.now();
  const runtime = await startLocalRuntime({
    apiPort: 0,
    sesPort: 0,
    tickMs: 0,
    dynamodb: options.dynamodbEndpoint ? { endpoint: options.dynamodbEndpoint } : { port: 0 },
    tableName: `simulation-${options.seed}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`,
    startAt: simulationStart,
    // Time moves only when the simulator advances it: the same seed gives the same times.
    timeScale: 1e-9,
  });
  const startupMs = performance.now() - t0;
  // Interrupted (Ctrl-C): DynamoDB Local is a child Java process, and must not outlive the run.
  const interrupted = (signal: NodeJS.Signals) => void runtime.stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const { figures, perPerson, timings } = await simulate({ runtime, model, leads: options.leads, weeks: options.weeks, seed: options.seed, onProgress: options.onProgress });
    const cost = monthlyCostPer10k(figures, loadPrices());
    const calls = callsPer(figures);
    const allTimings = { startupMs, ...timings };
    const files: string[] = [];
    if (options.outDir) {
      await mkdir(options.outDir, { recursive: true });
      const base = `${options.outDir}/simulation-${options.leads}x${options.weeks}w-seed${options.seed}`;
      await writeFile(`${base}.json`, JSON.stringify({ figures, perPerson, cost, callsPer: calls, timings: allTimings, behaviourModel: model }, null, 2));
      await writeFile(`${base}.html`, htmlReport(figures, cost, calls, allTimings));
      files.push(`${base}.json`, `${base}.html`);
    }
    return { figures, perPerson, cost, calls, timings: allTimings, files };
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await runtime.stop();
  }
}
