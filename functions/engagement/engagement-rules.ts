import * as z from '../platform/zod.ts';
import { anObject, parsePolicy, uniqueIds } from '../platform/policy-file.ts';

const required = (expected: string) => ({ error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : expected) });
const text = z.string(required('must be text'));
const list = <Item extends z.ZodMiniType>(item: Item) => z.array(item, required('must be a list'));

// signalPoints gives plain opens and clicks these rule names; a link rule named alike would merge with them in the score.
const plainRules = ['open', 'click'] as const;

const Pattern = text.check(
  z.minLength(1, 'must not be blank'),
  z.refine((source) => {
    try {
      new RegExp(source, 'iu');
      return true;
    } catch {
      return false;
    }
  }, 'must be a valid regular expression'),
);

const Points = z
  .number(required('must be a number'))
  .check(z.int('must be a whole number'), z.minimum(0, 'must not be negative'), z.maximum(100, 'must be at most 100'));

const Cap = z.number(required('must be a number')).check(z.int('must be a whole number'), z.minimum(1, 'must be at least 1'));
const Seconds = z.number(required('must be a number of seconds')).check(z.minimum(0, 'must not be negative'));

const HighIntentLink = z.strictObject({
  id: text.check(
    z.regex(/^[a-z0-9-]+$/, 'use lower-case letters, digits and dashes, such as pricing or case-study'),
    z.refine((id) => !(plainRules as readonly string[]).includes(id), `"open" and "click" name plain signals; choose another id`),
  ),
  /** Matched, ignoring case, anywhere in the clicked URL, so a rule can name a path (/pricing) or a host (calendly.com/acme). */
  pattern: Pattern,
  points: Points,
  /** Shown to reps in the score's explanation. */
  reason: text.check(z.minLength(1, 'must not be blank')),
});

/**
 * Machines that fetch the tracking pixel for the reader, whether or not anyone
 * reads. Where they fetch from is not a rule but published data: the
 * privacy-proxy lists of functions/engagement/networks/.
 */
const PrivacyProxy = z.strictObject(
  {
    /** Checked on opens only. Apple's proxy sends a bare "Mozilla/5.0", which no browser or mail client sends. */
    userAgentPatterns: list(Pattern),
    /** An open sooner than this after delivery is a prefetch, whoever sends it: nobody has read the email yet. */
    opensWithinSecondsOfDelivery: z._default(Seconds, 10),
  },
  anObject,
);

/** Burst: this many different links clicked within this many seconds is a scanner following every link. */
const Burst = z.strictObject({
  distinctLinks: z
    .number(required('must be a number'))
    .check(z.int('must be a whole number'), z.minimum(2, 'must be at least 2: one link clicked is no burst')),
  withinSeconds: z.number(required('must be a number of seconds')).check(z.positive('must be more than 0')),
});

/** Security gateways and scripts that follow links, and often render the email, before any person does. */
const Scanners = z.strictObject(
  {
    /** Checked on opens and clicks: programs that name themselves (link previews, URL-reputation services, scripts). */
    userAgentPatterns: list(Pattern),
    /** Also treat as scanners the user agents of the isbot package's list (pinned in package.json). */
    knownBots: z._default(z.boolean(required('must be true or false')), true),
    /** Checked on clicks only: programs a person reads mail with that also fetch a link by themselves before the browser opens it. */
    linkCheckerPatterns: z._default(list(Pattern), []),
    /** A click sooner than this after delivery is a gateway checking the link, unless a person opened the email first. */
    clicksWithinSecondsOfDelivery: z._default(Seconds, 10),
    burst: z._default(Burst, { distinctLinks: 3, withinSeconds: 5 }),
    /** A click followed this soon by a person's click on the same link from another address is the gateway that let it through. */
    sameLinkWithinSeconds: z._default(Seconds, 10),
    /**
     * The same link fetched again this soon after a person's click, later than `sameLinkWithinSeconds`,
     * from another kind of device: a scanner re-checking what the person clicked (nobody changes computer that fast).
     */
    recheckWithinSeconds: z._default(Seconds, 60),
  },
  anObject,
);

/** What people read mail with: their opens count even right after delivery. */
const People = z.strictObject(
  {
    /** Mail clients (Apple Mail, Outlook, Thunderbird): an open by one is a person reading. */
    mailClientPatterns: list(Pattern),
    /** Webmail's image proxies (Gmail, Yahoo): they fetch the images when the person opens the email. */
    imageProxyPatterns: list(Pattern),
    /** The same proxy fetching the same email's images again this soon is a retry, not a second reading. */
    repeatFetchWithinSeconds: z._default(Seconds, 10),
    /** Browsers: people click with them; an open by one this soon after delivery is a gateway rendering the email. */
    browserPatterns: list(Pattern),
    browserOpensWithinSecondsOfDelivery: z._default(Seconds, 60),
  },
  anObject,
);

/**
 * How opens and clicks on nurture emails become engagement points: which
 * signals a person made, what each is worth, how much one email or one day
 * can add, and how fast points fade.
 */
export const EngagementRules = z
  .strictObject({
    version: text.check(z.minLength(1, 'must not be blank')),
    /** Raw points of a plain open and of a click on a link no high-intent rule matches. */
    points: z._default(z.strictObject({ open: Points, click: Points }), { open: 3, click: 8 }),
    /** Checked in order; the first match gives the click its points instead of `points.click`. */
    highIntentLinks: list(HighIntentLink),
    /**
     * Raw points one email, and one UTC day, can add at most: one enthusiastic
     * reader cannot jump from cold to hot by reloading.
     */
    caps: z._default(z.strictObject({ perEmail: Cap, perDay: Cap }), { perEmail: 30, perDay: 40 }),
    /** Days after which a signal counts half; interest fades. */
    halfLifeDays: z._default(z.number(required('must be a number of days')).check(z.positive('must be more than 0')), 30),
    machine: z.strictObject({ privacyProxy: PrivacyProxy, scanners: Scanners, people: People }, anObject),
  })
  .check(uniqueIds('highIntentLinks', 'rule id'));
export type EngagementRules = z.infer<typeof EngagementRules>;

/** Parses engagement rules, failing with every problem named by its path. */
export function parseEngagementRules(data: unknown, origin = 'engagement rules'): EngagementRules {
  return parsePolicy(EngagementRules, data, origin, { plural: true });
}
