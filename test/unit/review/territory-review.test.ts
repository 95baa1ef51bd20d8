import { describe, expect, it } from 'vitest';
import type { ReviewLead } from '../../../functions/review/review-input.ts';
import { reviewTerritories } from '../../../functions/review/territory-review.ts';
import { defaultSalesPolicy } from '../../../functions/sales/default-policy.ts';
import { parseSalesPolicy } from '../../../functions/sales/sales-policy.ts';
import { reps as roster } from './weekly-review-fixture.ts';

const captured = (count: number, country: string | undefined, hot: number): ReviewLead[] =>
  Array.from({ length: count }, (_, index) => ({
    leadId: `${country}-${index}`, name: 'X', email: `${country}-${index}@example.com`, capturedAt: '2026-11-25T09:00:00.000Z', status: 'new', temperature: 'warm',
    capturedTemperature: 'warm', updatedAt: '2026-11-25T09:00:00.000Z', contactCount: 0, contactsInWeek: [], hotEpisode: index < hot ? 1 : 0, tipsBeforeHot: [],
    nurtured: false, source: {}, ...(country ? { country } : {}),
  }));
const withoutEve = roster.filter(({ repId }) => repId !== 'eve');

describe('reviewTerritories', () => {
  it('calls leads that no rep covers, and no rep without a territory takes, uncovered', () => {
    const rows = reviewTerritories(withoutEve, captured(4, 'IT', 1), defaultSalesPolicy);

    expect(rows.at(-1)).toMatchObject({ label: 'Other countries', reps: [], inquiries: 4, inquiriesNeeded: 0, verdict: 'uncovered' });
  });

  it('counts only active reps as covering a territory: Dora has left DE', () => {
    const rows = reviewTerritories(withoutEve, captured(10, 'DE', 5), defaultSalesPolicy);

    expect(rows.find(({ label }) => label === 'DE')).toMatchObject({ reps: [{ repId: 'anna', name: 'Anna Schmidt' }], inquiriesNeeded: 10, qualifiedNeeded: 5, verdict: 'on-target' });
  });

  it('needs half as much for half a sale a week, and judges by the weaker ratio', () => {
    const halfSale = parseSalesPolicy({ ...defaultSalesPolicy, review: { ...defaultSalesPolicy.review, quota: { ...defaultSalesPolicy.review.quota, expectedSalesPerRepPerWeek: 0.5 } } });

    // FR has Cléo and Finn: 0.5 × 2 × 10 = 10 inquiries and 0.5 × 2 × 5 = 5 hot. 30 inquiries but 3 hot: 0.6 of need.
    const rows = reviewTerritories(withoutEve, captured(30, 'FR', 3), halfSale);

    expect(rows.find(({ label }) => label === 'FR')).toMatchObject({ inquiries: 30, inquiriesNeeded: 10, qualified: 3, qualifiedNeeded: 5, verdict: 'under-served' });
  });

  it.each([
    { hot: 4, verdict: 'on-target', why: '4 of 5 is at the lower edge of ±20%' },
    { hot: 3, verdict: 'under-served', why: '3 of 5 is below it' },
    { hot: 6, verdict: 'on-target', why: '6 of 5 is at the upper edge' },
    { hot: 7, verdict: 'over-delivering', why: '7 of 5 is above it' },
  ])('$verdict with $hot hot of 5 needed: $why', ({ hot, verdict }) => {
    const rows = reviewTerritories(withoutEve, captured(40, 'DE', hot), defaultSalesPolicy);

    expect(rows.find(({ label }) => label === 'DE')!.verdict).toBe(verdict);
  });
});
