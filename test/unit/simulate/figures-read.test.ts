import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import type { CallCount } from '../../../functions/platform/call-counter.ts';
import { callsBetween, invocationsBetween, itemBytes, lastQuarter, partitionSize, readCost, readText } from '../../../infra/simulate/figures-read.ts';

const call = (fn: string, operation: string, count: number, readUnits = 0, writeUnits = 0, service = 'DynamoDB'): CallCount => ({ fn, service, operation, count, readUnits, writeUnits });

describe("the run's last quarter", () => {
  it('is the 91 days ending on the last day of a 13-week run', () => {
    // 13 weeks from Monday 4 January 07:00 end on Monday 5 April 07:00: 92 days touched, the last 91 read.
    expect(lastQuarter(Date.parse('2027-01-04T07:00:00Z'), Date.parse('2027-04-05T07:00:00Z'))).toEqual({ from: '2027-01-05', to: '2027-04-05', days: 91 });
    expect(lastQuarter(Date.parse('2027-01-04T07:00:00Z'), Date.parse('2027-07-05T07:00:00Z'))).toEqual({ from: '2027-04-06', to: '2027-07-05', days: 91 });
  });

  it('is the whole run when the run is shorter', () => {
    expect(lastQuarter(Date.parse('2027-01-04T07:00:00Z'), Date.parse('2027-03-29T07:00:00Z'))).toEqual({ from: '2027-01-04', to: '2027-03-29', days: 85 });
  });
});

describe('what one read cost', () => {
  it('is what the counter gained during it: the marketing function’s queries and read units, anything else apart', () => {
    const before = [call('marketing', 'Query', 10, 5), call('capture', 'TransactWriteItems', 3, 0, 30)];
    const after = [call('marketing', 'Query', 101, 50.5), call('capture', 'TransactWriteItems', 3, 0, 30), call('engagement', 'GetItem', 1, 0.5)];
    const calls = callsBetween(before, after);
    expect(calls).toEqual([call('marketing', 'Query', 91, 45.5), call('engagement', 'GetItem', 1, 0.5)]);
    const cost = readCost('journey', calls, invocationsBetween([{ fn: 'marketing', invocations: 2, totalMs: 9 }], [{ fn: 'marketing', invocations: 3, totalMs: 12 }]), 12.34);
    expect(cost).toEqual({ figure: 'journey', requests: { Query: 91 }, readUnits: 45.5, otherCalls: [call('engagement', 'GetItem', 1, 0.5)], invocations: { marketing: 1 }, ms: 12.3 });
  });

  it('reads in words, with what else ran meanwhile', () => {
    const read = { figure: 'journey', path: '/marketing/journey', status: 200, days: 91, bytes: 12345 } as const;
    expect(readText(read, { figure: 'journey', requests: { Query: 91 }, readUnits: 45.5, otherCalls: [], invocations: { marketing: 1 }, ms: 80 })).toBe(
      "Reading a quarter's journey: 91 queries, 45.5 read units (91 days; answer 12,345 bytes; 80 ms)",
    );
    expect(readText({ ...read, figure: 'filter-audit', days: 85 }, undefined)).toBe("Reading 85 days' filter audit: 85 days; answer 12,345 bytes");
    expect(readText(read, { figure: 'journey', requests: { Query: 91, Scan: 1 }, readUnits: 46, otherCalls: [call('marketing', 'SendEmail', 1, 0, 0, 'SESv2')], invocations: { marketing: 1 }, ms: 80 })).toContain(
      '91 queries, 1 Scan request, 46 read units (91 days; answer 12,345 bytes; 80 ms; meanwhile marketing SESv2 SendEmail 1)',
    );
  });
});

describe('an item’s size as DynamoDB bills it', () => {
  it('adds each attribute name to its value: strings in UTF-8, numbers a byte per two significant digits and one', () => {
    // PK 2+18, SK 2+6, entity 6+7, c:sent 6 + (1+1), c:opened 8 + (1+1) for 120 (trailing zero trimmed: two digits, one byte).
    expect(itemBytes(marshall({ PK: 'FIGURES#2027-01-05', SK: 'filter', entity: 'figures', 'c:sent': 7, 'c:opened': 120 }))).toBe(20 + 8 + 13 + 8 + 10);
    expect(itemBytes(marshall({ s: 'é' }))).toBe(1 + 2);
    expect(itemBytes(marshall({ n: 1_799_999_999 }))).toBe(1 + 6);
    expect(itemBytes(marshall({ m: { a: 'x' } }))).toBe(1 + 3 + 1 + 1 + 1);
  });

  it('gives the partition per day: items and bytes on average and on the largest day, and what reading every day costs', () => {
    const big = marshall({ PK: 'p', SK: 's', blob: 'x'.repeat(5000) });
    const small = marshall({ PK: 'p', SK: 't' });
    const size = partitionSize([
      { day: '2027-01-05', items: [big, small] },
      { day: '2027-01-06', items: [small] },
      { day: '2027-01-07', items: [] },
    ]);
    expect(size.days).toBe(3);
    expect(size.items).toEqual({ average: 1, max: 2, total: 3 });
    expect(size.perDay.map((d) => d.items)).toEqual([2, 1, 0]);
    expect(size.bytes.max).toBe(itemBytes(big) + itemBytes(small));
    // 5 KB: two 4 KB blocks at half a unit; a small day half a unit; an empty day at least half a unit.
    expect(size.queryReadUnits).toBe(1 + 0.5 + 0.5);
  });
});
