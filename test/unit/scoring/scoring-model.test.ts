import { describe, expect, it } from 'vitest';
import data from '../../../functions/scoring/default-scoring-model.json' with { type: 'json' };
import { parseScoringModel } from '../../../functions/scoring/scoring-model.ts';

describe('parseScoringModel', () => {
  it('accepts the shipped model', () => {
    expect(parseScoringModel(data).rules.length).toBeGreaterThan(5);
  });

  it.each([
    { name: 'a broken pattern', change: { rules: [{ kind: 'match', id: 'x', fields: ['need'], pattern: '(', points: 1, reason: 'r' }] }, says: 'not a valid regular expression' },
    { name: 'warm above hot', change: { thresholds: { hot: 10, warm: 20 } }, says: 'must be below the hot threshold' },
    { name: 'an unknown domain list', change: { rules: [{ kind: 'domain', id: 'x', list: 'nope', points: 1, reason: 'r' }] }, says: 'unknown domain list "nope"' },
    { name: 'points out of range', change: { rules: [{ kind: 'stated', id: 'x', field: 'need', minLength: 1, points: 500, reason: 'r' }] }, says: 'rules[0].points' },
  ])('refuses $name with a clear message', ({ change, says }) => {
    expect(() => parseScoringModel({ ...data, ...change }, 'test model')).toThrow(/The test model is invalid/);
    expect(() => parseScoringModel({ ...data, ...change })).toThrow(says);
  });
});
