import { beforeAll, describe, expect, it } from 'vitest';
import { createTemplateRenderer, type TemplateRenderer } from '../../../functions/email/render-email.ts';
import type { Lead, LeadPlan, StepRecord } from '../../../functions/leads/lead.ts';
import { buildWeeklyReview, type WeeklyReview } from '../../../functions/review/build-review.ts';
import { reviewEmailVariables } from '../../../functions/review/review-email.ts';
import { reviewCsv, reviewLeadsCsv, reviewPlansCsv } from '../../../functions/review/review-csv.ts';
import { reviewLead } from '../../../functions/review/review-lead.ts';
import { defaultSalesPolicy } from '../../../functions/sales/default-policy.ts';
import { buildShippedTemplates, shippedTemplateSets } from '../email/shipped-templates.ts';
import { asRecords, parseCsv } from './csv-reader.ts';
import { businessHours, handedTo, rep, storedLead } from './review-leads.ts';

// A fortnight of contact plans, counted by hand. Weeks in Europe/Berlin (UTC+1):
// W48 runs Mon 23 Nov 00:00 to Mon 30 Nov 00:00 (22 Nov 23:00Z to 29 Nov 23:00Z), reviewed Mon 30 Nov 08:00;
// W49 runs to Mon 7 Dec 00:00 (6 Dec 23:00Z), reviewed Mon 7 Dec 08:00. Each week's review reads the leads
// as they stood when it was made. Anna works the field plan (8 touches), Ben the desk plan (6).
const w48 = { id: '2026-W48', start: '2026-11-22T23:00:00.000Z', end: '2026-11-29T23:00:00.000Z' };
const w49 = { id: '2026-W49', start: '2026-11-29T23:00:00.000Z', end: '2026-12-06T23:00:00.000Z' };
const w48ReviewedAt = new Date('2026-11-30T07:00:00.000Z');
const w49ReviewedAt = new Date('2026-12-07T07:00:00.000Z');

const field = { planId: 'field', name: 'Field: 8 touches over 3 weeks', length: 8, episode: 1 };
const desk = { planId: 'desk', name: 'Desk: 6 touches over 2 weeks', length: 6, episode: 1 };

const done = (by: string, touch: number, dueAt: string, at: string, onTime: boolean): StepRecord => ({ kind: 'touch', touch, outcome: 'done', dueAt, at, onTime, by });
const skipped = (by: string, touch: number, dueAt: string, at: string): StepRecord => ({ kind: 'touch', touch, outcome: 'skipped', dueAt, at, onTime: true, by, reason: 'wrong number' });
const nextTouch = (touch: number, dueAt: string, setAt: string): LeadPlan['next'] => ({ kind: 'touch', touch, channel: 'call', dueAt, instruction: 'Call.', setAt });
const checkIn = (dueAt: string, setAt: string): LeadPlan['next'] => ({ kind: 'check-in', channel: 'call', dueAt, instruction: 'Check in.', setAt });

const toAnna = (at: string) => handedTo('anna', 'Anna Schmidt', at, { deadlineAt: new Date(Date.parse(at) + 3_600_000).toISOString() });
const toBen = (at: string) => handedTo('ben', 'Ben Huber', at, { deadlineAt: new Date(Date.parse(at) + 3_600_000).toISOString() });

/** A lead handed off at `handedAt` on `plan`, its steps and next step as given, first contact at its first done touch. */
function planned(leadId: string, handedTo: Pick<Lead, 'owner' | 'assignment'>, plan: typeof field, steps: StepRecord[], changes: Partial<Lead> & { next?: LeadPlan['next'] }): Lead {
  const contacts = steps.filter((step) => step.outcome === 'done').map((step) => step.at);
  const { next, ...rest } = changes;
  return storedLead(leadId, {
    ...handedTo,
    status: 'in-progress',
    firstContactAt: contacts[0],
    contactCount: contacts.length,
    contactTimes: contacts,
    lastProgressAt: contacts.at(-1),
    updatedAt: contacts.at(-1) ?? handedTo.assignment!.at,
    plan: { ...plan, startedAt: handedTo.assignment!.at, steps, ...(next ? { next } : {}) },
    ...rest,
  });
}

// Alba (Anna's): handed Tue 24 Nov 09:00Z. Touch 1 on time, 2 late (due Tue, done Wed), 3 on time (same day, later);
// in W49 touches 4 and 5 on time, then a purchase Thu 3 Dec 12:00Z.
const albaW48Steps = [
  done('anna', 1, '2026-11-24T10:00:00.000Z', '2026-11-24T09:30:00.000Z', true),
  done('anna', 2, '2026-11-24T14:00:00.000Z', '2026-11-25T09:00:00.000Z', false),
  done('anna', 3, '2026-11-26T10:00:00.000Z', '2026-11-26T15:00:00.000Z', true),
];
const albaW49Steps = [
  ...albaW48Steps,
  done('anna', 4, '2026-11-30T10:00:00.000Z', '2026-11-30T11:00:00.000Z', true),
  done('anna', 5, '2026-12-02T10:00:00.000Z', '2026-12-02T10:00:00.000Z', true),
];
const alba = {
  w48: planned('alba', toAnna('2026-11-24T09:00:00.000Z'), field, albaW48Steps, { next: nextTouch(4, '2026-11-30T10:00:00.000Z', '2026-11-26T15:00:00.000Z') }),
  w49: planned('alba', toAnna('2026-11-24T09:00:00.000Z'), field, albaW49Steps, {
    status: 'purchased', purchase: { value: 40_000, at: '2026-12-03T12:00:00.000Z' }, closedAt: '2026-12-03T12:00:00.000Z', next: checkIn('2027-01-02T12:00:00.000Z', '2026-12-03T12:00:00.000Z'),
  }),
};

// Aiko (Anna's): handed Wed 25 Nov 09:00Z. Touch 1 on time, touch 2 skipped; touch 3, due Fri 27 Nov 10:00Z, still
// waiting at the W48 review. In W49 Anna does it (Tue 1 Dec, late) and closes the lead as not interested an hour later,
// after 2 plan touches. Aiko also has a contact logged outside the plan: 3 contacts, which the old rule (at most 2
// contacts) would not call an early give-up; the plan's rule (fewer than 5 touches done) does.
const aikoW48Steps = [done('anna', 1, '2026-11-25T10:00:00.000Z', '2026-11-25T09:45:00.000Z', true), skipped('anna', 2, '2026-11-25T14:00:00.000Z', '2026-11-25T16:00:00.000Z')];
const aiko = {
  w48: planned('aiko', toAnna('2026-11-25T09:00:00.000Z'), field, aikoW48Steps, { next: nextTouch(3, '2026-11-27T10:00:00.000Z', '2026-11-25T16:00:00.000Z') }),
  w49: planned('aiko', toAnna('2026-11-25T09:00:00.000Z'), field, [...aikoW48Steps, done('anna', 3, '2026-11-27T10:00:00.000Z', '2026-12-01T09:00:00.000Z', false)], {
    status: 'not-interested', contactCount: 3, notInterested: { reason: 'no-budget-now', returnToNurture: true, at: '2026-12-01T10:00:00.000Z' }, closedAt: '2026-12-01T10:00:00.000Z',
  }),
};

// Arne (Anna's): handed Thu 26 Nov 09:00Z, touch 1 due at 10:00Z and not done by the W48 review. In W49: touch 1 Mon
// 30 Nov (late), touches 2 and 3 on time, touch 4 due Thu 3 Dec 12:30Z still waiting at the W49 review.
const arneW49Steps = [
  done('anna', 1, '2026-11-26T10:00:00.000Z', '2026-11-30T08:00:00.000Z', false),
  done('anna', 2, '2026-11-30T12:00:00.000Z', '2026-11-30T12:30:00.000Z', true),
  done('anna', 3, '2026-12-01T12:30:00.000Z', '2026-12-01T13:00:00.000Z', true),
];
const arne = {
  w48: planned('arne', toAnna('2026-11-26T09:00:00.000Z'), field, [], { status: 'assigned', next: nextTouch(1, '2026-11-26T10:00:00.000Z', '2026-11-26T09:00:00.000Z') }),
  w49: planned('arne', toAnna('2026-11-26T09:00:00.000Z'), field, arneW49Steps, { next: nextTouch(4, '2026-12-03T12:30:00.000Z', '2026-12-01T13:00:00.000Z') }),
};

// Bea (Ben's): handed Mon 23 Nov 09:00Z; touches 1-3 on time, 4 late (due Thu, done Fri 27 Nov 09:00Z), purchased
// Fri 10:00Z. Nothing changes in W49.
const bea = planned('bea', toBen('2026-11-23T09:00:00.000Z'), desk, [
  done('ben', 1, '2026-11-23T10:00:00.000Z', '2026-11-23T09:20:00.000Z', true),
  done('ben', 2, '2026-11-23T14:00:00.000Z', '2026-11-23T13:00:00.000Z', true),
  done('ben', 3, '2026-11-24T14:00:00.000Z', '2026-11-24T14:00:00.000Z', true),
  done('ben', 4, '2026-11-26T14:00:00.000Z', '2026-11-27T09:00:00.000Z', false),
], { status: 'purchased', purchase: { value: 25_000, at: '2026-11-27T10:00:00.000Z' }, closedAt: '2026-11-27T10:00:00.000Z', next: checkIn('2026-12-27T10:00:00.000Z', '2026-11-27T10:00:00.000Z') });

// Bruno (Ben's): handed Tue 24 Nov 09:00Z; touches 1 and 2 on time, closed as not a fit Wed 25 Nov: 2 plan touches.
const bruno = planned('bruno', toBen('2026-11-24T09:00:00.000Z'), desk, [
  done('ben', 1, '2026-11-24T10:00:00.000Z', '2026-11-24T11:00:00.000Z', true),
  done('ben', 2, '2026-11-24T15:00:00.000Z', '2026-11-24T15:10:00.000Z', true),
], { status: 'not-interested', notInterested: { reason: 'not-a-fit', returnToNurture: false, at: '2026-11-25T10:00:00.000Z' }, closedAt: '2026-11-25T10:00:00.000Z' });

// Bodo (Ben's, W49 only): handed Wed 2 Dec 09:00Z; touch 1 skipped, 2 on time, 3 late; touch 4 due Mon 7 Dec, after W49.
const bodo = planned('bodo', toBen('2026-12-02T09:00:00.000Z'), desk, [
  skipped('ben', 1, '2026-12-02T10:00:00.000Z', '2026-12-02T09:30:00.000Z'),
  done('ben', 2, '2026-12-02T14:00:00.000Z', '2026-12-02T14:30:00.000Z', true),
  done('ben', 3, '2026-12-03T14:30:00.000Z', '2026-12-04T09:00:00.000Z', false),
], { next: nextTouch(4, '2026-12-07T14:30:00.000Z', '2026-12-04T09:00:00.000Z') });

// Berta (Ben's): handed off in October, before plans, so she has none; closed as unreachable Wed 2 Dec after 1 contact.
const berta = storedLead('berta', {
  ...toBen('2026-10-05T09:00:00.000Z'),
  status: 'not-interested',
  firstContactAt: '2026-10-05T09:30:00.000Z',
  contactCount: 1,
  contactTimes: ['2026-10-05T09:30:00.000Z'],
  lastProgressAt: '2026-12-02T10:00:00.000Z',
  notInterested: { reason: 'unreachable', returnToNurture: true, at: '2026-12-02T10:00:00.000Z' },
  closedAt: '2026-12-02T10:00:00.000Z',
  updatedAt: '2026-12-02T10:00:00.000Z',
});

const roster = [rep('anna', 'Anna Schmidt'), rep('ben', 'Ben Huber')];

function reviewOf(week: typeof w48, leads: Lead[], now: Date): WeeklyReview {
  return buildWeeklyReview({ week, reps: roster, ownedLeads: leads.map((lead) => reviewLead(lead, week)), capturedLeads: [], focus: [], businessHours }, defaultSalesPolicy, now);
}

const emailOf = (review: WeeklyReview) => reviewEmailVariables(review, { email: 'maria.keller@stoke.example' }, roster, { reportUrl: 'https://stoke.example/r' }, { name: 'Stoke', postalAddress: 'Street 1' });
const repIn = (review: WeeklyReview, repId: string) => review.reps.find((each) => each.repId === repId)!;
const reached = (...counts: number[]) => counts.map((leads, index) => ({ touch: index + 1, leads }));
const purchasedAfter = (length: number, touch: number | null) => Array.from({ length: length + 1 }, (_, at) => ({ touch: at, leads: at === touch ? 1 : 0 }));

describe('the contact plans in the weekly review, over a hand-counted fortnight', () => {
  let week48: WeeklyReview;
  let week49: WeeklyReview;
  let renderEmail: TemplateRenderer['render'];

  beforeAll(async () => {
    week48 = reviewOf(w48, [alba.w48, aiko.w48, arne.w48, bea, bruno], w48ReviewedAt);
    week49 = reviewOf(w49, [alba.w49, aiko.w49, arne.w49, bea, bruno, bodo, berta], w49ReviewedAt);
    await buildShippedTemplates();
    renderEmail = createTemplateRenderer((await shippedTemplateSets()).review).render;
  });

  describe('week 48', () => {
    it('counts the touches each rep had due, by what became of them', () => {
      // Anna: recorded touches due in W48: Alba 1 (on time), 2 (late), 3 (on time); Aiko 1 (on time), 2 (skipped).
      // Waiting: Aiko's touch 3 (due Fri 27 Nov) and Arne's touch 1 (due Thu 26 Nov). Alba's touch 4 is due Mon 30 Nov,
      // after the week. 7 = 3 + 1 + 1 + 2.
      expect(repIn(week48, 'anna').touches).toEqual({ due: 7, onTime: 3, late: 1, skipped: 1, notDone: 2 });
      // Ben: Bea 1, 2, 3 on time and 4 late; Bruno 1 and 2 on time. Nothing waits: both are closed. 6 = 5 + 1.
      expect(repIn(week48, 'ben').touches).toEqual({ due: 6, onTime: 5, late: 1, skipped: 0, notDone: 0 });
      // The roster: 7 + 6, of them 3 + 5 on time; 2 next steps overdue, both Anna's.
      expect(week48.team.touches).toEqual({ due: 13, onTime: 8, late: 2, skipped: 1, notDone: 2 });
      expect(week48.team.overdueSteps).toBe(2);
    });

    it('names the open leads whose next step is overdue, oldest first', () => {
      // Arne's touch 1 was due Thu 26 Nov 10:00Z: 3 days 21 hours before the review, 3 whole days.
      // Aiko's touch 3 was due Fri 27 Nov 10:00Z: 2 days 21 hours, 2 days. Alba's next is after the week.
      expect(repIn(week48, 'anna').overdueSteps).toEqual([
        { leadId: 'arne', name: 'Lead arne', company: 'Company arne', plan: field.name, kind: 'touch', touch: 1, dueAt: '2026-11-26T10:00:00.000Z', daysOverdue: 3 },
        { leadId: 'aiko', name: 'Lead aiko', company: 'Company aiko', plan: field.name, kind: 'touch', touch: 3, dueAt: '2026-11-27T10:00:00.000Z', daysOverdue: 2 },
      ]);
      expect(repIn(week48, 'ben').overdueSteps).toEqual([]);
    });

    it('lists the lead closed before its plan’s fifth touch, and scores it as given up', () => {
      // Bruno: closed not interested in W48 after 2 of the desk plan's touches, fewer than 5. Anna closed nothing.
      expect(repIn(week48, 'ben').givingUp.early).toEqual([
        { leadId: 'bruno', name: 'Lead bruno', company: 'Company bruno', contacts: 2, touchesDone: 2, beforeTouch: 5, reason: 'not-a-fit', reasonLabel: 'Not a fit' },
      ]);
      expect(repIn(week48, 'anna').givingUp.early).toEqual([]);
      // Outcomes: Bea purchased counts, Bruno given up counts nothing: 1 of 2.
      expect(repIn(week48, 'ben').followUpScoreParts.find((part) => part.id === 'outcomes')).toMatchObject({ value: 0.5, detail: '1 purchased, 1 given up before plan touch 5' });
    });

    it('shows how far each plan took its leads and which touch preceded the purchase', () => {
      // Field: Alba did touches up to 3, Aiko touch 1 (2 skipped), Arne none. Reached touch 1: Alba and Aiko; 2 and 3: Alba.
      // Desk: Bea up to 4, Bruno up to 2. Bea's purchase (Fri 10:00Z) came after touch 4 (Fri 09:00Z). Field has more leads: first.
      expect(week48.plans).toEqual([
        { planId: 'field', name: field.name, length: 8, leads: 3, reached: reached(2, 1, 1, 0, 0, 0, 0, 0), purchased: 0, purchasedAfter: purchasedAfter(8, null) },
        { planId: 'desk', name: desk.name, length: 6, leads: 2, reached: reached(2, 2, 1, 1, 0, 0), purchased: 1, purchasedAfter: purchasedAfter(6, 4) },
      ]);
    });

    it('prints the figures in the manager’s email', () => {
      const { text } = renderEmail('review/weekly-review', emailOf(week48));

      expect(text).toContain('8 of 13 plan touches on time · 2 next steps overdue');
      expect(text).toContain('Plan touches due: 7 = 3 on time + 1 late + 1 skipped + 2 not done');
      expect(text).toContain('Plan touches due: 6 = 5 on time + 1 late + 0 skipped + 0 not done');
      // Berlin time: 10:00Z is 11:00.
      expect(text).toContain(`Next step overdue\n• Lead arne, Company arne · touch 1 of ${field.name} · due Thu 26 Nov, 11:00 · 3 days overdue\n• Lead aiko, Company aiko · touch 3 of ${field.name} · due Fri 27 Nov, 11:00 · 2 days overdue`);
      expect(text).toContain('Given up early\n• Lead bruno, Company bruno · Not a fit after 2 of 5 plan touches');
      // Field first (3 leads): Alba and Aiko did touch 1; desk: Bea's purchase followed touch 4.
      expect(text).toContain(`Contact plans: how far leads get`);
      expect(text).toContain(`${field.name} · 3 leads · 0 purchased\n\nReached touch 1 | 2`);
      expect(text).toContain(`${desk.name} · 2 leads · 1 purchased`);
      expect(text).toContain('Purchases after touch 4 (1)');
    });

    it('puts the figures in the CSVs', () => {
      const anna = asRecords(parseCsv(reviewCsv(week48))).find((record) => record['Rep id'] === 'anna')!;
      const ben = asRecords(parseCsv(reviewCsv(week48))).find((record) => record['Rep id'] === 'ben')!;
      const leads = asRecords(parseCsv(reviewLeadsCsv(week48)));
      const [desk48] = asRecords(parseCsv(reviewPlansCsv(week48))).filter((record) => record['Plan id'] === 'desk');

      expect([anna['Plan touches due'], anna['Plan touches on time'], anna['Plan touches late'], anna['Plan touches skipped'], anna['Plan touches not done'], anna['Next steps overdue']]).toEqual(['7', '3', '1', '1', '2', '2']);
      expect([ben['Given up early'], ben["Of those, before the plan's fifth touch"]]).toEqual(['1', '1']);
      expect(leads.find((record) => record['Lead id'] === 'alba')).toMatchObject({ Plan: field.name, 'Plan touches done': '3', 'Next step due': '2026-11-30T10:00:00.000Z' });
      // The desk plan has 6 touches: the field plan's touches 7 and 8 are empty in its row, not zero.
      expect(desk48).toMatchObject({ Leads: '2', 'Reached touch 1': '2', 'Reached touch 4': '1', 'Reached touch 6': '0', 'Reached touch 7': '', Purchased: '1', 'Purchased after touch 0': '0', 'Purchased after touch 4': '1' });
    });
  });

  describe('week 49', () => {
    it('counts the touches due this week only, however late last week’s were done', () => {
      // Anna: Alba 4 and 5 on time, Arne 2 and 3 on time; Arne's touch 4 (due Thu 3 Dec) waits. Aiko's touch 3 and Arne's
      // touch 1, done late this week, were due in W48: not counted here. 5 = 4 + 1.
      expect(repIn(week49, 'anna').touches).toEqual({ due: 5, onTime: 4, late: 0, skipped: 0, notDone: 1 });
      // Ben: Bodo 1 skipped, 2 on time, 3 late; his touch 4 is due Mon 7 Dec, after the week. Berta has no plan. 3 = 1 + 1 + 1.
      expect(repIn(week49, 'ben').touches).toEqual({ due: 3, onTime: 1, late: 1, skipped: 1, notDone: 0 });
      expect(week49.team.touches).toEqual({ due: 8, onTime: 5, late: 1, skipped: 1, notDone: 1 });
      expect(week49.team.overdueSteps).toBe(1);
    });

    it('names the step still overdue, and no longer the ones done since', () => {
      // Arne's touch 4 was due Thu 3 Dec 12:30Z: 3 days 18.5 hours before the review. Aiko is closed, Alba purchased.
      expect(repIn(week49, 'anna').overdueSteps).toEqual([
        { leadId: 'arne', name: 'Lead arne', company: 'Company arne', plan: field.name, kind: 'touch', touch: 4, dueAt: '2026-12-03T12:30:00.000Z', daysOverdue: 3 },
      ]);
      expect(repIn(week49, 'ben').overdueSteps).toEqual([]);
    });

    it('judges a lead with a plan by its touches and one without by its contacts, in one list', () => {
      // Aiko: 2 plan touches done (1 and 3), fewer than 5, although 3 contacts would have passed the old rule.
      expect(repIn(week49, 'anna').givingUp.early).toEqual([
        { leadId: 'aiko', name: 'Lead aiko', company: 'Company aiko', contacts: 3, touchesDone: 2, beforeTouch: 5, reason: 'no-budget-now', reasonLabel: 'No budget now' },
      ]);
      // Berta: no plan, 1 contact, at most givenUpAfterContacts (2).
      expect(repIn(week49, 'ben').givingUp.early).toEqual([
        { leadId: 'berta', name: 'Lead berta', company: 'Company berta', contacts: 1, touchesDone: null, beforeTouch: null, reason: 'unreachable', reasonLabel: 'Unreachable' },
      ]);
      // Anna: Alba purchased, Aiko given up: 1 of 2. Ben: only Berta, given up: 0 of 1.
      expect(repIn(week49, 'anna').followUpScoreParts.find((part) => part.id === 'outcomes')).toMatchObject({ value: 0.5, detail: '1 purchased, 1 given up before plan touch 5' });
      expect(repIn(week49, 'ben').followUpScoreParts.find((part) => part.id === 'outcomes')).toMatchObject({ value: 0, detail: '1 given up within 2 contacts' });
    });

    it('counts each plan over every lead that started it, the fortnight’s included', () => {
      // Field: Alba up to 5, Aiko up to 3 (touch 2 skipped, but 3 done: she reached 2), Arne up to 3. Reached 1-3: all three;
      // 4 and 5: Alba. Alba's purchase (Thu 3 Dec 12:00Z) came after touch 5 (Wed 2 Dec).
      // Desk: Bea up to 4, Bruno up to 2, Bodo up to 3 (touch 1 skipped). Berta has no plan. Reached 1 and 2: three;
      // 3: Bea and Bodo; 4: Bea. Both plans have 3 leads: by name, desk first.
      expect(week49.plans).toEqual([
        { planId: 'desk', name: desk.name, length: 6, leads: 3, reached: reached(3, 3, 2, 1, 0, 0), purchased: 1, purchasedAfter: purchasedAfter(6, 4) },
        { planId: 'field', name: field.name, length: 8, leads: 3, reached: reached(3, 3, 3, 1, 1, 0, 0, 0), purchased: 1, purchasedAfter: purchasedAfter(8, 5) },
      ]);
    });

    it('prints the figures in the manager’s email', () => {
      const { text } = renderEmail('review/weekly-review', emailOf(week49));

      expect(text).toContain('Plan touches due: 5 = 4 on time + 0 late + 0 skipped + 1 not done');
      expect(text).toContain(`Next step overdue\n• Lead arne, Company arne · touch 4 of ${field.name} · due Thu 3 Dec, 13:30 · 3 days overdue`);
      expect(text).toContain('• Lead aiko, Company aiko · No budget now after 2 of 5 plan touches');
      expect(text).toContain('• Lead berta, Company berta · Unreachable after 1 contact');
      expect(text).toContain('Purchases after touch 5 (1)');
    });
  });
});
