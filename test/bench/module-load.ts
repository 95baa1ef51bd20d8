import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Median time for a fresh Node process to import each bundle, as a cold start does, measured in rounds that load every bundle once,
 * in an order that rotates each round: a burst of machine noise hits all of them
 * alike instead of whichever was being measured at the time, and none always goes first.
 */
export async function interleavedMedianLoadMs(files: readonly string[], runs: number, env: Record<string, string>): Promise<number[]> {
  const times = files.map((): number[] => []);
  for (let round = 0; round < runs; round++) {
    for (const index of rotation(files.length, round)) times[index]!.push(await loadMs(files[index]!, env));
  }
  return times.map(median);
}

/** The indexes 0..length-1 starting at `round` modulo length. */
export function rotation(length: number, round: number): number[] {
  return Array.from({ length }, (_, i) => (i + round) % length);
}

async function loadMs(file: string, env: Record<string, string>): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...env } });
  return Number(stdout.trim());
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * CPU time (user + system, this process) of each call, in milliseconds. Calls run
 * one after another; `between` (not measured) runs after each, to let work the call
 * started elsewhere finish before the next is measured.
 */
export async function cpuPerCall<T>(items: readonly T[], call: (item: T) => Promise<unknown>, between?: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (const item of items) {
    const before = process.cpuUsage();
    await call(item);
    const used = process.cpuUsage(before);
    times.push((used.user + used.system) / 1000);
    if (between) await between();
  }
  return times;
}
