import { describe, expect, it } from 'vitest';
import type { SignIns } from '../../functions/reps/sign-ins.ts';

/** What the store behind an adapter holds for an address, as a person would find it. */
export type SignInState = { enabled: boolean; groups: string[] } | undefined;

/** What the reps use cases rely on from SignIns. `setup()` gives a fresh adapter and a way to look at its user pool. */
export function signInsContract(name: string, setup: () => Promise<{ signIns: SignIns; stateOf(email: string): Promise<SignInState> }>): void {
  describe(`SignIns contract: ${name}`, () => {
    const anna = { email: `anna.${Math.random().toString(36).slice(2)}@stoke.example`, name: 'Anna Schmidt' };

    it('invites a person into the rep group, able to sign in', async () => {
      const { signIns, stateOf } = await setup();

      const answer = await signIns.invite(anna);

      expect(answer).toBe('invited');
      expect(await stateOf(anna.email)).toEqual({ enabled: true, groups: ['rep'] });
    });

    it('answers `exists` for a retried invitation, and leaves one sign-in in the rep group', async () => {
      const { signIns, stateOf } = await setup();
      await signIns.invite(anna);

      const answer = await signIns.invite(anna);

      expect(answer).toBe('exists');
      expect(await stateOf(anna.email)).toEqual({ enabled: true, groups: ['rep'] });
    });

    it('disables and enables a sign-in, each as often as asked, by the address in any case', async () => {
      const { signIns, stateOf } = await setup();
      await signIns.invite(anna);

      expect(await signIns.disable(anna.email.toUpperCase())).toBe('disabled');
      expect(await signIns.disable(anna.email)).toBe('disabled');
      expect(await stateOf(anna.email)).toEqual({ enabled: false, groups: ['rep'] });
      expect(await signIns.enable(anna.email)).toBe('enabled');
      expect(await signIns.enable(anna.email)).toBe('enabled');
      expect(await stateOf(anna.email)).toEqual({ enabled: true, groups: ['rep'] });
    });

    it('answers `no-sign-in` for a person never invited, and invites nobody', async () => {
      const { signIns, stateOf } = await setup();

      expect(await signIns.disable('never@stoke.example')).toBe('no-sign-in');
      expect(await signIns.enable('never@stoke.example')).toBe('no-sign-in');
      expect(await stateOf('never@stoke.example')).toBeUndefined();
    });
  });
}
