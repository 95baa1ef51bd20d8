import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultEngagementRules as engagementRules } from '../../../functions/engagement/default-rules.ts';
import { atWorkload, backtest, captureScores, checkCandidateModel, curveThresholds, operatingPoint } from '../../../functions/learning/backtest.ts';
import { firstHotAt } from '../../../functions/learning/replay-score.ts';
import { defaultScoringModel as shipped } from '../../../functions/scoring/default-model.ts';
import type { ScoringModel } from '../../../functions/scoring/scoring-model.ts';
import { capturedAt, hotInputs, hoursLater, opened, outcomeLead, pricingClick, purchased, warmInputs } from './outcome-leads.ts';

/** The shipped model with influencers worth 30 instead of 15: the warm profile starts at 60, hot. */
const influencersHot: ScoringModel = {
  ...shipped,
  version: 'influencers-hot',
  rules: shipped.rules.map((rule) => (rule.id === 'authority' && rule.kind === 'choice' ? { ...rule, options: { ...rule.options, influencer: { points: 30, reason: 'Influences it' } } } : rule)),
};

const hourMs = 3_600_000;
const at = (hours: number) => Date.parse(capturedAt) + hours * hourMs;

describe('backtest', () => {
  // A bought, hot at capture; B bought after clicking pricing; C and D did not; E bought, only ever having opened an email.
  const leads = [
    outcomeLead({ fitInputs: hotInputs, handedOffAt: capturedAt, outcome: purchased(30) }),
    outcomeLead({ fitInputs: warmInputs, engagement: [pricingClick(10)], handedOffAt: hoursLater(11), outcome: purchased(200) }),
    outcomeLead({ fitInputs: warmInputs, outcome: { type: 'not-interested', at: hoursLater(300) } }),
    outcomeLead({ fitInputs: hotInputs, outcome: { type: 'none' } }),
    outcomeLead({ fitInputs: warmInputs, engagement: [opened(5)], outcome: purchased(100) }),
  ];

  it('sets the current and the candidate model side by side at one hot threshold', () => {
    const result = backtest(leads, { current: shipped, candidate: influencersHot, engagementRules, threshold: 60 });

    expect(result).toMatchObject({ leads: 5, purchasers: 3, outcomes: { purchased: 3, 'not-interested': 1, 'in-progress': 0, none: 1 } });
    expect(result.current).toMatchObject({ version: shipped.version, threshold: 60, hotAtCapture: 2, purchasedOfHot: 1, missedPurchasers: 2, precision: 0.5, recall: 1 / 3 });
    expect(result.candidate).toMatchObject({ version: 'influencers-hot', hotAtCapture: 5, purchasedOfHot: 3, missedPurchasers: 0, precision: 0.6, recall: 1 });
  });

  it('replays when each model would have handed each purchaser to sales, beside when it happened', () => {
    const result = backtest(leads, { current: shipped, candidate: influencersHot, engagementRules, threshold: 60 });

    // A at once and B at its pricing click; E's opens never made it hot before it bought.
    expect(result.current.replayedWait).toEqual({ purchasers: 3, handedOff: 2, notHandedOff: 1, medianHours: 5, meanHours: 5 });
    expect(result.candidate.replayedWait).toEqual({ purchasers: 3, handedOff: 3, notHandedOff: 0, medianHours: 0, meanHours: 0 });
    expect(result.actualWait).toEqual({ purchasers: 3, handedOff: 2, notHandedOff: 1, medianHours: 5.5, meanHours: 5.5 });
  });

  it("uses each model's own hot threshold when none is given, and draws the curve from 30 to 90 in steps of 5", () => {
    const result = backtest(leads, { current: shipped, candidate: { ...influencersHot, thresholds: { hot: 70, warm: 20 } }, engagementRules });

    expect(result.current.threshold).toBe(60);
    expect(result.candidate).toMatchObject({ threshold: 70, hotAtCapture: 2 });
    expect(result.current.curve.map((point) => point.threshold)).toEqual(curveThresholds);
    expect(curveThresholds).toEqual([30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90]);
    expect(result.current.curve.find((point) => point.threshold === 45)).toEqual({ threshold: 45, hot: 5, purchased: 3, precision: 0.6, recall: 1 });
    expect(result.current.curve.find((point) => point.threshold === 85)).toEqual({ threshold: 85, hot: 0, purchased: 0, precision: null, recall: 0 });
  });
});

describe('firstHotAt', () => {
  it.each([
    { name: 'at capture when the form alone makes it hot', lead: outcomeLead({ fitInputs: hotInputs }), hotAt: 0 },
    { name: 'at the click that takes it over the threshold', lead: outcomeLead({ fitInputs: warmInputs, engagement: [opened(2), pricingClick(20)] }), hotAt: 20 },
    // 45 + 10 for the re-inquiry + 12 more for buying now instead of in 6 months.
    { name: 'at a re-inquiry whose new answers and signal make it hot', lead: outcomeLead({ fitInputs: warmInputs, reinquiries: [{ at: hoursLater(50), fitInputs: { timeline: 'now' } }] }), hotAt: 50 },
    { name: 'never, when its signals leave it below the threshold', lead: outcomeLead({ fitInputs: warmInputs, engagement: [pricingClick(0)] }), threshold: 66, hotAt: undefined },
  ])('turns a lead hot $name', ({ lead, threshold = 60, hotAt }) => {
    expect(firstHotAt(lead, shipped, engagementRules, threshold)).toBe(hotAt === undefined ? undefined : at(hotAt));
  });

  it('ignores what came after the horizon', () => {
    const lead = outcomeLead({ fitInputs: warmInputs, engagement: [pricingClick(20)] });
    expect(firstHotAt(lead, shipped, engagementRules, 60, at(19))).toBeUndefined();
  });
});

describe('checkCandidateModel', () => {
  it('accepts a model the shipped schema accepts', () => {
    expect(checkCandidateModel(JSON.parse(JSON.stringify(shipped)))).toEqual({ ok: true, model: shipped });
  });

  it.each([
    { name: 'points out of range', change: (m: any) => (m.rules[0].options.none.points = 1000), errors: [{ path: 'rules.0.options.none.points', message: expect.stringContaining('100') }] },
    { name: 'a warm threshold at the hot one', change: (m: any) => (m.thresholds.warm = 60), errors: [{ path: 'thresholds.warm', message: 'must be below the hot threshold' }] },
    { name: 'a missing version', change: (m: any) => delete m.version, errors: [{ path: 'version', message: expect.any(String) }] },
  ])('names every problem by its path: $name', ({ change, errors }) => {
    const model = JSON.parse(JSON.stringify(shipped));
    change(model);
    expect(checkCandidateModel(model)).toEqual({ ok: false, errors });
  });
});

const budgets = ['250k-plus', '50k-250k', '10k-50k', 'under-10k', 'none', undefined];
const authorities = ['decision-maker', 'influencer', 'user', 'student', 'other', undefined];
const arbitraryLead = fc
  .record({ budget: fc.constantFrom(...budgets), authority: fc.constantFrom(...authorities), purchased: fc.boolean() })
  .map(({ budget, authority, purchased: bought }) =>
    outcomeLead({ fitInputs: JSON.parse(JSON.stringify({ budget, authority })), outcome: bought ? purchased(10) : { type: 'none' } }),
  );

describe('operating points (property)', () => {
  it('keep precision and recall between 0 and 1, and catch fewer leads and purchasers as the threshold rises', () => {
    fc.assert(
      fc.property(fc.array(arbitraryLead, { maxLength: 60 }), (leads) => {
        const curve = backtest(leads, { current: shipped, candidate: shipped, engagementRules }).current.curve;
        for (const point of curve) {
          expect(point.purchased).toBeLessThanOrEqual(point.hot);
          for (const share of [point.precision, point.recall]) if (share !== null) expect(share).toBeGreaterThanOrEqual(0), expect(share).toBeLessThanOrEqual(1);
        }
        for (let i = 1; i < curve.length; i++) {
          expect(curve[i]!.hot).toBeLessThanOrEqual(curve[i - 1]!.hot);
          expect(curve[i]!.recall ?? 0).toBeLessThanOrEqual(curve[i - 1]!.recall ?? 0);
        }
      }),
    );
  });

  it('match a workload as nearly as any threshold that makes someone hot can', () => {
    fc.assert(
      fc.property(fc.array(arbitraryLead, { minLength: 1, maxLength: 60 }), fc.nat(60), (leads, workload) => {
        const scored = captureScores(leads, shipped);
        const matched = atWorkload(scored, workload)!;
        expect(operatingPoint(scored, matched.threshold)).toEqual(matched);
        for (let threshold = -150; threshold <= 150; threshold += 1) {
          const point = operatingPoint(scored, threshold);
          if (point.hot > 0) expect(Math.abs(point.hot - workload)).toBeGreaterThanOrEqual(Math.abs(matched.hot - workload));
        }
      }),
    );
  });
});
