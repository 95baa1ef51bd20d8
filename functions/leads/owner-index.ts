import { keys } from '../storage/table.ts';
import { isOpen, type Lead, ownerIdOf } from './lead.ts';

/**
 * Where a lead is filed for its owner: open leads by when their next step is
 * due, customers by when their check-in is, closed ones by when they closed.
 * Undefined without an owner.
 */
export function ownerIndexOf(lead: Lead) {
  const ownerId = ownerIdOf(lead.owner);
  if (!ownerId) return undefined;
  const next = lead.plan?.next;
  if (isOpen(lead)) {
    // Leads saved before contact plans: what was due then.
    const dueAt = next?.dueAt ?? (lead.firstContactAt ? (lead.lastProgressAt ?? lead.firstContactAt) : (lead.assignment?.deadlineAt ?? lead.updatedAt));
    return keys.ownedBy(ownerId, 'open', dueAt, lead.leadId);
  }
  if (lead.status === 'purchased' && next?.kind === 'check-in') return keys.ownedBy(ownerId, 'check-in', next.dueAt, lead.leadId);
  return keys.ownedBy(ownerId, 'closed', lead.updatedAt, lead.leadId);
}
