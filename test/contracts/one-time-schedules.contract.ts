import { describe, expect, it } from 'vitest';
import type { MemorySchedule } from '../../functions/schedules/memory-schedules.ts';
import type { OneTimeSchedules } from '../../functions/schedules/one-time-schedules.ts';

/** Schedules under test: what is still pending, and a way to let time run until a moment. */
export type SchedulesUnderTest = {
  schedules: OneTimeSchedules;
  pending(): Promise<MemorySchedule[]>;
  /** Fires every schedule due at or before `until`; what fired is what the targets received. */
  runUntil(until: Date): Promise<MemorySchedule[]>;
};

/** All in the future of the clock every adapter starts at, 2026-11-24T09:00Z. */
const deadline = { name: 'deadline-lead-1-1', at: new Date('2026-11-24T11:00:00.000Z'), target: 'first-contact-deadline', input: { leadId: 'lead-1', step: 'remind' } } as const;

/** What the core relies on from OneTimeSchedules, whichever scheduler holds them. */
export function oneTimeSchedulesContract(name: string, setUp: () => Promise<SchedulesUnderTest> | SchedulesUnderTest): void {
  describe(`OneTimeSchedules contract: ${name}`, () => {
    it('creates a schedule for its moment, target and input', async () => {
      const { schedules, pending } = await setUp();

      const answer = await schedules.scheduleOnce(deadline);

      expect(answer).toBe('created');
      expect(await pending()).toEqual([{ ...deadline, input: { leadId: 'lead-1', step: 'remind' } }]);
    });

    it('answers `exists` for a name already scheduled and keeps the first schedule', async () => {
      const { schedules, pending } = await setUp();
      await schedules.scheduleOnce(deadline);

      const answer = await schedules.scheduleOnce({ ...deadline, at: new Date('2026-11-25T11:00:00.000Z'), input: { leadId: 'lead-1', step: 'escalate' } });

      expect(answer).toBe('exists');
      expect(await pending()).toEqual([deadline]);
    });

    it('lists pending schedules by due time', async () => {
      const { schedules, pending } = await setUp();

      await schedules.scheduleOnce({ ...deadline, name: 'later', at: new Date('2026-11-26T09:00:00.000Z') });
      await schedules.scheduleOnce({ ...deadline, name: 'sooner', at: new Date('2026-11-25T09:00:00.000Z') });

      expect((await pending()).map((schedule) => schedule.name)).toEqual(['sooner', 'later']);
    });

    it('keeps whole seconds of the due time, as the at() expression does', async () => {
      const { schedules, pending } = await setUp();

      await schedules.scheduleOnce({ ...deadline, at: new Date('2026-11-24T11:00:00.750Z') });

      expect((await pending())[0]?.at).toEqual(new Date('2026-11-24T11:00:00.000Z'));
    });

    it('cancels a pending schedule, so it never fires', async () => {
      const { schedules, pending, runUntil } = await setUp();
      await schedules.scheduleOnce(deadline);

      await schedules.cancel(deadline.name);

      expect(await pending()).toEqual([]);
      expect(await runUntil(new Date('2026-11-30T00:00:00.000Z'))).toEqual([]);
    });

    it('takes cancelling a schedule that does not exist calmly', async () => {
      const { schedules } = await setUp();

      await expect(schedules.cancel('never-scheduled')).resolves.toBeUndefined();
    });

    it('lets a cancelled name be scheduled again', async () => {
      const { schedules, pending } = await setUp();
      await schedules.scheduleOnce(deadline);
      await schedules.cancel(deadline.name);

      const answer = await schedules.scheduleOnce({ ...deadline, at: new Date('2026-11-25T11:00:00.000Z') });

      expect(answer).toBe('created');
      expect((await pending()).map((schedule) => schedule.at)).toEqual([new Date('2026-11-25T11:00:00.000Z')]);
    });

    it('fires a schedule once, at its moment, and then forgets its name', async () => {
      const { schedules, pending, runUntil } = await setUp();
      await schedules.scheduleOnce(deadline);

      const early = await runUntil(new Date('2026-11-24T10:59:59.000Z'));
      const due = await runUntil(new Date('2026-11-24T12:00:00.000Z'));

      expect(early).toEqual([]);
      expect(due).toEqual([deadline]);
      expect(await pending()).toEqual([]);
      expect(await schedules.scheduleOnce(deadline)).toBe('created');
    });
  });
}
