import { beforeAll, describe, expect, it } from 'vitest';
import { createTemplateRenderer, type TemplateRenderer } from '../../../functions/email/render-email.ts';
import type { Lead } from '../../../functions/leads/lead.ts';
import { buildWeeklyReview, type WeeklyReview } from '../../../functions/review/build-review.ts';
import { reviewEmailVariables } from '../../../functions/review/review-email.ts';
import type { ReviewInput } from '../../../functions/review/review-input.ts';
import { reviewLead } from '../../../functions/review/review-lead.ts';
import { defaultSalesPolicy } from '../../../functions/sales/default-policy.ts';
import { buildShippedTemplates, shippedTemplateSets } from '../email/shipped-templates.ts';
import { businessHours, handedTo, now, rep, storedLead, week } from './review-leads.ts';

// The three weeks a new user tried (issue 12), each worked out by hand. Every lead is handed off on
// Tue 24 Nov at 10:00 Berlin (09:00Z), first contact due an hour later (10:00Z). The old formula,
// 60 × deadlines met + 40 × contacts per open lead with an empty part counted whole, gave 100, 40 and 60.
const handoff = '2026-11-24T09:00:00.000Z';
const deadline = { deadlineAt: '2026-11-24T10:00:00.000Z', escalateAt: '2026-11-24T11:00:00.000Z', reassignAt: '2026-11-24T13:00:00.000Z' };
const closedAt = '2026-11-24T09:20:00.000Z';

const zoeCloses: Record<string, Partial<Lead>> = {
  // What applyLeadAction stores today: the click stamps a first contact, and no closedAt or reason.
  'the one-click link, as it stores a close today': { status: 'not-interested', firstContactAt: closedAt, lastProgressAt: closedAt, updatedAt: closedAt },
  'the one-click link, storing closedAt and the reason': {
    status: 'not-interested', firstContactAt: closedAt, lastProgressAt: closedAt, updatedAt: closedAt, closedAt, notInterested: { reason: 'not-a-fit', returnToNurture: false, at: closedAt },
  },
  'the sales API': { status: 'not-interested', lastProgressAt: closedAt, updatedAt: closedAt, closedAt, notInterested: { reason: 'not-a-fit', returnToNurture: false, at: closedAt } },
};

// Max calls at 11:30 Berlin, half an hour late, and closes a 120,000 purchase on Thursday.
const maxLead = (contactAt: string) =>
  storedLead('max-1', {
    ...handedTo('max', 'Max Weber', handoff, deadline),
    status: 'purchased',
    firstContactAt: contactAt,
    contactCount: 1,
    contactTimes: [contactAt],
    lastProgressAt: '2026-11-26T13:00:00.000Z',
    purchase: { value: 120_000, at: '2026-11-26T13:00:00.000Z' },
    closedAt: '2026-11-26T13:00:00.000Z',
    updatedAt: '2026-11-26T13:00:00.000Z',
  });

// Ola's three leads came last week and were called then; this week she only noted what holds them back.
const olaLeads = [1, 2, 3].map((n) =>
  storedLead(`ola-${n}`, {
    ...handedTo('ola', 'Ola Nowak', '2026-11-16T09:00:00.000Z', { deadlineAt: '2026-11-16T10:00:00.000Z' }),
    status: 'in-progress',
    firstContactAt: '2026-11-16T09:30:00.000Z',
    contactCount: 1,
    contactTimes: ['2026-11-16T09:30:00.000Z'],
    holdBack: { category: 'timing', at: '2026-11-24T12:00:00.000Z' },
    lastProgressAt: '2026-11-24T12:00:00.000Z',
    updatedAt: '2026-11-24T12:00:00.000Z',
  }),
);

const roster = [rep('zoe', 'Zoe Link'), rep('max', 'Max Weber'), rep('ola', 'Ola Nowak')];
const emailOf = (review: WeeklyReview) => reviewEmailVariables(review, { email: 'maria.keller@stoke.example' }, roster, { reportUrl: 'https://stoke.example/r' }, { name: 'Stoke', postalAddress: 'Street 1' });

function reviewOf(leads: Lead[]): WeeklyReview {
  const input: ReviewInput = {
    week,
    reps: roster,
    ownedLeads: leads.map((lead) => reviewLead(lead, week)),
    capturedLeads: [],
    focus: [],
    businessHours,
  };
  return buildWeeklyReview(input, defaultSalesPolicy, now);
}

const repIn = (review: WeeklyReview, repId: string) => review.reps.find((each) => each.repId === repId)!;
const parts = (review: WeeklyReview, repId: string) => repIn(review, repId).followUpScoreParts.map(({ id, weight, value, points, detail }) => [id, weight, value, points, detail]);

describe('a follow-up score that cannot be gamed', () => {
  it.each(Object.entries(zoeCloses))('closing a lead as not interested without a contact scores nothing, through %s', (_, close) => {
    const review = reviewOf([storedLead('zoe-1', { ...handedTo('zoe', 'Zoe Link', handoff, deadline), ...close })]);
    const zoe = repIn(review, 'zoe');

    // The deadline passed without a contact: speed 0 of 1. Closed after 0 contacts, at most givenUpAfterContacts (2):
    // an early give-up, 0 of 1. Nothing open: no persistence. Weights 50 and 20 of 70 are 71 and 29.
    expect(zoe.followUpScore).toBe(0);
    expect(parts(review, 'zoe')).toEqual([
      ['speed', 71, 0, 0, '0 of 1 first-contact deadline met'],
      ['outcomes', 29, 0, 0, '1 given up within 2 contacts'],
    ]);
    expect(zoe.givingUp.early).toMatchObject([{ leadId: 'zoe-1', contacts: 0 }]);
    expect(zoe.deadlines.missed).toMatchObject([{ leadId: 'zoe-1', firstContactAt: null, closedWithoutContact: true, nowWith: null }]);
    expect(zoe.speedToLead).toMatchObject({ firstContacts: 0, medianMinutes: null, withinDeadline: 0 });
    expect(zoe.done.notInterested.map(({ leadId }) => leadId)).toEqual(['zoe-1']);
  });

  it('counts a contact and a purchase of 120,000 for the rep: the purchase fully, the late first contact not at all', () => {
    const review = reviewOf([maxLead('2026-11-24T10:30:00.000Z')]);
    const max = repIn(review, 'max');

    // Speed 0 of 1 (contact 30 minutes after the deadline); outcomes 1 of 1 (a purchase): 0 of 71 + 29 of 29.
    expect(max.followUpScore).toBe(29);
    expect(parts(review, 'max')).toEqual([
      ['speed', 71, 0, 0, '0 of 1 first-contact deadline met'],
      ['outcomes', 29, 1, 29, '1 purchased'],
    ]);
    // 10:00 to 11:30 Berlin on a Tuesday: 90 business minutes.
    expect(max.speedToLead).toEqual({ firstContacts: 1, medianMinutes: 90, p90Minutes: 90, deadlinesDue: 1, deadlinesMet: 0, withinDeadline: 0 });
  });

  it('gives the same rep 100 when the first call came within the hour', () => {
    const review = reviewOf([maxLead('2026-11-24T09:40:00.000Z')]);

    expect(repIn(review, 'max').followUpScore).toBe(100);
    expect(parts(review, 'max')).toEqual([
      ['speed', 71, 1, 71, '1 of 1 first-contact deadline met'],
      ['outcomes', 29, 1, 29, '1 purchased'],
    ]);
  });

  it('scores open leads with no contact and nothing due by persistence alone: 0', () => {
    const review = reviewOf(olaLeads);
    const ola = repIn(review, 'ola');

    // No deadline fell due this week and nothing was closed: persistence weighs 100, and 0 of 3 open leads were contacted.
    expect(ola.followUpScore).toBe(0);
    expect(parts(review, 'ola')).toEqual([['persistence', 100, 0, 0, '0 of 3 open leads contacted this week']]);
    expect(ola.stale).toEqual([]);
  });

  describe('the three in one week', () => {
    let review: WeeklyReview;
    let renderEmail: TemplateRenderer['render'];

    beforeAll(async () => {
      await buildShippedTemplates();
      renderEmail = createTemplateRenderer((await shippedTemplateSets()).review).render;
      review = reviewOf([storedLead('zoe-1', { ...handedTo('zoe', 'Zoe Link', handoff, deadline), ...zoeCloses['the one-click link, as it stores a close today'] }), maxLead('2026-11-24T10:30:00.000Z'), ...olaLeads]);
    });

    it('ranks the rep who worked and sold first, and praises nobody for closing leads unread', () => {
      // Ola and Zoe tie at 0 with no contact logged: by name.
      expect(review.ranking.map(({ repId, score }) => [repId, score])).toEqual([['max', 29], ['ola', 0], ['zoe', 0]]);

      expect(emailOf(review).recognition).toEqual([{ name: 'Max Weber', score: 29, reason: '0 of 1 first-contact deadline met, 1 purchased, no stale leads' }]);
    });

    it('shows the manager how each score was made and what Zoe gave up', () => {
      const { text } = renderEmail('review/weekly-review', emailOf(review));

      expect(text).toContain('Score 29 = Speed 0/71 (0 of 1 first-contact deadline met) + Outcomes 29/29 (1 purchased)');
      expect(text).toContain('Score 0 = Persistence 0/100 (0 of 3 open leads contacted this week)');
      expect(text).toContain('• Lead zoe-1, Company zoe-1 · due Tue 24 Nov, 11:00 · closed without a contact');
      expect(text).toContain('Given up early\n• Lead zoe-1, Company zoe-1 · no reason given after 0 contacts');
    });
  });
});
