import { describe, expect, it } from 'vitest';
import data from '../../../functions/routing/default-routing-policy.json' with { type: 'json' };
import { Rep } from '../../../functions/routing/rep.ts';
import { parseRoutingPolicy } from '../../../functions/routing/routing-policy.ts';

const rule = (when: unknown, team = 'field') => ({ id: 'rule', team, reason: 'Some lead', when });
const hours = { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] };

describe('parseRoutingPolicy', () => {
  it('accepts the shipped policy', () => {
    const policy = parseRoutingPolicy(data);

    expect(policy).toMatchObject({ defaultTeam: 'desk', followUpDebt: { staleAfterDays: 7, maxStaleLeads: 3 } });
    expect(policy.teams.map((r) => r.team)).toEqual(['field', 'field']);
  });

  it('defaults first contact to 1 hour, escalation to 2, reassignment to 4 and parking after 2 misses', () => {
    const policy = parseRoutingPolicy({ ...data, firstContact: {} });

    expect(policy.firstContact).toEqual({ dueAfterMinutes: 60, escalateAfterMinutes: 120, reassignAfterMinutes: 240, maxMissedDeadlines: 2 });
  });

  it('accepts a rule for a team that has no reps yet', () => {
    expect(parseRoutingPolicy({ ...data, teams: [rule({ minScore: 95 }, 'enterprise')] }).teams[0]?.team).toBe('enterprise');
  });

  it.each([
    { name: 'escalation not after the deadline', change: { firstContact: { dueAfterMinutes: 60, escalateAfterMinutes: 60 } }, says: 'must be more than dueAfterMinutes' },
    { name: 'reassignment not after the escalation', change: { firstContact: { escalateAfterMinutes: 240 } }, says: 'firstContact.reassignAfterMinutes' },
    { name: 'minutes that are not whole', change: { firstContact: { dueAfterMinutes: 1.5 } }, says: 'must be a whole number of minutes' },
    { name: 'no missed deadline allowed', change: { firstContact: { maxMissedDeadlines: 0 } }, says: 'firstContact.maxMissedDeadlines' },
    { name: 'the old hour settings', change: { firstContact: { deadlineHours: 24 } }, says: 'Unrecognized key: "deadlineHours"' },
    { name: 'an empty default team', change: { defaultTeam: '' }, says: 'must name a team' },
    { name: 'a default team that is not a name', change: { defaultTeam: 'Field Sales' }, says: 'use lower-case letters, digits and dashes' },
    { name: 'an hour without two digits', change: { firstContact: { businessHours: { ...hours, start: '9:00' } } }, says: 'must be a time as HH:MM' },
    { name: 'an hour past 23', change: { firstContact: { businessHours: { ...hours, end: '24:00' } } }, says: 'firstContact.businessHours.end' },
    { name: 'hours ending before they start', change: { firstContact: { businessHours: { ...hours, end: '08:00' } } }, says: 'must be after start' },
    { name: 'a weekday 0', change: { firstContact: { businessHours: { ...hours, days: [0, 1] } } }, says: 'must be a weekday from 1 (Monday) to 7 (Sunday)' },
    { name: 'a repeated weekday', change: { firstContact: { businessHours: { ...hours, days: [1, 1] } } }, says: 'must not repeat a day' },
    { name: 'a rule without conditions', change: { teams: [rule({})] }, says: 'must name at least one condition' },
    { name: 'a condition leads do not have', change: { teams: [rule({ companySizeAtLeast: 50 })] }, says: 'Unrecognized key: "companySizeAtLeast"' },
    { name: 'an unknown budget', change: { teams: [rule({ budgets: ['huge'] })] }, says: 'must be one of: none, under-10k' },
    { name: 'an empty list of countries', change: { teams: [rule({ countries: [] })] }, says: 'must list at least one value' },
    { name: 'an unknown country', change: { teams: [rule({ countries: ['XX'] })] }, says: 'must be a two-letter ISO 3166-1 country code' },
    { name: 'a repeated rule id', change: { teams: [rule({ minScore: 1 }), rule({ minScore: 2 })] }, says: 'duplicate rule id "rule"' },
    { name: 'a fallback nobody hears of', change: { fallback: { queue: 'unassigned', notifyEmail: 'nobody' } }, says: 'must be a valid email address' },
    { name: 'a negative stale-lead limit', change: { followUpDebt: { staleAfterDays: 7, maxStaleLeads: -1 } }, says: 'must be at least 0' },
  ])('refuses $name with a clear message', ({ change, says }) => {
    expect(() => parseRoutingPolicy({ ...data, ...change }, 'test policy')).toThrow(/The test policy is invalid/);
    expect(() => parseRoutingPolicy({ ...data, ...change })).toThrow(says);
  });

  it('says "must name a team" for an empty default team, and nothing else', () => {
    expect(() => parseRoutingPolicy({ ...data, defaultTeam: '' })).toThrow('The routing policy is invalid:\n✖ must name a team\n  → at defaultTeam');
  });
});

describe('Rep', () => {
  const anna = {
    repId: 'anna-schmidt',
    name: 'Anna Schmidt',
    email: 'Anna@Example.com',
    managerEmail: 'lead@example.com',
    team: 'field',
    territories: [{ country: 'de', region: 'Bavaria' }, { country: 'AT' }],
    active: true,
    capacity: 20,
    weight: 2,
    timezone: 'Europe/Berlin',
  };

  it('accepts a rep and normalizes the email and country codes', () => {
    const rep = Rep.parse(anna);

    expect(rep).toMatchObject({ email: 'anna@example.com', territories: [{ country: 'DE', region: 'Bavaria' }, { country: 'AT' }] });
  });

  it.each([
    { name: 'a repId with spaces', change: { repId: 'Anna Schmidt' }, path: 'repId', says: 'use lower-case letters, digits and dashes' },
    { name: 'an unknown country', change: { territories: [{ country: 'XX' }] }, path: 'territories.0.country', says: 'must be a two-letter ISO 3166-1 country code' },
    { name: 'a blank region', change: { territories: [{ country: 'DE', region: ' ' }] }, path: 'territories.0.region', says: 'must not be blank' },
    { name: 'zero capacity', change: { capacity: 0 }, path: 'capacity', says: 'must be at least 1' },
    { name: 'a fractional weight', change: { weight: 1.5 }, path: 'weight', says: 'must be a whole number' },
    { name: 'an unknown time zone', change: { timezone: 'Mars/Olympus' }, path: 'timezone', says: 'must be an IANA time zone' },
    { name: 'a bad manager email', change: { managerEmail: 'boss' }, path: 'managerEmail', says: 'must be a valid email address' },
  ])('refuses $name', ({ change, path, says }) => {
    const result = Rep.safeParse({ ...anna, ...change });

    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([[path, expect.stringContaining(says)]]);
  });
});
