import type { HistoryEntry } from '../leads/history.ts';
import { type Lead, type Owner, ownerEmail, ownerIdOf } from '../leads/lead.ts';
import { once } from '../storage/claims.ts';
import type { HandoffDeps } from './handoff-deps.ts';
import { handoffVariables } from './handoff-email.ts';

/** The emails about an assignment, each a template under templates/handoff/. */
export type Notice = 'rep-handoff' | 'lead-parked' | 'lead-taken' | 'lead-reassigned' | 'first-contact-reminder' | 'first-contact-escalation';

const historyTypes: Record<Notice, HistoryEntry['type']> = {
  'rep-handoff': 'handoff-emailed',
  'lead-parked': 'handoff-emailed',
  'lead-taken': 'previous-owner-told',
  'lead-reassigned': 'manager-told',
  'first-contact-reminder': 'deadline-reminded',
  'first-contact-escalation': 'deadline-escalated',
};

/**
 * Tells everyone an assignment concerns: the new owner (with their one-click
 * links), the owner it was taken from and why, and, when a missed deadline
 * moved it, that owner's manager. A lead parked after too many misses is the
 * manager's own: the email that hands it to them says why.
 */
export async function notifyAssignment(lead: Lead, deps: HandoffDeps): Promise<void> {
  const { owner, assignment } = lead as Required<Pick<Lead, 'owner' | 'assignment'>> & Lead;
  await sendNotice(lead, assignment.parked ? 'lead-parked' : 'rep-handoff', ownerEmail(owner), { reader: owner, withActions: true }, deps);
  const previous = assignment.previous;
  if (!previous) return;
  // A manager who takes a lead out of the queue they watch needs no email about their own choice.
  if (previous.why === 'manager-reassigned' && ownerEmail(previous.owner).toLowerCase() === previous.by?.toLowerCase()) return;
  await sendNotice(lead, 'lead-taken', ownerEmail(previous.owner), { reader: previous.owner }, deps);
  if (previous.why === 'deadline-missed' && previous.owner.type === 'rep' && !assignment.parked) {
    await sendNotice(lead, 'lead-reassigned', previous.owner.managerEmail, { reader: 'manager' }, deps);
  }
}

/**
 * Sends one notice about the lead's current assignment, once however often
 * it is asked: the claim is keyed by the assignment's number, so the same
 * notice about a later assignment (the lead came back) is sent again.
 */
export async function sendNotice(
  lead: Lead,
  notice: Notice,
  to: string,
  { reader, withActions = false }: { reader: Owner | 'manager'; withActions?: boolean },
  deps: HandoffDeps,
): Promise<void> {
  const assignment = lead.assignment!;
  const ownerId = ownerIdOf(lead.owner)!;
  let messageId: string | undefined;
  await once(deps.claims, notice, `${lead.leadId}:${assignment.number}`, async () => {
    const actions = withActions ? await deps.actionUrls({ leadId: lead.leadId, ownerId, episode: assignment.episode }, deps.now()) : undefined;
    const timeZone = reader !== 'manager' && reader.type === 'rep' ? reader.timezone : deps.managerTimeZone;
    const email = deps.render(`handoff/${notice}`, handoffVariables(lead, { timeZone, actions, leadUrl: actions && deps.leadPageUrl(lead.leadId), maxMissedDeadlines: deps.policy.firstContact.maxMissedDeadlines }, deps.company));
    ({ messageId } = await deps.mailer.send({ to, stream: 'team', ...email, tags: { leadId: lead.leadId, template: notice, episode: String(assignment.episode) } }));
  });
  // Recorded outside the claim: a failure here must not give the claim back and send the email twice.
  if (messageId !== undefined) {
    const recipient = reader === 'manager' ? 'manager' : ownerIdOf(reader);
    await deps.leads.record(lead.leadId, {
      type: historyTypes[notice],
      at: deps.now().toISOString(),
      by: 'stoke',
      details: { to: recipient, template: notice, messageId, episode: assignment.episode, assignment: assignment.number },
    });
  }
}
