import { describe, expect, it } from 'vitest';
import { type CountedFigures, loadPrices, monthlyCostPer10k } from '../../../infra/simulate/cost.ts';

// Two leads in the pipeline for a month each; ten tips sent, four claim writes.
const figures = (contactMonths: number) =>
  ({
    weeks: 4,
    leads: 2,
    contactMonths,
    awsCalls: {
      total: [
        { service: 'SESv2', operation: 'SendEmail', count: 10, readUnits: 0, writeUnits: 0 },
        { service: 'DynamoDB', operation: 'PutItem', count: 4, readUnits: 0, writeUnits: 8 },
      ],
      byFunction: [{ fn: 'nurture-step', calls: [] }],
    },
    invocations: [{ fn: 'nurture-step', invocations: 10, meanMs: 100 }],
    lambdaInvocations: { api: 0, busDeliveries: 0, scheduled: 10, total: 10 },
    deadLetters: 0,
  }) as unknown as CountedFigures;

describe('monthlyCostPer10k', () => {
  const prices = loadPrices();

  it('prices what 10,000 contacts a month would use: the run’s usage per contact-month, times 10,000', () => {
    const cost = monthlyCostPer10k(figures(2), prices);
    const line = (item: string) => cost.lines.find((l) => l.item === item)!;

    // 10 emails over 2 contact-months: 50,000 emails for 10,000 contacts a month.
    expect(line('SES emails').usagePer10kMonthly).toBe(50_000);
    expect(line('SES emails').usdPer10kMonthly).toBeCloseTo((50_000 / 1000) * prices.ses.perThousandEmails, 6);
    expect(line('DynamoDB write request units').usagePer10kMonthly).toBe(40_000);
    expect(line('Scheduler invocations').usagePer10kMonthly).toBe(50_000);
  });

  it('halves when the same usage covered twice the contact-months', () => {
    expect(monthlyCostPer10k(figures(4), prices).totalUsdPer10kMonthly).toBeCloseTo(monthlyCostPer10k(figures(2), prices).totalUsdPer10kMonthly / 2, 1);
  });
});
