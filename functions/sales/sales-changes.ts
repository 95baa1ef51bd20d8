import type { HistoryEntry } from '../leads/history.ts';
import type { Channel } from '../leads/vocabulary.ts';
import { advancePlan, checkInAfterPurchase, endPlan, overrideStep, planContext, type PlanSettings, resumePlan, type StepOverride } from '../plans/next-step.ts';
import { compact, isClosed, type Lead, type NextStep } from '../leads/lead.ts';
import type { FieldError } from '../platform/errors.ts';
import type { SalesPolicy } from './sales-policy.ts';

/** A rep's report of a contact: the channel, what was said, and how it went. */
export type Contact = { channel: Channel; notes?: string; outcome?: string; at?: string; nextStep?: StepOverride };

/** The outcome a rep records: one of the three states a lead can be in. */
export type StatusChange =
  | { status: 'in-progress'; holdBack: string; note?: string; nextStep?: StepOverride }
  | { status: 'purchased'; value?: number; note?: string }
  | { status: 'not-interested'; reason: string; note?: string };

/** The lead's state forbids the change. */
export type Refusal = { refused: string };
/** The change names a value the sales policy does not know: nothing to do until it is corrected. */
export type Invalid = { invalid: FieldError };
export type SalesChange = { lead: Lead; entry: HistoryEntry };
/** The change is recorded already, exactly as asked (a retry): nothing to save, but what follows a save is done again. */
export type Replay = { replay: Lead; by: string };

/**
 * A logged contact: counts towards follow-up, starts the in-progress state,
 * stops the first-contact clock and completes the plan's step due, setting
 * the next one (the rep's own when they gave one). On a customer, it is the
 * check-in after the purchase. `via` names the way it came in when not the
 * sales desk (an email link).
 */
export function logContact(lead: Lead, contact: Contact, by: string, now: string, plans: PlanSettings, via?: string): SalesChange | Refusal {
  const checkIn = lead.status === 'purchased' && lead.plan?.next?.kind === 'check-in';
  if (lead.status !== 'assigned' && lead.status !== 'in-progress' && !checkIn) return { refused: `The lead is ${lead.status}: reopen it with a status change first` };
  const at = contact.at ?? now;
  const minutesToFirstContact = lead.firstContactAt || !lead.assignment ? undefined : Math.round((Date.parse(at) - Date.parse(lead.assignment.at)) / 60_000);
  const context = planContext(lead, plans);
  // A lead assigned before contact plans existed starts its plan here.
  const planned = lead.plan?.next || checkIn ? lead : { ...lead, plan: resumePlan(lead, now, context) };
  const due = planned.plan?.next;
  const plan = advancePlan(planned, 'done', at, by, context, { next: contact.nextStep });
  const { nextStep: _next, ...said } = contact;
  return {
    lead: compact({
      ...lead,
      status: checkIn ? lead.status : ('in-progress' as const),
      firstContactAt: lead.firstContactAt ?? at,
      lastProgressAt: now,
      contactCount: (lead.contactCount ?? 0) + 1,
      contactTimes: [...(lead.contactTimes ?? []), at].slice(-50),
      plan,
      updatedAt: now,
    }),
    entry: {
      type: 'contact-logged',
      at: now,
      by,
      details: compact({ ...said, at, minutesToFirstContact, via, step: due && stepDetails(due, plan?.steps.at(-1)?.onTime), nextStep: plan?.next && stepDetails(plan.next) }),
    },
  };
}

/** A planned step skipped, with why: the plan moves on to the next one. */
export function skipStep(lead: Lead, reason: string, by: string, now: string, plans: PlanSettings): SalesChange | Refusal {
  const due = lead.plan?.next;
  if (!isOpenForSteps(lead) || !due) return { refused: `The lead is ${lead.status}: it has no step to skip` };
  const plan = advancePlan(lead, 'skipped', now, by, planContext(lead, plans), { reason });
  return {
    lead: compact({ ...lead, plan, updatedAt: now }),
    entry: { type: 'step-skipped', at: now, by, details: compact({ step: stepDetails(due), reason, nextStep: plan?.next && stepDetails(plan.next) }) },
  };
}

/** The rep's own next step ("call Thursday 10:00") in place of the plan's. */
export function setNextStep(lead: Lead, step: StepOverride, by: string, now: string, plans: PlanSettings): SalesChange | Refusal {
  if (!isOpenForSteps(lead)) return { refused: `The lead is ${lead.status}: reopen it with a status change first` };
  const current = lead.plan?.next ? lead.plan : resumePlan(lead, now, planContext(lead, plans));
  const plan = overrideStep(current, step, by, now);
  return {
    lead: compact({ ...lead, plan, updatedAt: now }),
    entry: { type: 'next-step-set', at: now, by, details: compact({ replaces: current.next && stepDetails(current.next), nextStep: stepDetails(plan.next!) }) },
  };
}

const isOpenForSteps = (lead: Lead) => lead.status === 'assigned' || lead.status === 'in-progress';

function stepDetails(step: NextStep, onTime?: boolean) {
  return compact({ kind: step.kind, touch: step.touch, channel: step.channel, dueAt: step.dueAt, setBy: step.setBy, onTime });
}

/**
 * Moves a lead to one of the three states. A closed lead (purchased or not
 * interested) reopens only with a note saying why; categories and reasons
 * must be ones the sales policy knows, whatever state the lead is in.
 */
export function changeStatus(lead: Lead, change: StatusChange, policy: SalesPolicy, by: string, now: string, plans: PlanSettings, via?: string): SalesChange | Refusal | Invalid | Replay {
  const unknown = unknownValue(change, policy);
  if (unknown) return { invalid: unknown };
  if (lead.status === 'new') return { refused: 'The lead has no owner yet: it is with marketing' };
  const closed = isClosed(lead);
  if (closed && change.status === lead.status) {
    // A retry of the request that closed it (its answer was lost, or publishing failed after the save) must not fail.
    return recordedAlready(lead, change) ? { replay: lead, by } : { refused: `The lead is already ${lead.status}` };
  }
  if (closed && !change.note) return { refused: `The lead is ${lead.status}: say why it changes (note) to reopen it` };

  const base = { ...lead, status: change.status, lastProgressAt: now, updatedAt: now };
  const context = planContext(lead, plans);
  let next: Lead;
  if (change.status === 'in-progress') {
    // In progress always has a next step: the rep's, else the plan's (from now, when the lead was closed or had none).
    const current = !closed && lead.plan?.next ? lead.plan : resumePlan(lead, now, context);
    const plan = change.nextStep ? overrideStep(current, change.nextStep, by, now) : current;
    next = compact({ ...base, holdBack: compact({ category: change.holdBack, note: change.note, at: now }), plan, closedAt: undefined, purchase: undefined, notInterested: undefined });
  } else if (change.status === 'purchased') {
    next = compact({ ...base, purchase: compact({ value: change.value, note: change.note, at: now }), plan: checkInAfterPurchase(lead.plan, now, context), closedAt: now, holdBack: undefined, notInterested: undefined });
  } else {
    const reason = policy.notInterestedReasons.find((r) => r.id === change.reason)!;
    next = compact({
      ...base,
      notInterested: compact({ reason: reason.id, returnToNurture: reason.returnToNurture, note: change.note, at: now }),
      plan: endPlan(lead.plan),
      closedAt: now,
      holdBack: undefined,
      purchase: undefined,
    });
  }
  const { nextStep: _step, ...asked } = change as StatusChange & { nextStep?: StepOverride };
  return { lead: next, entry: { type: 'status-changed', at: now, by, details: compact({ from: lead.status, to: change.status, ...asked, via, nextStep: next.plan?.next && stepDetails(next.plan.next) }) } };
}

// What follows the save of a close must be finished by a retry: returning the lead to nurture, announcing a purchase.
function recordedAlready(lead: Lead, change: StatusChange): boolean {
  if (change.status === 'purchased') return lead.purchase !== undefined && lead.purchase.value === change.value && lead.purchase.note === change.note;
  return change.status === 'not-interested' && lead.notInterested?.reason === change.reason && lead.notInterested.note === change.note;
}

function unknownValue(change: StatusChange, policy: SalesPolicy): FieldError | undefined {
  const oneOf = (field: string, ids: string[]): FieldError => ({ field, message: `must be one of: ${ids.join(', ')}` });
  if (change.status === 'in-progress' && !policy.holdBackCategories.some((c) => c.id === change.holdBack)) {
    return oneOf('holdBack', policy.holdBackCategories.map((c) => c.id));
  }
  if (change.status === 'not-interested' && !policy.notInterestedReasons.some((r) => r.id === change.reason)) {
    return oneOf('reason', policy.notInterestedReasons.map((r) => r.id));
  }
  return undefined;
}
