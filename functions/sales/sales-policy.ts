import * as z from '../platform/zod.ts';
import { parsePolicy, uniqueIds } from '../platform/policy-file.ts';
import { isTimeZone } from '../platform/time-zones.ts';

const required = (expected: string) => ({ error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : expected) });
const text = z.string(required('must be text'));
const slug = text.check(z.regex(/^[a-z0-9-]+$/, 'use lower-case letters, digits and dashes, such as no-budget-now'));
const label = text.check(z.trim(), z.minLength(1, 'must not be blank'), z.maxLength(60, 'must be at most 60 characters'));
const time = text.check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM, such as 08:00'));
const wholeDays = z.number(required('must be a number')).check(z.int('must be a whole number of days'), z.minimum(1, 'must be at least 1'));
const positive = z.number(required('must be a number')).check(z.positive('must be more than 0'));
const weekday = z
  .number({ error: 'must be a weekday from 1 (Monday) to 7 (Sunday)' })
  .check(
    z.int('must be a weekday from 1 (Monday) to 7 (Sunday)'),
    z.minimum(1, 'must be a weekday from 1 (Monday) to 7 (Sunday)'),
    z.maximum(7, 'must be a weekday from 1 (Monday) to 7 (Sunday)'),
  );

/**
 * The review's own in-progress categories, next to the hold-back categories of
 * the policy: a lead nobody has contacted yet, and one whose rep has not said
 * what holds it back (or named a category the policy no longer lists).
 */
export const awaitingFirstContact = { id: 'awaiting-first-contact', label: 'Awaiting first contact' } as const;
export const notCategorised = { id: 'not-categorised', label: 'Not categorised' } as const;
const reservedIds: ReadonlySet<string> = new Set([awaitingFirstContact.id, notCategorised.id]);

/** What holds an in-progress customer back from buying, as the rep records it. */
const HoldBackCategory = z.strictObject({
  id: slug.check(z.refine((id) => !reservedIds.has(id), `is kept for the review itself (${[...reservedIds].join(', ')}); choose another id`)),
  /** How managers read it in the review: "Waiting for approval". */
  label,
});
export type HoldBackCategory = z.infer<typeof HoldBackCategory>;

/** Why a lead said no, as the rep records it. */
const NotInterestedReason = z.strictObject({
  id: slug,
  label,
  /** The lead goes back to marketing's tips (if they consented to them) rather than being left alone for good. */
  returnToNurture: z.boolean(required('must be true or false')),
});
export type NotInterestedReason = z.infer<typeof NotInterestedReason>;

/** What marketing must deliver for sales to meet its numbers, per territory and week. */
const Quota = z
  .strictObject({
    /** Raw inquiries it takes, on average, to make one sale. */
    inquiriesPerSale: z._default(positive, 10),
    /** Qualified (hot) leads it takes, on average, to make one sale. */
    qualifiedPerSale: z._default(positive, 5),
    /** Sales a rep is expected to close each week. */
    expectedSalesPerRepPerWeek: z._default(positive, 1),
    /** How far (as a share) a territory may be from its need and still be on target: 0.2 is ±20%. */
    onTargetWithin: z._default(
      z.number(required('must be a number')).check(z.minimum(0, 'must be at least 0'), z.maximum(1, 'must be at most 1')),
      0.2,
    ),
  })
  .check(
    z.refine((quota) => quota.qualifiedPerSale <= quota.inquiriesPerSale, {
      path: ['qualifiedPerSale'],
      message: 'must be at most inquiriesPerSale: every qualified lead is also an inquiry',
    }),
  );

/** The weekly lead review: when it goes out and what counts as neglect. */
const Review = z
  .strictObject({
    /** IANA time zone the week runs in: Monday 00:00 to Monday 00:00 there. */
    timeZone: z._default(text.check(z.refine(isTimeZone, 'must be an IANA time zone, such as Europe/Berlin')), 'Europe/Berlin'),
    /** When managers receive the review of the week just ended, in `timeZone`. */
    sendAt: z._default(z.strictObject({ weekday, time }), { weekday: 1, time: '08:00' }),
    /** An open lead with no logged progress for this many days is stale: the rep is in follow-up debt. */
    staleAfterDays: z._default(wholeDays, 7),
    /** A lead closed as not interested after at most this many contacts was given up early. */
    givenUpAfterContacts: z._default(
      z.number(required('must be a number')).check(z.int('must be a whole number'), z.minimum(0, 'must be at least 0')),
      2,
    ),
    quota: z.prefault(Quota, {}),
    hygiene: z.prefault(
      z.strictObject({
        /** An open lead with no activity of any kind for this many days is clutter to clean up or reassign. */
        staleAfterDays: z._default(wholeDays, 30),
      }),
      {},
    ),
  })
  .check(
    z.refine((review) => review.hygiene.staleAfterDays >= review.staleAfterDays, {
      path: ['hygiene', 'staleAfterDays'],
      message: 'must be at least review.staleAfterDays: a lead with no activity at all has made no progress either',
    }),
  );

/**
 * How sales records where a lead stands, and how the weekly review judges it.
 * Categories and reasons are data so that managers can rename and add them
 * without a release; the ids are what leads store.
 */
export const SalesPolicy = z
  .strictObject({
    version: text.check(z.minLength(1, 'must not be blank')),
    holdBackCategories: z.array(HoldBackCategory, required('must be a list')).check(z.minLength(1, 'must list at least one category')),
    notInterestedReasons: z.array(NotInterestedReason, required('must be a list')).check(z.minLength(1, 'must list at least one reason')),
    review: z.prefault(Review, {}),
  })
  .check(uniqueIds(['holdBackCategories', 'notInterestedReasons']));
export type SalesPolicy = z.infer<typeof SalesPolicy>;

/** Parses a sales policy, failing with every problem named by its path. */
export function parseSalesPolicy(data: unknown, origin = 'sales policy'): SalesPolicy {
  return parsePolicy(SalesPolicy, data, origin);
}
