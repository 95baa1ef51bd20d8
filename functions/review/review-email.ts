import type { Rep } from '../routing/rep.ts';
import { followedUp } from './follow-up-score.ts';
import { sumReconciliations } from './lead-categories.ts';
import { bar, dateTimeFormat, duration, filled, trend, weekLabel } from './printed-figures.ts';
import type { LeadRef, RepReview, TerritoryVerdict, WeeklyReview } from './weekly-review.ts';

// An email is read, not searched: longer lists are in the full report behind links.reportUrl.
const listLimit = 5;
const topRows = 5;

type Named = { name: string; company: string | null };

/**
 * The variables of `review/weekly-review` (the `review` kind in
 * template-variables.ts) for one manager's email: their team (the reps whose
 * managerEmail is theirs), recognition of the best follow-up first and
 * follow-up debt after, the territories their reps cover, marketing's funnel
 * and the clutter that concerns them. Charts are ready-made percentages,
 * since an email can compute nothing; names of leads are capped per list.
 */
export function reviewEmailVariables(
  review: WeeklyReview,
  manager: { email: string; name?: string },
  reps: readonly Pick<Rep, 'repId' | 'managerEmail'>[],
  links: { reportUrl: string },
  company: { name: string; postalAddress: string },
) {
  const teamIds = new Set(reps.filter((rep) => rep.managerEmail.toLowerCase() === manager.email.toLowerCase()).map((rep) => rep.repId));
  const team = review.reps.filter((rep) => teamIds.has(rep.repId));
  const ranking = review.ranking.filter((rep) => teamIds.has(rep.repId));
  const debt = review.followUpDebt.filter((rep) => teamIds.has(rep.repId));
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
  };
}

function repBlock(rep: RepReview, formatAt: (at: string) => string) {
  const openLeads = rep.owned.inProgress;
  return {
    name: rep.name,
    email: rep.email,
    status: rep.active ? 'active' : 'inactive',
    score: rep.followUpScore,
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
        contacted: lead.firstContactAt ? `contacted ${formatAt(lead.firstContactAt)}` : 'not contacted yet',
      })),
      more: more(rep.deadlines.missed),
    },
    firstContactTime: rep.medianMinutesToFirstContact === null ? null : duration(rep.medianMinutesToFirstContact),
    stale: capped(rep.stale).map((lead) => ({ ...named(lead), days: lead.days })),
    staleLeads: rep.stale.length,
    staleMore: more(rep.stale),
    givingUp: {
      averageContacts: rep.givingUp.averageContacts === null ? null : rep.givingUp.averageContacts.toFixed(1),
      early: capped(rep.givingUp.early).map((lead) => ({ ...named(lead), contacts: lead.contacts, reason: lead.reasonLabel ?? lead.reason ?? 'no reason given' })),
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





function recognitionReason(rep: WeeklyReview['ranking'][number]): string {
  const deadlines = rep.deadlinesDue === 0 ? 'no first-contact deadline due' : `${rep.deadlinesMet} of ${rep.deadlinesDue} first contacts on time`;
  const perLead = rep.openLeads === 0 ? 'no open lead left waiting' : `${(rep.contacts / rep.openLeads).toFixed(1)} contacts per open lead`;
  return `${deadlines}, ${perLead}, no stale leads`;
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
