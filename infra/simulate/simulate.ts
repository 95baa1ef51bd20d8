// npm run simulate -- --leads 1000 --weeks 26 --seed 1 [--engine memory] [--plant-signal]
import { parseArgs } from 'node:util';
import { notMeasuredText, partitionText, readText } from './figures-read.ts';
import { headlineText, plantedFindingsText, plantedLiftRows } from './report.ts';

process.env.STOKE_COUNT_AWS_CALLS = '1';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    leads: { type: 'string', default: '1000' },
    weeks: { type: 'string', default: '26' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: 'simulation-results' },
    // A DynamoDB Local already running (tests); otherwise one is started in memory.
    'dynamodb-endpoint': { type: 'string' },
    // dynamodb (the local runtime, with call counts and cost) or memory (the in-memory adapters, fast).
    engine: { type: 'string', default: 'dynamodb' },
    quiet: { type: 'boolean', default: false },
    // The behaviour model's planted world, and what learning from outcomes finds in it (issue 20).
    'plant-signal': { type: 'boolean', default: false },
  },
});
if (values.engine !== 'dynamodb' && values.engine !== 'memory') {
  console.error(`--engine must be dynamodb or memory, not ${values.engine}`);
  process.exit(2);
}
const engine = values.engine;
const positive = (name: string, value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`--${name} must be a positive whole number, not ${value}`);
    process.exit(2);
  }
  return n;
};
const leads = positive('leads', values.leads);
const weeks = positive('weeks', values.weeks);
const seed = positive('seed', values.seed);

const { runSimulation } = await import('./run.ts');
const began = Date.now();
const tty = process.stderr.isTTY;
let lastLine = 0;
const result = await runSimulation({
  leads,
  weeks,
  seed,
  outDir: values.out,
  engine,
  plantSignal: values['plant-signal'],
  ...(values['dynamodb-endpoint'] ? { dynamodbEndpoint: values['dynamodb-endpoint'] } : {}),
  onProgress: (p) => {
    if (values.quiet) return;
    const width = 30;
    const filled = Math.round((p.tick / p.ticks) * width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.now.toISOString().slice(0, 10)}  captured ${p.captured}/${leads}  tips ${p.tips}  handoffs ${p.handoffs}  purchased ${p.purchased}  ${Math.round((Date.now() - began) / 1000)}s`;
    if (tty) process.stderr.write(`\r${line}`);
    else if (Date.now() - lastLine > 5000 || p.tick === p.ticks) {
      lastLine = Date.now();
      process.stderr.write(`${line}\n`);
    }
  },
});
if (tty) process.stderr.write('\n');

const { figures: f, counted, timings } = result;
const out = (s = '') => process.stdout.write(`${s}\n`);
out(`\nStoke simulation: ${leads} leads, ${weeks} weeks, seed ${seed}, ${engine} engine`);
out('\nFunnel');
for (const [k, v] of Object.entries(f.funnel)) out(`  ${k.padEnd(20)} ${v}`);
out(`\nTurned hot after capture: ${f.hotAfterCapture.leads} leads, median day ${f.hotAfterCapture.medianDay ?? '-'}; by tips received before: ${JSON.stringify(f.hotAfterCapture.byTipNumber)}`);
out('\nHandoffs per rep');
for (const [rep, r] of Object.entries(f.handoffsPerRep)) out(`  ${rep.padEnd(16)} handoffs ${r.handoffs}  contacts ${r.contacts}  purchased ${r.purchased}`);
out(`\nDeadline reminders ${f.deadlines.remindersSent}, escalations ${f.deadlines.escalations}`);
out(`Unsubscribes ${f.email.unsubscribes}, complaints ${f.email.complaints}, hard bounces ${f.email.hardBounces}; suppressed leads ${f.email.suppressedLeads}`);
const { filter } = f;
out('\nThe machine filter against the truth (who really made each open and click)');
out(`  machine opens and clicks filtered                 ${headlineText(filter.machineSignalsFiltered)}`);
out(`  people's own opens and clicks filtered by mistake ${headlineText(filter.peopleSignalsWronglyFiltered)}`);
out(`  ${'who made it'.padEnd(34)} ${'kind'.padEnd(5)} ${'posted'.padStart(7)} ${'human'.padStart(7)} ${'filtered'.padStart(9)}  by reason`);
for (const r of filter.rows) out(`  ${r.id.padEnd(34)} ${r.kind.padEnd(5)} ${String(r.posted).padStart(7)} ${String(r.judgedHuman).padStart(7)} ${String(r.filtered).padStart(9)}  ${Object.entries(r.filteredBy).map(([reason, n]) => `${reason} ${n}`).join(', ')}`);
out(`  ${filter.posted} posted, ${filter.notStored} not stored, ${filter.unexpected} stored matching no posting`);
out("  Each machine open or click the filter misses scores a lead for a visit nobody made; each of a person's it filters throws real interest away.");
const { marketingReads: mr } = f;
out(`\nMarketing's figures of the run's last quarter (${mr.period.from} to ${mr.period.to}), read through the API as a marketer would`);
for (const read of mr.reads) out(`  ${readText(read, f.awsCalls?.marketingReads.find((c) => c.figure === read.figure))}`);
out(`  The figures partition read (FIGURES#<day>): ${partitionText(mr.partition)}${f.awsCalls ? '' : ', as the table would hold them'}; reading every day once: ${mr.partition.queryReadUnits} read units at DynamoDB's rate`);
if (!f.awsCalls) out(`  ${notMeasuredText}`);
out(`\nMarketing's brake: ${f.brakePauses.length ? `paused ${f.brakePauses.length} time(s) (${f.brakePauses.map((p) => `${p.because} on ${p.pausedAt.slice(0, 10)}`).join(', ')}), each resumed by the simulated manager a day later` : 'never paused'}`);
out(`\nWithout nurture (hot at capture only): ${f.withoutNurture.handedToSales} to sales, ${f.withoutNurture.purchased} purchases; with nurture: ${f.funnel.handedToSales} to sales, ${f.funnel.purchased} purchases`);
const planted = f.plantedSignal;
if (planted) {
  out(`\nLearning from outcomes in the planted world: ${planted.leads} outcome leads (${planted.skipped} skipped), ${planted.backtest.purchasers} purchased`);
  for (const line of plantedFindingsText(planted)) out(`  ${line}`);
  out(`  ${'rule'.padEnd(34)} ${'kind'.padEnd(10)} ${'points'.padStart(6)} ${'fired'.padStart(10)} ${'not fired'.padStart(10)}  lift (95% interval)     verdict`);
  for (const [id, kind, points, fired, notFired, lift, verdict] of plantedLiftRows(planted)) out(`  ${id.padEnd(34)} ${kind.padEnd(10)} ${String(points).padStart(6)} ${fired.padStart(10)} ${notFired.padStart(10)}  ${lift.padEnd(22)}  ${verdict}`);
  out(`  Suggested points (hot at ${planted.suggestion.thresholds.hot}: ${planted.suggestion.thresholds.basis}):`);
  for (const p of planted.suggestion.points.filter((p) => p.basis === 'fitted')) out(`    ${p.id.padEnd(34)} ${String(p.current).padStart(4)} -> ${String(p.suggested).padStart(4)}   log-odds ${p.logOdds!.toFixed(2)}`);
  const { actualWait: actual, current, candidate } = planted.backtest;
  out(`  Purchasers' wait for sales from capture, median: as it happened ${actual.medianHours ?? '-'} h; replayed shipped ${current.replayedWait.medianHours ?? '-'} h (${current.replayedWait.notHandedOff} not hot before buying); suggested ${candidate.replayedWait.medianHours ?? '-'} h (${candidate.replayedWait.notHandedOff} not hot before buying)`);
}
out('\nFinal states');
for (const [k, v] of Object.entries(f.finalStates)) out(`  ${k.padEnd(26)} ${v}`);
if (counted) {
  out('\nPer invocation          count   mean ms  SDK calls  DynamoDB  write units  read units');
  for (const [fn, c] of Object.entries(counted.calls.perFunction)) out(`  ${fn.padEnd(22)} ${String(c.invocations).padStart(6)} ${String(c.meanMs).padStart(9)} ${String(c.sdkCalls).padStart(10)} ${String(c.dynamodbRequests).padStart(9)} ${String(c.writeUnits).padStart(12)} ${String(c.readUnits).padStart(11)}`);
  out(`SDK calls per lead ${counted.calls.perLead}`);
  out(`AWS cost of 10,000 contacts a month: $${counted.cost.totalUsdPer10kMonthly.toFixed(2)} (list prices ${counted.cost.region}, read ${counted.cost.pricesReadOn}; assumptions in the report)`);
} else {
  out(`\nLambda invocations ${f.lambdaInvocations.total}; SDK calls and cost are counted by the DynamoDB engine only (without --engine memory).`);
}
out(`\nTime: ${Math.round(timings.totalMs / 1000)} s simulating (capture ${Math.round(timings.captureMs / 1000)} s, clock/schedules ${Math.round(timings.advanceMs / 1000)} s, engagement ${Math.round(timings.engagementMs / 1000)} s, sales ${Math.round(timings.salesMs / 1000)} s, reading every lead back ${Math.round(timings.readBackMs / 1000)} s, marketing's reads ${Math.round(timings.marketingReadsMs / 1000)} s), start-up ${Math.round(timings.startupMs / 1000)} s`);
for (const file of result.files) out(`Wrote ${file}`);
process.exit(0);
