import { describe, expect, it } from 'vitest';
import { isTimeZone } from '../../../functions/platform/time-zones.ts';

// isTimeZone answers from the list of canonical zones before it asks a formatter: both must agree.
const formatterAccepts = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

describe('isTimeZone', () => {
  it('accepts what Intl.DateTimeFormat accepts, canonical names, aliases and other spellings alike', () => {
    const zones = ['Europe/Berlin', 'UTC', 'Etc/UTC', 'Asia/Kolkata', 'Asia/Calcutta', 'Europe/Kyiv', 'US/Eastern', 'europe/berlin', 'Etc/GMT+5'];
    for (const zone of zones) expect([zone, isTimeZone(zone)]).toEqual([zone, formatterAccepts(zone)]);
    expect(zones.every(isTimeZone)).toBe(true);
  });

  it('rejects what is no time zone', () => {
    for (const zone of ['', 'Mars/Base', 'Berlin', 'constructor']) expect([zone, isTimeZone(zone)]).toEqual([zone, false]);
  });
});
