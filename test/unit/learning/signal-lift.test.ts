import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultEngagementRules as engagementRules } from '../../../functions/engagement/default-rules.ts';
import type { FitInputs, OutcomeLead } from '../../../functions/learning/outcome-lead.ts';
import { liftOf, signalLift } from '../../../functions/learning/signal-lift.ts';
import { defaultScoringModel as shipped } from '../../../functions/scoring/default-model.ts';
import { opened, outcomeLead, pricingClick, purchased } from './outcome-leads.ts';

/** `n` leads answering `fitInputs`, the first `bought` of them purchased. */
const group = (n: number, bought: number, fitInputs: FitInputs, changes: Partial<OutcomeLead> = {}) =>
  Array.from({ length: n }, (_, i) => outcomeLead({ fitInputs, outcome: i < bought ? purchased(500) : { type: 'none' }, ...changes }));

const liftOfRule = (leads: OutcomeLead[], id: string) => signalLift(leads, shipped, engagementRules).find((lift) => lift.id === id)!;

describe('signalLift', () => {
  it('measures each option of a choice rule: leads it fired on, their purchase rate against the others, the lift and its interval', () => {
    const leads = [...group(40, 20, { budget: '250k-plus' }), ...group(60, 6, { budget: 'none' })];

    const lift = liftOfRule(leads, 'budget=250k-plus');

    expect(lift).toMatchObject({ kind: 'fit', rule: 'budget', option: '250k-plus', points: 25, fired: { leads: 40, purchased: 20, rate: 0.5 }, notFired: { leads: 60, purchased: 6, rate: 0.1 }, verdict: 'predicts-sale' });
    expect(lift.lift).toBeCloseTo(5);
    // Katz: ln 5 ± 1.96 √(1/20 − 1/40 + 1/6 − 1/60)
    const spread = 1.96 * Math.sqrt(1 / 20 - 1 / 40 + 1 / 6 - 1 / 60);
    expect(lift.interval!.low).toBeCloseTo(5 * Math.exp(-spread));
    expect(lift.interval!.high).toBeCloseTo(5 * Math.exp(spread));
    expect(lift.says).toBe('Predicts a sale: leads it fired on bought 5.0 times as often as the others (95% interval 2.2 to 11).');
  });

  it.each([
    { name: 'a rule that makes no difference is not significant', leads: [...group(50, 5, { budget: '250k-plus' }), ...group(100, 10, {})], verdict: 'not-significant' },
    // 0 of 50 against 20 of 100: 6.7 purchases were expected where it fired.
    { name: 'a rule firing on leads that never buy predicts no sale', leads: [...group(50, 0, { budget: '250k-plus' }), ...group(100, 20, {})], verdict: 'predicts-no-sale' },
    { name: 'fewer than 30 leads on a side is not enough', leads: [...group(29, 20, { budget: '250k-plus' }), ...group(100, 10, {})], verdict: 'not-enough-outcomes' },
    // 4 seen and 40 × 8/140 = 2.3 expected where it fired: too few to tell anything from it.
    { name: 'too few purchases seen or expected on a side is not enough', leads: [...group(40, 4, { budget: '250k-plus' }), ...group(100, 4, {})], verdict: 'not-enough-outcomes' },
    // 30 × 30/330 = 2.7 purchases expected where it fired, but 20 seen.
    { name: 'a few leads that mostly bought are enough', leads: [...group(30, 20, { budget: '250k-plus' }), ...group(300, 10, {})], verdict: 'predicts-sale' },
  ] as const)('judges only with enough outcomes: $name', ({ leads, verdict }) => {
    expect(liftOfRule([...leads], 'budget=250k-plus').verdict).toBe(verdict);
  });

  it('says there is nothing to compare when a rule fired on every lead', () => {
    // Every lead has a company address here.
    const lift = liftOfRule(group(100, 10, {}), 'company-email');

    expect(lift).toMatchObject({ fired: { leads: 100 }, notFired: { leads: 0, rate: null }, lift: null, interval: null, verdict: 'not-enough-outcomes' });
    expect(lift.says).toBe('Not enough outcomes yet: it fired on 100 leads and not on 0 leads; a verdict needs 30 on each side and 5 purchases on each, seen or expected.');
  });

  it('counts engagement until the outcome was recorded, not after', () => {
    const leads = [
      outcomeLead({ engagement: [pricingClick(10)], outcome: purchased(20) }),
      outcomeLead({ engagement: [pricingClick(30)], outcome: purchased(20) }),
      outcomeLead({ engagement: [opened(10)], reinquiries: [{ at: opened(5).at, fitInputs: {} }] }),
    ];

    const lifts = signalLift(leads, shipped, engagementRules);

    expect(lifts.filter((l) => l.kind === 'engagement').map((l) => [l.id, l.fired.leads, l.points])).toEqual([
      ['re-inquiry', 1, 10],
      ['open', 1, 3],
      ['click', 0, 8],
      ['pricing', 1, 20],
      ['demo-or-trial', 0, 20],
      ['contact-sales', 0, 20],
      ['case-study', 0, 12],
    ]);
  });
});

describe('liftOf (property)', () => {
  const side = fc.integer({ min: 1, max: 5000 }).chain((leads) => fc.record({ leads: fc.constant(leads), purchased: fc.integer({ min: 0, max: leads }) }));

  it('gives an interval that holds the estimate, around a positive lift', () => {
    fc.assert(
      fc.property(side, side, (fired, notFired) => {
        const { lift, interval } = liftOf(fired, notFired);
        expect(lift).toBeGreaterThan(0);
        expect(interval!.low).toBeLessThanOrEqual(lift! * (1 + 1e-12));
        expect(interval!.high).toBeGreaterThanOrEqual(lift! * (1 - 1e-12));
      }),
    );
  });

  it('is the plain ratio of the purchase rates when both sides have purchases', () => {
    fc.assert(
      fc.property(side, side, (fired, notFired) => {
        fc.pre(fired.purchased > 0 && notFired.purchased > 0);
        expect(liftOf(fired, notFired).lift).toBeCloseTo(fired.purchased / fired.leads / (notFired.purchased / notFired.leads), 9);
      }),
    );
  });

  it('narrows as the same rates are seen on more leads', () => {
    fc.assert(
      fc.property(side, side, fc.integer({ min: 2, max: 20 }), (fired, notFired, times) => {
        fc.pre(fired.purchased > 0 && notFired.purchased > 0 && fired.purchased < fired.leads);
        const width = (f: typeof fired, n: typeof notFired) => {
          const { interval } = liftOf(f, n);
          return Math.log(interval!.high / interval!.low);
        };
        const more = (s: typeof fired) => ({ leads: s.leads * times, purchased: s.purchased * times });
        expect(width(more(fired), more(notFired))).toBeLessThan(width(fired, notFired));
      }),
    );
  });
});
