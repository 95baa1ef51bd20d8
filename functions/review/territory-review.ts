import type { SalesPolicy } from '../sales/sales-policy.ts';
import { groupLeads } from './lead-facts.ts';
import type { ReviewInput, ReviewLead } from './review-input.ts';
import type { TerritoryReview, TerritoryVerdict } from './weekly-review.ts';

type Rep = ReviewInput['reps'][number];
type Territory = { key: string; country: string; region: string | null; reps: Array<{ repId: string; name: string }> };

const elsewhere = 'elsewhere';

/**
 * Whether marketing delivers what each territory's reps need to meet their
 * numbers: the week's captured leads (raw inquiries, and those that turned
 * hot) against expectedSalesPerRepPerWeek × the active reps covering it ×
 * inquiriesPerSale (or qualifiedPerSale). Leads are placed as routing places
 * them: a territory naming their region, else their whole country, else the
 * reps without a territory ("Other countries"). The verdict follows the
 * weaker of the two ratios, since raw inquiries that never turn hot do not
 * feed the reps.
 */
export function reviewTerritories(reps: readonly Rep[], captured: readonly ReviewLead[], policy: SalesPolicy): TerritoryReview[] {
  const active = reps.filter((rep) => rep.active);
  const territories = territoriesOf(active);
  const generalists = active.filter((rep) => rep.territories.length === 0).map(({ repId, name }) => ({ repId, name }));
  const leadsOf = groupLeads(captured, (lead) => placeOf(lead, territories));
  const rows = [...territories.values()].sort(byPlace).map((territory) => row(territory, leadsOf.get(territory.key) ?? [], policy));
  const other = leadsOf.get(elsewhere) ?? [];
  if (other.length > 0 || generalists.length > 0) rows.push(row({ key: elsewhere, country: '', region: null, reps: generalists }, other, policy));
  return rows;
}

function territoriesOf(reps: readonly Rep[]): Map<string, Territory> {
  const territories = new Map<string, Territory>();
  for (const rep of reps) {
    for (const { country, region } of rep.territories) {
      const key = keyOf(country, region);
      const territory = territories.get(key) ?? { key, country, region: region ?? null, reps: [] };
      if (!territory.reps.some(({ repId }) => repId === rep.repId)) territory.reps.push({ repId: rep.repId, name: rep.name });
      territories.set(key, territory);
    }
  }
  return territories;
}

function placeOf(lead: ReviewLead, territories: ReadonlyMap<string, Territory>): string {
  if (!lead.country) return elsewhere;
  const regional = lead.region ? keyOf(lead.country, lead.region) : undefined;
  if (regional && territories.has(regional)) return regional;
  return territories.has(keyOf(lead.country)) ? keyOf(lead.country) : elsewhere;
}

// Regions are compared ignoring case, as routing compares them.
function keyOf(country: string, region?: string | null): string {
  return region ? `${country.toUpperCase()}/${region.trim().toLowerCase()}` : country.toUpperCase();
}

function row(territory: Territory, leads: readonly ReviewLead[], policy: SalesPolicy): TerritoryReview {
  const { inquiriesPerSale, qualifiedPerSale, expectedSalesPerRepPerWeek } = policy.review.quota;
  const sales = expectedSalesPerRepPerWeek * territory.reps.length;
  const counts = {
    inquiries: leads.length,
    inquiriesNeeded: tenths(sales * inquiriesPerSale),
    qualified: leads.filter((lead) => lead.hotEpisode >= 1).length,
    qualifiedNeeded: tenths(sales * qualifiedPerSale),
  };
  const isElsewhere = territory.key === elsewhere;
  return {
    country: isElsewhere ? null : territory.country,
    region: territory.region,
    label: isElsewhere ? 'Other countries' : [territory.country, territory.region].filter(Boolean).join(' · '),
    reps: [...territory.reps].sort((a, b) => a.name.localeCompare(b.name)),
    ...counts,
    verdict: verdictOf(counts, territory.reps.length, policy.review.quota.onTargetWithin),
  };
}

function verdictOf(counts: Pick<TerritoryReview, 'inquiries' | 'inquiriesNeeded' | 'qualified' | 'qualifiedNeeded'>, reps: number, within: number): TerritoryVerdict {
  if (reps === 0) return 'uncovered';
  const ratio = Math.min(counts.inquiries / counts.inquiriesNeeded, counts.qualified / counts.qualifiedNeeded);
  if (ratio < 1 - within) return 'under-served';
  return ratio > 1 + within ? 'over-delivering' : 'on-target';
}

function byPlace(a: Territory, b: Territory): number {
  return a.country.localeCompare(b.country) || (a.region ?? '').localeCompare(b.region ?? '');
}

// Fractional quotas (half a sale a week) would otherwise print as 7.499999999.
function tenths(value: number): number {
  return Math.round(value * 10) / 10;
}
