import { describe, expect, it } from 'vitest';
import type { Lead, LeadPlan } from '../../../functions/leads/lead.ts';
import { parseContactPlanPolicy } from '../../../functions/plans/contact-plan-policy.ts';
import data from '../../../functions/plans/default-contact-plans.json' with { type: 'json' };
import { defaultContactPlans } from '../../../functions/plans/default-plans.ts';
import { advancePlan, type PlanContext, planOnAssignment } from '../../../functions/plans/next-step.ts';
import { businessMinutesBetween } from '../../../functions/routing/business-time.ts';
import { defaultRoutingPolicy } from '../../../functions/routing/default-policy.ts';
import { wallTime } from '../../../functions/platform/time-zones.ts';
import { hotLead } from '../../support/hot-lead.ts';

const businessHours = defaultRoutingPolicy.firstContact.businessHours!;
const berlin: PlanContext = { plans: defaultContactPlans, businessHours, timeZone: 'Europe/Berlin' };
const businessDay = 8 * 60;

// Monday 2026-11-23, 10:00 in Berlin (UTC+1, no DST change for weeks): the shipped routing policy makes
// first contact due an hour later, 11:00, so touch 1 is due then.
const handoffAt = '2026-11-23T09:00:00.000Z';
const deadlineAt = '2026-11-23T10:00:00.000Z';
const weekOneStartsAt = Date.parse('2026-11-22T23:00:00.000Z'); // Monday 00:00 in Berlin

/** A lead handed off on Monday to a rep of `team`, whose every touch is done exactly when it is due. */
function walk(team: string): { dues: string[]; afterPlanAt: string } {
  const base = hotLead();
  let lead: Lead = hotLead({
    owner: { ...(base.owner as Extract<Lead['owner'], { type: 'rep' }>), team },
    assignment: { ...base.assignment!, at: handoffAt, deadlineAt },
  });
  let plan: LeadPlan | undefined = planOnAssignment(lead, handoffAt, berlin);
  const dues: string[] = [];
  while (plan?.next?.kind === 'touch') {
    dues.push(plan.next.dueAt);
    lead = { ...lead, plan };
    plan = advancePlan(lead, 'done', plan.next.dueAt, 'anna-schmidt', berlin);
  }
  return { dues, afterPlanAt: plan!.next!.dueAt };
}

const weekOf = (instant: string) => Math.floor((Date.parse(instant) - weekOneStartsAt) / (7 * 86_400_000)) + 1;
const businessDaysBetween = (from: string, to: string) => businessMinutesBetween(new Date(from), new Date(to), businessHours, 'Europe/Berlin') / businessDay;

describe('the shipped contact plans', () => {
  it('parse', () => {
    expect(defaultContactPlans).toMatchObject({ defaultPlan: 'desk', purchased: { checkInAfterDays: 30 }, morningList: { at: '08:30' } });
    expect(defaultContactPlans.plans.map((plan) => [plan.id, plan.touches.length])).toEqual([['field', 8], ['desk', 6]]);
  });

  it('give the first touch no wait and every later touch one, counted from the touch before', () => {
    for (const plan of defaultContactPlans.plans) {
      expect(plan.touches[0]?.wait).toBeUndefined();
      expect(plan.touches.slice(1).every((touch) => touch.wait?.after === 'previous')).toBe(true);
    }
  });

  it('field: 8 touches spread over 3 weeks of business time, the last on the Thursday of the third week', () => {
    const { dues, afterPlanAt } = walk('field');

    // Waits of 4 hours, then 1, 2, 2, 3, 2 and 3 business days, each counted from the touch before, in Berlin's 09:00-17:00.
    expect(dues).toEqual([
      '2026-11-23T10:00:00.000Z', // Mon 11:00, the first-contact deadline
      '2026-11-23T14:00:00.000Z', // Mon 15:00
      '2026-11-24T14:00:00.000Z', // Tue
      '2026-11-26T14:00:00.000Z', // Thu
      '2026-11-30T14:00:00.000Z', // Mon, week 2
      '2026-12-03T14:00:00.000Z', // Thu
      '2026-12-07T14:00:00.000Z', // Mon, week 3
      '2026-12-10T14:00:00.000Z', // Thu, week 3
    ]);
    // 13 business days and 4 hours from the first touch to the last: within three working weeks.
    expect(businessDaysBetween(dues[0]!, dues.at(-1)!)).toBe(13.5);
    expect(weekOf(dues.at(-1)!)).toBe(3);
    expect(wallTime(new Date(dues.at(-1)!), 'Europe/Berlin')).toMatchObject({ weekday: 4, hour: 15 });
    // The plan's end is followed by the policy's after-plan step, 5 business days on.
    expect(afterPlanAt).toBe('2026-12-17T14:00:00.000Z');
  });

  it('desk: 6 touches spread over 2 weeks, the last in week 2', () => {
    const { dues } = walk('desk');

    // Waits of 4 hours, then 1, 2, 3 and 3 business days.
    expect(dues).toEqual([
      '2026-11-23T10:00:00.000Z', // Mon 11:00
      '2026-11-23T14:00:00.000Z', // Mon 15:00
      '2026-11-24T14:00:00.000Z', // Tue
      '2026-11-26T14:00:00.000Z', // Thu
      '2026-12-01T14:00:00.000Z', // Tue, week 2
      '2026-12-04T14:00:00.000Z', // Fri, week 2
    ]);
    expect(businessDaysBetween(dues[0]!, dues.at(-1)!)).toBe(9.5);
    expect(weekOf(dues.at(-1)!)).toBe(2);
  });
});

describe('parseContactPlanPolicy', () => {
  type Policy = typeof data & Record<string, unknown>;
  type Touch = Record<string, unknown>;
  const fieldTouches = data.plans[0]!.touches as Touch[];
  const deskTouches = data.plans[1]!.touches as Touch[];
  const withPlans = (field: Record<string, unknown>, desk: Record<string, unknown> = {}, ...more: unknown[]): Policy => ({
    ...data,
    plans: [{ ...data.plans[0]!, ...field }, { ...data.plans[1]!, ...desk }, ...more] as Policy['plans'],
  });
  const replaceTouch = (touches: Touch[], index: number, touch: Touch) => touches.map((each, at) => (at === index ? touch : each));

  /** The problems the error names, as [path, message], in the order it names them. */
  function problems(policy: unknown): Array<[string, string]> {
    try {
      parseContactPlanPolicy(policy, 'test plans');
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/^The test plans (is|are) invalid:\n/);
      return [...message.matchAll(/✖ (.*)\n {2}→ at (.*)/g)].map(([, says, path]) => [path!, says!]);
    }
    throw new Error('the policy parsed');
  }

  it('accepts the shipped file as it is', () => {
    expect(parseContactPlanPolicy(data, 'test plans')).toEqual(defaultContactPlans);
  });

  it.each([
    {
      name: 'a first touch with a wait',
      policy: withPlans({ touches: replaceTouch(fieldTouches, 0, { ...fieldTouches[0], wait: { after: 'handoff', businessHours: 1 } }) }),
      expected: [['plans[0].touches[0].wait', 'must be left out: the first touch is due at the first-contact deadline']],
    },
    {
      name: 'a later touch without a wait',
      policy: withPlans({}, { touches: replaceTouch(deskTouches, 3, { channel: 'call', instruction: 'Call.' }) }),
      expected: [['plans[1].touches[3].wait', 'is required: say how long after the handoff or the touch before']],
    },
    {
      name: 'a wait in both business hours and days',
      policy: withPlans({ touches: replaceTouch(fieldTouches, 2, { ...fieldTouches[2], wait: { after: 'previous', businessHours: 4, businessDays: 1 } }) }),
      expected: [['plans[0].touches[2].wait', 'must give businessHours or businessDays, and only one']],
    },
    {
      name: 'a wait in neither business hours nor days',
      policy: withPlans({ touches: replaceTouch(fieldTouches, 2, { ...fieldTouches[2], wait: { after: 'previous' } }) }),
      expected: [['plans[0].touches[2].wait', 'must give businessHours or businessDays, and only one']],
    },
    {
      name: 'two plans with one id',
      policy: withPlans({}, {}, { ...data.plans[0], name: 'Field again' }),
      expected: [['plans[2].id', 'duplicate plan "field"']],
    },
    {
      // The desk plan was the default, so it now also lacks the `when` every other plan needs.
      name: 'a default plan that names no plan',
      policy: { ...data, defaultPlan: 'inside-sales' },
      expected: [
        ['defaultPlan', 'must be the id of one of the plans: field, desk'],
        ['plans[1].when', 'is required on every plan but the default one'],
      ],
    },
    {
      name: 'a plan other than the default without conditions',
      policy: withPlans({ when: undefined }),
      expected: [['plans[0].when', 'is required on every plan but the default one']],
    },
    {
      name: 'an empty when',
      policy: withPlans({ when: {} }),
      expected: [['plans[0].when', 'must name at least one condition (leads that match no plan follow defaultPlan)']],
    },
    {
      name: 'an unknown channel',
      policy: withPlans({ touches: replaceTouch(fieldTouches, 4, { ...fieldTouches[4], channel: 'fax' }) }),
      expected: [['plans[0].touches[4].channel', 'must be one of: call, email, meeting']],
    },
    {
      name: 'a blank instruction',
      policy: withPlans({}, { touches: replaceTouch(deskTouches, 2, { ...deskTouches[2], instruction: '   ' }) }),
      expected: [['plans[1].touches[2].instruction', 'must not be blank']],
    },
    {
      name: 'an unknown channel after the plan',
      policy: { ...data, afterPlan: { ...data.afterPlan, channel: 'letter' } },
      expected: [['afterPlan.channel', 'must be one of: call, email, meeting']],
    },
  ])('refuses $name, naming where', ({ policy, expected }) => {
    expect(problems(policy)).toEqual(expected);
  });

  it('names every problem in the plans, each at its own path', () => {
    const policy = withPlans(
      { touches: replaceTouch(fieldTouches, 4, { ...fieldTouches[4], channel: 'fax' }) },
      { touches: replaceTouch(deskTouches, 2, { ...deskTouches[2], instruction: '' }) },
    );

    expect(problems(policy)).toEqual([
      ['plans[0].touches[4].channel', 'must be one of: call, email, meeting'],
      ['plans[1].touches[2].instruction', 'must not be blank'],
    ]);
  });

  it('reads sources ignoring case and spaces', () => {
    const policy = parseContactPlanPolicy(withPlans({ when: { sources: [' LinkedIn '] } }), 'test plans');

    expect(policy.plans[0]?.when).toEqual({ sources: ['linkedin'] });
  });
});
