import { describe, expect, it } from 'vitest';
import { captureLead, type CaptureDeps } from '../../../functions/capture/capture-lead.ts';
import { LeadForm } from '../../../functions/capture/lead-form.ts';
import { memoryPublisher } from '../../../functions/events/memory-publisher.ts';
import { outcomeLeadOf, type OutcomeLead } from '../../../functions/learning/outcome-lead.ts';
import type { HistoryEntry } from '../../../functions/leads/history.ts';
import type { EmailSignal, Lead } from '../../../functions/leads/lead.ts';
import { memoryLeadStore } from '../../../functions/leads/memory-lead-store.ts';
import { memoryFigureStore } from '../../../functions/marketing/memory-figure-store.ts';
import { defaultScoringModel } from '../../../functions/scoring/default-model.ts';
import { hotLead } from '../../support/hot-lead.ts';

const at = (minutes: number) => new Date(Date.parse('2027-01-04T09:00:00.000Z') + minutes * 60_000).toISOString();
const submission = (fields: Record<string, unknown>, minutes: number) => ({ form: LeadForm.parse(fields), at: at(minutes), consentTextVersion: '2026-11-01' });

function read(lead: Lead, history: HistoryEntry[], signals: EmailSignal[] = []): OutcomeLead {
  const result = outcomeLeadOf(lead, { history, signals });
  if (result.type !== 'read') throw new Error(`skipped: ${result.reason}`);
  return result.lead;
}

describe('outcomeLeadOf on leads capture stored', () => {
  it('keeps what the person said at capture and on each re-inquiry, though the lead keeps only the merged profile', async () => {
    // Prepare: a lead captured as an influencer, who comes back as a decision-maker buying now
    const leads = memoryLeadStore();
    const deps: CaptureDeps = { leads, events: memoryPublisher(), figures: memoryFigureStore(), model: defaultScoringModel, spamRetentionDays: 30 };
    const first = await captureLead(submission({ email: 'dana@weber.example', firstName: 'Dana', authority: 'influencer', timeline: '6m', interest: 'Reporting' }, 0), deps);
    await captureLead(submission({ email: 'dana@weber.example', authority: 'decision-maker', timeline: 'now' }, 60 * 24), deps);
    const leadId = first.type === 'created' ? first.lead.leadId : '';

    // Act
    const lead = read((await leads.get(leadId))!, (await leads.timelineOf(leadId)).history);

    // Assess: the capture's answers, the later submission's apart, and nothing that names the person
    expect(lead.fitInputs).toEqual({ authority: 'influencer', timeline: '6m', interest: 'Reporting' });
    expect(lead.reinquiries).toEqual([{ at: at(60 * 24), fitInputs: { authority: 'decision-maker', timeline: 'now' } }]);
    expect(lead.emailDomain).toBe('weber.example');
    expect(JSON.stringify(lead)).not.toContain('Dana');
    expect(lead.outcome).toEqual({ type: 'none' });
  });
});

describe('outcomeLeadOf on a stored lead and its timeline', () => {
  const capture = (details: Record<string, unknown> = { fitInputs: { budget: '250k-plus' } }): HistoryEntry => ({ type: 'captured', at: at(0), by: 'lead', details });
  const assigned = (minutes: number, details: Record<string, unknown> = {}): HistoryEntry => ({ type: 'assigned', at: at(minutes), by: 'stoke', details });

  it.each([
    { name: 'purchased, with when', changes: { status: 'purchased', purchase: { at: at(900) } }, outcome: { type: 'purchased', at: at(900) } },
    { name: 'not interested, with when', changes: { status: 'not-interested', notInterested: { reason: 'timing-later', returnToNurture: true, at: at(800) } }, outcome: { type: 'not-interested', at: at(800) } },
    { name: 'assigned: sales holds it, nothing decided', changes: { status: 'assigned' }, outcome: { type: 'in-progress' } },
    { name: 'in progress', changes: { status: 'in-progress' }, outcome: { type: 'in-progress' } },
    { name: 'never with sales', changes: { status: 'new' }, outcome: { type: 'none' } },
  ] as const)('reads the outcome: $name', ({ changes, outcome }) => {
    expect(read(hotLead(changes as Partial<Lead>), [capture()]).outcome).toEqual(outcome);
  });

  it('takes the first handoff, and neither the submissions nor the handoffs of a duplicate merged into it', () => {
    const history = [
      assigned(300),
      capture(),
      { type: 'captured', at: at(-50), by: 'lead', details: { fitInputs: { budget: 'none' }, mergedFrom: 'dup' } } as HistoryEntry,
      { type: 're-inquired', at: at(-40), by: 'lead', details: { fitInputs: { timeline: 'now' }, mergedFrom: 'dup' } } as HistoryEntry,
      assigned(-30, { mergedFrom: 'dup' }),
      { type: 're-inquired', at: at(100), by: 'lead', details: { fitInputs: { timeline: '3m' } } } as HistoryEntry,
      assigned(5000),
    ];

    const lead = read(hotLead(), history);

    expect(lead.fitInputs).toEqual({ budget: '250k-plus' });
    expect(lead.reinquiries).toEqual([{ at: at(100), fitInputs: { timeline: '3m' } }]);
    expect(lead.handedOffAt).toBe(at(300));
  });

  it("keeps only the opens and clicks the filter judged a person's, with their points", () => {
    const signals: EmailSignal[] = [
      { eventId: 'e1', type: 'delivery', at: at(1), messageId: 'm1' },
      { eventId: 'e2', type: 'open', at: at(2), messageId: 'm1', human: false, filteredBecause: 'privacy-proxy-open: Apple' },
      { eventId: 'e3', type: 'open', at: at(90), messageId: 'm1', human: true, rule: 'open', points: 3, reason: 'Opened an email', userAgent: 'Thunderbird/128', ip: '203.0.113.7' },
      { eventId: 'e4', type: 'click', at: at(91), messageId: 'm1', human: true, rule: 'pricing', points: 20, reason: 'Clicked through to pricing', link: 'https://stoke.example/pricing' },
    ];

    expect(read(hotLead(), [capture()], signals).engagement).toEqual([
      { type: 'open', at: at(90), messageId: 'm1', rule: 'open', points: 3, reason: 'Opened an email' },
      { type: 'click', at: at(91), messageId: 'm1', rule: 'pricing', points: 20, reason: 'Clicked through to pricing' },
    ]);
  });

  it.each([
    { name: 'a duplicate merged into another lead', lead: hotLead({ mergedInto: 'survivor-id' }), history: [capture()], reason: 'merged into survivor-id' },
    {
      name: 'a capture entry without fit inputs, of a lead that came back since',
      lead: hotLead(),
      history: [capture({ score: 80 }), { type: 're-inquired', at: at(10), by: 'lead', details: {} } as HistoryEntry],
      reason: 'what it said at capture is not kept (its capture entry predates that, and it came back since)',
    },
    { name: 'fit inputs of a field no rule may read', lead: hotLead(), history: [capture({ fitInputs: { phone: '123' } })], reason: 'what it said at capture is not kept (its capture entry predates that, and it came back since)' },
  ])('skips $name, saying why', ({ lead, history, reason }) => {
    expect(outcomeLeadOf(lead, { history, signals: [] })).toEqual({ type: 'skipped', leadId: lead.leadId, reason });
  });

  it('reads a lead captured before capture entries kept fit inputs from its profile, when it never came back', () => {
    const lead = hotLead();
    const read = outcomeLeadOf(lead, { history: [capture({ score: 80 })], signals: [] });

    expect(read).toMatchObject({ type: 'read', lead: { reinquiries: [] } });
    expect(read.type === 'read' && read.lead.fitInputs).toEqual(Object.fromEntries(Object.entries(lead.profile).filter(([field]) => ['budget', 'authority', 'timeline', 'need', 'jobTitle', 'company', 'interest'].includes(field))));
  });
});
