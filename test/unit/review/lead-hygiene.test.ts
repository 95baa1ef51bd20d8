import { describe, expect, it } from 'vitest';
import { suspectedDuplicates } from '../../../functions/review/duplicate-leads.ts';
import type { ReviewLead } from '../../../functions/review/review-input.ts';

let next = 0;
const lead = (name: string, email: string, company?: string): ReviewLead => ({
  leadId: `lead-${++next}`,
  name,
  email,
  ...(company ? { company } : {}),
  capturedAt: '2026-11-25T09:00:00.000Z',
  status: 'new',
  temperature: 'warm',
  capturedTemperature: 'warm',
  updatedAt: '2026-11-25T09:00:00.000Z',
  contactCount: 0,
  contactsInWeek: [],
  hotEpisode: 0,
  tipsBeforeHot: [],
  nurtured: false,
  source: {},
});
const nobody = () => ({ owner: null, ownerRepId: null });
const found = (leads: ReviewLead[]) => suspectedDuplicates(leads, nobody).map(({ reasons, leads: group }) => [reasons, group.map(({ name, email }) => `${name} <${email}>`)]);

describe('suspectedDuplicates', () => {
  it.each([
    { name: 'the same person at the same company, accents, case, spaces and legal form aside', a: lead('Jürgen Müller', 'jm@acme.example', 'Acme GmbH'), b: lead('jurgen  MULLER', 'j.mueller@acme.example', 'ACME'), reason: 'same-name-and-company' },
    { name: 'the same address with a +tag and in capitals', a: lead('Ada', 'ada@example.com'), b: lead('A. Lovelace', 'ADA+news@Example.com'), reason: 'same-address' },
    { name: 'a Gmail address with dots, and googlemail', a: lead('Ada', 'ada.lovelace@gmail.com'), b: lead('Ada L', 'adalovelace@googlemail.com'), reason: 'same-address' },
  ])('finds $name', ({ a, b, reason }) => {
    expect(found([a, b])).toEqual([[[reason], [`${a.name} <${a.email}>`, `${b.name} <${b.email}>`]]]);
  });

  it.each([
    { name: 'one name at two companies', a: lead('Sam Lee', 'sam@one.example', 'One'), b: lead('Sam Lee', 'sam@two.example', 'Two') },
    { name: 'one name without a company', a: lead('Sam Lee', 'sam@one.example'), b: lead('Sam Lee', 'sam@two.example') },
    { name: 'dots that matter outside Gmail', a: lead('A', 'a.b@acme.example'), b: lead('B', 'ab@acme.example') },
    { name: 'one local part at two domains', a: lead('A', 'info@one.example'), b: lead('B', 'info@two.example') },
  ])('leaves apart $name', ({ a, b }) => {
    expect(found([a, b])).toEqual([]);
  });

  it('joins a chain into one group with every reason', () => {
    const first = lead('Ada Lovelace', 'ada@acme.example', 'Acme Inc');
    const second = lead('Ada Lovelace', 'lovelace@acme.example', 'Acme');
    const third = lead('A. L.', 'Lovelace+crm@acme.example');

    expect(found([first, second, third])).toEqual([[['same-address', 'same-name-and-company'], [first, second, third].map(({ name, email }) => `${name} <${email}>`)]]);
  });
});
