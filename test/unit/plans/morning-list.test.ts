import { describe, expect, it } from 'vitest';
import type { Lead, NextStep } from '../../../functions/leads/lead.ts';
import { defaultContactPlans } from '../../../functions/plans/default-plans.ts';
import { linkSubject, type Morning, morningFor, morningList, morningListVariables, nextMorning } from '../../../functions/plans/morning-list.ts';
import { defaultRoutingPolicy } from '../../../functions/routing/default-policy.ts';
import { hotLead } from '../../support/hot-lead.ts';

// Mondays to Fridays, 09:00 to 17:00; the list at 08:30.
const settings = { plans: defaultContactPlans, businessHours: defaultRoutingPolicy.firstContact.businessHours };
const berlin = { timezone: 'Europe/Berlin' };

const step = (dueAt: string, changes: Partial<NextStep> = {}): NextStep => ({ kind: 'touch', touch: 2, channel: 'call', dueAt, instruction: 'Call again', setAt: '2026-12-01T09:00:00.000Z', ...changes });
const withStep = (next: NextStep, changes: Partial<Lead> = {}): Lead =>
  hotLead({ plan: { planId: 'field', name: 'Field', length: 8, episode: 1, startedAt: '2026-12-01T09:00:00.000Z', steps: [], next }, ...changes });

describe("a rep's next morning", () => {
  it.each([
    { case: 'Berlin, Monday 08:00: this morning at 08:30', zone: 'Europe/Berlin', after: '2026-12-07T07:00:00Z', date: '2026-12-07', at: '2026-12-07T07:30:00.000Z' },
    { case: 'Berlin, Monday 08:30 itself: strictly after, so Tuesday', zone: 'Europe/Berlin', after: '2026-12-07T07:30:00Z', date: '2026-12-08', at: '2026-12-08T07:30:00.000Z' },
    { case: 'Berlin, Friday morning after the list: over the weekend to Monday', zone: 'Europe/Berlin', after: '2026-12-04T07:30:00Z', date: '2026-12-07', at: '2026-12-07T07:30:00.000Z' },
    { case: 'Berlin, Saturday: Monday', zone: 'Europe/Berlin', after: '2026-12-05T10:00:00Z', date: '2026-12-07', at: '2026-12-07T07:30:00.000Z' },
    { case: 'Berlin, the Friday before clocks go forward: Monday 08:30 is 06:30 UTC', zone: 'Europe/Berlin', after: '2026-03-27T07:30:00Z', date: '2026-03-30', at: '2026-03-30T06:30:00.000Z' },
    { case: 'Berlin, the Friday before clocks go back: Monday 08:30 is 07:30 UTC', zone: 'Europe/Berlin', after: '2026-10-23T06:30:00Z', date: '2026-10-26', at: '2026-10-26T07:30:00.000Z' },
    { case: 'New York, the Friday before clocks go forward: Monday 08:30 is 12:30 UTC', zone: 'America/New_York', after: '2026-03-06T13:30:00Z', date: '2026-03-09', at: '2026-03-09T12:30:00.000Z' },
    { case: 'New York, the Friday before clocks go back: Monday 08:30 is 13:30 UTC', zone: 'America/New_York', after: '2026-10-30T12:30:00Z', date: '2026-11-02', at: '2026-11-02T13:30:00.000Z' },
    { case: 'New York at the moment of Berlin 08:30 (02:30 there): that morning', zone: 'America/New_York', after: '2026-12-07T07:30:00Z', date: '2026-12-07', at: '2026-12-07T13:30:00.000Z' },
    { case: 'Auckland (UTC+13), Monday while it is still Sunday in UTC', zone: 'Pacific/Auckland', after: '2026-12-06T12:00:00Z', date: '2026-12-07', at: '2026-12-06T19:30:00.000Z' },
    { case: 'Auckland, Friday 09:00 (Thursday in UTC): Monday, Sunday evening UTC', zone: 'Pacific/Auckland', after: '2026-12-10T20:00:00Z', date: '2026-12-14', at: '2026-12-13T19:30:00.000Z' },
    { case: 'Kiritimati (UTC+14), Saturday evening UTC is Sunday there: Monday', zone: 'Pacific/Kiritimati', after: '2026-12-05T20:00:00Z', date: '2026-12-07', at: '2026-12-06T18:30:00.000Z' },
    { case: 'Kolkata (UTC+5:30), Monday 07:30: 03:00 UTC', zone: 'Asia/Kolkata', after: '2026-12-07T02:00:00Z', date: '2026-12-07', at: '2026-12-07T03:00:00.000Z' },
    { case: 'Kolkata, Friday 08:30: Monday', zone: 'Asia/Kolkata', after: '2026-12-11T03:00:00Z', date: '2026-12-14', at: '2026-12-14T03:00:00.000Z' },
  ])('$case', ({ zone, after, date, at }) => {
    const morning = nextMorning({ timezone: zone }, new Date(after), settings);

    expect({ date: morning.date, at: morning.at.toISOString() }).toEqual({ date, at });
  });

  it('comes every day, weekends too, without business hours', () => {
    const everyDay = { plans: defaultContactPlans };

    const sunday = nextMorning(berlin, new Date('2026-03-28T10:00:00Z'), everyDay);

    // Sunday of the change to summer time: 08:30 is 06:30 UTC
    expect({ date: sunday.date, at: sunday.at.toISOString() }).toEqual({ date: '2026-03-29', at: '2026-03-29T06:30:00.000Z' });
  });

  it('places a list time the clocks skip as late as the gap is long', () => {
    const atHalfPastTwo = { plans: { morningList: { at: '02:30' } } };

    const morning = nextMorning(berlin, new Date('2026-03-28T12:00:00Z'), atHalfPastTwo);

    // 02:30 does not exist in Berlin on 29 March 2026: 03:30 summer time
    expect({ date: morning.date, at: morning.at.toISOString() }).toEqual({ date: '2026-03-29', at: '2026-03-29T01:30:00.000Z' });
  });
});

describe("a rep's day", () => {
  it.each([
    { case: 'Berlin, a winter day', zone: 'Europe/Berlin', date: '2026-12-07', startsAt: '2026-12-06T23:00:00.000Z', until: '2026-12-07T22:59:59.999Z' },
    { case: 'Berlin, 23 hours on the day the clocks go forward', zone: 'Europe/Berlin', date: '2026-03-29', startsAt: '2026-03-28T23:00:00.000Z', until: '2026-03-29T21:59:59.999Z' },
    { case: 'New York, 25 hours on the day the clocks go back', zone: 'America/New_York', date: '2026-11-01', startsAt: '2026-11-01T04:00:00.000Z', until: '2026-11-02T04:59:59.999Z' },
    { case: 'Kiritimati, a day that starts the morning before in UTC', zone: 'Pacific/Kiritimati', date: '2026-12-07', startsAt: '2026-12-06T10:00:00.000Z', until: '2026-12-07T09:59:59.999Z' },
    { case: 'Kolkata, a half-hour zone', zone: 'Asia/Kolkata', date: '2026-12-07', startsAt: '2026-12-06T18:30:00.000Z', until: '2026-12-07T18:29:59.999Z' },
  ])('$case', ({ zone, date, startsAt, until }) => {
    expect(morningFor({ timezone: zone }, date)).toEqual({ date, startsAt, until });
  });
});

describe("a rep's list of the day", () => {
  const morning = morningFor(berlin, '2026-12-07');

  it('puts the overdue steps first, then those due today, each by due time', () => {
    const laterToday = withStep(step('2026-12-07T15:00:00.000Z'));
    const lastWeek = withStep(step('2026-12-03T09:00:00.000Z'));
    const earlyToday = withStep(step('2026-12-06T23:30:00.000Z')); // 00:30 in Berlin: today, not overdue
    const friday = withStep(step('2026-12-04T16:00:00.000Z'));

    const list = morningList('anna-schmidt', morning, [laterToday, lastWeek, earlyToday, friday])!;

    expect(list.overdue.map(({ lead }) => lead.leadId)).toEqual([lastWeek.leadId, friday.leadId]);
    expect(list.today.map(({ lead }) => lead.leadId)).toEqual([earlyToday.leadId, laterToday.leadId]);
  });

  it('has nothing to send when nothing is due: no steps, only tomorrow, or leads without a step', () => {
    const tomorrow = withStep(step('2026-12-07T23:00:00.000Z')); // 00:00 on Tuesday in Berlin
    const beforePlans = hotLead();

    expect(morningList('anna-schmidt', morning, [])).toBeUndefined();
    expect(morningList('anna-schmidt', morning, [tomorrow, beforePlans])).toBeUndefined();
  });

  it("lists customers' check-ins, and leaves out closed leads and other owners' leads", () => {
    const checkIn = withStep(step('2026-12-07T09:00:00.000Z', { kind: 'check-in', touch: undefined }), { status: 'purchased' });
    const lost = withStep(step('2026-12-07T09:00:00.000Z'), { status: 'not-interested' });
    const kais = withStep(step('2026-12-07T09:00:00.000Z'));

    const list = morningList('kai-berg', morning, [kais]);
    const annas = morningList('anna-schmidt', morning, [checkIn, lost])!;

    expect(list).toBeUndefined();
    expect(annas.today.map(({ lead }) => lead.leadId)).toEqual([checkIn.leadId]);
    expect(linkSubject('anna-schmidt', annas.today[0]!)).toBeUndefined();
  });
});

describe('the variables of the morning list', () => {
  const morning: Morning = morningFor(berlin, '2026-12-07');
  const links = (leadId: string) => ({ contacted: `https://api/actions/c-${leadId}`, 'not-interested': `https://api/actions/n-${leadId}`, purchased: `https://api/actions/p-${leadId}` });

  it('says per step the lead, the channel, the instruction, the due time in the rep’s zone, who set it, the touch and the links', () => {
    const overdue = withStep(step('2026-12-03T09:00:00.000Z', { touch: 3 }), { profile: { firstName: 'Dana', lastName: 'Weber', company: 'Weber GmbH', phone: '+49 30 1' } });
    const mine = withStep(step('2026-12-07T13:00:00.000Z', { channel: 'meeting', instruction: 'Demo with the CFO', setBy: 'anna.schmidt@stoke.example' }));
    const list = morningList('anna-schmidt', morning, [mine, overdue])!;

    const variables = morningListVariables(list, { name: 'Anna Schmidt', email: 'anna.schmidt@stoke.example', timezone: 'Europe/Berlin' }, new Map([[overdue.leadId, links(overdue.leadId)]]), { name: 'Stoke', postalAddress: 'Berlin' });

    expect(variables).toMatchObject({
      rep: { name: 'Anna Schmidt', firstName: 'Anna' },
      list: { date: 'Monday 7 Dec', due: 1, overdue: 1, total: 2 },
      overdue: [
        {
          lead: { leadId: overdue.leadId, name: 'Dana Weber', company: 'Weber GmbH', phone: '+49 30 1' },
          channel: 'call',
          instruction: 'Call again',
          dueLocal: 'Thursday 3 Dec, 10:00',
          setByRep: false,
          step: 'touch 3 of 8',
          actions: { contactedUrl: `https://api/actions/c-${overdue.leadId}`, notInterestedUrl: `https://api/actions/n-${overdue.leadId}`, purchasedUrl: `https://api/actions/p-${overdue.leadId}` },
        },
      ],
      today: [{ lead: { leadId: mine.leadId, name: 'Dana' }, channel: 'meeting', instruction: 'Demo with the CFO', dueLocal: '14:00', setByRep: true, step: 'touch 2 of 8', actions: undefined }],
    });
  });
});
