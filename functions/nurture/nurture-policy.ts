import * as z from '../platform/zod.ts';
import { parsePolicy, uniqueIds } from '../platform/policy-file.ts';
import { countryCodes } from '../leads/country-codes.ts';
import { CountryCode } from '../routing/rep.ts';
import { temperatures } from '../scoring/temperatures.ts';
import { parseDuration } from '../platform/durations.ts';
import { isTimeZone } from '../platform/time-zones.ts';

const required = (expected: string) => ({ error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : expected) });
const text = z.string(required('must be text'));
const list = <Item extends z.ZodMiniType>(item: Item) =>
  z.array(item, required('must be a list')).check(z.minLength(1, 'must list at least one value'));
const slug = text.check(z.regex(/^[a-z0-9-]+$/, 'use lower-case letters, digits and dashes, such as warm or long-term'));
const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = text.check(z.regex(hhmm, 'must be a time as HH:MM, such as 09:00'));
const atLeastOne = (whole: string) => z.number(required('must be a number')).check(z.int(whole), z.minimum(1, 'must be at least 1'));
const TimeZone = text.check(z.refine(isTimeZone, 'must be an IANA time zone, such as Europe/Berlin'));
const weekday = z
  .number({ error: 'must be a weekday from 1 (Monday) to 7 (Sunday)' })
  .check(
    z.int('must be a weekday from 1 (Monday) to 7 (Sunday)'),
    z.minimum(1, 'must be a weekday from 1 (Monday) to 7 (Sunday)'),
    z.maximum(7, 'must be a weekday from 1 (Monday) to 7 (Sunday)'),
  );

/** Leads that match no track rule get this rule name in the decision. */
export const defaultRuleId = 'default';

/** What a lead must have for a track rule to pick its track. Every condition given must hold. */
const When = z
  .strictObject({
    temperatures: z.optional(list(z.enum(temperatures, { error: `must be one of: ${temperatures.join(', ')}` }))),
    /** Matches when the lead's interest contains one of these, ignoring case: "pricing" matches "Pricing plans". */
    interests: z.optional(list(text.check(z.trim(), z.toLowerCase(), z.minLength(1, 'must not be blank')))),
    countries: z.optional(list(CountryCode)),
    /**
     * `["purchased"]`: the rule picks a track for customers, whom sales closed as
     * purchased. A rule without it is for prospects only: a customer never
     * returns to a prospect track, and gets no track unless a rule names them.
     */
    statuses: z.optional(list(z.enum(['purchased'], { error: 'must be purchased: the only status with a track of its own' }))),
  })
  .check(
    z.refine((when) => Object.values(when).some((value) => value !== undefined), {
      message: 'must name at least one condition (leads that match no rule get defaultTrack)',
    }),
  );

const TrackRule = z.strictObject({
  id: slug.check(z.refine((id) => id !== defaultRuleId, `"${defaultRuleId}" names leads that match no rule; choose another id`)),
  /** The sequence of tips the lead receives. */
  track: slug,
  when: When,
});
export type TrackRule = z.infer<typeof TrackRule>;

/** When tips may go out, in the lead's local time. */
const SendWindow = z
  .strictObject({
    start: time,
    /** The first minute that is no longer inside: 17:00 allows 16:59 but not 17:00. */
    end: time,
    /** ISO weekdays: 1 is Monday, 7 is Sunday. */
    days: list(weekday),
  })
  .check(
    z.superRefine((window, ctx) => {
      // A malformed time is reported on its own; comparing it would only add a second, confusing message.
      if (hhmm.test(window.start) && hhmm.test(window.end) && window.end <= window.start) {
        ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after start (windows past midnight are not supported)' });
      }
      if (new Set(window.days).size !== window.days.length) {
        ctx.addIssue({ code: 'custom', path: ['days'], message: 'must not repeat a day' });
      }
    }),
  );
export type SendWindow = z.infer<typeof SendWindow>;

/** At most `maxEmails` marketing emails to one person in any `perDays` days, counting every sequence. */
const FrequencyCap = z.strictObject({
  maxEmails: atLeastOne('must be a whole number'),
  perDays: atLeastOne('must be a whole number of days'),
});
export type FrequencyCap = z.infer<typeof FrequencyCap>;

// Parsed the way the code that waits will parse it, so what passes here cannot fail there.
const RetryDelay = text.check(
  z.superRefine((duration, ctx) => {
    let ms: number;
    try {
      ms = parseDuration(duration);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 duration in weeks, days, hours or minutes, such as P3D or PT12H' });
      return;
    }
    if (ms <= 0) ctx.addIssue({ code: 'custom', message: 'must be longer than zero' });
  }),
);

/** Where leads that gave no time zone are reached: by their country, else `default`. */
const TimeZones = z.strictObject(
  {
    default: TimeZone,
    /** Countries spanning several zones get the zone most of their people live in. */
    byCountry: z.record(z.string(), TimeZone, required('must map country codes to time zones')).check(
      z.superRefine((zones, ctx) => {
        for (const country of Object.keys(zones).filter((key) => !countryCodes.has(key))) {
          ctx.addIssue({ code: 'custom', path: [country], message: 'must be a two-letter ISO 3166-1 country code in capitals, such as DE or US' });
        }
      }),
    ),
  },
  required('must be an object'),
);

const Rate = z.number(required('must be a number')).check(z.gt(0, 'must be more than 0'), z.lte(1, 'must be a share between 0 and 1, such as 0.03 for 3%'));

/**
 * When marketing's own figures put the sender's reputation at risk, its sends
 * pause until a manager resumes them: well below the rates at which AWS
 * reviews an SES account (5% bounces, 0.1% complaints) and under Gmail's
 * and Yahoo's 0.3% complaints.
 */
const Brake = z.strictObject(
  {
    /** Permanent bounces per send over the window that pause marketing. */
    bounceRate: z._default(Rate, 0.03),
    /** Complaints per send over the window that pause marketing. */
    complaintRate: z._default(Rate, 0.0008),
    /** The rolling window the rates are counted over, in days of SES events. */
    windowDays: z._default(atLeastOne('must be a whole number of days'), 7),
    /** Fewer sends than this in the window say too little to judge; the brake waits. */
    minimumSends: z._default(atLeastOne('must be a whole number'), 50),
  },
  required('must be an object'),
);
export type Brake = z.infer<typeof Brake>;

/**
 * How warm leads are nurtured: which track of tips a lead follows, when and
 * how often tips may go out, and who must confirm their address first.
 */
export const NurturePolicy = z
  .strictObject({
    version: text.check(z.minLength(1, 'must not be blank')),
    /** Checked in order; the first match wins. */
    tracks: z.array(TrackRule, required('must be a list of track rules')),
    /** The track of leads that match no rule. */
    defaultTrack: slug,
    /** Where a lead continues after its track's last step: nobody is taken off the list for having read every tip. */
    longTermTrack: slug,
    sendWindow: z._default(SendWindow, { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] }),
    frequencyCap: z._default(FrequencyCap, { maxEmails: 2, perDays: 7 }),
    /** Leads from these countries, and leads of unknown country, get tips only after confirming their address. */
    doubleOptIn: z.strictObject({ countries: z.array(CountryCode, required('must be a list of country codes')) }, required('must be an object')),
    timeZones: TimeZones,
    /** How long after a transient bounce the send is tried again. */
    transientBounceRetry: z._default(RetryDelay, 'P3D'),
    brake: z._default(Brake, { bounceRate: 0.03, complaintRate: 0.0008, windowDays: 7, minimumSends: 50 }),
  })
  .check(uniqueIds('tracks', 'rule id'));
export type NurturePolicy = z.infer<typeof NurturePolicy>;

/** Parses a nurture policy, failing with every problem named by its path. */
export function parseNurturePolicy(data: unknown, origin = 'nurture policy'): NurturePolicy {
  return parsePolicy(NurturePolicy, data, origin);
}
