import { memoryFigureStore } from '../../../functions/marketing/memory-figure-store.ts';
import { describe, expect, it } from 'vitest';
import type { Caller, Group } from '../../../functions/auth/caller.ts';
import type { Lead } from '../../../functions/leads/lead.ts';
import type { LeadStore } from '../../../functions/leads/lead-store.ts';
import type { PrivacyAuditEntry } from '../../../functions/privacy/privacy-audit.ts';
import type { PrivacyStore } from '../../../functions/privacy/privacy-store.ts';
import type { RepStore } from '../../../functions/reps/rep-store.ts';
import { defaultSalesPolicy } from '../../../functions/sales/default-policy.ts';
import { eraseLead, exportLead, privacyAuditTrail, type SalesDeskDeps } from '../../../functions/sales/sales-desk.ts';
import { defaultPlanSettings } from '../../../functions/sales/plan-settings.ts';
import { defaultRoutingPolicy } from '../../../functions/routing/default-policy.ts';

const now = new Date('2026-11-24T10:00:00.000Z');
const dpo: Caller = { sub: '786e2bcb-a63f-5204-99d1-7cee8f68e906', email: 'dpo@stoke.example', groups: ['privacy'] };
const as = (groups: Group[]): Caller => ({ ...dpo, groups });

const unowned: Lead = {
  leadId: '0b0e4c2a-8f3e-4d7b-9a51-3c2d1e0f9a11',
  email: 'dana@weber.example',
  profile: { firstName: 'Dana', lastName: 'Weber' },
  firstTouch: { at: '2026-11-23T08:00:00.000Z' },
  lastTouch: { at: '2026-11-23T08:00:00.000Z' },
  signals: [],
  score: { total: 20, fit: 20, engagement: 0, temperature: 'cold', breakdown: [], modelVersion: 'test' },
  status: 'new',
  hotEpisode: 0,
  capturedAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2026-11-23T08:00:00.000Z',
  version: 1,
};

/** The desk's ports as far as privacy requests use them, in memory; `failing` names the step that throws. */
function desk(failing?: 'erase' | 'audit') {
  const audit: PrivacyAuditEntry[] = [];
  const reads: string[] = [];
  const leads = { get: async (leadId: string) => (reads.push(leadId), leadId === unowned.leadId ? unowned : undefined), historyOf: async () => [] } as unknown as LeadStore;
  const privacy: PrivacyStore = {
    itemsOf: async () => [{ entity: 'lead', email: unowned.email }],
    erase: async () => {
      if (failing === 'erase') throw new Error('DynamoDB is unavailable');
    },
    isSuppressed: async () => false,
    recordAudit: async (entry) => {
      if (failing === 'audit') throw new Error('DynamoDB is unavailable');
      audit.push(entry);
    },
    auditTrail: async () => ({ entries: audit, truncated: false }),
  };
  const deps: SalesDeskDeps = {
    leads,
    reps: { list: async () => [] } as unknown as RepStore,
    privacy,
    schedules: { scheduleOnce: async () => 'created', cancel: async () => {} },
    events: { publish: async () => {} },
    figures: memoryFigureStore(),
    policy: defaultSalesPolicy,
    plans: defaultPlanSettings,
    routing: defaultRoutingPolicy,
    suppressionKey: async () => Buffer.alloc(32),
    now: () => now,
  };
  return { deps, audit, reads };
}

const entry = (operation: 'export' | 'erase', outcome: string, caller = dpo) => ({ at: now.toISOString(), operation, leadId: '0b0e4c2a-8f3e-4d7b-9a51-3c2d1e0f9a11', by: caller.email, bySub: caller.sub, outcome });

describe('privacy requests', () => {
  it('records an erasure that failed part-way as failed, and lets the failure through', async () => {
    const { deps, audit } = desk('erase');

    await expect(eraseLead(dpo, '0b0e4c2a-8f3e-4d7b-9a51-3c2d1e0f9a11', deps)).rejects.toThrow('DynamoDB is unavailable');

    expect(audit).toEqual([entry('erase', 'failed')]);
  });

  it('gives out no export it could not record in the audit trail', async () => {
    const { deps } = desk('audit');

    await expect(exportLead(dpo, '0b0e4c2a-8f3e-4d7b-9a51-3c2d1e0f9a11', deps)).rejects.toThrow('DynamoDB is unavailable');
  });

  it.each([
    { name: 'a rep', groups: ['rep'] as Group[] },
    { name: 'a person in no group', groups: [] as Group[] },
  ])('refuses $name before reading the lead, and records the refusal', async ({ groups }) => {
    const { deps, audit, reads } = desk();

    const result = await exportLead(as(groups), '0b0e4c2a-8f3e-4d7b-9a51-3c2d1e0f9a11', deps);

    expect(result).toMatchObject({ ok: false, refusal: 'forbidden' });
    expect(reads).toEqual([]);
    expect(audit).toEqual([entry('export', 'refused', as(groups))]);
  });

  it('records one line per request with the caller, never the person asked about', async () => {
    const { deps, audit } = desk();

    await exportLead(dpo, '0b0e4c2a-8f3e-4d7b-9a51-3c2d1e0f9a11', deps);
    await eraseLead(dpo, '0b0e4c2a-8f3e-4d7b-9a51-3c2d1e0f9a11', deps);
    await eraseLead(dpo, '0b0e4c2a-8f3e-4d7b-9a51-3c2d1e0f9a22', deps);

    expect(audit).toEqual([entry('export', 'done'), entry('erase', 'done'), { ...entry('erase', 'not-found'), leadId: '0b0e4c2a-8f3e-4d7b-9a51-3c2d1e0f9a22' }]);
    expect(JSON.stringify(audit)).not.toMatch(/dana|weber/i);
  });

  it('keeps what was typed where a lead id belongs out of the trail', async () => {
    const { deps, audit } = desk();

    await exportLead(dpo, 'dana.weber@weber-maschinenbau.de', deps);

    expect(audit).toEqual([{ ...entry('export', 'not-found'), leadId: 'not-a-lead-id' }]);
  });

  it.each([
    { name: 'the last 30 days without a period', asked: {}, period: { from: '2026-10-25T10:00:00.000Z', to: '2026-11-24T10:00:00.000Z' } },
    { name: 'whole days for dates', asked: { from: '2026-11-01', to: '2026-11-30' }, period: { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' } },
    { name: 'times in UTC', asked: { from: '2026-11-01T09:00:00+01:00' }, period: { from: '2026-11-01T08:00:00.000Z', to: '2026-11-24T10:00:00.000Z' } },
  ])('reads the audit trail of $name', async ({ asked, period }) => {
    const { deps } = desk();

    const result = await privacyAuditTrail(dpo, asked, deps);

    expect(result).toMatchObject({ ok: true, value: period });
  });

  it.each([
    { name: 'a manager', groups: ['manager'] as Group[] },
    { name: 'a rep', groups: ['rep'] as Group[] },
  ])('keeps the audit trail from $name', async ({ groups }) => {
    const { deps } = desk();

    expect(await privacyAuditTrail(as(groups), {}, deps)).toMatchObject({ ok: false, refusal: 'forbidden' });
  });

  it('refuses a period that ends before it starts', async () => {
    const { deps } = desk();

    expect(await privacyAuditTrail(dpo, { from: '2026-11-30', to: '2026-11-01' }, deps)).toMatchObject({ ok: false, invalid: { field: 'from' } });
  });
});
