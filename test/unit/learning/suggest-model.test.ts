import { describe, expect, it } from 'vitest';
import { defaultEngagementRules as engagementRules } from '../../../functions/engagement/default-rules.ts';
import { atWorkload, captureScores, checkCandidateModel, operatingPoint } from '../../../functions/learning/backtest.ts';
import type { OutcomeLead } from '../../../functions/learning/outcome-lead.ts';
import { suggestModel } from '../../../functions/learning/suggest-model.ts';
import { withValueProbes } from '../../../functions/learning/value-probes.ts';
import { defaultScoringModel as shipped } from '../../../functions/scoring/default-model.ts';
import { seeded } from '../../../infra/simulate/prng.ts';
import { outcomeLead, purchased } from './outcome-leads.ts';

const interests = ['Revenue operations', 'Reporting', 'Integrations', 'Marketing automation'];

/**
 * Leads whose answers are drawn at random, and who buy with log-odds −3, plus
 * 1.5 when interested in revenue operations: nothing else the form says matters.
 */
function plantedLeads(n: number, seed = 5): OutcomeLead[] {
  const random = seeded(seed);
  return Array.from({ length: n }, () => {
    const fitInputs = {
      authority: random.pick(['decision-maker', 'influencer', 'user']),
      timeline: random.pick(['now', '6m', 'none']),
      budget: random.pick(['10k-50k', 'under-10k']),
      interest: random.pick(interests),
    };
    const logOdds = -3 + (fitInputs.interest === 'Revenue operations' ? 1.5 : 0);
    return outcomeLead({ fitInputs, outcome: random.chance(1 / (1 + Math.exp(-logOdds))) ? purchased(100) : { type: 'none' } });
  });
}

describe('suggestModel', () => {
  const leads = plantedLeads(3000);
  const model = withValueProbes(shipped, leads, 'interest');
  const suggestion = suggestModel(leads, model, { engagementRules });
  const pointsOf = (id: string) => suggestion.points.find((p) => p.id === id)!;

  it('gives the planted signal the most points, and the answers that do not matter few', () => {
    const fitted = suggestion.points.filter((p) => p.basis === 'fitted');
    expect(fitted.sort((a, b) => b.suggested - a.suggested)[0]!.id).toBe('interest-revenue-operations');
    for (const id of ['authority=decision-maker', 'timeline=now', 'budget=10k-50k']) expect(Math.abs(pointsOf(id).suggested)).toBeLessThan(pointsOf('interest-revenue-operations').suggested / 3);
  });

  it('turns log-odds into points in proportion, spreading these leads over as many points as the current model does', () => {
    const { pointsPerLogOdds } = suggestion.regression!;
    for (const p of suggestion.points.filter((p) => p.basis === 'fitted')) expect(p.suggested).toBe(Math.round(p.logOdds! * pointsPerLogOdds!) + 0);
    const spread = (m: typeof model) => {
      const scores = captureScores(leads, m).map((s) => s.score);
      return Math.max(...scores) - Math.min(...scores);
    };
    // Each lead has four fitted rules firing (authority, timeline, budget, interest), each rounded by at most half a point.
    expect(Math.abs(spread(suggestion.model) - spread(model))).toBeLessThanOrEqual(4);
  });

  it('keeps the points of rules the outcomes cannot weigh, saying why', () => {
    expect(pointsOf('disposable-email')).toEqual({ id: 'disposable-email', rule: 'disposable-email', current: -40, suggested: -40, logOdds: null, basis: 'kept', why: 'fired on 0 of 3000 leads: too few on one side to weigh' });
    // Every lead here has a company address.
    expect(pointsOf('company-email')).toMatchObject({ basis: 'kept', why: 'fired on 3000 of 3000 leads: too few on one side to weigh' });
  });

  it('returns a candidate in the shipped schema, hot where it sends sales as many leads as the current model at 60, and its backtest', () => {
    expect(checkCandidateModel(JSON.parse(JSON.stringify(suggestion.model)))).toEqual({ ok: true, model: suggestion.model });
    expect(suggestion.model.version).toBe(`${shipped.version}-suggested`);
    const current = operatingPoint(captureScores(leads, model), 60);
    const mine = operatingPoint(captureScores(leads, suggestion.model), suggestion.model.thresholds.hot);
    expect(mine).toEqual(atWorkload(captureScores(leads, suggestion.model), current.hot));
    // The same workload, better spent.
    expect(mine.precision).toBeGreaterThan(current.precision!);
    expect(mine.recall).toBeGreaterThan(current.recall!);
    expect(suggestion.model.thresholds.hot - suggestion.model.thresholds.warm).toBe(40);
    expect(suggestion.backtest.candidate).toMatchObject({ version: suggestion.model.version, precision: mine.precision, recall: mine.recall });
    expect(suggestion.regression).toMatchObject({ lambda: 1, converged: true });
  });

  it('changes nothing when nobody purchased', () => {
    const none = plantedLeads(200).map((lead) => ({ ...lead, outcome: { type: 'none' as const } }));

    const unchanged = suggestModel(none, shipped, { engagementRules });

    expect(unchanged.model).toEqual({ ...shipped, version: `${shipped.version}-suggested` });
    expect(unchanged.regression).toBeNull();
    expect(unchanged.points.every((p) => p.basis === 'kept' && p.why === '0 of 200 leads purchased: no contrast to learn from')).toBe(true);
  });

  it('is deterministic', () => {
    expect(suggestModel(leads, model, { engagementRules })).toEqual(suggestion);
  });
});

describe('withValueProbes', () => {
  it('adds a rule worth nothing for each answer enough leads gave, matched whole and ignoring case', () => {
    const leads = [
      ...Array.from({ length: 30 }, (_, i) => outcomeLead({ fitInputs: { interest: i % 2 ? 'REVENUE OPERATIONS' : 'Revenue operations' } })),
      ...Array.from({ length: 31 }, () => outcomeLead({ fitInputs: { interest: 'C++ (advanced)' } })),
      ...Array.from({ length: 29 }, () => outcomeLead({ fitInputs: { interest: 'Reporting' } })),
    ];

    const probes = withValueProbes(shipped, leads, 'interest').rules.slice(shipped.rules.length);

    expect(probes).toEqual([
      { kind: 'match', id: 'interest-c-advanced', fields: ['interest'], pattern: '^C\\+\\+ \\(advanced\\)$', points: 0, reason: 'C++ (advanced) (interest)' },
      { kind: 'match', id: 'interest-revenue-operations', fields: ['interest'], pattern: '^Revenue operations$', points: 0, reason: 'Revenue operations (interest)' },
    ]);
    expect(checkCandidateModel(withValueProbes(shipped, leads, 'interest')).ok).toBe(true);
    expect(captureScores(leads, withValueProbes(shipped, leads, 'interest'))).toEqual(captureScores(leads, shipped));
  });
});
