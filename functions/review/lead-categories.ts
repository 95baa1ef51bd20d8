import { awaitingFirstContact, notCategorised, type SalesPolicy } from '../sales/sales-policy.ts';
import type { ReviewLead } from './review-input.ts';
import type { Outcome, Reconciliation } from './weekly-review.ts';

export type Category = { id: string; label: string };

/** The in-progress categories in the order the review shows them. */
export function inProgressCategories(policy: SalesPolicy): Category[] {
  return [awaitingFirstContact, ...policy.holdBackCategories, notCategorised];
}

/**
 * The one outcome, and for open leads the one category, a lead is counted in.
 * Nobody has spoken to a lead without a first contact, whatever else it
 * carries; a hold-back the policy no longer lists needs a current one, so it
 * counts as not categorised rather than disappearing from the totals.
 */
export function classify(lead: ReviewLead, holdBacks: ReadonlySet<string>): { outcome: Outcome; category: string | null } {
  if (lead.status === 'purchased') return { outcome: 'purchased', category: null };
  if (lead.status === 'not-interested') return { outcome: 'not-interested', category: null };
  if (lead.firstContactAt === undefined) return { outcome: 'in-progress', category: awaitingFirstContact.id };
  if (lead.holdBack !== undefined && holdBacks.has(lead.holdBack)) return { outcome: 'in-progress', category: lead.holdBack };
  return { outcome: 'in-progress', category: notCategorised.id };
}

/** Counts classified leads so that the parts always add up to the total. */
export function reconcile(leads: ReadonlyArray<{ outcome: Outcome; category: string | null }>, categories: readonly Category[]): Reconciliation {
  const count = (outcome: Outcome) => leads.filter((lead) => lead.outcome === outcome).length;
  return {
    total: leads.length,
    purchased: count('purchased'),
    notInterested: count('not-interested'),
    inProgress: count('in-progress'),
    inProgressBy: categories.map(({ id, label }) => ({ id, label, count: leads.filter((lead) => lead.category === id).length })),
  };
}

/** Adds reconciliations of the same categories, for a team's figures. */
export function sumReconciliations(parts: readonly Reconciliation[], categories: readonly Category[]): Reconciliation {
  const sum = (pick: (part: Reconciliation) => number) => parts.reduce((total, part) => total + pick(part), 0);
  return {
    total: sum((part) => part.total),
    purchased: sum((part) => part.purchased),
    notInterested: sum((part) => part.notInterested),
    inProgress: sum((part) => part.inProgress),
    inProgressBy: categories.map(({ id, label }) => ({ id, label, count: sum((part) => part.inProgressBy.find((entry) => entry.id === id)?.count ?? 0) })),
  };
}
