import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { escapeHtml, htmlResponse } from './html-page.ts';

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

/** The page for people who posted a form without JavaScript. */
export function htmlPage(
  statusCode: number,
  page: { title: string; message: string; items?: string[] },
  headers: Headers = {},
): APIGatewayProxyResult {
  const items = page.items?.length ? `<ul>${page.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` : '';
  const body = `<h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p>${items}<p><a href="javascript:history.back()">Back</a></p>`;
  // Not signedLinkHeaders: its policy would block the script behind the Back link.
  return htmlResponse(statusCode, { title: page.title, body }, headers);
}

/** Header lookup as API Gateway delivers them: names in any case. */
export function header(event: Pick<APIGatewayProxyEvent, 'headers'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}
