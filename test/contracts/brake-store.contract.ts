import { describe, expect, it } from 'vitest';
import type { BrakeStore, Paused } from '../../functions/sending/brake-store.ts';

export const paused: Paused = {
  pause: true,
  because: 'bounces',
  sends: 100,
  bounces: { count: 6, rate: 0.06, threshold: 0.03 },
  complaints: { count: 0, rate: 0, threshold: 0.0008 },
  at: '2026-11-24T09:00:00.000Z',
  windowDays: 7,
  leads: { bounced: ['lead-1', 'lead-2'], complained: [] },
  eventId: 'ses-event-7',
};

/** What the core relies on from a BrakeStore, whichever adapter keeps it. `store()` gives a fresh, empty one. */
export function brakeStoreContract(name: string, store: () => Promise<BrakeStore> | BrakeStore): void {
  describe(`BrakeStore contract: ${name}`, () => {
    it('runs until paused, and a pause keeps its figures', async () => {
      const brake = await store();

      expect(await brake.state('marketing')).toEqual({ status: 'running' });
      expect(await brake.pause('marketing', paused)).toBe('paused');
      expect(await brake.state('marketing')).toEqual({ status: 'paused', paused });
    });

    it('lets exactly one of many concurrent pauses win, so the managers are told once', async () => {
      const brake = await store();

      const answers = await Promise.all(Array.from({ length: 6 }, () => brake.pause('marketing', paused)));

      expect(answers.filter((answer) => answer === 'paused')).toHaveLength(1);
    });

    it('resumes once, remembering who resumed what', async () => {
      const brake = await store();
      await brake.pause('marketing', paused);

      const answers = [await brake.resume('marketing', 'manager-1', '2026-11-24T10:00:00.000Z'), await brake.resume('marketing', 'manager-2', '2026-11-24T10:01:00.000Z')];

      expect(answers).toEqual(['resumed', 'not paused']);
      expect(await brake.state('marketing')).toEqual({ status: 'running', resumed: { by: 'manager-1', at: '2026-11-24T10:00:00.000Z', paused } });
    });

    it('can pause again after a resume', async () => {
      const brake = await store();
      await brake.pause('marketing', paused);
      await brake.resume('marketing', 'manager-1', '2026-11-24T10:00:00.000Z');

      expect(await brake.pause('marketing', { ...paused, at: '2026-11-25T09:00:00.000Z' })).toBe('paused');
    });

    it('keeps the streams apart', async () => {
      const brake = await store();
      await brake.pause('marketing', paused);
      await brake.hold('marketing', { leadId: 'lead-1', kind: 'step', seq: 3, at: '2026-11-24T09:05:00.000Z' });

      expect(await brake.state('team')).toEqual({ status: 'running' });
      expect(await brake.held('team')).toEqual([]);
    });

    it('keeps one waiting send per lead, the latest, oldest lead first, until released', async () => {
      const brake = await store();
      await brake.hold('marketing', { leadId: 'lead-2', kind: 'enrolment', at: '2026-11-24T09:06:00.000Z' });
      await brake.hold('marketing', { leadId: 'lead-1', kind: 'step', seq: 3, at: '2026-11-24T09:05:00.000Z' });
      await brake.hold('marketing', { leadId: 'lead-1', kind: 'step', seq: 3, at: '2026-11-24T09:05:00.000Z' });

      expect(await brake.held('marketing')).toEqual([
        { leadId: 'lead-1', kind: 'step', seq: 3, at: '2026-11-24T09:05:00.000Z' },
        { leadId: 'lead-2', kind: 'enrolment', at: '2026-11-24T09:06:00.000Z' },
      ]);

      await brake.release('marketing', 'lead-1');
      await brake.release('marketing', 'lead-1');

      expect((await brake.held('marketing')).map((held) => held.leadId)).toEqual(['lead-2']);
    });
  });
}
