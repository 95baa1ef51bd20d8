import { describe, expect, it } from 'vitest';
import type { Lead } from '../../../functions/leads/lead.ts';
import { memoryLeadStore } from '../../../functions/leads/memory-lead-store.ts';
import { repLoads } from '../../../functions/handoff/rep-loads.ts';
import { memoryRepStore, type MemoryRoster } from '../../../functions/reps/memory-rep-store.ts';
import { defaultRoutingPolicy as policy } from '../../../functions/routing/default-policy.ts';
import { annaSchmidt } from '../../support/anna-schmidt.ts';
import { hotLead } from '../../support/hot-lead.ts';

const now = new Date('2026-11-26T12:00:00.000Z');
const step = (dueAt: string): Lead['plan'] => ({ planId: 'field', name: 'Field', length: 8, episode: 1, startedAt: '2026-11-24T09:00:00.000Z', steps: [], next: { kind: 'touch', touch: 2, channel: 'email', dueAt, instruction: 'Email', setAt: '2026-11-24T09:00:00.000Z' } });

describe('repLoads', () => {
  it('counts towards follow-up debt the leads whose next step is overdue by more than the policy allows, and those without progress for too long', async () => {
    const roster: MemoryRoster = new Map();
    const reps = memoryRepStore(roster);
    const leads = memoryLeadStore({ roster });
    await reps.create(annaSchmidt(), 0);
    // The policy allows 24 hours past a step's due time, and 7 days without logged progress.
    const overdueTwoDays = hotLead({ status: 'in-progress', lastProgressAt: '2026-11-25T09:00:00.000Z', plan: step('2026-11-24T11:00:00.000Z') });
    const overdueAnHour = hotLead({ status: 'in-progress', lastProgressAt: '2026-11-25T09:00:00.000Z', plan: step('2026-11-26T11:00:00.000Z') });
    const dueTomorrow = hotLead({ status: 'in-progress', lastProgressAt: '2026-11-25T09:00:00.000Z', plan: step('2026-11-27T11:00:00.000Z') });
    const staleWithoutPlan = hotLead({ status: 'in-progress', lastProgressAt: '2026-11-18T09:00:00.000Z' });
    for (const lead of [overdueTwoDays, overdueAnHour, dueTomorrow, staleWithoutPlan]) await leads.insert(lead, { type: 'captured', at: lead.capturedAt, by: 'lead', details: {} });

    const [anna] = await repLoads(reps, leads, policy, now);

    expect(policy.followUpDebt).toMatchObject({ overdueStepAfterHours: 24, staleAfterDays: 7 });
    expect(anna).toMatchObject({ repId: 'anna-schmidt', openLeads: 4, staleLeads: 2 });
  });
});
