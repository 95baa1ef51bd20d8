import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildWeeklyReview } from '../../../functions/review/build-review.ts';
import type { ReviewInput, ReviewLead } from '../../../functions/review/review-input.ts';
import type { Reconciliation } from '../../../functions/review/weekly-review.ts';
import { defaultSalesPolicy } from '../../../functions/sales/default-policy.ts';

const week = { id: '2026-W48', start: '2026-11-22T23:00:00.000Z', end: '2026-11-29T23:00:00.000Z' };
const now = new Date('2026-11-30T07:00:00.000Z');
const repIds = ['anna', 'ben', 'cleo'];
// Moments from five weeks before the week to the review itself.
const moment = fc.integer({ min: Date.parse('2026-10-20T00:00:00Z'), max: now.getTime() }).map((time) => new Date(time).toISOString());
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

const lead = fc.record({
  owner: fc.oneof(fc.constantFrom(...repIds).map((repId) => ({ ownerRepId: repId })), fc.constant({ ownerQueue: 'unassigned' }), fc.constant({ ownerRepId: 'gone' })),
  status: fc.constantFrom<ReviewLead['status']>('new', 'assigned', 'in-progress', 'purchased', 'not-interested'),
  assignedAt: maybe(moment),
  deadlineAt: maybe(moment),
  firstContactAt: maybe(moment),
  lastProgressAt: maybe(moment),
  closedAt: maybe(moment),
  updatedAt: moment,
  holdBack: maybe(fc.constantFrom('budget', 'timing', 'no-response-yet', 'retired-category', 'not-categorised')),
  contactCount: fc.nat(12),
  contactsInWeek: fc.array(moment, { maxLength: 4 }),
});

/** Leads with distinct ids, plus older copies of some (read under a previous owner), which must not count. */
const owned = fc.array(lead, { maxLength: 80 }).chain((leads) =>
  fc.subarray(leads.map((_, index) => index)).map((copied) => {
    const originals: ReviewLead[] = leads.map((generated, index) => {
      const { owner, ...rest } = generated;
      return {
        leadId: `lead-${index}`,
        name: `Lead ${index}`,
        email: `lead-${index}@example.com`,
        capturedAt: '2026-10-19T00:00:00.000Z',
        temperature: 'hot',
        capturedTemperature: 'warm',
        hotEpisode: 1,
        tipsBeforeHot: [],
        nurtured: false,
        source: {},
        ...owner,
        ...rest,
      };
    });
    const copies = copied.map((index) => ({ ...originals[index]!, ownerRepId: repIds[index % repIds.length], ownerQueue: undefined, updatedAt: '2026-10-01T00:00:00.000Z' }));
    return { originals, all: [...copies, ...originals] };
  }),
);

function addsUp(part: Reconciliation): boolean {
  const byCategory = part.inProgressBy.reduce((sum, { count }) => sum + count, 0);
  return part.total === part.purchased + part.notInterested + part.inProgress && part.inProgress === byCategory;
}

describe('every lead is accounted for exactly once', () => {
  it('for any leads: received and owned add up per rep, and the reps hold exactly the leads that are theirs', () => {
    fc.assert(
      fc.property(owned, fc.boolean(), ({ originals, all }, inactiveBen) => {
        const input: ReviewInput = {
          week,
          reps: repIds.map((repId) => ({
            repId, name: repId, email: `${repId}@example.com`, managerEmail: 'm@example.com', team: 'field', territories: [],
            active: !(inactiveBen && repId === 'ben'), capacity: 100, weight: 1, timezone: 'Europe/Berlin', assignedCount: 0,
          })),
          ownedLeads: all,
          capturedLeads: [],
          focus: [],
        };

        const review = buildWeeklyReview(input, defaultSalesPolicy, now);

        const theirs = originals.filter((each) => repIds.includes(each.ownerRepId ?? ''));
        for (const rep of review.reps) {
          expect(addsUp(rep.received), `${rep.repId} received`).toBe(true);
          expect(addsUp(rep.owned), `${rep.repId} owned`).toBe(true);
          expect(rep.leads.map(({ leadId }) => leadId).sort()).toEqual(theirs.filter((each) => each.ownerRepId === rep.repId).map(({ leadId }) => leadId).sort());
          expect(rep.received.total).toBe(theirs.filter((each) => each.ownerRepId === rep.repId && each.assignedAt && each.assignedAt >= week.start && each.assignedAt < week.end).length);
        }
        expect(review.reps.reduce((sum, rep) => sum + rep.owned.total, 0)).toBe(theirs.length);
        expect(review.accounting).toEqual({
          ownedLeads: originals.length,
          ofReps: theirs.length,
          ofQueues: originals.filter((each) => each.ownerQueue).length,
          ofUnknownOwners: originals.filter((each) => each.ownerRepId === 'gone').length,
        });
        expect(addsUp(review.team.received) && addsUp(review.team.owned)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
