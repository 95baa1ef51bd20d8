import { describe, expect, it } from 'vitest';
import type { Lead, LeadPlan, NextStep, StepRecord } from '../../../functions/leads/lead.ts';
import { parseContactPlanPolicy } from '../../../functions/plans/contact-plan-policy.ts';
import data from '../../../functions/plans/default-contact-plans.json' with { type: 'json' };
import { defaultContactPlans } from '../../../functions/plans/default-plans.ts';
import {
  advancePlan,
  checkInAfterPurchase,
  endPlan,
  overrideStep,
  type PlanContext,
  planFor,
  planOnAssignment,
  resumePlan,
  touchesDone,
} from '../../../functions/plans/next-step.ts';
import { defaultRoutingPolicy } from '../../../functions/routing/default-policy.ts';
import { hotLead } from '../../support/hot-lead.ts';

const businessHours = defaultRoutingPolicy.firstContact.businessHours!;
const berlin: PlanContext = { plans: defaultContactPlans, businessHours, timeZone: 'Europe/Berlin' };
const newYork: PlanContext = { plans: defaultContactPlans, businessHours, timeZone: 'America/New_York' };
const field = defaultContactPlans.plans.find((plan) => plan.id === 'field')!;
const desk = defaultContactPlans.plans.find((plan) => plan.id === 'desk')!;

type RepOwner = Extract<NonNullable<Lead['owner']>, { type: 'rep' }>;
const anna = hotLead().owner as RepOwner;
const ownedBy = (changes: Partial<RepOwner>): RepOwner => ({ ...anna, ...changes });

// hotLead(): Anna's field lead, assigned on Tuesday 2026-11-24 at 10:00 in Berlin (09:00 UTC), first contact due then.
const assignedAt = '2026-11-24T09:00:00.000Z';

/** The step for touch `number` of `plan`, as the engine places it. */
const touchStep = (plan: typeof field, number: number, dueAt: string, setAt: string): NextStep => ({
  kind: 'touch',
  touch: number,
  channel: plan.touches[number - 1]!.channel,
  dueAt,
  instruction: plan.touches[number - 1]!.instruction,
  setAt,
});

/** A touch done on time by Anna. */
const doneTouch = (touch: number, at: string): StepRecord => ({ kind: 'touch', touch, outcome: 'done', dueAt: at, at, onTime: true, by: 'anna-schmidt' });

/** Anna's field plan with touches 1 to `number - 1` done and touch `number` (if the plan has it) due at `dueAt`. */
function fieldPlanAt(number: number, dueAt: string, changes: Partial<LeadPlan> = {}): LeadPlan {
  return {
    planId: 'field',
    name: field.name,
    length: 8,
    episode: 1,
    startedAt: assignedAt,
    steps: Array.from({ length: number - 1 }, (_, index) => doneTouch(index + 1, '2026-11-24T09:00:00.000Z')),
    ...(number <= field.touches.length ? { next: touchStep(field, number, dueAt, '2026-11-24T09:00:00.000Z') } : {}),
    ...changes,
  };
}

const leadWith = (plan: LeadPlan | undefined, changes: Partial<Lead> = {}): Lead => hotLead({ plan, firstContactAt: assignedAt, ...changes });

describe('planFor', () => {
  // A policy whose plans each test one condition; the first that matches wins, so order matters.
  const plans = parseContactPlanPolicy(
    {
      ...data,
      plans: [
        { ...field, id: 'field-top', name: 'Field, top score', when: { teams: ['field'], minScore: 90 } },
        { ...desk, id: 'big-budget', name: 'Big budget', when: { budgets: ['250k-plus'] } },
        { ...desk, id: 'partner', name: 'Partner site', when: { sources: ['Partner-Site'] } },
        { ...field, id: 'field', name: 'Field', when: { teams: ['field'] } },
        { ...desk, id: 'desk', name: 'Desk' },
      ],
      defaultPlan: 'desk',
    },
    'test plans',
  );
  const deskLead = (changes: Partial<Lead> = {}) => hotLead({ owner: ownedBy({ team: 'desk' }), ...changes });

  it('gives a field rep\'s lead the field plan', () => {
    expect(planFor(hotLead(), plans).id).toBe('field');
  });

  it('takes the first plan that matches, though later ones match too', () => {
    const lead = hotLead({ score: { ...hotLead().score, total: 95 }, profile: { budget: '250k-plus' } });

    expect(planFor(lead, plans).id).toBe('field-top');
  });

  it('needs every condition of a plan: the team alone is not enough for field-top', () => {
    expect(planFor(deskLead({ score: { ...hotLead().score, total: 95 } }), plans).id).toBe('desk');
    expect(planFor(hotLead({ score: { ...hotLead().score, total: 89 } }), plans).id).toBe('field');
  });

  it('counts a score equal to minScore as enough', () => {
    expect(planFor(hotLead({ score: { ...hotLead().score, total: 90 } }), plans).id).toBe('field-top');
  });

  it('matches by the budget the lead gave, and not when they gave none', () => {
    expect(planFor(deskLead({ profile: { budget: '250k-plus' } }), plans).id).toBe('big-budget');
    expect(planFor(deskLead({ profile: { budget: '50k-250k' } }), plans).id).toBe('desk');
    expect(planFor(deskLead({ profile: {} }), plans).id).toBe('desk');
  });

  it('matches by the first touch\'s utm source, ignoring case', () => {
    const from = (first?: string, last?: string) =>
      deskLead({ firstTouch: { at: assignedAt, ...(first ? { utmSource: first } : {}) }, lastTouch: { at: assignedAt, ...(last ? { utmSource: last } : {}) } });

    expect(planFor(from('PARTNER-site'), plans).id).toBe('partner');
    // Only the first submission's source says where the lead came from.
    expect(planFor(from('google', 'partner-site'), plans).id).toBe('desk');
    expect(planFor(from(), plans).id).toBe('desk');
  });

  it('gives a lead in a queue no team plan', () => {
    const queued = hotLead({ owner: { type: 'queue', queue: 'unassigned', notifyEmail: 'sales-manager@example.com' } });

    expect(planFor(queued, plans).id).toBe('desk');
  });

  it('falls back to the default plan, wherever it stands in the list', () => {
    const policy = { ...plans, plans: [plans.plans[4]!, ...plans.plans.slice(0, 4)] };

    expect(planFor(deskLead(), policy).id).toBe('desk');
    expect(planFor(hotLead(), policy).id).toBe('field');
  });
});

describe('planOnAssignment', () => {
  it('starts the plan of the lead\'s hot episode, touch 1 due at the first-contact deadline', () => {
    const lead = hotLead({ assignment: { ...hotLead().assignment!, deadlineAt: '2026-11-24T10:00:00.000Z' } });

    expect(planOnAssignment(lead, assignedAt, berlin)).toEqual({
      planId: 'field',
      name: 'Field: 8 touches over 3 weeks',
      length: 8,
      episode: 1,
      startedAt: assignedAt,
      steps: [],
      next: touchStep(field, 1, '2026-11-24T10:00:00.000Z', assignedAt),
    });
  });

  it('starts the desk plan for a desk rep', () => {
    const plan = planOnAssignment(hotLead({ owner: ownedBy({ team: 'desk' }) }), assignedAt, berlin);

    expect(plan).toMatchObject({ planId: 'desk', name: desk.name, length: 6, next: { kind: 'touch', touch: 1, channel: 'call' } });
  });

  it('leaves a lead without an assignment as it was', () => {
    const plan = fieldPlanAt(3, '2026-11-25T09:00:00.000Z');

    expect(planOnAssignment(leadWith(plan, { assignment: undefined }), assignedAt, berlin)).toBe(plan);
    expect(planOnAssignment(hotLead({ assignment: undefined }), assignedAt, berlin)).toBeUndefined();
  });

  it('keeps the plan of a lead reassigned before first contact, touch 1 due at the new owner\'s deadline', () => {
    const started = planOnAssignment(hotLead(), assignedAt, berlin)!;
    // Kai, on the desk team, takes over four hours later; his deadline is an hour after that.
    const reassigned = hotLead({
      plan: started,
      owner: ownedBy({ repId: 'kai-berg', name: 'Kai Berg', team: 'desk' }),
      assignment: { ...hotLead().assignment!, number: 3, at: '2026-11-24T13:00:00.000Z', deadlineAt: '2026-11-24T14:00:00.000Z' },
    });

    expect(planOnAssignment(reassigned, '2026-11-24T13:00:00.000Z', berlin)).toEqual({
      ...started,
      next: touchStep(field, 1, '2026-11-24T14:00:00.000Z', '2026-11-24T13:00:00.000Z'),
    });
  });

  it('keeps the place in the plan of a lead reassigned after first contact: the touch due next, at the new owner\'s deadline', () => {
    // Touches 1 and 2 were done; Kai takes over on Wednesday 14:00 in Berlin, his first-contact deadline an hour later.
    const plan = fieldPlanAt(3, '2026-11-26T09:00:00.000Z');
    const reassigned = leadWith(plan, {
      owner: ownedBy({ repId: 'kai-berg', name: 'Kai Berg' }),
      assignment: { ...hotLead().assignment!, number: 3, at: '2026-11-25T13:00:00.000Z', deadlineAt: '2026-11-25T14:00:00.000Z' },
    });

    expect(planOnAssignment(reassigned, '2026-11-25T13:00:00.000Z', berlin)).toEqual({
      ...plan,
      next: touchStep(field, 3, '2026-11-25T14:00:00.000Z', '2026-11-25T13:00:00.000Z'),
    });
  });

  it('gives a lead whose first touch was skipped, then reassigned, its second touch next', () => {
    // Anna skipped touch 1 and missed the deadline; Kai's first step is touch 2, and touch 1 is not placed again.
    const skipped = advancePlan(leadWith(fieldPlanAt(1, assignedAt), { firstContactAt: undefined }), 'skipped', '2026-11-24T09:30:00.000Z', 'anna-schmidt', berlin, { reason: 'Wrong number' })!;
    const reassigned = hotLead({
      plan: skipped,
      owner: ownedBy({ repId: 'kai-berg', name: 'Kai Berg' }),
      assignment: { ...hotLead().assignment!, number: 3, at: '2026-11-24T13:00:00.000Z', deadlineAt: '2026-11-24T14:00:00.000Z' },
    });
    const plan = planOnAssignment(reassigned, '2026-11-24T13:00:00.000Z', berlin)!;

    expect(plan.next).toEqual(touchStep(field, 2, '2026-11-24T14:00:00.000Z', '2026-11-24T13:00:00.000Z'));
    expect(advancePlan({ ...reassigned, plan }, 'done', '2026-11-24T14:00:00.000Z', 'kai-berg', berlin)!.next).toMatchObject({ touch: 3 });
  });

  it('starts afresh for a new hot episode', () => {
    // The lead cooled after three touches of its first episode and is hot again: a new handoff, a new plan.
    const old = fieldPlanAt(4, '2026-11-27T09:00:00.000Z');
    const again = leadWith(old, {
      hotEpisode: 2,
      assignment: { ...hotLead().assignment!, number: 3, episode: 2, at: '2027-02-01T09:00:00.000Z', deadlineAt: '2027-02-01T10:00:00.000Z' },
    });

    expect(planOnAssignment(again, '2027-02-01T09:00:00.000Z', berlin)).toEqual({
      planId: 'field',
      name: field.name,
      length: 8,
      episode: 2,
      startedAt: '2027-02-01T09:00:00.000Z',
      steps: [],
      next: touchStep(field, 1, '2027-02-01T10:00:00.000Z', '2027-02-01T09:00:00.000Z'),
    });
  });
});

describe('advancePlan', () => {
  // Touch 1 due Tuesday 10:00 in Berlin.
  const dueAt = assignedAt;

  it('records the touch done, and places the next one its wait after it was done, in business hours', () => {
    // Done at 14:30 Berlin; touch 2 waits 4 business hours: 2.5 until Tuesday's close at 17:00, 1.5 from Wednesday 09:00.
    const plan = advancePlan(leadWith(fieldPlanAt(1, dueAt)), 'done', '2026-11-24T13:30:00.000Z', 'anna-schmidt', berlin)!;

    expect(plan.steps).toEqual([{ kind: 'touch', touch: 1, outcome: 'done', dueAt, at: '2026-11-24T13:30:00.000Z', onTime: true, by: 'anna-schmidt' }]);
    expect(plan.next).toEqual(touchStep(field, 2, '2026-11-25T09:30:00.000Z', '2026-11-24T13:30:00.000Z'));
    expect(touchesDone(plan)).toBe(1);
  });

  it('counts a business-day wait as one day of opening hours: Tuesday 15:00 plus 1 day is Wednesday 15:00', () => {
    const plan = advancePlan(leadWith(fieldPlanAt(2, '2026-11-24T14:00:00.000Z')), 'done', '2026-11-24T14:00:00.000Z', 'anna-schmidt', berlin)!;

    expect(plan.next).toEqual(touchStep(field, 3, '2026-11-25T14:00:00.000Z', '2026-11-24T14:00:00.000Z'));
  });

  it('counts the wait from when a late touch was done, not from when it was due', () => {
    // Touch 2 was due Tuesday and done on Thursday 11:00: touch 3 is due Friday 11:00.
    const plan = advancePlan(leadWith(fieldPlanAt(2, '2026-11-24T14:00:00.000Z')), 'done', '2026-11-26T10:00:00.000Z', 'anna-schmidt', berlin)!;

    expect(plan.steps.at(-1)).toMatchObject({ touch: 2, onTime: false });
    expect(plan.next?.dueAt).toBe('2026-11-27T10:00:00.000Z');
  });

  it.each([
    { name: 'early', at: '2026-11-24T08:00:00.000Z', onTime: true },
    { name: 'the minute before midnight in Berlin', at: '2026-11-24T22:59:00.000Z', onTime: true },
    { name: 'at midnight in Berlin, though still the due day in UTC', at: '2026-11-24T23:00:00.000Z', onTime: false },
    { name: 'the day after', at: '2026-11-25T09:00:00.000Z', onTime: false },
  ])('calls a touch done $name on time: $onTime', ({ at, onTime }) => {
    // Reps work from a list of the day, so a touch is on time until the due day ends in the owner's zone.
    const plan = advancePlan(leadWith(fieldPlanAt(1, dueAt)), 'done', at, 'anna-schmidt', berlin)!;

    expect(plan.steps[0]?.onTime).toBe(onTime);
  });

  it('ends the due day in the time zone it is given', () => {
    // 23:30 UTC on Tuesday is already Wednesday in Berlin but still Tuesday 18:30 in New York.
    const lead = leadWith(fieldPlanAt(1, dueAt));

    expect(advancePlan(lead, 'done', '2026-11-24T23:30:00.000Z', 'anna-schmidt', berlin)!.steps[0]?.onTime).toBe(false);
    expect(advancePlan(lead, 'done', '2026-11-24T23:30:00.000Z', 'anna-schmidt', newYork)!.steps[0]?.onTime).toBe(true);
  });

  it('puts the rep\'s channel, time and note in place of the plan\'s next touch, keeping its number', () => {
    const next = { channel: 'meeting' as const, at: '2026-11-26T14:00:00+01:00', note: 'Demo with their CFO' };
    const plan = advancePlan(leadWith(fieldPlanAt(1, dueAt)), 'done', '2026-11-24T09:20:00.000Z', 'anna-schmidt', berlin, { next })!;

    expect(plan.next).toEqual({ kind: 'touch', touch: 2, channel: 'meeting', dueAt: '2026-11-26T13:00:00.000Z', instruction: 'Demo with their CFO', setBy: 'anna-schmidt', setAt: '2026-11-24T09:20:00.000Z' });
  });

  it('keeps the plan\'s instruction when the rep gives no note', () => {
    const next = { channel: 'call' as const, at: '2026-11-26T10:00:00.000Z' };
    const plan = advancePlan(leadWith(fieldPlanAt(1, dueAt)), 'done', '2026-11-24T09:20:00.000Z', 'anna-schmidt', berlin, { next })!;

    expect(plan.next).toMatchObject({ touch: 2, channel: 'call', dueAt: '2026-11-26T10:00:00.000Z', instruction: field.touches[1]!.instruction, setBy: 'anna-schmidt' });
  });

  it('records a skipped touch with its reason and moves on to the next', () => {
    const plan = advancePlan(leadWith(fieldPlanAt(2, '2026-11-24T14:00:00.000Z')), 'skipped', '2026-11-24T14:10:00.000Z', 'anna-schmidt', berlin, { reason: 'They asked for a call only' })!;

    expect(plan.steps.at(-1)).toEqual({
      kind: 'touch',
      touch: 2,
      outcome: 'skipped',
      dueAt: '2026-11-24T14:00:00.000Z',
      at: '2026-11-24T14:10:00.000Z',
      onTime: true,
      by: 'anna-schmidt',
      reason: 'They asked for a call only',
    });
    expect(plan.next).toMatchObject({ kind: 'touch', touch: 3, dueAt: '2026-11-25T14:10:00.000Z' });
    // A skip is no contact: only touch 1 was done.
    expect(touchesDone(plan)).toBe(1);
  });

  it('after the last touch, sets the policy\'s after-plan step', () => {
    // Touch 8 done on Monday 2026-12-14 15:00 in Berlin: the after-plan call waits 5 business days, to Monday 12-21 15:00.
    const plan = advancePlan(leadWith(fieldPlanAt(8, '2026-12-14T14:00:00.000Z')), 'done', '2026-12-14T14:00:00.000Z', 'anna-schmidt', berlin)!;

    expect(touchesDone(plan)).toBe(8);
    expect(plan.next).toEqual({ kind: 'after-plan', channel: 'call', dueAt: '2026-12-21T14:00:00.000Z', instruction: defaultContactPlans.afterPlan.instruction, setAt: '2026-12-14T14:00:00.000Z' });
  });

  it('follows a done after-plan step with another, the touches staying done', () => {
    const afterPlan: NextStep = { kind: 'after-plan', channel: 'call', dueAt: '2026-12-21T14:00:00.000Z', instruction: defaultContactPlans.afterPlan.instruction, setAt: '2026-12-14T14:00:00.000Z' };
    const plan = advancePlan(leadWith(fieldPlanAt(9, '', { next: afterPlan })), 'done', '2026-12-21T14:00:00.000Z', 'anna-schmidt', berlin)!;

    expect(plan.steps.at(-1)).toEqual({ kind: 'after-plan', outcome: 'done', dueAt: '2026-12-21T14:00:00.000Z', at: '2026-12-21T14:00:00.000Z', onTime: true, by: 'anna-schmidt' });
    expect(plan.next).toMatchObject({ kind: 'after-plan', dueAt: '2026-12-28T14:00:00.000Z' });
    expect(touchesDone(plan)).toBe(8);
  });

  it('leaves no next step once a customer\'s check-in is done', () => {
    const checkIn: NextStep = { kind: 'check-in', channel: 'call', dueAt: '2026-12-24T09:00:00.000Z', instruction: defaultContactPlans.purchased.instruction, setAt: assignedAt };
    const plan = advancePlan(leadWith(fieldPlanAt(4, '', { next: checkIn })), 'done', '2026-12-24T10:00:00.000Z', 'anna-schmidt', berlin)!;

    expect(plan.steps.at(-1)).toEqual({ kind: 'check-in', outcome: 'done', dueAt: '2026-12-24T09:00:00.000Z', at: '2026-12-24T10:00:00.000Z', onTime: true, by: 'anna-schmidt' });
    expect(plan.next).toBeUndefined();
  });

  it('changes nothing on a plan with no step due', () => {
    const ended = fieldPlanAt(3, '', { next: undefined });

    expect(advancePlan(leadWith(ended), 'done', '2026-11-25T09:00:00.000Z', 'anna-schmidt', berlin)).toBe(ended);
    expect(advancePlan(hotLead(), 'done', '2026-11-25T09:00:00.000Z', 'anna-schmidt', berlin)).toBeUndefined();
  });

  it('counts plain hours and days when the routing policy sets no business hours', () => {
    const plain: PlanContext = { plans: defaultContactPlans, timeZone: 'Europe/Berlin' };
    // Friday 2026-11-27 16:00 in Berlin: touch 2 waits 4 hours (20:00), touch 3 one day (Saturday 16:00).
    const second = advancePlan(leadWith(fieldPlanAt(1, '2026-11-27T15:00:00.000Z')), 'done', '2026-11-27T15:00:00.000Z', 'anna-schmidt', plain)!;
    const third = advancePlan(leadWith(fieldPlanAt(2, '2026-11-27T15:00:00.000Z')), 'done', '2026-11-27T15:00:00.000Z', 'anna-schmidt', plain)!;

    expect(second.next?.dueAt).toBe('2026-11-27T19:00:00.000Z');
    expect(third.next?.dueAt).toBe('2026-11-28T15:00:00.000Z');
  });
});

describe('touches placed across a DST change', () => {
  it.each([
    {
      // Friday 2026-10-23 16:00 CEST (UTC+2) is 14:00 UTC. One business day is 8 opening hours: 1 on Friday,
      // 7 on Monday 2026-10-26 from 09:00, so 16:00 local; the clocks went back on Sunday 10-25, so CET, UTC+1: 15:00 UTC.
      name: 'Berlin, a business day over the October weekend',
      context: berlin,
      touch: 2,
      doneAt: '2026-10-23T14:00:00.000Z',
      dueAt: '2026-10-26T15:00:00.000Z',
    },
    {
      // The same Friday 16:00 CEST; 4 business hours: 1 on Friday, 3 on Monday from 09:00, so 12:00 CET, 11:00 UTC.
      name: 'Berlin, business hours over the October weekend',
      context: berlin,
      touch: 1,
      doneAt: '2026-10-23T14:00:00.000Z',
      dueAt: '2026-10-26T11:00:00.000Z',
    },
    {
      // Friday 2026-03-06 16:00 EST (UTC-5) is 21:00 UTC. Clocks go forward on Sunday 03-08: Monday 03-09 16:00 is EDT
      // (UTC-4), 20:00 UTC.
      name: 'New York, a business day over the March weekend',
      context: newYork,
      touch: 2,
      doneAt: '2026-03-06T21:00:00.000Z',
      dueAt: '2026-03-09T20:00:00.000Z',
    },
    {
      // Friday 16:00 EST plus 4 business hours: Monday 12:00 EDT, 16:00 UTC.
      name: 'New York, business hours over the March weekend',
      context: newYork,
      touch: 1,
      doneAt: '2026-03-06T21:00:00.000Z',
      dueAt: '2026-03-09T16:00:00.000Z',
    },
  ])('$name', ({ context, touch, doneAt, dueAt }) => {
    const plan = advancePlan(leadWith(fieldPlanAt(touch, doneAt)), 'done', doneAt, 'anna-schmidt', context)!;

    expect(plan.next).toMatchObject({ kind: 'touch', touch: touch + 1, dueAt });
  });
});

describe('overrideStep', () => {
  it('puts the rep\'s step in place of the one due, in the place of the plan\'s touch', () => {
    const plan = fieldPlanAt(3, '2026-11-25T09:00:00.000Z');

    expect(overrideStep(plan, { channel: 'email', at: '2026-11-27T08:00:00Z', note: 'Send the pricing sheet they asked for' }, 'anna-schmidt', '2026-11-25T08:00:00.000Z')).toEqual({
      ...plan,
      next: { kind: 'touch', touch: 3, channel: 'email', dueAt: '2026-11-27T08:00:00.000Z', instruction: 'Send the pricing sheet they asked for', setBy: 'anna-schmidt', setAt: '2026-11-25T08:00:00.000Z' },
    });
  });

  it('keeps the plan\'s instruction without a note', () => {
    const plan = overrideStep(fieldPlanAt(3, '2026-11-25T09:00:00.000Z'), { channel: 'call', at: '2026-11-26T09:00:00.000Z' }, 'anna-schmidt', '2026-11-25T08:00:00.000Z');

    expect(plan.next?.instruction).toBe(field.touches[2]!.instruction);
  });

  it('sets a step of the rep\'s own on a plan with none due', () => {
    const plan = overrideStep(fieldPlanAt(3, '', { next: undefined }), { channel: 'call', at: '2026-11-26T09:00:00.000Z', note: 'Call back as promised' }, 'anna-schmidt', '2026-11-25T08:00:00.000Z');

    expect(plan.next).toEqual({ kind: 'after-plan', channel: 'call', dueAt: '2026-11-26T09:00:00.000Z', instruction: 'Call back as promised', setBy: 'anna-schmidt', setAt: '2026-11-25T08:00:00.000Z' });
  });
});

describe('checkInAfterPurchase', () => {
  it('replaces the next step with a check-in checkInAfterDays later', () => {
    const plan = fieldPlanAt(5, '2026-11-30T09:00:00.000Z');

    expect(checkInAfterPurchase(plan, '2026-11-26T15:00:00.000Z', berlin)).toEqual({
      ...plan,
      next: { kind: 'check-in', channel: 'call', dueAt: '2026-12-26T15:00:00.000Z', instruction: defaultContactPlans.purchased.instruction, setAt: '2026-11-26T15:00:00.000Z' },
    });
  });

  it('leaves a lead without a plan without one', () => {
    expect(checkInAfterPurchase(undefined, '2026-11-26T15:00:00.000Z', berlin)).toBeUndefined();
  });
});

describe('endPlan', () => {
  it('leaves nothing due and keeps the steps taken', () => {
    const plan = fieldPlanAt(4, '2026-11-30T09:00:00.000Z');

    expect(endPlan(plan)).toEqual({ ...plan, next: undefined });
    expect(endPlan(undefined)).toBeUndefined();
  });
});

describe('resumePlan', () => {
  // Reopened on Wednesday 2026-11-25 11:00 in Berlin.
  const now = '2026-11-25T10:00:00.000Z';

  it('sets the plan\'s next touch, its wait counted from now', () => {
    // Touch 3 waits one business day: Thursday 11:00.
    const ended = fieldPlanAt(3, '', { next: undefined });

    expect(resumePlan(leadWith(ended), now, berlin)).toEqual({ ...ended, next: touchStep(field, 3, '2026-11-26T10:00:00.000Z', now) });
  });

  it('sets the after-plan step once the touches are all done', () => {
    const ended = fieldPlanAt(9, '', { next: undefined });

    expect(resumePlan(leadWith(ended), now, berlin).next).toMatchObject({ kind: 'after-plan', dueAt: '2026-12-02T10:00:00.000Z', setAt: now });
  });

  it('starts a new plan for a new hot episode, touch 1 due at once', () => {
    // The first touch has no wait: it is normally due at the first-contact deadline.
    const old = fieldPlanAt(4, '', { next: undefined });
    const lead = leadWith(old, { hotEpisode: 2, assignment: { ...hotLead().assignment!, episode: 2, at: '2026-11-25T09:00:00.000Z' } });

    expect(resumePlan(lead, now, berlin)).toEqual({
      planId: 'field',
      name: field.name,
      length: 8,
      episode: 2,
      startedAt: '2026-11-25T09:00:00.000Z',
      steps: [],
      next: touchStep(field, 1, now, now),
    });
  });

  it('starts a plan for a lead that has none', () => {
    const plan = resumePlan(hotLead({ owner: ownedBy({ team: 'desk' }) }), now, berlin);

    expect(plan).toMatchObject({ planId: 'desk', episode: 1, steps: [], next: { kind: 'touch', touch: 1, dueAt: now } });
  });
});

describe('touchesDone', () => {
  it('counts the touches done, not the skipped ones nor other steps', () => {
    const steps: StepRecord[] = [
      doneTouch(1, assignedAt),
      { ...doneTouch(2, assignedAt), outcome: 'skipped', reason: 'No email address' },
      doneTouch(3, assignedAt),
      { ...doneTouch(4, assignedAt), kind: 'after-plan' },
    ];

    expect(touchesDone(fieldPlanAt(1, assignedAt, { steps }))).toBe(2);
    expect(touchesDone(undefined)).toBe(0);
  });
});
