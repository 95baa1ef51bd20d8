import type { DeskConfig } from '../app/config.ts';
import type { Auth } from '../auth/auth.ts';
import type { FieldError } from './types.ts';

/** What a call to the API came to: the value, or why not, in words people can be shown. */
export type ApiResult<T> =
  | { ok: true; value: T }
  | { ok: false; status: 400; message: string; fields: FieldError[] }
  | { ok: false; status: 403 | 404 | 409 | number; message: string };

export type Api = {
  get<T>(path: string): Promise<ApiResult<T>>;
  send<T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<ApiResult<T>>;
  /** A file the API answers with (a CSV export): the body as a blob, refusals as for every call. */
  file(path: string): Promise<ApiResult<Blob>>;
};

/**
 * The desk's one way to Stoke's API: it attaches the token, sends a person
 * whose session ended to sign in again (their drafts stay in session
 * storage), and turns every refusal into a message, in one place.
 */
export function apiClient(config: DeskConfig, auth: Auth): Api {
  const call = async <T>(method: string, path: string, body?: unknown, asFile = false): Promise<ApiResult<T>> => {
    const session = auth.session();
    if (!session) return signInAgain();
    let response: Response;
    try {
      response = await fetch(`${config.apiBase}${path}`, {
        method,
        headers: { Authorization: `Bearer ${session.token}`, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      return { ok: false, status: 0, message: 'Stoke could not be reached. Check the connection and try again.' };
    }
    if (response.status === 401) return signInAgain();
    if (asFile && response.ok) return { ok: true, value: (await response.blob()) as T };
    const answer = (await response.json().catch(() => undefined)) as { message?: string; errors?: FieldError[] } | undefined;
    if (response.ok) return { ok: true, value: answer as T };
    const message = answer?.message ?? `Stoke answered ${response.status}`;
    if (response.status === 400) return { ok: false, status: 400, message, fields: answer?.errors ?? [] };
    if (response.status === 403) return { ok: false, status: 403, message: answer?.message ?? 'You may not see this.' };
    if (response.status >= 500) return { ok: false, status: response.status, message: 'Stoke could not do this just now. Please try again in a moment.' };
    return { ok: false, status: response.status, message };
  };

  // Never resolves: the page is leaving for the sign-in.
  const signInAgain = <T>() => {
    auth.signIn(location.pathname + location.search);
    return new Promise<ApiResult<T>>(() => {});
  };

  return {
    get: (path) => call('GET', path),
    send: (method, path, body) => call(method, path, body),
    file: (path) => call<Blob>('GET', path, undefined, true),
  };
}
