import { describe, expect, it } from 'vitest';
import { type Claims, once } from '../../functions/storage/claims.ts';

/** What the core relies on from Claims, whichever adapter holds them. `claims()` gives a fresh, empty set. */
export function claimsContract(name: string, claims: () => Promise<Claims> | Claims): void {
  describe(`Claims contract: ${name}`, () => {
    it('lets the first claim of an id win and refuses every later one', async () => {
      const store = await claims();

      const answers = [await store.claim('handoff-email', 'lead-1'), await store.claim('handoff-email', 'lead-1'), await store.claim('handoff-email', 'lead-1')];

      expect(answers).toEqual([true, false, false]);
    });

    it('lets exactly one of many concurrent claims win', async () => {
      const store = await claims();

      const answers = await Promise.all(Array.from({ length: 8 }, () => store.claim('handoff-email', 'lead-race')));

      expect(answers.filter(Boolean)).toHaveLength(1);
    });

    it.each([
      { case: 'another id, same purpose', other: ['handoff-email', 'lead-2'] },
      { case: 'another purpose, same id', other: ['deadline-reminder', 'lead-1'] },
    ] as const)('keeps claims apart: $case', async ({ other }) => {
      const store = await claims();
      await store.claim('handoff-email', 'lead-1');

      const answer = await store.claim(other[0], other[1]);

      expect(answer).toBe(true);
    });

    it('gives a released claim back for the retry', async () => {
      const store = await claims();
      await store.claim('handoff-email', 'lead-1');

      await store.release('handoff-email', 'lead-1');

      expect(await store.claim('handoff-email', 'lead-1')).toBe(true);
    });

    it('takes releasing a claim nobody holds calmly', async () => {
      const store = await claims();

      await store.release('handoff-email', 'never-claimed');

      expect(await store.claim('handoff-email', 'never-claimed')).toBe(true);
    });

    it('does the work of `once` a single time, and again after a failed attempt', async () => {
      const store = await claims();
      let done = 0;
      const failing = once(store, 'handoff-email', 'lead-1', async () => {
        throw new Error('SES unavailable');
      });
      await expect(failing).rejects.toThrow('SES unavailable');

      await once(store, 'handoff-email', 'lead-1', async () => void done++);
      await once(store, 'handoff-email', 'lead-1', async () => void done++);

      expect(done).toBe(1);
    });
  });
}
