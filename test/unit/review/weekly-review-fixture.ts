import type { ReviewInput, ReviewLead } from '../../../functions/review/review-input.ts';
import type { Rep } from '../../../functions/routing/rep.ts';

/**
 * A week of a small sales team, built group by group so that every figure the
 * review should show can be added up by hand. The expected figures live in
 * weekly-review.test.ts next to the sums that give them; the groups below say
 * what each lead is, never what the review should make of it.
 *
 * Week 2026-W48 in Europe/Berlin: Mon 23 Nov 00:00 (22 Nov 23:00Z) to Mon 30
 * Nov 00:00 (29 Nov 23:00Z). The review runs Mon 30 Nov 08:00 Berlin.
 */
export const week = { id: '2026-W48', start: '2026-11-22T23:00:00.000Z', end: '2026-11-29T23:00:00.000Z' };
export const now = new Date('2026-11-30T07:00:00.000Z');

const maria = 'maria.keller@stoke.example';
const paul = 'paul.weber@stoke.example';

const rep = (repId: string, name: string, managerEmail: string, overrides: Partial<Rep> = {}): Rep & { assignedCount: number } => ({
  repId,
  name,
  email: `${repId}@stoke.example`,
  managerEmail,
  team: 'field',
  territories: [],
  active: true,
  capacity: 200,
  weight: 1,
  timezone: 'Europe/Berlin',
  assignedCount: 0,
  ...overrides,
});

export const reps = [
  rep('anna', 'Anna Schmidt', maria, { territories: [{ country: 'DE' }] }),
  rep('ben', 'Ben Huber', maria, { territories: [{ country: 'DE', region: 'Bavaria' }] }),
  rep('cleo', 'Cléo Martin', paul, { territories: [{ country: 'FR' }] }),
  rep('dora', 'Dora Klein', maria, { territories: [{ country: 'DE' }], active: false }),
  rep('eve', 'Eve Adams', paul),
  rep('finn', 'Finn Dubois', paul, { team: 'desk', territories: [{ country: 'FR' }] }),
];
export const managers = { maria, paul };

const minutes = (at: string, add: number) => new Date(Date.parse(at) + add * 60_000).toISOString();

type Group = Partial<ReviewLead> & { count: number; firstContactAfter?: number; inWeekContacts?: number };

/** `count` leads alike, ids `<prefix>-<n>`; a first contact `firstContactAfter` minutes after assignment. */
function group(prefix: string, { count, firstContactAfter, inWeekContacts = 0, ...lead }: Group): ReviewLead[] {
  return Array.from({ length: count }, (_, index) => {
    const leadId = `${prefix}-${index + 1}`;
    const firstContactAt = firstContactAfter === undefined ? lead.firstContactAt : minutes(lead.assignedAt!, firstContactAfter);
    const lastProgressAt = lead.lastProgressAt ?? firstContactAt;
    return {
      leadId,
      name: `Lead ${leadId}`,
      company: `Company ${leadId}`,
      email: `${leadId}@example.com`,
      capturedAt: lead.assignedAt ?? '2026-10-20T09:00:00.000Z',
      status: 'in-progress',
      temperature: 'hot',
      capturedTemperature: 'warm',
      updatedAt: lastProgressAt ?? lead.assignedAt ?? '2026-10-20T09:00:00.000Z',
      contactCount: inWeekContacts,
      contactsInWeek: Array.from({ length: inWeekContacts }, () => '2026-11-26T10:00:00.000Z'),
      hotEpisode: 1,
      tipsBeforeHot: [],
      nurtured: false,
      source: {},
      ...lead,
      ...(firstContactAt ? { firstContactAt } : {}),
      ...(lastProgressAt ? { lastProgressAt } : {}),
    };
  });
}

const tips = ['nurture/warm/01-first-reply-wins', 'nurture/warm/02-plan-five-touches', 'nurture/warm/03-one-owner-per-lead'];

// Anna: received 40 on Tue 24 Nov 10:00Z (deadline Wed 10:00Z), the seed's "40 = 5 + 2 + 33".
const annaNew = { ownerRepId: 'anna', assignedAt: '2026-11-24T10:00:00.000Z', deadlineAt: '2026-11-25T10:00:00.000Z' };
const annaOld = { ownerRepId: 'anna', assignedAt: '2026-11-02T09:00:00.000Z', deadlineAt: '2026-11-03T09:00:00.000Z', firstContactAt: '2026-11-02T10:00:00.000Z' };
const anna = [
  ...group('a1', { ...annaNew, count: 2, status: 'purchased', firstContactAfter: 60, closedAt: '2026-11-26T12:00:00.000Z', inWeekContacts: 3, contactCount: 5, purchaseValue: 12_000 }),
  ...group('a2x', { ...annaNew, count: 3, status: 'not-interested', firstContactAfter: 90, closedAt: '2026-11-27T12:00:00.000Z', inWeekContacts: 1, contactCount: 1, notInterestedReason: 'unreachable' }),
  ...group('a2y', { ...annaNew, count: 2, status: 'not-interested', firstContactAfter: 90, closedAt: '2026-11-27T12:00:00.000Z', inWeekContacts: 1, contactCount: 4, notInterestedReason: 'no-budget-now' }),
  ...group('a3', { ...annaNew, count: 10, firstContactAfter: 120, holdBack: 'budget', inWeekContacts: 2, tipsBeforeHot: tips, nurtured: true }),
  ...group('a4', { ...annaNew, count: 8, firstContactAfter: 1800, holdBack: 'timing', inWeekContacts: 1 }),
  ...group('a5', { ...annaNew, count: 6, status: 'assigned' }),
  ...group('a6', { ...annaNew, count: 9, firstContactAfter: 240, inWeekContacts: 1 }),
  ...group('a7', { ...annaOld, count: 30, status: 'purchased', closedAt: '2026-11-10T12:00:00.000Z', contactCount: 6 }),
  ...group('a8', { ...annaOld, count: 20, status: 'not-interested', closedAt: '2026-11-12T12:00:00.000Z', contactCount: 3, notInterestedReason: 'not-a-fit' }),
  ...group('a9', { ...annaOld, count: 25, holdBack: 'evaluating-competitor', lastProgressAt: '2026-11-25T09:00:00.000Z', inWeekContacts: 1 }),
  ...group('a10', { ...annaOld, count: 5, holdBack: 'authority', lastProgressAt: '2026-11-10T12:00:00.000Z' }),
];

// Ben: received 25 on Mon 23 Nov 09:00Z, every first contact within the hour.
const benNew = { ownerRepId: 'ben', assignedAt: '2026-11-23T09:00:00.000Z', deadlineAt: '2026-11-24T09:00:00.000Z' };
const benOld = { ownerRepId: 'ben', assignedAt: '2026-10-26T09:00:00.000Z', deadlineAt: '2026-10-27T09:00:00.000Z', firstContactAt: '2026-10-26T10:00:00.000Z' };
const ben = [
  ...group('b1', { ...benNew, count: 3, status: 'purchased', firstContactAfter: 30, closedAt: '2026-11-26T12:00:00.000Z', inWeekContacts: 4, contactCount: 6 }),
  ...group('b2', { ...benNew, count: 2, status: 'not-interested', firstContactAfter: 30, closedAt: '2026-11-27T12:00:00.000Z', inWeekContacts: 3, contactCount: 5, notInterestedReason: 'bought-elsewhere' }),
  ...group('b3', { ...benNew, count: 15, firstContactAfter: 45, holdBack: 'need-unclear', inWeekContacts: 2 }),
  ...group('b4', { ...benNew, count: 5, firstContactAfter: 45, holdBack: 'no-response-yet', inWeekContacts: 3 }),
  ...group('b5', { ...benOld, count: 40, holdBack: 'timing', lastProgressAt: '2026-11-27T09:00:00.000Z', inWeekContacts: 1 }),
  ...group('b6', { ...benOld, count: 10, status: 'purchased', closedAt: '2026-11-05T12:00:00.000Z' }),
  ...group('b7', { ...benOld, count: 5, status: 'not-interested', closedAt: '2026-11-01T12:00:00.000Z', notInterestedReason: 'timing-later' }),
];

// Cléo: received 20, 18 due in the week (Thu 26 Nov 14:00Z, deadline Fri), 2 late on Sunday, due next week.
const cleoNew = { ownerRepId: 'cleo', assignedAt: '2026-11-26T14:00:00.000Z', deadlineAt: '2026-11-27T14:00:00.000Z' };
const cleoOld = { ownerRepId: 'cleo', assignedAt: '2026-10-01T09:00:00.000Z', deadlineAt: '2026-10-02T09:00:00.000Z', firstContactAt: '2026-10-01T10:00:00.000Z' };
const cleo = [
  ...group('c1', { ...cleoNew, count: 1, status: 'purchased', firstContactAfter: 20, closedAt: '2026-11-28T12:00:00.000Z', inWeekContacts: 2, contactCount: 2 }),
  ...group('c2x', { ...cleoNew, count: 2, status: 'not-interested', firstContactAfter: 20, closedAt: '2026-11-28T12:00:00.000Z', inWeekContacts: 1, contactCount: 1, notInterestedReason: 'do-not-contact' }),
  ...group('c2y', { ...cleoNew, count: 2, status: 'not-interested', firstContactAfter: 20, closedAt: '2026-11-28T12:00:00.000Z', inWeekContacts: 1, contactCount: 2, notInterestedReason: 'not-a-fit' }),
  ...group('c3', { ...cleoNew, count: 10, firstContactAfter: 100, holdBack: 'budget', inWeekContacts: 1 }),
  ...group('c4', { ...cleoNew, count: 3, status: 'assigned' }),
  ...group('c5', { ownerRepId: 'cleo', assignedAt: '2026-11-29T20:00:00.000Z', deadlineAt: '2026-11-30T16:00:00.000Z', count: 2, status: 'assigned' }),
  ...group('c6', { ...cleoOld, count: 12, holdBack: 'legacy-category', lastProgressAt: '2026-11-25T09:00:00.000Z', inWeekContacts: 1 }),
  ...group('c7', { ...cleoOld, count: 8, holdBack: 'evaluating-competitor', lastProgressAt: '2026-11-22T12:00:00.000Z' }),
  ...group('c8', { ...cleoOld, count: 6, holdBack: 'authority', lastProgressAt: '2026-11-23T12:00:00.000Z' }),
  ...group('c9', { ...cleoOld, count: 4, status: 'not-interested', closedAt: '2026-10-20T12:00:00.000Z', notInterestedReason: 'not-a-fit' }),
];

// Dora left: her open leads wait for someone. Finn: 10 received Wed 25 Nov 08:00Z, 4 contacted late.
const dora = [
  ...group('d1', { ownerRepId: 'dora', assignedAt: '2026-09-01T09:00:00.000Z', firstContactAt: '2026-09-01T10:00:00.000Z', holdBack: 'timing', lastProgressAt: '2026-10-01T09:00:00.000Z', count: 6 }),
  ...group('d2', { ownerRepId: 'dora', assignedAt: '2026-09-01T09:00:00.000Z', firstContactAt: '2026-09-01T10:00:00.000Z', status: 'purchased', closedAt: '2026-09-20T09:00:00.000Z', count: 4 }),
];
const finnNew = { ownerRepId: 'finn', assignedAt: '2026-11-25T08:00:00.000Z', deadlineAt: '2026-11-26T08:00:00.000Z', holdBack: 'budget', inWeekContacts: 1 };
const finn = [
  ...group('f1x', { ...finnNew, count: 6, firstContactAfter: 60 }),
  ...group('f1y', { ...finnNew, count: 4, firstContactAfter: 2160 }),
  ...group('f2', { ownerRepId: 'finn', assignedAt: '2026-11-02T09:00:00.000Z', firstContactAt: '2026-11-02T10:00:00.000Z', holdBack: 'timing', lastProgressAt: '2026-11-26T09:00:00.000Z', count: 10 }),
];
// Nobody on the roster: a fallback queue (untouched since 20 Oct) and a rep who was deleted.
const unowned = [
  ...group('q1', { ownerQueue: 'unassigned', status: 'new', count: 3 }),
  ...group('u1', { ownerRepId: 'zed', assignedAt: '2026-11-10T09:00:00.000Z', firstContactAt: '2026-11-10T10:00:00.000Z', lastProgressAt: '2026-11-20T09:00:00.000Z', count: 2 }),
];

// Two planted duplicates: the same person typed twice (a9-1 and k3-1), and one Gmail box written two ways (b5-1 and k9-1).
const planted = (leads: ReviewLead[], id: string, changes: Partial<ReviewLead>) => leads.map((lead) => (lead.leadId === id ? { ...lead, ...changes } : lead));
const annaLeads = planted(anna, 'a9-1', { name: 'Jürgen Müller', company: 'Acme GmbH', email: 'jm@acme.example' });
const benLeads = planted(ben, 'b5-1', { email: 'Ada.Lovelace@gmail.com' });

export const ownedLeads: ReviewLead[] = [...annaLeads, ...benLeads, ...cleo, ...dora, ...finn, ...unowned];

// The week's captured leads (marketing's cohort), 60 in twelve groups, captured Wed 25 Nov.
const captured = (prefix: string, { count, ...lead }: Partial<ReviewLead> & { count: number }) =>
  group(prefix, { capturedAt: '2026-11-25T09:00:00.000Z', updatedAt: '2026-11-25T09:00:00.000Z', status: 'new', hotEpisode: 0, count, ...lead });
// Their owners' lists are left out of ownedLeads: the funnel reads this cohort only.
const handedOff = { assignedAt: '2026-11-25T10:00:00.000Z', status: 'in-progress', hotEpisode: 1 } as const;
const google = { utmSource: 'google', utmCampaign: 'winter' };
const capturedLeadsBeforePlanting: ReviewLead[] = [
  ...captured('k1', { ...handedOff, count: 5, country: 'DE', capturedTemperature: 'hot', source: google }),
  ...captured('k2', { ...handedOff, count: 1, country: 'DE', capturedTemperature: 'hot', status: 'purchased', source: google }),
  ...captured('k3', { count: 6, country: 'DE', capturedTemperature: 'warm', nurtured: true, source: { formId: 'pricing' } }),
  ...captured('k4', { ...handedOff, count: 1, country: 'DE', region: 'bavaria', capturedTemperature: 'warm', nurtured: true, tipsBeforeHot: [...tips.slice(0, 2), 'nurture/warm/06-weekly-lead-review'], source: { formId: 'pricing' } }),
  ...captured('k5', { count: 3, country: 'DE', region: 'Bavaria', capturedTemperature: 'cold', nurtured: true }),
  ...captured('k6x', { ...handedOff, count: 8, country: 'FR', capturedTemperature: 'warm', nurtured: true, tipsBeforeHot: tips.slice(0, 2), source: { utmSource: 'linkedin', utmCampaign: 'winter' } }),
  ...captured('k6y', { ...handedOff, count: 4, country: 'FR', capturedTemperature: 'warm', nurtured: true, tipsBeforeHot: tips.slice(0, 1), source: { utmSource: 'linkedin', utmCampaign: 'winter' } }),
  ...captured('k7', { count: 18, country: 'FR', capturedTemperature: 'cold', nurtured: true, source: { utmSource: 'linkedin', utmCampaign: 'spring' } }),
  ...captured('k8', { ...handedOff, count: 2, country: 'IT', capturedTemperature: 'hot', source: { formId: 'demo' } }),
  ...captured('k9', { count: 3, country: 'IT', capturedTemperature: 'warm', source: { formId: 'demo' } }),
  ...captured('k10', { count: 3, capturedTemperature: 'cold' }),
  ...captured('k11', { ...handedOff, count: 3, country: 'DE', region: 'Hesse', capturedTemperature: 'hot', source: google }),
  ...captured('k12', { count: 3, country: 'DE', region: 'Hesse', capturedTemperature: 'warm', nurtured: true, source: { utmSource: 'google' } }),
];
export const capturedLeads = planted(planted(capturedLeadsBeforePlanting, 'k3-1', { name: 'Jurgen  Muller', company: 'ACME' }), 'k9-1', { email: 'ada.lovelace+demo@googlemail.com' });

export const input: ReviewInput = {
  week,
  reps,
  ownedLeads,
  capturedLeads,
  focus: [
    { repId: 'anna', week: '2026-W48', items: ['Call the six leads still waiting for a first contact', 'Say what holds back every lead in progress', 'Log each call the same day'], setBy: maria },
    { repId: 'anna', week: '2026-W47', items: ['Last week’s item, done with'], setBy: maria },
  ],
  previous: {
    week: '2026-W47',
    perRep: [
      { repId: 'anna', received: 35, purchased: 3, notInterested: 5, inProgress: 27, contacts: 80 },
      { repId: 'ben', received: 28, purchased: 1, notInterested: 2, inProgress: 25, contacts: 90 },
    ],
  },
};
