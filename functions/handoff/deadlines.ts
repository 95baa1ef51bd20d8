import type { RoutingPolicy } from '../routing/routing-policy.ts';
import { addBusinessMinutes } from '../routing/business-time.ts';

export type FirstContactDeadlines = { deadlineAt: Date; escalateAt: Date; reassignAt: Date };

/**
 * When first contact is due, when the manager hears of a miss and when the
 * lead moves on, counted in the owner's business hours when the policy sets
 * them: a lead arriving on Friday evening is due on Monday morning.
 */
export function firstContactDeadlines(assignedAt: Date, policy: RoutingPolicy['firstContact'], timeZone: string): FirstContactDeadlines {
  const after = (minutes: number) =>
    policy.businessHours ? addBusinessMinutes(assignedAt, minutes, policy.businessHours, timeZone) : new Date(assignedAt.getTime() + minutes * 60_000);
  return { deadlineAt: after(policy.dueAfterMinutes), escalateAt: after(policy.escalateAfterMinutes), reassignAt: after(policy.reassignAfterMinutes) };
}
