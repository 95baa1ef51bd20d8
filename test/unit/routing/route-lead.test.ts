import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRoutingPolicy } from '../../../functions/routing/default-policy.ts';
import { type RepLoad, type RoutableLead, routeLead } from '../../../functions/routing/route-lead.ts';
import { parseRoutingPolicy } from '../../../functions/routing/routing-policy.ts';

const rep = (repId: string, overrides: Partial<RepLoad> = {}): RepLoad => ({
  repId,
  name: repId.charAt(0).toUpperCase() + repId.slice(1),
  email: `${repId}@example.com`,
  managerEmail: 'sales-manager@example.com',
  team: 'field',
  territories: [],
  active: true,
  capacity: 10,
  weight: 1,
  timezone: 'Europe/Berlin',
  openLeads: 0,
  staleLeads: 0,
  assignedCount: 0,
  ...overrides,
});

const lead = (overrides: Partial<RoutableLead> = {}): RoutableLead => ({ score: 50, temperature: 'hot', ...overrides });

const policyWith = (teams: unknown[]) => parseRoutingPolicy({ ...defaultRoutingPolicy, teams });

describe('routeLead: team rules', () => {
  const roster = [rep('anna', { team: 'field' }), rep('ben', { team: 'desk' })];

  it.each([
    { name: 'a 250k-plus budget goes to field', lead: lead({ budget: '250k-plus', score: 40 }), repId: 'anna', rule: 'team:high-value-budget' },
    { name: 'a 50k-250k budget goes to field', lead: lead({ budget: '50k-250k', score: 40 }), repId: 'anna', rule: 'team:high-value-budget' },
    { name: 'a score of 85 goes to field', lead: lead({ budget: 'under-10k', score: 85 }), repId: 'anna', rule: 'team:high-value-score' },
    { name: 'a score of 84 and a 10k-50k budget goes to desk', lead: lead({ budget: '10k-50k', score: 84 }), repId: 'ben', rule: 'team:default' },
    { name: 'no budget and a middling score goes to desk', lead: lead({ score: 60 }), repId: 'ben', rule: 'team:default' },
  ])('$name', ({ lead: input, repId, rule }) => {
    const result = routeLead(input, roster, defaultRoutingPolicy);

    expect(result).toMatchObject({ type: 'rep', repId });
    expect(result.rule.startsWith(`${rule} →`)).toBe(true);
  });

  it('explains the choice in a sentence a manager can read', () => {
    const result = routeLead(lead({ budget: '250k-plus', country: 'DE' }), [rep('anna', { territories: [{ country: 'DE' }] })], defaultRoutingPolicy);

    expect(result).toMatchObject({
      type: 'rep',
      team: 'field',
      rule: 'team:high-value-budget → territory:country → rotation',
      reason: 'High-value lead (budget 250k-plus) to field sales; Anna covers DE; the only rep available',
    });
  });

  it('says when no rule matched', () => {
    const result = routeLead(lead({ score: 40, budget: 'none' }), roster, defaultRoutingPolicy);

    expect(result.reason).toBe('No team rule matched (score 40, budget none); desk sales by default; Ben takes any territory; the only rep available');
  });

  const partners = rep('pia', { team: 'partners' });
  it.each([
    { name: 'an interest matches ignoring case', when: { interests: ['crm'] }, lead: lead({ interest: ' CRM ' }), team: 'partners' },
    { name: 'a temperature that differs does not match', when: { temperatures: ['warm'] }, lead: lead({ temperature: 'hot' }), team: 'desk' },
    { name: 'all conditions must hold', when: { countries: ['AT'], authorities: ['decision-maker'] }, lead: lead({ country: 'AT', authority: 'user' }), team: 'desk' },
    { name: 'all conditions holding matches', when: { countries: ['AT'], authorities: ['decision-maker'] }, lead: lead({ country: 'AT', authority: 'decision-maker' }), team: 'partners' },
    { name: 'a condition on a field the lead lacks does not match', when: { budgets: ['none'] }, lead: lead(), team: 'desk' },
  ])('custom rule: $name', ({ when, lead: input, team }) => {
    const policy = policyWith([{ id: 'partner', team: 'partners', reason: 'Partner lead', when }]);

    expect(routeLead(input, [...roster, partners], policy).team).toBe(team);
  });

  it('takes the first rule that matches', () => {
    const policy = policyWith([
      { id: 'first', team: 'partners', reason: 'First', when: { minScore: 10 } },
      { id: 'second', team: 'field', reason: 'Second', when: { minScore: 10 } },
    ]);

    expect(routeLead(lead(), [...roster, partners], policy)).toMatchObject({ repId: 'pia', team: 'partners' });
  });
});

describe('routeLead: territory', () => {
  const roster = [
    rep('rita', { territories: [{ country: 'DE', region: 'Bavaria' }], assignedCount: 9 }),
    rep('carl', { territories: [{ country: 'DE' }, { country: 'AT' }], assignedCount: 5 }),
    rep('fred', { territories: [{ country: 'FR' }] }),
    rep('any', { territories: [] }),
  ];
  const field = { budget: '250k-plus' } as const;

  it.each([
    { name: 'country and region beat country', lead: lead({ ...field, country: 'DE', region: 'Bavaria' }), repId: 'rita', level: 'region' },
    { name: 'regions compare ignoring case', lead: lead({ ...field, country: 'DE', region: 'bavaria' }), repId: 'rita', level: 'region' },
    { name: 'another region goes to the country rep', lead: lead({ ...field, country: 'DE', region: 'Berlin' }), repId: 'carl', level: 'country' },
    { name: 'no region goes to the country rep', lead: lead({ ...field, country: 'DE' }), repId: 'carl', level: 'country' },
    { name: 'a second country of a rep counts', lead: lead({ ...field, country: 'AT' }), repId: 'carl', level: 'country' },
    { name: 'an uncovered country goes to the rep without territory', lead: lead({ ...field, country: 'US' }), repId: 'any', level: 'any' },
    { name: 'no country goes to the rep without territory', lead: lead(field), repId: 'any', level: 'any' },
  ])('$name', ({ lead: input, repId, level }) => {
    const result = routeLead(input, roster, defaultRoutingPolicy);

    expect(result).toMatchObject({ type: 'rep', repId, rule: `team:high-value-budget → territory:${level} → rotation` });
  });

  it('skips broader territories as other-territory', () => {
    const result = routeLead(lead({ ...field, country: 'DE', region: 'Bavaria' }), roster, defaultRoutingPolicy);

    expect(result.skipped).toEqual([
      { repId: 'carl', why: 'other-territory' },
      { repId: 'fred', why: 'other-territory' },
      { repId: 'any', why: 'other-territory' },
    ]);
  });

  it('falls back to the country rep when the region rep is unavailable', () => {
    const full = roster.map((r) => (r.repId === 'rita' ? { ...r, openLeads: r.capacity } : r));

    expect(routeLead(lead({ ...field, country: 'DE', region: 'Bavaria' }), full, defaultRoutingPolicy)).toMatchObject({ repId: 'carl' });
  });

  it('sends a lead nobody covers to the fallback queue rather than to a rep of another territory', () => {
    const withoutCatchAll = roster.filter((r) => r.repId !== 'any');

    const result = routeLead(lead({ ...field, country: 'US' }), withoutCatchAll, defaultRoutingPolicy);

    expect(result).toMatchObject({ type: 'fallback', rule: 'team:high-value-budget → fallback:uncovered-territory' });
    expect(result.reason).toContain('no field rep covers US');
  });
});

describe('routeLead: skipping reps', () => {
  // amy is first in rotation, so she is chosen unless skipped.
  const amy = rep('amy', { assignedCount: 0, capacity: 5 });
  const zoe = rep('zoe', { assignedCount: 3 });

  it.each([
    { name: 'inactive', amy: { active: false }, exclude: [], why: 'inactive' },
    { name: 'at capacity', amy: { openLeads: 5 }, exclude: [], why: 'at-capacity' },
    { name: 'in follow-up debt (more stale leads than allowed)', amy: { staleLeads: 4 }, exclude: [], why: 'follow-up-debt' },
    { name: 'excluded by the caller', amy: {}, exclude: ['amy'], why: 'excluded' },
    { name: 'on another team', amy: { team: 'desk' }, exclude: [], why: 'other-team' },
  ])('skips a rep who is $name', ({ amy: change, exclude, why }) => {
    const result = routeLead(lead({ score: 90 }), [{ ...amy, ...change }, zoe], defaultRoutingPolicy, { exclude });

    expect(result).toMatchObject({ type: 'rep', repId: 'zoe' });
    expect(result.skipped).toEqual([{ repId: 'amy', why }]);
  });

  it.each([
    { name: 'one lead below capacity', amy: { openLeads: 4 } },
    { name: 'exactly at the stale-lead limit', amy: { staleLeads: 3 } },
  ])('keeps a rep who is $name', ({ amy: change }) => {
    const result = routeLead(lead({ score: 90 }), [{ ...amy, ...change }, zoe], defaultRoutingPolicy);

    expect(result).toMatchObject({ type: 'rep', repId: 'amy', skipped: [] });
  });
});

describe('routeLead: fallback', () => {
  const de = [{ country: 'DE' }];

  it.each([
    {
      name: 'nobody is on the team',
      reps: [rep('ben', { team: 'desk' })],
      exclude: [],
      rule: 'team:high-value-budget → fallback:empty-team',
      says: 'nobody is on the field team',
    },
    {
      name: 'every rep for the territory is unavailable',
      reps: [
        rep('ann', { territories: de, active: false }),
        rep('bea', { territories: de, openLeads: 10 }),
        rep('cem', { territories: [], staleLeads: 9 }),
        rep('fred', { territories: [{ country: 'FR' }] }),
      ],
      exclude: [],
      rule: 'team:high-value-budget → fallback:all-unavailable',
      says: 'all 3 field reps for DE are inactive, at capacity or in follow-up debt',
    },
    {
      name: 'the only rep for the territory is excluded',
      reps: [rep('ann', { territories: de })],
      exclude: ['ann'],
      rule: 'team:high-value-budget → fallback:all-unavailable',
      says: 'the only field rep for DE is excluded',
    },
  ])('queues the lead and says why when $name', ({ reps, exclude, rule, says }) => {
    const result = routeLead(lead({ budget: '250k-plus', country: 'DE' }), reps, defaultRoutingPolicy, { exclude });

    expect(result).toMatchObject({ type: 'fallback', queue: 'unassigned', notifyEmail: 'sales-manager@example.com', team: 'field', rule });
    expect(result.reason).toContain(says);
  });

  it('writes a full sentence naming the queue and the person told', () => {
    const result = routeLead(lead({ score: 90, country: 'DE', region: 'Bavaria' }), [], defaultRoutingPolicy);

    expect(result.reason).toBe(
      'High-value lead (score 90) to field sales; nobody is on the field team; left in the unassigned queue for sales-manager@example.com',
    );
  });
});

describe('routeLead: rotation', () => {
  const assignMany = (roster: RepLoad[], times: number) => {
    const reps = roster.map((r) => ({ ...r }));
    const picks: string[] = [];
    for (let i = 0; i < times; i++) {
      const result = routeLead(lead(), reps, defaultRoutingPolicy);
      if (result.type !== 'rep') throw new Error(result.reason);
      const chosen = reps.find((r) => r.repId === result.repId)!;
      chosen.assignedCount += 1;
      picks.push(chosen.repId);
    }
    return picks;
  };

  it('shares 10,000 leads by weight 1/2/3 within one percent', () => {
    const roster = [rep('one', { team: 'desk', weight: 1 }), rep('two', { team: 'desk', weight: 2 }), rep('three', { team: 'desk', weight: 3 })];

    const picks = assignMany(roster, 10_000);

    const share = (repId: string) => picks.filter((p) => p === repId).length / picks.length;
    expect(Math.abs(share('one') - 1 / 6)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(share('two') - 2 / 6)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(share('three') - 3 / 6)).toBeLessThanOrEqual(0.01);
  });

  it.each([
    { name: 'two reps of weight 1', roster: [rep('bo', { team: 'desk' }), rep('al', { team: 'desk' })], expected: ['al', 'bo', 'al', 'bo', 'al', 'bo'] },
    {
      name: 'three reps of weight 2',
      roster: [rep('cy', { team: 'desk', weight: 2 }), rep('al', { team: 'desk', weight: 2 }), rep('bo', { team: 'desk', weight: 2 })],
      expected: ['al', 'bo', 'cy', 'al', 'bo', 'cy'],
    },
  ])('alternates strictly between $name', ({ roster, expected }) => {
    expect(assignMany(roster, expected.length)).toEqual(expected);
  });

  it('gives the next lead to the rep furthest behind their share', () => {
    const roster = [rep('al', { team: 'desk', weight: 1, assignedCount: 4 }), rep('bo', { team: 'desk', weight: 3, assignedCount: 9 })];

    // al: 5/1 = 5, bo: 10/3 ≈ 3.3
    expect(routeLead(lead(), roster, defaultRoutingPolicy)).toMatchObject({ repId: 'bo', reason: expect.stringContaining('next in weighted rotation of 2') });
  });
});

describe('routeLead: properties', () => {
  const countries = ['DE', 'FR', 'US'] as const;
  const territory = fc.record({ country: fc.constantFrom(...countries), region: fc.option(fc.constantFrom('Bavaria', 'Berlin'), { nil: undefined }) });
  const repLoad = fc.record({
    repId: fc.constantFrom('al', 'bo', 'cy', 'di', 'ed', 'fi', 'gu', 'hu'),
    team: fc.constantFrom('field', 'desk', 'partners'),
    territories: fc.array(territory, { maxLength: 2 }),
    active: fc.boolean(),
    capacity: fc.integer({ min: 1, max: 5 }),
    weight: fc.integer({ min: 1, max: 3 }),
    openLeads: fc.integer({ min: 0, max: 6 }),
    staleLeads: fc.integer({ min: 0, max: 6 }),
    assignedCount: fc.integer({ min: 0, max: 20 }),
  }).map(({ repId, ...rest }) => rep(repId, rest));
  const roster = fc.uniqueArray(repLoad, { selector: (r) => r.repId, maxLength: 8 });
  const routable = fc.record(
    {
      score: fc.integer({ min: -50, max: 120 }),
      temperature: fc.constantFrom('hot', 'warm', 'cold'),
      budget: fc.constantFrom('none', 'under-10k', '10k-50k', '50k-250k', '250k-plus'),
      country: fc.constantFrom(...countries),
      region: fc.constantFrom('Bavaria', 'Berlin'),
    },
    { requiredKeys: ['score', 'temperature'] },
  );
  const excluded = fc.subarray(['al', 'bo', 'cy', 'di']);

  const eligible = (r: RepLoad, team: string, exclude: string[]) =>
    r.team === team && r.active && r.openLeads < r.capacity && r.staleLeads <= defaultRoutingPolicy.followUpDebt.maxStaleLeads && !exclude.includes(r.repId);
  const covers = (r: RepLoad, l: RoutableLead) =>
    r.territories.length === 0 || r.territories.some((t) => t.country === l.country && (t.region === undefined || t.region === l.region));

  it('gives the lead to an eligible rep of the chosen team, or to the fallback queue only when no such rep covers it', () => {
    fc.assert(
      fc.property(roster, routable, excluded, (reps, input, exclude) => {
        const result = routeLead(input, reps, defaultRoutingPolicy, { exclude });

        if (result.type === 'rep') {
          const chosen = reps.find((r) => r.repId === result.repId);
          expect(chosen && eligible(chosen, result.team, exclude) && covers(chosen, input)).toBe(true);
          expect(result.skipped.map((s) => s.repId)).not.toContain(result.repId);
        } else {
          expect(reps.some((r) => eligible(r, result.team, exclude) && covers(r, input))).toBe(false);
          expect(result.skipped).toHaveLength(reps.length);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('gives every skipped rep a true reason', () => {
    fc.assert(
      fc.property(roster, routable, excluded, (reps, input, exclude) => {
        const result = routeLead(input, reps, defaultRoutingPolicy, { exclude });

        for (const { repId, why } of result.skipped) {
          const r = reps.find((candidate) => candidate.repId === repId)!;
          const holds = {
            excluded: exclude.includes(repId),
            'other-team': r.team !== result.team,
            inactive: !r.active,
            'at-capacity': r.openLeads >= r.capacity,
            'follow-up-debt': r.staleLeads > defaultRoutingPolicy.followUpDebt.maxStaleLeads,
            // Covers the lead less closely than the chosen rep, or not at all.
            'other-territory': eligible(r, result.team, exclude) && (result.type === 'rep' || !covers(r, input)),
          }[why];
          expect(holds, `${repId} skipped as ${why}`).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
