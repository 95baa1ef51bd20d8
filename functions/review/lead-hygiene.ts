import type { SalesPolicy } from '../sales/sales-policy.ts';
import { suspectedDuplicates } from './duplicate-leads.ts';
import { daysSince, leadRef, notClosed } from './lead-facts.ts';
import type { ReviewInput, ReviewLead } from './review-input.ts';
import type { Hygiene, OrphanReason, OwnerOf } from './weekly-review.ts';

/**
 * What clutters the pipeline, so that "look how many leads we have" stays
 * true: open leads nobody touched for a month, open leads no active rep is
 * accountable for, and leads (owned or just captured) that are probably one person.
 */
export function leadHygiene(roster: ReviewInput['reps'], owned: readonly ReviewLead[], allLeads: readonly ReviewLead[], policy: SalesPolicy, now: Date): Hygiene {
  const reps = new Map(roster.map((rep) => [rep.repId, rep]));
  const ownerOf = (lead: ReviewLead): OwnerOf => {
    if (lead.ownerRepId) return { owner: reps.get(lead.ownerRepId)?.name ?? lead.ownerRepId, ownerRepId: lead.ownerRepId };
    return { owner: lead.ownerQueue ? `queue:${lead.ownerQueue}` : null, ownerRepId: null };
  };
  const open = owned.filter(notClosed);
  const afterDays = policy.review.hygiene.staleAfterDays;
  return {
    stale: open
      .map((lead) => ({ ...leadRef(lead), ...ownerOf(lead), since: lead.updatedAt, days: daysSince(lead.updatedAt, now) }))
      .filter((lead) => lead.days >= afterDays)
      .sort((a, b) => Date.parse(a.since) - Date.parse(b.since) || a.leadId.localeCompare(b.leadId)),
    orphaned: open.flatMap((lead) => {
      const reason = orphanReason(lead, reps);
      return reason ? [{ ...leadRef(lead), ...ownerOf(lead), reason }] : [];
    }),
    duplicates: suspectedDuplicates(allLeads, ownerOf),
  };
}

/** Why no active rep is accountable for the lead, or undefined when one is. */
function orphanReason(lead: ReviewLead, reps: ReadonlyMap<string, { active: boolean }>): OrphanReason | undefined {
  if (lead.ownerRepId) {
    const rep = reps.get(lead.ownerRepId);
    if (!rep) return 'unknown-rep';
    return rep.active ? undefined : 'inactive-rep';
  }
  return lead.ownerQueue ? 'queue' : 'unknown-rep';
}
