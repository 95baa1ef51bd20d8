import { budgets, channels } from '../leads/vocabulary.ts';
import { parsePolicy, uniqueIds } from '../platform/policy-file.ts';
import * as z from '../platform/zod.ts';
import { TeamId } from '../routing/rep.ts';

const slug = z.string().check(z.regex(/^[a-z0-9-]+$/, 'use lower-case letters, digits and dashes'));
const list = <Item extends z.ZodMiniType>(item: Item) => z.array(item).check(z.minLength(1, 'must list at least one value'));
const whole = (min: number, unit: string) => z.number({ error: 'must be a number' }).check(z.int(`must be a whole number of ${unit}`), z.minimum(min, `must be at least ${min}`));
const Channel = z.enum(channels, { error: `must be one of: ${channels.join(', ')}` });
const Instruction = z.string({ error: 'must be text' }).check(z.trim(), z.minLength(1, 'must not be blank'), z.maxLength(200, 'must be one line: at most 200 characters'));

/**
 * How long after its start a touch is due, in the owner's business hours and
 * time zone (plain hours and days where the routing policy sets no business
 * hours). A business day is one day's opening hours. `after` counts from the
 * handoff, or from when the touch before was done or skipped.
 */
const Wait = z
  .strictObject({
    after: z.enum(['handoff', 'previous'], { error: 'must be handoff or previous' }),
    businessHours: z.optional(whole(1, 'hours')),
    businessDays: z.optional(whole(1, 'days')),
  })
  .check(
    z.refine((wait) => (wait.businessHours === undefined) !== (wait.businessDays === undefined), {
      message: 'must give businessHours or businessDays, and only one',
    }),
  );
export type Wait = z.infer<typeof Wait>;

const Touch = z.strictObject({
  channel: Channel,
  /** What the rep does, in one line: "Call; if no answer, leave a voicemail naming the guide they read". */
  instruction: Instruction,
  /** Absent on the first touch only: it is due at the first-contact deadline. */
  wait: z.optional(Wait),
});

/** Which leads a plan is for: every condition given must hold. */
const When = z
  .strictObject({
    /** The team the lead was routed to. */
    teams: z.optional(list(TeamId)),
    /** Score total at least this. */
    minScore: z.optional(z.number({ error: 'must be a number' })),
    budgets: z.optional(list(z.enum(budgets, { error: `must be one of: ${budgets.join(', ')}` }))),
    /** The campaign source of the lead's first submission (utm_source), compared ignoring case. */
    sources: z.optional(list(z.string().check(z.trim(), z.toLowerCase(), z.minLength(1, 'must not be blank')))),
  })
  .check(
    z.refine((when) => Object.values(when).some((value) => value !== undefined), {
      message: 'must name at least one condition (leads that match no plan follow defaultPlan)',
    }),
  );

const Plan = z
  .strictObject({
    id: slug,
    /** How the desk and the review name the plan: "Field: 8 touches over 3 weeks". */
    name: z.string().check(z.trim(), z.minLength(1, 'must not be blank')),
    /** Absent on the default plan, which takes every lead no other plan takes. */
    when: z.optional(When),
    touches: z.array(Touch).check(z.minLength(1, 'must have at least one touch'), z.maxLength(20, 'must have at most 20 touches')),
  })
  .check(
    z.superRefine((plan, ctx) => {
      plan.touches.forEach((touch, index) => {
        if (index === 0 && touch.wait) ctx.addIssue({ code: 'custom', path: ['touches', 0, 'wait'], message: 'must be left out: the first touch is due at the first-contact deadline' });
        if (index > 0 && !touch.wait) ctx.addIssue({ code: 'custom', path: ['touches', index, 'wait'], message: 'is required: say how long after the handoff or the touch before' });
      });
    }),
  );
export type Plan = z.infer<typeof Plan>;

/**
 * The contact plans sales follows: most sales take five to twelve contacts,
 * yet most reps stop after two. A hot lead gets the first plan whose `when`
 * matches it (else `defaultPlan`), and with it always one next step.
 */
export const ContactPlanPolicy = z
  .strictObject({
    version: z.string().check(z.minLength(1, 'must not be blank')),
    plans: list(Plan),
    defaultPlan: slug,
    /** The next step once the plan's touches are all done and the lead is still open. */
    afterPlan: z.strictObject({ channel: Channel, instruction: Instruction, wait: Wait }),
    /** A check-in with a customer, for the rep who sold: how the purchase is going, who else could use it. */
    purchased: z.strictObject({ checkInAfterDays: whole(1, 'days'), channel: Channel, instruction: Instruction }),
    /** When each rep's list of the day's touches is emailed, in the rep's time zone, on business days. */
    morningList: z.strictObject({ at: z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM, such as 08:30')) }),
  })
  .check(
    uniqueIds('plans', 'plan'),
    z.superRefine((policy, ctx) => {
      const fallback = policy.plans.findIndex((plan) => plan.id === policy.defaultPlan);
      if (fallback < 0) ctx.addIssue({ code: 'custom', path: ['defaultPlan'], message: `must be the id of one of the plans: ${policy.plans.map((plan) => plan.id).join(', ')}` });
      policy.plans.forEach((plan, index) => {
        if (index !== fallback && !plan.when) ctx.addIssue({ code: 'custom', path: ['plans', index, 'when'], message: 'is required on every plan but the default one' });
      });
    }),
  );
export type ContactPlanPolicy = z.infer<typeof ContactPlanPolicy>;

export function parseContactPlanPolicy(data: unknown, origin: string): ContactPlanPolicy {
  return parsePolicy(ContactPlanPolicy, data, origin, { plural: true });
}
