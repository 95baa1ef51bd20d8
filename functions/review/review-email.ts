import type { Rep } from '../routing/rep.ts';
import { followedUp } from './follow-up-score.ts';
import { managerView } from './manager-view.ts';
import { sumTouches } from './plan-review.ts';
import { sumReconciliations } from './lead-categories.ts';
import { bar, dateTimeFormat, duration, filled, trend, weekLabel } from './printed-figures.ts';
import type { LeadRef, MissedDeadline, OverdueStep, RepReview, SpeedToLead, TerritoryVerdict, WeeklyReview } from './weekly-review.ts';

// An email is read, not searched: longer lists are in the full report behind links.reportUrl.
const listLimit = 5;
const topRows = 5;

type Named = { name: string; company: string | null };

/**
 * The variables of `review/weekly-review` (the `review` kind in
 * template-variables.ts) for one manager's email: their team (the reps whose
 * managerEmail is theirs), the leads parked with them, speed to lead,
 * recognition of the best follow-up first and follow-up debt after, how each
 * rep kept to the contact plans (touches due, next steps overdue), the
 * territories their reps cover, how far each plan takes its leads,
 * marketing's funnel and the clutter that concerns them. Charts are
 * ready-made percentages and durations are text, since an email can compute
 * nothing; names of leads are capped per list.
 */
export function reviewEmailVariables(
  review: WeeklyReview,
  manager: { email: string; name?: string },
  reps: readonly Pick<Rep, 'repId' | 'managerEmail'>[],
  links: { reportUrl: string },
  company: { name: string; postalAddress: string },
) {
  const { reps: team, ranking, followUpDebt: debt, parked } = managerView(review, reps, manager.email);
  const teamIds = new Set(team.map((rep) => rep.repId));
  // Best follow-up first, follow-up debt after, and reps who left last: their leads are a clean-up matter.
  const place = (rep: RepReview): number => {
    const ranked = ranking.findIndex(({ repId }) => repId === rep.repId);
    const owing = debt.findIndex(({ repId }) => repId === rep.repId);
    if (ranked >= 0) return ranked;
    if (!rep.active) return 3 * team.length;
    return owing >= 0 ? 2 * team.length + owing : team.length;
  };
  const ordered = [...team].sort((a, b) => place(a) - place(b));
  const formatAt = dateTimeFormat(review.week.timeZone);
  // The best of those who did something: a higher score earned by doing nothing is no reason for praise.
  const praised = ranking.filter(followedUp);
  const topScore = praised[0]?.score;
  return {
    manager: { email: manager.email, name: manager.name ?? null },
    week: { id: review.week.id, start: review.week.start, end: review.week.end, label: weekLabel(review.week), previous: review.previousWeek },
    team: teamFigures(team, review),
    parked: capped(parked).map((lead) => ({
      ...named(lead),
      missedBy: namesInWords([...new Set(lead.missed.map(({ name }) => name))]),
      missedDeadlines: lead.missed.length,
      since: formatAt(lead.since),
      days: lead.days,
    })),
    parkedLeads: parked.length,
    parkedMore: more(parked),
    speedToLead: speedFigures(review, ordered),
    recognition: praised
      .filter((rep) => rep.score === topScore)
      .map((rep) => ({ name: rep.name, score: rep.score, reason: recognitionReason(rep) })),
    ranking: ranking.map((rep, index) => ({ place: index + 1, name: rep.name, score: rep.score })),
    reps: ordered.map((rep) => repBlock(rep, formatAt)),
    followUpDebt: debt.map(({ name, staleLeads, oldestDays }) => ({ name, staleLeads, oldestDays })),
    territories: review.territories
      .filter((territory) => territory.verdict === 'uncovered' || territory.reps.some(({ repId }) => teamIds.has(repId)))
      .map((territory) => ({
        label: territory.label,
        reps: territory.reps.map(({ name }) => name).join(', ') || 'nobody',
        inquiries: territory.inquiries,
        inquiriesNeeded: territory.inquiriesNeeded,
        inquiriesPercent: filled(territory.inquiries, territory.inquiriesNeeded),
        qualified: territory.qualified,
        qualifiedNeeded: territory.qualifiedNeeded,
        qualifiedPercent: filled(territory.qualified, territory.qualifiedNeeded),
        verdict: territory.verdict,
        verdictLabel: verdictLabels[territory.verdict],
      })),
    plans: planFigures(review.plans),
    funnel: funnelFigures(review.funnel),
    hygiene: hygieneFigures(review, teamIds, new Set(reps.map((rep) => rep.repId))),
    links,
    company,
  };
}

function teamFigures(team: readonly RepReview[], review: WeeklyReview) {
  const total = (pick: (rep: RepReview) => number) => team.reduce((sum, rep) => sum + pick(rep), 0);
  return {
    reps: team.length,
    received: bar(sumReconciliations(team.map((rep) => rep.received), review.categories)),
    owned: bar(sumReconciliations(team.map((rep) => rep.owned), review.categories)),
    contacts: total((rep) => rep.done.contacts),
    deadlinesDue: total((rep) => rep.deadlines.due),
    deadlinesMet: total((rep) => rep.deadlines.met),
    staleLeads: total((rep) => rep.stale.length),
    touches: sumTouches(team.map((rep) => rep.touches)),
    overdueSteps: total((rep) => rep.overdueSteps.length),
  };
}

function repBlock(rep: RepReview, formatAt: (at: string) => string) {
  const openLeads = rep.owned.inProgress;
  return {
    name: rep.name,
    email: rep.email,
    status: rep.active ? 'active' : 'inactive',
    score: rep.followUpScore,
    scoreParts: rep.followUpScoreParts.map(({ label, weight, points, detail }) => ({ label, weight, points, detail })),
    received: bar(rep.received),
    owned: bar(rep.owned),
    inProgressBy: rep.owned.inProgressBy
      .filter((entry) => entry.count > 0)
      .map((entry) => ({ label: entry.label, count: entry.count, percent: filled(entry.count, openLeads) })),
    change: rep.change && {
      received: trend(rep.change.received),
      purchased: trend(rep.change.purchased),
      notInterested: trend(rep.change.notInterested),
      inProgress: trend(rep.change.inProgress),
      contacts: trend(rep.change.contacts),
    },
    deadlines: {
      due: rep.deadlines.due,
      met: rep.deadlines.met,
      missed: capped(rep.deadlines.missed).map((lead) => ({
        ...named(lead),
        deadline: formatAt(lead.deadlineAt),
        contacted: afterTheMiss(lead, formatAt),
      })),
      more: more(rep.deadlines.missed),
    },
    stale: capped(rep.stale).map((lead) => ({ ...named(lead), days: lead.days })),
    staleLeads: rep.stale.length,
    staleMore: more(rep.stale),
    touches: rep.touches,
    overdue: capped(rep.overdueSteps).map((lead) => ({ ...named(lead), step: stepInWords(lead), due: formatAt(lead.dueAt), days: lead.daysOverdue })),
    overdueSteps: rep.overdueSteps.length,
    overdueMore: more(rep.overdueSteps),
    givingUp: {
      averageContacts: rep.givingUp.averageContacts === null ? null : rep.givingUp.averageContacts.toFixed(1),
      early: capped(rep.givingUp.early).map((lead) => ({
        ...named(lead),
        contacts: lead.contacts,
        // A lead with a plan is judged by its touches, so the email says how far into the plan it got.
        after: lead.touchesDone === null ? `after ${plural(lead.contacts, 'contact')}` : `after ${lead.touchesDone} of ${lead.beforeTouch} plan touches`,
        reason: lead.reasonLabel ?? lead.reason ?? 'no reason given',
      })),
      more: more(rep.givingUp.early),
    },
    // An empty text is true in Liquid: absent is what `{% if %}` can test.
    focus: { items: rep.focus.items, setBy: rep.focus.setBy.join(', ') || null },
    done: {
      contacts: rep.done.contacts,
      firstContacts: rep.done.firstContacts,
      purchased: rep.done.purchased.map(named),
      notInterested: rep.done.notInterested.map(named),
    },
  };
}

// Team rows are whole teams, every manager's reps included: the benchmark a rep is measured against.
function speedFigures(review: WeeklyReview, reps: readonly RepReview[]) {
  const { speedToLead } = review;
  const teams = new Set(reps.map((rep) => rep.team));
  const row = (kind: 'team' | 'total' | 'rep', label: string, speed: SpeedToLead) => ({ kind, label, ...speedSummary(speed) });
  const measured = (speed: SpeedToLead) => speed.firstContacts > 0 || speed.deadlinesDue > 0;
  return {
    clock: speedToLead.businessHours ? `business hours (${hoursInWords(speedToLead.businessHours)}, in each rep's time zone)` : 'calendar time',
    // A row with no first contact and no deadline has nothing to say: a week without handoffs shows no table.
    rows: [
      ...speedToLead.teams.filter((speed) => teams.has(speed.team) && measured(speed)).map((speed) => row('team', `Team ${speed.team}`, speed)),
      ...(speedToLead.teams.length > 1 && measured(speedToLead.total) ? [row('total', 'All teams', speedToLead.total)] : []),
      ...reps.filter((rep) => measured(rep.speedToLead)).map((rep) => row('rep', rep.name, rep.speedToLead)),
    ],
  };
}

/** "median 42 min · p90 3 h 10 min · 80% within deadline", and the counts it rests on. */
function speedSummary(speed: SpeedToLead) {
  const median = speed.medianMinutes === null ? null : duration(speed.medianMinutes);
  const p90 = speed.p90Minutes === null ? null : duration(speed.p90Minutes);
  // 199 of 200 is not 100%: only all of them is.
  const within = speed.withinDeadline === null ? null : `${speed.deadlinesMet === speed.deadlinesDue ? 100 : Math.min(99, Math.round(speed.withinDeadline * 100))}%`;
  const times = median === null ? 'no first contact logged' : `median ${median} · p90 ${p90}`;
  return {
    median,
    p90,
    withinDeadline: within,
    summary: within === null ? times : `${times} · ${within} within deadline`,
    counts: `${speed.firstContacts} first ${speed.firstContacts === 1 ? 'contact' : 'contacts'}${speed.deadlinesDue > 0 ? ` · ${speed.deadlinesMet} of ${speed.deadlinesDue} deadlines met` : ''}`,
  };
}

const weekdays = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "09:00–17:00, Mon–Fri". */
function hoursInWords(hours: NonNullable<WeeklyReview['speedToLead']['businessHours']>): string {
  const days = [...hours.days].sort((a, b) => a - b);
  const contiguous = days.length > 2 && days.every((day, index) => index === 0 || day === days[index - 1]! + 1);
  const dayText = contiguous ? `${weekdays[days[0]!]}–${weekdays[days.at(-1)!]}` : days.map((day) => weekdays[day]).join(', ');
  return `${hours.start}–${hours.end}, ${dayText}`;
}

function afterTheMiss(lead: MissedDeadline, formatAt: (at: string) => string): string {
  if (lead.nowWith) return lead.nowWith.parked ? `taken away, now parked with ${lead.nowWith.owner}` : `taken away, now with ${lead.nowWith.owner}`;
  if (lead.firstContactAt) return `contacted ${formatAt(lead.firstContactAt)}`;
  return lead.closedWithoutContact ? 'closed without a contact' : 'not contacted yet';
}

// Bars are shares of the plan's leads; purchases list only the touches some purchase followed.
function planFigures(plans: WeeklyReview['plans']) {
  return plans.map((plan) => ({
    name: plan.name,
    leads: plan.leads,
    reached: plan.reached.map(({ touch, leads }) => ({ touch, leads, percent: filled(leads, plan.leads) })),
    purchased: plan.purchased,
    purchasedAfter: plan.purchasedAfter
      .filter(({ leads }) => leads > 0)
      .map(({ touch, leads }) => ({ label: touch === 0 ? 'before touch 1' : `touch ${touch}`, leads })),
  }));
}

/** "touch 3 of Field: 8 touches over 3 weeks", "the step after Desk: 6 touches over 2 weeks". */
function stepInWords(step: OverdueStep): string {
  if (step.kind === 'touch' && step.touch !== null) return `touch ${step.touch} of ${step.plan}`;
  return step.kind === 'check-in' ? 'the check-in' : `the step after ${step.plan}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function funnelFigures(funnel: WeeklyReview['funnel']) {
  const rows = (entries: WeeklyReview['funnel']['bySource']) =>
    entries.slice(0, topRows).map(({ key, stages }) => {
      const count = (id: string) => stages.find((stage) => stage.id === id)?.count ?? 0;
      return { key, captured: count('captured'), hot: count('hot'), handedOff: count('handed-off'), purchased: count('purchased') };
    });
  return {
    stages: funnel.stages.map((stage) => ({
      label: stage.label,
      count: stage.count,
      percent: stage.ofCaptured === null ? 0 : Math.round(stage.ofCaptured * 100),
      fromPrevious: stage.fromPrevious === null ? null : `${Math.round(stage.fromPrevious * 100)}%`,
    })),
    sources: rows(funnel.bySource),
    campaigns: rows(funnel.byCampaign),
    tipsBeforeHot: {
      leads: funnel.tipsBeforeHot.leads,
      averageTips: funnel.tipsBeforeHot.averageTips === null ? null : funnel.tipsBeforeHot.averageTips.toFixed(1),
      lastTips: funnel.tipsBeforeHot.lastTips.slice(0, topRows),
    },
  };
}

// Leads of a queue or of a rep no longer on the roster concern every manager; the rest only the owner's.
function hygieneFigures(review: WeeklyReview, teamIds: ReadonlySet<string>, rosterIds: ReadonlySet<string>) {
  const ours = (entry: { ownerRepId: string | null }) => entry.ownerRepId === null || teamIds.has(entry.ownerRepId) || !rosterIds.has(entry.ownerRepId);
  const stale = review.hygiene.stale.filter(ours);
  const orphaned = review.hygiene.orphaned.filter(ours);
  const duplicates = review.hygiene.duplicates.filter((group) => group.leads.some((lead) => lead.ownerRepId !== null && teamIds.has(lead.ownerRepId)));
  return {
    stale: capped(stale).map((lead) => ({ ...named(lead), owner: lead.owner ?? 'nobody', days: lead.days })),
    staleLeads: stale.length,
    staleMore: more(stale),
    orphaned: capped(orphaned).map((lead) => ({ ...named(lead), owner: lead.owner ?? 'nobody', reason: orphanLabels[lead.reason] })),
    orphanedLeads: orphaned.length,
    orphanedMore: more(orphaned),
    duplicates: capped(duplicates).map((group) => ({
      leads: group.leads.map((lead) => `${lead.name} <${lead.email}> (${lead.owner ?? 'nobody'})`).join(' · '),
      reason: group.reasons.map((reason) => duplicateLabels[reason]).join(', '),
    })),
    duplicateGroups: duplicates.length,
    duplicatesMore: more(duplicates),
  };
}

const verdictLabels: Record<TerritoryVerdict, string> = {
  'under-served': 'Under-served',
  'on-target': 'On target',
  'over-delivering': 'Over-delivering',
  uncovered: 'No rep covers it',
};
const orphanLabels = { 'inactive-rep': 'owner inactive', queue: 'in a queue', 'unknown-rep': 'owner unknown' } as const;
const duplicateLabels = { 'same-address': 'same email address', 'same-name-and-company': 'same name and company' } as const;

// The score's own parts, so that the praise says what the score says.
function recognitionReason(rep: WeeklyReview['ranking'][number]): string {
  return [...rep.parts.map(({ detail }) => detail), 'no stale leads'].join(', ');
}

/** "Anna", "Anna and Ben", "Anna, Ben and Cléo". */
function namesInWords(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? 'nobody') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function named(lead: LeadRef): Named {
  return { name: lead.name, company: lead.company ?? null };
}

function capped<Item>(items: readonly Item[]): Item[] {
  return items.slice(0, listLimit);
}

function more(items: readonly unknown[]): number {
  return Math.max(0, items.length - listLimit);
}
