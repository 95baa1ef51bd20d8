import { csvLines } from '../platform/csv.ts';
import type { DayFigures } from './figure-store.ts';
import { rate, sumItems } from './figure-sums.ts';
import type { Period } from './period.ts';
import { type FunnelStage, funnelStages } from './tallies.ts';

export type FunnelStageId = 'captured' | 'warm' | FunnelStage;
export const stageLabels: Record<FunnelStageId, string> = {
  captured: 'Captured',
  warm: 'Warm or hot at capture',
  nurtured: 'Nurtured',
  hot: 'Hot, at capture or later',
  'handed-off': 'Handed to sales',
  contacted: 'Contacted by sales',
  purchased: 'Purchased',
};

export type FunnelCell = {
  id: FunnelStageId;
  count: number;
  ofCaptured: number | null;
  fromPrevious: number | null;
  /** Average days from capture to reaching the stage, for the leads that reached it. */
  daysFromCapture: number | null;
};
export type FunnelRow = { source: string; campaign: string; stages: FunnelCell[] };
export type Funnel = { period: Period; note: string; stages: Array<{ id: FunnelStageId; label: string }>; total: FunnelRow; rows: FunnelRow[] };

/**
 * The leads captured in the period, by source and campaign, and how far each
 * cohort got since: a stage counts each lead once, whenever it reached it.
 * Stages are not strictly nested (a lead captured hot skips nurture).
 */
export function funnel(period: Period, days: readonly DayFigures[]): Funnel {
  const sums = sumItems(days, (item) => (item.startsWith('source#') ? item : undefined));
  const rows = [...sums].map(([item, counts]) => {
    const [, source = '', campaign = ''] = item.split('#');
    return { source: decodeURIComponent(source), campaign: decodeURIComponent(campaign), stages: cells(counts) };
  });
  const all = sumItems(days, (item) => (item.startsWith('source#') ? 'all' : undefined)).get('all') ?? {};
  return {
    period,
    note: 'Leads captured in the period, followed to today. Days from capture: the average for the leads that reached the stage. Nurtured and turned hot have no share of the stage before: cold leads are nurtured without being warm, and leads captured hot go to sales without being nurtured.',
    stages: (Object.keys(stageLabels) as FunnelStageId[]).map((id) => ({ id, label: stageLabels[id] })),
    total: { source: 'All sources', campaign: 'All campaigns', stages: cells(all) },
    rows: rows.sort((a, b) => b.stages[0]!.count - a.stages[0]!.count || a.source.localeCompare(b.source) || a.campaign.localeCompare(b.campaign)),
  };
}

function cells(counts: Record<string, number>): FunnelCell[] {
  const count = (name: string) => counts[name] ?? 0;
  const captured = count('captured');
  const values: Array<[FunnelStageId, number, number | null]> = [
    ['captured', captured, 0],
    ['warm', count('captured:warm') + count('captured:hot'), 0],
    ...funnelStages.map((stage): [FunnelStageId, number, number | null] => [stage, count(stage), rate(count(`${stage}:hoursFromCapture`), count(stage) * 24)]),
  ];
  return values.map(([id, value, days], index) => ({
    id,
    count: value,
    ofCaptured: rate(value, captured),
    fromPrevious: index === 0 || skippable.has(id) ? null : rate(value, values[index - 1]![1]),
    daysFromCapture: days,
  }));
}

// Stages a lead may reach without the one before: cold leads are nurtured without being warm, and
// leads captured hot turn hot without being nurtured. A share of the stage before would mislead there.
const skippable = new Set<FunnelStageId>(['nurtured', 'hot']);

/** The funnel as CSV: one line per source and campaign, the total first; counts, shares of captured and days from capture. */
export function funnelCsv({ stages, total, rows }: Funnel): string {
  const header = ['Source', 'Campaign', ...stages.flatMap(({ label }) => [label, `${label}: % of captured`, `${label}: days from capture`])];
  const line = (row: FunnelRow) => [row.source, row.campaign, ...row.stages.flatMap((cell) => [cell.count, round(cell.ofCaptured, 100), round(cell.daysFromCapture, 1)])];
  return csvLines([header, line(total), ...rows.map(line)]);
}

function round(value: number | null, scale: number): number | null {
  return value === null ? null : Math.round(value * scale * 10) / 10;
}
