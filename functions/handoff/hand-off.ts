import { reachedStage } from '../marketing/tallies.ts';
import { leadHandedOff } from '../events/lead-handed-off.ts';
import type { HistoryEntry } from '../leads/history.ts';
import { type Assignment, compact, isOpen, type Lead, type Owner, ownerIdOf, ownerName } from '../leads/lead.ts';
import { type LeadDecision, updateLeadAnswering } from '../leads/update-lead.ts';
import { type RepLoad, type RoutingDecision, routeLead } from '../routing/route-lead.ts';
import { exited } from '../nurture/sequence.ts';
import { planContext, planOnAssignment } from '../plans/next-step.ts';
import { nurtureScheduleName } from '../nurture/schedule-name.ts';
import { firstContactDeadlines } from './deadlines.ts';
import type { HandoffDeps } from './handoff-deps.ts';
import { notifyAssignment } from './handoff-notices.ts';
import { repLoads } from './rep-loads.ts';
import { cancelFirstContactDeadlines, scheduleDeadline } from '../schedules/first-contact-deadlines.ts';

/** Why a lead needs an owner: it turned hot, its owner lost it, or a manager chose another rep for it. */
export type HandoffTrigger =
  | { type: 'hot'; leadId: string; episode: number }
  | {
      type: 'take-back';
      leadId: string;
      fromOwnerId: string;
      why: Exclude<TakeBackReason, 'manager-reassigned'>;
      /** The assignment taken back, when the trigger is about one: a late redelivery must not take a lead that came back since. */
      assignment?: number;
    }
  | {
      type: 'take-back';
      leadId: string;
      fromOwnerId: string;
      why: 'manager-reassigned';
      /** The assignment the manager saw: a lead that moved on since is not moved again. */
      assignment: number;
      /** The rep the manager chose, instead of the routing policy's pick. */
      toRepId: string;
      /** The manager who chose, and what they said about it. */
      by: string;
      note?: string | undefined;
    }
  | {
      /** An assignment recorded already (a manager's reassignment at the sales desk): what is left is telling and the deadlines. */
      type: 'recorded';
      leadId: string;
      assignment: number;
    };

export type TakeBackReason = 'deadline-missed' | 'rep-deactivated' | 'manager-reassigned';

/** What deciding and recording an assignment needs, without telling anybody: the sales desk records a manager's choice with it. */
export type AssignmentDeps = Pick<HandoffDeps, 'leads' | 'reps' | 'schedules' | 'policy' | 'plans' | 'managerTimeZone' | 'now'>;

export type HandoffOutcome = { type: 'handed-off'; ownerId: string; episode: number } | { type: 'skipped'; reason: string };

// Concurrent handoffs compete for the same rotation counters; with backoff, ten tries outlast a burst.
const maxAttempts = 10;

/**
 * Gives a lead one accountable owner, tells them (and the owner it was taken
 * from, and their manager when a deadline was missed), and sets the
 * first-contact deadline. Every step is safe to repeat: a redelivered
 * trigger finds the assignment made and completes what is missing.
 */
export async function handOff(trigger: HandoffTrigger, deps: HandoffDeps): Promise<HandoffOutcome> {
  const assigned = await assign(trigger, deps);
  if (assigned.type === 'skipped') return assigned;
  const { lead, owner, assignment } = assigned;
  const ownerId = ownerIdOf(owner)!;

  if (assigned.type === 'assigned') await notifyAssignment(lead, deps);
  await scheduleDeadline(deps.schedules, lead, 'remind');
  if (assigned.type === 'kept') return { type: 'skipped', reason: `no rep can take it yet: it stays with ${ownerId}, offered again after ${assignment.reassignAt}` };
  await deps.figures.record(reachedStage(lead, 'handed-off', assignment.at));
  await deps.events.publish(leadHandedOff, {
    version: 1,
    leadId: lead.leadId,
    episode: assignment.episode,
    owner: owner.type === 'rep' ? { type: 'rep', repId: owner.repId, team: owner.team } : { type: 'queue', queue: owner.queue },
    rule: assignment.rule,
    reason: assignment.reason,
    deadlineAt: assignment.deadlineAt,
    at: assignment.at,
    ...(assignment.previous ? { previousRepId: ownerIdOf(assignment.previous.owner) } : {}),
  });
  return { type: 'handed-off', ownerId, episode: assignment.episode };
}

/** `kept`: routing found nobody better than the queue that holds the lead; only its deadlines moved. */
export type Assigned = { type: 'assigned' | 'kept'; lead: Lead; owner: Owner; assignment: Assignment };

type Skipped = Extract<HandoffOutcome, { type: 'skipped' }>;

/**
 * Decides and records the lead's owner under the optimistic lock (the rep's
 * rotation counter moving with it), without telling anyone: `handOff` tells.
 */
export function assign(trigger: HandoffTrigger, deps: AssignmentDeps): Promise<Assigned | Skipped> {
  return updateLeadAnswering(deps.leads, trigger.leadId, (lead) => decideAssignment(lead, trigger, deps), {
    attempts: maxAttempts,
    contended: 'The lead or the rep rotation',
  });
}

async function decideAssignment(lead: Lead | undefined, trigger: HandoffTrigger, deps: AssignmentDeps): Promise<LeadDecision<Assigned | Skipped>> {
  const answer = (outcome: Assigned | Skipped) => ({ answer: outcome });
  if (!lead) return answer({ type: 'skipped', reason: 'the lead does not exist (erased?)' });
  const current = currentAssignment(lead);

  if (trigger.type === 'recorded') {
    return answer(current?.assignment.number === trigger.assignment ? current : { type: 'skipped', reason: 'the lead moved on since that assignment' });
  }
  if (trigger.type === 'hot') {
    if (current && current.assignment.episode >= trigger.episode) return answer(current);
  } else {
    const movedOn = ownerIdOf(lead.owner) !== trigger.fromOwnerId || (trigger.assignment !== undefined && current?.assignment.number !== trigger.assignment);
    if (movedOn) return answer(current ?? { type: 'skipped', reason: 'the lead has no owner' });
    if (!current || !isOpen(lead)) return answer({ type: 'skipped', reason: `the lead is ${lead.status}` });
    if (trigger.why === 'deadline-missed' && lead.firstContactAt) return answer({ type: 'skipped', reason: 'first contact was logged' });
    // A parked lead waits for exactly this: its manager choosing who calls.
    if (current.assignment.parked && trigger.why !== 'manager-reassigned') return answer({ type: 'skipped', reason: 'the lead waits for its manager' });
  }

  const now = deps.now();
  const handling = trigger.type === 'hot' ? { episode: trigger.episode, missed: [] } : takeBack(trigger, current!, deps);
  let routed: Routed;
  if (trigger.type === 'take-back' && trigger.why === 'manager-reassigned') {
    const chosen = await chosenRep(trigger, deps);
    if (!chosen) return answer({ type: 'skipped', reason: `${trigger.toRepId} is not an active rep` });
    routed = chosen;
  } else {
    routed = handling.park ? parked(handling.park, handling.missed, deps) : await route(lead, handling.exclude ?? [], deps, now);
  }
  const { decision, owner, rotation } = routed;
  // A queue is watched by a manager: its deadlines run on the managers' clock.
  const deadlines = firstContactDeadlines(now, deps.policy.firstContact, owner.type === 'rep' ? owner.timezone : deps.managerTimeZone);
  const at = now.toISOString();
  const times = { deadlineAt: deadlines.deadlineAt.toISOString(), escalateAt: deadlines.escalateAt.toISOString(), reassignAt: deadlines.reassignAt.toISOString() };

  if (trigger.type === 'take-back' && current && !handling.park && ownerIdOf(owner) === ownerIdOf(current.owner)) {
    // Still no rep for it: the queue keeps it, and it is offered again at the next deadline.
    // Not a handoff: no history entry, no email, no lead.handed-off for the CRM.
    const kept = { ...current.assignment, ...times };
    const moved: Lead = { ...lead, assignment: kept };
    const next: Lead = compact({ ...moved, plan: planOnAssignment(moved, at, planContext(moved, planSettings(deps))), updatedAt: at, version: lead.version + 1 });
    return { save: { lead: next, entries: [] }, saved: (saved) => ({ type: 'kept', lead: saved, owner: current.owner, assignment: kept }) };
  }

  const assignment: Assignment = compact({
    at,
    number: (lead.assignment?.number ?? 0) + 1,
    episode: handling.episode,
    rule: decision.rule,
    reason: decision.reason,
    ...times,
    missedDeadlines: handling.missed.length > 0 ? handling.missed : undefined,
    parked: handling.park ? true : undefined,
    previous: trigger.type === 'take-back' && current ? compact({ owner: current.owner, why: trigger.why, ...(trigger.why === 'manager-reassigned' ? { by: trigger.by, note: trigger.note } : {}) }) : undefined,
  });
  // Sales has it now: marketing's tips stop at once.
  const leavesNurture = lead.nurture && lead.nurture.status !== 'exited' ? lead.nurture : undefined;
  const handed: Lead = { ...lead, status: 'assigned' as const, owner, assignment, firstContactAt: undefined };
  const plan = planOnAssignment(handed, at, planContext(handed, planSettings(deps)))!;
  const next: Lead = compact({
    ...handed,
    plan,
    nurture: leavesNurture ? exited(leavesNurture, 'handed-off') : lead.nurture,
    updatedAt: at,
    version: lead.version + 1,
  });
  const entry: HistoryEntry = {
    type: 'assigned',
    at,
    by: assignment.previous?.by ?? 'stoke',
    details: compact({
      ownerId: ownerIdOf(owner),
      ownerName: ownerName(owner),
      team: decision.team,
      episode: handling.episode,
      assignment: assignment.number,
      rule: decision.rule,
      reason: decision.reason,
      deadlineAt: assignment.deadlineAt,
      previousOwnerId: assignment.previous ? ownerIdOf(assignment.previous.owner) : undefined,
      why: assignment.previous?.why,
      note: assignment.previous?.note,
      missedDeadlines: assignment.missedDeadlines?.length,
      parked: assignment.parked,
      skipped: decision.skipped,
      plan: plan.planId,
      nextStep: plan.next && { touch: plan.next.touch, channel: plan.next.channel, dueAt: plan.next.dueAt },
    }),
  };
  return {
    save: compact({ lead: next, entries: [entry], rotation }),
    saved: async (saved) => {
      if (leavesNurture?.status === 'active') await deps.schedules.cancel(nurtureScheduleName(lead.leadId, leavesNurture.seq));
      // The previous owner's checks would only find the lead moved on: drop them.
      if (current) await cancelFirstContactDeadlines(deps.schedules, lead);
      return { type: 'assigned', lead: saved, owner, assignment };
    },
  };
}

/** How a lead is handled this time: its hot episode, the deadlines missed so far, who not to give it to, and whether it is parked. */
type Handling = {
  episode: number;
  /** Deadlines missed in this episode, the one that triggered this take-back included. */
  missed: NonNullable<Assignment['missedDeadlines']>;
  exclude?: string[];
  /** Set when the lead has missed too many deadlines: the manager who gets it. */
  park?: { managerEmail: string };
};

function takeBack(trigger: Extract<HandoffTrigger, { type: 'take-back' }>, current: Assigned, deps: AssignmentDeps): Handling {
  const { assignment, owner } = current;
  const episode = assignment.episode;
  // The manager's choice: the misses so far stay on record, and the lead is not parked again.
  if (trigger.why === 'manager-reassigned') return { episode, missed: assignment.missedDeadlines ?? [] };
  if (trigger.why !== 'deadline-missed') return { episode, missed: assignment.missedDeadlines ?? [], exclude: [trigger.fromOwnerId] };
  // A queue holding the lead because no rep could take it has missed nothing: nobody was asked yet.
  if (owner.type === 'queue') return { episode, missed: assignment.missedDeadlines ?? [], exclude: [trigger.fromOwnerId] };
  const missed = [...(assignment.missedDeadlines ?? []), { ownerId: owner.repId, name: owner.name, deadlineAt: assignment.deadlineAt }];
  // Moving an uncontacted lead from rep to rep for weeks helps nobody: after enough misses its manager decides.
  const park = missed.length >= deps.policy.firstContact.maxMissedDeadlines ? { managerEmail: owner.managerEmail } : undefined;
  return { episode, missed, exclude: [trigger.fromOwnerId], park };
}

type Routed = { decision: Pick<RoutingDecision, 'rule' | 'reason' | 'team' | 'skipped'>; owner: Owner; rotation?: { repId: string; seenCount: number } };

async function route(lead: Lead, exclude: string[], deps: AssignmentDeps, now: Date): Promise<Routed> {
  const loads = await repLoads(deps.reps, deps.leads, deps.policy, now);
  const decision = routeLead(routable(lead), loads, deps.policy, { exclude });
  const owner = ownerOf(decision, loads);
  const rotation = decision.type === 'rep' ? { repId: decision.repId, seenCount: loads.find((r) => r.repId === decision.repId)!.assignedCount } : undefined;
  return { decision, owner, rotation };
}

/**
 * The rep a manager chose: they get the lead whatever their load (the manager
 * decided), and their rotation counter moves as for any lead they receive, so
 * the rotation then gives them one new lead fewer; the previous owner's
 * counter stays, as when a missed deadline or a deactivation moves a lead.
 */
async function chosenRep(trigger: Extract<HandoffTrigger, { why: 'manager-reassigned' }>, deps: AssignmentDeps): Promise<Routed | undefined> {
  const rep = await deps.reps.get(trigger.toRepId);
  if (!rep?.active) return undefined;
  return {
    decision: {
      rule: 'manager-reassigned',
      reason: `Given to ${rep.name} by ${trigger.by}${trigger.note ? `: ${trigger.note}` : ''}`,
      team: rep.team,
      skipped: [],
    },
    owner: { type: 'rep', repId: rep.repId, name: rep.name, email: rep.email, managerEmail: rep.managerEmail, team: rep.team, timezone: rep.timezone },
    rotation: { repId: rep.repId, seenCount: rep.assignedCount },
  };
}

function parked({ managerEmail }: NonNullable<Handling['park']>, missed: Handling['missed'], deps: AssignmentDeps): Routed {
  const names = [...new Set(missed.map((m) => m.name))];
  const who = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  const { queue } = deps.policy.fallback;
  return {
    decision: {
      rule: `first-contact → missed:${missed.length} → manager`,
      reason: `No first contact after ${missed.length} missed deadlines (${who}); left in the ${queue} queue for ${managerEmail} to decide`,
      team: 'manager',
      skipped: [],
    },
    owner: { type: 'queue', queue, notifyEmail: managerEmail },
  };
}

function planSettings(deps: AssignmentDeps) {
  return { plans: deps.plans, businessHours: deps.policy.firstContact.businessHours, managerTimeZone: deps.managerTimeZone };
}

function currentAssignment(lead: Lead): Assigned | undefined {
  return lead.owner && lead.assignment ? { type: 'assigned', lead, owner: lead.owner, assignment: lead.assignment } : undefined;
}

function routable(lead: Lead) {
  return compact({
    score: lead.score.total,
    temperature: lead.score.temperature,
    budget: lead.profile.budget,
    country: lead.profile.country,
    region: lead.profile.region,
    interest: lead.profile.interest,
    authority: lead.profile.authority,
  });
}

function ownerOf(decision: RoutingDecision, reps: RepLoad[]): Owner {
  if (decision.type === 'fallback') return { type: 'queue', queue: decision.queue, notifyEmail: decision.notifyEmail };
  const rep = reps.find((r) => r.repId === decision.repId)!;
  return { type: 'rep', repId: rep.repId, name: rep.name, email: rep.email, managerEmail: rep.managerEmail, team: rep.team, timezone: rep.timezone };
}
