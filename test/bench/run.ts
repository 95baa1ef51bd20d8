import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { localEnvironment } from '../../infra/local/local-environment.ts';
import { startLocalRuntime } from '../../infra/local/runtime.ts';
import { lambdaFunctions } from '../../infra/wiring/functions.ts';
import { type Bundle, bundle, emptyHandlerEntry } from './bundle.ts';
import { measureInvocations } from './invocations.ts';
import { median, medianLoadMs, percentile } from './module-load.ts';

// Writes figures, asserts nothing: compare the JSON of two runs to see a change.
const loadRuns = 9;
const sizeTargetBytes = 250 * 1024;
const sequentialRequests = 500;
const concurrentRequests = 2000;
const concurrency = 16;
const cpuInvocations = 200;
const cpuWarmup = 20;
const names = Object.keys(lambdaFunctions) as Array<keyof typeof lambdaFunctions>;

// Below the repository (git-ignored), so an external SDK resolves from node_modules.
const out = join(process.cwd(), '.cache', 'bench');
await rm(out, { recursive: true, force: true });
const deployed: Record<string, Bundle> = {};
const sdkExternalBundles: Record<string, Bundle> = {};
for (const name of names) {
  deployed[name] = await bundle(lambdaFunctions[name].entry, join(out, 'deployed', name), 'deployed');
  sdkExternalBundles[name] = await bundle(lambdaFunctions[name].entry, join(out, 'sdk-external', name), 'sdk-external');
}
const empty = await bundle(await emptyHandlerEntry(await mkdtemp(join(tmpdir(), 'stoke-bench-'))), join(out, 'empty'));

// Settings as the stack gives them; the endpoints are never called while loading.
const env = localEnvironment({
  apiUrl: 'http://127.0.0.1:9',
  dynamodbEndpoint: 'http://127.0.0.1:9',
  eventBridgeEndpoint: 'http://127.0.0.1:9',
  schedulerEndpoint: 'http://127.0.0.1:9',
  sesEndpoint: 'http://127.0.0.1:9',
  secretsEndpoint: 'http://127.0.0.1:9',
  tableName: 'bench',
});
const emptyLoadMs = await medianLoadMs(empty.file, loadRuns, env);
const loadMs: Record<string, { deployed: number; sdkExternal: number }> = {};
for (const name of names) {
  loadMs[name] = { deployed: await medianLoadMs(deployed[name]!.file, loadRuns, env), sdkExternal: await medianLoadMs(sdkExternalBundles[name]!.file, loadRuns, env) };
}

// The figures are the output; a log line per lead would only slow the run down.
process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
const runtime = await startLocalRuntime({
  apiPort: 0,
  sesPort: 0,
  tickMs: 0,
  dynamodb: { port: 0 },
  tableName: 'bench',
  // A Monday morning: tips go out in their US send windows within days.
  startAt: new Date('2026-11-23T08:00:00Z'),
});
let figures;
try {
  const cpuMs = await measureInvocations(runtime, cpuInvocations, cpuWarmup);

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

  figures = {
    measuredAt: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model },
    notes: {
      bundles:
        'AWS SDK included, as deployed (infra/wiring/bundling.ts): only the credential providers that the default chain reaches by dynamic import after the environment provider are external (never loaded on Lambda; the runtime\'s SDK has them). "sdkExternal" is the same build with all of @aws-sdk/* and @smithy/* left to the runtime, for comparison; not deployed. Minified bytes of index.mjs; the source map is a separate file.',
      moduleLoad: `Median of ${loadRuns} fresh Node processes importing the bundle (performance.now() around import()), against an empty handler bundle. External SDK modules resolve from node_modules, approximating the runtime's copy in /var/runtime.`,
      cpu: `process.cpuUsage() (user + system) around each of ${cpuInvocations} sequential direct handler calls after ${cpuWarmup} warm-up calls, against the local peers (DynamoDB Local in its own Java process, not counted; the local bus, scheduler and SES emulator run in this process and are counted while they answer the handler). Handlers run from source through tsx, not from the bundle.`,
      captureHttp: 'Real HTTP to the local API, in-process handler, DynamoDB Local in memory (one Java process on this machine).',
    },
    sizeTargetBytes,
    emptyHandler: { bundleBytes: empty.bytes, moduleLoadMs: round(emptyLoadMs) },
    functions: Object.fromEntries(
      names.map((name) => [
        name,
        {
          bundleBytes: deployed[name]!.bytes,
          underSizeTarget: deployed[name]!.bytes < sizeTargetBytes,
          // The part of the deployed bundle that is the AWS SDK, and everything else (Stoke, middy, zod, liquidjs, Powertools, templates).
          awsSdkBytes: awsSdkBytes(deployed[name]!),
          withoutAwsSdkBytes: deployed[name]!.bytes - awsSdkBytes(deployed[name]!),
          moduleLoadMs: round(loadMs[name]!.deployed),
          moduleLoadRatio: round(loadMs[name]!.deployed / emptyLoadMs),
          ...(name in cpuMs ? { cpuMsPerInvocation: cpuMs[name as keyof typeof cpuMs] } : {}),
          sdkExternal: { bundleBytes: sdkExternalBundles[name]!.bytes, moduleLoadMs: round(loadMs[name]!.sdkExternal), moduleLoadRatio: round(loadMs[name]!.sdkExternal / emptyLoadMs) },
          packageBytes: Object.fromEntries(Object.entries(deployed[name]!.packages).filter(([, bytes]) => bytes >= 1024)),
        },
      ]),
    ),
    // The figures the bench wrote before it covered every function (formerly bench-results/capture.json).
    capture: {
      bundleBytes: deployed.capture!.bytes,
      emptyHandlerBundleBytes: empty.bytes,
      moduleLoadMs: round(loadMs.capture!.deployed),
      emptyHandlerModuleLoadMs: round(emptyLoadMs),
      moduleLoadRatio: round(loadMs.capture!.deployed / emptyLoadMs),
      latencyMs: { p50: round(median(latencies)), p99: round(percentile(latencies, 99)), requests: sequentialRequests },
      throughputPerSecond: { value: round(throughput), requests: concurrentRequests, concurrency },
    },
  };
} finally {
  await runtime.stop();
}

await mkdir('bench-results', { recursive: true });
await writeFile('bench-results/bench.json', `${JSON.stringify(figures, null, 2)}\n`);

function awsSdkBytes(built: Bundle): number {
  return Object.entries(built.packages)
    .filter(([name]) => name.startsWith('@aws-sdk/') || name.startsWith('@smithy/') || name.startsWith('@aws-crypto/'))
    .reduce((sum, [, bytes]) => sum + bytes, 0);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
console.table(
  Object.fromEntries(
    Object.entries(figures.functions).map(([name, f]) => [
      name,
      {
        bundle: kb(f.bundleBytes),
        '< 250 KB': f.underSizeTarget ? 'yes' : 'OVER',
        'AWS SDK': kb(f.awsSdkBytes),
        'rest': kb(f.withoutAwsSdkBytes),
        'load ms': f.moduleLoadMs,
        'load ×empty': f.moduleLoadRatio,
        'SDK-external size': kb(f.sdkExternal.bundleBytes),
        'SDK-external ×empty': f.sdkExternal.moduleLoadRatio,
        'cpu ms p50/p99': f.cpuMsPerInvocation ? `${f.cpuMsPerInvocation.p50} / ${f.cpuMsPerInvocation.p99}` : '',
      },
    ]),
  ),
);
console.log(`empty handler: ${kb(empty.bytes)}, load ${round(emptyLoadMs)} ms; capture over HTTP: p50 ${figures.capture.latencyMs.p50} ms, p99 ${figures.capture.latencyMs.p99} ms, ${figures.capture.throughputPerSecond.value}/s at concurrency ${concurrency}`);
console.log('written: bench-results/bench.json');

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
