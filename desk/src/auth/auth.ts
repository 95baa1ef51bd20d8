import type { DeskConfig } from '../app/config.ts';

/** Who is signed in, as their token says: everything the rest of the desk knows about auth. */
export type CurrentUser = { email: string; groups: string[] };

export type Session = { user: CurrentUser; token: string };

export type Auth = {
  mode: DeskConfig['auth']['mode'];
  /** The signed-in person and their bearer token; undefined when nobody is (or the token expired). */
  session(): Session | undefined;
  /** Sends the person to sign in, coming back to `returnTo` (a path under /desk/) afterwards. */
  signIn(returnTo: string): void;
  signOut(): Promise<void>;
};

/**
 * The desk's sign-in for this environment: development tokens locally,
 * Cognito's managed login in AWS (its library is loaded only there).
 * Resolves with where to go when the page is the end of a sign-in.
 */
export async function startAuth(config: DeskConfig): Promise<{ auth: Auth; returnTo?: string }> {
  if (config.auth.mode === 'cognito') {
    const { cognitoAuth } = await import('./cognito-auth.ts');
    return cognitoAuth(config.auth);
  }
  const { localAuth } = await import('./local-auth.ts');
  return { auth: localAuth() };
}

/** The claims of an ID token the desk shows (it never trusts them: the API checks the token). */
export function userOfToken(token: string): (CurrentUser & { exp: number }) | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const json = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    if (typeof json.email !== 'string' || typeof json.exp !== 'number') return undefined;
    const groups = Array.isArray(json['cognito:groups']) ? json['cognito:groups'].map(String) : [];
    return { email: json.email, groups, exp: json.exp };
  } catch {
    return undefined;
  }
}

/** Only paths of the desk are places to come back to: never another site. */
export function safeReturnPath(path: string | null | undefined): string {
  return path && path.startsWith('/desk/') && !path.startsWith('//') ? path : '/desk/';
}
