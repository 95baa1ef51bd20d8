import { beforeAll, describe, expect, it } from 'vitest';
import { buildWeeklyReview, type WeeklyReview } from '../../../functions/review/build-review.ts';
import { reviewCsv, reviewLeadsCsv } from '../../../functions/review/review-csv.ts';
import { defaultSalesPolicy } from '../../../functions/sales/default-policy.ts';
import { input, now, reps } from './weekly-review-fixture.ts';

/** RFC 4180 read back, strictly: a quote inside an unquoted field, or a bare LF, fails. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let at = 0;
  while (at < text.length) {
    if (text[at] === '"' && field === '') {
      let end = at + 1;
      for (;;) {
        const next = text.indexOf('"', end);
        if (next < 0) throw new Error('unterminated quote');
        if (text[next + 1] === '"') end = next + 2;
        else {
          end = next;
          break;
        }
      }
      field = text.slice(at + 1, end).replaceAll('""', '"');
      at = end + 1;
      if (text[at] !== ',' && text[at] !== '\r') throw new Error(`text after a closing quote at ${at}`);
      continue;
    }
    const char = text[at]!;
    if (char === ',') {
      row.push(field);
      field = '';
      at += 1;
    } else if (char === '\r' && text[at + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      at += 2;
    } else if (char === '"' || char === '\n' || char === '\r') {
      throw new Error(`unquoted ${JSON.stringify(char)} at ${at}`);
    } else {
      field += char;
      at += 1;
    }
  }
  if (field !== '' || row.length) throw new Error('the last record does not end in CRLF');
  return rows;
}

const asRecords = (rows: string[][]) => rows.slice(1).map((row) => Object.fromEntries(rows[0]!.map((header, index) => [header, row[index]])));

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
      'Median minutes to first contact': '180',
      'Contacts logged': '73',
      'Average contacts before not interested': '2.2',
      'Follow-up score': '79',
      'Change received': '5',
      'Change purchased': '-1',
    });
  });

  it('leaves a figure that does not exist empty rather than zero', () => {
    const eve = asRecords(parseCsv(reviewCsv(review))).find((record) => record['Rep id'] === 'eve')!;

    expect([eve['Median minutes to first contact'], eve['Average contacts before not interested'], eve['Change received']]).toEqual(['', '', '']);
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
