import { describe, expect, it } from 'vitest';
import type { RepStore } from '../../functions/reps/rep-store.ts';
import type { Rep } from '../../functions/routing/rep.ts';
import { annaSchmidt } from '../support/anna-schmidt.ts';

// Weight 2 and a region: the store must keep every field as given.
const anna = annaSchmidt({ territories: [{ country: 'DE' }, { country: 'AT', region: 'Wien' }], weight: 2 });
const kai: Rep = { ...anna, repId: 'kai-berg', name: 'Kai Berg', email: 'kai.berg@stoke.example', territories: [] };
const ben: Rep = { ...anna, repId: 'ben-ott', name: 'Ben Ott', email: 'ben.ott@stoke.example', team: 'desk' };

/** What the core relies on from a RepStore, whichever adapter holds the reps. `store()` gives a fresh, empty one. */
export function repStoreContract(name: string, store: () => Promise<RepStore> | RepStore): void {
  describe(`RepStore contract: ${name}`, () => {
    it('creates a rep at version 1 with the rotation count given', async () => {
      const reps = await store();

      const answer = await reps.create(anna, 7);

      expect(answer).toBe('created');
      expect(await reps.get(anna.repId)).toEqual({ ...anna, assignedCount: 7, version: 1 });
    });

    it('answers `exists` for a rep id taken, and keeps the first rep', async () => {
      const reps = await store();
      await reps.create(anna, 7);

      const answer = await reps.create({ ...anna, name: 'Someone Else' }, 0);

      expect(answer).toBe('exists');
      expect(await reps.get(anna.repId)).toEqual({ ...anna, assignedCount: 7, version: 1 });
    });

    it('finds no rep that was never created', async () => {
      const reps = await store();

      expect(await reps.get('nobody')).toBeUndefined();
    });

    it('lists the whole roster by rep id', async () => {
      const reps = await store();
      for (const rep of [kai, anna, ben]) await reps.create(rep, 0);

      const roster = await reps.list();

      expect(roster.map((rep) => rep.repId)).toEqual(['anna-schmidt', 'ben-ott', 'kai-berg']);
      expect(roster[0]).toEqual({ ...anna, assignedCount: 0, version: 1 });
    });

    it('updates the roster fields at the expected version, moving the version on and keeping the rotation count', async () => {
      const reps = await store();
      await reps.create(anna, 7);

      const answer = await reps.update({ ...anna, active: false, capacity: 5, territories: [{ country: 'CH' }] }, 1);

      expect(answer).toBe('updated');
      expect(await reps.get(anna.repId)).toEqual({ ...anna, active: false, capacity: 5, territories: [{ country: 'CH' }], assignedCount: 7, version: 2 });
    });

    it('refuses an update read before someone else changed the rep: `stale`, nothing written', async () => {
      const reps = await store();
      await reps.create(anna, 0);
      await reps.update({ ...anna, capacity: 10 }, 1);

      const answer = await reps.update({ ...anna, capacity: 30 }, 1);

      expect(answer).toBe('stale');
      expect(await reps.get(anna.repId)).toMatchObject({ capacity: 10, version: 2 });
    });

    it('answers `stale` for an update of a rep that does not exist, and creates nothing', async () => {
      const reps = await store();

      const answer = await reps.update(anna, 1);

      expect(answer).toBe('stale');
      expect(await reps.get(anna.repId)).toBeUndefined();
    });

    it("keeps a manager's focus for a rep's week, the latest one given, apart from other weeks and the roster", async () => {
      const reps = await store();
      await reps.create(anna, 0);
      const focus = { repId: anna.repId, week: '2026-W48', items: ['Call back within the hour'], setBy: 'maria-keller', at: '2026-11-23T08:00:00.000Z' };

      await reps.setFocus(focus);
      await reps.setFocus({ ...focus, items: ['Call back within the hour', 'Log every call'], at: '2026-11-23T09:00:00.000Z' });

      expect(await reps.focusOf(anna.repId, '2026-W48')).toEqual({ ...focus, items: ['Call back within the hour', 'Log every call'], at: '2026-11-23T09:00:00.000Z' });
      expect(await reps.focusOf(anna.repId, '2026-W49')).toBeUndefined();
      expect((await reps.list()).map((rep) => rep.repId)).toEqual([anna.repId]);
    });

    it('hands out copies: changing what was read changes nothing stored', async () => {
      const reps = await store();
      await reps.create(anna, 0);

      const read = await reps.get(anna.repId);
      read!.territories.push({ country: 'FR' });

      expect((await reps.get(anna.repId))?.territories).toEqual(anna.territories);
    });
  });
}
