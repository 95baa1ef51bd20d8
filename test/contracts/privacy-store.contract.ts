import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../functions/leads/history.ts';
import type { EmailSignal, Lead } from '../../functions/leads/lead.ts';
import type { LeadStore } from '../../functions/leads/lead-store.ts';
import { emailHash } from '../../functions/privacy/email-hash.ts';
import type { PrivacyAuditEntry } from '../../functions/privacy/privacy-audit.ts';
import type { PrivacyStore } from '../../functions/privacy/privacy-store.ts';
import { hotLead } from '../support/hot-lead.ts';

/**
 * A privacy store under test with the lead store over the same data, both
 * fresh and empty; `everything` reads back every item held, whichever store
 * wrote it, to show what an erasure leaves behind.
 */
export type PrivacyStoreUnderTest = { leads: LeadStore; privacy: PrivacyStore; everything(): Promise<Record<string, unknown>[]> };

const suppressionKey = Buffer.alloc(32, 7);
const erasedAt = '2026-11-25T10:00:00.000Z';
const dpo = 'dpo@stoke.example';
const keyAttributes = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK'];

const dana = (): Lead => hotLead({ email: `dana.${randomUUID()}@weber.example`, profile: { firstName: 'Dana', lastName: 'Weber' } });
const captured = (lead: Lead): HistoryEntry => ({ type: 'captured', at: lead.capturedAt, by: 'lead', details: { formId: 'demo' } });
const emailed: HistoryEntry = { type: 'scored', at: '2026-11-24T09:05:00.000Z', by: 'stoke', details: { total: 80 } };
const signal = (eventId: string, at: string): EmailSignal => ({ eventId, type: 'open', at, messageId: 'message-1', human: true, points: 5 });
const audit = (at: string, changes: Partial<PrivacyAuditEntry> = {}): PrivacyAuditEntry => ({
  at,
  operation: 'export',
  leadId: '0b0e4c2a-8f3e-4d7b-9a51-3c2d1e0f9a11',
  by: dpo,
  bySub: '786e2bcb-a63f-5204-99d1-7cee8f68e906',
  outcome: 'done',
  ...changes,
});

/** A lead with two history entries and two email signals, as capture, nurture and SES events leave it. */
async function storedLead(leads: LeadStore, lead = dana()): Promise<Lead> {
  await leads.insert(lead, captured(lead));
  await leads.record(lead.leadId, emailed);
  await leads.putSignal(lead.leadId, signal('event-2', '2026-11-24T09:20:00.000Z'));
  await leads.putSignal(lead.leadId, signal('event-1', '2026-11-24T09:10:00.000Z'));
  return lead;
}

const erase = (privacy: PrivacyStore, lead: Lead) =>
  privacy.erase(lead.leadId, lead.email, { emailHash: emailHash(lead.email, suppressionKey) }, { at: erasedAt, by: dpo });

/** What the core relies on from a PrivacyStore, whichever adapter holds the data. */
export function privacyStoreContract(name: string, setUp: () => Promise<PrivacyStoreUnderTest> | PrivacyStoreUnderTest): void {
  describe(`PrivacyStore contract: ${name}`, () => {
    describe('itemsOf', () => {
      it('lists every item kept under the lead in the table order: history, profile, signals', async () => {
        const { leads, privacy } = await setUp();
        const lead = await storedLead(leads);

        const items = await privacy.itemsOf(lead.leadId);

        expect(items.map((item) => item.entity)).toEqual(['history', 'history', 'lead', 'signal', 'signal']);
        expect(items).toEqual([
          { entity: 'history', leadId: lead.leadId, ...captured(lead) },
          { entity: 'history', leadId: lead.leadId, ...emailed },
          expect.objectContaining({ entity: 'lead', ...lead }),
          { entity: 'signal', leadId: lead.leadId, ...signal('event-1', '2026-11-24T09:10:00.000Z') },
          { entity: 'signal', leadId: lead.leadId, ...signal('event-2', '2026-11-24T09:20:00.000Z') },
        ]);
      });

      it('gives out the data without the table keys', async () => {
        const { leads, privacy } = await setUp();
        const lead = await storedLead(leads);

        const items = await privacy.itemsOf(lead.leadId);

        expect(items.flatMap(Object.keys).filter((key) => keyAttributes.includes(key))).toEqual([]);
      });

      it("lists nothing of another lead, and nothing for an id never stored", async () => {
        const { leads, privacy } = await setUp();
        const lead = await storedLead(leads);
        await storedLead(leads);

        expect((await privacy.itemsOf(lead.leadId)).every((item) => item.leadId === lead.leadId)).toBe(true);
        expect(await privacy.itemsOf(randomUUID())).toEqual([]);
      });
    });

    describe('erase', () => {
      it('leaves nothing of the lead: no profile, history, signal or email claim', async () => {
        const { leads, privacy } = await setUp();
        const lead = await storedLead(leads);

        await erase(privacy, lead);

        expect(await privacy.itemsOf(lead.leadId)).toEqual([]);
        expect(await leads.get(lead.leadId)).toBeUndefined();
        expect(await leads.historyOf(lead.leadId)).toEqual([]);
        expect(await leads.signalsOf(lead.leadId)).toEqual([]);
        expect(await leads.findByEmail(lead.email)).toBeUndefined();
      });

      it('frees the address: the person may be captured again as a new lead', async () => {
        const { leads, privacy } = await setUp();
        const lead = await storedLead(leads);
        await erase(privacy, lead);
        const again = dana();

        const answer = await leads.insert({ ...again, email: lead.email }, captured(again));

        expect(answer).toBe('inserted');
      });

      it('keeps the suppression entry and a record of the erasure, and no personal data', async () => {
        const { leads, privacy, everything } = await setUp();
        const lead = await storedLead(leads);

        await erase(privacy, lead);

        expect(await privacy.isSuppressed(emailHash(lead.email, suppressionKey))).toBe(true);
        const items = await everything();
        expect(items.filter((item) => item.entity === 'erasure')).toEqual([expect.objectContaining({ leadId: lead.leadId, at: erasedAt, by: dpo })]);
        expect(JSON.stringify(items)).toContain(emailHash(lead.email, suppressionKey));
        expect(JSON.stringify(items)).not.toMatch(/dana|weber/i);
      });

      it("leaves another lead's items alone", async () => {
        const { leads, privacy } = await setUp();
        const lead = await storedLead(leads);
        const other = await storedLead(leads, hotLead());
        const before = await privacy.itemsOf(other.leadId);

        await erase(privacy, lead);

        expect(await privacy.itemsOf(other.leadId)).toEqual(before);
        expect(await leads.findByEmail(other.email)).toEqual(other);
      });

      it('can be asked again after a failure part-way, and ends the same', async () => {
        const { leads, privacy, everything } = await setUp();
        const lead = await storedLead(leads);
        await erase(privacy, lead);

        await erase(privacy, lead);

        expect(await privacy.itemsOf(lead.leadId)).toEqual([]);
        expect(await privacy.isSuppressed(emailHash(lead.email, suppressionKey))).toBe(true);
        expect((await everything()).filter((item) => item.entity === 'erasure')).toHaveLength(1);
      });
    });

    it('suppresses no address that was never erased', async () => {
      const { privacy } = await setUp();

      expect(await privacy.isSuppressed(emailHash('nobody@example.com', suppressionKey))).toBe(false);
    });

    describe('audit trail', () => {
      it('gives the lines of a period oldest first, its start in and its end out', async () => {
        const { privacy } = await setUp();
        for (const at of ['2026-11-24T09:30:00.000Z', '2026-11-24T10:00:00.000Z', '2026-11-24T08:59:59.999Z', '2026-11-24T09:00:00.000Z', '2026-11-24T09:15:00.000Z']) {
          await privacy.recordAudit(audit(at));
        }

        const trail = await privacy.auditTrail({ from: '2026-11-24T09:00:00.000Z', to: '2026-11-24T10:00:00.000Z' }, 10);

        expect(trail).toEqual({
          entries: [audit('2026-11-24T09:00:00.000Z'), audit('2026-11-24T09:15:00.000Z'), audit('2026-11-24T09:30:00.000Z')],
          truncated: false,
        });
      });

      it.each([
        { case: 'more lines than the limit', limit: 2, count: 2, truncated: true },
        { case: 'exactly the limit', limit: 3, count: 3, truncated: false },
      ])('gives at most `limit` lines, oldest first, and says when there are more: $case', async ({ limit, count, truncated }) => {
        const { privacy } = await setUp();
        const times = ['2026-11-24T09:00:00.000Z', '2026-11-24T09:01:00.000Z', '2026-11-24T09:02:00.000Z'];
        for (const at of [...times].reverse()) await privacy.recordAudit(audit(at));

        const trail = await privacy.auditTrail({ from: '2026-11-24T00:00:00.000Z', to: '2026-11-25T00:00:00.000Z' }, limit);

        expect(trail).toEqual({ entries: times.slice(0, count).map((at) => audit(at)), truncated });
      });

      it('keeps every line, each outcome and operation as it was written', async () => {
        const { privacy } = await setUp();
        const lines = [audit('2026-11-24T09:00:00.000Z', { operation: 'erase', outcome: 'failed' }), audit('2026-11-24T09:01:00.000Z', { outcome: 'refused', by: 'maria.keller@stoke.example' })];
        for (const line of lines) await privacy.recordAudit(line);

        const trail = await privacy.auditTrail({ from: '2026-11-24T00:00:00.000Z', to: '2026-11-25T00:00:00.000Z' }, 10);

        expect(trail.entries).toEqual(lines);
      });

      it("outlives the lead's erasure", async () => {
        const { leads, privacy } = await setUp();
        const lead = await storedLead(leads);
        const line = audit('2026-11-25T10:00:00.000Z', { operation: 'erase', leadId: lead.leadId });
        await privacy.recordAudit(line);

        await erase(privacy, lead);

        expect((await privacy.auditTrail({ from: '2026-11-25T00:00:00.000Z', to: '2026-11-26T00:00:00.000Z' }, 10)).entries).toEqual([line]);
      });
    });
  });
}
