/** mulberry32: a small, fast, seedable PRNG; the same seed gives the same sequence on every machine. */
export type Random = {
  next(): number;
  chance(p: number): boolean;
  between(min: number, max: number): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly { value: T; weight: number }[]): T;
};

export function seeded(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    chance: (p) => next() < p,
    between: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted: (items) => {
      const total = items.reduce((sum, i) => sum + i.weight, 0);
      let r = next() * total;
      for (const item of items) if ((r -= item.weight) < 0) return item.value;
      return items.at(-1)!.value;
    },
  };
  return random;
}

/** A stream of its own per (seed, key): one person's choices do not depend on the order others are processed in. */
export function streamFor(seed: number, key: string): Random {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return seeded(h >>> 0);
}
