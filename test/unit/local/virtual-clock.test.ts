import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseDuration } from '../../../functions/platform/durations.ts';
import { VirtualClock } from '../../../infra/local/virtual-clock.ts';

afterEach(() => vi.useRealTimers());

describe('parseDuration', () => {
  it.each([
    { text: 'PT25H', ms: 25 * 3_600_000 },
    { text: 'P3D', ms: 3 * 86_400_000 },
    { text: 'P1W', ms: 7 * 86_400_000 },
    { text: 'P1DT2H30M', ms: 86_400_000 + 2.5 * 3_600_000 },
    { text: 'PT0.5S', ms: 500 },
    { text: 'PT90M', ms: 90 * 60_000 },
  ])('reads $text', ({ text, ms }) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'P', 'PT', '25H', 'P1M', 'P1Y', 'PT-1H', 'P1H'])('refuses %j', (text) => {
    expect(() => parseDuration(text)).toThrow(/ISO 8601 duration/);
  });
});

describe('VirtualClock', () => {
  it('runs time-scale times faster than real time', () => {
    vi.useFakeTimers({ now: new Date('2026-11-22T10:00:00Z') });
    const clock = new VirtualClock(60, new Date('2026-01-01T00:00:00Z'));

    vi.advanceTimersByTime(60_000);

    expect(clock.now().toISOString()).toBe('2026-01-01T01:00:00.000Z');
  });

  it('moves forward, never back', () => {
    const clock = new VirtualClock(1, new Date('2026-01-01T00:00:00Z'));

    clock.moveTo(new Date('2026-02-01T00:00:00Z'));
    clock.moveTo(new Date('2025-01-01T00:00:00Z'));

    expect(clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2026-02-01T00:00:00Z'));
    expect(clock.now().getTime()).toBeLessThan(Date.parse('2026-02-01T00:01:00Z'));
  });

  it('stands at its start while held, then runs from there once released', () => {
    vi.useFakeTimers({ now: new Date('2026-11-22T10:00:00Z') });
    const clock = new VirtualClock(3600, new Date('2031-01-06T21:00:00Z'), { held: true });

    vi.advanceTimersByTime(5000);
    expect(clock.now().toISOString()).toBe('2031-01-06T21:00:00.000Z');
    clock.release();
    vi.advanceTimersByTime(1000);

    expect(clock.now().toISOString()).toBe('2031-01-06T22:00:00.000Z');
  });

  it('refuses a time scale that is not positive', () => {
    expect(() => new VirtualClock(0)).toThrow('positive');
  });
});
