import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDevToken } from '../../infra/local/dev-tokens.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { localApi } from '../support/local-api.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

let runtime: LocalRuntime;
let anna: string;

beforeAll(async () => {
  // Tuesday 24 Nov 2026, 09:00 in Berlin, where Anna sells.
  runtime = await startTestRuntime('contact-plan', new Date('2026-11-24T08:00:00Z'));
  anna = await issueDevToken('anna.schmidt@stoke.example', ['rep']);
});
afterAll(() => runtime?.stop());

const api = localApi(() => runtime);
const advance = (duration: string) => api('POST', '/_local/clock', undefined, { advance: duration });
// The runtime's clock runs on in real time between steps: times are compared to the minute.
const minute = (iso: string) => expect.stringMatching(new RegExp(`^${iso.slice(0, 16)}`));
const inboxEntry = async (leadId: string) => (await api('GET', '/me/leads?status=open', anna)).body.leads.find((lead: { leadId: string }) => lead.leadId === leadId);

describe('a hot lead on its contact plan, through the API', () => {
  it('always has one next step: the plan’s, done, skipped or replaced by the rep’s own', async () => {
    const captured = await api('POST', '/leads', undefined, { email: 'jonas@hartmann-maschinen.de', firstName: 'Jonas', company: 'Hartmann Maschinen', country: 'DE', authority: 'decision-maker', budget: '250k-plus', timeline: 'now', consent: true });
    const { leadId } = captured.body;

    // The field plan's first touch, due at the first-contact deadline: 10:00 Berlin.
    expect(await inboxEntry(leadId)).toMatchObject({ nextStep: { kind: 'touch', touch: 1, ofTouches: 8, plan: 'Field: 8 touches over 3 weeks', channel: 'call', dueAt: minute('2026-11-24T09:00'), overdue: false } });

    await advance('PT30M');
    const called = await api('POST', `/leads/${leadId}/contacts`, anna, { channel: 'call', outcome: 'voicemail' });
    // Called at 09:30 Berlin: the email of touch 2 is due four business hours later, 13:30 Berlin.
    expect(called.body.plan.next).toMatchObject({ touch: 2, channel: 'email', dueAt: minute('2026-11-24T12:30') });

    const skipped = await api('POST', `/leads/${leadId}/next-step/skip`, anna, { reason: 'Asked on the phone for no email' });
    expect(skipped.body.plan.next).toMatchObject({ touch: 3, channel: 'call' });

    const own = await api('PUT', `/leads/${leadId}/next-step`, anna, { channel: 'meeting', at: '2026-11-26T14:00:00+01:00', note: 'Demo with their head of production' });
    expect(own.status).toBe(200);
    expect(await inboxEntry(leadId)).toMatchObject({ nextStep: { touch: 3, channel: 'meeting', dueAt: '2026-11-26T13:00:00.000Z', instruction: 'Demo with their head of production', setBy: 'anna.schmidt@stoke.example' } });

    const history = (await api('GET', `/leads/${leadId}`, anna)).body.history.map((entry: { type: string }) => entry.type);
    expect(history).toEqual(expect.arrayContaining(['assigned', 'contact-logged', 'step-skipped', 'next-step-set']));
    const steps = (await api('GET', `/leads/${leadId}`, anna)).body.lead.plan.steps;
    expect(steps).toEqual([
      expect.objectContaining({ touch: 1, outcome: 'done', onTime: true }),
      expect.objectContaining({ touch: 2, outcome: 'skipped', reason: 'Asked on the phone for no email' }),
    ]);
  });
});
