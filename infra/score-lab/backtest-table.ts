import type { ModelBacktest, Wait } from '../../functions/learning/backtest.ts';
import type { BacktestAnswer } from '../../functions/learning/score-lab.ts';
import { isWeekId, weekBounds } from '../../functions/review/iso-week.ts';

/*
 * What `npm run score:backtest` prints: the two models side by side, as a
 * marketer reads them, then precision and recall of "hot" at every threshold.
 */

const percent = (share: number | null) => (share === null ? '–' : `${(share * 100).toFixed(1)}%`);
const hours = (value: number | null) => (value === null ? '–' : value < 48 ? `${value.toFixed(1)} h` : `${(value / 24).toFixed(1)} days`);
const waitOf = (wait: Wait) => (wait.purchasers === 0 ? 'no purchasers' : `${hours(wait.medianHours)} median, ${hours(wait.meanHours)} mean; ${wait.notHandedOff} of ${wait.purchasers} never`);

/** An ISO week (`2026-W20`) as its Monday or Sunday, a date as itself: the API takes days. */
export function dayOf(value: string, end: 'from' | 'to'): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  if (!isWeekId(value)) throw new Error(`--${end} must be an ISO week that exists, such as 2026-W20, or a date such as 2026-05-11, not "${value}"`);
  const { start, end: next } = weekBounds(value, 'UTC');
  return (end === 'from' ? start : new Date(next.getTime() - 86_400_000)).toISOString().slice(0, 10);
}

export function backtestTable(answer: BacktestAnswer): string {
  const { backtest, period } = answer;
  const { current, candidate } = backtest;
  const rows: Array<[string, (side: ModelBacktest) => string]> = [
    ['hot threshold', (side) => String(side.threshold)],
    ['hot at capture', (side) => String(side.hotAtCapture)],
    ['  of them purchased', (side) => String(side.purchasedOfHot)],
    ['purchasers left warm (missed)', (side) => String(side.missedPurchasers)],
    ['precision of hot', (side) => percent(side.precision)],
    ['recall of purchasers', (side) => percent(side.recall)],
    ['wait for a handoff (replayed)', (side) => waitOf(side.replayedWait)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const column = Math.max(24, ...rows.flatMap(([, cell]) => [cell(current).length, cell(candidate).length]));
  const line = (label: string, a: string, b: string) => `${label.padEnd(width)}  ${a.padEnd(column)}  ${b}`;
  const curve = current.curve.map((point, i) => {
    const other = candidate.curve[i]!;
    return `${String(point.threshold).padStart(9)}  ${`${percent(point.precision)} / ${percent(point.recall)} (${point.hot} hot)`.padEnd(30)}  ${percent(other.precision)} / ${percent(other.recall)} (${other.hot} hot)`;
  });
  return [
    `Leads captured ${period.from} to ${period.to}: ${answer.leads} read${answer.skipped.length ? `, ${answer.skipped.length} skipped (${answer.skipped.map((s) => s.reason).join('; ')})` : ''}; ${backtest.purchasers} purchased, ${backtest.outcomes['not-interested']} not interested, ${backtest.outcomes['in-progress']} in progress, ${backtest.outcomes.none} without an outcome.`,
    `As it happened, the wait for a handoff: ${waitOf(backtest.actualWait)}.`,
    '',
    line('', `current (${current.version})`, `candidate (${candidate.version})`),
    ...rows.map(([label, cell]) => line(label, cell(current), cell(candidate))),
    '',
    'Precision / recall of "hot" at each threshold:',
    `threshold  ${'current'.padEnd(30)}  candidate`,
    ...curve,
    '',
    'Nothing was applied: shipping a model is a change to functions/scoring/ and a deploy.',
  ].join('\n');
}
