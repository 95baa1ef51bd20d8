import { describe, expect, it } from 'vitest';
import type { ReviewSnapshots, WeekSummary } from '../../functions/review/review-store.ts';

const week48: WeekSummary = { week: '2026-W48', perRep: [{ repId: 'anna-schmidt', received: 12, purchased: 2, notInterested: 3, inProgress: 5, contacts: 30 }] };

/** What the weekly review relies on from ReviewSnapshots. `snapshots()` gives a fresh, empty store. */
export function reviewSnapshotsContract(name: string, snapshots: () => Promise<ReviewSnapshots> | ReviewSnapshots): void {
  describe(`ReviewSnapshots contract: ${name}`, () => {
    it('gives back the summary kept for a week', async () => {
      const store = await snapshots();

      await store.put(week48);

      expect(await store.get('2026-W48')).toEqual(week48);
    });

    it('finds nothing for a week never kept: the first review has no comparison', async () => {
      const store = await snapshots();
      await store.put(week48);

      expect(await store.get('2026-W47')).toBeUndefined();
    });

    it('keeps the latest summary of a week run twice', async () => {
      const store = await snapshots();
      await store.put(week48);
      const rerun = { ...week48, perRep: [{ ...week48.perRep[0]!, purchased: 3 }] };

      await store.put(rerun);

      expect(await store.get('2026-W48')).toEqual(rerun);
    });
  });
}
