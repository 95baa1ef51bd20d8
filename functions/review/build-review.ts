import type { SalesPolicy } from '../sales/sales-policy.ts';
import { rankFollowUp } from './follow-up-score.ts';
import { inProgressCategories, sumReconciliations } from './lead-categories.ts';
import { leadHygiene } from './lead-hygiene.ts';
import { groupLeads, weekOf } from './lead-facts.ts';
import { marketingFunnel } from './marketing-funnel.ts';
import { reviewRep } from './rep-review.ts';
import type { ReviewInput, ReviewLead } from './review-input.ts';
import { reviewTerritories } from './territory-review.ts';
import type { WeeklyReview } from './weekly-review.ts';

export type { WeeklyReview } from './weekly-review.ts';

/**
 * The weekly lead review: for every rep, where each lead they received and
 * each lead they own stands (purchased, not interested, or in progress by
 * what holds the customer back), adding up exactly; how they followed up;
 * the territories against quota; marketing's funnel; and the clutter to
 * clean up. `now` is when the review is made: staleness counts up to it.
 */
export function buildWeeklyReview(input: ReviewInput, policy: SalesPolicy, now: Date): WeeklyReview {
  const week = weekOf(input.week);
  const categories = inProgressCategories(policy);
  const owned = distinct(input.ownedLeads);
  const everyLead = distinct([...owned, ...input.capturedLeads]);
  const byOwner = groupLeads(owned, (lead) => lead.ownerRepId);
  const context = { weekId: input.week.id, week, now, policy, categories, focus: input.focus, previous: input.previous };
  const reps = [...input.reps]
    .sort((a, b) => a.name.localeCompare(b.name) || a.repId.localeCompare(b.repId))
    .map((rep) => reviewRep(rep, byOwner.get(rep.repId) ?? [], context));
  const ofReps = reps.reduce((sum, rep) => sum + rep.owned.total, 0);
  const ofQueues = owned.filter((lead) => !lead.ownerRepId && lead.ownerQueue).length;
  return {
    week: { ...input.week, timeZone: policy.review.timeZone },
    generatedAt: now.toISOString(),
    categories,
    previousWeek: input.previous?.week ?? null,
    reps,
    ...rankFollowUp(reps),
    team: {
      received: sumReconciliations(reps.map((rep) => rep.received), categories),
      owned: sumReconciliations(reps.map((rep) => rep.owned), categories),
      contacts: reps.reduce((sum, rep) => sum + rep.done.contacts, 0),
    },
    accounting: { ownedLeads: owned.length, ofReps, ofQueues, ofUnknownOwners: owned.length - ofReps - ofQueues },
    territories: reviewTerritories(input.reps, input.capturedLeads, policy),
    funnel: marketingFunnel(input.capturedLeads, everyLead, week),
    hygiene: leadHygiene(input.reps, owned, everyLead, policy, now),
  };
}

/** What next week's review compares with (ReviewInput.previous): store it with the report. */
export function reviewSummary(review: WeeklyReview): NonNullable<ReviewInput['previous']> {
  return {
    week: review.week.id,
    perRep: review.reps.map(({ repId, received, done }) => ({
      repId,
      received: received.total,
      purchased: received.purchased,
      notInterested: received.notInterested,
      inProgress: received.inProgress,
      contacts: done.contacts,
    })),
  };
}

// The lists are read by owner, one query each: a lead reassigned while they run can come back
// under both owners. Counting it twice would break the reconciliation; its latest version wins.
function distinct(leads: readonly ReviewLead[]): ReviewLead[] {
  const latest = new Map<string, ReviewLead>();
  for (const lead of leads) {
    const seen = latest.get(lead.leadId);
    if (!seen || Date.parse(lead.updatedAt) > Date.parse(seen.updatedAt)) latest.set(lead.leadId, lead);
  }
  return [...latest.values()];
}
