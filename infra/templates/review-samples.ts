import { buildWeeklyReview } from '../../functions/review/build-review.ts';
import type { ReviewInput, ReviewLead } from '../../functions/review/review-input.ts';
import { reviewEmailVariables } from '../../functions/review/review-email.ts';
import { defaultSalesPolicy } from '../../functions/sales/default-policy.ts';
import { type Company, sampleCompany } from './preview-company.ts';
import type { SampleLead } from './sample-lead.ts';

const links = { reportUrl: 'https://stoke.example/reviews/2026-W48' };
const maria = 'maria.keller@stoke.example';
const week = { id: '2026-W48', start: '2026-11-22T23:00:00.000Z', end: '2026-11-29T23:00:00.000Z' };
const now = new Date('2026-11-30T07:00:00.000Z');

const businessHours = { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] };

const rep = (repId: string, name: string, managerEmail: string, country: string, active = true, team = 'field') => ({
  repId, name, email: `${repId}@stoke.example`, managerEmail, team, territories: [{ country }], active, capacity: 50, weight: 1, timezone: 'Europe/Berlin', assignedCount: 0,
});

// Made-up leads in a few kinds, so that each part of the email has something to show.
const leads = (ownerRepId: string, count: number, lead: Partial<ReviewLead>): ReviewLead[] =>
  Array.from({ length: count }, (_, index) => ({
    leadId: `${ownerRepId}-${lead.status ?? 'open'}-${lead.holdBack ?? lead.notInterestedReason ?? ''}-${index}`,
    name: ['Ada Lovelace', 'José-Maria Fernández', 'Grace Hopper', 'Sam Lee', 'Katherine Johnson'][index % 5]!,
    company: ['Acme Analytics', 'Fernández & Hijos', 'Navy Yard', undefined, 'NASA Langley'][index % 5],
    email: `${ownerRepId}.${index}.${lead.holdBack ?? lead.status}@example.com`,
    capturedAt: '2026-11-24T09:00:00.000Z',
    status: 'in-progress',
    temperature: 'hot',
    capturedTemperature: 'warm',
    ownerRepId,
    // Handed off Tue 11:00 Berlin, first contact due an hour later.
    assignedAt: '2026-11-24T10:00:00.000Z',
    deadlineAt: '2026-11-24T11:00:00.000Z',
    firstContactAt: '2026-11-24T10:25:00.000Z',
    lastProgressAt: '2026-11-26T09:00:00.000Z',
    updatedAt: '2026-11-26T09:00:00.000Z',
    contactCount: 3,
    contactsInWeek: ['2026-11-26T09:00:00.000Z'],
    hotEpisode: 1,
    tipsBeforeHot: ['nurture/warm/01-first-reply-wins', 'nurture/warm/02-plan-five-touches'],
    nurtured: true,
    source: { utmSource: index % 2 ? 'linkedin' : 'google', utmCampaign: 'winter' },
    country: 'DE',
    ...lead,
  }));

// Contact plans on some of them: touches every day from Tue 24 Nov, `late` of them done the day after, the next one due as given.
const planOf = (planId: 'field' | 'desk', done: number, next?: { touch: number; dueAt: string } | { checkIn: string }, late = 0): ReviewLead['plan'] => ({
  planId,
  name: planId === 'field' ? 'Field: 8 touches over 3 weeks' : 'Desk: 6 touches over 2 weeks',
  length: planId === 'field' ? 8 : 6,
  startedAt: '2026-11-24T10:00:00.000Z',
  steps: Array.from({ length: done }, (_, index) => {
    const dueAt = new Date(Date.parse('2026-11-24T11:00:00.000Z') + index * 86_400_000).toISOString();
    const isLate = index >= done - late;
    return { kind: 'touch' as const, touch: index + 1, outcome: 'done' as const, dueAt, at: new Date(Date.parse(dueAt) + (isLate ? 86_400_000 : 1_800_000)).toISOString(), onTime: !isLate, by: 'rep' };
  }),
  ...(next === undefined ? {} : { next: 'checkIn' in next ? { kind: 'check-in' as const, dueAt: next.checkIn } : { kind: 'touch' as const, touch: next.touch, dueAt: next.dueAt } }),
});

const older = { assignedAt: '2026-11-02T10:00:00.000Z', deadlineAt: '2026-11-02T11:00:00.000Z', firstContactAt: '2026-11-02T10:40:00.000Z', contactsInWeek: [] };
// Missed deadlines on leads later taken away, and leads parked with Maria after two misses.
const missed = (ownerId: string, name: string, deadlineAt: string) => ({ ownerId, name, deadlineAt });
const parkedWithMaria: Partial<ReviewLead> = { status: 'assigned', ownerRepId: undefined, ownerQueue: 'unassigned', ownerNotifyEmail: maria, parked: true, firstContactAt: undefined, lastProgressAt: undefined, contactCount: 0, contactsInWeek: [] };
const owned = [
  ...leads('rita', 2, { status: 'purchased', closedAt: '2026-11-29T10:00:00.000Z', contactCount: 6, firstContactAt: '2026-11-24T10:12:00.000Z', purchaseValue: 48_000, plan: planOf('field', 5, { checkIn: '2026-12-29T10:00:00.000Z' }) }),
  ...leads('rita', 9, { holdBack: 'timing', firstContactAt: '2026-11-24T10:40:00.000Z', plan: planOf('field', 3, { touch: 4, dueAt: '2026-11-30T10:00:00.000Z' }) }),
  ...leads('rita', 4, { holdBack: 'budget', plan: planOf('field', 2, { touch: 3, dueAt: '2026-11-27T10:00:00.000Z' }, 1) }),
  ...leads('rita', 1, { status: 'not-interested', notInterestedReason: 'bought-elsewhere', closedAt: '2026-11-29T10:00:00.000Z', contactCount: 5, plan: planOf('field', 5) }),
  ...leads('tom', 1, { status: 'purchased', closedAt: '2026-11-27T10:00:00.000Z', firstContactAt: '2026-11-24T13:10:00.000Z', purchaseValue: 120_000, plan: planOf('desk', 2, { checkIn: '2026-12-27T10:00:00.000Z' }, 1) }),
  ...leads('tom', 5, { status: 'assigned', firstContactAt: undefined, lastProgressAt: undefined, contactsInWeek: [], plan: planOf('desk', 0, { touch: 1, dueAt: '2026-11-24T11:00:00.000Z' }) }),
  ...leads('tom', 3, { status: 'not-interested', notInterestedReason: 'unreachable', closedAt: '2026-11-26T10:00:00.000Z', contactCount: 1, firstContactAt: '2026-11-25T08:30:00.000Z', plan: planOf('desk', 1, undefined, 1) }),
  ...leads('tom', 1, { name: 'Jonas Berg', company: 'Berg Bau', status: 'not-interested', notInterestedReason: 'not-a-fit', closedAt: '2026-11-24T10:05:00.000Z', contactCount: 0, firstContactAt: undefined, contactsInWeek: [] }),
  ...leads('tom', 1, { name: 'Lin Chen', company: 'Umbrella Corp', assignedAt: '2026-11-25T13:00:00.000Z', deadlineAt: '2026-11-25T14:00:00.000Z', firstContactAt: '2026-11-25T13:20:00.000Z', holdBack: 'need-unclear', missedDeadlines: [missed('rita', 'Rita Rep', '2026-11-25T10:00:00.000Z')] }),
  ...leads('tom', 4, { ...older, holdBack: 'authority', lastProgressAt: '2026-11-12T10:00:00.000Z', updatedAt: '2026-11-12T10:00:00.000Z' }),
  ...leads('lena', 3, { ...older, holdBack: 'timing', lastProgressAt: '2026-10-20T10:00:00.000Z', updatedAt: '2026-10-20T10:00:00.000Z' }),
  ...leads('parked-a', 1, { ...parkedWithMaria, name: 'Priya Patel', company: 'Globex', assignedAt: '2026-11-26T09:00:00.000Z', missedDeadlines: [missed('tom', 'Tom Tardy', '2026-11-25T10:00:00.000Z'), missed('rita', 'Rita Rep', '2026-11-25T14:00:00.000Z')] }),
  ...leads('parked-b', 1, { ...parkedWithMaria, name: 'Omar Haddad', company: 'Initech', assignedAt: '2026-11-27T13:00:00.000Z', missedDeadlines: [missed('tom', 'Tom Tardy', '2026-11-26T15:00:00.000Z'), missed('rita', 'Rita Rep', '2026-11-27T09:00:00.000Z')] }),
];

const input: ReviewInput = {
  week,
  reps: [rep('rita', 'Rita Rep', maria, 'DE'), rep('tom', 'Tom Tardy', maria, 'AT', true, 'desk'), rep('lena', 'Lena Left', maria, 'CH', false)],
  ownedLeads: owned,
  capturedLeads: [...owned.filter((lead) => lead.assignedAt === '2026-11-24T10:00:00.000Z'), ...leads('nobody', 12, { status: 'new', ownerRepId: undefined, assignedAt: undefined, hotEpisode: 0, temperature: 'warm' })],
  businessHours,
  focus: [{ repId: 'tom', week: week.id, items: ['Call the five new leads within a day', 'Log every call the same day', 'Say what holds back each open lead'], setBy: maria }],
  previous: { week: '2026-W47', perRep: [{ repId: 'rita', received: 12, purchased: 1, notInterested: 2, inProgress: 9, contacts: 14 }, { repId: 'tom', received: 9, purchased: 1, notInterested: 1, inProgress: 7, contacts: 11 }] },
};

const review = buildWeeklyReview(input, defaultSalesPolicy, now);
const newcomer = buildWeeklyReview({ ...input, reps: [rep('nina', 'Nina New', 'new.manager@stoke.example', 'FR')], ownedLeads: [], capturedLeads: [], focus: [], previous: undefined }, defaultSalesPolicy, now);

/** The weekly review for a manager with a mixed team, and for a new manager whose rep has no leads yet, sent as `company`. */
export function reviewSamplesFor(company: Company): SampleLead[] {
  return [
    { label: 'Maria: one rep with great follow-up, one in follow-up debt who gave leads up early, one who left; two leads parked with her', variables: reviewEmailVariables(review, { email: maria, name: 'Maria' }, input.reps, links, company) },
    { label: 'A new manager without a name: one rep, no leads yet, no last week', variables: reviewEmailVariables(newcomer, { email: 'new.manager@stoke.example' }, [rep('nina', 'Nina New', 'new.manager@stoke.example', 'FR')], links, company) },
  ];
}

/** The weekly review samples with the sample company. */
export const reviewSamples = reviewSamplesFor(sampleCompany);
