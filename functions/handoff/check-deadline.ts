import { isOpen, ownerEmail } from '../leads/lead.ts';
import { handOff, type HandoffOutcome } from './hand-off.ts';
import type { HandoffDeps } from './handoff-deps.ts';
import { sendNotice } from './handoff-notices.ts';
import { type DeadlineCheck, scheduleDeadline } from '../schedules/first-contact-deadlines.ts';

export type DeadlineOutcome = { type: 'reminded' | 'escalated' } | HandoffOutcome;

/**
 * A first-contact deadline fell due. Nothing happens if the owner logged a
 * contact or the lead has moved on from this assignment. Otherwise, stage by
 * stage: the owner is reminded, then their manager is told, then the lead
 * goes to someone else. A lead waiting with its manager only reminds them.
 */
export async function checkDeadline(check: DeadlineCheck, deps: HandoffDeps): Promise<DeadlineOutcome> {
  // Taking the lead back reads it and checks it has not moved on, under its optimistic lock: no read here.
  if (check.stage === 'reassign') {
    return handOff({ type: 'take-back', leadId: check.leadId, fromOwnerId: check.ownerId, why: 'deadline-missed', assignment: check.assignment }, deps);
  }
  const lead = await deps.leads.get(check.leadId);
  if (!lead?.owner || lead.assignment?.number !== check.assignment) return { type: 'skipped', reason: 'the lead has moved on from this assignment' };
  if (lead.firstContactAt || !isOpen(lead)) return { type: 'skipped', reason: 'first contact was logged' };
  const { owner, assignment } = lead;

  switch (check.stage) {
    case 'remind':
      await sendNotice(lead, 'first-contact-reminder', ownerEmail(owner), { reader: owner, withActions: true }, deps);
      if (owner.type === 'rep') await scheduleDeadline(deps.schedules, lead, 'escalate');
      else if (!assignment.parked) await scheduleDeadline(deps.schedules, lead, 'reassign');
      return { type: 'reminded' };
    case 'escalate':
      if (owner.type !== 'rep') return { type: 'skipped', reason: 'a queue has no manager above it' };
      await sendNotice(lead, 'first-contact-escalation', owner.managerEmail, { reader: 'manager' }, deps);
      await scheduleDeadline(deps.schedules, lead, 'reassign');
      return { type: 'escalated' };
  }
}
