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

const request = fc.oneof(
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
  it('never answers 5xx and never stores a partial lead', async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ contentType, body }) => {
        const response = await fetch(`${runtime.apiUrl}/leads`, { method: 'POST', headers: contentType ? { 'Content-Type': contentType } : {}, body });
        expect(response.status).toBeLessThan(500);
        expect([200, 201, 400, 413, 415]).toContain(response.status);
      }),
      { numRuns: 150 },
    );
    await runtime.settle();

    expect(partialLeads(await readTable(runtime.dynamodbEndpoint, runtime.tableName))).toEqual([]);
  }, 120_000);

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
