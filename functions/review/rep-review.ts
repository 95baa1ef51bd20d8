import { isClosed } from '../leads/lead.ts';
import type { SalesPolicy } from '../sales/sales-policy.ts';
import { followUpScore, type ScoreInputs } from './follow-up-score.ts';
import { type Category, classify, reconcile } from './lead-categories.ts';
import { average, daysSince, inWeek, leadRef, notClosed, progressAt, type Week } from './lead-facts.ts';
import { earlyBar, givenUpEarly, overdueSteps, planTouches, touchesDone } from './plan-review.ts';
import type { ReviewInput, ReviewLead } from './review-input.ts';
import { speedToLead } from './speed-to-lead.ts';
import type { MissedDeadline, RepReview, ReviewedLead, StaleLead } from './weekly-review.ts';

export type RepContext = {
  weekId: string;
  week: Week;
  now: Date;
  policy: SalesPolicy;
  categories: readonly Category[];
  focus: ReviewInput['focus'];
  previous: ReviewInput['previous'];
};

/** What the review found about a rep beyond the leads they own. */
export type RepExtras = {
  /** Business minutes from handoff to first contact, of the rep's leads first contacted during the week (speed-to-lead.ts). */
  firstContactMinutes: readonly number[];
  /** Deadlines due during the week that the rep missed on leads since taken from them. */
  missedElsewhere: readonly MissedDeadline[];
};

/** One rep's block of the review, from every lead they own. */
export function reviewRep(rep: ReviewInput['reps'][number], leads: readonly ReviewLead[], context: RepContext, extras: RepExtras): RepReview {
  const { week, now, policy, categories } = context;
  const holdBacks = new Set(policy.holdBackCategories.map(({ id }) => id));
  const reviewed = leads.map((lead) => reviewedLead(lead, holdBacks, week, now));
  const received = reconcile(reviewed.filter((lead) => lead.receivedInWeek), categories);
  const closedInWeek = (status: ReviewLead['status']) => leads.filter((lead) => lead.status === status && inWeek(lead.closedAt, week));
  const deadlines = deadlinesOf(leads, extras.missedElsewhere, week);
  const done = {
    contacts: leads.reduce((sum, lead) => sum + lead.contactsInWeek.length, 0),
    firstContacts: leads.filter((lead) => inWeek(lead.firstContactAt, week)).length,
    purchased: closedInWeek('purchased').map(leadRef),
    notInterested: closedInWeek('not-interested').map(leadRef),
  };
  const block = {
    repId: rep.repId,
    name: rep.name,
    email: rep.email,
    team: rep.team,
    active: rep.active,
    received,
    owned: reconcile(reviewed, categories),
    deadlines,
    speedToLead: speedToLead(extras.firstContactMinutes, deadlines),
    stale: staleLeads(leads, now, policy.review.staleAfterDays),
    touches: planTouches(leads, week),
    overdueSteps: overdueSteps(leads, week, now),
    done,
    givingUp: givingUp(closedInWeek('not-interested'), policy),
    focus: focusOf(rep.repId, context),
    change: changeSince(rep.repId, received, done.contacts, context.previous),
    leads: reviewed,
  };
  const { score, parts } = followUpScore(scoreInputs(leads, deadlines, closedInWeek, week, policy.review.givenUpAfterContacts));
  return { ...block, followUpScore: score, followUpScoreParts: parts };
}

function scoreInputs(
  leads: readonly ReviewLead[],
  deadlines: RepReview['deadlines'],
  closedInWeek: (status: ReviewLead['status']) => ReviewLead[],
  week: Week,
  givenUpAfterContacts: number,
): ScoreInputs {
  const waiting = leads.filter((lead) => notClosed(lead) && !firstContactNotDueYet(lead, week));
  const notInterested = closedInWeek('not-interested');
  const early = notInterested.filter((lead) => givenUpEarly(lead, givenUpAfterContacts));
  const byPlan = (judged: readonly ReviewLead[]) => judged.filter((lead) => lead.plan).length;
  return {
    deadlinesDue: deadlines.due,
    deadlinesMet: deadlines.met,
    openLeads: waiting.length,
    openLeadsContacted: waiting.filter((lead) => lead.contactsInWeek.length > 0 || inWeek(lead.firstContactAt, week)).length,
    purchased: closedInWeek('purchased').length,
    notInterestedAfterTrying: notInterested.length - early.length,
    givenUpEarly: early.length,
    givenUpAfterContacts,
    judgedByPlan: { notInterestedAfterTrying: byPlan(notInterested) - byPlan(early), givenUpEarly: byPlan(early) },
  };
}

// Handed off so late in the week that its first contact is judged next week: it was not waiting on the rep yet.
function firstContactNotDueYet(lead: ReviewLead, week: Week): boolean {
  if (lead.assignedAt !== undefined && Date.parse(lead.assignedAt) >= week.end) return true;
  return lead.firstContactAt === undefined && lead.deadlineAt !== undefined && Date.parse(lead.deadlineAt) >= week.end;
}

function reviewedLead(lead: ReviewLead, holdBacks: ReadonlySet<string>, week: Week, now: Date): ReviewedLead {
  return {
    ...leadRef(lead),
    status: lead.status,
    ...classify(lead, holdBacks),
    receivedInWeek: inWeek(lead.assignedAt, week),
    assignedAt: lead.assignedAt ?? null,
    contacts: lead.contactCount,
    contactsInWeek: lead.contactsInWeek.length,
    daysWithoutProgress: notClosed(lead) ? daysSince(progressAt(lead), now) : null,
    notInterestedReason: lead.notInterestedReason ?? null,
    purchaseValue: lead.purchaseValue ?? null,
    plan: lead.plan?.name ?? null,
    touchesDone: lead.plan ? touchesDone(lead.plan) : null,
    nextStepDueAt: lead.plan?.next?.dueAt ?? null,
  };
}

// A deadline that falls after the week is judged next week, when it has passed. One missed on a lead
// since taken away is the rep's all the same: reading leads by current owner alone would let it vanish.
function deadlinesOf(leads: readonly ReviewLead[], missedElsewhere: readonly MissedDeadline[], week: Week): RepReview['deadlines'] {
  const due = leads.filter((lead) => inWeek(lead.deadlineAt, week));
  const metDeadline = (lead: ReviewLead) => lead.firstContactAt !== undefined && Date.parse(lead.firstContactAt) <= Date.parse(lead.deadlineAt!);
  const missedHere = due
    .filter((lead) => !metDeadline(lead))
    .map((lead) => ({
      ...leadRef(lead),
      deadlineAt: lead.deadlineAt!,
      firstContactAt: lead.firstContactAt ?? null,
      closedWithoutContact: isClosed(lead) && lead.firstContactAt === undefined,
      nowWith: null,
    }));
  return {
    due: due.length + missedElsewhere.length,
    met: due.filter(metDeadline).length,
    missed: [...missedHere, ...missedElsewhere].sort((a, b) => Date.parse(a.deadlineAt) - Date.parse(b.deadlineAt) || a.leadId.localeCompare(b.leadId)),
  };
}

function staleLeads(leads: readonly ReviewLead[], now: Date, afterDays: number): StaleLead[] {
  return leads
    .filter(notClosed)
    .map((lead) => ({ ...leadRef(lead), since: progressAt(lead), days: daysSince(progressAt(lead), now) }))
    .filter((lead) => lead.days >= afterDays)
    .sort((a, b) => Date.parse(a.since) - Date.parse(b.since) || a.leadId.localeCompare(b.leadId));
}

// Shown with its reason: a lead that asked not to be contacted was not given up on, and the manager can tell.
function givingUp(closed: readonly ReviewLead[], policy: SalesPolicy): RepReview['givingUp'] {
  const labelOf = (reason: string | undefined) => policy.notInterestedReasons.find(({ id }) => id === reason)?.label ?? null;
  return {
    averageContacts: average(closed.map((lead) => lead.contactCount)),
    early: closed
      .filter((lead) => givenUpEarly(lead, policy.review.givenUpAfterContacts))
      .map((lead) => ({
        ...leadRef(lead),
        contacts: lead.contactCount,
        touchesDone: lead.plan ? touchesDone(lead.plan) : null,
        beforeTouch: lead.plan ? earlyBar(lead.plan) : null,
        reason: lead.notInterestedReason ?? null,
        reasonLabel: labelOf(lead.notInterestedReason),
      })),
  };
}

function focusOf(repId: string, { focus, weekId }: RepContext): RepReview['focus'] {
  const entries = focus.filter((entry) => entry.repId === repId && entry.week === weekId);
  return { items: entries.flatMap((entry) => entry.items), setBy: [...new Set(entries.map((entry) => entry.setBy))] };
}

function changeSince(repId: string, received: RepReview['received'], contacts: number, previous: ReviewInput['previous']): RepReview['change'] {
  const before = previous?.perRep.find((entry) => entry.repId === repId);
  if (!before) return null;
  return {
    received: received.total - before.received,
    purchased: received.purchased - before.purchased,
    notInterested: received.notInterested - before.notInterested,
    inProgress: received.inProgress - before.inProgress,
    contacts: contacts - before.contacts,
  };
}
