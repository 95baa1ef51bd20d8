import type { EventPublisher } from '../events/event-publisher.ts';
import { leadPurchased } from '../events/lead-purchased.ts';
import { leadRecycled } from '../events/lead-recycled.ts';
import { cancelFirstContactDeadlines } from '../schedules/first-contact-deadlines.ts';
import { compact, isClosed, type Lead } from '../leads/lead.ts';
import type { LeadStore } from '../leads/lead-store.ts';
import type { FigureStore } from '../marketing/figure-store.ts';
import { reachedStage } from '../marketing/tallies.ts';
import { updateLead } from '../leads/update-lead.ts';
import type { FieldError } from '../platform/errors.ts';
import type { PlanSettings } from '../plans/next-step.ts';
import type { OneTimeSchedules } from '../schedules/one-time-schedules.ts';
import type { Invalid, Refusal, Replay, SalesChange } from './sales-changes.ts';

/** What recording a rep's contact or outcome needs, whichever way the rep sent it (the sales desk, an email link). */
export type RecordChangeDeps = {
  leads: LeadStore;
  schedules: Pick<OneTimeSchedules, 'cancel'>;
  events: EventPublisher;
  /** Marketing's funnel counts each lead's first contact and its purchase. */
  figures: FigureStore;
  /** The contact plans and the hours their steps are placed in. */
  plans: PlanSettings;
  now(): Date;
};

export type RecordedChange =
  | { type: 'recorded'; lead: Lead }
  | { type: 'refused'; reason: string }
  | { type: 'invalid'; error: FieldError }
  | { type: 'missing' };

/**
 * Applies a contact or an outcome to the current lead and saves it with its
 * history entry; then, the save done, what follows from it: a logged contact
 * or a closed lead stops the first-contact deadline checks, and a lead closed
 * for a reason that returns it to nurture is announced as recycled.
 */
export async function recordChange(
  leadId: string,
  apply: (lead: Lead, now: string) => SalesChange | Refusal | Invalid | Replay,
  deps: RecordChangeDeps,
): Promise<RecordedChange> {
  let declined: RecordedChange | undefined;
  let replayed: Lead | undefined;
  let by = '';
  let changedTo: unknown;
  let firstContact = false;
  const saved = await updateLead(deps.leads, leadId, (lead) => {
    const result = apply(lead, deps.now().toISOString());
    if ('replay' in result) {
      ({ replay: replayed, by } = result);
      return undefined;
    }
    if ('refused' in result) {
      declined = { type: 'refused', reason: result.refused };
      return undefined;
    }
    if ('invalid' in result) {
      declined = { type: 'invalid', error: result.invalid };
      return undefined;
    }
    by = result.entry.by;
    firstContact = !lead.firstContactAt && result.lead.firstContactAt !== undefined;
    changedTo = result.entry.type === 'status-changed' ? result.entry.details.to : undefined;
    return { lead: result.lead, entries: [result.entry] };
  });
  if (declined) return declined;
  const recorded = saved ?? replayed;
  if (!recorded) return { type: 'missing' };

  if (recorded.firstContactAt || isClosed(recorded)) await cancelFirstContactDeadlines(deps.schedules, recorded);
  // A replay completes what its first attempt may have left undone; the figures count each lead once.
  if (recorded.firstContactAt && (firstContact || replayed)) await deps.figures.record(reachedStage(recorded, 'contacted', recorded.firstContactAt));
  if (recorded.status === 'not-interested' && recorded.notInterested?.returnToNurture) {
    await deps.events.publish(leadRecycled, compact({ version: 1 as const, leadId, by, note: recorded.notInterested.note, at: recorded.notInterested.at }));
  }
  // A customer now, whom marketing may put on a customer track; a check-in logged later is no new purchase.
  if (recorded.status === 'purchased' && recorded.purchase && (replayed || changedTo === 'purchased')) {
    await deps.figures.record(reachedStage(recorded, 'purchased', recorded.purchase.at));
    await deps.events.publish(leadPurchased, compact({ version: 1 as const, leadId, by, value: recorded.purchase.value, at: recorded.purchase.at }));
  }
  return { type: 'recorded', lead: recorded };
}
