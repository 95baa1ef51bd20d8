import type { RepFocus, RepStore, StoredRep } from './rep-store.ts';

/**
 * The reps held in memory, by id. The lead store shares it: an assignment
 * moves the rep's rotation counter in the same all-or-nothing write as the lead.
 */
export type MemoryRoster = Map<string, StoredRep>;

const copy = <Value>(value: Value): Value => structuredClone(value);

/** RepStore in process memory, with the DynamoDB store's semantics: create once, update at the expected version. */
export function memoryRepStore(roster: MemoryRoster = new Map()): RepStore {
  const focus = new Map<string, RepFocus>();
  const focusKey = (repId: string, week: string) => JSON.stringify([repId, week]);
  return {
    async get(repId) {
      const rep = roster.get(repId);
      return rep && copy(rep);
    },
    async list() {
      // The roster index sorts by rep id.
      return [...roster.values()].sort((a, b) => (a.repId < b.repId ? -1 : a.repId > b.repId ? 1 : 0)).map(copy);
    },
    async create(rep, assignedCount) {
      if (roster.has(rep.repId)) return 'exists';
      roster.set(rep.repId, { ...copy(rep), assignedCount, version: 1 });
      return 'created';
    },
    async update(rep, expectedVersion) {
      const current = roster.get(rep.repId);
      if (!current || current.version !== expectedVersion) return 'stale';
      // The roster fields only: assignedCount moves with assignments; a field left undefined keeps its value.
      const fields = Object.fromEntries(Object.entries(copy(rep)).filter(([, value]) => value !== undefined));
      roster.set(rep.repId, { ...current, ...fields, assignedCount: current.assignedCount, version: expectedVersion + 1 });
      return 'updated';
    },
    async setFocus(given) {
      focus.set(focusKey(given.repId, given.week), copy(given));
    },
    async focusOf(repId, week) {
      const found = focus.get(focusKey(repId, week));
      return found && copy(found);
    },
  };
}
