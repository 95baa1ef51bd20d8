import type { BusinessHours } from '../routing/business-time.ts';
import type { LeadStore } from '../leads/lead-store.ts';
import type { RepStore } from '../reps/rep-store.ts';
import { defaultRoutingPolicy } from '../routing/default-policy.ts';
import type { SalesPolicy } from '../sales/sales-policy.ts';
import { buildWeeklyReview } from './build-review.ts';
import { isoWeekOf, weekBounds } from './iso-week.ts';
import type { ReviewInput } from './review-input.ts';
import { reviewLead } from './review-lead.ts';
import type { ReviewSnapshots } from './review-store.ts';
import type { WeeklyReview } from './weekly-review.ts';

export type ReviewDeps = {
  leads: LeadStore;
  reps: RepStore;
  snapshots: ReviewSnapshots;
  policy: SalesPolicy;
  /** The routing policy's first-contact business hours: speed to lead runs on the deadlines' clock. */
  businessHours: BusinessHours | undefined;
  timeZone: string;
  now(): Date;
};

/**
 * Builds one week's review from queries: each rep's leads (by owner), the
 * fallback queue's, and the leads captured on each day of the week. The
 * cost grows with the leads the review covers, never with the table.
 */
export async function loadWeeklyReview(weekId: string, deps: ReviewDeps): Promise<WeeklyReview> {
  const { start, end } = weekBounds(weekId, deps.timeZone);
  const week = { id: weekId, start: start.toISOString(), end: end.toISOString() };
  const reps = await deps.reps.list();
  const owners = [...reps.map((rep) => rep.repId), `queue:${defaultRoutingPolicy.fallback.queue}`];
  const owned = (await Promise.all(owners.map((owner) => deps.leads.ownedBy(owner)))).flat();
  const captured = await deps.leads.capturedBetween(week.start, week.end);
  const focus = (await Promise.all(reps.map((rep) => deps.reps.focusOf(rep.repId, weekId)))).flatMap((found) => (found ? [{ repId: found.repId, week: found.week, items: found.items, setBy: found.setBy }] : []));
  const previous = await deps.snapshots.get(isoWeekOf(new Date(start.getTime() - 86_400_000), deps.timeZone));
  const input: ReviewInput = {
    week,
    reps: reps.map(({ version, ...rep }) => rep),
    ownedLeads: owned.filter((lead) => !lead.mergedInto).map((lead) => reviewLead(lead, week)),
    capturedLeads: captured.filter((lead) => !lead.mergedInto).map((lead) => reviewLead(lead, week)),
    focus,
    ...(deps.businessHours ? { businessHours: deps.businessHours } : {}),
    ...(previous ? { previous } : {}),
  };
  return buildWeeklyReview(input, deps.policy, deps.now());
}
