import { memoryFigureStore } from '../../../functions/marketing/memory-figure-store.ts';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../functions/auth/caller.ts';
import { memoryPublisher } from '../../../functions/events/memory-publisher.ts';
import type { Lead } from '../../../functions/leads/lead.ts';
import { memoryLeadStore, memoryLeadTable } from '../../../functions/leads/memory-lead-store.ts';
import { emailHash } from '../../../functions/privacy/email-hash.ts';
import { memoryPrivacyStore } from '../../../functions/privacy/memory-privacy-store.ts';
import { type MemoryRoster, memoryRepStore } from '../../../functions/reps/memory-rep-store.ts';
import { defaultSalesPolicy } from '../../../functions/sales/default-policy.ts';
import { eraseLead, exportLead, merge, type SalesDeskDeps } from '../../../functions/sales/sales-desk.ts';
import { deadlineStages, scheduleDeadline } from '../../../functions/schedules/first-contact-deadlines.ts';
import { memorySchedules } from '../../../functions/schedules/memory-schedules.ts';
import { hotLead } from '../../support/hot-lead.ts';
import { annaSchmidt } from '../../support/anna-schmidt.ts';
import { defaultPlanSettings } from '../../../functions/sales/plan-settings.ts';
import { defaultRoutingPolicy } from '../../../functions/routing/default-policy.ts';

const now = new Date('2026-11-25T10:00:00.000Z');
const key = Buffer.alloc(32, 3);
const dpo: Caller = { sub: '786e2bcb-a63f-5204-99d1-7cee8f68e906', email: 'dpo@stoke.example', groups: ['privacy'] };
const maria: Caller = { sub: 'a1f0c9d2-5b6e-4f3a-8c7d-2e1f0a9b8c7d', email: 'maria.keller@stoke.example', groups: ['manager'] };
const tom: Caller = { sub: 'b2e1d0c3-6a7f-4e5b-9d8c-3f2e1d0c9b8a', email: 'tom.becker@stoke.example', groups: ['manager'] };
const anna = annaSchmidt({ managerEmail: maria.email });

/** The sales desk on the in-memory stores, the privacy store sharing the lead store's data as on the one table; Dana's lead is Anna's. */
async function desk() {
  const table = memoryLeadTable();
  const roster: MemoryRoster = new Map();
  const leads = memoryLeadStore({ roster, table });
  const reps = memoryRepStore(roster);
  const privacy = memoryPrivacyStore(table);
  const schedules = memorySchedules();
  await reps.create(anna, 0);
  const lead: Lead = hotLead({ email: 'dana@weber.example', profile: { firstName: 'Dana', lastName: 'Weber' } });
  await leads.insert(lead, { type: 'captured', at: lead.capturedAt, by: 'lead', details: { formId: 'demo' } });
  await leads.putSignal(lead.leadId, { eventId: 'event-1', type: 'open', at: '2026-11-24T09:10:00.000Z', messageId: 'message-1', human: true, points: 5 });
  for (const stage of deadlineStages) await scheduleDeadline(schedules, lead, stage);
  const deps: SalesDeskDeps = {
    leads,
    reps,
    privacy,
    schedules,
    events: memoryPublisher(),
    figures: memoryFigureStore(),
    policy: defaultSalesPolicy,
    plans: defaultPlanSettings,
    routing: defaultRoutingPolicy,
    suppressionKey: async () => key,
    now: () => now,
  };
  const trail = async () => (await privacy.auditTrail({ from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' }, 10)).entries;
  return { deps, lead, schedules, trail };
}

const line = (caller: Caller, operation: 'export' | 'erase', outcome: string, leadId: string) => ({ at: now.toISOString(), operation, leadId, by: caller.email, bySub: caller.sub, outcome });

describe('erasure and export on the in-memory stores', () => {
  it('gives the privacy group everything kept under the lead, and records the export', async () => {
    const { deps, lead, trail } = await desk();

    const result = await exportLead(dpo, lead.leadId, deps);

    expect(result).toMatchObject({ ok: true, value: { exportedAt: now.toISOString(), leadId: lead.leadId } });
    const items = result.ok ? (result.value as { items: Array<{ entity: string }> }).items : [];
    expect(items.map((item) => item.entity)).toEqual(['history', 'lead', 'signal']);
    expect(await trail()).toEqual([line(dpo, 'export', 'done', lead.leadId)]);
  });

  it.each([
    { case: 'the privacy group', caller: dpo },
    { case: "the manager of the lead's team", caller: maria },
  ])('lets $case erase the person: the lead store holds nothing of them, they stay suppressed', async ({ caller }) => {
    const { deps, lead, schedules, trail } = await desk();

    const result = await eraseLead(caller, lead.leadId, deps);

    expect(result).toEqual({ ok: true, value: { erasedAt: now.toISOString() } });
    expect(await deps.leads.get(lead.leadId)).toBeUndefined();
    expect(await deps.leads.findByEmail(lead.email)).toBeUndefined();
    expect(await deps.leads.historyOf(lead.leadId)).toEqual([]);
    expect(await deps.leads.signalsOf(lead.leadId)).toEqual([]);
    expect(schedules.pending()).toEqual([]);
    expect(await deps.privacy.isSuppressed(emailHash(lead.email, key))).toBe(true);
    expect(await trail()).toEqual([line(caller, 'erase', 'done', lead.leadId)]);
  });

  it.each([
    { operation: 'erase' as const, request: eraseLead },
    { operation: 'export' as const, request: exportLead },
  ])("refuses a manager of another team the $operation, keeps the lead, and records the refusal", async ({ operation, request }) => {
    const { deps, lead, schedules, trail } = await desk();

    const result = await request(tom, lead.leadId, deps);

    expect(result).toMatchObject({ ok: false, refusal: 'forbidden' });
    expect(await deps.leads.get(lead.leadId)).toEqual(lead);
    expect(schedules.pending()).toHaveLength(3);
    expect(await deps.privacy.isSuppressed(emailHash(lead.email, key))).toBe(false);
    expect(await trail()).toEqual([line(tom, operation, 'refused', lead.leadId)]);
  });

  it('erases the duplicates merged into the lead as well: no address of the person is left', async () => {
    const { deps, lead } = await desk();
    const duplicate = hotLead({ email: 'd.weber@gmail.example', profile: { firstName: 'Dana' } });
    await deps.leads.insert(duplicate, { type: 'captured', at: duplicate.capturedAt, by: 'lead', details: {} });
    await merge(maria, lead.leadId, duplicate.leadId, deps);
    expect((await deps.leads.findByEmail(duplicate.email))?.leadId).toBe(lead.leadId);

    await eraseLead(dpo, lead.leadId, deps);

    expect(await deps.leads.get(duplicate.leadId)).toBeUndefined();
    expect(await deps.leads.findByEmail(duplicate.email)).toBeUndefined();
    expect(await deps.privacy.isSuppressed(emailHash(duplicate.email, key))).toBe(true);
  });
});
