import { describe, expect, it } from 'vitest';
import { defaultSalesPolicy } from '../../../functions/sales/default-policy.ts';
import data from '../../../functions/sales/default-sales-policy.json' with { type: 'json' };
import { parseSalesPolicy } from '../../../functions/sales/sales-policy.ts';

const review = data.review;

describe('parseSalesPolicy', () => {
  it('accepts the shipped policy: six hold-backs, six reasons, the review on Monday 08:00 in Berlin', () => {
    expect(defaultSalesPolicy.holdBackCategories.map(({ id }) => id)).toEqual(['budget', 'timing', 'authority', 'need-unclear', 'evaluating-competitor', 'no-response-yet']);
    expect(Object.fromEntries(defaultSalesPolicy.notInterestedReasons.map(({ id, returnToNurture }) => [id, returnToNurture]))).toEqual({
      'no-budget-now': true,
      'bought-elsewhere': true,
      'timing-later': true,
      'not-a-fit': false,
      unreachable: true,
      'do-not-contact': false,
    });
    expect(defaultSalesPolicy.review).toEqual({
      timeZone: 'Europe/Berlin',
      sendAt: { weekday: 1, time: '08:00' },
      staleAfterDays: 7,
      givenUpAfterContacts: 2,
      quota: { inquiriesPerSale: 10, qualifiedPerSale: 5, expectedSalesPerRepPerWeek: 1, onTargetWithin: 0.2 },
      hygiene: { staleAfterDays: 30 },
    });
  });

  it('fills every review setting left out with its default', () => {
    const { review: _left, ...rest } = data;

    const policy = parseSalesPolicy(rest);

    expect(policy.review).toEqual(defaultSalesPolicy.review);
  });

  it('fills the settings left out of a partial quota', () => {
    const policy = parseSalesPolicy({ ...data, review: { ...review, quota: { inquiriesPerSale: 20 } } });

    expect(policy.review.quota).toEqual({ inquiriesPerSale: 20, qualifiedPerSale: 5, expectedSalesPerRepPerWeek: 1, onTargetWithin: 0.2 });
  });

  it.each([
    { name: 'a category id with capitals', change: { holdBackCategories: [{ id: 'Budget', label: 'Budget' }] }, says: 'holdBackCategories[0].id' },
    { name: 'a blank label', change: { holdBackCategories: [{ id: 'budget', label: ' ' }] }, says: 'must not be blank' },
    { name: 'no categories', change: { holdBackCategories: [] }, says: 'must list at least one category' },
    { name: 'a category the review keeps for itself', change: { holdBackCategories: [{ id: 'not-categorised', label: 'Other' }] }, says: 'is kept for the review itself' },
    { name: 'the same category twice', change: { holdBackCategories: [{ id: 'budget', label: 'A' }, { id: 'budget', label: 'B' }] }, says: 'duplicate id "budget"' },
    { name: 'a reason without returnToNurture', change: { notInterestedReasons: [{ id: 'not-a-fit', label: 'Not a fit' }] }, says: 'notInterestedReasons[0].returnToNurture' },
    { name: 'the same reason twice', change: { notInterestedReasons: [data.notInterestedReasons[0], data.notInterestedReasons[0]] }, says: 'duplicate id "no-budget-now"' },
    { name: 'an unknown time zone', change: { review: { ...review, timeZone: 'Europe/Atlantis' } }, says: 'must be an IANA time zone' },
    { name: 'a weekday 8', change: { review: { ...review, sendAt: { weekday: 8, time: '08:00' } } }, says: 'review.sendAt.weekday' },
    { name: 'a time without two-digit hours', change: { review: { ...review, sendAt: { weekday: 1, time: '8:00' } } }, says: 'must be a time as HH:MM' },
    { name: 'stale after part of a day', change: { review: { ...review, staleAfterDays: 0.5 } }, says: 'must be a whole number of days' },
    { name: 'negative contacts', change: { review: { ...review, givenUpAfterContacts: -1 } }, says: 'review.givenUpAfterContacts' },
    { name: 'no sales expected', change: { review: { ...review, quota: { ...review.quota, expectedSalesPerRepPerWeek: 0 } } }, says: 'must be more than 0' },
    { name: 'more qualified leads than inquiries per sale', change: { review: { ...review, quota: { ...review.quota, qualifiedPerSale: 12 } } }, says: 'review.quota.qualifiedPerSale' },
    { name: 'a tolerance over 100%', change: { review: { ...review, quota: { ...review.quota, onTargetWithin: 1.5 } } }, says: 'must be at most 1' },
    { name: 'hygiene sooner than follow-up debt', change: { review: { ...review, hygiene: { staleAfterDays: 5 } } }, says: 'review.hygiene.staleAfterDays' },
    { name: 'an unknown setting', change: { review: { ...review, sendOn: 'Monday' } }, says: 'sendOn' },
  ])('rejects $name, naming where', ({ change, says }) => {
    expect(() => parseSalesPolicy({ ...data, ...change }, 'test policy')).toThrow(says);
  });

  it('names the file it read in the error', () => {
    expect(() => parseSalesPolicy({}, 'sales policy (my-file.json)')).toThrow('The sales policy (my-file.json) is invalid');
  });
});
