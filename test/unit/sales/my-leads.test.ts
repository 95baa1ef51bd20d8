import { describe, expect, it } from 'vitest';
import { memoryLeadStore } from '../../../functions/leads/memory-lead-store.ts';
import { type MemoryRoster, memoryRepStore } from '../../../functions/reps/memory-rep-store.ts';
import { myLeads, type SalesDeskDeps } from '../../../functions/sales/sales-desk.ts';
import { hotLead } from '../../support/hot-lead.ts';
import { annaSchmidt } from '../../support/anna-schmidt.ts';

const anna = annaSchmidt();
const caller = { sub: 'anna', email: anna.email, groups: ['rep' as const] };

describe("a rep's own leads", () => {
  it('come open first, what is due first, then the closed ones, latest first', async () => {
    const roster: MemoryRoster = new Map();
    const deps = { leads: memoryLeadStore({ roster }), reps: memoryRepStore(roster) } as unknown as SalesDeskDeps;
    await deps.reps.create(anna, 0);
    const due = (deadlineAt: string) => ({ at: '2026-11-24T08:00:00.000Z', number: 1, episode: 1, rule: 'r', reason: 'r', deadlineAt, escalateAt: deadlineAt, reassignAt: deadlineAt });
    const leads = [
      hotLead({ leadId: 'closed-early', status: 'purchased', closedAt: '2026-11-20T10:00:00.000Z', purchase: { at: '2026-11-20T10:00:00.000Z' } }),
      hotLead({ leadId: 'due-later', assignment: due('2026-11-24T12:00:00.000Z') }),
      hotLead({ leadId: 'closed-lately', status: 'not-interested', closedAt: '2026-11-23T10:00:00.000Z', notInterested: { reason: 'not-a-fit', returnToNurture: false, at: '2026-11-23T10:00:00.000Z' } }),
      hotLead({ leadId: 'due-first', assignment: due('2026-11-24T09:00:00.000Z') }),
    ];
    for (const lead of leads) await deps.leads.insert(lead, { type: 'captured', at: lead.capturedAt, by: 'lead', details: {} });

    const answer = await myLeads(caller, undefined, deps);

    expect(answer.ok && answer.value.map((lead) => lead.leadId)).toEqual(['due-first', 'due-later', 'closed-lately', 'closed-early']);
  });
});
