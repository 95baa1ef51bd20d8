import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { localEnvironment } from '../../infra/local/local-environment.ts';
import { startLocalRuntime } from '../../infra/local/runtime.ts';
import { lambdaFunctions } from '../../infra/wiring/functions.ts';
import { type Bundle, bundle, emptyHandlerEntry } from './bundle.ts';
import { awsClientsInBundle, bytesBeyondFloor, clientModulesByPackage, floorEntrySource, heaviestNonSdkPackages, isAwsSdkPackage } from './floor.ts';
import type { measureDesk } from './desk.ts';
import { measureInvocations } from './invocations.ts';
import { interleavedMedianLoadMs, median, percentile } from './module-load.ts';

// Writes figures, asserts nothing: compare the JSON of two runs to see a change.
const loadRuns = 9;
const sizeTargetBytes = 250 * 1024;
// A function's module load against the load of its own AWS SDK clients alone, which no Stoke change can go below.
const floorRatioTarget = 1.3;
// How many of the heaviest non-SDK packages of a function above the target are stubbed out, one at a time.
const stubbedPackages = 2;
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

// Each function's floor: only the SDK clients (and commands) esbuild put in its bundle, created by the
// modules of functions/platform/clients, built with the same settings.
const clientModules = await clientModulesByPackage(join(process.cwd(), 'functions', 'platform', 'clients'));
const floors: Record<string, { clients: Record<string, string[]>; entry: string; bundle: Bundle }> = {};
for (const name of names) {
  const dir = join(out, 'floor', name);
  await mkdir(dir, { recursive: true });
  const clients = awsClientsInBundle(deployed[name]!.inputs);
  const entry = join(dir, 'floor-entry.ts');
  await writeFile(entry, floorEntrySource(clients, clientModules, dir));
  floors[name] = { clients, entry, bundle: await bundle(entry, dir) };
}

// Settings as the stack gives them; the endpoints are never called while loading.
const env = localEnvironment({
  apiUrl: 'http://127.0.0.1:9',
  dynamodbEndpoint: 'http://127.0.0.1:9',
  eventBridgeEndpoint: 'http://127.0.0.1:9',
  schedulerEndpoint: 'http://127.0.0.1:9',
  sesEndpoint: 'http://127.0.0.1:9',
  secretsEndpoint: 'http://127.0.0.1:9',
  userPoolEndpoint: 'http://127.0.0.1:9',
  tableName: 'bench',
});
const loadMs: Record<string, { deployed: number; floor: number; sdkExternal: number; empty: number }> = {};
for (const name of names) {
  const [deployedMs, floorMs, sdkExternalMs, emptyMs] = await interleavedMedianLoadMs([deployed[name]!.file, floors[name]!.bundle.file, sdkExternalBundles[name]!.file, empty.file], loadRuns, env);
  loadMs[name] = { deployed: deployedMs!, floor: floorMs!, sdkExternal: sdkExternalMs!, empty: emptyMs! };
}
const emptyLoadMs = median(names.map((name) => loadMs[name]!.empty));

// Where a function stays above its floor: its bytes beyond the floor by package, the extra time shared out
// by those bytes (an estimate), and measurements with each of its heaviest non-SDK packages stubbed out.
const beyondFloor: Record<string, { bytes: number; packages: Array<{ name: string; bytes: number; estimatedMs: number }> }> = {};
const stubbed: Record<string, Array<{ package: string; moduleLoadMs: number; stubbedModuleLoadMs: number; savedMs: number } | { package: string; failed: string }>> = {};
for (const name of names) {
  const beyond = bytesBeyondFloor(deployed[name]!.packages, floors[name]!.bundle.packages);
  const bytes = beyond.reduce((sum, { bytes }) => sum + bytes, 0);
  const extraMs = Math.max(0, loadMs[name]!.deployed - loadMs[name]!.floor);
  beyondFloor[name] = { bytes, packages: beyond.filter((p) => p.bytes >= 1024).map((p) => ({ ...p, estimatedMs: round((extraMs * p.bytes) / bytes) })) };
  if (loadMs[name]!.deployed / loadMs[name]!.floor <= floorRatioTarget) continue;
  stubbed[name] = [];
  for (const heavy of heaviestNonSdkPackages(beyond, stubbedPackages)) {
    try {
      const without = await bundle(lambdaFunctions[name].entry, join(out, 'stubbed', name, heavy.replace('/', '+')), 'deployed', heavy);
      const [withMs, withoutMs] = await interleavedMedianLoadMs([deployed[name]!.file, without.file], loadRuns, env);
      stubbed[name]!.push({ package: heavy, moduleLoadMs: round(withMs!), stubbedModuleLoadMs: round(withoutMs!), savedMs: round(withMs! - withoutMs!) });
    } catch (error) {
      // Module-scope code the stub cannot stand in for: the byte estimate is what is left.
      stubbed[name]!.push({ package: heavy, failed: failure(error) });
    }
  }
}

// Printed before the invocations are measured, so the cold starts are on screen even if a later part fails.
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
console.table(
  Object.fromEntries(
    names.map((name) => [
      name,
      {
        'load ms': round(loadMs[name]!.deployed),
        'floor ms': round(loadMs[name]!.floor),
        '×floor': round(loadMs[name]!.deployed / loadMs[name]!.floor),
        [`≤ ${floorRatioTarget}×`]: loadMs[name]!.deployed / loadMs[name]!.floor <= floorRatioTarget ? 'yes' : 'OVER',
        'floor size': kb(floors[name]!.bundle.bytes),
        'SDK clients': Object.keys(floors[name]!.clients).map((pkg) => pkg.replace('@aws-sdk/client-', '')).join(' '),
        'load ×empty': round(loadMs[name]!.deployed / loadMs[name]!.empty),
        'SDK-external ×floor': round(loadMs[name]!.sdkExternal / loadMs[name]!.floor),
      },
    ]),
  ),
);
for (const name of names.filter((name) => name in stubbed)) {
  const top = beyondFloor[name]!.packages.filter((p) => !isAwsSdkPackage(p.name)).slice(0, 5).map((p) => `${p.name} ${kb(p.bytes)} ~${p.estimatedMs} ms`);
  const stubs = stubbed[name]!.map((s) => ('failed' in s ? `; ${s.package} stubbed out: did not load (${s.failed})` : `; ${s.package} stubbed out: ${s.stubbedModuleLoadMs} ms instead of ${s.moduleLoadMs} (${s.savedMs >= 0 ? '−' : '+'}${Math.abs(s.savedMs)} ms)`)).join('');
  console.log(`${name} above ${floorRatioTarget}× its floor, ${kb(beyondFloor[name]!.bytes)} beyond it (ms by bytes, an estimate): ${top.join(', ')}${stubs}`);
}
console.log(`empty handler: ${kb(empty.bytes)}, load ${round(emptyLoadMs)} ms`);

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
      moduleLoad: `Median of ${loadRuns} fresh Node processes importing the bundle (performance.now() around import()). The headline ratio is against the function's floor: a bundle of only the AWS SDK clients esbuild put in the function's bundle, with the commands it kept, created by the modules of functions/platform/clients (awsClient() included) and built with the same settings; target at most ${floorRatioTarget}×. The function, its floor, its SDK-external build and an empty handler are loaded in interleaved rounds (order rotating), so machine noise hits all four. "beyondFloor" is the bytes the function holds beyond its floor per package, the extra milliseconds shared out by bytes (an estimate); "stubbed", for a function above the target, is its load with one of its ${stubbedPackages} heaviest non-SDK packages replaced by a do-nothing stub (same export names), measured interleaved with the real bundle: the saving counts the package and the module-scope work done through it (zod schemas built at load, Liquid engines). External SDK modules resolve from node_modules, approximating the runtime's copy in /var/runtime.`,
      cpu: `process.cpuUsage() (user + system) around each of ${cpuInvocations} sequential direct handler calls after ${cpuWarmup} warm-up calls, against the local peers (DynamoDB Local in its own Java process, not counted; the local bus, scheduler and SES emulator run in this process and are counted while they answer the handler). Handlers run from source through tsx, not from the bundle.`,
      captureHttp: 'Real HTTP to the local API, in-process handler, DynamoDB Local in memory (one Java process on this machine).',
    },
    sizeTargetBytes,
    floorRatioTarget,
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
          floor: { clients: floors[name]!.clients, bundleBytes: floors[name]!.bundle.bytes, moduleLoadMs: round(loadMs[name]!.floor) },
          moduleLoadRatioToFloor: round(loadMs[name]!.deployed / loadMs[name]!.floor),
          underFloorTarget: loadMs[name]!.deployed / loadMs[name]!.floor <= floorRatioTarget,
          beyondFloor: beyondFloor[name]!,
          ...(name in stubbed ? { stubbed: stubbed[name] } : {}),
          emptyHandlerModuleLoadMs: round(loadMs[name]!.empty),
          moduleLoadRatio: round(loadMs[name]!.deployed / loadMs[name]!.empty),
          ...(name in cpuMs ? { cpuMsPerInvocation: cpuMs[name as keyof typeof cpuMs] } : {}),
          sdkExternal: { bundleBytes: sdkExternalBundles[name]!.bytes, moduleLoadMs: round(loadMs[name]!.sdkExternal), moduleLoadRatio: round(loadMs[name]!.sdkExternal / loadMs[name]!.empty), moduleLoadRatioToFloor: round(loadMs[name]!.sdkExternal / loadMs[name]!.floor) },
          packageBytes: Object.fromEntries(Object.entries(deployed[name]!.packages).filter(([, bytes]) => bytes >= 1024)),
        },
      ]),
    ),
    // The figures the bench wrote before it covered every function (formerly bench-results/capture.json).
    capture: {
      bundleBytes: deployed.capture!.bytes,
      emptyHandlerBundleBytes: empty.bytes,
      moduleLoadMs: round(loadMs.capture!.deployed),
      emptyHandlerModuleLoadMs: round(loadMs.capture!.empty),
      moduleLoadRatio: round(loadMs.capture!.deployed / loadMs.capture!.empty),
      floorModuleLoadMs: round(loadMs.capture!.floor),
      moduleLoadRatioToFloor: round(loadMs.capture!.deployed / loadMs.capture!.floor),
      latencyMs: { p50: round(median(latencies)), p99: round(percentile(latencies, 99)), requests: sequentialRequests },
      throughputPerSecond: { value: round(throughput), requests: concurrentRequests, concurrency },
    },
  };
} finally {
  await runtime.stop();
}

// The desk's budgets, in a process of its own: it counts AWS calls, which the figures above are measured without.
const deskFile = join(out, 'desk.json');
await promisify(execFile)(process.execPath, ['--import', 'tsx', join('test', 'bench', 'desk.ts'), deskFile], {
  env: { ...process.env, STOKE_COUNT_AWS_CALLS: '1' },
  maxBuffer: 16 * 1024 * 1024,
});
const desk = JSON.parse(await readFile(deskFile, 'utf8')) as Awaited<ReturnType<typeof measureDesk>>;
figures = { ...figures, desk };

await mkdir('bench-results', { recursive: true });
await writeFile('bench-results/bench.json', `${JSON.stringify(figures, null, 2)}\n`);

function awsSdkBytes(built: Bundle): number {
  return Object.entries(built.packages)
    .filter(([name]) => isAwsSdkPackage(name))
    .reduce((sum, [, bytes]) => sum + bytes, 0);
}

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
        '×floor': f.moduleLoadRatioToFloor,
        'SDK-external size': kb(f.sdkExternal.bundleBytes),
        'SDK-external ×empty': f.sdkExternal.moduleLoadRatio,
        'cpu ms p50/p99': f.cpuMsPerInvocation ? `${f.cpuMsPerInvocation.p50} / ${f.cpuMsPerInvocation.p99}` : '',
      },
    ]),
  ),
);
console.log(`capture over HTTP: p50 ${figures.capture.latencyMs.p50} ms, p99 ${figures.capture.latencyMs.p99} ms, ${figures.capture.throughputPerSecond.value}/s at concurrency ${concurrency}`);
const units = (c: { requests: number; readUnits: number; writeUnits: number }) => `${c.requests} DynamoDB requests, ${c.readUnits} read units, ${c.writeUnits} write units`;
console.log(
  `desk: first page ${(desk.sizes.firstPage.gzipBytes / 1024).toFixed(1)} KB of JavaScript and CSS gzipped (budget ${desk.sizes.budgetBytes / 1024} KB: ${desk.sizes.firstPage.underBudget ? 'under' : 'OVER'}); lazy: ${desk.sizes.lazyChunks.map((c) => `${c.file.replace('assets/', '')} ${(c.gzipBytes / 1024).toFixed(1)} KB`).join(', ')}`,
);
console.log(
  `desk: inbox of ${desk.inbox.leads} leads interactive in ${desk.inbox.cold.interactiveMs} ms cold, ${desk.inbox.warm.interactiveMs} ms warm (median; all rows at ${desk.inbox.cold.renderedMs} / ${desk.inbox.warm.renderedMs} ms, the API's answer at ${desk.inbox.cold.apiAnsweredMs} / ${desk.inbox.warm.apiAnsweredMs} ms; budget ${desk.inbox.budgetMs} ms: ${desk.inbox.underBudget ? 'under' : 'OVER'}); ${desk.inbox.apiRequests.length} API request; GET /me/leads: ${units(desk.inbox['GET /me/leads'])}`,
);
console.log(`desk: lead page ${desk.leadPage.apiRequests.length} API requests (${desk.leadPage.apiRequests.join(', ')}); GET /leads/{leadId}: ${units(desk.leadPage['GET /leads/{leadId}'])}`);
console.log('written: bench-results/bench.json');

// A module that threw while loading: the last line of its stderr names the error.
function failure(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr?.trim().split('\n') ?? [];
  return (stderr.findLast((line) => /Error/.test(line)) ?? String(error).split('\n')[0]!).slice(0, 200);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
