import { type CsvCell, csvLines } from '../platform/csv.ts';
import { followUpWeights } from './follow-up-score.ts';
import type { Reconciliation, RepReview, ScorePartId, WeeklyReview } from './weekly-review.ts';

type Cell = CsvCell;
type Column<Row> = [header: string, value: (row: Row) => Cell];

/**
 * The review as a spreadsheet, one row per rep: the reconciliation of the
 * leads received during the week and of every lead owned (each with its
 * in-progress categories), then speed to lead, the contact plans' touches
 * due and next steps overdue, the follow-up figures with how the score was
 * made, and the change since last week. RFC 4180:
 * comma-separated, CRLF line ends, a header row.
 */
export function reviewCsv(review: WeeklyReview): string {
  const minutes = review.speedToLead.clock === 'business' ? 'business minutes' : 'minutes';
  const missedThenTaken = (rep: RepReview) => rep.deadlines.missed.filter((missed) => missed.nowWith !== null);
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
    ['Deadlines missed on leads then taken away', (rep) => missedThenTaken(rep).length],
    ['Of those, parked with a manager', (rep) => missedThenTaken(rep).filter((missed) => missed.nowWith!.parked).length],
    ['Speed to lead: first contacts', (rep) => rep.speedToLead.firstContacts],
    [`Speed to lead: median ${minutes}`, (rep) => rep.speedToLead.medianMinutes],
    [`Speed to lead: p90 ${minutes}`, (rep) => rep.speedToLead.p90Minutes],
    ['Speed to lead: share within deadline', (rep) => (rep.speedToLead.withinDeadline === null ? null : round(rep.speedToLead.withinDeadline, 3))],
    ['Plan touches due', (rep) => rep.touches.due],
    ['Plan touches on time', (rep) => rep.touches.onTime],
    ['Plan touches late', (rep) => rep.touches.late],
    ['Plan touches skipped', (rep) => rep.touches.skipped],
    ['Plan touches not done', (rep) => rep.touches.notDone],
    ['Next steps overdue', (rep) => rep.overdueSteps.length],
    ['Contacts logged', (rep) => rep.done.contacts],
    ['First contacts', (rep) => rep.done.firstContacts],
    ['Average contacts before not interested', (rep) => (rep.givingUp.averageContacts === null ? null : round(rep.givingUp.averageContacts))],
    ['Given up early', (rep) => rep.givingUp.early.length],
    ['Of those, before the plan\'s fifth touch', (rep) => rep.givingUp.early.filter((lead) => lead.touchesDone !== null).length],
    ['Follow-up score', (rep) => rep.followUpScore],
    ...(Object.keys(followUpWeights) as ScorePartId[]).flatMap(scorePartColumns),
    ['Follow-up score explained', (rep) => rep.followUpScoreParts.map((part) => `${part.label} ${part.points}/${part.weight}: ${part.detail}`).join('; ') || null],
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
    ['Plan', (row) => row.plan],
    ['Plan touches done', (row) => row.touchesDone],
    ['Next step due', (row) => row.nextStepDueAt],
  ];
  return table(columns, review.reps.flatMap((rep) => rep.leads.map((lead) => ({ ...lead, rep }))));
}

type PlanRow = WeeklyReview['plans'][number];

/**
 * The contact plans, one row each, for tuning them: the leads that started
 * the plan, how many reached each touch, and the touch done last before each
 * purchase ("Purchased after touch 0": before any). Columns run to the
 * longest plan's touches; a shorter plan's are empty, not zero.
 */
export function reviewPlansCsv(review: WeeklyReview): string {
  const longest = Math.max(0, ...review.plans.map((plan) => plan.length));
  const touches = Array.from({ length: longest }, (_, index) => index + 1);
  const count = (entries: PlanRow['reached'], touch: number) => entries.find((entry) => entry.touch === touch)?.leads ?? null;
  const columns: Array<Column<PlanRow>> = [
    ['Week', () => review.week.id],
    ['Plan id', (plan) => plan.planId],
    ['Plan', (plan) => plan.name],
    ['Touches', (plan) => plan.length],
    ['Leads', (plan) => plan.leads],
    ...touches.map((touch): Column<PlanRow> => [`Reached touch ${touch}`, (plan) => count(plan.reached, touch)]),
    ['Purchased', (plan) => plan.purchased],
    ...[0, ...touches].map((touch): Column<PlanRow> => [`Purchased after touch ${touch}`, (plan) => count(plan.purchasedAfter, touch)]),
  ];
  return table(columns, review.plans);
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
  return csvLines([columns.map(([header]) => header), ...rows.map((row) => columns.map(([, value]) => value(row)))]);
}

// Empty for a part that did not apply to the rep's week, which is not the same as a zero.
function scorePartColumns(id: ScorePartId): Array<Column<RepReview>> {
  const part = (rep: RepReview) => rep.followUpScoreParts.find((each) => each.id === id);
  return [
    [`Score ${id}: weight`, (rep) => part(rep)?.weight ?? null],
    [`Score ${id}: value`, (rep) => (part(rep) ? round(part(rep)!.value, 3) : null)],
    [`Score ${id}: points`, (rep) => part(rep)?.points ?? null],
  ];
}

function round(value: number, decimals = 1): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
