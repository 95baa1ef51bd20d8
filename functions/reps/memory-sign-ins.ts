import type { Group } from '../auth/caller.ts';
import type { SignIns } from './sign-ins.ts';

/** A sign-in as the in-memory adapter keeps it. */
export type MemorySignIn = { email: string; name: string; enabled: boolean; groups: Set<Group> };

/** SignIns in process memory, by address as the user pool compares them: without regard to case. */
export function memorySignIns(accounts: Map<string, MemorySignIn> = new Map()): SignIns & { accounts: Map<string, MemorySignIn> } {
  const key = (email: string) => email.toLowerCase();
  const setEnabled = async (email: string, enabled: boolean) => {
    const account = accounts.get(key(email));
    if (!account) return 'no-sign-in' as const;
    account.enabled = enabled;
    return 'found' as const;
  };
  return {
    accounts,
    async invite({ email, name }) {
      const existing = accounts.get(key(email));
      if (existing) {
        existing.groups.add('rep');
        return 'exists';
      }
      accounts.set(key(email), { email: key(email), name, enabled: true, groups: new Set(['rep']) });
      return 'invited';
    },
    async disable(email) {
      return (await setEnabled(email, false)) === 'found' ? 'disabled' : 'no-sign-in';
    },
    async enable(email) {
      return (await setEnabled(email, true)) === 'found' ? 'enabled' : 'no-sign-in';
    },
  };
}
