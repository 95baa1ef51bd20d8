import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { LocalRoute } from './api-server.ts';

const distDir = fileURLToPath(new URL('../../desk/dist/', import.meta.url));

/**
 * The headers CloudFront's response headers policy sends with the desk, so
 * that what works locally works there: no inline script, nothing framed.
 */
export const deskSecurityHeaders = {
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const;

/** What the desk reads at start locally: the API at this origin's root, development sign-in. */
export const localDeskConfig = { apiBase: '', auth: { mode: 'local' } } as const;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * Serves the built desk (`npm run desk:build`, run by `npm start` and `npm test`)
 * at /desk/ from the API's origin: files as they are, `index.html` for any other
 * path under /desk/ (the desk routes in the browser), and `config.json`.
 */
export function localDeskFiles(): LocalRoute {
  return async ({ method, url }) => {
    const path = url.pathname;
    if (path !== '/desk' && !path.startsWith('/desk/')) return undefined;
    if (method !== 'GET' && method !== 'HEAD') return answer(405, 'text/plain; charset=utf-8', 'The desk is read with GET');
    if (path === '/desk') return { statusCode: 301, headers: { Location: '/desk/', ...deskSecurityHeaders }, body: '' };
    if (path === '/desk/config.json') return answer(200, contentTypes['.json']!, JSON.stringify(localDeskConfig), 'no-store');

    const relative = normalize(decodeURIComponent(path.slice('/desk/'.length)));
    const file = join(distDir, relative);
    const isAsset = relative.startsWith(`assets${sep}`);
    if (file.startsWith(distDir) && extname(relative) && relative !== 'index.html') {
      const body = await readFile(file).catch(() => undefined);
      // Hashed names never change: kept a year; a missing asset is a 404, never the page.
      if (body) return answer(200, contentTypes[extname(relative)] ?? 'application/octet-stream', body, isAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
      if (isAsset) return answer(404, 'text/plain; charset=utf-8', 'Not found');
    }
    const page = await readFile(join(distDir, 'index.html')).catch(() => undefined);
    if (!page) return answer(503, 'text/plain; charset=utf-8', 'The desk is not built: run `npm run desk:build` (npm start and npm test build it first).');
    return answer(200, contentTypes['.html']!, page, 'no-cache');
  };
}

function answer(statusCode: number, contentType: string, body: string | Buffer, cacheControl?: string): APIGatewayProxyResult {
  const binary = typeof body !== 'string';
  return {
    statusCode,
    headers: { 'Content-Type': contentType, ...(cacheControl ? { 'Cache-Control': cacheControl } : {}), ...deskSecurityHeaders },
    body: binary ? body.toString('base64') : body,
    isBase64Encoded: binary,
  };
}
