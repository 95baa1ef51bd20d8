import type { Reconciliation, RepReview, WeeklyReview } from './weekly-review.ts';

type Cell = string | number | boolean | null;
type Column<Row> = [header: string, value: (row: Row) => Cell];

/**
 * The review as a spreadsheet, one row per rep: the reconciliation of the
 * leads received during the week and of every lead owned (each with its
 * in-progress categories), then the follow-up figures and the change since
 * last week. RFC 4180: comma-separated, CRLF line ends, a header row.
 */
export function reviewCsv(review: WeeklyReview): string {
  const columns: Array<Column<RepReview>> = [
    ['Week', () => review.week.id],
    ['Rep id', (rep) => rep.repId],
    ['Rep', (rep) => rep.name],
    ['Team', (rep) => rep.team],
    ['Active', (rep) => rep.active],
    ...reconciliationColumns('Received', (rep) => rep.received, review),
    ...reconciliationColumns('Owned', (rep) => rep.owned, review),
    ['Stale leads', (rep) => rep.stale.length],
    ['Deadlines due', (rep) => rep.deadlines.due],
    ['Deadlines met', (rep) => rep.deadlines.met],
    ['Median minutes to first contact', (rep) => rep.medianMinutesToFirstContact],
    ['Contacts logged', (rep) => rep.done.contacts],
    ['First contacts', (rep) => rep.done.firstContacts],
    ['Average contacts before not interested', (rep) => (rep.givingUp.averageContacts === null ? null : round(rep.givingUp.averageContacts))],
    ['Given up early', (rep) => rep.givingUp.early.length],
    ['Follow-up score', (rep) => rep.followUpScore],
    ['Change received', (rep) => rep.change?.received ?? null],
    ['Change purchased', (rep) => rep.change?.purchased ?? null],
    ['Change not interested', (rep) => rep.change?.notInterested ?? null],
    ['Change in progress', (rep) => rep.change?.inProgress ?? null],
    ['Change contacts', (rep) => rep.change?.contacts ?? null],
  ];
  return table(columns, review.reps);
}

type LeadRow = RepReview['leads'][number] & { rep: RepReview };

/**
 * Every lead each rep owns, one row each, for going through them one by one
 * in the review meeting: where it stands, what holds it back, how long since
 * it last moved.
 */
export function reviewLeadsCsv(review: WeeklyReview): string {
  const labels = new Map(review.categories.map(({ id, label }) => [id, label]));
  const columns: Array<Column<LeadRow>> = [
    ['Week', () => review.week.id],
    ['Rep id', (row) => row.rep.repId],
    ['Rep', (row) => row.rep.name],
    ['Lead id', (row) => row.leadId],
    ['Name', (row) => row.name],
    ['Company', (row) => row.company ?? null],
    ['Status', (row) => row.status],
    ['Outcome', (row) => row.outcome],
    ['In progress because', (row) => (row.category === null ? null : (labels.get(row.category) ?? row.category))],
    ['Received this week', (row) => row.receivedInWeek],
    ['Assigned at', (row) => row.assignedAt],
    ['Contacts', (row) => row.contacts],
    ['Contacts this week', (row) => row.contactsInWeek],
    ['Days without progress', (row) => row.daysWithoutProgress],
    ['Not interested reason', (row) => row.notInterestedReason],
    ['Purchase value', (row) => row.purchaseValue],
  ];
  return table(columns, review.reps.flatMap((rep) => rep.leads.map((lead) => ({ ...lead, rep }))));
}

function reconciliationColumns(prefix: string, of: (rep: RepReview) => Reconciliation, review: WeeklyReview): Array<Column<RepReview>> {
  return [
    [prefix, (rep) => of(rep).total],
    [`${prefix}: purchased`, (rep) => of(rep).purchased],
    [`${prefix}: not interested`, (rep) => of(rep).notInterested],
    [`${prefix}: in progress`, (rep) => of(rep).inProgress],
    ...review.categories.map(({ id, label }): Column<RepReview> => [
      `${prefix}: in progress, ${label.toLowerCase()}`,
      (rep) => of(rep).inProgressBy.find((entry) => entry.id === id)?.count ?? 0,
    ]),
  ];
}

function table<Row>(columns: ReadonlyArray<Column<Row>>, rows: readonly Row[]): string {
  const lines = [columns.map(([header]) => field(header)), ...rows.map((row) => columns.map(([, value]) => field(value(row))))];
  return lines.map((cells) => `${cells.join(',')}\r\n`).join('');
}

function field(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  // Lead names come from a public form: a spreadsheet would run "=HYPERLINK(…)" as a formula.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
