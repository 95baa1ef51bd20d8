import type { APIGatewayProxyResult } from 'aws-lambda';
import { escapeHtml } from '../platform/http-response.ts';

const style = 'body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#1f2933}h1{font-size:1.4rem}button{font:inherit;padding:.6rem 1.4rem;border:0;border-radius:4px;background:#1f6feb;color:#fff;cursor:pointer}';

export function preferencePage(statusCode: number, title: string, message: string, button?: string): APIGatewayProxyResult {
  // A plain form posting back to the same address: only a person pressing it changes anything.
  const form = button ? `<form method="post"><button type="submit">${escapeHtml(button)}</button></form>` : '';
  return {
    statusCode,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${style}</style></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${form}</body></html>`,
  };
}
