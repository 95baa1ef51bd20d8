import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDevToken } from '../../infra/local/dev-tokens.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { readTable } from '../support/table-reader.ts';

let runtime: LocalRuntime;
let manager: string;

beforeAll(async () => {
  runtime = await startTestRuntime('roster', new Date('2026-11-23T09:30:00Z'));
  manager = await issueDevToken('maria.keller@stoke.example', ['manager']);
});
afterAll(() => runtime?.stop());

const api = (method: string, path: string, token?: string, body?: unknown) =>
  fetch(`${runtime.apiUrl}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

// Hot (67 points) but not high-value: desk sales, where Sam has weight 2 and Priya weight 1.
const deskLead = (n: number) => ({ email: `buyer-${n}@desk-customer-${n}.com`, authority: 'decision-maker', budget: '10k-50k', timeline: 'now', consent: true });

const ownersOf = async () =>
  (await readTable(runtime.dynamodbEndpoint, runtime.tableName)).filter((i) => i.entity === 'lead').map((lead) => lead.owner?.repId as string);

describe('the reps roster and fair rotation', () => {
  it('lets only managers manage reps', async () => {
    const rep = await issueDevToken('sam.okafor@stoke.example', ['rep']);

    expect((await api('GET', '/reps')).status).toBe(401);
    expect((await api('GET', '/reps', rep)).status).toBe(403);
    const answer = await api('GET', '/reps', manager);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { reps: Array<{ repId: string }> }).reps.map((r) => r.repId)).toEqual([
      'anna-schmidt', 'james-carter', 'lena-fischer', 'priya-nair', 'sam-okafor',
    ]);
  });

  it('refuses an invalid rep with a message per field', async () => {
    const answer = await api('POST', '/reps', manager, { repId: 'New Rep', name: '', email: 'x', team: 'desk', territories: [], active: true, capacity: 0, weight: 1, timezone: 'Mars/Base', managerEmail: 'boss@stoke.example' });

    expect(answer.status).toBe(400);
    const { errors } = (await answer.json()) as { errors: Array<{ field: string }> };
    expect(errors.map((e) => e.field)).toEqual(['repId', 'name', 'email', 'capacity', 'timezone']);
  });

  it('gives a rep added by a manager a sign-in in the rep group, once however often the request is sent, and stops it when they leave', async () => {
    const kai = { repId: 'kai-berg', name: 'Kai Berg', email: 'Kai.Berg@stoke.example', managerEmail: 'maria.keller@stoke.example', team: 'field', territories: [], active: true, capacity: 5, weight: 1, timezone: 'Europe/Berlin' };
    const signInOf = () => runtime.users().find((user) => user.username === 'kai.berg@stoke.example');

    expect((await api('POST', '/reps', manager, kai)).status).toBe(201);
    expect((await api('POST', '/reps', manager, kai)).status).toBe(409);
    expect(runtime.users().filter((user) => user.username === 'kai.berg@stoke.example')).toHaveLength(1);
    expect(signInOf()).toMatchObject({ enabled: true, groups: ['rep'], attributes: { email_verified: 'true', name: 'Kai Berg' } });

    expect((await api('PUT', '/reps/kai-berg', manager, { ...kai, active: false })).status).toBe(200);
    expect(signInOf()?.enabled).toBe(false);
    expect((await api('PUT', '/reps/kai-berg', manager, { ...kai, active: true })).status).toBe(200);
    expect(signInOf()?.enabled).toBe(true);
    // Out of the desk team's rotation, so the weights below are the seeded reps'.
    expect((await api('PUT', '/reps/kai-berg', manager, { ...kai, active: false })).status).toBe(200);
  });

  it('shares leads arriving at the same moment by weight', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, n) => api('POST', '/leads', undefined, deskLead(n))));
    await runtime.settle();

    const owners = await ownersOf();
    expect(owners.filter((o) => o === 'sam-okafor')).toHaveLength(20);
    expect(owners.filter((o) => o === 'priya-nair')).toHaveLength(10);
    expect(runtime.ses.sent().filter((m) => m.tags.some((t) => t.value === 'rep-handoff'))).toHaveLength(30);
  }, 60_000);

  it('gives every open lead of a deactivated rep to a new owner, who is told', async () => {
    const sam = (await (await api('GET', '/reps/sam-okafor', manager)).json()) as Record<string, unknown>;
    const handoffsToPriya = () => runtime.ses.sent().filter((m) => m.destination.to.includes('priya.nair@stoke.example')).length;
    const before = handoffsToPriya();

    const answer = await api('PUT', '/reps/sam-okafor', manager, { ...sam, active: false, assignedCount: undefined });
    await runtime.settle();

    expect(answer.status).toBe(200);
    expect((await ownersOf()).filter((o) => o === 'sam-okafor')).toEqual([]);
    expect(handoffsToPriya() - before).toBe(20);
    const reassigned = (await readTable(runtime.dynamodbEndpoint, runtime.tableName)).filter((i) => i.entity === 'history' && i.type === 'assigned' && i.details.why === 'rep-deactivated');
    expect(reassigned).toHaveLength(20);
  }, 60_000);
});
