import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDevToken } from '../../infra/local/dev-tokens.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { defaultSalesPolicy } from '../../functions/sales/default-policy.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { readTable } from '../support/table-reader.ts';

let runtime: LocalRuntime;
let anna: string; // field rep for DE, who gets every lead below

beforeAll(async () => {
  // A Tuesday morning in Berlin: the leads below are handed off in business hours.
  runtime = await startTestRuntime('outcomes', new Date('2026-11-24T08:00:00Z'));
  anna = await issueDevToken('anna.schmidt@stoke.example', ['rep']);
});
afterAll(() => runtime?.stop());

const hotLead = (email: string) => ({
  email,
  firstName: 'Dana',
  lastName: 'Weber',
  company: 'Weber Maschinenbau',
  jobTitle: 'Head of Operations',
  country: 'DE',
  authority: 'decision-maker',
  budget: '250k-plus',
  timeline: 'now',
  consent: true,
});

type HistoryEntry = { type: string; at: string; by: string; details: Record<string, unknown> };
type Links = { contacted: string; notInterested: string; purchased: string };

async function capture(email: string): Promise<string> {
  const response = await fetch(`${runtime.apiUrl}/leads`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(hotLead(email)) });
  expect(response.status).toBe(201);
  await runtime.settle();
  return ((await response.json()) as { leadId: string }).leadId;
}

/** The three one-click links of the lead's handoff email, as the rep sees them. */
async function linksOf(leadId: string): Promise<Links> {
  // The handoff is the first email about a lead just handed off.
  const sent = runtime.ses.sent().find((m) => m.tags.some((t) => t.name === 'leadId' && t.value === leadId))!;
  const { emails } = (await (await fetch(`${runtime.sesViewerUrl}store`)).json()) as { emails: Array<{ messageId: string; body: { html: string } }> };
  const html = emails.find((e) => e.messageId === sent.messageId)!.body.html;
  const urls = [...new Set([...html.matchAll(/href="([^"]+\/actions\/[^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&')))];
  expect(urls).toHaveLength(3);
  const [contacted, notInterested, purchased] = urls as [string, string, string];
  return { contacted, notInterested, purchased };
}

const submit = (url: string, fields: Record<string, string>) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' }, body: new URLSearchParams(fields).toString() });

async function desk(method: string, path: string, body?: unknown) {
  const response = await fetch(`${runtime.apiUrl}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${anna}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const leadItem = async (leadId: string) => (await readTable(runtime.dynamodbEndpoint, runtime.tableName)).find((i) => i.entity === 'lead' && i.leadId === leadId);
const historyOf = async (leadId: string) => (await desk('GET', `/leads/${leadId}`)).body.history as HistoryEntry[];
const lastOf = async (leadId: string, type: string) => (await historyOf(leadId)).filter((h) => h.type === type).at(-1)!;
const deadlineChecksOf = (leadId: string) => runtime.scheduler.pending().filter((s) => s.name.startsWith('fc-') && s.name.includes(leadId));
const recycledEvents = (leadId: string) => runtime.eventLog.filter((e) => e['detail-type'] === 'lead.recycled' && (e.detail as { leadId: string }).leadId === leadId);
/** An entry as both ways write it: who, what and every detail, without when or which way. */
const shapeOf = ({ type, by, details: { via: _via, ...details } }: HistoryEntry) => ({ type, by, details });

describe('outcomes recorded from the handoff email\'s links', () => {
  it('asks why a lead is not interested, and records it as the sales desk does', async () => {
    // Given a hot lead handed to Anna, and another she closes at the sales desk
    const leadId = await capture('not.a.fit@weber-maschinenbau.de');
    const atDesk = await capture('not.a.fit.desk@weber-maschinenbau.de');
    const { notInterested } = await linksOf(leadId);
    expect(deadlineChecksOf(leadId)).not.toEqual([]);

    // When she opens the "Not interested" link
    const page = await fetch(notInterested);

    // Then it asks for one of the policy's reasons and an optional note, and records nothing yet
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const reason of defaultSalesPolicy.notInterestedReasons) expect(html).toContain(`value="${reason.id}" required> <label for="reason-${reason.id}">${reason.label}</label>`);
    expect(html).toContain('<label for="note">Note (optional)</label>');
    expect((await leadItem(leadId))?.status).toBe('assigned');

    // When she chooses a reason and posts the form, and closes the other lead the same way at the desk
    const recorded = await submit(notInterested, { reason: 'not-a-fit', note: 'Only two sales people' });
    expect(await desk('PUT', `/leads/${atDesk}/status`, { status: 'not-interested', reason: 'not-a-fit', note: 'Only two sales people' })).toMatchObject({ status: 200 });
    await runtime.settle();

    // Then the lead is closed with the reason and the time, as the desk closes it, and its deadline checks are gone
    expect(recorded.status).toBe(200);
    expect(await recorded.text()).toContain('Dana Weber recorded as not interested.');
    const lead = await leadItem(leadId);
    expect(lead).toMatchObject({ status: 'not-interested', notInterested: { reason: 'not-a-fit', returnToNurture: false, note: 'Only two sales people' } });
    expect(lead?.closedAt).toEqual(lead?.notInterested.at);
    const fromLink = await lastOf(leadId, 'status-changed');
    expect(fromLink.details.via).toBe('email link');
    expect(shapeOf(fromLink)).toEqual(shapeOf(await lastOf(atDesk, 'status-changed')));
    expect(shapeOf(fromLink)).toEqual({
      type: 'status-changed',
      by: 'anna.schmidt@stoke.example',
      details: { from: 'assigned', to: 'not-interested', status: 'not-interested', reason: 'not-a-fit', note: 'Only two sales people' },
    });
    expect(deadlineChecksOf(leadId)).toEqual([]);
    // Closing at the desk stops the deadline checks too, though nobody logged a contact.
    expect(deadlineChecksOf(atDesk)).toEqual([]);
    expect(recycledEvents(leadId)).toEqual([]);

    // And the link works once
    expect((await submit(notInterested, { reason: 'not-a-fit' })).status).toBe(409);
  });

  it('shows the form again for a reason the policy does not list, then returns the lead to nurture for one that says so', async () => {
    const leadId = await capture('maybe.later@weber-maschinenbau.de');
    const { notInterested } = await linksOf(leadId);

    // When a reason outside the policy is posted
    const refused = await submit(notInterested, { reason: 'vibes', note: 'Call in spring' });

    // Then nothing is recorded, and the form comes back with the accepted reasons and what was typed
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain(`Reason must be one of: ${defaultSalesPolicy.notInterestedReasons.map((r) => r.id).join(', ')}`);
    expect(html).toContain('>Call in spring</textarea>');
    expect((await leadItem(leadId))?.status).toBe('assigned');

    // When the form is sent again with a reason that returns the lead to nurture
    const recorded = await submit(notInterested, { reason: 'timing-later', note: 'Call in spring' });
    await runtime.settle();

    // Then the lead is closed, announced as recycled, and back on a nurture track
    expect(recorded.status).toBe(200);
    expect((await leadItem(leadId))?.notInterested).toMatchObject({ reason: 'timing-later', returnToNurture: true });
    expect(recycledEvents(leadId).map((e) => e.detail)).toEqual([
      { version: 1, leadId, by: 'anna.schmidt@stoke.example', note: 'Call in spring', at: expect.any(String) },
    ]);
    expect((await leadItem(leadId))?.nurture?.status).toMatch(/active|awaiting-confirmation/);
  });

  it('asks for the value of a purchase and records it', async () => {
    const leadId = await capture('bought@weber-maschinenbau.de');
    const { purchased } = await linksOf(leadId);

    const html = await (await fetch(purchased)).text();
    expect(html).toContain('<label for="value">Value (optional)</label>');

    const recorded = await submit(purchased, { value: '48000', note: '' });
    expect(recorded.status).toBe(200);
    // The page says what comes next: the check-in with the new customer, on Anna's clock.
    expect(await recorded.text()).toMatch(/Next: a check-in with the customer \(a call\), due \w+day \d+ \w+, \d\d:\d\d your time/);
    const lead = await leadItem(leadId);
    expect(lead).toMatchObject({ status: 'purchased', purchase: { value: 48000 } });
    expect(lead?.closedAt).toBeDefined();
    expect(shapeOf(await lastOf(leadId, 'status-changed'))).toEqual({
      type: 'status-changed',
      by: 'anna.schmidt@stoke.example',
      // The plan ends with a check-in with the new customer.
      details: { from: 'assigned', to: 'purchased', status: 'purchased', value: 48000, nextStep: expect.objectContaining({ kind: 'check-in' }) },
    });
    expect(deadlineChecksOf(leadId)).toEqual([]);

    // Another link of the same email, opened later, says at once that there is nothing left to record.
    const { contacted } = await linksOf(leadId);
    const page = await fetch(contacted);
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('This lead is already closed as purchased.');
  });

  it('asks how a contact was made, a call preselected, and counts it', async () => {
    const leadId = await capture('contacted@weber-maschinenbau.de');
    const { contacted } = await linksOf(leadId);

    const html = await (await fetch(contacted)).text();
    expect(html).toContain('Record that you contacted Dana Weber?');
    expect(html).toContain('value="call" required checked>');

    const recorded = await submit(contacted, { channel: 'email', notes: 'Sent the offer' });
    expect(recorded.status).toBe(200);
    const lead = await leadItem(leadId);
    expect(lead).toMatchObject({ status: 'in-progress', contactCount: 1 });
    expect(lead?.contactTimes).toEqual([lead?.firstContactAt]);
    const entry = await lastOf(leadId, 'contact-logged');
    expect(entry).toMatchObject({ by: 'anna.schmidt@stoke.example', details: { channel: 'email', notes: 'Sent the offer', via: 'email link' } });
    expect(entry.details.minutesToFirstContact).toEqual(expect.any(Number));
    expect(deadlineChecksOf(leadId)).toEqual([]);
  });
});

describe('the sales desk, for the same outcomes', () => {
  it('answers 400 naming the field and the accepted values for a reason or hold-back outside the policy, 409 for a forbidden transition', async () => {
    const leadId = await capture('desk.values@weber-maschinenbau.de');
    const reasons = defaultSalesPolicy.notInterestedReasons.map((r) => r.id).join(', ');
    const holdBacks = defaultSalesPolicy.holdBackCategories.map((c) => c.id).join(', ');

    expect(await desk('PUT', `/leads/${leadId}/status`, { status: 'not-interested', reason: 'vibes' })).toEqual({
      status: 400,
      body: { error: 'invalid-request', message: `reason must be one of: ${reasons}`, errors: [{ field: 'reason', message: `must be one of: ${reasons}` }] },
    });
    expect(await desk('PUT', `/leads/${leadId}/status`, { status: 'in-progress', holdBack: 'vibes' })).toEqual({
      status: 400,
      body: { error: 'invalid-request', message: `holdBack must be one of: ${holdBacks}`, errors: [{ field: 'holdBack', message: `must be one of: ${holdBacks}` }] },
    });
    expect((await desk('PUT', `/leads/${leadId}/status`, { status: 'purchased' })).status).toBe(200);
    expect(await desk('PUT', `/leads/${leadId}/status`, { status: 'purchased', note: 'again' })).toMatchObject({ status: 409, body: { error: 'refused' } });
  });

  it('returns a lead closed for a reason that says so to nurture, as recycling does', async () => {
    const leadId = await capture('desk.later@weber-maschinenbau.de');

    expect((await desk('PUT', `/leads/${leadId}/status`, { status: 'not-interested', reason: 'no-budget-now' })).status).toBe(200);
    await runtime.settle();

    expect(recycledEvents(leadId)).toHaveLength(1);
    expect((await leadItem(leadId))?.nurture?.status).toMatch(/active|awaiting-confirmation/);
    expect(deadlineChecksOf(leadId)).toEqual([]);
  });
});
