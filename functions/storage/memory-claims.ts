import type { Claims } from './claims.ts';

/** Claims held in process memory: the same first-wins semantics as the table, for fast tests and the simulator. */
export function memoryClaims(): Claims {
  const held = new Set<string>();
  // A purpose and an id are kept apart, so ('a#b', 'c') and ('a', 'b#c') stay two claims.
  const keyOf = (purpose: string, id: string) => JSON.stringify([purpose, id]);
  return {
    async claim(purpose, id) {
      const key = keyOf(purpose, id);
      if (held.has(key)) return false;
      held.add(key);
      return true;
    },
    async release(purpose, id) {
      held.delete(keyOf(purpose, id));
    },
  };
}
