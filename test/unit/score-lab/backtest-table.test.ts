import { describe, expect, it } from 'vitest';
import { dayOf } from '../../../infra/score-lab/backtest-table.ts';

describe('the periods npm run score:backtest takes', () => {
  it.each([
    { value: '2026-W20', end: 'from', day: '2026-05-11' },
    { value: '2026-W20', end: 'to', day: '2026-05-17' },
    { value: '2026-W53', end: 'to', day: '2027-01-03' },
    { value: '2026-W01', end: 'from', day: '2025-12-29' },
    { value: '2026-05-11', end: 'to', day: '2026-05-11' },
  ] as const)('reads $value as the $end day $day', ({ value, end, day }) => {
    expect(dayOf(value, end)).toBe(day);
  });

  it.each(['2025-W53', '2026-W54', 'May', '2026-5-1'])('refuses %s, saying what it takes', (value) => {
    expect(() => dayOf(value, 'from')).toThrow(`--from must be an ISO week that exists, such as 2026-W20, or a date such as 2026-05-11, not "${value}"`);
  });
});
