import { isOpen, type Lead, ownerEmail, ownerIdOf } from '../leads/lead.ts';
import type { FieldError } from '../platform/errors.ts';
import { type RecordChangeDeps, recordChange } from '../sales/record-change.ts';
import { changeStatus, logContact } from '../sales/sales-changes.ts';
import type { SalesPolicy } from '../sales/sales-policy.ts';
import { type Claims, once } from '../storage/claims.ts';
import type { LeadActionInput } from './action-forms.ts';

export type LeadActionDeps = RecordChangeDeps & { claims: Claims; policy: SalesPolicy };

export type LeadActionRequest = {
  /** Names the link: each link records once. */
  linkId: string;
  leadId: string;
  ownerId: string;
  episode: number;
  input: LeadActionInput;
};

export type LeadActionOutcome =
  | { type: 'recorded'; lead: Lead }
  | { type: 'refused'; reason: string }
  | { type: 'invalid'; error: FieldError }
  | { type: 'used' };

const claimPurpose = 'lead-action-link';
const via = 'email link';

/**
 * Records what a rep did, from a one-click link, exactly as the sales desk
 * records it: a contact, or an outcome. Only the lead's current owner may,
 * only while the lead is open, and each link once.
 */
export async function applyLeadAction(request: LeadActionRequest, deps: LeadActionDeps): Promise<LeadActionOutcome> {
  let outcome: LeadActionOutcome | undefined;
  await once(deps.claims, claimPurpose, request.linkId, async () => {
    outcome = await record(request, deps);
  });
  if (!outcome) return { type: 'used' };
  // Nothing was recorded: the rep may correct the form and send it again.
  if (outcome.type === 'invalid') await deps.claims.release(claimPurpose, request.linkId);
  return outcome;
}

/** Why a link for this owner and hot episode can no longer record anything on the lead; undefined while it can. */
export function linkRefusal(lead: Lead | undefined, ownerId: string, episode: number): string | undefined {
  if (!lead) return 'This lead no longer exists.';
  if (!lead.owner || ownerIdOf(lead.owner) !== ownerId || lead.assignment?.episode !== episode) {
    return 'This lead has since been given to someone else, so this link no longer applies.';
  }
  if (!isOpen(lead)) return `This lead is already closed as ${lead.status}.`;
  return undefined;
}

async function record({ leadId, ownerId, episode, input }: LeadActionRequest, deps: LeadActionDeps): Promise<LeadActionOutcome> {
  const recorded = await recordChange(
    leadId,
    (lead, now) => {
      const refused = linkRefusal(lead, ownerId, episode);
      if (refused) return { refused };
      // The same author as the sales desk writes for the rep: the address they sign in with.
      const by = ownerEmail(lead.owner!);
      return input.type === 'contact' ? logContact(lead, input.contact, by, now, deps.plans, via) : changeStatus(lead, input.change, deps.policy, by, now, deps.plans, via);
    },
    deps,
  );
  return recorded.type === 'missing' ? { type: 'refused', reason: 'This lead no longer exists.' } : recorded;
}
