import { describe, expect, it } from 'vitest';
import { followedUp, followUpScore, type ScoreInputs } from '../../../functions/review/follow-up-score.ts';

const nothing: ScoreInputs = { deadlinesDue: 0, deadlinesMet: 0, openLeads: 0, openLeadsContacted: 0, purchased: 0, notInterestedAfterTrying: 0, givenUpEarly: 0, givenUpAfterContacts: 2 };

describe('followUpScore', () => {
  it.each([
    // All three parts: 50 + 30 + 20.
    { name: 'every deadline met, every open lead contacted, every close a purchase', week: { deadlinesDue: 10, deadlinesMet: 10, openLeads: 20, openLeadsContacted: 20, purchased: 2 }, score: 100, weights: [50, 30, 20] },
    // 50 × 5/10 + 30 × 20/20 + 20 × 2/2 = 25 + 30 + 20.
    { name: 'half the deadlines met', week: { deadlinesDue: 10, deadlinesMet: 5, openLeads: 20, openLeadsContacted: 20, purchased: 2 }, score: 75, weights: [50, 30, 20] },
    // 50 × 6/10 + 30 × 10/20 + 20 × 1/4 = 30 + 15 + 5.
    { name: 'early give-ups count nothing', week: { deadlinesDue: 10, deadlinesMet: 6, openLeads: 20, openLeadsContacted: 10, notInterestedAfterTrying: 1, givenUpEarly: 3 }, score: 50, weights: [50, 30, 20] },
    // Speed and persistence only: 50 and 30 of 80 are 62.5 and 37.5; the half goes to the first. 63 × 0.6 = 37.8 and 37 × 0.5 = 18.5.
    { name: 'no lead closed: speed and persistence scaled to 100', week: { deadlinesDue: 10, deadlinesMet: 6, openLeads: 20, openLeadsContacted: 10 }, score: 57, weights: [63, 37] },
    // Persistence alone weighs 100.
    { name: 'nothing due, open leads untouched', week: { openLeads: 6 }, score: 0, weights: [100] },
    { name: 'nothing due, every open lead contacted', week: { openLeads: 6, openLeadsContacted: 6 }, score: 100, weights: [100] },
  ])('$name: $score', ({ week, score, weights }) => {
    const result = followUpScore({ ...nothing, ...week });

    expect(result.score).toBe(score);
    expect(result.parts.map((part) => part.weight)).toEqual(weights);
    expect(result.parts.reduce((sum, part) => sum + part.points, 0)).toBe(score);
  });

  it('has no score when no part applies: a week without work is not a perfect week', () => {
    expect(followUpScore(nothing)).toEqual({ score: null, parts: [] });
  });

  it('explains every part in a line a manager can read out', () => {
    const { parts } = followUpScore({ ...nothing, deadlinesDue: 2, deadlinesMet: 1, openLeads: 1, openLeadsContacted: 0, purchased: 1, notInterestedAfterTrying: 2, givenUpEarly: 1 });

    expect(parts).toEqual([
      { id: 'speed', label: 'Speed', weight: 50, value: 0.5, points: 25, detail: '1 of 2 first-contact deadlines met' },
      { id: 'persistence', label: 'Persistence', weight: 30, value: 0, points: 0, detail: '0 of 1 open lead contacted this week' },
      { id: 'outcomes', label: 'Outcomes', weight: 20, value: 0.75, points: 15, detail: '1 purchased, 2 not interested after 3+ contacts, 1 given up within 2 contacts' },
    ]);
  });

  it('says which leads were judged by their contact plan and which, handed off before plans, by their contacts', () => {
    const { parts } = followUpScore({ ...nothing, notInterestedAfterTrying: 3, givenUpEarly: 2, judgedByPlan: { notInterestedAfterTrying: 2, givenUpEarly: 1 } });

    // The only part that applies weighs 100; 3 of 5 closed after real effort: 100 × 0.6 = 60.
    expect(parts).toEqual([
      { id: 'outcomes', label: 'Outcomes', weight: 100, value: 0.6, points: 60, detail: '1 not interested after 3+ contacts, 2 not interested after 5+ plan touches, 1 given up within 2 contacts, 1 given up before plan touch 5' },
    ]);
  });

  it('never gives a part more points than its weight', () => {
    for (let met = 0; met <= 7; met++) {
      for (let closedWell = 0; closedWell <= 3; closedWell++) {
        const { parts } = followUpScore({ ...nothing, deadlinesDue: 7, deadlinesMet: met, purchased: closedWell, givenUpEarly: 3 - closedWell });
        for (const part of parts) expect(part.points).toBeLessThanOrEqual(part.weight);
      }
    }
  });
});

describe('who gets praised', () => {
  it.each([
    { name: 'nothing done', rep: { deadlinesMet: 0, contacts: 0, givenUpEarly: 0 }, praised: false },
    { name: 'a first contact on time', rep: { deadlinesMet: 1, contacts: 0, givenUpEarly: 0 }, praised: true },
    { name: 'contacts logged', rep: { deadlinesMet: 0, contacts: 2, givenUpEarly: 0 }, praised: true },
    { name: 'contacts logged, and a lead given up early', rep: { deadlinesMet: 3, contacts: 9, givenUpEarly: 1 }, praised: false },
  ])('$name: $praised', ({ rep, praised }) => {
    expect(followedUp(rep)).toBe(praised);
  });
});
