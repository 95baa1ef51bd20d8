import { describe, expect, it } from 'vitest';
import { LeadForm } from '../../../functions/capture/lead-form.ts';
import type { Lead, RememberedSubmission } from '../../../functions/leads/lead.ts';
import { recall, recognisedFor, remember, submissionKey } from '../../../functions/capture/submission-memory.ts';

const form = (fields: Record<string, unknown>) => ({ form: LeadForm.parse(fields) });
const keyOf = (fields: Record<string, unknown>, idempotencyKey?: string) => submissionKey(form(fields), idempotencyKey).key;
const base = { email: 'ann@acme-industries.com', firstName: 'Ann', authority: 'user', consent: 'yes', utm_campaign: 'spring' };

describe('submissionKey without an Idempotency-Key', () => {
  it('names the normalised form: case, spaces, blank fields and field order do not matter', () => {
    const sent = keyOf(base);

    const resent = keyOf({ utm_campaign: ' spring ', consent: 'on', company: '', authority: 'user', firstName: 'Ann', email: ' ANN@acme-industries.com' });

    expect(resent).toBe(sent);
    expect(submissionKey(form(base)).ttlMs).toBe(recognisedFor.derived);
  });

  it.each([
    ['another email', { email: 'bob@acme-industries.com' }],
    ['another campaign', { utm_campaign: 'webinar' }],
    ['consent withheld', { consent: 'no' }],
    ['a field added', { timeline: 'now' }],
    ['another page', { pageUrl: 'https://acme.example/pricing' }],
  ])('names another submission when a field differs: %s', (_case, change) => {
    expect(keyOf({ ...base, ...change })).not.toBe(keyOf(base));
  });

  it('keeps no readable copy of the form', () => {
    expect(keyOf(base)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe('submissionKey with an Idempotency-Key', () => {
  it('names the submission by the key and the email alone, for a day', () => {
    const first = submissionKey(form(base), 'k-1');

    expect(keyOf({ ...base, utm_campaign: 'resent' }, 'k-1')).toBe(first.key);
    expect(keyOf(base, 'k-2')).not.toBe(first.key);
    expect(keyOf({ ...base, email: 'bob@acme-industries.com' }, 'k-1')).not.toBe(first.key);
    expect(keyOf(base)).not.toBe(first.key);
    expect(first.ttlMs).toBe(24 * 60 * 60_000);
  });
});

const remembered = (key: string, until: string, status: 201 | 200 = 200): RememberedSubmission => ({ key, status, temperature: 'cold', until });
const leadWith = (recentSubmissions: RememberedSubmission[]) => ({ recentSubmissions }) as Lead;

describe('recall', () => {
  const lead = leadWith([remembered('a', '2026-11-20T10:10:00.000Z', 201)]);

  it('finds the first answer until the submission is no longer recognised', () => {
    expect(recall(lead, 'a', '2026-11-20T10:09:59.999Z')).toMatchObject({ status: 201 });
    expect(recall(lead, 'a', '2026-11-20T10:10:00.000Z')).toBeUndefined();
    expect(recall(lead, 'b', '2026-11-20T10:00:00.000Z')).toBeUndefined();
  });

  it('finds nothing on a lead stored before submissions were remembered', () => {
    expect(recall({} as Lead, 'a', '2026-11-20T10:00:00.000Z')).toBeUndefined();
  });
});

describe('remember', () => {
  it('drops what is no longer recognised and adds the new answer last', () => {
    const lead = leadWith([remembered('old', '2026-11-20T09:59:00.000Z'), remembered('live', '2026-11-20T10:05:00.000Z')]);

    const kept = remember(lead, remembered('new', '2026-11-20T10:10:00.000Z'), '2026-11-20T10:00:00.000Z');

    expect(kept.map((r) => r.key)).toEqual(['live', 'new']);
  });

  it('keeps at most the 25 latest, so that a flood of submissions cannot grow the lead item', () => {
    const lead = leadWith(Array.from({ length: 30 }, (_, n) => remembered(`k${n}`, '2026-11-21T00:00:00.000Z')));

    const kept = remember(lead, remembered('new', '2026-11-21T00:00:00.000Z'), '2026-11-20T10:00:00.000Z');

    expect(kept).toHaveLength(25);
    expect(kept.at(-1)?.key).toBe('new');
    expect(kept[0]?.key).toBe('k6');
  });
});
