import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { partialLeads, readTable } from '../support/table-reader.ts';

let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime('hostile');
});
afterAll(() => runtime?.stop());

const fieldNames = ['email', 'firstName', 'company', 'jobTitle', 'phone', 'country', 'timezone', 'budget', 'authority', 'need', 'timeline', 'consent', 'pageUrl', 'redirect', 'website', '__proto__', 'constructor'];

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom(
    "' OR 1=1 --", '<script>alert(1)</script>', '${jndi:ldap://x}', '{{7*7}}', '../../etc/passwd', '\u0000', '\uD800',
    'a@b.co', 'UPPER@Example.COM', ' spaced@acme.com ', 'x'.repeat(20_000), '%E0%A4%A', 'javascript:alert(1)', 'http://localhost/ok',
  ),
);
const hostileValue = fc.oneof(hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(hostileString, { maxLength: 3 }), fc.dictionary(fc.string(), hostileString, { maxKeys: 3 }));
const hostileObject = fc.dictionary(fc.oneof(fc.constantFrom(...fieldNames), fc.string()), hostileValue, { maxKeys: 12 });

const mostly = <T,>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 9 }, { arbitrary: invalid, weight: 1 });

// Mostly well-formed forms with hostile extras, so that many are taken and the 2xx answers can be checked against the table.
const plausibleObject = fc
  .record({
    email: mostly(fc.tuple(fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/), fc.constantFrom('acme.com', 'example.org', 'weber-maschinenbau.de')).map(([local, domain]) => `${local}@${domain}`), fc.emailAddress()),
    firstName: mostly(fc.string({ unit: 'grapheme-ascii', maxLength: 30 }), hostileString),
    company: mostly(fc.string({ unit: 'grapheme', maxLength: 80 }), hostileString),
    country: mostly(fc.constantFrom('DE', 'us', 'GB', ''), fc.constantFrom('XX', 'Germany')),
    budget: mostly(fc.constantFrom('none', 'under-10k', '10k-50k', '50k-250k', '250k-plus'), fc.constant('huge')),
    timeline: mostly(fc.constantFrom('now', '3m', '12m'), fc.constant('someday')),
    consent: fc.constantFrom('yes', 'no', 'on', true, false),
    extra: fc.dictionary(fc.string({ maxLength: 12 }), hostileValue, { maxKeys: 4 }),
  })
  .map(({ extra, ...fields }) => ({ ...extra, ...fields }));
const encoded = (body: Record<string, unknown>) =>
  fc.constantFrom(
    { contentType: 'application/json', body: JSON.stringify(body) },
    {
      contentType: 'application/x-www-form-urlencoded',
      body: new URLSearchParams(Object.entries(body).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')])).toString(),
    },
  );

const request = fc.oneof(
  plausibleObject.chain(encoded),
  plausibleObject.chain(encoded),
  hostileObject.map((body) => ({ contentType: 'application/json', body: JSON.stringify(body) })),
  hostileObject.map((body) => ({
    contentType: 'application/x-www-form-urlencoded',
    // URLSearchParams encodes what encodeURIComponent refuses (lone surrogates); raw broken bytes come below.
    body: new URLSearchParams(Object.entries(body).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')])).toString(),
  })),
  fc.record({
    contentType: fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', 'application/json; charset=latin1', ''),
    body: fc.oneof(hostileString, fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1'))),
  }),
);

describe('capture under random and hostile bodies', () => {
  it('never answers 5xx, never stores a partial lead, and stores every lead it said it took (or the spam it kept as such)', async () => {
    const answered = new Map<number, number>();
    const accepted = new Set<string>();
    await fc.assert(
      fc.asyncProperty(request, async ({ contentType, body }) => {
        // Not followed: a 303 to an allowed host is an answer of its own.
        const response = await fetch(`${runtime.apiUrl}/leads`, { method: 'POST', headers: contentType ? { 'Content-Type': contentType } : {}, body, redirect: 'manual' });
        answered.set(response.status, (answered.get(response.status) ?? 0) + 1);
        expect(response.status).toBeLessThan(500);
        expect([200, 201, 303, 400, 413, 415]).toContain(response.status);
        if (response.status === 200 || response.status === 201) accepted.add(((await response.json()) as { leadId: string }).leadId);
      }),
      { numRuns: 300 },
    );
    await runtime.settle();

    const items = await readTable(runtime.dynamodbEndpoint, runtime.tableName);
    expect(partialLeads(items)).toEqual([]);
    // A filled honeypot (`website`) is answered 201 like a lead, so a bot learns nothing, and kept as spam under that id.
    const stored = new Set([...items.filter((i) => i.entity === 'lead').map((i) => i.leadId as string), ...items.filter((i) => i.entity === 'spam').map((i) => i.submissionId as string)]);
    expect([...accepted].filter((leadId) => !stored.has(leadId))).toEqual([]);
    console.info(`capture fuzz: ${[...answered].sort().map(([status, count]) => `${count} × ${status}`).join(', ')}; ${accepted.size} leads accepted, all stored`);
  }, 180_000);

  it('stores nothing for a request it refuses', async () => {
    await fc.assert(
      fc.asyncProperty(hostileObject, async (body) => {
        const before = (await readTable(runtime.dynamodbEndpoint, runtime.tableName)).length;
        const response = await fetch(`${runtime.apiUrl}/leads`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...body, email: 'not an email' }) });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect((await readTable(runtime.dynamodbEndpoint, runtime.tableName)).length).toBe(before);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
