import type { FigureStore } from '../marketing/figure-store.ts';
import { withdrew } from '../marketing/tallies.ts';
import type { Caller } from '../auth/caller.ts';
import type { EventPublisher } from '../events/event-publisher.ts';
import { cancelFirstContactDeadlines } from '../schedules/first-contact-deadlines.ts';
import { leadReassigned } from '../events/lead-reassigned.ts';
import { assign } from '../handoff/hand-off.ts';
import type { HistoryEntry } from '../leads/history.ts';
import { compact, type EmailSignal, isLeadId, isOpen, type Lead, ownerIdOf, ownerName } from '../leads/lead.ts';
import type { LeadStore } from '../leads/lead-store.ts';
import { updateLead } from '../leads/update-lead.ts';
import { nurtureScheduleName } from '../nurture/schedule-name.ts';
import type { FieldError, Refusal as DeskRefusal } from '../platform/errors.ts';
import { emailHash } from '../privacy/email-hash.ts';
import type { PrivacyAuditEntry, PrivacyOperation, PrivacyOutcome } from '../privacy/privacy-audit.ts';
import type { PrivacyStore } from '../privacy/privacy-store.ts';
import type { RepStore, StoredRep } from '../reps/rep-store.ts';
import type { OneTimeSchedules } from '../schedules/one-time-schedules.ts';
import type { RoutingPolicy } from '../routing/routing-policy.ts';
import { handlesPrivacyRequests, mayAccess, mayHandlePrivacyRequest, mayReassign, repOf, teamOf } from './access.ts';
import { teamBoard, type TeamBoard } from './team-board.ts';
import { recordChange } from './record-change.ts';
import { type Contact, changeStatus, type Invalid, logContact, type Refusal, type Replay, type SalesChange, setNextStep, skipStep, type StatusChange } from './sales-changes.ts';
import type { SalesPolicy } from './sales-policy.ts';
import { endPlan, type PlanSettings, type StepOverride } from '../plans/next-step.ts';

export type SalesDeskDeps = {
  leads: LeadStore;
  reps: RepStore;
  privacy: PrivacyStore;
  schedules: OneTimeSchedules;
  events: EventPublisher;
  /** Marketing's figures: the funnel's contacts and purchases, and erasures. */
  figures: FigureStore;
  policy: SalesPolicy;
  plans: PlanSettings;
  /** Follow-up debt and the fallback queue for the team board; deadlines and rotation for a manager's reassignment. */
  routing: RoutingPolicy;
  /** Keys the suppression list's email hashes. */
  suppressionKey(): Promise<Buffer>;
  now(): Date;
};

/**
 * What a sales desk request comes to: data to show, a refusal (someone
 * else's lead, no such lead, or a change the lead's state forbids) with the
 * reason, or a value the sales policy does not know. HTTP statuses are
 * decided in functions/platform/http-errors.ts only.
 */
export type DeskResult<T> =
  | { ok: true; value: T }
  | { ok: false; refusal: DeskRefusal; message: string }
  | { ok: false; invalid: FieldError };

const refuse = (refusal: DeskRefusal, message: string): DeskResult<never> => ({ ok: false, refusal, message });

/** A rep's own leads, open ones first by what is due, filtered by status when asked. */
export async function myLeads(caller: Caller, status: string | undefined, deps: SalesDeskDeps): Promise<DeskResult<Lead[]>> {
  const rep = repOf(caller, await deps.reps.list());
  if (!rep) return refuse('forbidden', 'You are not on the reps roster: ask a manager to add you');
  const owned = await deps.leads.ownedBy(rep.repId);
  // The owner index sorts closed# before open#: the rep's work comes first, what is due first; then what was closed lately.
  const leads = [...owned.filter(isOpen), ...owned.filter((lead) => !isOpen(lead)).reverse()];
  return { ok: true, value: status ? leads.filter((lead) => lead.status === status || (status === 'open' && isOpen(lead))) : leads };
}

/** A lead's page in one answer: the lead, its history and its email signals (those the bot filter dropped with why). */
export async function leadDetail(caller: Caller, leadId: string, deps: SalesDeskDeps): Promise<DeskResult<{ lead: Lead; history: HistoryEntry[]; signals: EmailSignal[] }>> {
  const access = await accessible(caller, leadId, deps);
  if (!access.ok) return access;
  return { ok: true, value: { lead: access.value, ...(await deps.leads.timelineOf(leadId)) } };
}

/**
 * A manager's team board: each of their reps with their open leads and what
 * they are late on, and the leads waiting for them in the fallback queue.
 * One roster query, then one owner-index query per rep and one for the queue.
 */
export async function teamBoardOf(caller: Caller, deps: SalesDeskDeps): Promise<DeskResult<TeamBoard>> {
  if (!caller.groups.includes('manager')) return refuse('forbidden', 'The team board is for managers');
  const team = teamOf(caller, await deps.reps.list());
  const queue = deps.routing.fallback.queue;
  const [open, queued] = await Promise.all([
    Promise.all(team.map(async (rep) => [rep.repId, await deps.leads.openLeadsOf(rep.repId)] as const)),
    deps.leads.openLeadsOf(ownerIdOf({ type: 'queue', queue, notifyEmail: caller.email })!),
  ]);
  return { ok: true, value: teamBoard(caller.email, team, new Map(open), new Map([[queue, queued]]), deps.routing, deps.now()) };
}

/**
 * A manager gives a lead of their team to a rep of their team they choose.
 * Recorded by the handoff's own assignment (history `assigned`, why
 * `manager-reassigned`, by the manager, the previous owner named), the plan
 * kept and the chosen rep's rotation counter moved; then `lead.reassigned`
 * is published, on which the handoff tells both reps and sets the new
 * owner's first-contact deadlines. Sent again after a lost answer, it
 * announces the same assignment again, and nobody is told twice.
 */
export async function reassign(caller: Caller, leadId: string, choice: { repId: string; note?: string | undefined }, deps: SalesDeskDeps): Promise<DeskResult<Lead>> {
  const lead = await deps.leads.get(leadId);
  if (!lead) return refuse('not-found', 'There is no such lead');
  const roster = await deps.reps.list();
  if (!mayReassign(caller, lead, roster)) return refuse('forbidden', "This lead is not your team's: only its manager may give it to another rep");
  const rep = roster.find((candidate) => candidate.repId === choice.repId);
  if (!rep) return { ok: false, invalid: { field: 'repId', message: `must be a rep of your team: ${teamOf(caller, roster).map((r) => r.repId).join(', ')}` } };
  if (!teamOf(caller, roster).includes(rep)) return refuse('forbidden', `${rep.name} is not on your team`);
  const previous = lead.assignment?.previous;
  if (ownerIdOf(lead.owner) === rep.repId) {
    // The answer to an earlier request got lost: announce the assignment it recorded (nobody is told twice).
    if (previous?.why === 'manager-reassigned' && lead.assignment) return announced(lead, previous.owner, caller, deps);
    return refuse('conflict', `The lead is ${rep.name}'s already`);
  }
  if (!rep.active) return refuse('conflict', `${rep.name} is deactivated: choose an active rep`);
  if (!isOpen(lead) || !lead.assignment || !lead.owner) return refuse('conflict', `The lead is ${lead.status}: only open leads move between reps`);

  const outcome = await assign(
    { type: 'take-back', leadId, fromOwnerId: ownerIdOf(lead.owner)!, why: 'manager-reassigned', assignment: lead.assignment.number, toRepId: rep.repId, by: caller.email, note: choice.note },
    { leads: deps.leads, reps: deps.reps, schedules: deps.schedules, policy: deps.routing, plans: deps.plans.plans, managerTimeZone: deps.plans.managerTimeZone, now: deps.now },
  );
  if (outcome.type === 'skipped') return refuse('conflict', `The lead was not moved: ${outcome.reason}`);
  if (ownerIdOf(outcome.owner) !== rep.repId) return refuse('conflict', `The lead moved on meanwhile: it is ${ownerName(outcome.owner)}'s now`);
  return announced(outcome.lead, lead.owner, caller, deps);
}

async function announced(lead: Lead, from: NonNullable<Lead['owner']>, caller: Caller, deps: SalesDeskDeps): Promise<DeskResult<Lead>> {
  await deps.events.publish(leadReassigned, {
    version: 1,
    leadId: lead.leadId,
    assignment: lead.assignment!.number,
    fromOwnerId: ownerIdOf(from)!,
    toRepId: ownerIdOf(lead.owner)!,
    by: caller.email,
    at: lead.assignment!.at,
  });
  return { ok: true, value: lead };
}

/** What the desk's forms offer: the policy's hold-back categories and not-interested reasons, so the desk never copies them. */
export function formChoices(policy: SalesPolicy) {
  return { holdBackCategories: policy.holdBackCategories, notInterestedReasons: policy.notInterestedReasons };
}

export function recordContact(caller: Caller, leadId: string, contact: Contact, deps: SalesDeskDeps) {
  return change(caller, leadId, deps, (lead, now) => logContact(lead, contact, byOf(caller), now, deps.plans));
}

export function recordStatus(caller: Caller, leadId: string, status: StatusChange, deps: SalesDeskDeps) {
  return change(caller, leadId, deps, (lead, now) => changeStatus(lead, status, deps.policy, byOf(caller), now, deps.plans));
}

/** The rep's own next step in place of the plan's. */
export function recordNextStep(caller: Caller, leadId: string, step: StepOverride, deps: SalesDeskDeps) {
  return change(caller, leadId, deps, (lead, now) => setNextStep(lead, step, byOf(caller), now, deps.plans));
}

/** Skips the planned step, saying why: the plan moves on. */
export function recordSkip(caller: Caller, leadId: string, reason: string, deps: SalesDeskDeps) {
  return change(caller, leadId, deps, (lead, now) => skipStep(lead, reason, byOf(caller), now, deps.plans));
}

/** Hands the lead back to marketing: closed for sales, and on a nurture track again. */
export function recycle(caller: Caller, leadId: string, note: string | undefined, deps: SalesDeskDeps): Promise<DeskResult<Lead>> {
  return change(caller, leadId, deps, (lead, now) => {
    if (lead.status === 'new') return { refused: 'The lead is with marketing already' };
    const next: Lead = compact({
      ...lead,
      status: 'not-interested' as const,
      notInterested: compact({ reason: 'recycled-to-nurture', returnToNurture: true, note, at: now }),
      plan: endPlan(lead.plan),
      holdBack: undefined,
      closedAt: now,
      lastProgressAt: now,
      updatedAt: now,
    });
    return { lead: next, entry: { type: 'recycled', at: now, by: byOf(caller), details: compact({ note }) } };
  });
}

/** Folds a duplicate into the surviving lead: both histories kept, the earliest source kept, the duplicate's email now lands on the survivor. */
export async function merge(caller: Caller, survivorId: string, duplicateId: string, deps: SalesDeskDeps): Promise<DeskResult<Lead>> {
  if (survivorId === duplicateId) return refuse('conflict', 'A lead cannot be merged into itself');
  const [survivor, duplicate] = await Promise.all([accessible(caller, survivorId, deps), accessible(caller, duplicateId, deps)]);
  if (!survivor.ok) return survivor;
  if (!duplicate.ok) return duplicate;
  const dup = duplicate.value;
  if (dup.mergedInto) return refuse('conflict', `The duplicate was already merged into ${dup.mergedInto}`);
  const now = deps.now().toISOString();
  const by = byOf(caller);

  for (const entry of await deps.leads.historyOf(duplicateId)) {
    await deps.leads.record(survivorId, { ...entry, details: { ...entry.details, mergedFrom: duplicateId } });
  }
  const merged = await updateLead(deps.leads, survivorId, (lead) => ({
    lead: compact({
      ...lead,
      profile: { ...dup.profile, ...lead.profile },
      firstTouch: dup.firstTouch.at < lead.firstTouch.at ? dup.firstTouch : lead.firstTouch,
      capturedAt: dup.capturedAt < lead.capturedAt ? dup.capturedAt : lead.capturedAt,
      signals: [...lead.signals, ...dup.signals],
      contactCount: (lead.contactCount ?? 0) + (dup.contactCount ?? 0),
      consent: lead.consent ?? dup.consent,
      updatedAt: now,
    }),
    entries: [{ type: 'merged', at: now, by, details: { duplicateId, duplicateEmail: dup.email } }],
  }));
  await updateLead(deps.leads, duplicateId, (lead) => ({
    lead: compact({ ...lead, mergedInto: survivorId, status: 'not-interested' as const, notInterested: { reason: 'merged-duplicate', returnToNurture: false, at: now }, plan: endPlan(lead.plan), closedAt: now, updatedAt: now }),
    entries: [{ type: 'merged', at: now, by, details: { into: survivorId } }],
  }));
  await deps.leads.redirectEmail(dup.email, survivorId);
  await cancelPendingWork(dup, deps);
  return merged ? { ok: true, value: merged } : refuse('not-found', 'The surviving lead disappeared');
}

/** Everything Stoke holds about the person (a data subject access request); the audit trail records the request. */
export function exportLead(caller: Caller, leadId: string, deps: SalesDeskDeps): Promise<DeskResult<unknown>> {
  return privacyRequest(caller, 'export', leadId, deps, async (_lead, at) => ({
    ok: true,
    value: { exportedAt: at, leadId, items: await deps.privacy.itemsOf(leadId) },
  }));
}

/**
 * Erases the person: lead, history, email signals, pending schedules and the
 * email claim go; a keyed hash stays on the suppression list so they are
 * never emailed again, a record says an erasure happened, without data, and
 * the audit trail records who asked for it.
 */
export function eraseLead(caller: Caller, leadId: string, deps: SalesDeskDeps): Promise<DeskResult<{ erasedAt: string }>> {
  return privacyRequest(caller, 'erase', leadId, deps, async (lead, at) => {
    // Counted first: once erased, a retry would find nothing to count.
    await deps.figures.record(withdrew(lead, 'erased', at, undefined));
    const key = await deps.suppressionKey();
    // The person is also every duplicate merged into this lead: their leads and addresses go too.
    for (const person of [...(await mergedDuplicatesOf(leadId, deps)), lead]) {
      await cancelPendingWork(person, deps);
      await deps.privacy.erase(person.leadId, person.email, { emailHash: emailHash(person.email, key) }, { at, by: byOf(caller) });
    }
    return { ok: true, value: { erasedAt: at } };
  });
}

async function mergedDuplicatesOf(leadId: string, deps: SalesDeskDeps): Promise<Lead[]> {
  const ids = (await deps.leads.historyOf(leadId)).flatMap((entry) => (entry.type === 'merged' && typeof entry.details.duplicateId === 'string' ? [entry.details.duplicateId] : []));
  const duplicates = await Promise.all([...new Set(ids)].map((id) => deps.leads.get(id)));
  return duplicates.filter((duplicate): duplicate is Lead => duplicate?.mergedInto === leadId);
}

/** At most this many lines of the audit trail in one answer: ask for a shorter period for the rest. */
export const auditTrailLimit = 1000;
const defaultAuditDays = 30;
const dayMs = 24 * 60 * 60 * 1000;

/**
 * The privacy audit trail, for the privacy group: by default the last 30
 * days. `from` and `to` are ISO 8601 times, or dates meaning their whole day (UTC).
 */
export async function privacyAuditTrail(
  caller: Caller,
  asked: { from?: string | undefined; to?: string | undefined },
  deps: SalesDeskDeps,
): Promise<DeskResult<{ from: string; to: string; entries: PrivacyAuditEntry[]; truncated: boolean }>> {
  if (!caller.groups.includes('privacy')) return refuse('forbidden', 'Only the privacy group may read the privacy audit trail');
  const to = asked.to ? instantOf(asked.to, 'end') : deps.now().toISOString();
  const from = asked.from ? instantOf(asked.from, 'start') : new Date(Date.parse(to) - defaultAuditDays * dayMs).toISOString();
  if (from >= to) return { ok: false, invalid: { field: 'from', message: 'must be before to' } };
  return { ok: true, value: { from, to, ...(await deps.privacy.auditTrail({ from, to }, auditTrailLimit)) } };
}

function instantOf(value: string, side: 'start' | 'end'): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(value).toISOString();
  const start = Date.parse(`${value}T00:00:00.000Z`);
  return new Date(side === 'start' ? start : start + dayMs).toISOString();
}

// Every export or erasure asked for leaves one line in the audit trail,
// whatever came of it; it is written before the answer leaves, so no export
// goes out unrecorded. A rep is refused before the lead is read.
async function privacyRequest<T>(
  caller: Caller,
  operation: PrivacyOperation,
  leadId: string,
  deps: SalesDeskDeps,
  act: (lead: Lead, at: string) => Promise<DeskResult<T>>,
): Promise<DeskResult<T>> {
  const at = deps.now().toISOString();
  let outcome: PrivacyOutcome = 'failed';
  try {
    const result = await authorizedPrivacyRequest(caller, leadId, deps, (lead) => act(lead, at));
    outcome = result.ok ? 'done' : 'refusal' in result && result.refusal === 'not-found' ? 'not-found' : 'refused';
    return result;
  } finally {
    // Whatever was typed where an id belongs (an email address, say) stays out of the trail.
    await deps.privacy.recordAudit({ at, operation, leadId: isLeadId(leadId) ? leadId : 'not-a-lead-id', by: caller.email, bySub: caller.sub, outcome });
  }
}

async function authorizedPrivacyRequest<T>(caller: Caller, leadId: string, deps: SalesDeskDeps, act: (lead: Lead) => Promise<DeskResult<T>>): Promise<DeskResult<T>> {
  if (!handlesPrivacyRequests(caller)) return refuse('forbidden', 'Exports and erasures are for the privacy group, and managers for their own team');
  const lead = await deps.leads.get(leadId);
  if (!lead) return refuse('not-found', 'There is no such lead');
  if (!mayHandlePrivacyRequest(caller, lead, await deps.reps.list())) {
    return refuse('forbidden', "This lead is not your team's: the privacy group handles requests about it");
  }
  return act(lead);
}

async function change(
  caller: Caller,
  leadId: string,
  deps: SalesDeskDeps,
  apply: (lead: Lead, now: string) => SalesChange | Refusal | Invalid | Replay,
): Promise<DeskResult<Lead>> {
  const access = await accessible(caller, leadId, deps);
  if (!access.ok) return access;
  const recorded = await recordChange(leadId, apply, deps);
  switch (recorded.type) {
    case 'recorded':
      return { ok: true, value: recorded.lead };
    case 'refused':
      return refuse('conflict', recorded.reason);
    case 'invalid':
      return { ok: false, invalid: recorded.error };
    case 'missing':
      return refuse('not-found', 'The lead no longer exists');
  }
}

async function accessible(caller: Caller, leadId: string, deps: SalesDeskDeps): Promise<DeskResult<Lead>> {
  const lead = await deps.leads.get(leadId);
  if (!lead) return refuse('not-found', 'There is no such lead');
  const reps: StoredRep[] = await deps.reps.list();
  return mayAccess(caller, lead, reps) ? { ok: true, value: lead } : refuse('forbidden', 'This lead belongs to someone else');
}

async function cancelPendingWork(lead: Lead, deps: SalesDeskDeps): Promise<void> {
  await cancelFirstContactDeadlines(deps.schedules, lead);
  if (lead.nurture?.status === 'active') await deps.schedules.cancel(nurtureScheduleName(lead.leadId, lead.nurture.seq));
}

function byOf(caller: Caller): string {
  return caller.email;
}
