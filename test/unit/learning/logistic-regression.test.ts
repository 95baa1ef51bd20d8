import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitLogistic } from '../../../functions/learning/logistic-regression.ts';
import { seeded } from '../../../infra/simulate/prng.ts';

/** `n` rows of independent 0/1 features firing with the given shares, and outcomes drawn from the planted model. */
function synthetic(seed: number, n: number, shares: number[], intercept: number, coefficients: number[]) {
  const random = seeded(seed);
  const rows = Array.from({ length: n }, (): number[] => shares.map((share) => (random.chance(share) ? 1 : 0)));
  const outcomes = rows.map((row) => random.chance(1 / (1 + Math.exp(-(intercept + row.reduce((sum: number, x, i) => sum + x * coefficients[i]!, 0))))));
  return { rows, outcomes };
}

describe('fitLogistic', () => {
  it('recovers the coefficients planted in synthetic data, and converges in a few Newton steps', () => {
    const { rows, outcomes } = synthetic(7, 20_000, [0.3, 0.5, 0.4], -2, [1.1, -0.7, 0]);

    const fit = fitLogistic(rows, outcomes, { lambda: 1 });

    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThanOrEqual(10);
    expect(fit.intercept).toBeCloseTo(-2, 0);
    fit.coefficients.forEach((coefficient, i) => expect(Math.abs(coefficient - [1.1, -0.7, 0][i]!)).toBeLessThan(0.12));
  });

  it('keeps a coefficient finite when its feature fires on buyers only (separation)', () => {
    const rows = [...Array.from({ length: 20 }, () => [1]), ...Array.from({ length: 80 }, () => [0])];
    const outcomes = rows.map((row, i) => row[0] === 1 || i % 10 === 0);

    const fit = fitLogistic(rows, outcomes, { lambda: 1 });

    expect(fit.converged).toBe(true);
    expect(Number.isFinite(fit.coefficients[0])).toBe(true);
    expect(fit.coefficients[0]).toBeGreaterThan(1);
  });

  it('shares the weight evenly between features that always fire together', () => {
    const { rows, outcomes } = synthetic(3, 5000, [0.4], -1.5, [1.2]);

    const fit = fitLogistic(
      rows.map(([x]) => [x!, x!]),
      outcomes,
      { lambda: 1 },
    );

    expect(fit.coefficients[0]).toBeCloseTo(fit.coefficients[1]!, 9);
    expect(fit.coefficients[0]! + fit.coefficients[1]!).toBeCloseTo(fitLogistic(rows, outcomes, { lambda: 0.5 }).coefficients[0]!, 3);
  });

  it('gives the same fit for the same rows', () => {
    const { rows, outcomes } = synthetic(11, 2000, [0.2, 0.6], -1, [0.5, 0.5]);
    expect(fitLogistic(rows, outcomes, { lambda: 1 })).toEqual(fitLogistic(rows, outcomes, { lambda: 1 }));
  });
});

describe('fitLogistic (property)', () => {
  const planted = fc.record({
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    intercept: fc.double({ min: -2.5, max: -0.5, noNaN: true }),
    coefficients: fc.array(fc.double({ min: -1.5, max: 1.5, noNaN: true }), { minLength: 1, maxLength: 4 }),
  });

  it('recovers any planted coefficients within a few standard errors', () => {
    fc.assert(
      fc.property(planted, ({ seed, intercept, coefficients }) => {
        const { rows, outcomes } = synthetic(seed, 8000, coefficients.map(() => 0.5), intercept, coefficients);
        const fit = fitLogistic(rows, outcomes, { lambda: 1 });
        expect(fit.converged).toBe(true);
        // A coefficient's standard error here is at most about 0.1: 0.4 is four of them.
        fit.coefficients.forEach((coefficient, i) => expect(Math.abs(coefficient - coefficients[i]!)).toBeLessThan(0.4));
      }),
      { numRuns: 15 },
    );
  });

  it('stops where the penalised log-likelihood is flat: its gradient is zero', () => {
    fc.assert(
      fc.property(planted, fc.double({ min: 0.1, max: 20, noNaN: true }), ({ seed, intercept, coefficients }, lambda) => {
        const { rows, outcomes } = synthetic(seed, 500, coefficients.map(() => 0.3), intercept, coefficients);
        const fit = fitLogistic(rows, outcomes, { lambda });
        const gradient = [0, ...fit.coefficients.map((c) => -lambda * c)];
        rows.forEach((row, r) => {
          const p = 1 / (1 + Math.exp(-(fit.intercept + row.reduce((sum: number, x, i) => sum + x * fit.coefficients[i]!, 0))));
          [1, ...row].forEach((x, i) => (gradient[i]! += x * ((outcomes[r] ? 1 : 0) - p)));
        });
        for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-6);
      }),
      { numRuns: 30 },
    );
  });
});
