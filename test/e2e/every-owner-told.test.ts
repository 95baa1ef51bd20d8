import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDevToken } from '../../infra/local/dev-tokens.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { readTable } from '../support/table-reader.ts';
import { localApi } from '../support/local-api.ts';

let runtime: LocalRuntime;
let manager: string;

beforeAll(async () => {
  // A Sunday evening: the first business hour in Berlin is Monday 09:00.
  runtime = await startTestRuntime('every-owner-told', new Date('2026-11-22T17:00:00Z'));
  manager = await issueDevToken('maria.keller@stoke.example', ['manager']);
});
afterAll(() => runtime?.stop());

const api = localApi(() => runtime);
const advance = (duration: string) => api('POST', '/_local/clock', undefined, { advance: duration });

// The issue's reproduction: high value, decision maker, buying now, in Germany (Anna's territory).
async function captureHotLead(email: string): Promise<string> {
  const response = await api('POST', '/leads', undefined, { email, firstName: 'Dana', lastName: 'Weber', company: 'Weber Maschinenbau', country: 'DE', budget: '250k-plus', authority: 'decision-maker', timeline: 'now' });
  expect(response.status).toBe(201);
  return response.body.leadId as string;
}

async function setActive(repId: string, active: boolean): Promise<void> {
  const { body: rep } = await api('GET', `/reps/${repId}`, manager);
  expect((await api('PUT', `/reps/${repId}`, manager, { ...rep, active, assignedCount: undefined })).status).toBe(200);
}

const mailFor = (leadId: string) =>
  runtime.ses
    .sent()
    .filter((m) => m.tags.some((t) => t.name === 'leadId' && t.value === leadId))
    .map((m) => `${m.tags.find((t) => t.name === 'template')?.value} → ${m.destination.to.join(',')}`);
const items = () => readTable(runtime.dynamodbEndpoint, runtime.tableName);
const leadOf = async (leadId: string) => (await items()).find((i) => i.entity === 'lead' && i.leadId === leadId)!;
const assignmentsOf = async (leadId: string) =>
  (await items())
    .filter((i) => i.entity === 'history' && i.leadId === leadId && i.type === 'assigned')
    .sort((a, b) => a.details.assignment - b.details.assignment)
    .map((h) => h.details.ownerId as string);
const pendingSchedules = async (leadId: string) =>
  ((await api('GET', '/_local/schedules')).body as { schedules: Array<{ name: string }> }).schedules.map((s) => s.name).filter((name) => name.includes(leadId));

describe('every change of owner is told', () => {
  it('stops passing an uncontacted lead on after two missed deadlines: the manager gets it, and every owner hears why', async () => {
    const leadId = await captureHotLead('dana.weber@weber-maschinenbau.de');

    await advance('P30D');

    // Anna missed, Lena missed, then the lead stayed with their manager instead of bouncing for a month.
    expect(await assignmentsOf(leadId)).toEqual(['anna-schmidt', 'lena-fischer', 'queue:unassigned']);
    expect(mailFor(leadId)).toEqual([
      'rep-handoff → anna.schmidt@stoke.example',
      'first-contact-reminder → anna.schmidt@stoke.example',
      'first-contact-escalation → maria.keller@stoke.example',
      'rep-handoff → lena.fischer@stoke.example',
      'lead-taken → anna.schmidt@stoke.example',
      'lead-reassigned → maria.keller@stoke.example',
      'first-contact-reminder → lena.fischer@stoke.example',
      'first-contact-escalation → maria.keller@stoke.example',
      'lead-parked → maria.keller@stoke.example',
      'lead-taken → lena.fischer@stoke.example',
      'first-contact-reminder → maria.keller@stoke.example',
    ]);
    const lead = await leadOf(leadId);
    expect(lead).toMatchObject({
      status: 'assigned',
      owner: { type: 'queue', queue: 'unassigned', notifyEmail: 'maria.keller@stoke.example' },
      assignment: { number: 3, episode: 1, parked: true, missedDeadlines: [{ ownerId: 'anna-schmidt' }, { ownerId: 'lena-fischer' }] },
    });
    expect(await pendingSchedules(leadId)).toEqual([]);

    // Nobody holds a due date they were not told about: Lena's list no longer has it, Maria can work it.
    const lena = await issueDevToken('lena.fischer@stoke.example', ['rep']);
    const lenasLeads = (await api('GET', '/me/leads', lena)).body as { leads: Array<{ leadId: string }> };
    expect(lenasLeads.leads.map((l) => l.leadId)).not.toContain(leadId);
    expect((await api('GET', `/leads/${leadId}`, manager)).status).toBe(200);

    const parked = runtime.ses.sent().find((m) => m.tags.some((t) => t.value === 'lead-parked') && m.tags.some((t) => t.value === leadId))!;
    expect(parked.subject).toBe('Nobody has contacted Dana Weber: the lead waits for you');
    expect(runtime.deadLetters.entries).toEqual([]);
  });

  it('hands a lead back to a rep who held it before in the same hot episode as a new handoff: A → B → A', async () => {
    const leadId = await captureHotLead('back.again@weber-maschinenbau.de');
    expect(await assignmentsOf(leadId)).toEqual(['anna-schmidt']);

    // Anna leaves for a day: Lena gets the lead, Anna is told it was taken and why. Not a missed deadline: no manager notice.
    await setActive('anna-schmidt', false);
    await setActive('anna-schmidt', true);
    expect(await assignmentsOf(leadId)).toEqual(['anna-schmidt', 'lena-fischer']);
    expect(mailFor(leadId)).toEqual(['rep-handoff → anna.schmidt@stoke.example', 'rep-handoff → lena.fischer@stoke.example', 'lead-taken → anna.schmidt@stoke.example']);
    expect(await pendingSchedules(leadId)).toEqual([`fc-r-${leadId}-2`]);
    const taken = runtime.ses.sent().find((m) => m.tags.some((t) => t.value === 'lead-taken') && m.tags.some((t) => t.value === leadId))!;
    expect(taken.subject).toBe('Dana Weber is now with Lena Fischer');

    // Lena misses her deadline: the lead goes back to Anna, who is told again and has deadlines of her own again.
    await advance('PT19H30M');
    expect(await assignmentsOf(leadId)).toEqual(['anna-schmidt', 'lena-fischer', 'anna-schmidt']);
    expect(mailFor(leadId).slice(3)).toEqual([
      'first-contact-reminder → lena.fischer@stoke.example',
      'first-contact-escalation → maria.keller@stoke.example',
      'rep-handoff → anna.schmidt@stoke.example',
      'lead-taken → lena.fischer@stoke.example',
      'lead-reassigned → maria.keller@stoke.example',
    ]);
    expect(await pendingSchedules(leadId)).toEqual([`fc-r-${leadId}-3`]);
    const { assignment } = await leadOf(leadId);
    expect(assignment).toMatchObject({ number: 3, missedDeadlines: [{ ownerId: 'lena-fischer' }], previous: { owner: { repId: 'lena-fischer' }, why: 'deadline-missed' } });

    // The reminder of the new assignment reaches Anna; her contact then ends the deadline checks.
    await advance('PT1H');
    expect(mailFor(leadId).at(-1)).toBe('first-contact-reminder → anna.schmidt@stoke.example');
    const anna = await issueDevToken('anna.schmidt@stoke.example', ['rep']);
    expect((await api('POST', `/leads/${leadId}/contacts`, anna, { channel: 'call' })).status).toBe(200);
    expect(await pendingSchedules(leadId)).toEqual([]);
    await advance('P7D');
    expect(mailFor(leadId).at(-1)).toBe('first-contact-reminder → anna.schmidt@stoke.example');
    expect(runtime.deadLetters.entries).toEqual([]);
  });

  it('sends nothing twice when a deadline check is delivered again, even after the lead came back', async () => {
    const leadId = await captureHotLead('twice@weber-maschinenbau.de');
    await advance('PT20H'); // Anna missed: the lead is with Lena (assignment 2)
    expect(await assignmentsOf(leadId)).toEqual(['anna-schmidt', 'lena-fischer']);
    const before = mailFor(leadId);

    // A late redelivery of Anna's reassignment check, and of her reminder, change nothing.
    for (const stage of ['reassign', 'remind', 'escalate'] as const) {
      await runtime.invoke('first-contact-deadline', { leadId, episode: 1, ownerId: 'anna-schmidt', assignment: 1, stage });
    }
    await runtime.settle();

    expect(mailFor(leadId)).toEqual(before);
    expect(await assignmentsOf(leadId)).toEqual(['anna-schmidt', 'lena-fischer']);
  });
});
