import type { DayFigures } from './figure-store.ts';

/** Counters added up across days, per item. */
export type ItemSums = Map<string, Record<string, number>>;

/** Adds up the counters of the items `pick` selects, grouped by the key it gives (undefined skips the item). */
export function sumItems(days: readonly DayFigures[], pick: (item: string, day: string) => string | undefined): ItemSums {
  const sums: ItemSums = new Map();
  for (const { day, counts } of days) {
    for (const [item, values] of Object.entries(counts)) {
      const key = pick(item, day);
      if (key === undefined) continue;
      const sum = sums.get(key) ?? {};
      for (const [name, value] of Object.entries(values)) sum[name] = (sum[name] ?? 0) + value;
      sums.set(key, sum);
    }
  }
  return sums;
}

/** The counters whose names begin with `prefix:`, by the rest of the name. */
export function byPrefix(counts: Record<string, number>, prefix: string): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counts)
      .filter(([name]) => name.startsWith(`${prefix}:`))
      .map(([name, value]) => [name.slice(prefix.length + 1), value]),
  );
}

/** `part` of `whole`, or null when there is no whole to divide. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
