import { describe, expect, it } from 'vitest';
import { buildWeeklyReview } from '../../../functions/review/build-review.ts';
import { reviewEmailVariables } from '../../../functions/review/review-email.ts';
import type { ReviewInput, ReviewLead } from '../../../functions/review/review-input.ts';
import { nearestRank, responseClock } from '../../../functions/review/speed-to-lead.ts';
import { defaultSalesPolicy } from '../../../functions/sales/default-policy.ts';
import { businessHours, now, rep, week } from './review-leads.ts';

describe('nearestRank', () => {
  it.each([
    { name: 'nothing measured', values: [], percentile: 90, result: null },
    { name: 'one time is every percentile', values: [7], percentile: 90, result: 7 },
    { name: 'p90 of 10 is the 9th', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], percentile: 90, result: 9 },
    { name: 'p90 of 11 is the ⌈9.9⌉ = 10th', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], percentile: 90, result: 10 },
    { name: 'p90 of 5 is the ⌈4.5⌉ = 5th, the slowest', values: [200, 10, 90, 40, 20], percentile: 90, result: 200 },
    { name: 'a measured time, never one between two', values: [10, 20, 30, 40], percentile: 50, result: 20 },
    { name: 'p100 is the slowest', values: [3, 1, 2], percentile: 100, result: 3 },
  ])('$name: $result', ({ values, percentile, result }) => {
    expect(nearestRank(values, percentile)).toBe(result);
  });
});

describe('responseClock', () => {
  it.each([
    { name: 'overnight: 16:30 Monday to 09:10 Tuesday in Berlin', from: '2026-11-23T15:30:00Z', to: '2026-11-24T08:10:00Z', zone: 'Europe/Berlin', business: 40, calendar: 1000 },
    { name: 'over the weekend: 18:00 Friday to 09:15 Monday', from: '2026-11-27T17:00:00Z', to: '2026-11-30T08:15:00Z', zone: 'Europe/Berlin', business: 15, calendar: 3795 },
    { name: 'in the rep’s own zone: 16:00 to 09:30 next day in New York', from: '2026-11-24T21:00:00Z', to: '2026-11-25T14:30:00Z', zone: 'America/New_York', business: 90, calendar: 1050 },
  ])('$name: $business business minutes, $calendar plain', ({ from, to, zone, business, calendar }) => {
    expect(responseClock(businessHours, zone)(new Date(from), new Date(to))).toBe(business);
    expect(responseClock(undefined, zone)(new Date(from), new Date(to))).toBe(calendar);
  });
});

describe('speed to lead in the review', () => {
  const contacted = (leadId: string, ownerRepId: string, assignedAt: string, deadlineAt: string, firstContactAt: string): ReviewLead => ({
    leadId, name: `Lead ${leadId}`, email: `${leadId}@example.com`, capturedAt: assignedAt, status: 'in-progress', temperature: 'hot', capturedTemperature: 'hot',
    ownerRepId, assignedAt, deadlineAt, firstContactAt, lastProgressAt: firstContactAt, updatedAt: firstContactAt, contactCount: 1, contactsInWeek: [firstContactAt],
    hotEpisode: 1, tipsBeforeHot: [], nurtured: false, source: {},
  });
  // Business minutes from handoff to first contact, deadline an hour of business time after the handoff.
  const leads = [
    contacted('a-1', 'anna', '2026-11-23T15:30:00Z', '2026-11-24T08:30:00Z', '2026-11-24T08:10:00Z'), // 40, met
    contacted('a-2', 'anna', '2026-11-24T09:00:00Z', '2026-11-24T10:00:00Z', '2026-11-24T09:20:00Z'), // 20, met
    contacted('a-3', 'anna', '2026-11-24T09:00:00Z', '2026-11-24T10:00:00Z', '2026-11-24T10:30:00Z'), // 90, missed
    contacted('b-1', 'ben', '2026-11-25T09:00:00Z', '2026-11-25T10:00:00Z', '2026-11-25T09:10:00Z'), // 10, met
    contacted('b-2', 'ben', '2026-11-25T09:00:00Z', '2026-11-25T10:00:00Z', '2026-11-25T12:20:00Z'), // 200, missed
    contacted('n-1', 'nick', '2026-11-24T21:00:00Z', '2026-11-24T22:00:00Z', '2026-11-25T14:30:00Z'), // 90 in New York, missed
  ];
  const roster = [rep('anna', 'Anna Schmidt'), rep('ben', 'Ben Huber'), rep('nick', 'Nick Ray', { team: 'desk', timezone: 'America/New_York', managerEmail: 'paul.weber@stoke.example' })];
  const input: ReviewInput = { week, reps: roster, ownedLeads: leads, capturedLeads: [], focus: [], businessHours };

  it('gives each rep, each team and the roster the median, the p90 and the share within deadline, in business time', () => {
    const review = buildWeeklyReview(input, defaultSalesPolicy, now);
    const speedOf = (repId: string) => review.reps.find((each) => each.repId === repId)!.speedToLead;

    expect(speedOf('anna')).toEqual({ firstContacts: 3, medianMinutes: 40, p90Minutes: 90, deadlinesDue: 3, deadlinesMet: 2, withinDeadline: 2 / 3 });
    expect(speedOf('ben')).toEqual({ firstContacts: 2, medianMinutes: 105, p90Minutes: 200, deadlinesDue: 2, deadlinesMet: 1, withinDeadline: 0.5 });
    // Field: 10, 20, 40, 90, 200. Desk: 90. All: 10, 20, 40, 90, 90, 200: the 3rd and 4th, and the ⌈5.4⌉ = 6th.
    expect(review.speedToLead).toEqual({
      clock: 'business',
      businessHours,
      teams: [
        { team: 'desk', reps: 1, firstContacts: 1, medianMinutes: 90, p90Minutes: 90, deadlinesDue: 1, deadlinesMet: 0, withinDeadline: 0 },
        { team: 'field', reps: 2, firstContacts: 5, medianMinutes: 40, p90Minutes: 200, deadlinesDue: 5, deadlinesMet: 3, withinDeadline: 0.6 },
      ],
      total: { firstContacts: 6, medianMinutes: 65, p90Minutes: 200, deadlinesDue: 6, deadlinesMet: 3, withinDeadline: 0.5 },
    });
  });

  it('counts plain minutes when the routing policy has no business hours', () => {
    const { businessHours: _, ...calendar } = input;

    const review = buildWeeklyReview(calendar, defaultSalesPolicy, now);

    // a-1 waited overnight: 1000 minutes on the calendar. 20, 90, 1000.
    expect(review.speedToLead.clock).toBe('calendar');
    expect(review.reps.find((each) => each.repId === 'anna')!.speedToLead).toMatchObject({ medianMinutes: 90, p90Minutes: 1000 });
  });

  it('prints a small table for the email: the manager’s teams, all teams, then their reps', () => {
    const review = buildWeeklyReview(input, defaultSalesPolicy, now);

    const { speedToLead } = reviewEmailVariables(review, { email: 'maria.keller@stoke.example' }, roster, { reportUrl: 'https://stoke.example/r' }, { name: 'Stoke', postalAddress: 'Street 1' });

    expect(speedToLead.clock).toBe("business hours (09:00–17:00, Mon–Fri, in each rep's time zone)");
    expect(speedToLead.rows.filter(({ kind }) => kind !== 'rep').map(({ label, summary, counts }) => [label, summary, counts])).toEqual([
      ['Team field', 'median 40 min · p90 3 h 20 min · 60% within deadline', '5 first contacts · 3 of 5 deadlines met'],
      ['All teams', 'median 1 h 5 min · p90 3 h 20 min · 50% within deadline', '6 first contacts · 3 of 6 deadlines met'],
    ]);
    expect(speedToLead.rows.filter(({ kind }) => kind === 'rep').map(({ label }) => label).sort()).toEqual(['Anna Schmidt', 'Ben Huber']);
  });
});
