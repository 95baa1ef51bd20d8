/**
 * Marketing's figures, kept as the events happen: counters in one item per
 * day and subject (a track's step, a source, the machine filter, consent),
 * so reading a period costs one query per day, whatever the number of leads
 * or emails. A happening is counted under its own key, once, however often
 * AWS delivers it.
 */

/** The UTC day (YYYY-MM-DD) a count belongs to, and the item of that day it adds to. */
export type FigureItem = { day: string; item: string };

/** What one happening adds, all or nothing. */
export type Tally = {
  /** Names the happening: a second tally under the same key adds nothing. */
  key: string;
  adds: Array<FigureItem & { counts: Record<string, number> }>;
  /** Items written whole (a sample of a filtered signal): the same key writes the same sample again. */
  samples?: Array<FigureItem & { sample: string }>;
};

/** Every item of one day: counters by item and name, and the samples kept that day. */
export type DayFigures = {
  day: string;
  counts: Record<string, Record<string, number>>;
  samples: Record<string, string>;
};

export type FigureStore = {
  /** Adds the tally unless its key was counted before; concurrent tallies on the same items lose nothing. */
  record(tally: Tally): Promise<'counted' | 'already counted'>;
  /** The figures of each day asked for, in the order asked; a day nothing happened on has empty figures. */
  days(days: readonly string[]): Promise<DayFigures[]>;
};

/** One DynamoDB transaction writes at most 100 items, and the tally's key takes one of them. */
export const maxTallyItems = 99;

/**
 * The items a tally writes, each once: its adds to one item merged, its samples
 * as given. Both adapters go through it, so a tally the table could not write in
 * one transaction fails in memory too, with the same message.
 */
export function tallyWrites(tally: Tally): Pick<Tally, 'adds'> & { samples: NonNullable<Tally['samples']> } {
  // A day and an item are kept apart, so ('a#b', 'c') and ('a', 'b#c') stay two items.
  const itemOf = ({ day, item }: FigureItem) => JSON.stringify([day, item]);
  const adds = new Map<string, FigureItem & { counts: Map<string, number> }>();
  for (const { day, item, counts } of tally.adds) {
    const written = itemOf({ day, item });
    const merged = adds.get(written) ?? { day, item, counts: new Map<string, number>() };
    for (const [name, count] of Object.entries(counts)) merged.counts.set(name, (merged.counts.get(name) ?? 0) + count);
    adds.set(written, merged);
  }
  const samples = tally.samples ?? [];
  const sampled = new Set(samples.map(itemOf));
  if (sampled.size < samples.length || samples.some((sample) => adds.has(itemOf(sample)))) {
    throw new Error(`Tally ${tally.key} writes one item twice: a sample's item must be sampled once and counted in by no add`);
  }
  if (adds.size + samples.length > maxTallyItems) {
    throw new Error(`Tally ${tally.key} writes ${adds.size + samples.length} items; one tally writes at most ${maxTallyItems}`);
  }
  return { adds: [...adds.values()].map(({ counts, ...at }) => ({ ...at, counts: Object.fromEntries(counts) })), samples };
}
