import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRuntime } from '../../infra/local/runtime.ts';
import { lambdaFunctions } from '../../infra/wiring/functions.ts';
import { bundle, emptyHandlerEntry } from './bundle.ts';
import { median, medianLoadMs, percentile } from './module-load.ts';

// Writes figures, asserts nothing: compare the JSON of two runs to see a change.
const loadRuns = 9;
const sequentialRequests = 500;
const concurrentRequests = 2000;
const concurrency = 16;

const work = await mkdtemp(join(tmpdir(), 'stoke-bench-'));
const bundles = Object.fromEntries(
  await Promise.all(Object.entries(lambdaFunctions).map(async ([name, fn]) => [name, await bundle(fn.entry, join(work, name))] as const)),
);
const capture = bundles.capture!;
const empty = await bundle(await emptyHandlerEntry(work), join(work, 'empty'));

const env = { TABLE_NAME: 'bench', EVENT_BUS_NAME: 'stoke', AWS_REGION: 'us-east-1' };
const captureLoadMs = await medianLoadMs(capture.file, loadRuns, env);
const emptyLoadMs = await medianLoadMs(empty.file, loadRuns, env);

// The figures are the output; a log line per lead would only slow the run down.
process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
const runtime = await startLocalRuntime({ apiPort: 0, sesPort: 0, tickMs: 0, dynamodb: { port: 0 }, tableName: 'bench' });
let sequence = 0;
const post = async () => {
  const n = sequence++;
  const started = performance.now();
  const response = await fetch(`${runtime.apiUrl}/leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: `bench-${n}@acme-${n % 97}.com`, authority: 'influencer', timeline: '6m', consent: 'yes', need: 'Faster follow-up of web leads' }),
  });
  if (response.status !== 201) throw new Error(`capture answered ${response.status}`);
  return performance.now() - started;
};

for (let i = 0; i < 50; i++) await post();
const latencies: number[] = [];
for (let i = 0; i < sequentialRequests; i++) latencies.push(await post());

const started = performance.now();
let sent = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (sent < concurrentRequests) {
      sent++;
      await post();
    }
  }),
);
const throughput = concurrentRequests / ((performance.now() - started) / 1000);
await runtime.stop();

const figures = {
  measuredAt: new Date().toISOString(),
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  bundleBytes: Object.fromEntries(Object.entries(bundles).map(([name, { bytes }]) => [name, bytes])),
  capture: {
    bundleBytes: capture.bytes,
    emptyHandlerBundleBytes: empty.bytes,
    moduleLoadMs: round(captureLoadMs),
    emptyHandlerModuleLoadMs: round(emptyLoadMs),
    moduleLoadRatio: round(captureLoadMs / emptyLoadMs),
    latencyMs: { p50: round(median(latencies)), p99: round(percentile(latencies, 99)), requests: sequentialRequests },
    throughputPerSecond: { value: round(throughput), requests: concurrentRequests, concurrency },
    notes: 'Bundle: AWS SDK included, as deployed. Latency and throughput: real HTTP to the local API, in-process handler, DynamoDB Local in memory (one Java process on this machine).',
  },
};

await mkdir('bench-results', { recursive: true });
await writeFile('bench-results/capture.json', `${JSON.stringify(figures, null, 2)}\n`);
console.log(JSON.stringify(figures, null, 2));

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
