import type { HistoryEntry } from '../leads/history.ts';
import { compact, type Lead, type Nurture } from '../leads/lead.ts';
import { updateLead } from '../leads/update-lead.ts';
import { once } from '../storage/claims.ts';
import { lastTip, optIn, type TipRef, tipSent, withdrew } from '../marketing/tallies.ts';
import { parseDuration } from '../platform/durations.ts';
import { chooseTrack, leadTimeZone, needsDoubleOptIn } from './choose-track.ts';
import type { NurtureDeps, TrackDeps, TrackStartDeps } from './nurture-deps.ts';
import type { Held } from '../sending/brake-store.ts';
import { nurtureVariables, unsubscribeHeaders } from './nurture-email.ts';
import { type ExitReason, nurtureExit } from './nurture-exit.ts';
import { planSend } from './plan-send.ts';
import type { NurturePolicy } from './nurture-policy.ts';
import { nurtureScheduleName } from './schedule-name.ts';

/** What a nurture schedule carries: the lead, and which of its schedules this is. */
export type StepCall = { leadId: string; seq: number };

export type StepOutcome =
  | { type: 'sent'; templateId: string }
  | { type: 'deferred'; until: string }
  | { type: 'held' }
  | { type: 'exited'; reason: ExitReason }
  | { type: 'skipped'; reason: string };

const keepSends = 50;
const capMemoryDays = 60;

/**
 * Puts a consenting warm or cold lead on its track: the first tip is
 * scheduled, or, where double opt-in applies, a confirmation is asked for first.
 */
export async function enrol(leadId: string, deps: NurtureDeps): Promise<'enrolled' | 'awaiting-confirmation' | 'held' | 'skipped'> {
  const lead = await deps.leads.get(leadId);
  if (!lead || (lead.nurture && lead.nurture.status !== 'exited') || nurtureExit(exitView(lead, deps.policy))) return 'skipped';
  if (await deps.erasedAddress(lead.email)) return 'skipped';
  const choice = chooseTrack(routable(lead), deps.policy);
  if (!choice) return 'skipped';
  const { track } = choice;

  if (needsDoubleOptIn(lead.profile, deps.policy) && !lead.marketing?.confirmedAt) {
    // The confirmation is marketing email too: it waits for the brake with the tips.
    if (await braked(deps)) {
      await deps.brake.hold('marketing', { leadId, kind: 'enrolment', at: deps.now().toISOString() });
      return 'held';
    }
    await once(deps.claims, 'nurture-confirmation', leadId, async () => {
      const now = deps.now();
      const links = { unsubscribeUrl: await deps.links.unsubscribeUrl(leadId, now), confirmUrl: await deps.links.confirmUrl(leadId, now) };
      const email = deps.render('subscription/confirm', nurtureVariables(lead, links, deps.company));
      await deps.mailer.send({ to: lead.email, stream: 'marketing', ...email, headers: unsubscribeHeaders(links.unsubscribeUrl, deps.unsubscribeMailto), tags: { leadId, template: 'subscription-confirm' } });
    });
    const awaiting =
      (await updateLead(deps.leads, lead, (current) =>
        current.nurture?.status === 'awaiting-confirmation'
          ? undefined
          : {
              lead: { ...current, nurture: { ...freshNurture(current, track, deps.now()), status: 'awaiting-confirmation' } },
              entries: [entry('nurture-confirmation-sent', deps, { track })],
            },
      )) ?? (await deps.leads.get(leadId));
    if (awaiting?.nurture?.status === 'awaiting-confirmation') await deps.figures.record(optIn(awaiting, awaiting.nurture.enrolledAt, 'asked'));
    return 'awaiting-confirmation';
  }
  return (await start(lead, track, deps)) ? 'enrolled' : 'skipped';
}

/** The person clicked the confirmation link: their tips begin. */
export async function confirmSubscription(leadId: string, deps: TrackStartDeps): Promise<boolean> {
  const at = deps.now().toISOString();
  const confirmed = await updateLead(deps.leads, leadId, (lead) =>
    lead.marketing?.confirmedAt
      ? undefined
      : { lead: { ...lead, marketing: { ...marketingOf(lead), confirmedAt: at } }, entries: [entry('subscription-confirmed', deps, {})] },
  );
  const lead = confirmed ?? (await deps.leads.get(leadId));
  if (lead?.nurture?.status === 'awaiting-confirmation') {
    // Counted before the track starts: starting it forgets when the confirmation was asked for.
    await deps.figures.record(optIn(lead, lead.nurture.enrolledAt, 'confirmed'));
    await start(lead, lead.nurture.track, deps);
  }
  return Boolean(lead);
}

/**
 * One-click unsubscribe: immediate, no questions; sales handoff is not
 * affected. Counted against `tip` when known, else the latest tip the lead got.
 */
export async function unsubscribe(leadId: string, via: string, deps: TrackDeps, tip?: TipRef): Promise<boolean> {
  const at = deps.now().toISOString();
  let pending: number | undefined;
  let before: Lead | undefined;
  const changed = await updateLead(deps.leads, leadId, (lead) => {
    if (lead.marketing?.unsubscribedAt) return undefined;
    before = lead;
    pending = lead.nurture?.status === 'active' ? lead.nurture.seq : undefined;
    return {
      lead: { ...lead, marketing: { ...marketingOf(lead), unsubscribedAt: at }, nurture: lead.nurture && exited(lead.nurture, 'unsubscribed') },
      entries: [entry('unsubscribed', deps, { via })],
    };
  });
  if (pending !== undefined) await deps.schedules.cancel(nurtureScheduleName(leadId, pending));
  const lead = changed ?? (await deps.leads.get(leadId));
  if (lead) await deps.figures.record(withdrew(before ?? lead, 'unsubscribed', lead.marketing?.unsubscribedAt ?? at, tip ?? lastTip(lead)));
  return Boolean(lead);
}

/**
 * A step's schedule fired. Sends the next tip whose conditions hold, once,
 * inside the lead's send window and under the frequency cap, and schedules
 * the one after; a lead that has exited gets nothing.
 */
export async function runStep(call: StepCall, deps: NurtureDeps): Promise<StepOutcome> {
  const lead = await deps.leads.get(call.leadId);
  const nurture = lead?.nurture;
  if (!lead || !nurture || nurture.status !== 'active' || nurture.seq !== call.seq) return { type: 'skipped', reason: 'not the pending step' };

  const reason = nurtureExit(exitView(lead, deps.policy));
  if (reason) {
    await updateLead(deps.leads, lead, (current) =>
      current.nurture?.seq === call.seq && current.nurture.status === 'active'
        ? { lead: { ...current, nurture: exited(current.nurture, reason) }, entries: [entry('nurture-exited', deps, { reason })] }
        : undefined,
    );
    return { type: 'exited', reason };
  }

  const now = deps.now();
  const links = { unsubscribeUrl: await deps.links.unsubscribeUrl(lead.leadId, now) };
  const firstHolding = (track: string, from: number) => {
    const steps = deps.steps(track);
    const variablesAt = (index: number) => nurtureVariables(lead, links, deps.company, { track, step: index + 1, steps: steps.length });
    const index = steps.findIndex((step, i) => i >= from && deps.conditionsHold(step.templateId, variablesAt(i)));
    return { track, steps, index, variablesAt };
  };
  // "When do you take someone off your list? Never": a finished track goes on with the slow one, which loops.
  let next = firstHolding(nurture.track, nurture.nextStep);
  if (next.index === -1) next = firstHolding(deps.policy.longTermTrack, 0);
  if (next.index === -1) return { type: 'skipped', reason: `no step of ${deps.policy.longTermTrack} applies to the lead` };
  const { track, steps, index, variablesAt } = next;
  const step = steps[index]!;
  const email = deps.render(step.templateId, variablesAt(index));

  // The claim says whether an earlier attempt of this schedule sent its tip. One that did, and then failed
  // (scheduling the next step, say), is finished now, whatever the window or the brake say: never sent again.
  const claim = `${lead.leadId}:${call.seq}`;
  let messageId: string | undefined;
  if (await deps.claims.claim('nurture-step', claim)) {
    const sendAt = planFor(lead, now, deps);
    // Something else went out since this step was planned, or the clock drifted out of the window.
    const deferred = sendAt.getTime() - now.getTime() > 60_000;
    if (deferred || (await braked(deps))) {
      await deps.claims.release('nurture-step', claim);
      if (!deferred) {
        await hold(lead, call.seq, deps);
        return { type: 'held' };
      }
      await reschedule(lead, call.seq, nurture.track, nurture.nextStep, sendAt, deps, entry('nurture-deferred', deps, { until: sendAt.toISOString() }));
      return { type: 'deferred', until: sendAt.toISOString() };
    }
    try {
      ({ messageId } = await deps.mailer.send({
        to: lead.email,
        stream: 'marketing',
        ...email,
        headers: unsubscribeHeaders(links.unsubscribeUrl, deps.unsubscribeMailto),
        tags: { leadId: lead.leadId, sequence: track, step: String(index + 1), template: step.templateId.replaceAll('/', '.') },
      }));
    } catch (error) {
      await deps.claims.release('nurture-step', claim);
      throw error;
    }
  }
  // Counted whether this attempt or an earlier one sent it: an attempt that failed after sending is retried.
  await deps.figures.record(tipSent(lead, call.seq, { track, templateId: step.templateId, sentAt: now.toISOString() }, nurture.sent.length === 0));

  const following = steps[index + 1] ?? deps.steps(deps.policy.longTermTrack)[0];
  const due = following ? addDuration(now, following.delay) : addDuration(now, 'P30D');
  // Recorded with the next step whether this attempt sent the tip or an earlier one did (its message id then unknown):
  // the history, the lead's tips and the frequency cap all count it.
  const sent = { templateId: step.templateId, track, step: index, subject: email.subject, at: now.toISOString(), ...(messageId ? { messageId } : {}) };
  await reschedule(
    lead,
    call.seq,
    track,
    index + 1,
    planFor({ ...lead, marketing: withSend(lead, now) }, due, deps),
    deps,
    entry('nurture-sent', deps, { templateId: step.templateId, subject: email.subject, ...(messageId ? { messageId } : {}) }),
    sent,
  );
  return { type: 'sent', templateId: step.templateId };
}

/** Whether marketing's brake holds its sends: a manager has not resumed them since the bounces or complaints. */
async function braked(deps: TrackDeps): Promise<boolean> {
  return (await deps.brake.state('marketing')).status === 'paused';
}

/** The step waits, with no schedule pending, until a manager resumes marketing's sends. */
async function hold(lead: Lead, seq: number, deps: TrackDeps): Promise<void> {
  const at = deps.now().toISOString();
  await deps.brake.hold('marketing', { leadId: lead.leadId, kind: 'step', seq, at });
  await updateLead(deps.leads, lead, (current) => {
    if (current.nurture?.seq !== seq || current.nurture.heldAt) return undefined;
    const { nextAt: _pending, ...nurture } = current.nurture;
    return { lead: { ...current, nurture: { ...nurture, heldAt: at } }, entries: [entry('nurture-held', deps, { reason: 'Marketing email is paused: too many bounces or complaints' })] };
  });
}

/**
 * A manager resumed marketing's sends: a held step is scheduled again in the
 * lead's send window and under its frequency cap, a held enrolment runs again
 * (its confirmation goes out). A lead that left its track meanwhile gets
 * nothing. Safe to repeat: the step is rescheduled only while it is the one held.
 */
export async function releaseHeld(held: Held, deps: NurtureDeps): Promise<'rescheduled' | 'enrolled' | 'held again' | 'gone'> {
  if (held.kind === 'enrolment') {
    const outcome = await enrol(held.leadId, deps);
    // Paused again meanwhile: enrol kept it waiting.
    if (outcome === 'held') return 'held again';
    await deps.brake.release('marketing', held.leadId);
    return outcome === 'skipped' ? 'gone' : 'enrolled';
  }
  const lead = await deps.leads.get(held.leadId);
  const nurture = lead?.nurture;
  const waiting = lead && nurture?.status === 'active' && nurture.seq === held.seq;
  if (waiting) {
    const at = planFor(lead, deps.now(), deps);
    await reschedule(lead, held.seq, nurture.track, nurture.nextStep, at, deps, entry('nurture-resumed', deps, { until: at.toISOString() }));
  }
  await deps.brake.release('marketing', held.leadId);
  return waiting ? 'rescheduled' : 'gone';
}

/**
 * Schedules the lead's next step under a new sequence number, then records it on
 * the lead as read (`lead`); the schedule's name makes a retry harmless.
 */
async function reschedule(
  lead: Lead,
  seq: number,
  track: string,
  nextStep: number,
  at: Date,
  deps: TrackDeps,
  historyEntry?: HistoryEntry,
  sent?: Nurture['sent'][number],
): Promise<void> {
  await deps.schedules.scheduleOnce({ name: nurtureScheduleName(lead.leadId, seq + 1), at, target: 'nurture-step', input: { leadId: lead.leadId, seq: seq + 1 } satisfies StepCall });
  await updateLead(deps.leads, lead, (current) => {
    if (current.nurture?.seq !== seq) return undefined;
    const { heldAt: _released, ...pending } = current.nurture;
    const nurture: Nurture = {
      ...pending,
      track,
      nextStep,
      seq: seq + 1,
      nextAt: at.toISOString(),
      sent: sent ? [...current.nurture.sent, sent].slice(-keepSends) : current.nurture.sent,
    };
    const marketing = sent ? withSend(current, new Date(sent.at)) : current.marketing;
    return { lead: compact({ ...current, nurture, marketing, updatedAt: deps.now().toISOString() }), entries: historyEntry ? [historyEntry] : [] };
  });
}

async function start(read: Lead, track: string, deps: TrackStartDeps): Promise<boolean> {
  const { leadId } = read;
  const first = deps.steps(track)[0];
  if (!first) return false;
  const now = deps.now();
  let scheduled: { seq: number; at: Date } | undefined;
  const lead = await updateLead(deps.leads, read, (current) => {
    if (current.nurture?.status === 'active') return undefined;
    const seq = (current.nurture?.seq ?? 0) + 1;
    const at = planFor(current, addDuration(now, first.delay), deps);
    scheduled = { seq, at };
    const nurture: Nurture = { ...freshNurture(current, track, now), status: 'active', seq, nextAt: at.toISOString() };
    return { lead: { ...current, nurture, marketing: marketingOf(current) }, entries: [entry('nurture-enrolled', deps, { track, firstAt: at.toISOString() })] };
  });
  if (!lead || !scheduled) return false;
  await deps.schedules.scheduleOnce({ name: nurtureScheduleName(leadId, scheduled.seq), at: scheduled.at, target: 'nurture-step', input: { leadId, seq: scheduled.seq } satisfies StepCall });
  return true;
}

function planFor(lead: Lead, due: Date, deps: TrackDeps): Date {
  return planSend({
    due,
    timeZone: leadTimeZone(lead.profile, deps.policy),
    window: deps.policy.sendWindow,
    recentSends: (lead.marketing?.recentSends ?? []).map((at) => new Date(at)),
    cap: deps.policy.frequencyCap,
  });
}

function freshNurture(lead: Lead, track: string, now: Date): Nurture {
  return { track, status: 'active', enrolledAt: now.toISOString(), nextStep: 0, seq: lead.nurture?.seq ?? 0, sent: lead.nurture?.sent ?? [] };
}

export function exited(nurture: Nurture, reason: string): Nurture {
  const { nextAt, ...rest } = nurture;
  return { ...rest, status: 'exited', exitReason: reason };
}

function marketingOf(lead: Lead) {
  return lead.marketing ?? { recentSends: [] };
}

function withSend(lead: Lead, at: Date) {
  const since = at.getTime() - capMemoryDays * 86_400_000;
  const recent = [...marketingOf(lead).recentSends, at.toISOString()].filter((sent) => Date.parse(sent) >= since);
  return { ...marketingOf(lead), recentSends: [...new Set(recent)] };
}

function exitView(lead: Lead, policy: NurturePolicy) {
  return compact({
    temperature: lead.score.temperature,
    status: lead.status,
    customerTrack: lead.status === 'purchased' && chooseTrack(routable(lead), policy) !== undefined,
    marketing: lead.marketing,
    consent: lead.consent,
    notInterestedReason: lead.notInterested && { returnToNurture: lead.notInterested.returnToNurture },
  });
}

function routable(lead: Lead) {
  return compact({ temperature: lead.score.temperature, interest: lead.profile.interest, country: lead.profile.country, status: lead.status });
}

function addDuration(from: Date, duration: string): Date {
  return new Date(from.getTime() + parseDuration(duration));
}

function entry(type: HistoryEntry['type'], deps: TrackDeps, details: Record<string, unknown>): HistoryEntry {
  return { type, at: deps.now().toISOString(), by: 'stoke', details };
}

/**
 * A permanent bounce or a complaint: the address gets no marketing email
 * again, from any track, and the reason is kept.
 */
export async function suppress(leadId: string, reason: 'bounce' | 'complaint', deps: TrackDeps): Promise<void> {
  const at = deps.now().toISOString();
  let pending: number | undefined;
  let before: Lead | undefined;
  const changed = await updateLead(deps.leads, leadId, (lead) => {
    if (lead.marketing?.suppressed) return undefined;
    before = lead;
    pending = lead.nurture?.status === 'active' ? lead.nurture.seq : undefined;
    return {
      lead: {
        ...lead,
        marketing: { ...marketingOf(lead), suppressed: { reason, at } },
        nurture: lead.nurture && exited(lead.nurture, reason === 'bounce' ? 'bounced' : 'complained'),
      },
      entries: [entry('suppressed', deps, { reason })],
    };
  });
  if (pending !== undefined) await deps.schedules.cancel(nurtureScheduleName(leadId, pending));
  const lead = changed ?? (await deps.leads.get(leadId));
  const suppressed = lead?.marketing?.suppressed;
  if (lead && suppressed) await deps.figures.record(withdrew(before ?? lead, suppressed.reason === 'bounce' ? 'bounced' : 'complained', suppressed.at, undefined));
}

/**
 * A transient bounce (mailbox full, server busy) of the latest tip: the
 * sequence sends that tip again after the policy's retry delay instead of moving on.
 */
export async function retryBouncedStep(leadId: string, messageId: string, deps: TrackDeps): Promise<void> {
  const lead = await deps.leads.get(leadId);
  const nurture = lead?.nurture;
  const bounced = nurture?.sent.at(-1);
  if (!lead || !nurture || nurture.status !== 'active' || bounced?.messageId !== messageId) return;
  const at = planFor(lead, addDuration(deps.now(), deps.policy.transientBounceRetry), deps);
  await deps.schedules.cancel(nurtureScheduleName(leadId, nurture.seq));
  await reschedule(lead, nurture.seq, bounced.track, bounced.step, at, deps, entry('bounced-transient', deps, { messageId, retryAt: at.toISOString() }));
}
