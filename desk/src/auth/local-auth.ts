import { type Auth, safeReturnPath, userOfToken } from './auth.ts';

const tokenKey = 'stoke-desk:local-token';

/** Local mode: a development token from `POST /_local/sign-in`, kept for this tab only. */
export function localAuth(): Auth {
  return {
    mode: 'local',
    session() {
      const token = sessionStorage.getItem(tokenKey);
      const user = token ? userOfToken(token) : undefined;
      if (!token || !user || user.exp * 1000 <= Date.now()) return undefined;
      return { token, user: { email: user.email, groups: user.groups } };
    },
    signIn(returnTo) {
      sessionStorage.removeItem(tokenKey);
      location.assign(`/desk/sign-in?return=${encodeURIComponent(safeReturnPath(returnTo))}`);
    },
    async signOut() {
      sessionStorage.removeItem(tokenKey);
      location.assign('/desk/sign-in');
    },
  };
}

/** Signs in as one of the people the local runtime seeds. */
export async function localSignIn(email: string): Promise<void> {
  const response = await fetch('/_local/sign-in', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email }) });
  if (!response.ok) throw new Error(((await response.json().catch(() => ({}))) as { message?: string }).message ?? `Sign-in failed (${response.status})`);
  const { token } = (await response.json()) as { token: string };
  sessionStorage.setItem(tokenKey, token);
}

export type LocalPerson = { name: string; email: string; groups: string[]; team: string };

export async function localPeople(): Promise<LocalPerson[]> {
  const response = await fetch('/_local/people');
  if (!response.ok) throw new Error(`The seeded people could not be read (${response.status})`);
  return ((await response.json()) as { people: LocalPerson[] }).people;
}
