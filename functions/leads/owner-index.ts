import { keys } from '../storage/table.ts';
import { isOpen, type Lead, ownerIdOf } from './lead.ts';

/** Where a lead is filed for its owner: open leads by what is due next, closed ones by when they closed. Undefined without an owner. */
export function ownerIndexOf(lead: Lead) {
  const ownerId = ownerIdOf(lead.owner);
  if (!ownerId) return undefined;
  const open = isOpen(lead);
  const dueAt = lead.firstContactAt ? (lead.lastProgressAt ?? lead.firstContactAt) : (lead.assignment?.deadlineAt ?? lead.updatedAt);
  return keys.ownedBy(ownerId, open ? 'open' : 'closed', open ? dueAt : lead.updatedAt, lead.leadId);
}
