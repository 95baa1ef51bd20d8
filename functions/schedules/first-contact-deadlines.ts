import * as z from '../platform/zod.ts';
import { type Lead, ownerIdOf } from '../leads/lead.ts';
import type { OneTimeSchedules } from './one-time-schedules.ts';

export const deadlineStages = ['remind', 'escalate', 'reassign'] as const;
export type DeadlineStage = (typeof deadlineStages)[number];

/** What a deadline schedule carries: which assignment of which lead, and the stage it marks. */
export const DeadlineCheck = z.object({
  leadId: z.string(),
  episode: z.number().check(z.int()),
  ownerId: z.string(),
  /** The lead's assignment number: a check for an earlier assignment finds the lead moved on. */
  assignment: z.number().check(z.int()),
  stage: z.enum(deadlineStages),
});
export type DeadlineCheck = z.infer<typeof DeadlineCheck>;

const stageLetters: Record<DeadlineStage, string> = { remind: 'r', escalate: 'e', reassign: 'x' };

/**
 * One schedule per lead, assignment and stage: creating it twice conflicts
 * instead of duplicating, logging a contact cancels it by name, and a lead
 * that returns to an earlier owner gets schedules of its own.
 */
export function deadlineScheduleName(leadId: string, assignment: number, stage: DeadlineStage): string {
  return `fc-${stageLetters[stage]}-${leadId}-${assignment}`;
}

const dueAt: Record<DeadlineStage, 'deadlineAt' | 'escalateAt' | 'reassignAt'> = { remind: 'deadlineAt', escalate: 'escalateAt', reassign: 'reassignAt' };

/** Sets the check of one stage of the lead's current assignment, at the time the assignment gives it. */
export async function scheduleDeadline(schedules: OneTimeSchedules, lead: Lead, stage: DeadlineStage): Promise<void> {
  const assignment = lead.assignment!;
  const input: DeadlineCheck = { leadId: lead.leadId, episode: assignment.episode, ownerId: ownerIdOf(lead.owner)!, assignment: assignment.number, stage };
  await schedules.scheduleOnce({
    name: deadlineScheduleName(lead.leadId, assignment.number, stage),
    at: new Date(assignment[dueAt[stage]]),
    target: 'first-contact-deadline',
    input,
  });
}

/** Cancels every deadline check of a lead's current assignment: a contact or an outcome was logged. */
export async function cancelFirstContactDeadlines(schedules: { cancel(name: string): Promise<void> }, lead: Pick<Lead, 'leadId' | 'assignment'>): Promise<void> {
  const number = lead.assignment?.number;
  if (number === undefined) return;
  await Promise.all(deadlineStages.map((stage) => schedules.cancel(deadlineScheduleName(lead.leadId, number, stage))));
}
