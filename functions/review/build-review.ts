import type { SalesPolicy } from '../sales/sales-policy.ts';
import { rankFollowUp } from './follow-up-score.ts';
import { inProgressCategories, sumReconciliations } from './lead-categories.ts';
import { leadHygiene } from './lead-hygiene.ts';
import { daysSince, groupLeads, inWeek, leadRef, notClosed, weekOf, type Week } from './lead-facts.ts';
import { marketingFunnel } from './marketing-funnel.ts';
import { planReviews, sumTouches } from './plan-review.ts';
import { reviewRep } from './rep-review.ts';
import type { ReviewInput, ReviewLead } from './review-input.ts';
import { firstContactMinutes, pooledSpeedToLead, responseClock } from './speed-to-lead.ts';
import { reviewTerritories } from './territory-review.ts';
import type { MissedDeadline, ParkedLead, WeeklyReview } from './weekly-review.ts';

export type { WeeklyReview } from './weekly-review.ts';

/**
 * The weekly lead review: for every rep, where each lead they received and
 * each lead they own stands (purchased, not interested, or in progress by
 * what holds the customer back), adding up exactly; how they followed up and
 * how fast they answered (speed to lead, per rep, team and roster); the leads
 * parked with managers; how the reps kept to their leads' contact plans and
 * how far each plan takes its leads; the territories against quota;
 * marketing's funnel; and the clutter to clean up. `now` is when the review
 * is made: staleness and overdue steps count up to it.
 */
export function buildWeeklyReview(input: ReviewInput, policy: SalesPolicy, now: Date): WeeklyReview {
  const week = weekOf(input.week);
  const categories = inProgressCategories(policy);
  const owned = distinct(input.ownedLeads);
  const everyLead = distinct([...owned, ...input.capturedLeads]);
  const byOwner = groupLeads(owned, (lead) => lead.ownerRepId);
  const names = new Map(input.reps.map((rep) => [rep.repId, rep.name]));
  const missedElsewhere = groupMissed(everyLead, week, names);
  const context = { weekId: input.week.id, week, now, policy, categories, focus: input.focus, previous: input.previous };
  const reviewed = [...input.reps]
    .sort((a, b) => a.name.localeCompare(b.name) || a.repId.localeCompare(b.repId))
    .map((rep) => {
      const leads = byOwner.get(rep.repId) ?? [];
      const minutes = firstContactMinutes(leads, week, responseClock(input.businessHours, rep.timezone));
      return { minutes, review: reviewRep(rep, leads, context, { firstContactMinutes: minutes, missedElsewhere: missedElsewhere.get(rep.repId) ?? [] }) };
    });
  const reps = reviewed.map(({ review }) => review);
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
      touches: sumTouches(reps.map((rep) => rep.touches)),
      overdueSteps: reps.reduce((sum, rep) => sum + rep.overdueSteps.length, 0),
    },
    accounting: { ownedLeads: owned.length, ofReps, ofQueues, ofUnknownOwners: owned.length - ofReps - ofQueues },
    speedToLead: speedOfTeams(reviewed, input.businessHours),
    parked: parkedLeads(everyLead, now),
    territories: reviewTerritories(input.reps, input.capturedLeads, policy),
    plans: planReviews(everyLead),
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

function speedOfTeams(reviewed: ReadonlyArray<{ minutes: number[]; review: WeeklyReview['reps'][number] }>, businessHours: ReviewInput['businessHours']): WeeklyReview['speedToLead'] {
  const pool = (members: typeof reviewed) => pooledSpeedToLead(members.map(({ minutes, review }) => ({ minutes, deadlines: review.deadlines })));
  const teams = [...new Set(reviewed.map(({ review }) => review.team))].sort((a, b) => a.localeCompare(b));
  return {
    clock: businessHours ? 'business' : 'calendar',
    businessHours: businessHours ?? null,
    teams: teams.map((team) => {
      const members = reviewed.filter(({ review }) => review.team === team);
      return { team, reps: members.length, ...pool(members) };
    }),
    total: pool(reviewed),
  };
}

/**
 * The deadlines missed during the week on leads since taken away, by the
 * rep who missed them (`ownerId`; a queue's misses are nobody's). Each lead
 * is read once, in its latest version, whoever holds it now.
 */
function groupMissed(leads: readonly ReviewLead[], week: Week, names: ReadonlyMap<string, string>): Map<string, MissedDeadline[]> {
  const byRep = new Map<string, MissedDeadline[]>();
  for (const lead of leads) {
    for (const missed of lead.missedDeadlines ?? []) {
      if (!inWeek(missed.deadlineAt, week)) continue;
      const entry = { ...leadRef(lead), deadlineAt: missed.deadlineAt, firstContactAt: null, closedWithoutContact: false, nowWith: holderOf(lead, names) };
      byRep.set(missed.ownerId, [...(byRep.get(missed.ownerId) ?? []), entry]);
    }
  }
  return byRep;
}

function holderOf(lead: ReviewLead, names: ReadonlyMap<string, string>): NonNullable<MissedDeadline['nowWith']> {
  if (lead.ownerRepId) return { owner: names.get(lead.ownerRepId) ?? lead.ownerRepId, parked: false };
  if (lead.parked && lead.ownerNotifyEmail) return { owner: lead.ownerNotifyEmail, parked: true };
  return { owner: lead.ownerQueue ? `queue:${lead.ownerQueue}` : 'nobody', parked: false };
}

// Parked leads wait for a manager's decision: listed until the manager assigns or closes them.
function parkedLeads(leads: readonly ReviewLead[], now: Date): ParkedLead[] {
  return leads
    .filter((lead) => lead.parked && notClosed(lead) && lead.ownerQueue !== undefined && lead.ownerNotifyEmail !== undefined && lead.assignedAt !== undefined)
    .map((lead) => ({
      ...leadRef(lead),
      managerEmail: lead.ownerNotifyEmail!,
      queue: lead.ownerQueue!,
      since: lead.assignedAt!,
      days: daysSince(lead.assignedAt!, now),
      missed: lead.missedDeadlines ?? [],
    }))
    .sort((a, b) => Date.parse(a.since) - Date.parse(b.since) || a.leadId.localeCompare(b.leadId));
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
