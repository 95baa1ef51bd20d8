import type { Lead, LeadPlan, NextStep, StepRecord } from '../leads/lead.ts';
import type { Channel } from '../leads/vocabulary.ts';
import { addCalendarDays, atWallTime, wallTime } from '../platform/time-zones.ts';
import { addBusinessMinutes, type BusinessHours } from '../routing/business-time.ts';
import type { ContactPlanPolicy, Plan, Wait } from './contact-plan-policy.ts';

/** What placing steps needs: the plans, the owner's business hours (none: plain hours and days) and time zone. */
export type PlanContext = { plans: ContactPlanPolicy; businessHours?: BusinessHours | undefined; timeZone: string };

/** What every function placing steps is configured with; the time zone follows from the lead's owner. */
export type PlanSettings = { plans: ContactPlanPolicy; businessHours?: BusinessHours | undefined; managerTimeZone: string };

/** The context of a lead's steps: its owner's time zone, or the managers' for a lead waiting in a queue, as its deadlines use. */
export function planContext(lead: Pick<Lead, 'owner'>, settings: PlanSettings): PlanContext {
  return { plans: settings.plans, businessHours: settings.businessHours, timeZone: lead.owner?.type === 'rep' ? lead.owner.timezone : settings.managerTimeZone };
}

/** A step a rep sets in place of the plan's: "call Thursday 10:00", with their note. */
export type StepOverride = { channel: Channel; at: string; note?: string | undefined };

/** The plan for the lead's class: the first plan whose conditions all hold, else the default one. */
export function planFor(lead: Lead, plans: ContactPlanPolicy): Plan {
  const team = lead.owner?.type === 'rep' ? lead.owner.team : undefined;
  const source = lead.firstTouch.utmSource?.toLowerCase();
  const matches = (plan: Plan) => {
    const when = plan.when;
    if (!when) return false;
    if (when.teams && !(team && when.teams.includes(team))) return false;
    if (when.minScore !== undefined && lead.score.total < when.minScore) return false;
    if (when.budgets && !(lead.profile.budget && when.budgets.includes(lead.profile.budget))) return false;
    if (when.sources && !(source && when.sources.includes(source))) return false;
    return true;
  };
  return plans.plans.find(matches) ?? plans.plans.find((plan) => plan.id === plans.defaultPlan)!;
}

/**
 * The plan once the lead is assigned: a new hot episode starts its plan; a
 * lead reassigned keeps it. Either way the new owner's next step is the
 * plan's next touch, due at their first-contact deadline.
 */
export function planOnAssignment(lead: Lead, now: string, context: PlanContext): LeadPlan | undefined {
  const assignment = lead.assignment;
  if (!assignment) return lead.plan;
  const plan = lead.plan?.episode === assignment.episode ? lead.plan : started(lead, now, context);
  return { ...plan, next: nextPlanStep(plan, now, context, assignment.deadlineAt) };
}

/** Records the step due as done (a contact logged) or skipped, and sets the next one: the rep's, when they gave one, else the plan's. */
export function advancePlan(lead: Lead, outcome: StepRecord['outcome'], at: string, by: string, context: PlanContext, options: { reason?: string | undefined; next?: StepOverride | undefined } = {}): LeadPlan | undefined {
  const plan = lead.plan;
  if (!plan?.next) return plan;
  const record: StepRecord = { kind: plan.next.kind, ...(plan.next.touch ? { touch: plan.next.touch } : {}), outcome, dueAt: plan.next.dueAt, at, onTime: byEndOfDay(at, plan.next.dueAt, context.timeZone), by, ...(options.reason ? { reason: options.reason } : {}) };
  const advanced = { ...plan, steps: [...plan.steps, record] };
  // A customer's check-in is one step: done, nothing follows it.
  if (plan.next.kind === 'check-in') return { ...advanced, next: undefined };
  const next = options.next ? overridden(options.next, nextPlanStep(advanced, at, context), by, at) : nextPlanStep(advanced, at, context);
  return { ...advanced, next };
}

/** The rep's own step in place of the one due; it keeps the place of the plan's touch it replaces. */
export function overrideStep(plan: LeadPlan, step: StepOverride, by: string, now: string): LeadPlan {
  const replaced = plan.next ?? { kind: 'after-plan' as const, channel: step.channel, dueAt: step.at, instruction: '', setAt: now };
  return { ...plan, next: overridden(step, replaced, by, now) };
}

/** After a purchase: the plan ends with a check-in for the rep who sold, some weeks on. */
export function checkInAfterPurchase(plan: LeadPlan | undefined, purchasedAt: string, context: PlanContext): LeadPlan | undefined {
  if (!plan) return plan;
  const { purchased } = context.plans;
  // Calendar days on the owner's clock: the same time of day, whatever daylight saving did meanwhile.
  const sold = wallTime(new Date(purchasedAt), context.timeZone);
  const dueAt = atWallTime({ ...addCalendarDays(sold, purchased.checkInAfterDays), hour: sold.hour, minute: sold.minute }, context.timeZone).toISOString();
  return { ...plan, next: { kind: 'check-in', channel: purchased.channel, dueAt, instruction: purchased.instruction, setAt: purchasedAt } };
}

/** A lead closed as not interested, handed back to marketing or merged: nothing is due any more. */
export function endPlan(plan: LeadPlan | undefined): LeadPlan | undefined {
  return plan && { ...plan, next: undefined };
}

/** A closed lead reopened, or an open one without a step: the plan's next step, counted from now. */
export function resumePlan(lead: Lead, now: string, context: PlanContext): LeadPlan {
  const plan = lead.plan?.episode === episodeOf(lead) ? lead.plan : started(lead, now, context);
  return { ...plan, next: nextPlanStep(plan, now, context) };
}

/** Plan touches that were done (not skipped). */
export const touchesDone = (plan: LeadPlan | undefined): number => plan?.steps.filter((step) => step.kind === 'touch' && step.outcome === 'done').length ?? 0;

function started(lead: Lead, now: string, context: PlanContext): LeadPlan {
  const plan = planFor(lead, context.plans);
  return { planId: plan.id, name: plan.name, length: plan.touches.length, episode: episodeOf(lead), startedAt: lead.assignment?.at ?? now, steps: [] };
}

// The hot episode the lead's current assignment serves: a lead that cools and heats up again starts a new plan.
const episodeOf = (lead: Lead) => lead.assignment?.episode ?? lead.hotEpisode;

// A plan changed or removed since the lead started it: its touches as they are now, else the default plan's.
function planById(plan: LeadPlan, context: PlanContext): Plan {
  return context.plans.plans.find((candidate) => candidate.id === plan.planId) ?? context.plans.plans.find((candidate) => candidate.id === context.plans.defaultPlan)!;
}

/** The plan's step after those recorded, counted from `from`, or due at `dueAt` when given. */
function nextPlanStep(plan: LeadPlan, from: string, context: PlanContext, dueAt?: string): NextStep {
  const touches = planById(plan, context).touches;
  const placed = plan.steps.filter((step) => step.kind === 'touch').length;
  const number = placed + 1;
  if (number > touches.length) {
    const { afterPlan } = context.plans;
    return { kind: 'after-plan', channel: afterPlan.channel, dueAt: dueAt ?? waitFrom(afterPlan.wait, plan, from, context), instruction: afterPlan.instruction, setAt: from };
  }
  // The first touch has no wait of its own (it is due at the first-contact deadline): placed later, it is due at once.
  const wait = touches[number - 1]!.wait;
  return touchStep({ touches }, number, dueAt ?? (wait ? waitFrom(wait, plan, from, context) : from), from);
}

function touchStep(plan: Pick<Plan, 'touches'>, number: number, dueAt: string, now: string): NextStep {
  const touch = plan.touches[number - 1]!;
  return { kind: 'touch', touch: number, channel: touch.channel, dueAt, instruction: touch.instruction, setAt: now };
}

function overridden(step: StepOverride, replaced: NextStep, by: string, now: string): NextStep {
  return { ...replaced, channel: step.channel, dueAt: new Date(step.at).toISOString(), instruction: step.note ?? replaced.instruction, setBy: by, setAt: now };
}

// A business day is one day's opening hours, so "2 business days" from Tuesday 10:00 is Thursday 10:00.
function waitFrom(wait: Wait, plan: LeadPlan, previous: string, context: PlanContext): string {
  const start = new Date(wait.after === 'handoff' ? plan.startedAt : previous);
  const business = context.businessHours;
  if (!business) return new Date(start.getTime() + (wait.businessHours ?? 0) * 3_600_000 + (wait.businessDays ?? 0) * 86_400_000).toISOString();
  const minutes = wait.businessHours !== undefined ? wait.businessHours * 60 : wait.businessDays! * dayLength(business);
  return addBusinessMinutes(start, minutes, business, context.timeZone).toISOString();
}

function dayLength(business: BusinessHours): number {
  const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  return minutesOf(business.end) - minutesOf(business.start);
}

// A touch due at 10:00 and done at 15:00 the same day was on time: reps work from a list of the day.
function byEndOfDay(at: string, dueAt: string, timeZone: string): boolean {
  const due = wallTime(new Date(dueAt), timeZone);
  const nextMidnight = atWallTime({ ...addCalendarDays(due, 1), hour: 0, minute: 0 }, timeZone);
  return Date.parse(at) < nextMidnight.getTime();
}
