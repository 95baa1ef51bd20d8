import { describe, expect, it } from 'vitest';
import type { Lead, LeadStatus } from '../../../functions/leads/lead.ts';
import { defaultSalesPolicy as policy } from '../../../functions/sales/default-policy.ts';
import { changeStatus, logContact, setNextStep, skipStep, type StatusChange } from '../../../functions/sales/sales-changes.ts';
import { defaultPlanSettings } from '../../../functions/sales/plan-settings.ts';

const now = '2026-11-24T10:00:00.000Z';
const by = 'anna.schmidt@stoke.example';
const holdBacks = 'budget, timing, authority, need-unclear, evaluating-competitor, no-response-yet';
const reasons = 'no-budget-now, bought-elsewhere, timing-later, not-a-fit, unreachable, do-not-contact';

function leadIn(status: LeadStatus, extra: Partial<Lead> = {}): Lead {
  return {
    leadId: 'lead-1',
    email: 'dana@weber.example',
    profile: { firstName: 'Dana' },
    firstTouch: { at: '2026-11-23T08:00:00.000Z' },
    lastTouch: { at: '2026-11-23T08:00:00.000Z' },
    signals: [],
    score: { total: 80, fit: 80, engagement: 0, temperature: 'hot', breakdown: [], modelVersion: 'test' },
    status,
    hotEpisode: 1,
    ...(status === 'new'
      ? {}
      : {
          owner: { type: 'rep' as const, repId: 'anna-schmidt', name: 'Anna Schmidt', email: by, managerEmail: 'maria.keller@stoke.example', team: 'field', timezone: 'Europe/Berlin' },
          assignment: {
            at: '2026-11-24T09:00:00.000Z',
            number: 1,
            episode: 1,
            rule: 'territory:country',
            reason: 'covers DE',
            deadlineAt: '2026-11-25T09:00:00.000Z',
            escalateAt: '2026-11-26T09:00:00.000Z',
            reassignAt: '2026-11-27T09:00:00.000Z',
          },
        }),
    capturedAt: '2026-11-23T08:00:00.000Z',
    updatedAt: '2026-11-23T08:00:00.000Z',
    version: 3,
    ...extra,
  };
}

describe('changeStatus', () => {
  it.each<{ name: string; status: LeadStatus; change: StatusChange; field: string; accepted: string }>([
    { name: 'an unknown hold-back on an assigned lead', status: 'assigned', change: { status: 'in-progress', holdBack: 'vibes' }, field: 'holdBack', accepted: holdBacks },
    { name: 'an unknown reason on an in-progress lead', status: 'in-progress', change: { status: 'not-interested', reason: 'vibes' }, field: 'reason', accepted: reasons },
    { name: 'a label instead of the id', status: 'assigned', change: { status: 'not-interested', reason: 'No budget now' }, field: 'reason', accepted: reasons },
    // A bad value is bad whatever the lead's state: the caller has something to correct either way.
    { name: 'an unknown reason on a lead still with marketing', status: 'new', change: { status: 'not-interested', reason: 'vibes' }, field: 'reason', accepted: reasons },
    { name: 'an unknown hold-back reopening a purchased lead', status: 'purchased', change: { status: 'in-progress', holdBack: 'vibes', note: 'Cancelled' }, field: 'holdBack', accepted: holdBacks },
  ])('names the field and the accepted values for $name (400)', ({ status, change, field, accepted }) => {
    const result = changeStatus(leadIn(status), change, policy, by, now, defaultPlanSettings);

    expect(result).toEqual({ invalid: { field, message: `must be one of: ${accepted}` } });
  });

  it.each<{ name: string; status: LeadStatus; change: StatusChange; refused: string }>([
    { name: 'closing a lead still with marketing', status: 'new', change: { status: 'purchased' }, refused: 'The lead has no owner yet: it is with marketing' },
    { name: 'closing a purchased lead as purchased again', status: 'purchased', change: { status: 'purchased', note: 'again' }, refused: 'The lead is already purchased' },
    { name: 'closing a not-interested lead for another reason', status: 'not-interested', change: { status: 'not-interested', reason: 'not-a-fit' }, refused: 'The lead is already not-interested' },
    { name: 'reopening a closed lead without a note', status: 'not-interested', change: { status: 'in-progress', holdBack: 'timing' }, refused: 'The lead is not-interested: say why it changes (note) to reopen it' },
  ])('refuses $name: the lead\'s state forbids it (409)', ({ status, change, refused }) => {
    const result = changeStatus(leadIn(status), change, policy, by, now, defaultPlanSettings);

    expect(result).toEqual({ refused });
  });

  it('closes as not interested with the reason, the policy\'s nurture decision, the note and closedAt', () => {
    const result = changeStatus(leadIn('in-progress', { holdBack: { category: 'budget', at: now } }), { status: 'not-interested', reason: 'no-budget-now', note: 'Next year' }, policy, by, now, defaultPlanSettings);

    expect(result).toMatchObject({
      lead: { status: 'not-interested', notInterested: { reason: 'no-budget-now', returnToNurture: true, note: 'Next year', at: now }, closedAt: now, lastProgressAt: now },
      entry: { type: 'status-changed', at: now, by, details: { from: 'in-progress', to: 'not-interested', status: 'not-interested', reason: 'no-budget-now', note: 'Next year' } },
    });
    expect('lead' in result && result.lead.holdBack).toBeUndefined();
  });

  it('records a purchase with its value, and says which way it came when not from the desk', () => {
    const result = changeStatus(leadIn('assigned'), { status: 'purchased', value: 48000 }, policy, by, now, defaultPlanSettings, 'email link');

    expect(result).toMatchObject({
      lead: { status: 'purchased', purchase: { value: 48000, at: now }, closedAt: now },
      entry: { type: 'status-changed', by, details: { from: 'assigned', to: 'purchased', value: 48000, via: 'email link' } },
    });
  });

  it('writes no via for the sales desk', () => {
    const result = changeStatus(leadIn('assigned'), { status: 'in-progress', holdBack: 'timing' }, policy, by, now, defaultPlanSettings);

    // The next step comes with it: a lead in progress always has one.
    expect('entry' in result && result.entry.details).toEqual({ from: 'assigned', to: 'in-progress', status: 'in-progress', holdBack: 'timing', nextStep: expect.objectContaining({ kind: 'touch', touch: 1 }) });
  });
});

describe('logContact', () => {
  it('counts the contact, starts the clock of progress and records minutes to first contact', () => {
    const result = logContact(leadIn('assigned'), { channel: 'email', notes: 'Sent the offer' }, by, now, defaultPlanSettings, 'email link');

    expect(result).toMatchObject({
      lead: { status: 'in-progress', firstContactAt: now, contactCount: 1, contactTimes: [now], lastProgressAt: now },
      entry: { type: 'contact-logged', at: now, by, details: { channel: 'email', notes: 'Sent the offer', at: now, minutesToFirstContact: 60, via: 'email link' } },
    });
  });

  it.each<LeadStatus>(['new', 'purchased', 'not-interested'])('refuses a contact on a %s lead (409)', (status) => {
    expect(logContact(leadIn(status), { channel: 'call' }, by, now, defaultPlanSettings)).toEqual({ refused: `The lead is ${status}: reopen it with a status change first` });
  });
});

describe('the contact plan through sales changes', () => {
  const plans = defaultPlanSettings;
  // Anna's lead, handed off on Tuesday 24 Nov 2026 at 10:00 Berlin: touch 1 of the field plan due at the deadline.
  const handedOff = (extra: Partial<Lead> = {}): Lead => {
    const lead = leadIn('assigned', extra);
    return { ...lead, plan: { planId: 'field', name: 'Field: 8 touches over 3 weeks', length: 8, episode: 1, startedAt: lead.assignment!.at, steps: [], next: { kind: 'touch', touch: 1, channel: 'call', dueAt: lead.assignment!.deadlineAt, instruction: 'Call', setAt: lead.assignment!.at } } };
  };
  const saved = (result: ReturnType<typeof logContact> | ReturnType<typeof changeStatus>) => {
    if (!('lead' in result)) throw new Error(`expected a change, got ${JSON.stringify(result)}`);
    return result;
  };

  it('a logged contact completes the touch due and sets the next one, four business hours on', () => {
    const { lead, entry } = saved(logContact(handedOff(), { channel: 'call', outcome: 'talked' }, by, now, plans));

    expect(lead.plan?.steps).toEqual([{ kind: 'touch', touch: 1, outcome: 'done', dueAt: '2026-11-25T09:00:00.000Z', at: now, onTime: true, by }]);
    // Tuesday 11:00 Berlin + 4 business hours = 15:00 Berlin, 14:00 UTC.
    expect(lead.plan?.next).toMatchObject({ kind: 'touch', touch: 2, channel: 'email', dueAt: '2026-11-24T14:00:00.000Z' });
    expect(entry.details).toMatchObject({ step: { kind: 'touch', touch: 1, onTime: true }, nextStep: { touch: 2, channel: 'email' } });
  });

  it("takes the rep's own next step in place of the plan's, keeping the touch it replaces", () => {
    const nextStep = { channel: 'meeting' as const, at: '2026-11-26T10:00:00+01:00', note: 'Demo with their CFO' };
    const { lead } = saved(logContact(handedOff(), { channel: 'call', nextStep }, by, now, plans));

    expect(lead.plan?.next).toEqual({ kind: 'touch', touch: 2, channel: 'meeting', dueAt: '2026-11-26T09:00:00.000Z', instruction: 'Demo with their CFO', setBy: by, setAt: now });
  });

  it('in progress always has a next step: the one asked for, else the plan’s', () => {
    const withStep = saved(changeStatus(handedOff(), { status: 'in-progress', holdBack: 'budget', nextStep: { channel: 'call', at: '2026-12-01T09:00:00Z' } }, policy, by, now, plans));
    const withoutStep = saved(changeStatus(handedOff(), { status: 'in-progress', holdBack: 'budget' }, policy, by, now, plans));

    expect(withStep.lead.plan?.next).toMatchObject({ touch: 1, channel: 'call', dueAt: '2026-12-01T09:00:00.000Z', setBy: by });
    expect(withoutStep.lead.plan?.next).toMatchObject({ touch: 1, dueAt: '2026-11-25T09:00:00.000Z' });
  });

  it('a purchase ends the plan with a check-in 30 days on, which the owner can log as a contact; a lost lead has no step', () => {
    const bought = saved(changeStatus(handedOff(), { status: 'purchased', value: 12000 }, policy, by, now, plans)).lead;
    const lost = saved(changeStatus(handedOff(), { status: 'not-interested', reason: 'not-a-fit' }, policy, by, now, plans)).lead;

    expect(bought.plan?.next).toMatchObject({ kind: 'check-in', dueAt: '2026-12-24T10:00:00.000Z' });
    expect(lost.plan?.next).toBeUndefined();
    const checkedIn = saved(logContact(bought, { channel: 'call', notes: 'Happy; referred a colleague' }, by, '2026-12-24T11:00:00.000Z', plans)).lead;
    expect(checkedIn).toMatchObject({ status: 'purchased', contactCount: 1 });
    expect(checkedIn.plan?.next).toBeUndefined();
    expect(checkedIn.plan?.steps.at(-1)).toMatchObject({ kind: 'check-in', outcome: 'done', onTime: true });
    expect(logContact(checkedIn, { channel: 'call' }, by, now, plans)).toEqual({ refused: 'The lead is purchased: reopen it with a status change first' });
  });

  it('a skipped touch is recorded with why, and the plan moves on', () => {
    const result = skipStep(handedOff({ status: 'in-progress' }), 'They asked for email only', by, now, plans);
    const { lead, entry } = saved(result);

    expect(lead.plan?.steps).toEqual([{ kind: 'touch', touch: 1, outcome: 'skipped', dueAt: '2026-11-25T09:00:00.000Z', at: now, onTime: true, by, reason: 'They asked for email only' }]);
    expect(lead.plan?.next).toMatchObject({ touch: 2 });
    expect(entry).toMatchObject({ type: 'step-skipped', details: { step: { touch: 1 }, reason: 'They asked for email only', nextStep: { touch: 2 } } });
    expect(skipStep(leadIn('purchased'), 'no', by, now, plans)).toEqual({ refused: 'The lead is purchased: it has no step to skip' });
  });

  it('a next step set by the rep replaces the one due and says which it replaced', () => {
    const { lead, entry } = saved(setNextStep(handedOff(), { channel: 'call', at: '2026-11-26T10:00:00+01:00', note: 'Call Thursday 10:00' }, by, now, plans));

    expect(lead.plan?.next).toMatchObject({ touch: 1, channel: 'call', dueAt: '2026-11-26T09:00:00.000Z', instruction: 'Call Thursday 10:00', setBy: by });
    expect(entry).toMatchObject({ type: 'next-step-set', details: { replaces: { touch: 1, dueAt: '2026-11-25T09:00:00.000Z' }, nextStep: { touch: 1, setBy: by } } });
  });

  it('a lead assigned before contact plans existed starts one with its first logged contact', () => {
    const { lead } = saved(logContact(leadIn('assigned'), { channel: 'call' }, by, now, plans));

    expect(lead.plan).toMatchObject({ planId: 'field', steps: [{ touch: 1, outcome: 'done' }], next: { touch: 2 } });
  });
});
