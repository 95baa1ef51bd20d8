import type { LocalRuntime } from '../../infra/local/runtime.ts';

/** An answer of the local API: its status, and its body as JSON when it is JSON, else as text. */
export type ApiAnswer = { status: number; body: any };

/**
 * Calls the local runtime's API as a browser or script would, with a bearer
 * token when given, and waits until everything the call set off (events,
 * their handlers) has finished, so that a test reads a settled pipeline.
 */
export function localApi(runtime: () => LocalRuntime) {
  return async (method: string, path: string, token?: string, body?: unknown): Promise<ApiAnswer> => {
    const response = await fetch(`${runtime().apiUrl}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    await runtime().settle();
    const text = await response.text();
    return { status: response.status, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
  };
}
