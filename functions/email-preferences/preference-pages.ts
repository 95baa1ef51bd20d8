import type { APIGatewayProxyResult } from 'aws-lambda';
import { escapeHtml, htmlResponse, signedLinkHeaders } from '../platform/html-page.ts';

export function preferencePage(statusCode: number, title: string, message: string, button?: string): APIGatewayProxyResult {
  // A plain form posting back to the same address: only a person pressing it changes anything.
  const form = button ? `<form method="post"><button type="submit">${escapeHtml(button)}</button></form>` : '';
  return htmlResponse(statusCode, { title, body: `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${form}` }, signedLinkHeaders);
}
