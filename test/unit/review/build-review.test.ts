import { beforeAll, describe, expect, it } from 'vitest';
import { buildWeeklyReview, reviewSummary, type WeeklyReview } from '../../../functions/review/build-review.ts';
import type { RepReview } from '../../../functions/review/weekly-review.ts';
import { defaultSalesPolicy } from '../../../functions/sales/default-policy.ts';
import { input, now } from './weekly-review-fixture.ts';

// Figures added up by hand from the groups in weekly-review-fixture.ts (group names in brackets).
// Category counts follow the review's order: awaiting first contact, budget, timing, authority,
// need-unclear, evaluating-competitor, no-response-yet, not categorised.
const expected = {
  anna: {
    // [a1] 2 purchased, [a2x+a2y] 3 + 2 not interested, in progress [a5] 6 + [a3] 10 + [a4] 8 + [a6] 9 = 33.
    received: { total: 40, purchased: 2, notInterested: 5, inProgress: 33, by: [6, 10, 8, 0, 0, 0, 0, 9] },
    // Plus [a7] 30 purchased, [a8] 20 not interested, [a9] 25 evaluating, [a10] 5 authority: 40 + 80 = 120.
    owned: { total: 120, purchased: 32, notInterested: 25, inProgress: 63, by: [6, 10, 8, 5, 0, 25, 0, 9] },
    // All 40 received fell due Wed 25 Nov 10:00Z; [a4] 8 were contacted late and [a5] 6 not at all.
    deadlines: { due: 40, met: 26, missed: 14 },
    // 34 first contacts: 2 at 60 min, 5 at 90, 10 at 120, 9 at 240, 8 at 1800; the 17th and 18th are 120 and 240.
    // p90 is the ⌈0.9 × 34⌉ = 31st, one of the 8 at 1800. Within deadline: 26 of 40.
    speed: { firstContacts: 34, medianMinutes: 180, p90Minutes: 1800, deadlinesDue: 40, deadlinesMet: 26, withinDeadline: 0.65 },
    // [a10] 5 without progress since 10 Nov 12:00Z: 19 days 19 hours before the review.
    stale: { count: 5, days: 19 },
    // [a1] 2×3 + [a2] 5×1 + [a3] 10×2 + [a4] 8×1 + [a6] 9×1 + [a9] 25×1.
    contacts: 73,
    firstContacts: 34,
    // [a2x] 3 after 1 contact and [a2y] 2 after 4: 11 / 5.
    givingUp: { average: 2.2, early: 3 },
    // Speed 50 × 26/40 = 32.5 → 33. Persistence: of the 63 open leads, [a3] 10 + [a4] 8 + [a6] 9 + [a9] 25 were
    // contacted this week, [a5] 6 and [a10] 5 not: 30 × 52/63 = 24.8 → 25. Outcomes: closed this week [a1] 2 purchased,
    // [a2y] 2 after 4 contacts, [a2x] 3 given up after 1: 20 × 4/7 = 11.4 → 11.
    score: 69,
    parts: [['speed', 50, 33], ['persistence', 30, 25], ['outcomes', 20, 11]],
    // Last week 35 = 3 + 5 + 27 with 80 contacts.
    change: { received: 5, purchased: -1, notInterested: 0, inProgress: 6, contacts: -7 },
  },
  ben: {
    // [b1] 3 purchased, [b2] 2 not interested, [b3] 15 need-unclear + [b4] 5 no-response-yet.
    received: { total: 25, purchased: 3, notInterested: 2, inProgress: 20, by: [0, 0, 0, 0, 15, 0, 5, 0] },
    // Plus [b5] 40 timing, [b6] 10 purchased, [b7] 5 not interested.
    owned: { total: 80, purchased: 13, notInterested: 7, inProgress: 60, by: [0, 0, 40, 0, 15, 0, 5, 0] },
    deadlines: { due: 25, met: 25, missed: 0 },
    // 5 at 30 min, 20 at 45: the 13th of 25, and the ⌈22.5⌉ = 23rd.
    speed: { firstContacts: 25, medianMinutes: 45, p90Minutes: 45, deadlinesDue: 25, deadlinesMet: 25, withinDeadline: 1 },
    stale: { count: 0, days: 0 },
    // 3×4 + 2×3 + 15×2 + 5×3 + 40×1.
    contacts: 103,
    firstContacts: 25,
    givingUp: { average: 5, early: 0 },
    // Every deadline met, all 60 open leads contacted, 3 purchased and 2 closed after 5 contacts.
    score: 100,
    parts: [['speed', 50, 50], ['persistence', 30, 30], ['outcomes', 20, 20]],
    // Last week 28 = 1 + 2 + 25 with 90 contacts.
    change: { received: -3, purchased: 2, notInterested: 0, inProgress: -5, contacts: 13 },
  },
  cleo: {
    // [c1] 1, [c2x+c2y] 4, in progress [c4] 3 + [c5] 2 awaiting, [c3] 10 budget.
    received: { total: 20, purchased: 1, notInterested: 4, inProgress: 15, by: [5, 10, 0, 0, 0, 0, 0, 0] },
    // Plus [c6] 12 with a category the policy no longer has, [c7] 8 evaluating, [c8] 6 authority, [c9] 4 not interested.
    owned: { total: 50, purchased: 1, notInterested: 8, inProgress: 41, by: [5, 10, 0, 6, 0, 8, 0, 12] },
    // [c5] falls due Monday, after the week: 1 + 4 + 10 + 3 = 18 due, [c4] 3 missed.
    deadlines: { due: 18, met: 15, missed: 3 },
    // 5 at 20 min, 10 at 100: the 8th of 15, and the ⌈13.5⌉ = 14th.
    speed: { firstContacts: 15, medianMinutes: 100, p90Minutes: 100, deadlinesDue: 18, deadlinesMet: 15, withinDeadline: 15 / 18 },
    // [c7] since 22 Nov 12:00Z: 7 days 19 hours, exactly the limit. [c8] at 6 days is not stale.
    stale: { count: 8, days: 7 },
    // 1×2 + 4×1 + 10×1 + [c6] 12×1.
    contacts: 28,
    firstContacts: 15,
    // [c2x] 2 after 1 contact, [c2y] 2 after 2: 6 / 4, all at or under the limit of 2.
    givingUp: { average: 1.5, early: 4 },
    // Speed 50 × 15/18 = 41.7 → 42. Persistence: [c5] 2 are not due until Monday, leaving 39 open leads, of which
    // [c3] 10 and [c6] 12 were contacted: 30 × 22/39 = 16.9 → 17. Outcomes: [c1] 1 purchased, [c2x+c2y] 4 given up
    // after 1 or 2 contacts: 20 × 1/5 = 4.
    score: 63,
    parts: [['speed', 50, 42], ['persistence', 30, 17], ['outcomes', 20, 4]],
    change: null,
  },
};

type Expected = (typeof expected)[keyof typeof expected];

function figures(rep: RepReview) {
  return {
    received: { ...rep.received, by: rep.received.inProgressBy.map(({ count }) => count) },
    owned: { ...rep.owned, by: rep.owned.inProgressBy.map(({ count }) => count) },
  };
}

describe('buildWeeklyReview on a hand-counted week', () => {
  let review: WeeklyReview;
  const repOf = (repId: string) => review.reps.find((rep) => rep.repId === repId)!;

  beforeAll(() => {
    review = buildWeeklyReview(input, defaultSalesPolicy, now);
  });

  it('lists the in-progress categories: awaiting first contact, the policy’s hold-backs, not categorised', () => {
    expect(review.categories.map(({ id }) => id)).toEqual([
      'awaiting-first-contact', 'budget', 'timing', 'authority', 'need-unclear', 'evaluating-competitor', 'no-response-yet', 'not-categorised',
    ]);
  });

  it.each(Object.entries(expected))('reconciles what %s received and owns, category by category', (repId, want: Expected) => {
    const { received, owned } = figures(repOf(repId));

    expect(received).toMatchObject(want.received);
    expect(owned).toMatchObject(want.owned);
  });

  it.each(Object.entries(expected))('measures how %s followed up', (repId, want: Expected) => {
    const rep = repOf(repId);

    expect({
      deadlines: { due: rep.deadlines.due, met: rep.deadlines.met, missed: rep.deadlines.missed.length },
      speed: rep.speedToLead,
      stale: { count: rep.stale.length, days: rep.stale[0]?.days ?? 0 },
      contacts: rep.done.contacts,
      firstContacts: rep.done.firstContacts,
      givingUp: { average: rep.givingUp.averageContacts, early: rep.givingUp.early.length },
      score: rep.followUpScore,
      parts: rep.followUpScoreParts.map(({ id, weight, points }) => [id, weight, points]),
      change: rep.change,
    }).toEqual({
      deadlines: want.deadlines,
      speed: want.speed,
      stale: want.stale,
      contacts: want.contacts,
      firstContacts: want.firstContacts,
      givingUp: want.givingUp,
      score: want.score,
      parts: want.parts,
      change: want.change,
    });
  });

  it('shows a rep without leads, and one who left, with zeros rather than leaving them out', () => {
    const eve = repOf('eve');
    const dora = repOf('dora');

    expect([eve.received.total, eve.owned.total, eve.done.contacts, eve.speedToLead.medianMinutes, eve.speedToLead.p90Minutes]).toEqual([0, 0, 0, null, null]);
    expect(eve.owned.inProgressBy.every(({ count }) => count === 0)).toBe(true);
    // Nothing to follow up is no score, not a perfect one, and no place in the ranking.
    expect(eve.followUpScore).toBeNull();
    expect(eve.followUpScoreParts).toEqual([]);
    expect(review.ranking.map(({ repId }) => repId)).not.toContain('eve');
    // [d1] 6 timing, [d2] 4 purchased, nothing received.
    expect([dora.active, dora.received.total, dora.owned.total, dora.owned.purchased, dora.owned.inProgress]).toEqual([false, 0, 10, 4, 6]);
  });

  it('accounts for every owned lead once: 280 with reps of the roster, 3 in a queue, 2 with a rep nobody knows', () => {
    // 120 + 80 + 50 + 10 (Dora) + 0 (Eve) + 20 (Finn) = 280; [q1] 3; [u1] 2.
    expect(review.accounting).toEqual({ ownedLeads: 285, ofReps: 280, ofQueues: 3, ofUnknownOwners: 2 });
    const ids = review.reps.flatMap((rep) => rep.leads.map((lead) => lead.leadId));
    expect(new Set(ids).size).toBe(280);
  });

  it('pools speed to lead per team and for the roster: a median over all first contacts, not a median of medians', () => {
    // Desk (Finn): [f1x] 6 at 60 min, [f1y] 4 at 2160: median of the 5th and 6th, p90 the 9th.
    // Field: Anna's 34, Ben's 25 and Cléo's 15 = 74 times; the 37th and 38th are 90 and 100, the ⌈66.6⌉ = 67th is 1800.
    // All 84: the 42nd and 43rd are both 90, the ⌈75.6⌉ = 76th is 1800. Deadlines: 26 + 25 + 15 of 40 + 25 + 18, and Finn's 6 of 10.
    expect(review.speedToLead).toEqual({
      clock: 'calendar',
      businessHours: null,
      teams: [
        { team: 'desk', reps: 1, firstContacts: 10, medianMinutes: 60, p90Minutes: 2160, deadlinesDue: 10, deadlinesMet: 6, withinDeadline: 0.6 },
        { team: 'field', reps: 5, firstContacts: 74, medianMinutes: 95, p90Minutes: 1800, deadlinesDue: 83, deadlinesMet: 66, withinDeadline: 66 / 83 },
      ],
      total: { firstContacts: 84, medianMinutes: 90, p90Minutes: 1800, deadlinesDue: 93, deadlinesMet: 72, withinDeadline: 72 / 93 },
    });
  });

  it('adds the team’s figures up from the reps’', () => {
    // 40 + 25 + 20 + 0 + 0 + 10 (Finn, all budget) received; 2 + 3 + 1 purchased; 5 + 2 + 4 not interested.
    expect(review.team.received).toMatchObject({ total: 95, purchased: 6, notInterested: 11, inProgress: 78 });
    // 73 + 103 + 28 + 10 (Finn).
    expect(review.team.contacts).toBe(214);
  });

  it('names the leads behind the figures: stale oldest first, missed deadlines, given up early with the reason', () => {
    const anna = repOf('anna');

    expect(anna.stale[0]).toEqual({ leadId: 'a10-1', name: 'Lead a10-1', company: 'Company a10-1', since: '2026-11-10T12:00:00.000Z', days: 19 });
    expect(anna.deadlines.missed.filter((lead) => lead.firstContactAt === null).map(({ leadId }) => leadId)).toEqual(['a5-1', 'a5-2', 'a5-3', 'a5-4', 'a5-5', 'a5-6']);
    expect(anna.givingUp.early[0]).toMatchObject({ leadId: 'a2x-1', contacts: 1, reason: 'unreachable', reasonLabel: 'Unreachable' });
  });

  it('sets this week’s focus items beside what the rep did, leaving last week’s out', () => {
    const anna = repOf('anna');

    expect(anna.focus).toEqual({ items: [expect.stringContaining('six leads'), expect.stringContaining('holds back'), expect.stringContaining('same day')], setBy: ['maria.keller@stoke.example'] });
    expect(anna.done.purchased.map(({ leadId }) => leadId)).toEqual(['a1-1', 'a1-2']);
    expect(anna.done.notInterested).toHaveLength(5);
  });

  it('ranks reps without stale leads by follow-up, and lists reps in follow-up debt after, most stale first', () => {
    // Finn closed nothing: speed 50 and persistence 30 scale to 63 and 37 (62.5 and 37.5, the half to the first).
    // 63 × 6/10 = 37.8 → 38 and 37 × 10/20 = 18.5 → 19 ([f1x+f1y] contacted, [f2] 10 not). Eve had nothing to follow up; Dora has left.
    expect(review.ranking.map(({ repId, score }) => [repId, score])).toEqual([['ben', 100], ['finn', 57]]);
    expect(review.ranking[1]!.parts.map(({ detail }) => detail)).toEqual(['6 of 10 first-contact deadlines met', '10 of 20 open leads contacted this week']);
    expect(review.followUpDebt).toEqual([
      { repId: 'cleo', name: 'Cléo Martin', staleLeads: 8, oldestDays: 7 },
      { repId: 'anna', name: 'Anna Schmidt', staleLeads: 5, oldestDays: 19 },
    ]);
  });

  it('compares each territory’s captured leads with what its reps need', () => {
    // DE: [k1] 5 + [k2] 1 + [k3] 6 + Hesse, which no rep covers, [k11] 3 + [k12] 3 = 18, hot 5 + 1 + 3 = 9; Anna alone: 10 and 5.
    // Bavaria: [k4] 1 + [k5] 3 (region in any case) = 4, 1 hot. FR: [k6] 12 + [k7] 18 = 30, 12 hot, two reps: 20 and 10.
    // Other countries (Eve): [k8] 2 + [k9] 3 IT and [k10] 3 without a country = 8, 2 hot.
    expect(review.territories.map(({ label, inquiries, inquiriesNeeded, qualified, qualifiedNeeded, verdict }) => [label, inquiries, inquiriesNeeded, qualified, qualifiedNeeded, verdict])).toEqual([
      ['DE', 18, 10, 9, 5, 'over-delivering'],
      ['DE · Bavaria', 4, 10, 1, 5, 'under-served'],
      // 30/20 and 12/10: the weaker ratio is 1.2, just on target.
      ['FR', 30, 20, 12, 10, 'on-target'],
      ['Other countries', 8, 10, 2, 5, 'under-served'],
    ]);
    expect(review.territories[2]!.reps.map(({ repId }) => repId)).toEqual(['cleo', 'finn']);
  });

  it('counts marketing’s funnel over the week’s captured leads', () => {
    // Warm or hot at capture: 60 less the cold [k5] 3, [k7] 18, [k10] 3. Nurtured: 6 + 1 + 3 + 12 + 18 + 3.
    // Hot and handed off: 5 + 1 + 1 + 12 + 2 + 3. Purchased: [k2].
    expect(review.funnel.stages.map(({ id, count }) => [id, count])).toEqual([
      ['captured', 60], ['warm', 36], ['nurtured', 43], ['hot', 24], ['handed-off', 24], ['purchased', 1],
    ]);
    expect(review.funnel.stages[1]).toMatchObject({ ofCaptured: 0.6, fromPrevious: 0.6 });
    expect(review.funnel.stages[5]!.fromPrevious).toBeCloseTo(1 / 24);
  });

  it('splits the funnel by source (utm, else form, else direct) and by campaign, most captured first', () => {
    const counts = (rows: WeeklyReview['funnel']['bySource']) => rows.map(({ key, stages }) => [key, ...stages.map(({ count }) => count)]);

    expect(counts(review.funnel.bySource)).toEqual([
      ['linkedin', 30, 12, 30, 12, 12, 0],
      ['google', 12, 12, 3, 9, 9, 1],
      ['pricing', 7, 7, 7, 1, 1, 0],
      ['direct', 6, 0, 3, 0, 0, 0],
      ['demo', 5, 5, 0, 2, 2, 0],
    ]);
    expect(counts(review.funnel.byCampaign).map(([key, captured]) => [key, captured])).toEqual([['(no campaign)', 21], ['winter', 21], ['spring', 18]]);
  });

  it('tells which tip came last before the leads handed off this week turned hot', () => {
    // [a3] 10 after 3 tips, [k6x] 8 after 2, [k6y] 4 after 1, [k4] 1 after 3: 53 tips for 23 leads.
    expect(review.funnel.tipsBeforeHot.leads).toBe(23);
    expect(review.funnel.tipsBeforeHot.averageTips).toBeCloseTo(53 / 23);
    expect(review.funnel.tipsBeforeHot.lastTips).toEqual([
      { templateId: 'nurture/warm/03-one-owner-per-lead', count: 10 },
      { templateId: 'nurture/warm/02-plan-five-touches', count: 8 },
      { templateId: 'nurture/warm/01-first-reply-wins', count: 4 },
      { templateId: 'nurture/warm/06-weekly-lead-review', count: 1 },
    ]);
  });

  it('lists the clutter: month-old leads, leads nobody active holds, and probable duplicates', () => {
    const { stale, orphaned, duplicates } = review.hygiene;

    // [d1] 6 untouched since 1 Oct (59 days), then [q1] 3 since 20 Oct (40 days).
    expect(stale.map(({ leadId, days }) => [leadId, days])).toEqual([...[1, 2, 3, 4, 5, 6].map((n) => [`d1-${n}`, 59]), ...[1, 2, 3].map((n) => [`q1-${n}`, 40])]);
    expect(orphaned.map(({ reason }) => reason)).toEqual([...Array(6).fill('inactive-rep'), ...Array(3).fill('queue'), 'unknown-rep', 'unknown-rep']);
    expect(duplicates.map(({ reasons, leads }) => [reasons, leads.map(({ leadId }) => leadId)])).toEqual([
      [['same-name-and-company'], ['a9-1', 'k3-1']],
      [['same-address'], ['b5-1', 'k9-1']],
    ]);
  });

  it('summarises itself for next week’s comparison', () => {
    const summary = reviewSummary(review);

    expect(summary.week).toBe('2026-W48');
    expect(summary.perRep.find(({ repId }) => repId === 'anna')).toEqual({ repId: 'anna', received: 40, purchased: 2, notInterested: 5, inProgress: 33, contacts: 73 });
  });
});

describe('buildWeeklyReview with a lead read twice', () => {
  it('counts a lead reassigned while the owners were read once, with its latest owner', () => {
    const lead = input.ownedLeads.find(({ leadId }) => leadId === 'b3-1')!;
    const before = { ...lead, ownerRepId: 'anna', updatedAt: '2026-11-20T09:00:00.000Z' };
    const after = { ...lead, ownerRepId: 'ben', updatedAt: '2026-11-27T09:00:00.000Z' };

    const review = buildWeeklyReview({ ...input, ownedLeads: [before, after] }, defaultSalesPolicy, now);

    expect(review.reps.map((rep) => [rep.repId, rep.owned.total])).toEqual([['anna', 0], ['ben', 1], ['cleo', 0], ['dora', 0], ['eve', 0], ['finn', 0]]);
    expect(review.accounting.ownedLeads).toBe(1);
  });
});
