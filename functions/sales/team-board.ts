import { followUpDebt } from '../handoff/rep-loads.ts';
import type { Lead } from '../leads/lead.ts';
import type { StoredRep } from '../reps/rep-store.ts';
import type { RoutingPolicy } from '../routing/routing-policy.ts';

/** One rep's row on their manager's board: who, how loaded, and what they are late on. */
export type RepOnBoard = {
  repId: string;
  name: string;
  email: string;
  team: string;
  active: boolean;
  capacity: number;
  openLeads: number;
  /** Open, never contacted, and the first-contact deadline has passed. */
  overdueFirstContacts: number;
  /** Open leads without logged progress for the policy's `staleAfterDays`. */
  withoutProgress: number;
  /** Leads behind, as routing counts follow-up debt. */
  behind: number;
  /** More leads behind than the policy allows: routing passes the rep over. */
  inFollowUpDebt: boolean;
  /** Open leads whose next step was due before now. */
  nextStepsOverdue: number;
  /** The rep's open leads, what is due first, each with what it is late on. */
  leads: Array<{ lead: Lead; late: LateOn }>;
};

export type LateOn = { firstContact: boolean; withoutProgress: boolean; behind: boolean; nextStep: boolean };

/** A fallback queue the manager watches, with the leads waiting in it for them. */
export type QueueOnBoard = { queue: string; leads: Array<{ lead: Lead; late: LateOn }> };

export type TeamBoard = { managerEmail: string; at: string; reps: RepOnBoard[]; queues: QueueOnBoard[] };

/**
 * A manager's team board from what was read: their reps (the roster's reps
 * whose manager they are, as the sales desk decides teams), each rep's open
 * leads, and the open leads of the fallback queues, of which only those the
 * manager is told about are theirs.
 */
export function teamBoard(
  managerEmail: string,
  team: readonly StoredRep[],
  openLeads: ReadonlyMap<string, readonly Lead[]>,
  queues: ReadonlyMap<string, readonly Lead[]>,
  policy: Pick<RoutingPolicy, 'followUpDebt'>,
  now: Date,
): TeamBoard {
  const debt = followUpDebt(policy, now);
  const lateOn = (lead: Lead): LateOn => ({
    firstContact: !lead.firstContactAt && lead.assignment !== undefined && Date.parse(lead.assignment.deadlineAt) < now.getTime(),
    withoutProgress: debt.withoutProgress(lead),
    behind: debt.behind(lead),
    nextStep: lead.plan?.next !== undefined && Date.parse(lead.plan.next.dueAt) < now.getTime(),
  });
  const count = (leads: Array<{ late: LateOn }>, what: keyof LateOn) => leads.filter(({ late }) => late[what]).length;
  return {
    managerEmail,
    at: now.toISOString(),
    reps: team.map((rep) => {
      const leads = (openLeads.get(rep.repId) ?? []).map((lead) => ({ lead, late: lateOn(lead) }));
      const behind = count(leads, 'behind');
      return {
        repId: rep.repId,
        name: rep.name,
        email: rep.email,
        team: rep.team,
        active: rep.active,
        capacity: rep.capacity,
        openLeads: leads.length,
        overdueFirstContacts: count(leads, 'firstContact'),
        withoutProgress: count(leads, 'withoutProgress'),
        behind,
        inFollowUpDebt: behind > policy.followUpDebt.maxStaleLeads,
        nextStepsOverdue: count(leads, 'nextStep'),
        leads,
      };
    }),
    queues: [...queues].map(([queue, leads]) => ({
      queue,
      leads: leads.filter((lead) => lead.owner?.type === 'queue' && lead.owner.notifyEmail.toLowerCase() === managerEmail).map((lead) => ({ lead, late: lateOn(lead) })),
    })),
  };
}
