import { describe, expect, it } from 'vitest';
import data from '../../../functions/nurture/default-nurture-policy.json' with { type: 'json' };
import { parseNurturePolicy } from '../../../functions/nurture/nurture-policy.ts';

const rule = (when: unknown, id = 'rule') => ({ id, track: 'warm', when });
const window = { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] };
const euAndEea = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO'];

describe('parseNurturePolicy', () => {
  it('accepts the shipped policy', () => {
    const policy = parseNurturePolicy(data);

    expect(policy).toMatchObject({
      defaultTrack: 'warm',
      longTermTrack: 'long-term',
      sendWindow: window,
      frequencyCap: { maxEmails: 2, perDays: 7 },
      transientBounceRetry: 'P3D',
    });
  });

  it('ships double opt-in for the EU, the EEA, Switzerland and the UK', () => {
    const { doubleOptIn } = parseNurturePolicy(data);

    expect([...doubleOptIn.countries].sort()).toEqual([...euAndEea, 'CH', 'GB'].sort());
  });

  it('ships a time zone for at least 40 countries, each the most populous zone of its country', () => {
    const { timeZones } = parseNurturePolicy(data);

    expect(Object.keys(timeZones.byCountry).length).toBeGreaterThanOrEqual(40);
    expect(timeZones.byCountry).toMatchObject({ US: 'America/New_York', CA: 'America/Toronto', BR: 'America/Sao_Paulo', AU: 'Australia/Sydney', IN: 'Asia/Kolkata', CN: 'Asia/Shanghai' });
  });

  it('defaults the send window to weekdays 09:00 to 17:00, the cap to 2 per 7 days and the bounce retry to 3 days', () => {
    const { sendWindow, frequencyCap, transientBounceRetry, ...rest } = data;

    const policy = parseNurturePolicy(rest);

    expect([policy.sendWindow, policy.frequencyCap, policy.transientBounceRetry]).toEqual([window, { maxEmails: 2, perDays: 7 }, 'P3D']);
  });

  it('normalizes rule interests and countries for matching', () => {
    const policy = parseNurturePolicy({ ...data, tracks: [rule({ interests: [' Pricing '], countries: ['de'] })] });

    expect(policy.tracks[0]?.when).toEqual({ interests: ['pricing'], countries: ['DE'] });
  });

  it.each([
    { name: 'a time without two-digit hours', change: { sendWindow: { ...window, start: '9:00' } }, says: 'must be a time as HH:MM' },
    { name: 'an hour past 23', change: { sendWindow: { ...window, end: '24:00' } }, says: 'sendWindow.end' },
    { name: 'a window ending when it starts', change: { sendWindow: { ...window, end: '09:00' } }, says: 'must be after start' },
    { name: 'a window ending before it starts', change: { sendWindow: { ...window, start: '18:00' } }, says: 'must be after start' },
    { name: 'a window without days', change: { sendWindow: { ...window, days: [] } }, says: 'must list at least one value' },
    { name: 'a weekday 0', change: { sendWindow: { ...window, days: [0, 1] } }, says: 'must be a weekday from 1 (Monday) to 7 (Sunday)' },
    { name: 'a repeated weekday', change: { sendWindow: { ...window, days: [1, 1] } }, says: 'must not repeat a day' },
    { name: 'a cap of no emails', change: { frequencyCap: { maxEmails: 0, perDays: 7 } }, says: 'must be at least 1' },
    { name: 'a cap over part of a day', change: { frequencyCap: { maxEmails: 2, perDays: 1.5 } }, says: 'must be a whole number of days' },
    { name: 'an unknown default zone', change: { timeZones: { ...data.timeZones, default: 'Mars/Olympus' } }, says: 'must be an IANA time zone' },
    { name: 'an unknown zone for a country', change: { timeZones: { ...data.timeZones, byCountry: { DE: 'Berlin' } } }, says: 'timeZones.byCountry.DE' },
    { name: 'a zone for an unknown country', change: { timeZones: { ...data.timeZones, byCountry: { XX: 'UTC' } } }, says: 'must be a two-letter ISO 3166-1 country code in capitals' },
    { name: 'a zone for a lower-case country', change: { timeZones: { ...data.timeZones, byCountry: { de: 'Europe/Berlin' } } }, says: 'timeZones.byCountry.de' },
    { name: 'no double opt-in section', change: { doubleOptIn: undefined }, says: 'is required' },
    { name: 'an unknown double opt-in country', change: { doubleOptIn: { countries: ['EU'] } }, says: 'must be a two-letter ISO 3166-1 country code' },
    { name: 'a bounce retry in words', change: { transientBounceRetry: '3 days' }, says: 'must be an ISO 8601 duration' },
    { name: 'a bounce retry in months', change: { transientBounceRetry: 'P1M' }, says: 'must be an ISO 8601 duration in weeks, days, hours or minutes' },
    { name: 'a bounce retry of zero', change: { transientBounceRetry: 'PT0S' }, says: 'must be longer than zero' },
    { name: 'a repeated rule id', change: { tracks: [rule({ temperatures: ['cold'] }), rule({ temperatures: ['warm'] })] }, says: 'duplicate rule id "rule"' },
    { name: 'a rule named like the fallback', change: { tracks: [rule({ temperatures: ['cold'] }, 'default')] }, says: '"default" names leads that match no rule' },
    { name: 'a rule without conditions', change: { tracks: [rule({})] }, says: 'must name at least one condition' },
    { name: 'a condition leads do not have', change: { tracks: [rule({ budgets: ['none'] })] }, says: 'Unrecognized key: "budgets"' },
    { name: 'an unknown temperature', change: { tracks: [rule({ temperatures: ['lukewarm'] })] }, says: 'must be one of: hot, warm, cold' },
    { name: 'a blank interest', change: { tracks: [rule({ interests: ['  '] })] }, says: 'must not be blank' },
    { name: 'a track name with capitals', change: { defaultTrack: 'Warm' }, says: 'use lower-case letters, digits and dashes' },
    { name: 'no long-term track', change: { longTermTrack: undefined }, says: 'is required' },
  ])('refuses $name with a clear message', ({ change, says }) => {
    const policy = { ...data, ...change };

    expect(() => parseNurturePolicy(policy, 'test policy')).toThrow(/^The test policy is invalid:\n/);
    expect(() => parseNurturePolicy(policy)).toThrow(says);
  });

  it('reports a malformed time alone, without also comparing it with the other end', () => {
    expect(() => parseNurturePolicy({ ...data, sendWindow: { ...window, start: '9' } })).toThrow(
      new Error('The nurture policy is invalid:\n✖ must be a time as HH:MM, such as 09:00\n  → at sendWindow.start'),
    );
  });

  it('names the field of a missing value', () => {
    expect(() => parseNurturePolicy({ ...data, longTermTrack: undefined })).toThrow(new Error('The nurture policy is invalid:\n✖ is required\n  → at longTermTrack'));
  });
});
