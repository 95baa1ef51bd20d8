import { describe, expect, it } from 'vitest';
import { chooseTrack, leadTimeZone, needsDoubleOptIn } from '../../../functions/nurture/choose-track.ts';
import { defaultNurturePolicy } from '../../../functions/nurture/default-policy.ts';
import { parseNurturePolicy } from '../../../functions/nurture/nurture-policy.ts';

const policy = parseNurturePolicy({
  ...defaultNurturePolicy,
  tracks: [
    { id: 'dach-pricing', track: 'pricing-dach', when: { interests: ['pricing'], countries: ['DE', 'AT', 'CH'] } },
    { id: 'pricing', track: 'pricing', when: { temperatures: ['warm'], interests: ['pricing', 'quote'] } },
    { id: 'cold-leads', track: 'cold', when: { temperatures: ['cold'] } },
  ],
  defaultTrack: 'warm',
});

describe('chooseTrack', () => {
  it.each([
    { name: 'every condition of the first rule holds', lead: { temperature: 'warm', interest: 'Pricing', country: 'DE' }, track: 'pricing-dach', rule: 'dach-pricing' },
    { name: 'a rule before is skipped when one of its conditions fails', lead: { temperature: 'warm', interest: 'Pricing', country: 'US' }, track: 'pricing', rule: 'pricing' },
    { name: 'interests match a part of the text, ignoring case', lead: { temperature: 'warm', interest: 'Need a QUOTE for 20 seats' }, track: 'pricing', rule: 'pricing' },
    { name: 'a lower-case country still matches', lead: { temperature: 'cold', interest: 'pricing', country: 'at' }, track: 'pricing-dach', rule: 'dach-pricing' },
    { name: 'the first match wins over a later one', lead: { temperature: 'cold', interest: 'pricing', country: 'CH' }, track: 'pricing-dach', rule: 'dach-pricing' },
    { name: 'a temperature condition', lead: { temperature: 'cold', interest: 'pricing' }, track: 'cold', rule: 'cold-leads' },
    { name: 'a rule naming interests does not match a lead without one', lead: { temperature: 'warm', country: 'DE' }, track: 'warm', rule: 'default' },
    { name: 'no rule matches', lead: { temperature: 'warm', interest: 'Integrations' }, track: 'warm', rule: 'default' },
  ] as const)('$name', ({ lead, track, rule }) => {
    const choice = chooseTrack(lead, policy);

    expect(choice).toEqual({ track, rule });
  });

  it('puts cold leads on the cold track and everyone else on the warm one in the shipped policy', () => {
    const tracks = (['cold', 'warm'] as const).map((temperature) => chooseTrack({ temperature, interest: 'pricing' }, defaultNurturePolicy)?.track);

    expect(tracks).toEqual(['cold', 'warm']);
  });
});

describe('chooseTrack for customers', () => {
  const withCustomers = parseNurturePolicy({
    ...defaultNurturePolicy,
    tracks: [
      { id: 'customers', track: 'customer-onboarding', when: { statuses: ['purchased'] } },
      { id: 'cold-leads', track: 'cold', when: { temperatures: ['cold'] } },
    ],
  });

  it('puts a customer only on a track a rule names for customers, never on a prospect track', () => {
    expect(chooseTrack({ temperature: 'cold', status: 'purchased' }, withCustomers)).toEqual({ track: 'customer-onboarding', rule: 'customers' });
    // Without a rule for customers, a customer gets no track at all: not the cold one, not the default one.
    expect(chooseTrack({ temperature: 'cold', status: 'purchased' }, defaultNurturePolicy)).toBeUndefined();
    expect(chooseTrack({ temperature: 'warm', status: 'purchased' }, defaultNurturePolicy)).toBeUndefined();
  });

  it('keeps prospects off the customer track', () => {
    expect(chooseTrack({ temperature: 'warm', status: 'not-interested' }, withCustomers)).toEqual({ track: 'warm', rule: 'default' });
    expect(chooseTrack({ temperature: 'cold' }, withCustomers)).toEqual({ track: 'cold', rule: 'cold-leads' });
  });

  it('refuses a status the policy has no track for', () => {
    expect(() => parseNurturePolicy({ ...defaultNurturePolicy, tracks: [{ id: 'lost', track: 'lost', when: { statuses: ['not-interested'] } }] })).toThrow(/tracks\[0\]\.when\.statuses\[0\]/);
  });
});

describe('leadTimeZone', () => {
  it.each([
    { name: "the lead's own zone wins over its country's", lead: { timezone: 'America/Los_Angeles', country: 'US' }, zone: 'America/Los_Angeles' },
    { name: 'a country without a zone of its own uses the most populous one', lead: { country: 'US' }, zone: 'America/New_York' },
    { name: 'a half-hour country', lead: { country: 'IN' }, zone: 'Asia/Kolkata' },
    { name: 'a quarter-hour country', lead: { country: 'NP' }, zone: 'Asia/Kathmandu' },
    { name: 'a lower-case country', lead: { country: 'jp' }, zone: 'Asia/Tokyo' },
    { name: 'a country the policy does not list uses the default', lead: { country: 'FJ' }, zone: 'UTC' },
    { name: 'no country uses the default', lead: {}, zone: 'UTC' },
    { name: 'a stored zone the runtime does not know falls back', lead: { timezone: 'Europe/Atlantis', country: 'DE' }, zone: 'Europe/Berlin' },
  ])('$name', ({ lead, zone }) => {
    expect(leadTimeZone(lead, defaultNurturePolicy)).toBe(zone);
  });
});

describe('needsDoubleOptIn', () => {
  it.each([
    { name: 'an EU country', country: 'DE', needs: true },
    { name: 'an EU country in lower case', country: 'fr', needs: true },
    { name: 'an EEA country outside the EU', country: 'NO', needs: true },
    { name: 'Switzerland', country: 'CH', needs: true },
    { name: 'the United Kingdom', country: 'GB', needs: true },
    { name: 'the United States', country: 'US', needs: false },
    { name: 'India', country: 'IN', needs: false },
    { name: 'an unknown country, to be safe', country: undefined, needs: true },
    { name: 'a blank country, to be safe', country: ' ', needs: true },
  ])('$name: $needs', ({ country, needs }) => {
    expect(needsDoubleOptIn({ country }, defaultNurturePolicy)).toBe(needs);
  });
});
