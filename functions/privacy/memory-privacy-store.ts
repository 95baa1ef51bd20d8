import type { MemoryLeadTable } from '../leads/memory-lead-store.ts';
import { keys } from '../storage/table.ts';
import type { PrivacyAuditEntry } from './privacy-audit.ts';
import type { PrivacyStore } from './privacy-store.ts';

/** What privacy requests leave behind in memory: the suppression list, the erasure records and the audit trail. */
export type MemoryPrivacyTable = {
  suppressed: Map<string, { reason: 'erased'; at: string }>;
  erasures: Map<string, { at: string; by: string }>;
  /** Lines of the trail by sort key (`<at>#<sequence>`): lines written at the same instant keep their write order. */
  audit: Map<string, PrivacyAuditEntry>;
};

export const memoryPrivacyTable = (): MemoryPrivacyTable => ({ suppressed: new Map(), erasures: new Map(), audit: new Map() });

/** What the store keeps: the same shape a DynamoDB read gives back, undefined fields dropped as marshalling drops them. */
const stored = <Value>(value: Value): Value => JSON.parse(JSON.stringify(value)) as Value;

const bySortKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * PrivacyStore in process memory, with the DynamoDB store's semantics. It
 * shares `leads` with the in-memory lead store, as both share one table on
 * AWS: erasing here removes what that store holds. Export items have the
 * table's shape without its keys, in the table's order (history, profile, signals).
 */
export function memoryPrivacyStore(leads: MemoryLeadTable, privacy: MemoryPrivacyTable = memoryPrivacyTable()): PrivacyStore {
  let sequence = 0;

  return {
    async itemsOf(leadId) {
      const lead = leads.leads.get(leadId);
      const history = (leads.histories.get(leadId) ?? []).map((entry) => ({ entity: 'history', leadId, ...entry }));
      const signals = [...(leads.signals.get(leadId) ?? new Map()).entries()]
        .sort(([a], [b]) => bySortKey(a, b))
        .map(([, signal]) => ({ entity: 'signal', leadId, ...signal }));
      return stored([...history, ...(lead ? [{ entity: 'lead', temperature: lead.score.temperature, ...lead }] : []), ...signals]);
    },

    async erase(leadId, email, suppression, record) {
      privacy.suppressed.set(suppression.emailHash, { reason: 'erased', at: record.at });
      leads.leads.delete(leadId);
      leads.histories.delete(leadId);
      leads.signals.delete(leadId);
      // As on the table: the claim of this address goes, whichever lead it names.
      leads.emails.delete(email);
      privacy.erasures.set(leadId, stored(record));
    },

    async isSuppressed(emailHash) {
      return privacy.suppressed.has(emailHash);
    },

    async recordAudit({ at, operation, leadId, by, bySub, outcome }) {
      const entryId = String(sequence++).padStart(12, '0');
      privacy.audit.set(keys.privacyAudit(at, entryId).SK, stored({ at, operation, leadId, by, bySub, outcome }));
    },

    async auditTrail({ from, to }, limit) {
      // The table's BETWEEN on `<at>#<id>`: `from` itself in, `to` itself out.
      const inPeriod = [...privacy.audit.keys()].filter((sortKey) => sortKey >= from && sortKey <= to).sort(bySortKey);
      return { entries: inPeriod.slice(0, limit).map((sortKey) => stored(privacy.audit.get(sortKey)!)), truncated: inPeriod.length > limit };
    },
  };
}
