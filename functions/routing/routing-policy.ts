import * as z from '../platform/zod.ts';
import { parsePolicy, uniqueIds } from '../platform/policy-file.ts';
import { authorities, budgets } from '../leads/vocabulary.ts';
import { temperatures } from '../scoring/temperatures.ts';
import { CountryCode, TeamId } from './rep.ts';

const list = <Item extends z.ZodMiniType>(item: Item) => z.array(item).check(z.minLength(1, 'must list at least one value'));
const minutes = z.number({ error: 'must be a number' }).check(z.int('must be a whole number of minutes'), z.minimum(1, 'must be at least 1'));
const time = z.string({ error: 'must be text' }).check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM, such as 09:00'));

/**
 * What a lead must have for a team rule to pick its team. Every condition
 * given must hold; a condition left out does not matter.
 */
const When = z
  .strictObject({
    /** Score total at least this. */
    minScore: z.optional(z.number({ error: 'must be a number' })),
    temperatures: z.optional(list(z.enum(temperatures, { error: `must be one of: ${temperatures.join(', ')}` }))),
    budgets: z.optional(list(z.enum(budgets, { error: `must be one of: ${budgets.join(', ')}` }))),
    countries: z.optional(list(CountryCode)),
    /** Compared with the lead's interest ignoring case. */
    interests: z.optional(list(z.string().check(z.trim(), z.toLowerCase(), z.minLength(1, 'must not be blank')))),
    authorities: z.optional(list(z.enum(authorities, { error: `must be one of: ${authorities.join(', ')}` }))),
  })
  .check(
    z.refine((when) => Object.values(when).some((value) => value !== undefined), {
      message: 'must name at least one condition (leads that match no rule go to defaultTeam)',
    }),
  );

const TeamRule = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9-]+$/, 'use lower-case letters, digits and dashes')),
  /** A team with no reps yet is allowed: its leads go to the fallback queue. */
  team: TeamId,
  /** Says why the lead matters, for the routing reason: "High-value lead". */
  reason: z.string().check(z.trim(), z.minLength(1, 'must not be blank')),
  when: When,
});
export type TeamRule = z.infer<typeof TeamRule>;

const BusinessHours = z
  .strictObject({
    start: time,
    end: time,
    /** ISO weekdays: 1 is Monday, 7 is Sunday. */
    days: list(
      z
        .number()
        .check(z.int(), z.minimum(1, 'must be a weekday from 1 (Monday) to 7 (Sunday)'), z.maximum(7, 'must be a weekday from 1 (Monday) to 7 (Sunday)')),
    ),
  })
  .check(
    z.superRefine((business, ctx) => {
      if (business.end <= business.start) {
        ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after start (hours past midnight are not supported)' });
      }
      if (new Set(business.days).size !== business.days.length) {
        ctx.addIssue({ code: 'custom', path: ['days'], message: 'must not repeat a day' });
      }
    }),
  );

/**
 * Who gets a lead. The first team rule that matches picks the team, else
 * `defaultTeam`. Within the team only reps who are active, below capacity,
 * not in follow-up debt and not excluded are eligible. Among those, reps whose
 * territory names the lead's country and region come first, then reps who
 * cover the whole country, then reps without a territory; a weighted
 * rotation picks one rep of the first group that has any. When no group
 * has anyone, the lead goes to the fallback queue, so that a territory
 * nobody covers shows up instead of landing on a random rep.
 */
export const RoutingPolicy = z
  .strictObject({
    version: z.string().check(z.minLength(1, 'must not be blank')),
    /** Checked in order; the first match wins. */
    teams: z.array(TeamRule),
    defaultTeam: TeamId,
    followUpDebt: z.strictObject({
      /** An open lead with no logged progress for this long is stale. */
      staleAfterDays: z.number().check(z.int('must be a whole number of days'), z.minimum(1, 'must be at least 1')),
      /** A lead whose next step (from its contact plan) is overdue by this many hours counts as stale too. */
      overdueStepAfterHours: z._default(z.number({ error: 'must be a number' }).check(z.int('must be a whole number of hours'), z.minimum(0, 'must be at least 0')), 24),
      /** A rep with more stale leads than this gets no new ones until they catch up. */
      maxStaleLeads: z.number().check(z.int('must be a whole number'), z.minimum(0, 'must be at least 0')),
    }),
    /** Where a lead goes when no rep is eligible: a queue, and a person who is told. */
    fallback: z.strictObject({
      queue: z.string().check(z.regex(/^[a-z0-9-]+$/, 'use lower-case letters, digits and dashes')),
      notifyEmail: z.email({ error: 'must be a valid email address' }),
    }),
    /**
     * How fast a hot lead must be contacted. The evidence is blunt: the first
     * firm to respond wins most sales, and a call within minutes qualifies many
     * times more leads than one a day later. Counted in business minutes.
     */
    firstContact: z
      .strictObject({
        /** First contact is due this long after the handoff; the rep is reminded then. */
        dueAfterMinutes: z._default(minutes, 60),
        /** The rep's manager hears of the miss this long after the handoff. */
        escalateAfterMinutes: z._default(minutes, 120),
        /** The lead goes to another rep this long after the handoff. */
        reassignAfterMinutes: z._default(minutes, 240),
        /** After this many missed deadlines in one hot episode the lead stops moving between reps and waits in the manager's queue. */
        maxMissedDeadlines: z._default(z.number({ error: 'must be a number' }).check(z.int('must be a whole number'), z.minimum(1, 'must be at least 1')), 2),
        /** When set, deadlines count only these hours, in the owner's time zone. */
        businessHours: z.optional(BusinessHours),
      })
      .check(
        z.superRefine((first, ctx) => {
          if (first.escalateAfterMinutes <= first.dueAfterMinutes) {
            ctx.addIssue({ code: 'custom', path: ['escalateAfterMinutes'], message: 'must be more than dueAfterMinutes: the rep is reminded before the manager hears of it' });
          }
          if (first.reassignAfterMinutes <= first.escalateAfterMinutes) {
            ctx.addIssue({ code: 'custom', path: ['reassignAfterMinutes'], message: 'must be more than escalateAfterMinutes: the manager hears of a miss before the lead moves' });
          }
        }),
      ),
  })
  .check(uniqueIds('teams', 'rule id'));
export type RoutingPolicy = z.infer<typeof RoutingPolicy>;

/** Parses a routing policy, failing with every problem named by its path. */
export function parseRoutingPolicy(data: unknown, origin = 'routing policy'): RoutingPolicy {
  return parsePolicy(RoutingPolicy, data, origin);
}
