import type { EngagementRules } from '../engagement/engagement-rules.ts';
import type { NetworkList } from '../engagement/networks/network-lists.ts';
import type { DayFigures } from './figure-store.ts';
import { byPrefix, rate, sumItems } from './figure-sums.ts';
import { type Period, weekOfDay } from './period.ts';
import { items, type JudgedSignal } from './tallies.ts';

export type SignalCounts = { total: number; human: number; filtered: number; filteredShare: number | null; byReason: Record<string, number> };
export type AuditWeek = { week: string; opens: SignalCounts; clicks: SignalCounts };

export type FilterAudit = {
  period: Period;
  totals: { opens: SignalCounts; clicks: SignalCounts };
  weeks: AuditWeek[];
  /** Raw events behind each reason, newest first: what the filter saw and what it said. */
  samples: Record<string, JudgedSignal[]>;
  /** The rules the filter applies, as the data they are. */
  thresholds: EngagementRules['machine'];
  rulesVersion: string;
  /** The published networks the filter knows, as data: whose, what kind, since when, how complete. */
  networks: Array<{ id: string; owner: string; kind: string; appliesTo: readonly string[]; fetchedAt: string; complete: boolean; ranges: number; source: string }>;
};

const samplesShown = 10;

/**
 * Every open and click of the period by the filter's verdict: a person's,
 * or a machine's and why, per week and in total, with samples of the raw
 * events behind each reason and the thresholds that decided them.
 */
export function filterAudit(period: Period, days: readonly DayFigures[], rules: EngagementRules, networks: readonly NetworkList[]): FilterAudit {
  const weekly = sumItems(days, (item, day) => (item === items.filter ? weekOfDay(day) : undefined));
  const total = sumItems(days, (item) => (item === items.filter ? 'total' : undefined)).get('total') ?? {};
  return {
    period,
    totals: { opens: signalCounts(total, 'open'), clicks: signalCounts(total, 'click') },
    weeks: [...weekly].sort(([a], [b]) => a.localeCompare(b)).map(([week, counts]) => ({ week, opens: signalCounts(counts, 'open'), clicks: signalCounts(counts, 'click') })),
    samples: samplesOf(days),
    thresholds: rules.machine,
    rulesVersion: rules.version,
    networks: networks.map((list) => ({
      id: list.id,
      owner: list.owner,
      kind: list.kind,
      appliesTo: list.appliesTo,
      fetchedAt: list.fetchedAt,
      complete: list.complete,
      ranges: list.cidrs.length,
      source: list.source.url,
    })),
  };
}

function signalCounts(counts: Record<string, number>, type: 'open' | 'click'): SignalCounts {
  const { human = 0, ...byReason } = byPrefix(counts, type);
  const filtered = Object.values(byReason).reduce((sum, value) => sum + value, 0);
  return { total: human + filtered, human, filtered, filteredShare: rate(filtered, human + filtered), byReason };
}

function samplesOf(days: readonly DayFigures[]): Record<string, JudgedSignal[]> {
  const byReason: Record<string, JudgedSignal[]> = {};
  for (const { samples } of days) {
    for (const sample of Object.values(samples)) {
      const signal = JSON.parse(sample) as JudgedSignal;
      (byReason[signal.reason ?? 'machine'] ??= []).push(signal);
    }
  }
  for (const [reason, signals] of Object.entries(byReason)) byReason[reason] = signals.sort((a, b) => b.at.localeCompare(a.at)).slice(0, samplesShown);
  return byReason;
}
