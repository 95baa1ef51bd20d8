import type { BehaviourModel } from './behaviour-model.ts';
import type { Figures } from './driver.ts';
import type { FilterMatrix } from './filter-matrix.ts';
import { notMeasuredText, partitionText, readText, requestsText } from './figures-read.ts';
import type { PlantedSignalReport } from './planted-signal.ts';

const esc = (s: unknown) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function bars(title: string, rows: Array<[string, number]>, colour = '#2b6cb0'): string {
  const max = Math.max(1, ...rows.map(([, v]) => v));
  const h = 22;
  const width = 640;
  const label = 190;
  const svg = rows
    .map(([name, value], i) => {
      const w = Math.round(((width - label - 60) * value) / max);
      return `<text x="${label - 8}" y="${i * h + 15}" text-anchor="end">${esc(name)}</text><rect x="${label}" y="${i * h + 3}" width="${w}" height="${h - 6}" fill="${colour}"/><text x="${label + w + 6}" y="${i * h + 15}">${value}</text>`;
    })
    .join('');
  return `<h2>${esc(title)}</h2><svg width="${width}" height="${rows.length * h + 6}" font-size="12" font-family="sans-serif">${svg}</svg>`;
}

function columns(title: string, series: Array<{ name: string; colour: string; values: number[] }>, labels: string[]): string {
  const width = 900;
  const height = 200;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const group = (width - 40) / Math.max(1, labels.length);
  const bar = Math.max(1, (group - 4) / series.length);
  let svg = '';
  labels.forEach((label, i) => {
    series.forEach((s, j) => {
      const v = s.values[i] ?? 0;
      const hh = Math.round(((height - 30) * v) / max);
      svg += `<rect x="${40 + i * group + j * bar}" y="${height - 20 - hh}" width="${bar}" height="${hh}" fill="${s.colour}"><title>${esc(s.name)} ${esc(label)}: ${v}</title></rect>`;
    });
    if (labels.length <= 30 || i % 2 === 0) svg += `<text x="${40 + i * group + group / 2}" y="${height - 5}" text-anchor="middle">${esc(label)}</text>`;
  });
  svg += `<text x="0" y="12">${max}</text>`;
  const legend = series.map((s) => `<span style="color:${s.colour}">■</span> ${esc(s.name)}`).join(' &nbsp; ');
  return `<h2>${esc(title)}</h2><p>${legend}</p><svg width="${width}" height="${height}" font-size="11" font-family="sans-serif">${svg}</svg>`;
}

const table = (rows: Array<Array<unknown>>, head: string[]) =>
  `<table><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</table>`;

const seconds = (ms: number | undefined) => Math.round((ms ?? 0) / 1000);

// Every figure of the email section, in words a marketer reads.
const emailLabels: Record<keyof Figures['email'], string> = {
  tips: 'tips delivered',
  humanOpens: 'opens by a person',
  humanClicks: 'clicks by a person',
  machineOpens: 'opens by machines (privacy proxies, security gateways)',
  machineClicks: 'clicks by machines (link scanners, chat link previews)',
  unsubscribes: 'unsubscribes',
  complaints: 'spam complaints',
  hardBounces: 'hard bounces',
  suppressedLeads: 'leads suppressed',
  resubmits: 'came back through the form',
  weeklyReviews: 'weekly reviews sent',
  totalSent: 'emails sent in all',
};

/** One headline of the filter, in words: "801 of 1225 (65.4%); goal at least 95%: not met". */
export function headlineText({ count, of, percent, goalPercent, direction, met }: FilterMatrix['machineSignalsFiltered']): string {
  const goal = `goal ${direction === 'at-least' ? 'at least' : 'at most'} ${goalPercent}%`;
  return percent === null ? `none posted; ${goal}` : `${count} of ${of} (${percent}%); ${goal}: ${met ? 'met' : 'not met'}`;
}

function filterSection(filter: FilterMatrix, model: BehaviourModel): string {
  const sources = [...model.engagement.imageProxies.map((p) => [`person-open-via-${p.id}`, p.source]), ...model.machines.map((m) => [m.id, m.source])];
  return `<h2>The machine filter against the truth</h2>
<p>The simulator knows who made every open and click it posted: the person, or one of the machines of the behaviour model (privacy proxies fetching the pixel, security gateways following every link, chat apps previewing a link a person pasted). The engagement function does not: it judges each one by its user agent, address and timing, scores a person's and keeps a machine's out of the score with the reason. This compares its verdicts with the truth.</p>
${table(
  [
    ['machine opens and clicks filtered', headlineText(filter.machineSignalsFiltered)],
    ["people's own opens and clicks filtered by mistake", headlineText(filter.peopleSignalsWronglyFiltered)],
  ],
  ['', 'this run'],
)}
<p>The first figure is how much of the machines' traffic stays out of the score: each one missed scores a lead for a visit nobody made. The second is how much of the people's real interest is thrown away: each one scores nothing it should have. The goals are the issue's; the filter is to reach them in a later change.</p>
${table(
  filter.rows.map((r) => [r.id, r.kind, r.posted, r.judgedHuman, r.filtered, r.judgedHuman + r.filtered ? `${Math.round((r.filtered / (r.judgedHuman + r.filtered)) * 1000) / 10}%` : '–', ...filter.reasons.map((reason) => r.filteredBy[reason] ?? 0)]),
  ['who made it', 'kind', 'posted', 'judged a person', 'filtered', 'filtered %', ...filter.reasons.map((reason) => `filtered: ${reason}`)],
)}
<p class="note">Every open and click posted is matched to the signal the lead keeps by its message, kind and moment: ${filter.posted} posted, ${filter.notStored} not stored, ${filter.unexpected} stored signals matching no posting.</p>
<details><summary>Where each behaviour comes from</summary>${table(sources, ['behaviour', 'source'])}</details>`;
}

const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 1000) / 10}%`);
const times = (lift: number | null, interval: { low: number; high: number } | null) =>
  lift === null ? '–' : `${lift.toFixed(2)}×${interval ? ` (${interval.low.toFixed(2)}–${interval.high.toFixed(2)})` : ''}`;
const hours = (h: number | null) => (h === null ? '–' : `${h} h`);

/** The planted run's findings, one sentence each, with whether each found what was planted. */
export function plantedFindingsText(report: PlantedSignalReport): string[] {
  const { strongestLift: strongest, uselessRule: useless, recallAtCapture: recall } = report.findings;
  const point = (p: typeof recall.shipped) => `at ${p.threshold}: ${p.hot} hot at capture, ${p.purchased} of them purchased (precision ${percent(p.precision)}), recall ${percent(p.recall)}`;
  return [
    `Strongest lift of the fit rules with a verdict: ${strongest.found ?? 'none'} ${times(strongest.lift, strongest.interval)}, ${strongest.verdict ?? 'no verdict'}; planted: ${strongest.expected}: ${strongest.passed ? 'found' : 'NOT found'}`,
    `The useless rule ${useless.rule}: ${times(useless.lift, useless.interval)}, ${useless.verdict ?? 'not measured'}: ${useless.passed ? 'as planted' : 'NOT as planted'}`,
    `Purchasers caught at capture: shipped ${point(recall.shipped)}; suggested, at the threshold whose workload is nearest, ${point(recall.suggested)}; ${percent(recall.baseRate)} of all leads purchased: ${recall.passed ? 'the suggestion catches more, at least as precisely' : 'the suggestion does NOT catch more at least as precisely'}`,
  ];
}

/** The rules that fired on some lead: those with a verdict, strongest first, then the others by name (for the text report and the HTML). */
export function plantedLiftRows(report: PlantedSignalReport): Array<[string, string, number, string, string, string, string]> {
  const judged = (l: PlantedSignalReport['lifts'][number]) => l.verdict !== 'not-enough-outcomes';
  const ordered = report.lifts.filter((l) => l.fired.leads > 0).sort((a, b) => Number(judged(b)) - Number(judged(a)) || (judged(a) ? (b.lift ?? 0) - (a.lift ?? 0) : a.id.localeCompare(b.id)));
  return ordered.map((l) => [l.id, l.kind, l.points, `${l.fired.purchased}/${l.fired.leads}`, `${l.notFired.purchased}/${l.notFired.leads}`, times(l.lift, l.interval), l.verdict]);
}

function plantedSection(report: PlantedSignalReport): string {
  const { backtest } = report;
  const fitted = report.suggestion.points.filter((p) => p.basis === 'fitted');
  return `<h2>Learning from outcomes, in a world with a planted signal</h2>
<p>Run with <code>--plant-signal</code>: people interested in ${esc(report.planted.interest)} become ready to buy within a year ${Math.round((report.planted.buyWithinYearShare.planted / report.planted.buyWithinYearShare.others) * 10) / 10} times as often as the others, and the ${esc(report.planted.uselessRule)} rule fires at random. Read back from the stored leads: ${report.leads} outcome leads (${report.skipped} skipped${report.skippedBecause.length ? `: ${esc(report.skippedBecause.join('; '))}` : ''}), ${backtest.purchasers} purchased.</p>
<ul>${plantedFindingsText(report).map((line) => `<li>${esc(line)}</li>`).join('')}</ul>
${table(plantedLiftRows(report), ['rule', 'kind', 'points now', 'purchased where it fired', 'where it did not', 'lift (95% interval)', 'verdict'])}
<p>The suggested model: hot at ${report.suggestion.thresholds.hot} (${esc(report.suggestion.thresholds.basis)}).</p>
${table(
  fitted.map((p) => [p.id, p.current, p.suggested, p.logOdds!.toFixed(2)]),
  ['rule (the others keep their points)', 'points now', 'suggested', 'log-odds'],
)}
${table(
  backtest.current.curve.map((point, i) => {
    const other = backtest.candidate.curve[i]!;
    return [point.threshold, point.hot, percent(point.precision), percent(point.recall), other.hot, percent(other.precision), percent(other.recall)];
  }),
  ['threshold', 'shipped: hot at capture', 'precision', 'recall', 'suggested: hot at capture', 'precision', 'recall'],
)}
<p>How long purchasers waited for sales, from capture: as it happened, median ${hours(backtest.actualWait.medianHours)} (${backtest.actualWait.notHandedOff} never handed off); replayed, the shipped model at ${backtest.current.threshold} median ${hours(backtest.current.replayedWait.medianHours)} (${backtest.current.replayedWait.notHandedOff} not hot before they bought), the suggestion at ${backtest.candidate.threshold} median ${hours(backtest.candidate.replayedWait.medianHours)} (${backtest.candidate.replayedWait.notHandedOff} not hot before they bought).</p>`;
}

function marketingReadsSection(figures: Figures): string {
  const { period, reads, partition } = figures.marketingReads;
  const costs = figures.awsCalls?.marketingReads;
  const costOf = (figure: string) => costs?.find((c) => c.figure === figure);
  return `<h2>Marketing reading the last quarter's figures</h2>
<p>At the end of the run a marketer signed in to the <code>marketing</code> group reads the figures of the run's last quarter, ${esc(period.from)} to ${esc(period.to)} (${period.days} days; the whole run when it is shorter), through the API as the desk does: the journey, the filter audit, the funnel and consent, one request each, after everything the run started has finished. ${costs ? 'Each read is measured alone: the SDK calls counted between its start and its end, by the marketing function (anything else that ran meanwhile is shown; nothing should). These reads are left out of the run\'s calls and cost.' : esc(notMeasuredText)}</p>
<ul>${reads.map((read) => `<li>${esc(readText(read, costOf(read.figure)))}</li>`).join('')}</ul>
${table(
  reads.map((read) => {
    const cost = costOf(read.figure);
    return [read.path, read.days, cost ? requestsText(cost.requests) : 'not measured', cost ? cost.readUnits : 'not measured', read.bytes, cost ? cost.ms : '–'];
  }),
  ['read', 'days', 'DynamoDB requests', 'read units', 'answer bytes', 'ms'],
)}
<p>The figures partition those reads query, one query per day (<code>PK=FIGURES#&lt;day&gt;</code>): ${esc(partitionText(partition))}${costs ? '' : ', as the table would hold them'}. At DynamoDB's rate for an eventually consistent query (half a unit per 4 KB of a day's items, rounded up per query, at least half a unit) reading every day once costs ${partition.queryReadUnits} read units${costs ? ' (DynamoDB Local, whose units the reads above report, charges a query that finds nothing no unit; DynamoDB charges it the minimum, half a unit)' : ''}. A day's items grow with the leads only until its tracks' steps, the sources and campaigns captured that day and the sample slots (five per filter reason) are filled.</p>`;
}

export function htmlReport(figures: Figures, counted: { cost: ReturnType<typeof import('./cost.ts').monthlyCostPer10k>; calls: ReturnType<typeof import('./cost.ts').callsPer> } | undefined, timings: Record<string, number>, model: BehaviourModel): string {
  const f = figures.funnel;
  const tips = Object.keys(figures.hotAfterCapture.byTipNumber).map(Number).sort((a, b) => a - b);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stoke simulation, seed ${figures.seed}</title>
<style>body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;color:#1a202c}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #cbd5e0;padding:3px 8px;text-align:right}th{background:#edf2f7}td:first-child{text-align:left}.note{color:#4a5568;font-size:.9em}</style></head><body>
<h1>Stoke simulation</h1>
<p>${figures.leads} synthetic leads, ${figures.weeks} weeks (${esc(figures.startAt)} to ${esc(figures.endAt)}), seed ${figures.seed}. Real handlers, ${figures.engine === 'memory' ? 'on the in-memory adapters, with the stack\'s routes, event rules and schedules' : 'DynamoDB Local, the SES emulator, the local bus and scheduler'} on a virtual clock. Run time ${seconds(timings.totalMs)} s: posting leads ${seconds(timings.captureMs)} s, moving the clock (schedules and what they start) ${seconds(timings.advanceMs)} s, people's email events ${seconds(timings.engagementMs)} s, reps at the sales desk ${seconds(timings.salesMs)} s, reading every lead back ${seconds(timings.readBackMs)} s, marketing's reads ${seconds(timings.marketingReadsMs)} s, start-up ${seconds(timings.startupMs)} s.</p>
${bars('Funnel', [
  ['captured', f.captured],
  ['hot at capture', f.capturedHot],
  ['received a tip', f.receivedTips],
  ['engaged (a person)', f.engagedByAPerson],
  ['handed to sales', f.handedToSales],
  ['contacted by a rep', f.contacted],
  ['purchased', f.purchased],
])}
<h2>With and without nurture</h2>
${table(
  [
    ['handed to sales', figures.withoutNurture.handedToSales, f.handedToSales],
    ['purchased', figures.withoutNurture.purchased, f.purchased],
  ],
  ['', 'no nurture (hot at capture only)', 'with nurture'],
)}
${bars('Leads that turned hot after capture, by number of tips received before', tips.map((t) => [`after tip ${t}`, figures.hotAfterCapture.byTipNumber[String(t)]!]), '#dd6b20')}
<p class="note">${figures.hotAfterCapture.leads} leads turned hot after capture; median day ${figures.hotAfterCapture.medianDay ?? '–'}.</p>
${columns(
  'Weekly volume',
  [
    { name: 'captured', colour: '#2b6cb0', values: figures.weekly.map((w) => w.captured) },
    { name: 'tips sent', colour: '#38a169', values: figures.weekly.map((w) => w.tips) },
    { name: 'handoffs', colour: '#dd6b20', values: figures.weekly.map((w) => w.handoffs) },
    { name: 'purchases', colour: '#805ad5', values: figures.weekly.map((w) => w.purchased) },
  ],
  figures.weekly.map((w) => `W${w.week}`),
)}
<h2>Final state of every lead</h2>
${table([...Object.entries(figures.finalStates), ['total', Object.values(figures.finalStates).reduce((a, b) => a + b, 0)]], ['state', 'leads'])}
<h2>Handoffs per rep</h2>
${table(Object.entries(figures.handoffsPerRep).map(([rep, r]) => [rep, r.handoffs, r.contacts, r.purchased]), ['rep', 'handoffs', 'contacts logged', 'purchased'])}
<p>First-contact deadline reminders: ${figures.deadlines.remindersSent}; escalations to the manager: ${figures.deadlines.escalations}.</p>
<h2>Email</h2>
${table(Object.entries(emailLabels).map(([key, label]) => [label, figures.email[key as keyof typeof emailLabels]]), ['', 'count'])}
${filterSection(figures.filter, model)}
${figures.plantedSignal ? plantedSection(figures.plantedSignal) : ''}
${marketingReadsSection(figures)}
${
  counted
    ? `<h2>AWS cost of 10,000 contacts a month (${esc(counted.cost.region)}, list prices read ${esc(counted.cost.pricesReadOn)})</h2>
${table([...counted.cost.lines.map((l) => [l.item, Math.round(l.usagePer10kMonthly), `$${l.usdPer10kMonthly.toFixed(4)}`]), ['total', '', `$${counted.cost.totalUsdPer10kMonthly.toFixed(2)}`]], ['item', 'usage / month', 'USD / month'])}
<p class="note">Assumptions: ${esc(counted.cost.assumptions.note)} No free tier. Contact-months covered: ${counted.cost.contactMonths} in ${figures.weeks} simulated weeks.</p>
<h2>AWS SDK calls</h2>
${table(Object.entries(counted.calls.perFunction).map(([fn, f]) => [fn, f.invocations, f.meanMs, f.sdkCalls, f.dynamodbRequests, f.writeUnits, f.readUnits]), ['function', 'invocations', 'mean ms', 'SDK calls / invocation', 'DynamoDB requests / invocation', 'write units / invocation', 'read units / invocation'])}
<p>SDK calls per lead overall: ${counted.calls.perLead}. Lambda invocations: ${figures.lambdaInvocations.total} (API ${figures.lambdaInvocations.api}, bus ${figures.lambdaInvocations.busDeliveries}, scheduled ${figures.lambdaInvocations.scheduled}). Dead letters: ${figures.deadLetters}.</p>
${table((figures.awsCalls?.total ?? []).map((c) => [`${c.service} ${c.operation}`, c.count, c.readUnits, c.writeUnits]), ['call', 'count', 'read units', 'write units'])}`
    : `<h2>AWS calls and cost</h2><p>Not counted: this run used the in-memory engine (<code>--engine memory</code>), whose adapters make no SDK calls. The DynamoDB engine, the default, counts every call and prices the run.</p><p>Lambda invocations: ${figures.lambdaInvocations.total}. Dead letters: ${figures.deadLetters}.</p>`
}
</body></html>`;
}
