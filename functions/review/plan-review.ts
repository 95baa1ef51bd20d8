import { isOpen, type StepRecord } from '../leads/lead.ts';
import { daysSince, inWeek, leadRef, type Week } from './lead-facts.ts';
import type { ReviewLead, ReviewPlan } from './review-input.ts';
import type { OverdueStep, PlanReview, PlanTouches } from './weekly-review.ts';

/**
 * Closing a lead as not interested before this touch of its plan is giving it
 * up early: most sales need five or more contacts (the issue behind contact
 * plans asks for "leads given up before the plan's fifth touch"). A plan of
 * fewer touches is given up early only before its last one.
 */
export const givenUpBeforeTouch = 5;

/**
 * The plan's touches done, not skipped: touchesDone of plans/next-step.ts,
 * restated so that the review's bundles do not load the plans' policy schemas.
 */
export function touchesDone(plan: Pick<ReviewPlan, 'steps'>): number {
  return plan.steps.filter(isDoneTouch).length;
}

/** The touch a lead closed as not interested had to reach, on its plan, not to count as given up early. */
export function earlyBar(plan: Pick<ReviewPlan, 'length'>): number {
  return Math.min(givenUpBeforeTouch, plan.length);
}

/**
 * Whether a lead closed as not interested was given up early: by its plan,
 * fewer touches done than earlyBar; a lead handed off before plans had none,
 * and is judged as before, by at most `givenUpAfterContacts` logged contacts.
 * One rule for one list: the review names a lead given up early once.
 */
export function givenUpEarly(lead: ReviewLead, givenUpAfterContacts: number): boolean {
  return lead.plan ? touchesDone(lead.plan) < earlyBar(lead.plan) : lead.contactCount <= givenUpAfterContacts;
}

/**
 * The plan touches of the rep's leads that fell due during the week, as they
 * stand when the review is made: a touch is due in the week when its dueAt
 * is in it. Recorded touches (plan.steps of kind touch) are done on time
 * (StepRecord.onTime: by the end of the due day in the owner's zone), done
 * late, or skipped; an open lead whose next step is a touch due in the week
 * and still not recorded is due and not done. due = onTime + late + skipped
 * + notDone. A touch done after the week it was due counts late in that
 * week's report when it is made again, and nowhere else.
 */
export function planTouches(leads: readonly ReviewLead[], week: Week): PlanTouches {
  const recorded = leads.flatMap((lead) => (lead.plan?.steps ?? []).filter((step) => step.kind === 'touch' && inWeek(step.dueAt, week)));
  const notDone = leads.filter((lead) => isOpen(lead) && lead.plan?.next?.kind === 'touch' && inWeek(lead.plan.next.dueAt, week)).length;
  const onTime = recorded.filter((step) => step.outcome === 'done' && step.onTime).length;
  const late = recorded.filter((step) => step.outcome === 'done' && !step.onTime).length;
  const skipped = recorded.filter((step) => step.outcome === 'skipped').length;
  return { due: recorded.length + notDone, onTime, late, skipped, notDone };
}

/** Touch counts of several reps added up, as the team's. */
export function sumTouches(touches: readonly PlanTouches[]): PlanTouches {
  const sum = (pick: (each: PlanTouches) => number) => touches.reduce((total, each) => total + pick(each), 0);
  return { due: sum((t) => t.due), onTime: sum((t) => t.onTime), late: sum((t) => t.late), skipped: sum((t) => t.skipped), notDone: sum((t) => t.notDone) };
}

/**
 * Open leads (assigned or in progress) whose next step, whatever its kind,
 * was due before the week ended and is still waiting, oldest first; days
 * overdue count up to when the review is made, as staleness does.
 */
export function overdueSteps(leads: readonly ReviewLead[], week: Week, now: Date): OverdueStep[] {
  return leads
    .flatMap((lead) => {
      const next = lead.plan?.next;
      if (!isOpen(lead) || !next || Date.parse(next.dueAt) >= week.end) return [];
      return [{ ...leadRef(lead), plan: lead.plan!.name, kind: next.kind, touch: next.touch ?? null, dueAt: next.dueAt, daysOverdue: Math.max(0, daysSince(next.dueAt, now)) }];
    })
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.leadId.localeCompare(b.leadId));
}

/**
 * How far each plan takes its leads, over every lead of the review (owned by
 * the roster's reps or the fallback queue, or captured during the week) whose
 * plan started, at any time: how many reached touch n (a touch n or later
 * done, skipped ones not), and for the purchased leads the touch done last
 * before the purchase (0: none). Cumulative by design: a plan is tuned on all
 * its leads, not on one week's few. By plan id, named as its latest lead
 * names it; most leads first.
 */
export function planReviews(leads: readonly ReviewLead[]): PlanReview[] {
  const byPlan = new Map<string, ReviewLead[]>();
  for (const lead of leads) if (lead.plan) byPlan.set(lead.plan.planId, [...(byPlan.get(lead.plan.planId) ?? []), lead]);
  return [...byPlan.entries()]
    .map(([planId, members]): PlanReview => {
      const plans = members.map((lead) => lead.plan!);
      const name = [...plans].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))[0]!.name;
      const length = Math.max(...plans.map((plan) => plan.length));
      const furthest = plans.map((plan) => Math.max(0, ...plan.steps.filter(isDoneTouch).map((step) => step.touch ?? 0)));
      const purchased = members.filter((lead) => lead.status === 'purchased');
      const lastTouches = purchased.map((lead) => lastTouchBefore(lead.plan!, lead.closedAt));
      const touches = Array.from({ length }, (_, index) => index + 1);
      return {
        planId,
        name,
        length,
        leads: members.length,
        reached: touches.map((touch) => ({ touch, leads: furthest.filter((reached) => reached >= touch).length })),
        purchased: purchased.length,
        purchasedAfter: [0, ...touches].map((touch) => ({ touch, leads: lastTouches.filter((last) => last === touch).length })),
      };
    })
    .sort((a, b) => b.leads - a.leads || a.name.localeCompare(b.name));
}

function isDoneTouch(step: StepRecord): boolean {
  return step.kind === 'touch' && step.outcome === 'done';
}

// The touch done last by the purchase: a touch logged after it (the check-in is no touch) does not explain it.
function lastTouchBefore(plan: ReviewPlan, purchasedAt: string | undefined): number {
  const before = plan.steps.filter((step) => isDoneTouch(step) && (purchasedAt === undefined || Date.parse(step.at) <= Date.parse(purchasedAt)));
  const last = before.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (b.touch ?? 0) - (a.touch ?? 0))[0];
  return last?.touch ?? 0;
}
