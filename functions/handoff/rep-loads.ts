import type { Lead } from '../leads/lead.ts';
import type { LeadStore } from '../leads/lead-store.ts';
import type { RepStore } from '../reps/rep-store.ts';
import type { RepLoad } from '../routing/route-lead.ts';
import type { RoutingPolicy } from '../routing/routing-policy.ts';

/**
 * How the routing policy judges a rep's open lead: without logged progress
 * for `staleAfterDays`, and behind on it (follow-up debt): without progress,
 * or with a next step overdue by more than `overdueStepAfterHours`.
 */
export function followUpDebt(policy: Pick<RoutingPolicy, 'followUpDebt'>, now: Date) {
  const staleBefore = now.getTime() - policy.followUpDebt.staleAfterDays * 86_400_000;
  const overdueBefore = now.getTime() - policy.followUpDebt.overdueStepAfterHours * 3_600_000;
  const withoutProgress = (lead: Lead) => Date.parse(lead.lastProgressAt ?? lead.assignment?.at ?? lead.updatedAt) < staleBefore;
  const behind = (lead: Lead) => withoutProgress(lead) || (lead.plan?.next !== undefined && Date.parse(lead.plan.next.dueAt) < overdueBefore);
  return { withoutProgress, behind };
}

/**
 * The roster with each rep's current load: open leads (capacity) and those
 * the rep is behind on (follow-up debt). One query per rep, so the cost
 * grows with the team, not with the table.
 */
export async function repLoads(reps: RepStore, leads: LeadStore, policy: RoutingPolicy, now: Date): Promise<RepLoad[]> {
  const roster = await reps.list();
  const { behind } = followUpDebt(policy, now);
  return Promise.all(
    roster.map(async ({ version, ...rep }) => {
      const open = rep.active ? await leads.openLeadsOf(rep.repId) : [];
      const stale = open.filter(behind);
      return { ...rep, openLeads: open.length, staleLeads: stale.length };
    }),
  );
}
