import { mkdir, writeFile } from 'node:fs/promises';
import { loadBehaviourModel } from './behaviour-model.ts';
import { callsPer, type CountedFigures, loadPrices, monthlyCostPer10k } from './cost.ts';
import { type SimulationProgress, simulate } from './driver.ts';
import type { Engine } from './engine.ts';
import { htmlReport } from './report.ts';

export type EngineName = Engine['name'];

export type RunOptions = {
  leads: number;
  weeks: number;
  seed: number;
  /** Where the handlers run: the local runtime on DynamoDB Local (the default, with call counts and cost), or the in-memory adapters. */
  engine?: EngineName;
  /** A running DynamoDB Local (tests); otherwise one is started in memory. */
  dynamodbEndpoint?: string;
  /** Plays the behaviour model's planted world and reports what learning from outcomes finds in it (issue 20). */
  plantSignal?: boolean;
  outDir?: string;
  onProgress?: (progress: SimulationProgress) => void;
};

// A Monday morning: the clock, and so every schedule, is the same on every run.
export const simulationStart = new Date('2027-01-04T07:00:00Z');

/** Starts the engine, runs the simulation, writes the report and the figures when outDir is given. */
export async function runSimulation(options: RunOptions) {
  process.env.STOKE_COUNT_AWS_CALLS = '1';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const model = loadBehaviourModel();
  const t0 = performance.now();
  // Each engine loads only its own peers: the memory engine never starts Java.
  const engine =
    options.engine === 'memory'
      ? await (await import('./memory-engine.ts')).startMemoryEngine({ startAt: simulationStart })
      : await (await import('./local-engine.ts')).startLocalEngine({ startAt: simulationStart, seed: options.seed, dynamodbEndpoint: options.dynamodbEndpoint });
  const startupMs = performance.now() - t0;
  // Interrupted (Ctrl-C): DynamoDB Local is a child Java process, and must not outlive the run.
  const interrupted = (signal: NodeJS.Signals) => void engine.stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const { figures, perPerson, timings } = await simulate({ engine, model, leads: options.leads, weeks: options.weeks, seed: options.seed, plant: options.plantSignal === true, onProgress: options.onProgress });
    const counted = figures.awsCalls ? { cost: monthlyCostPer10k(figures as CountedFigures, loadPrices()), calls: callsPer(figures as CountedFigures) } : undefined;
    const allTimings = { startupMs, ...timings };
    const files: string[] = [];
    if (options.outDir) {
      await mkdir(options.outDir, { recursive: true });
      const base = `${options.outDir}/simulation-${options.leads}x${options.weeks}w-seed${options.seed}${engine.name === 'memory' ? '-memory' : ''}${options.plantSignal ? '-planted' : ''}`;
      await writeFile(`${base}.json`, JSON.stringify({ figures, perPerson, cost: counted?.cost, callsPer: counted?.calls, timings: allTimings, behaviourModel: model }, null, 2));
      await writeFile(`${base}.html`, htmlReport(figures, counted, allTimings, model));
      files.push(`${base}.json`, `${base}.html`);
    }
    return { figures, perPerson, counted, timings: allTimings, files };
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await engine.stop();
  }
}
