import * as z from '../platform/zod.ts';
import { isTimeZone } from '../platform/time-zones.ts';
import { countryCodes } from '../leads/country-codes.ts';

const slugMessage = 'use lower-case letters, digits and dashes, such as';

/** A team's name as rules and reps spell it, such as `field` or `desk`. */
export const TeamId = z
  .string({ error: 'must name a team' })
  .check(z.minLength(1, { error: 'must name a team', abort: true }), z.regex(/^[a-z0-9-]+$/, `${slugMessage} field`));
export type TeamId = z.infer<typeof TeamId>;

export const CountryCode = z
  .string({ error: 'must be a country code' })
  .check(
    z.trim(),
    z.toUpperCase(),
    z.refine((code) => countryCodes.has(code), 'must be a two-letter ISO 3166-1 country code, such as DE or US'),
  );
export type CountryCode = z.infer<typeof CountryCode>;

/** Where a rep sells: a whole country, or one region of it. */
export const Territory = z.object({
  country: CountryCode,
  /** Compared with the lead's region ignoring case; absent means the whole country. */
  region: z.optional(
    z.string({ error: 'must be text' }).check(z.trim(), z.minLength(1, 'must not be blank'), z.maxLength(100, 'must be at most 100 characters')),
  ),
});
export type Territory = z.infer<typeof Territory>;

const count = (min: number) =>
  z.number({ error: 'must be a number' }).check(z.int('must be a whole number'), z.minimum(min, `must be at least ${min}`));

/** A sales rep who can be given leads. */
export const Rep = z.object({
  repId: z.string({ error: 'must be text' }).check(z.regex(/^[a-z0-9-]+$/, `${slugMessage} anna-schmidt`)),
  name: z.string({ error: 'must be text' }).check(z.trim(), z.minLength(1, 'must not be blank'), z.maxLength(100, 'must be at most 100 characters')),
  email: z.email({ error: 'must be a valid email address' }).check(z.toLowerCase()),
  /** Told when the rep misses a deadline. */
  managerEmail: z.email({ error: 'must be a valid email address' }).check(z.toLowerCase()),
  team: TeamId,
  /** An empty list takes any lead of the team that no territory rep covers. */
  territories: z.array(Territory, { error: 'must be a list of territories' }),
  /** Inactive reps (on leave, departed) get no new leads. */
  active: z.boolean({ error: 'must be true or false' }),
  /** Most open leads the rep may hold at once. */
  capacity: count(1),
  /** Share of the team's rotation: a rep of weight 2 gets twice the leads of a rep of weight 1. */
  weight: count(1),
  /** IANA time zone, for business hours and deadlines. */
  timezone: z.string({ error: 'must be text' }).check(z.refine(isTimeZone, 'must be an IANA time zone, such as Europe/Berlin')),
});
export type Rep = z.infer<typeof Rep>;
