import type { Temperature } from '../scoring/temperatures.ts';
import type { Rep } from './rep.ts';
import type { Authority, Budget } from '../leads/vocabulary.ts';
import type { RoutingPolicy, TeamRule } from './routing-policy.ts';

/** What routing reads of a lead: its score and the profile fields team rules may name. */
export type RoutableLead = {
  score: number;
  temperature: Temperature;
  budget?: Budget;
  country?: string;
  region?: string;
  interest?: string;
  authority?: Authority;
};

/** A rep with the load the store read just before routing. */
export type RepLoad = Rep & {
  /** Leads the rep holds that are not closed. */
  openLeads: number;
  /** Open leads the rep is behind on: no logged progress for the policy's `staleAfterDays`, or a next step overdue by its `overdueStepAfterHours`. */
  staleLeads: number;
  /** Leads the rep has received so far: the rotation's only memory. */
  assignedCount: number;
};

export type SkipReason = 'excluded' | 'other-team' | 'inactive' | 'at-capacity' | 'follow-up-debt' | 'other-territory';
export type SkippedRep = { repId: string; why: SkipReason };

/** `rule` is the decision path, such as `team:high-value-budget → territory:country → rotation`. */
export type RoutingDecision =
  | { type: 'rep'; repId: string; team: string; rule: string; reason: string; skipped: SkippedRep[] }
  | { type: 'fallback'; queue: string; notifyEmail: string; team: string; rule: string; reason: string; skipped: SkippedRep[] };

export type RouteOptions = {
  /** Reps who must not get the lead, such as the rep it is being taken from. */
  exclude?: readonly string[];
};

type Coverage = 'region' | 'country' | 'any';
const coverageOrder: readonly Coverage[] = ['region', 'country', 'any'];

const unavailableWords: Record<SkipReason, string> = {
  excluded: 'excluded',
  'other-team': 'on another team',
  inactive: 'inactive',
  'at-capacity': 'at capacity',
  'follow-up-debt': 'in follow-up debt',
  'other-territory': 'covering another territory',
};

/**
 * Picks the rep who gets a lead, or the fallback queue when nobody is
 * eligible, and explains the choice. The caller stores the assignment with
 * `assignedCount + 1` under an optimistic condition and routes again on a
 * lost race, which keeps the rotation fair under concurrency.
 */
export function routeLead(
  lead: RoutableLead,
  reps: readonly RepLoad[],
  policy: RoutingPolicy,
  options: RouteOptions = {},
): RoutingDecision {
  const { team, path, sentence } = chooseTeam(lead, policy);
  const excluded = new Set(options.exclude);
  const assessed = reps.map((rep) => ({
    rep,
    coverage: coverageOf(rep, lead),
    why: unavailability(rep, team, excluded, policy),
  }));
  const best = coverageOrder.find((level) => assessed.some((a) => a.why === undefined && a.coverage === level));
  const isCandidate = (a: Assessed) => best !== undefined && a.why === undefined && a.coverage === best;
  const skipped = assessed
    .filter((a) => !isCandidate(a))
    .map((a) => ({ repId: a.rep.repId, why: a.why ?? ('other-territory' as const) }));

  if (best === undefined) {
    const { problem, cause } = whyNobody(assessed.filter((a) => a.rep.team === team), team, lead);
    return {
      type: 'fallback',
      ...policy.fallback,
      team,
      rule: `${path} → fallback:${cause}`,
      reason: `${sentence}; ${problem}; left in the ${policy.fallback.queue} queue for ${policy.fallback.notifyEmail}`,
      skipped,
    };
  }

  const candidates = assessed.filter(isCandidate).map((a) => a.rep);
  const rep = candidates.reduce((next, other) => (comesFirst(other, next) ? other : next));
  return {
    type: 'rep',
    repId: rep.repId,
    team,
    rule: `${path} → territory:${best} → rotation`,
    reason: [
      sentence,
      best === 'any' ? `${rep.name} takes any territory` : `${rep.name} covers ${placeOf(lead)}`,
      candidates.length === 1 ? 'the only rep available' : `next in weighted rotation of ${candidates.length}`,
    ].join('; '),
    skipped,
  };
}

function chooseTeam(lead: RoutableLead, policy: RoutingPolicy): { team: string; path: string; sentence: string } {
  for (const rule of policy.teams) {
    const details = matchOf(rule.when, lead);
    if (details) {
      return { team: rule.team, path: `team:${rule.id}`, sentence: `${rule.reason} (${details.join(', ')}) to ${rule.team} sales` };
    }
  }
  const details = [`score ${lead.score}`, ...(lead.budget ? [`budget ${lead.budget}`] : [])];
  return {
    team: policy.defaultTeam,
    path: 'team:default',
    sentence: `No team rule matched (${details.join(', ')}); ${policy.defaultTeam} sales by default`,
  };
}

/** The lead's values that satisfied every condition of the rule, or undefined when one failed. */
function matchOf(when: TeamRule['when'], lead: RoutableLead): string[] | undefined {
  const checks = [
    when.minScore === undefined ? undefined : { holds: lead.score >= when.minScore, detail: `score ${lead.score}` },
    oneOf(when.temperatures, lead.temperature, 'temperature'),
    oneOf(when.budgets, lead.budget, 'budget'),
    oneOf(when.countries, lead.country, 'country'),
    oneOf(when.interests, lead.interest?.trim().toLowerCase(), 'interest'),
    oneOf(when.authorities, lead.authority, 'authority'),
  ].filter((check) => check !== undefined);
  return checks.every((check) => check.holds) ? checks.map((check) => check.detail) : undefined;
}

function oneOf(list: readonly string[] | undefined, value: string | undefined, name: string) {
  return list === undefined ? undefined : { holds: value !== undefined && list.includes(value), detail: `${name} ${value}` };
}

/** The most specific way the rep's territories cover the lead; undefined when they do not. */
function coverageOf(rep: Rep, lead: RoutableLead): Coverage | undefined {
  if (rep.territories.length === 0) return 'any';
  const inCountry = rep.territories.filter((t) => t.country === lead.country);
  // A region-scoped territory covers only that region, not leads that name none.
  const region = lead.region?.trim().toLowerCase();
  if (region && inCountry.some((t) => t.region?.toLowerCase() === region)) return 'region';
  return inCountry.some((t) => t.region === undefined) ? 'country' : undefined;
}

function unavailability(rep: RepLoad, team: string, excluded: ReadonlySet<string>, policy: RoutingPolicy): SkipReason | undefined {
  if (excluded.has(rep.repId)) return 'excluded';
  if (rep.team !== team) return 'other-team';
  if (!rep.active) return 'inactive';
  if (rep.openLeads >= rep.capacity) return 'at-capacity';
  if (rep.staleLeads > policy.followUpDebt.maxStaleLeads) return 'follow-up-debt';
  return undefined;
}

type Assessed = { rep: RepLoad; coverage: Coverage | undefined; why: SkipReason | undefined };

function whyNobody(teamReps: readonly Assessed[], team: string, lead: RoutableLead): { problem: string; cause: string } {
  if (teamReps.length === 0) return { problem: `nobody is on the ${team} team`, cause: 'empty-team' };
  const covering = teamReps.filter((a) => a.coverage !== undefined);
  if (covering.length === 0) return { problem: `no ${team} rep covers ${placeOf(lead)}`, cause: 'uncovered-territory' };
  const whys = [...new Set(covering.map((a) => unavailableWords[a.why ?? 'other-territory']))];
  const states = whys.length === 1 ? whys[0] : `${whys.slice(0, -1).join(', ')} or ${whys.at(-1)}`;
  const who =
    covering.length === 1
      ? `the only ${team} rep for ${placeOf(lead)} is`
      : `all ${covering.length} ${team} reps for ${placeOf(lead)} are`;
  return { problem: `${who} ${states}`, cause: 'all-unavailable' };
}

function placeOf(lead: RoutableLead): string {
  if (lead.country === undefined) return 'leads without a country';
  return lead.region ? `${lead.country} (${lead.region})` : lead.country;
}

/**
 * Smooth weighted round robin without stored state: the rep furthest behind
 * their share goes first, that is the lowest (assignedCount + 1) / weight,
 * compared by cross-multiplying to stay exact; ties go to the rep with fewer
 * leads, then by repId so that every caller picks the same rep.
 */
function comesFirst(a: RepLoad, b: RepLoad): boolean {
  const behind = (a.assignedCount + 1) * b.weight - (b.assignedCount + 1) * a.weight;
  if (behind !== 0) return behind < 0;
  if (a.assignedCount !== b.assignedCount) return a.assignedCount < b.assignedCount;
  return a.repId < b.repId;
}
