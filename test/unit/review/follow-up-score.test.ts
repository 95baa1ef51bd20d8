import { describe, expect, it } from 'vitest';
import { followedUp, followUpScore, hadWork } from '../../../functions/review/follow-up-score.ts';

describe('followUpScore', () => {
  it.each([
    { name: 'every deadline met, a contact for every open lead', due: 10, met: 10, contacts: 20, open: 20, score: 100 },
    { name: 'more contacts than open leads count as one each', due: 10, met: 10, contacts: 60, open: 20, score: 100 },
    { name: 'half the deadlines met', due: 10, met: 5, contacts: 20, open: 20, score: 70 },
    { name: 'no contact at all this week', due: 10, met: 10, contacts: 0, open: 20, score: 60 },
    { name: 'a contact for every other open lead', due: 10, met: 6, contacts: 10, open: 20, score: 56 },
    { name: 'nothing due and nothing open: nothing waited', due: 0, met: 0, contacts: 0, open: 0, score: 100 },
    { name: 'nothing due, open leads untouched', due: 0, met: 0, contacts: 0, open: 6, score: 60 },
  ])('$name: $score', ({ due, met, contacts, open, score }) => {
    expect(followUpScore({ deadlinesDue: due, deadlinesMet: met, contacts, openLeads: open })).toBe(score);
  });
});

describe('who gets scored and who gets praised', () => {
  const none = { total: 0, inProgress: 0 };
  it('scores only a rep with something to follow up', () => {
    expect(hadWork({ owned: none, received: none, deadlines: { due: 0 }, done: { contacts: 0 } } as never)).toBe(false);
    expect(hadWork({ owned: none, received: { total: 1, inProgress: 1 }, deadlines: { due: 0 }, done: { contacts: 0 } } as never)).toBe(true);
  });

  it('praises a first contact on time or a logged contact, never a zero', () => {
    expect(followedUp({ deadlinesMet: 0, contacts: 0 })).toBe(false);
    expect(followedUp({ deadlinesMet: 1, contacts: 0 })).toBe(true);
    expect(followedUp({ deadlinesMet: 0, contacts: 2 })).toBe(true);
  });
});
