import { sourceOf } from '../marketing/tallies.ts';
import { average, groupLeads, inWeek, type Week } from './lead-facts.ts';
import type { ReviewLead } from './review-input.ts';
import type { FunnelStage, FunnelStageId, MarketingFunnel } from './weekly-review.ts';

// Not strictly nested: a lead captured hot skips nurture, so "Turned hot" can outnumber "Nurtured".
const stages: ReadonlyArray<{ id: FunnelStageId; label: string; holds: (lead: ReviewLead) => boolean }> = [
  { id: 'captured', label: 'Captured', holds: () => true },
  { id: 'warm', label: 'Warm or hot at capture', holds: (lead) => lead.capturedTemperature !== 'cold' },
  { id: 'nurtured', label: 'Nurtured', holds: (lead) => lead.nurtured },
  { id: 'hot', label: 'Turned hot', holds: (lead) => lead.hotEpisode >= 1 },
  { id: 'handed-off', label: 'Handed to sales', holds: (lead) => lead.assignedAt !== undefined },
  { id: 'purchased', label: 'Purchased', holds: (lead) => lead.status === 'purchased' },
];

/**
 * The week's captured leads as marketing sees them, overall, by source and by
 * campaign; and, for the leads handed to sales during the week after nurture
 * tips, which tip came last before they turned hot.
 */
export function marketingFunnel(captured: readonly ReviewLead[], allLeads: readonly ReviewLead[], week: Week): MarketingFunnel {
  return {
    stages: funnelOf(captured),
    bySource: breakdown(captured, (lead) => sourceOf(lead.source).source),
    byCampaign: breakdown(captured, (lead) => sourceOf(lead.source).campaign),
    tipsBeforeHot: tipsBeforeHot(allLeads.filter((lead) => inWeek(lead.assignedAt, week) && lead.hotEpisode >= 1 && lead.tipsBeforeHot.length > 0)),
  };
}

function funnelOf(leads: readonly ReviewLead[]): FunnelStage[] {
  const counts = stages.map((stage) => leads.filter(stage.holds).length);
  return stages.map(({ id, label }, index) => ({
    id,
    label,
    count: counts[index]!,
    ofCaptured: share(counts[index]!, counts[0]!),
    fromPrevious: index === 0 ? null : share(counts[index]!, counts[index - 1]!),
  }));
}

function breakdown(leads: readonly ReviewLead[], keyOf: (lead: ReviewLead) => string): MarketingFunnel['bySource'] {
  return [...groupLeads(leads, keyOf)]
    .sort(([a, one], [b, other]) => other.length - one.length || a.localeCompare(b))
    .map(([key, members]) => ({ key, stages: funnelOf(members) }));
}

// Handoff follows the turn to hot at once, so the week's handoffs are the week's turns.
function tipsBeforeHot(leads: readonly ReviewLead[]): MarketingFunnel['tipsBeforeHot'] {
  const lastTips = new Map<string, number>();
  for (const lead of leads) {
    const last = lead.tipsBeforeHot.at(-1)!;
    lastTips.set(last, (lastTips.get(last) ?? 0) + 1);
  }
  return {
    leads: leads.length,
    averageTips: average(leads.map((lead) => lead.tipsBeforeHot.length)),
    lastTips: [...lastTips].sort(([a, one], [b, other]) => other - one || a.localeCompare(b)).map(([templateId, count]) => ({ templateId, count })),
  };
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
