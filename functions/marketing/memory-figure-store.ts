import { type DayFigures, type FigureStore, tallyWrites } from './figure-store.ts';

/** A figures item as the table holds it: counters, or a sample written whole. */
type StoredItem = { counts: Map<string, number> } | { sample: string };

/** Figures in process memory: the same once-per-key, all-or-nothing semantics as the table, for fast tests and the simulator. */
export function memoryFigureStore(): FigureStore {
  const counted = new Set<string>();
  const byDay = new Map<string, Map<string, StoredItem>>();
  const dayOf = (day: string) => byDay.get(day) ?? byDay.set(day, new Map()).get(day)!;
  return {
    async record(tally) {
      // Checked before anything is written, so a refused tally leaves nothing behind, as a cancelled transaction does.
      const { adds, samples } = tallyWrites(tally);
      if (counted.has(tally.key)) return 'already counted';
      counted.add(tally.key);
      for (const { day, item, counts } of adds) {
        const existing = dayOf(day).get(item);
        // Adding to a sample's item starts its counters from nothing, as ADD does on the table.
        const kept = existing && 'counts' in existing ? existing.counts : new Map<string, number>();
        for (const [name, count] of Object.entries(counts)) kept.set(name, (kept.get(name) ?? 0) + count);
        dayOf(day).set(item, { counts: kept });
      }
      for (const { day, item, sample } of samples) dayOf(day).set(item, { sample });
      return 'counted';
    },
    async days(days) {
      return days.map((day): DayFigures => {
        const items = [...(byDay.get(day) ?? [])];
        return {
          day,
          counts: Object.fromEntries(items.flatMap(([item, kept]) => ('counts' in kept ? [[item, Object.fromEntries(kept.counts)]] : []))),
          samples: Object.fromEntries(items.flatMap(([item, kept]) => ('sample' in kept ? [[item, kept.sample]] : []))),
        };
      });
    },
  };
}
