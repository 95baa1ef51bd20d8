import { createHash } from 'node:crypto';

export type DeadlineStage = 'remind' | 'reassign';

/**
 * One schedule per lead, hot episode, owner and stage: creating it twice
 * conflicts instead of duplicating, and logging a contact can cancel it by name.
 * Names must fit Scheduler's 64 characters, so the owner is hashed.
 */
export function deadlineScheduleName(leadId: string, episode: number, ownerId: string, stage: DeadlineStage): string {
  const owner = createHash('sha256').update(ownerId).digest('hex').slice(0, 8);
  return `fc-${stage === 'remind' ? 'r' : 'x'}-${leadId}-${episode}-${owner}`;
}

/** Cancels both deadline checks of a lead's current assignment: a contact or an outcome was logged. */
export async function cancelFirstContactDeadlines(
  schedules: { cancel(name: string): Promise<void> },
  lead: { leadId: string; episode: number; ownerId: string },
): Promise<void> {
  await Promise.all((['remind', 'reassign'] as const).map((stage) => schedules.cancel(deadlineScheduleName(lead.leadId, lead.episode, lead.ownerId, stage))));
}
