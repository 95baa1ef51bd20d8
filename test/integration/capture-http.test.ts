import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { partialLeads, readTable } from '../support/table-reader.ts';

let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime('capture');
});
afterAll(() => runtime?.stop());

const postJson = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${runtime.apiUrl}/leads`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

const postForm = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${runtime.apiUrl}/leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields),
    redirect: 'manual',
  });

type Answer = { leadId: string; temperature: string };
const answer = async (response: Response) => (await response.json()) as Answer;
const unique = (name: string) => `${name}-${crypto.randomUUID().slice(0, 8)}@acme-industries.com`;
const itemsOf = async (leadId: string) => (await readTable(runtime.dynamodbEndpoint, runtime.tableName)).filter((i) => i.leadId === leadId);

describe('POST /leads over HTTP, stored in DynamoDB Local', () => {
  it('stores a JSON lead once, scored and explained, and announces it', async () => {
    const email = unique('Dana.CFO');

    const response = await postJson({ email: ` ${email.toUpperCase()} `, authority: 'decision-maker', budget: '250k-plus', timeline: 'now', consent: true, formId: 'pricing', utm_source: 'google', secretField: 'dropped' });
    await runtime.settle();

    expect(response.status).toBe(201);
    const { leadId, temperature } = await answer(response);
    expect(temperature).toBe('hot');
    const items = await itemsOf(leadId);
    const lead = items.find((i) => i.entity === 'lead');
    // Hot at capture: by the time deliveries settle, sales has it.
    expect(lead).toMatchObject({ email: email.toLowerCase(), status: 'assigned', temperature: 'hot', firstTouch: { formId: 'pricing', utmSource: 'google' } });
    expect(lead?.score.breakdown.map((l: { rule: string }) => l.rule)).toEqual(['budget', 'authority', 'timeline', 'company-email']);
    expect(lead?.consent).toMatchObject({ textVersion: '2026-11-01', formId: 'pricing', ip: '127.0.0.1' });
    expect(JSON.stringify(lead)).not.toContain('secretField');
    expect(lead?.announcedAt).toBeDefined();
    expect(items.filter((i) => i.entity === 'history').map((h) => h.type).sort()).toEqual(['assigned', 'captured', 'handoff-emailed']);
    const announced = runtime.bus.events.filter((e) => e['detail-type'] === 'lead.captured' && (e.detail as { leadId: string }).leadId === leadId);
    expect(announced).toHaveLength(1);
    expect(announced[0]).toMatchObject({ source: 'stoke.leads', 'event-bus-name': 'stoke', detail: { temperature: 'hot', consent: true } });
  });

  it('merges a repeat form submission into the same lead, keeping the first touch', async () => {
    const email = unique('ann');
    const first = await postForm({ email, firstName: 'Ann', authority: 'influencer', timeline: '6m', consent: 'yes', utm_campaign: 'spring' });
    const { leadId } = await answer(first);

    const second = await postForm({ email, company: 'Acme', timeline: 'now', utm_campaign: 'webinar', firstName: '' });

    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect((await answer(second)).leadId).toBe(leadId);
    // Enrolment runs on lead.captured meanwhile: read the lead once everything set off has finished.
    await runtime.settle();
    const items = await itemsOf(leadId);
    const lead = items.find((i) => i.entity === 'lead');
    expect(lead?.profile).toMatchObject({ firstName: 'Ann', company: 'Acme', timeline: 'now', authority: 'influencer' });
    expect(lead?.firstTouch.utmCampaign).toBe('spring');
    expect(lead?.lastTouch.utmCampaign).toBe('webinar');
    expect(lead?.consent).toBeDefined();
    expect(lead?.score.breakdown.map((l: { rule: string }) => l.rule)).toContain('re-inquiry');
    // No country: double opt-in, so enrolment asked for a confirmation.
    expect(items.filter((i) => i.entity === 'history').map((h) => h.type).sort()).toEqual(['captured', 'nurture-confirmation-sent', 're-inquired']);
    expect(runtime.bus.events.filter((e) => (e.detail as { leadId: string }).leadId === leadId).map((e) => e['detail-type'])).toEqual(['lead.captured', 'lead.reinquired']);
  });

  it('makes one lead of identical submissions sent at the same moment, each answered as the first was', async () => {
    const email = unique('twin');

    const responses = await Promise.all(Array.from({ length: 8 }, () => postJson({ email, authority: 'user' })));

    // A double-click is a retry of one submission: the person sees what the first post got.
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    const leadIds = new Set(await Promise.all(responses.map(async (r) => (await answer(r)).leadId)));
    expect(leadIds.size).toBe(1);
    const items = (await readTable(runtime.dynamodbEndpoint, runtime.tableName)).filter((i) => i.email === email || i.PK === `EMAIL#${email}`);
    expect(items.filter((i) => i.entity === 'lead')).toHaveLength(1);
    expect(items.filter((i) => i.entity === 'email')).toHaveLength(1);
  });

  it('keeps honeypot submissions as spam only, answering like a success', async () => {
    const email = unique('bot');
    const before = runtime.bus.events.length;

    const response = await postForm({ email, website: 'http://spam.example' });
    await runtime.settle();

    expect(response.status).toBe(201);
    const items = await readTable(runtime.dynamodbEndpoint, runtime.tableName);
    expect(items.some((i) => i.email === email || i.PK === `EMAIL#${email}`)).toBe(false);
    const spamItems = items.filter((i) => i.entity === 'spam');
    expect(spamItems.length).toBeGreaterThan(0);
    expect(spamItems.every((i) => typeof i.expiresAt === 'number' && i.expiresAt > Date.now() / 1000)).toBe(true);
    expect(runtime.bus.events.length).toBe(before);
  });

  it('answers 400 with one message per bad field and stores nothing', async () => {
    const before = await readTable(runtime.dynamodbEndpoint, runtime.tableName);

    const response = await postJson({ email: 'nope', budget: 'lots', country: 'XX' });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid-request',
      message: 'Some fields need attention',
      errors: [
        { field: 'email', message: 'must be a valid email address' },
        { field: 'country', message: 'must be a two-letter ISO 3166-1 country code, such as DE or US' },
        { field: 'budget', message: 'must be one of: none, under-10k, 10k-50k, 50k-250k, 250k-plus' },
      ],
    });
    expect(await readTable(runtime.dynamodbEndpoint, runtime.tableName)).toHaveLength(before.length);
  });

  it.each([
    { name: 'a body over 16 KiB', init: { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'a@b.co', need: 'x'.repeat(17_000) }) }, status: 413 },
    { name: 'text/plain', init: { headers: { 'Content-Type': 'text/plain' }, body: 'email=a@b.co' }, status: 415 },
    { name: 'broken JSON', init: { headers: { 'Content-Type': 'application/json' }, body: '{"email":' }, status: 400 },
  ])('refuses $name with $status', async ({ init, status }) => {
    const response = await fetch(`${runtime.apiUrl}/leads`, { method: 'POST', ...init });
    expect(response.status).toBe(status);
  });

  it('redirects a form to an allowed host with 303, and never to another host', async () => {
    const allowed = await postForm({ email: unique('redirect'), redirect: 'http://localhost/thanks' });
    const foreign = await postForm({ email: unique('open-redirect'), redirect: 'https://evil.example/phish' });

    expect(allowed.status).toBe(303);
    expect(allowed.headers.get('location')).toBe('http://localhost/thanks');
    expect(foreign.status).toBe(400);
    expect(foreign.headers.get('location')).toBeNull();
  });

  it('shows people who post a plain form a page, not JSON', async () => {
    const response = await postForm({ email: 'broken' }, { Accept: 'text/html,application/xhtml+xml' });

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('email: must be a valid email address');
  });

  it('allows configured origins only (CORS), including the preflight', async () => {
    const origin = new URL(runtime.apiUrl).origin;
    const preflight = await fetch(`${runtime.apiUrl}/leads`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } });
    const allowed = await postJson({ email: unique('cors') }, { Origin: origin });
    const other = await postJson({ email: unique('cors-other') }, { Origin: 'https://elsewhere.example' });

    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(allowed.headers.get('access-control-allow-origin')).toBe(origin);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('leaves no partial lead behind', async () => {
    expect(partialLeads(await readTable(runtime.dynamodbEndpoint, runtime.tableName))).toEqual([]);
  });
});
