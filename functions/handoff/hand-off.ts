import { leadHandedOff } from '../events/lead-handed-off.ts';
import type { HistoryEntry } from '../leads/history.ts';
import { compact, type Lead, type Owner, ownerIdOf } from '../leads/lead.ts';
import { backoff } from '../platform/backoff.ts';
import { ConcurrentUpdateError } from '../platform/errors.ts';
import { type RepLoad, type RoutingDecision, routeLead } from '../routing/route-lead.ts';
import { once } from '../storage/claims.ts';
import { exited } from '../nurture/sequence.ts';
import { nurtureScheduleName } from '../nurture/schedule-name.ts';
import { firstContactDeadlines } from './deadlines.ts';
import type { HandoffDeps } from './handoff-deps.ts';
import { handoffVariables } from './handoff-email.ts';
import { repLoads } from './rep-loads.ts';
import { deadlineScheduleName } from './schedule-names.ts';

/** Why a lead needs an owner: it turned hot, or its owner lost it. */
export type HandoffTrigger =
  | { type: 'hot'; leadId: string; episode: number }
  | { type: 'take-back'; leadId: string; fromOwnerId: string; why: 'deadline-missed' | 'rep-deactivated' };

export type HandoffOutcome = { type: 'handed-off'; ownerId: string; episode: number } | { type: 'skipped'; reason: string };

// Concurrent handoffs compete for the same rotation counters; with backoff, ten tries outlast a burst.
const maxAttempts = 10;

/**
 * Gives a lead one accountable owner, tells them once, and sets the
 * first-contact deadline. Every step is safe to repeat: a redelivered
 * trigger finds the assignment made and completes what is missing.
 */
export async function handOff(trigger: HandoffTrigger, deps: HandoffDeps): Promise<HandoffOutcome> {
  const assigned = await assign(trigger, deps);
  if (assigned.type === 'skipped') return assigned;
  const { lead, owner, assignment } = assigned;
  const ownerId = ownerIdOf(owner)!;

  if (assigned.type === 'assigned') await notifyOwner(lead, owner, deps);
  await deps.schedules.scheduleOnce({
    name: deadlineScheduleName(lead.leadId, assignment.episode, ownerId, 'remind'),
    at: new Date(assignment.deadlineAt),
    target: 'first-contact-deadline',
    input: { leadId: lead.leadId, episode: assignment.episode, ownerId, stage: 'remind' },
  });
  if (assigned.type === 'kept') return { type: 'skipped', reason: `no rep can take it yet: it stays with ${ownerId}, offered again after ${assignment.reassignAt}` };
  await deps.events.publish(leadHandedOff, {
    version: 1,
    leadId: lead.leadId,
    episode: assignment.episode,
    owner: owner.type === 'rep' ? { type: 'rep', repId: owner.repId, team: owner.team } : { type: 'queue', queue: owner.queue },
    rule: assignment.rule,
    reason: assignment.reason,
    deadlineAt: assignment.deadlineAt,
    at: assignment.at,
    ...(trigger.type === 'take-back' ? { previousRepId: trigger.fromOwnerId } : {}),
  });
  return { type: 'handed-off', ownerId, episode: assignment.episode };
}

/** `kept`: routing found nobody better than the queue that holds the lead; only its deadlines moved. */
type Assigned = { type: 'assigned' | 'kept'; lead: Lead; owner: Owner; assignment: NonNullable<Lead['assignment']> };

async function assign(trigger: HandoffTrigger, deps: HandoffDeps): Promise<Assigned | Extract<HandoffOutcome, { type: 'skipped' }>> {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const lead = await deps.leads.get(trigger.leadId);
    if (!lead) return { type: 'skipped', reason: 'the lead does not exist (erased?)' };
    const current = currentAssignment(lead);

    let episode: number;
    let exclude: string[] = [];
    if (trigger.type === 'hot') {
      if (current && current.assignment.episode >= trigger.episode) return current;
      episode = trigger.episode;
    } else {
      if (ownerIdOf(lead.owner) !== trigger.fromOwnerId) {
        return current ?? { type: 'skipped', reason: 'the lead has no owner' };
      }
      if (!current || !isOpen(lead)) return { type: 'skipped', reason: `the lead is ${lead.status}` };
      if (trigger.why === 'deadline-missed' && lead.firstContactAt) return { type: 'skipped', reason: 'first contact was logged' };
      episode = current.assignment.episode;
      exclude = [trigger.fromOwnerId];
    }

    const now = deps.now();
    const loads = await repLoads(deps.reps, deps.leads, deps.policy, now);
    const decision = routeLead(routable(lead), loads, deps.policy, { exclude });
    const owner = ownerOf(decision, loads);
    const { deadlineAt, reassignAt } = firstContactDeadlines(now, deps.policy.firstContact, owner.type === 'rep' ? owner.timezone : 'UTC');
    const at = now.toISOString();
    if (trigger.type === 'take-back' && current && ownerIdOf(owner) === ownerIdOf(current.owner)) {
      // Still no rep for it: the queue keeps it, and it is offered again at the next deadline.
      // Not a handoff: no history entry, no email, no lead.handed-off for the CRM.
      const kept = { ...current.assignment, deadlineAt: deadlineAt.toISOString(), reassignAt: reassignAt.toISOString() };
      const next: Lead = { ...lead, assignment: kept, updatedAt: at, version: lead.version + 1 };
      if ((await deps.leads.save(next, lead.version, [])) === 'saved') return { type: 'kept', lead: next, owner: current.owner, assignment: kept };
      await backoff(attempt);
      continue;
    }
    const assignment = { at, episode, rule: decision.rule, reason: decision.reason, deadlineAt: deadlineAt.toISOString(), reassignAt: reassignAt.toISOString() };
    // Sales has it now: marketing's tips stop at once.
    const leavesNurture = lead.nurture && lead.nurture.status !== 'exited' ? lead.nurture : undefined;
    const next: Lead = compact({
      ...lead,
      status: 'assigned' as const,
      owner,
      assignment,
      firstContactAt: undefined,
      nurture: leavesNurture ? exited(leavesNurture, 'handed-off') : lead.nurture,
      updatedAt: at,
      version: lead.version + 1,
    });
    const entry: HistoryEntry = {
      type: 'assigned',
      at,
      by: 'stoke',
      details: compact({
        ownerId: ownerIdOf(owner),
        ownerName: owner.type === 'rep' ? owner.name : owner.queue,
        team: decision.team,
        episode,
        rule: decision.rule,
        reason: decision.reason,
        deadlineAt: assignment.deadlineAt,
        previousOwnerId: trigger.type === 'take-back' ? trigger.fromOwnerId : undefined,
        why: trigger.type === 'take-back' ? trigger.why : undefined,
        skipped: decision.skipped,
      }),
    };
    const rotation = decision.type === 'rep' ? { repId: decision.repId, seenCount: loads.find((r) => r.repId === decision.repId)!.assignedCount } : undefined;
    if ((await deps.leads.save(next, lead.version, [entry], rotation)) === 'saved') {
      if (leavesNurture?.status === 'active') await deps.schedules.cancel(nurtureScheduleName(lead.leadId, leavesNurture.seq));
      return { type: 'assigned', lead: next, owner, assignment };
    }
    await backoff(attempt);
  }
  throw new ConcurrentUpdateError('The lead or the rep rotation');
}

/** One handoff email per lead, episode and owner, however often the trigger is delivered. */
async function notifyOwner(lead: Lead, owner: Owner, deps: HandoffDeps): Promise<void> {
  const ownerId = ownerIdOf(owner)!;
  const episode = lead.assignment!.episode;
  let messageId: string | undefined;
  await once(deps.claims, 'handoff-email', `${lead.leadId}:${episode}:${ownerId}`, async () => {
    const actions = await deps.actionUrls({ leadId: lead.leadId, ownerId, episode }, deps.now());
    const email = deps.render('handoff/rep-handoff', handoffVariables(lead, owner, actions, deps.company));
    const to = owner.type === 'rep' ? owner.email : owner.notifyEmail;
    ({ messageId } = await deps.mailer.send({ to, ...email, tags: { leadId: lead.leadId, template: 'handoff', episode: String(episode) } }));
  });
  // Recorded outside the claim: a failure here must not give the claim back and send the email twice.
  if (messageId !== undefined) {
    await deps.leads.record(lead.leadId, { type: 'handoff-emailed', at: deps.now().toISOString(), by: 'stoke', details: { to: ownerId, messageId, episode } });
  }
}

export function isOpen(lead: Lead): boolean {
  return lead.status === 'assigned' || lead.status === 'in-progress';
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
