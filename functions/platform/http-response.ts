import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

type Headers = Record<string, string>;

export function jsonResponse(statusCode: number, body: unknown, headers: Headers = {}): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** A browser posting a plain form asks for HTML; scripts and fetch() ask for JSON or anything. */
export function wantsHtml(event: Pick<APIGatewayProxyEvent, 'headers'>): boolean {
  const accept = header(event, 'accept') ?? '';
  const html = accept.indexOf('text/html');
  const json = accept.indexOf('application/json');
  return html !== -1 && (json === -1 || html < json);
}

/** A small, self-contained page for people who posted a form without JavaScript. */
export function htmlPage(
  statusCode: number,
  page: { title: string; message: string; items?: string[] },
  headers: Headers = {},
): APIGatewayProxyResult {
  const items = page.items?.length ? `<ul>${page.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` : '';
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(page.title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2933}h1{font-size:1.5rem}</style></head><body><h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p>${items}<p><a href="javascript:history.back()">Back</a></p></body></html>`;
  return { statusCode, headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers }, body };
}

/** Header lookup as API Gateway delivers them: names in any case. */
export function header(event: Pick<APIGatewayProxyEvent, 'headers'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
