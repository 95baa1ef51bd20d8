import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bar, duration, filled, weekLabel } from '../../../functions/review/printed-figures.ts';

const reconciliation = (purchased: number, inProgress: number, notInterested: number) => ({
  total: purchased + inProgress + notInterested,
  purchased,
  inProgress,
  notInterested,
  inProgressBy: [],
});

describe('bar', () => {
  it('fills exactly 100% whatever the counts, and nothing when there are none', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(500), fc.nat(500), (purchased, inProgress, notInterested) => {
        const { purchasedPercent, inProgressPercent, notInterestedPercent, total } = bar(reconciliation(purchased, inProgress, notInterested));

        expect(purchasedPercent + inProgressPercent + notInterestedPercent).toBe(total === 0 ? 0 : 100);
        if (purchased > 0 && purchased * 100 >= total) expect(purchasedPercent).toBeGreaterThan(0);
      }),
    );
  });

  it('gives thirds as 34, 33, 33 rather than 33, 33, 33', () => {
    expect(bar(reconciliation(1, 1, 1))).toMatchObject({ purchasedPercent: 34, inProgressPercent: 33, notInterestedPercent: 33 });
  });
});

describe('filled', () => {
  it.each([
    { part: 4, whole: 10, percent: 40 },
    { part: 18, whole: 10, percent: 100 },
    { part: 0, whole: 0, percent: 0 },
    { part: 3, whole: 0, percent: 100 },
  ])('$part of $whole fills $percent%', ({ part, whole, percent }) => {
    expect(filled(part, whole)).toBe(percent);
  });
});

describe('duration', () => {
  it.each([
    { minutes: 45, text: '45 min' },
    { minutes: 59.6, text: '1 h' },
    { minutes: 180, text: '3 h' },
    { minutes: 179.5, text: '3 h' },
    { minutes: 200, text: '3 h 20 min' },
    { minutes: 1440, text: '1 d' },
    { minutes: 3120, text: '2 d 4 h' },
  ])('$minutes minutes read "$text"', ({ minutes, text }) => {
    expect(duration(minutes)).toBe(text);
  });
});

describe('weekLabel', () => {
  it.each([
    { name: 'within a month', start: '2026-11-22T23:00:00Z', text: '23–29 Nov 2026' },
    { name: 'across two months', start: '2026-11-29T23:00:00Z', text: '30 Nov – 6 Dec 2026' },
    { name: 'across two years (W53)', start: '2026-12-27T23:00:00Z', text: '28 Dec 2026 – 3 Jan 2027' },
  ])('$name: $text', ({ start, text }) => {
    expect(weekLabel({ id: 'any', start, end: start, timeZone: 'Europe/Berlin' })).toBe(text);
  });
});
