import { describe, expect, it } from 'vitest';
import { morningListScheduleName } from '../../../functions/plans/schedule-name.ts';

// EventBridge Scheduler's rule for schedule names.
const schedulerName = /^[0-9a-zA-Z\-_.]{1,64}$/;

describe("a rep's morning-list schedule name", () => {
  it('names the rep and the local date', () => {
    expect(morningListScheduleName('anna-schmidt', '2026-12-07')).toBe('ml-anna-schmidt-20261207');
  });

  it('keeps the longest rep id that fits whole, and shortens a longer one to a prefix and a hash that tell reps apart', () => {
    const fits = 'a'.repeat(52);
    const long = `${'b'.repeat(60)}-one`;
    const sibling = `${'b'.repeat(60)}-two`;

    const names = [fits, long, sibling].map((repId) => morningListScheduleName(repId, '2026-12-07'));

    expect(names[0]).toBe(`ml-${fits}-20261207`);
    for (const name of names) expect(name).toMatch(schedulerName);
    expect(names[1]).toMatch(/^ml-b{43}\.[0-9a-f]{8}-20261207$/);
    expect(names[1]).not.toBe(names[2]);
  });
});
