import * as z from '../platform/zod.ts';
import { ownerIdOf } from '../leads/lead.ts';
import { once } from '../storage/claims.ts';
import { handOff, type HandoffOutcome, isOpen } from './hand-off.ts';
import type { HandoffDeps } from './handoff-deps.ts';
import { handoffVariables } from './handoff-email.ts';
import { deadlineScheduleName } from './schedule-names.ts';

/** What a deadline schedule carries: whose deadline, and which stage it marks. */
export const DeadlineCheck = z.object({
  leadId: z.string(),
  episode: z.number().check(z.int()),
  ownerId: z.string(),
  stage: z.enum(['remind', 'reassign']),
});
export type DeadlineCheck = z.infer<typeof DeadlineCheck>;

export type DeadlineOutcome = { type: 'reminded' } | HandoffOutcome;

/**
 * A first-contact deadline fell due. Nothing happens if the owner logged a
 * contact or no longer owns the lead; otherwise the rep is reminded and their
 * manager told, and at the second deadline the lead goes to someone else.
 */
export async function checkDeadline(check: DeadlineCheck, deps: HandoffDeps): Promise<DeadlineOutcome> {
  const lead = await deps.leads.get(check.leadId);
  if (!lead || lead.assignment?.episode !== check.episode || ownerIdOf(lead.owner) !== check.ownerId) {
    return { type: 'skipped', reason: 'the lead has moved on from this assignment' };
  }
  if (lead.firstContactAt || !isOpen(lead)) return { type: 'skipped', reason: 'first contact was logged' };
  if (check.stage === 'reassign') {
    return handOff({ type: 'take-back', leadId: lead.leadId, fromOwnerId: check.ownerId, why: 'deadline-missed' }, deps);
  }

  const owner = lead.owner!;
  const claimId = `${lead.leadId}:${check.episode}:${check.ownerId}`;
  const actions = await deps.actionUrls({ leadId: lead.leadId, ownerId: check.ownerId, episode: check.episode }, deps.now());
  const variables = handoffVariables(lead, owner, actions, deps.company);
  const tags = { leadId: lead.leadId, episode: String(check.episode) };

  const sendOnce = async (purpose: 'deadline-reminded' | 'deadline-escalated', template: string, to: string) => {
    let sent = false;
    await once(deps.claims, purpose, claimId, async () => {
      await deps.mailer.send({ to, ...deps.render(`handoff/${template}`, variables), tags: { ...tags, template } });
      sent = true;
    });
    // Outside the claim: a failed history write must not send the email twice.
    if (sent) await deps.leads.record(lead.leadId, { type: purpose, at: deps.now().toISOString(), by: 'stoke', details: { ownerId: check.ownerId } });
  };
  await sendOnce('deadline-reminded', 'first-contact-reminder', owner.type === 'rep' ? owner.email : owner.notifyEmail);
  if (owner.type === 'rep') await sendOnce('deadline-escalated', 'first-contact-escalation', owner.managerEmail);
  await deps.schedules.scheduleOnce({
    name: deadlineScheduleName(lead.leadId, check.episode, check.ownerId, 'reassign'),
    at: new Date(lead.assignment.reassignAt),
    target: 'first-contact-deadline',
    input: { ...check, stage: 'reassign' } satisfies DeadlineCheck,
  });
  return { type: 'reminded' };
}
