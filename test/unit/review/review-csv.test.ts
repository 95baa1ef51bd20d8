import { beforeAll, describe, expect, it } from 'vitest';
import { buildWeeklyReview, type WeeklyReview } from '../../../functions/review/build-review.ts';
import { reviewCsv, reviewLeadsCsv } from '../../../functions/review/review-csv.ts';
import { defaultSalesPolicy } from '../../../functions/sales/default-policy.ts';
import { asRecords, parseCsv } from './csv-reader.ts';
import { input, now, reps } from './weekly-review-fixture.ts';

describe('reviewCsv', () => {
  let review: WeeklyReview;

  beforeAll(() => {
    review = buildWeeklyReview(input, defaultSalesPolicy, now);
  });

  it('has a header and one row per rep, every row as wide as the header, ending in CRLF', () => {
    const rows = parseCsv(reviewCsv(review));

    expect(rows).toHaveLength(1 + reps.length);
    expect(new Set(rows.map((row) => row.length))).toEqual(new Set([rows[0]!.length]));
  });

  it('carries the reconciliation of each rep, with the in-progress categories as columns', () => {
    const anna = asRecords(parseCsv(reviewCsv(review))).find((record) => record['Rep id'] === 'anna')!;

    expect(anna).toMatchObject({
      Week: '2026-W48',
      Rep: 'Anna Schmidt',
      Active: 'yes',
      Received: '40',
      'Received: purchased': '2',
      'Received: not interested': '5',
      'Received: in progress': '33',
      'Received: in progress, awaiting first contact': '6',
      'Received: in progress, budget': '10',
      'Received: in progress, timing': '8',
      'Received: in progress, not categorised': '9',
      Owned: '120',
      'Owned: in progress, evaluating a competitor': '25',
      'Stale leads': '5',
      'Deadlines due': '40',
      'Deadlines met': '26',
      'Speed to lead: first contacts': '34',
      'Speed to lead: median minutes': '180',
      'Speed to lead: p90 minutes': '1800',
      'Speed to lead: share within deadline': '0.65',
      'Deadlines missed on leads then taken away': '0',
      'Contacts logged': '73',
      'Average contacts before not interested': '2.2',
      'Follow-up score': '69',
      'Score speed: weight': '50',
      'Score speed: value': '0.65',
      'Score speed: points': '33',
      'Score persistence: points': '25',
      'Score outcomes: weight': '20',
      'Score outcomes: value': '0.571',
      'Score outcomes: points': '11',
      'Follow-up score explained':
        'Speed 33/50: 26 of 40 first-contact deadlines met; Persistence 25/30: 52 of 63 open leads contacted this week; Outcomes 11/20: 2 purchased, 2 not interested after 3+ contacts, 3 given up within 2 contacts',
      'Change received': '5',
      'Change purchased': '-1',
    });
  });

  it('leaves a figure that does not exist empty rather than zero', () => {
    const eve = asRecords(parseCsv(reviewCsv(review))).find((record) => record['Rep id'] === 'eve')!;

    const finn = asRecords(parseCsv(reviewCsv(review))).find((record) => record['Rep id'] === 'finn')!;

    expect([eve['Speed to lead: median minutes'], eve['Speed to lead: p90 minutes'], eve['Speed to lead: share within deadline'], eve['Follow-up score'], eve['Follow-up score explained']]).toEqual(['', '', '', '', '']);
    expect([eve['Average contacts before not interested'], eve['Change received']]).toEqual(['', '']);
    // Finn closed nothing: the outcomes part did not apply, which is not a zero.
    expect([finn['Score outcomes: weight'], finn['Score outcomes: points'], finn['Score speed: weight']]).toEqual(['', '', '63']);
  });

  it('quotes fields holding commas, quotes or line breaks, doubling the quotes', () => {
    const odd = { ...review, reps: [{ ...review.reps[0]!, name: 'Adams, "Evie"\r\nJr.' }] };

    const csv = reviewCsv(odd);

    expect(csv).toContain(',"Adams, ""Evie""\r\nJr.",');
    expect(parseCsv(csv)[1]![2]).toBe('Adams, "Evie"\r\nJr.');
  });

  it('keeps a spreadsheet from running a lead’s name as a formula', () => {
    const anna = review.reps.find((rep) => rep.repId === 'anna')!;
    const hostile = { ...review, reps: [{ ...anna, leads: [{ ...anna.leads[0]!, name: '=HYPERLINK("https://evil.example","click")', company: '+1 555' }] }] };

    const [, row] = parseCsv(reviewLeadsCsv(hostile));

    expect(row![4]).toBe(`'=HYPERLINK("https://evil.example","click")`);
    expect(row![5]).toBe(`'+1 555`);
  });
});

describe('reviewLeadsCsv', () => {
  it('lists every lead each rep owns once, with where it stands', () => {
    const review = buildWeeklyReview(input, defaultSalesPolicy, now);

    const records = asRecords(parseCsv(reviewLeadsCsv(review)));

    expect(records).toHaveLength(280);
    expect(new Set(records.map((record) => record['Lead id'])).size).toBe(280);
    expect(records.find((record) => record['Lead id'] === 'c6-1')).toMatchObject({
      Rep: 'Cléo Martin',
      Status: 'in-progress',
      Outcome: 'in-progress',
      'In progress because': 'Not categorised',
      'Received this week': 'no',
      'Days without progress': '4',
    });
    expect(records.find((record) => record['Lead id'] === 'a1-1')).toMatchObject({ Outcome: 'purchased', 'In progress because': '', 'Purchase value': '12000', 'Received this week': 'yes' });
  });
});
