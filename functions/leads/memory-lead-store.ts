import type { MemoryRoster } from '../reps/memory-rep-store.ts';
import { keys } from '../storage/table.ts';
import type { HistoryEntry } from './history.ts';
import type { EmailSignal, Lead } from './lead.ts';
import type { LeadStore, SpamSubmission } from './lead-store.ts';
import { ownerIndexOf } from './owner-index.ts';

/** What the store keeps: the same shape a DynamoDB read gives back, undefined fields dropped as marshalling drops them. */
const stored = <Value>(value: Value): Value => JSON.parse(JSON.stringify(value)) as Value;

/** Compares as DynamoDB compares string sort keys (for the ASCII keys Stoke writes). */
const bySortKey = <Item extends { sortKey: string }>(a: Item, b: Item) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0);

/**
 * What the in-memory lead store holds, by lead id (emails by address, signals
 * by sort key). Other in-memory adapters of the same table share it, as the
 * privacy store does to erase a lead.
 */
export type MemoryLeadTable = {
  leads: Map<string, Lead>;
  emails: Map<string, string>;
  /** Entries written at the same instant keep their write order; DynamoDB orders them by a random suffix. */
  histories: Map<string, HistoryEntry[]>;
  signals: Map<string, Map<string, EmailSignal>>;
  spam: Map<string, SpamSubmission>;
  /**
   * The ids of the leads each owner partition has held, as the owner index
   * finds them without reading every lead. A lead that moved on, or was
   * erased, stays listed and is checked against the lead as it is now.
   */
  owners: Map<string, Set<string>>;
};

export const memoryLeadTable = (): MemoryLeadTable => ({ leads: new Map(), emails: new Map(), histories: new Map(), signals: new Map(), spam: new Map(), owners: new Map() });

/**
 * LeadStore in process memory, with the DynamoDB store's semantics: every
 * write all-or-nothing, `stale` on a version (or rotation counter) that moved,
 * and reads in the order the table's keys and indexes give them.
 * `roster` is the rep store's, so an assignment moves the rep's counter with the lead;
 * `table` is shared with the other adapters that read or erase leads.
 */
export function memoryLeadStore(options: { roster?: MemoryRoster; table?: MemoryLeadTable } = {}): LeadStore {
  const roster: MemoryRoster = options.roster ?? new Map();
  const { leads, emails, histories, signals, spam, owners } = options.table ?? memoryLeadTable();

  const put = (lead: Lead) => {
    leads.set(lead.leadId, stored(lead));
    const partition = ownerIndexOf(lead)?.GSI1PK;
    if (partition === undefined) return;
    const held = owners.get(partition) ?? new Set<string>();
    held.add(lead.leadId);
    owners.set(partition, held);
  };

  const append = (leadId: string, entries: HistoryEntry[]) => {
    const history = histories.get(leadId) ?? [];
    history.push(...entries.map(stored));
    // Stable: the sort key begins with the entry's time.
    history.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    histories.set(leadId, history);
  };

  const getLead = async (leadId: string) => {
    const lead = leads.get(leadId);
    return lead && stored(lead);
  };

  const owned = (ownerId: string, prefix: string) =>
    [...(owners.get(keys.ownerPartition(ownerId)) ?? [])]
      .flatMap((leadId) => {
        const lead = leads.get(leadId);
        const index = lead && ownerIndexOf(lead);
        return lead && index?.GSI1PK === keys.ownerPartition(ownerId) && index.GSI1SK.startsWith(prefix) ? [{ sortKey: index.GSI1SK, lead }] : [];
      })
      .sort(bySortKey)
      .map(({ lead }) => stored(lead));

  const signalsIn = (leadId: string) =>
    [...(signals.get(leadId) ?? new Map<string, EmailSignal>()).entries()]
      .map(([sortKey, signal]) => ({ sortKey, signal }))
      .sort(bySortKey)
      .map(({ signal }) => stored(signal));

  return {
    get: getLead,

    async save(lead, expectedVersion, entries, rotation) {
      const current = leads.get(lead.leadId);
      if (!current || current.version !== expectedVersion) return 'stale';
      const rep = rotation && roster.get(rotation.repId);
      if (rotation && (!rep || rep.assignedCount !== rotation.seenCount)) return 'stale';
      put(lead);
      append(lead.leadId, entries);
      if (rotation && rep) roster.set(rep.repId, { ...rep, assignedCount: rotation.seenCount + 1 });
      return 'saved';
    },

    async record(leadId, entry) {
      append(leadId, [entry]);
    },

    async putSignal(leadId, signal) {
      const kept = signals.get(leadId) ?? new Map<string, EmailSignal>();
      const key = keys.signal(leadId, signal.at, signal.eventId).SK;
      if (kept.has(key)) return 'duplicate';
      kept.set(key, stored(signal));
      signals.set(leadId, kept);
      return 'new';
    },

    async reviseSignal(leadId, signal) {
      const key = keys.signal(leadId, signal.at, signal.eventId).SK;
      if (signals.get(leadId)?.has(key)) signals.get(leadId)!.set(key, stored(signal));
    },

    signalsOf: async (leadId) => signalsIn(leadId),

    async historyOf(leadId) {
      return stored(histories.get(leadId) ?? []);
    },

    async timelineOf(leadId) {
      return { history: stored(histories.get(leadId) ?? []), signals: signalsIn(leadId) };
    },

    async capturedBetween(from, to) {
      return [...leads.values()]
        .filter((lead) => lead.capturedAt >= from && lead.capturedAt < to)
        .map((lead) => ({ sortKey: keys.capturedOn(lead.leadId, lead.capturedAt).GSI3SK, lead }))
        .sort(bySortKey)
        .map(({ lead }) => stored(lead));
    },

    async redirectEmail(email, leadId) {
      emails.set(email, leadId);
    },

    ownedBy: async (ownerId) => owned(ownerId, ''),
    openLeadsOf: async (ownerId) => owned(ownerId, keys.ownedPrefix('open')),
    dueBy: async (ownerId, until) =>
      [...owned(ownerId, keys.ownedPrefix('open')), ...owned(ownerId, keys.ownedPrefix('check-in'))].filter((lead) => ownerIndexOf(lead)!.GSI1SK.split('#')[1]! <= until),

    async insert(lead, entry) {
      if (emails.has(lead.email)) return 'exists';
      // The table refuses a second lead under an id in use; ids are random, so this is a bug, not an outcome.
      if (leads.has(lead.leadId)) throw new Error(`A lead ${lead.leadId} exists already`);
      emails.set(lead.email, lead.leadId);
      put(lead);
      append(lead.leadId, [entry]);
      return 'inserted';
    },

    async findByEmail(email) {
      const leadId = emails.get(email);
      return leadId === undefined ? undefined : getLead(leadId);
    },

    async markAnnounced(leadId, at, hotEpisode) {
      const lead = leads.get(leadId);
      // Never backwards, and nothing to note on an erased lead.
      if (!lead || (lead.hotAnnounced !== undefined && lead.hotAnnounced > hotEpisode)) return;
      put({ ...lead, announcedAt: lead.announcedAt ?? at, hotAnnounced: hotEpisode, version: lead.version + 1 });
    },

    async putSpam(submission) {
      spam.set(submission.submissionId, stored(submission));
    },
  };
}

