import { describe, expect, it } from 'vitest';
import type { Lead, NextStep } from '../../../functions/leads/lead.ts';
import { defaultContactPlans } from '../../../functions/plans/default-plans.ts';
import { linkSubject, type Morning, morningList, morningListVariables, morningOf } from '../../../functions/plans/morning-list.ts';
import { defaultRoutingPolicy } from '../../../functions/routing/default-policy.ts';
import { hotLead } from '../../support/hot-lead.ts';

// Mondays to Fridays, 09:00 to 17:00; the list at 08:30.
const settings = { plans: defaultContactPlans, businessHours: defaultRoutingPolicy.firstContact.businessHours };
const berlin = { timezone: 'Europe/Berlin' };

const step = (dueAt: string, changes: Partial<NextStep> = {}): NextStep => ({ kind: 'touch', touch: 2, channel: 'call', dueAt, instruction: 'Call again', setAt: '2026-12-01T09:00:00.000Z', ...changes });
const withStep = (next: NextStep, changes: Partial<Lead> = {}): Lead =>
  hotLead({ plan: { planId: 'field', name: 'Field', length: 8, episode: 1, startedAt: '2026-12-01T09:00:00.000Z', steps: [], next }, ...changes });

describe("a rep's morning", () => {
  it.each([
    { case: 'Berlin, Monday 08:30: the list time', zone: 'Europe/Berlin', at: '2026-12-07T07:30:00Z', date: '2026-12-07' },
    { case: 'Berlin, Monday 15:00: a morning missed is sent that afternoon', zone: 'Europe/Berlin', at: '2026-12-07T14:00:00Z', date: '2026-12-07' },
    { case: 'Berlin, Monday 08:00: too early', zone: 'Europe/Berlin', at: '2026-12-07T07:00:00Z', date: undefined },
    { case: 'Berlin, Monday 17:00: business hours are over', zone: 'Europe/Berlin', at: '2026-12-07T16:00:00Z', date: undefined },
    { case: 'Berlin, Saturday 09:00: not a business day', zone: 'Europe/Berlin', at: '2026-12-05T08:00:00Z', date: undefined },
    { case: 'New York at the same moment as Berlin 08:30: 02:30 there', zone: 'America/New_York', at: '2026-12-07T07:30:00Z', date: undefined },
    { case: 'New York, Monday 08:30', zone: 'America/New_York', at: '2026-12-07T13:30:00Z', date: '2026-12-07' },
    { case: 'Tokyo, Monday 08:30 while it is still Sunday in UTC', zone: 'Asia/Tokyo', at: '2026-12-06T23:30:00Z', date: '2026-12-07' },
    { case: 'Tokyo, Friday 17:00 (Friday 08:00 UTC)', zone: 'Asia/Tokyo', at: '2026-12-11T08:00:00Z', date: undefined },
    { case: 'Berlin, the Monday after clocks went forward: 08:30 is 06:30 UTC', zone: 'Europe/Berlin', at: '2026-03-30T06:30:00Z', date: '2026-03-30' },
    { case: 'Berlin, the Monday after clocks went forward: 06:00 UTC is 08:00', zone: 'Europe/Berlin', at: '2026-03-30T06:00:00Z', date: undefined },
  ])('$case', ({ zone, at, date }) => {
    expect(morningOf({ timezone: zone }, new Date(at), settings)?.date).toBe(date);
  });

  it('spans the whole local day, 23 hours on the day the clocks go forward', () => {
    // Without business hours every day is a working day, Sundays included.
    const everyDay = { plans: defaultContactPlans };

    const morning = morningOf(berlin, new Date('2026-03-29T06:30:00Z'), everyDay);

    expect(morning).toEqual({ date: '2026-03-29', startsAt: '2026-03-28T23:00:00.000Z', until: '2026-03-29T21:59:59.999Z' });
    expect(morningOf(berlin, new Date('2026-03-29T06:29:00Z'), everyDay)).toBeUndefined();
  });
});

describe("a rep's list of the day", () => {
  const morning = morningOf(berlin, new Date('2026-12-07T07:30:00Z'), settings)!;

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
  const morning: Morning = morningOf(berlin, new Date('2026-12-07T07:30:00Z'), settings)!;
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
