import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { readTable } from '../support/table-reader.ts';

let runtime: LocalRuntime;

beforeAll(async () => {
  // A Sunday evening: deadlines count Berlin business hours from Monday 09:00.
  runtime = await startTestRuntime('handoff', new Date('2026-11-22T17:00:00Z'));
});
afterAll(() => runtime?.stop());

const hotLead = (email: string, country = 'DE') => ({
  email,
  firstName: 'Dana',
  lastName: 'Weber',
  company: 'Weber Maschinenbau',
  jobTitle: 'Head of Operations',
  phone: '+49 30 1234567',
  country,
  authority: 'decision-maker',
  budget: '250k-plus',
  timeline: 'now',
  need: 'Our web leads wait days for a first call',
  consent: true,
  formId: 'pricing',
  utm_campaign: 'autumn',
});

async function capture(body: unknown): Promise<string> {
  const response = await fetch(`${runtime.apiUrl}/leads`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(201);
  await runtime.settle();
  return ((await response.json()) as { leadId: string }).leadId;
}

const mailFor = (leadId: string) => runtime.ses.sent().filter((m) => m.tags.some((t) => t.name === 'leadId' && t.value === leadId));
const templatesOf = (leadId: string) => mailFor(leadId).map((m) => `${m.tags.find((t) => t.name === 'template')?.value} → ${m.destination.to.join(',')}`);
const leadItem = async (leadId: string) => (await readTable(runtime.dynamodbEndpoint, runtime.tableName)).find((i) => i.entity === 'lead' && i.leadId === leadId);
const advance = (duration: string) => fetch(`${runtime.apiUrl}/_local/clock`, { method: 'POST', body: JSON.stringify({ advance: duration }) });

describe('a hot lead reaches one accountable rep', () => {
  it('emails exactly one rep, once, however often the event is delivered', async () => {
    // Given a hot lead from Germany, where Anna covers field sales
    const leadId = await capture(hotLead('dana.weber@weber-maschinenbau.de'));

    // When EventBridge delivers lead.captured twice more
    const captured = runtime.bus.events.find((e) => e['detail-type'] === 'lead.captured' && (e.detail as { leadId: string }).leadId === leadId)!;
    for (let i = 0; i < 2; i++) runtime.bus.put({ ...captured });
    await runtime.settle();

    // Then Anna has one handoff email, and the lead one assignment
    expect(templatesOf(leadId)).toEqual(['rep-handoff → anna.schmidt@stoke.example']);
    const [email] = mailFor(leadId);
    expect(email!.subject).toContain('Dana Weber');
    const lead = await leadItem(leadId);
    expect(lead).toMatchObject({ status: 'assigned', owner: { type: 'rep', repId: 'anna-schmidt' }, assignment: { episode: 1 } });
    expect(lead?.assignment.rule).toContain('territory:country');
    const history = (await readTable(runtime.dynamodbEndpoint, runtime.tableName)).filter((i) => i.entity === 'history' && i.leadId === leadId);
    expect(history.filter((h) => h.type === 'assigned')).toHaveLength(1);
    expect(runtime.deadLetters.entries).toEqual([]);
  });

  it('reminds the rep at the deadline, tells the manager an hour later, and gives the lead to another rep after four business hours', async () => {
    // Sunday evening: Anna's first business hour is Monday 09:00-10:00 in Berlin (08:00-09:00 UTC).
    const leadId = await capture(hotLead('no.answer@weber-maschinenbau.de'));
    const lead = await leadItem(leadId);
    expect(lead?.assignment).toMatchObject({ number: 1, deadlineAt: '2026-11-23T09:00:00.000Z', escalateAt: '2026-11-23T10:00:00.000Z', reassignAt: '2026-11-23T12:00:00.000Z' });
    const [handoff] = mailFor(leadId);
    expect(handoff!.subject).toContain('first contact by 10:00 on Monday 23 Nov, your time');

    await advance('PT16H30M'); // Monday 09:30 UTC: past the deadline, before the escalation
    expect(templatesOf(leadId)).toEqual(['rep-handoff → anna.schmidt@stoke.example', 'first-contact-reminder → anna.schmidt@stoke.example']);

    await advance('PT1H'); // 10:30 UTC: the manager hears of it, with when the lead will move
    expect(templatesOf(leadId).at(-1)).toBe('first-contact-escalation → maria.keller@stoke.example');
    const escalation = mailFor(leadId).at(-1)!;
    expect(await bodyOf(escalation.messageId)).toContain('If no contact is logged by 13:00 on Monday 23 Nov, your time, the lead goes to another rep');

    await advance('PT2H'); // 12:30 UTC: four business hours have passed
    // The lead goes to the field rep without a territory (nobody else covers Germany); Anna and Maria are told why.
    expect(templatesOf(leadId).slice(3)).toEqual([
      'rep-handoff → lena.fischer@stoke.example',
      'lead-taken → anna.schmidt@stoke.example',
      'lead-reassigned → maria.keller@stoke.example',
    ]);
    expect(await leadItem(leadId)).toMatchObject({ owner: { repId: 'lena-fischer' }, assignment: { episode: 1, number: 2, missedDeadlines: [{ ownerId: 'anna-schmidt', name: 'Anna Schmidt' }] } });
    expect(runtime.deadLetters.entries).toEqual([]);
  });

  it('sends no reminder once the rep logged a contact through the email link', async () => {
    const leadId = await capture(hotLead('quick.reply@weber-maschinenbau.de'));
    const html = await handoffHtml(leadId);
    const contactedUrl = [...html.matchAll(/href="([^"]+\/actions\/[^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'))[0]!;

    // Opening the link only asks (mail scanners fetch links); the button records
    const page = await fetch(contactedUrl);
    expect(await page.text()).toContain('Record that you contacted Dana Weber?');
    expect((await leadItem(leadId))?.firstContactAt).toBeUndefined();
    const recorded = await fetch(contactedUrl, { method: 'POST' });
    expect(await recorded.text()).toContain('Contact with Dana Weber recorded');
    const replay = await fetch(contactedUrl, { method: 'POST' });
    expect(replay.status).toBe(409);

    await advance('P14D');

    expect(templatesOf(leadId)).toEqual(['rep-handoff → anna.schmidt@stoke.example']);
    const lead = await leadItem(leadId);
    expect(lead).toMatchObject({ status: 'in-progress', owner: { repId: 'anna-schmidt' } });
    expect(lead?.firstContactAt).toBeDefined();
  });
});

async function bodyOf(messageId: string): Promise<string> {
  const { emails } = (await (await fetch(`${runtime.sesViewerUrl}store`)).json()) as { emails: Array<{ messageId: string; body: { text: string } }> };
  return emails.find((e) => e.messageId === messageId)!.body.text.replace(/\s+/g, ' ');
}

async function handoffHtml(leadId: string): Promise<string> {
  const { emails } = (await (await fetch(`${runtime.sesViewerUrl}store`)).json()) as { emails: Array<{ messageId: string; body: { html: string } }> };
  const messageId = mailFor(leadId)[0]!.messageId;
  return emails.find((e) => e.messageId === messageId)!.body.html;
}
