import type { APIGatewayProxyResult } from 'aws-lambda';

const style =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#1f2933}h1{font-size:1.4rem}' +
  'fieldset{border:0;padding:0;margin:0 0 1rem}legend,label{display:block;font-weight:600;margin-bottom:.3rem}fieldset div{margin:.35rem 0}fieldset label{display:inline;font-weight:400}' +
  'input[type=number],textarea{font:inherit;width:100%;box-sizing:border-box;padding:.4rem;margin-bottom:1rem}' +
  '.error{color:#b42318;font-weight:600}' +
  'button{font:inherit;padding:.6rem 1.4rem;border:0;border-radius:4px;background:#1f6feb;color:#fff;cursor:pointer}';

/**
 * For pages opened from a signed link: the token in the URL stays out of
 * caches and referrers, no script runs, and forms post back only to Stoke.
 */
export const signedLinkHeaders: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
};

/**
 * A small, self-contained page in Stoke's one shell. `body` is HTML: escape
 * whatever in it came from a lead, a rep or a request with `escapeHtml`.
 */
export function htmlResponse(statusCode: number, page: { title: string; body: string }, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(page.title)}</title><style>${style}</style></head><body>${page.body}</body></html>`,
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
