import type { LeadAction } from '../handoff/action-links.ts';
import { isOpen } from '../handoff/hand-off.ts';
import { cancelFirstContactDeadlines } from '../handoff/schedule-names.ts';
import type { HistoryEntry } from '../leads/history.ts';
import { compact, type Lead, type LeadStatus, ownerIdOf } from '../leads/lead.ts';
import type { LeadStore } from '../leads/lead-store.ts';
import type { OneTimeSchedules } from '../schedules/scheduler.ts';

export type LeadActionDeps = { leads: LeadStore; schedules: OneTimeSchedules };

export type LeadActionRequest = { leadId: string; ownerId: string; episode: number; action: LeadAction; at: string };

export type LeadActionOutcome =
  | { type: 'recorded'; lead: Lead }
  | { type: 'refused'; reason: string };

const statusAfter: Record<LeadAction, LeadStatus> = { contacted: 'in-progress', 'not-interested': 'not-interested', purchased: 'purchased' };

/**
 * Records what a rep did, from a one-click link: a first contact, or an
 * outcome. Only the lead's current owner may, and only while the lead is
 * open; a logged contact or outcome cancels the pending deadline checks.
 */
export async function applyLeadAction(request: LeadActionRequest, deps: LeadActionDeps): Promise<LeadActionOutcome> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const lead = await deps.leads.get(request.leadId);
    if (!lead) return { type: 'refused', reason: 'This lead no longer exists.' };
    if (ownerIdOf(lead.owner) !== request.ownerId || lead.assignment?.episode !== request.episode) {
      return { type: 'refused', reason: 'This lead has since been given to someone else, so this link no longer applies.' };
    }
    if (!isOpen(lead)) return { type: 'refused', reason: `This lead is already closed as ${lead.status}.` };

    const { next, entry } = applied(lead, request);
    if ((await deps.leads.save(next, lead.version, [entry])) === 'stale') continue;
    await cancelFirstContactDeadlines(deps.schedules, { leadId: lead.leadId, episode: request.episode, ownerId: request.ownerId });
    return { type: 'recorded', lead: next };
  }
  return { type: 'refused', reason: 'The lead is being changed right now; please try again.' };
}

function applied(lead: Lead, { action, at, ownerId }: LeadActionRequest): { next: Lead; entry: HistoryEntry } {
  const firstContactAt = lead.firstContactAt ?? at;
  const next: Lead = compact({ ...lead, status: statusAfter[action], firstContactAt, lastProgressAt: at, updatedAt: at, version: lead.version + 1 });
  const minutesToFirstContact = lead.firstContactAt || !lead.assignment ? undefined : Math.round((Date.parse(at) - Date.parse(lead.assignment.at)) / 60_000);
  const entry: HistoryEntry =
    action === 'contacted'
      ? { type: 'contact-logged', at, by: ownerId, details: compact({ via: 'handoff email link', minutesToFirstContact }) }
      : { type: 'status-changed', at, by: ownerId, details: compact({ from: lead.status, to: next.status, via: 'handoff email link', minutesToFirstContact }) };
  return { next, entry };
}
