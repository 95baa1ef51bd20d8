import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDevToken } from '../../infra/local/dev-tokens.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { readTable } from '../support/table-reader.ts';

let runtime: LocalRuntime;
let manager: string;

beforeAll(async () => {
  // A Monday morning in Berlin.
  runtime = await startTestRuntime('fallback-queue', new Date('2026-11-23T08:00:00Z'));
  manager = await issueDevToken('maria.keller@stoke.example', ['manager']);
});
afterAll(() => runtime?.stop());

const fieldReps = ['anna-schmidt', 'james-carter', 'lena-fischer'];

async function setActive(repId: string, active: boolean): Promise<void> {
  const url = `${runtime.apiUrl}/reps/${repId}`;
  const headers = { Authorization: `Bearer ${manager}`, 'Content-Type': 'application/json' };
  const rep = (await (await fetch(url, { headers })).json()) as Record<string, unknown>;
  const response = await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ ...rep, active }) });
  expect(response.status).toBe(200);
  await runtime.settle();
}

const advance = async (duration: string) => {
  await fetch(`${runtime.apiUrl}/_local/clock`, { method: 'POST', body: JSON.stringify({ advance: duration }) });
};
const items = () => readTable(runtime.dynamodbEndpoint, runtime.tableName);
const mailFor = (leadId: string) =>
  runtime.ses
    .sent()
    .filter((m) => m.tags.some((t) => t.name === 'leadId' && t.value === leadId))
    .map((m) => `${m.tags.find((t) => t.name === 'template')?.value} → ${m.destination.to.join(',')}`);
const handedOff = (leadId: string) => runtime.bus.events.filter((e) => e['detail-type'] === 'lead.handed-off' && (e.detail as { leadId: string }).leadId === leadId);

describe('a hot lead no rep can take', () => {
  it('waits in the fallback queue, offered again at each deadline without new handoffs, and goes to the first rep who can take it, the queue told', async () => {
    // Nobody in field sales is active.
    for (const repId of fieldReps) await setActive(repId, false);
    const response = await fetch(`${runtime.apiUrl}/leads`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'dana@weber-maschinenbau.de', firstName: 'Dana', company: 'Weber Maschinenbau', country: 'DE', authority: 'decision-maker', budget: '250k-plus', timeline: 'now', consent: true }),
    });
    expect(response.status).toBe(201);
    const { leadId } = (await response.json()) as { leadId: string };
    await runtime.settle();
    expect((await items()).find((i) => i.entity === 'lead' && i.leadId === leadId)).toMatchObject({ owner: { type: 'queue', queue: 'unassigned' } });

    // Three weeks: many first-contact deadlines pass while nobody can take it.
    await advance('P21D');

    const lead = (await items()).find((i) => i.entity === 'lead' && i.leadId === leadId)!;
    expect(lead).toMatchObject({ status: 'assigned', owner: { type: 'queue', queue: 'unassigned' }, assignment: { episode: 1 } });
    // Still offered: the next check is ahead of the clock.
    expect(Date.parse(lead.assignment.reassignAt)).toBeGreaterThan(runtime.clock.now().getTime());
    // One handoff: one history entry, one email and one reminder to whoever watches the queue, one event for the CRM.
    const history = (await items()).filter((i) => i.entity === 'history' && i.leadId === leadId);
    expect(history.filter((h) => h.type === 'assigned')).toHaveLength(1);
    expect(mailFor(leadId)).toEqual(['rep-handoff → sales-manager@example.com', 'first-contact-reminder → sales-manager@example.com']);
    expect(handedOff(leadId)).toHaveLength(1);

    // Anna is back: at the next check the lead is hers.
    await setActive('anna-schmidt', true);
    await runtime.advance(Date.parse(lead.assignment.reassignAt) - runtime.clock.now().getTime() + 60_000);
    await runtime.settle();
    expect((await items()).find((i) => i.entity === 'lead' && i.leadId === leadId)).toMatchObject({ owner: { type: 'rep', repId: 'anna-schmidt' } });
    // Anna is told, and so is whoever watched the queue: the lead left it.
    expect(mailFor(leadId).slice(-2)).toEqual(['rep-handoff → anna.schmidt@stoke.example', 'lead-taken → sales-manager@example.com']);
    const [handoff] = runtime.ses.sent().filter((m) => m.tags.some((t) => t.value === leadId) && m.destination.to.includes('anna.schmidt@stoke.example'));
    expect(handoff!.subject).toMatch(/first contact by \d\d:\d\d on \w+day \d+ \w+, your time$/);
    expect(handedOff(leadId)).toHaveLength(2);
    // Anna's own first-contact deadline, for the lead's second assignment.
    const { schedules } = (await (await fetch(`${runtime.apiUrl}/_local/schedules`)).json()) as { schedules: Array<{ name: string; dueAt: string }> };
    expect(schedules.filter((s) => s.name.includes(leadId)).map((s) => s.name)).toEqual([`fc-r-${leadId}-2`]);
    expect(runtime.deadLetters.entries).toEqual([]);
  });
});
