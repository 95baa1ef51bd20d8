import type { APIGatewayProxyResult } from 'aws-lambda';
import type { LeadAction } from '../handoff/action-links.ts';
import { escapeHtml } from '../platform/http-response.ts';

const style = 'body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#1f2933}h1{font-size:1.4rem}button{font:inherit;padding:.6rem 1.4rem;border:0;border-radius:4px;background:#1f6feb;color:#fff;cursor:pointer}';

const questions: Record<LeadAction, (name: string) => string> = {
  contacted: (name) => `Record that you contacted ${name}?`,
  'not-interested': (name) => `Record that ${name} is not interested?`,
  purchased: (name) => `Record that ${name} purchased?`,
};

function page(statusCode: number, title: string, body: string): APIGatewayProxyResult {
  return {
    statusCode,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      // The page carries a signed token in its URL: keep it out of caches and referrers.
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${style}</style></head><body>${body}</body></html>`,
  };
}

/**
 * Opening a link only asks: mail scanners that fetch every link change
 * nothing. The button posts back to the same address.
 */
export function confirmationPage(action: LeadAction, leadName: string): APIGatewayProxyResult {
  const question = questions[action](leadName);
  return page(200, question, `<h1>${escapeHtml(question)}</h1><form method="post"><button type="submit">Yes, record it</button></form>`);
}

export function recordedPage(action: LeadAction, leadName: string): APIGatewayProxyResult {
  const done = action === 'contacted' ? `Contact with ${leadName} recorded.` : `${leadName} recorded as ${action.replace('-', ' ')}.`;
  return page(200, 'Recorded', `<h1>${escapeHtml(done)}</h1><p>Thank you. Every contact you log keeps the lead review honest.</p>`);
}

export function refusedPage(statusCode: number, reason: string): APIGatewayProxyResult {
  return page(statusCode, 'Nothing recorded', `<h1>Nothing recorded</h1><p>${escapeHtml(reason)}</p>`);
}
