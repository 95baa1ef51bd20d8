import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../functions/tokens/signed-token.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { readTable } from '../support/table-reader.ts';

let runtime: LocalRuntime;
let leadId: string;
let genuine: string;

beforeAll(async () => {
  // Monday morning in Berlin: a hot lead goes to Anna with one-click links in her email.
  runtime = await startTestRuntime('hostile-links', new Date('2026-11-23T08:00:00Z'));
  const response = await fetch(`${runtime.apiUrl}/leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'dana@weber-maschinenbau.de', firstName: 'Dana', country: 'DE', budget: '250k-plus', authority: 'decision-maker', timeline: 'now' }),
  });
  leadId = ((await response.json()) as { leadId: string }).leadId;
  await runtime.settle();
  const { emails } = (await (await fetch(`${runtime.sesViewerUrl}store`)).json()) as { emails: Array<{ body: { html: string } }> };
  genuine = /\/actions\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(emails[0]!.body.html)![1]!;
});
afterAll(() => runtime?.stop());

const leadState = async () => {
  const items = await readTable(runtime.dynamodbEndpoint, runtime.tableName);
  const lead = items.find((i) => i.entity === 'lead' && i.leadId === leadId)!;
  return { status: lead.status, version: lead.version, history: items.filter((i) => i.entity === 'history' && i.leadId === leadId).length };
};

// Each built from the genuine token of Anna's "I contacted them" link.
const forgeries: Array<{ name: string; token: () => string }> = [
  { name: 'a word', token: () => 'hello' },
  { name: 'three parts', token: () => `${genuine}.extra` },
  { name: 'the signature alone', token: () => `.${genuine.split('.')[1]}` },
  { name: 'one character of the signature changed', token: () => genuine.slice(0, -1) + (genuine.endsWith('A') ? 'B' : 'A') },
  {
    name: 'another lead in the payload, the signature kept',
    token: () => {
      const [body, signature] = genuine.split('.') as [string, string];
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
      return `${Buffer.from(JSON.stringify({ ...payload, leadId: 'someone-else' })).toString('base64url')}.${signature}`;
    },
  },
  {
    name: 'a longer life in the payload, the signature kept',
    token: () => {
      const [body, signature] = genuine.split('.') as [string, string];
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { exp: number };
      return `${Buffer.from(JSON.stringify({ ...payload, exp: payload.exp + 365 * 86_400 })).toString('base64url')}.${signature}`;
    },
  },
  {
    name: 'a well-formed token signed with another key',
    token: () => signToken({ ...(JSON.parse(Buffer.from(genuine.split('.')[0]!, 'base64url').toString('utf8')) as { purpose: string; exp: number }) }, randomBytes(32)),
  },
  { name: 'not base64url', token: () => '%F0%9F%92%A9.%00' },
  { name: 'very long', token: () => `${'a'.repeat(4000)}.${'b'.repeat(43)}` },
];

describe('forged and misused link tokens', () => {
  it.each(forgeries)('refuses $name on every link route and changes nothing', async ({ token }) => {
    const before = await leadState();
    const value = encodeURIComponent(token());
    for (const path of [`/actions/${value}`, `/email/unsubscribe/${value}`, `/email/confirm/${value}`]) {
      for (const method of ['GET', 'POST']) {
        const response = await fetch(`${runtime.apiUrl}${path}`, { method, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: method === 'POST' ? 'channel=call' : undefined });
        expect(`${method} ${path.split('/')[1]} ${response.status}`).toMatch(/ 400$/);
      }
    }
    await runtime.settle();
    expect(await leadState()).toEqual(before);
  });

  it('refuses a genuine link on a route made for another purpose', async () => {
    const before = await leadState();
    for (const path of [`/email/unsubscribe/${genuine}`, `/email/confirm/${genuine}`]) {
      expect((await fetch(`${runtime.apiUrl}${path}`, { method: 'POST' })).status).toBe(400);
    }
    expect(await leadState()).toEqual(before);
  });

  it('answers 410 for a genuine link past its 14 days, and records nothing', async () => {
    const before = await leadState();
    await runtime.advance(15 * 86_400_000);
    await runtime.settle();
    const after = await leadState();

    const response = await fetch(`${runtime.apiUrl}/actions/${genuine}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'channel=call' });
    expect(response.status).toBe(410);
    await runtime.settle();
    // Only what the clock did (deadline reminders, a reassignment) changed the lead, not the link.
    expect((await leadState()).version).toBe(after.version);
    expect(after.version).toBeGreaterThanOrEqual(before.version);
  });
});

describe('the capture redirect is never an open redirect', () => {
  const post = (redirect: string, n: number) =>
    fetch(`${runtime.apiUrl}/leads`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: `redirect-${n}-${Date.now()}@acme.com`, redirect }).toString(),
    });

  it.each([
    { redirect: '//evil.example/phish' },
    { redirect: 'https:evil.example' },
    { redirect: '/\\evil.example' },
    { redirect: '\\\\evil.example' },
    { redirect: 'javascript:alert(1)' },
    { redirect: 'JaVaScRiPt:alert(1)' },
    { redirect: 'data:text/html,<script>alert(1)</script>' },
    { redirect: 'http://localhost@evil.example/' },
    { redirect: 'http://evil.example\\@localhost/' },
    { redirect: 'http://evil.example#@localhost' },
    { redirect: 'http://localhost.evil.example/' },
    { redirect: 'http://evil.example/?next=http://localhost/' },
    { redirect: ' http://evil.example' },
    { redirect: 'http://%65vil.example/' },
    { redirect: 'ftp://localhost/' },
  ])('refuses $redirect with 400, no Location and no lead stored', async ({ redirect }) => {
    const before = (await readTable(runtime.dynamodbEndpoint, runtime.tableName)).filter((i) => i.entity === 'lead').length;
    const response = await post(redirect, 1);

    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    await runtime.settle();
    expect((await readTable(runtime.dynamodbEndpoint, runtime.tableName)).filter((i) => i.entity === 'lead').length).toBe(before);
  });

  it.each([
    { redirect: 'http://localhost/thanks', location: 'http://localhost/thanks' },
    { redirect: 'HTTP://LOCALHOST/thanks?from=form', location: 'http://localhost/thanks?from=form' },
    { redirect: 'http://localhost:8080/thanks', location: 'http://localhost:8080/thanks' },
  ])('sends people back to an allowed host: $redirect', async ({ redirect, location }) => {
    const response = await post(redirect, 2);

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(location);
  });
});
