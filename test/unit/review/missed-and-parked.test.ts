import { beforeAll, describe, expect, it } from 'vitest';
import { createTemplateRenderer, type TemplateRenderer } from '../../../functions/email/render-email.ts';
import type { Lead } from '../../../functions/leads/lead.ts';
import { buildWeeklyReview, type WeeklyReview } from '../../../functions/review/build-review.ts';
import { reviewCsv } from '../../../functions/review/review-csv.ts';
import { reviewEmailVariables } from '../../../functions/review/review-email.ts';
import { reviewLead } from '../../../functions/review/review-lead.ts';
import { defaultSalesPolicy } from '../../../functions/sales/default-policy.ts';
import { buildShippedTemplates, shippedTemplateSets } from '../email/shipped-templates.ts';
import { asRecords, parseCsv } from './csv-reader.ts';
import { businessHours, handedTo, now, rep, storedLead, week } from './review-leads.ts';

const maria = 'maria.keller@stoke.example';
const paul = 'paul.weber@stoke.example';
const roster = [rep('anna', 'Anna Schmidt'), rep('ben', 'Ben Huber'), rep('lena', 'Lena Berg')];
const parkedWith = (notifyEmail: string): Pick<Lead, 'owner'> => ({ owner: { type: 'queue', queue: 'unassigned', notifyEmail } });

// Anna missed Tuesday's deadline (10:00Z); at 13:00Z the lead went to Lena, who called within the hour.
const moved = storedLead('moved-1', {
  ...handedTo('lena', 'Lena Berg', '2026-11-24T13:00:00.000Z', { deadlineAt: '2026-11-24T14:00:00.000Z' }, {
    number: 2,
    missedDeadlines: [{ ownerId: 'anna', name: 'Anna Schmidt', deadlineAt: '2026-11-24T10:00:00.000Z' }],
  }),
  status: 'in-progress',
  firstContactAt: '2026-11-24T13:30:00.000Z',
  contactCount: 1,
  contactTimes: ['2026-11-24T13:30:00.000Z'],
  lastProgressAt: '2026-11-24T13:30:00.000Z',
  updatedAt: '2026-11-24T13:30:00.000Z',
});
// Anna missed Wednesday's deadline, then Ben his; after two misses the lead waits for Maria since Thursday 10:00 Berlin.
const parkedAssignment = {
  at: '2026-11-26T09:00:00.000Z', number: 3, episode: 1, rule: 'first-contact → missed:2 → manager', reason: 'No first contact after 2 missed deadlines',
  deadlineAt: '2026-11-26T10:00:00.000Z', escalateAt: '2026-11-26T11:00:00.000Z', reassignAt: '2026-11-26T13:00:00.000Z', parked: true,
  missedDeadlines: [{ ownerId: 'anna', name: 'Anna Schmidt', deadlineAt: '2026-11-25T10:00:00.000Z' }, { ownerId: 'ben', name: 'Ben Huber', deadlineAt: '2026-11-25T14:00:00.000Z' }],
};
const parked = storedLead('parked-1', { ...parkedWith(maria), assignment: parkedAssignment, updatedAt: '2026-11-26T09:00:00.000Z' });
// The same lead as the captured-by-day query read it before it was parked: the latest version counts, once.
const parkedEarlier = storedLead('parked-1', { ...handedTo('ben', 'Ben Huber', '2026-11-25T13:00:00.000Z', { deadlineAt: '2026-11-25T14:00:00.000Z' }), updatedAt: '2026-11-25T13:00:00.000Z' });
// A miss of last week is last week's; a queue's miss is nobody's; Paul's parked lead is Paul's.
const oldMiss = storedLead('old-miss', {
  ...handedTo('lena', 'Lena Berg', '2026-11-16T13:00:00.000Z', { deadlineAt: '2026-11-16T14:00:00.000Z' }, { missedDeadlines: [{ ownerId: 'anna', name: 'Anna Schmidt', deadlineAt: '2026-11-16T10:00:00.000Z' }] }),
  status: 'in-progress', firstContactAt: '2026-11-16T13:10:00.000Z', contactCount: 1, lastProgressAt: '2026-11-25T09:00:00.000Z', updatedAt: '2026-11-25T09:00:00.000Z',
});
const queueMiss = storedLead('queue-miss', {
  ...parkedWith('sales-manager@example.com'),
  assignment: { ...parkedAssignment, parked: undefined, missedDeadlines: [{ ownerId: 'queue:unassigned', name: 'unassigned', deadlineAt: '2026-11-25T10:00:00.000Z' }] },
});
const paulsParked = storedLead('pauls-parked', { ...parkedWith(paul), assignment: { ...parkedAssignment, missedDeadlines: [{ ownerId: 'finn', name: 'Finn Dubois', deadlineAt: '2026-11-25T10:00:00.000Z' }] } });

const toReview = (leads: Lead[]) => leads.map((lead) => reviewLead(lead, week));

describe('deadlines missed by a rep who then lost the lead', () => {
  let review: WeeklyReview;
  const repOf = (repId: string) => review.reps.find((each) => each.repId === repId)!;

  beforeAll(() => {
    review = buildWeeklyReview(
      { week, reps: roster, ownedLeads: toReview([moved, parked, oldMiss, queueMiss, paulsParked]), capturedLeads: toReview([parkedEarlier]), focus: [], businessHours },
      defaultSalesPolicy,
      now,
    );
  });

  it('count against the rep who missed them, saying where the lead went', () => {
    const anna = repOf('anna');

    // Tuesday's miss on moved-1 and Wednesday's on parked-1; the miss of 16 Nov was last week's.
    expect([anna.deadlines.due, anna.deadlines.met]).toEqual([2, 0]);
    expect(anna.deadlines.missed.map(({ leadId, deadlineAt, nowWith }) => [leadId, deadlineAt, nowWith])).toEqual([
      ['moved-1', '2026-11-24T10:00:00.000Z', { owner: 'Lena Berg', parked: false }],
      ['parked-1', '2026-11-25T10:00:00.000Z', { owner: maria, parked: true }],
    ]);
    expect(anna.speedToLead.withinDeadline).toBe(0);
    // Speed 0 of 2 is Anna's only part: she holds no lead.
    expect(anna.followUpScoreParts.map(({ id, weight, points, detail }) => [id, weight, points, detail])).toEqual([['speed', 100, 0, '0 of 2 first-contact deadlines met']]);
    expect([repOf('ben').deadlines.due, repOf('ben').deadlines.met]).toEqual([1, 0]);
  });

  it('leave the rep who took the lead over with their own deadline only', () => {
    // moved-1's deadline of 14:00Z, met at 13:30Z (30 business minutes); old-miss was due last week.
    expect(repOf('lena').deadlines).toMatchObject({ due: 1, met: 1, missed: [] });
    expect(repOf('lena').speedToLead).toMatchObject({ firstContacts: 1, medianMinutes: 30 });
  });

  it('leave every lead counted once, with its current owner', () => {
    expect(review.reps.map(({ repId, owned }) => [repId, owned.total])).toEqual([['anna', 0], ['ben', 0], ['lena', 2]]);
    expect(review.accounting).toEqual({ ownedLeads: 5, ofReps: 2, ofQueues: 3, ofUnknownOwners: 0 });
  });

  it('name the leads parked with a manager: who missed, since when', () => {
    // Parked Thu 26 Nov 09:00Z, the review runs Mon 30 Nov 07:00Z: 3 days and 22 hours. The queue's own lead is not parked.
    expect(review.parked).toEqual([
      { leadId: 'parked-1', name: 'Lead parked-1', company: 'Company parked-1', managerEmail: maria, queue: 'unassigned', since: '2026-11-26T09:00:00.000Z', days: 3, missed: parkedAssignment.missedDeadlines },
      { leadId: 'pauls-parked', name: 'Lead pauls-parked', company: 'Company pauls-parked', managerEmail: paul, queue: 'unassigned', since: '2026-11-26T09:00:00.000Z', days: 3, missed: paulsParked.assignment!.missedDeadlines },
    ]);
  });

  it('give the counts in the spreadsheet', () => {
    const anna = asRecords(parseCsv(reviewCsv(review))).find((record) => record['Rep id'] === 'anna')!;

    expect([anna['Deadlines due'], anna['Deadlines met'], anna['Deadlines missed on leads then taken away'], anna['Of those, parked with a manager']]).toEqual(['2', '0', '2', '1']);
  });

  describe('in the manager’s email', () => {
    let renderEmail: TemplateRenderer['render'];
    const variablesFor = (email: string) => reviewEmailVariables(review, { email, name: 'Maria' }, roster, { reportUrl: 'https://stoke.example/r' }, { name: 'Stoke', postalAddress: 'Street 1' });

    beforeAll(async () => {
      await buildShippedTemplates();
      renderEmail = createTemplateRenderer((await shippedTemplateSets()).review).render;
    });

    it('lists the leads parked with this manager only', () => {
      expect(variablesFor(maria.toUpperCase()).parked).toEqual([
        { name: 'Lead parked-1', company: 'Company parked-1', missedBy: 'Anna Schmidt and Ben Huber', missedDeadlines: 2, since: 'Thu 26 Nov, 10:00', days: 3 },
      ]);
      expect(variablesFor(paul).parked.map(({ name }) => name)).toEqual(['Lead pauls-parked']);
    });

    it('says so in the preheader, in a box of its own, and beside the rep’s missed deadlines', () => {
      const { preheader, text } = renderEmail('review/weekly-review', variablesFor(maria));

      expect(preheader).toMatch(/^1 parked lead waits for you\. /);
      expect(text).toContain('Waiting for your decision: 1 parked lead');
      expect(text).toContain('Lead parked-1, Company parked-1\nmissed by Anna Schmidt and Ben Huber · parked Thu 26 Nov, 10:00, 3 days ago');
      expect(text).toContain('• Lead moved-1, Company moved-1 · due Tue 24 Nov, 11:00 · taken away, now with Lena Berg');
      expect(text).toContain(`• Lead parked-1, Company parked-1 · due Wed 25 Nov, 11:00 · taken away, now parked with ${maria}`);
    });
  });
});
