import type { TeamEmailFailed } from '../events/team-email-failed.ts';
import type { Rep } from '../routing/rep.ts';
import type { AlertLinks } from './alert-links.ts';

// The `template` tag of each email Stoke sends to the people who work in it, in the words a manager uses.
const emailsInWords: Record<string, string> = {
  'rep-handoff': 'the handoff of a hot lead',
  'lead-parked': 'a hot lead left for a manager to decide',
  'lead-taken': 'the notice that a lead was taken from them',
  'lead-reassigned': 'the notice that a lead moved on after a missed deadline',
  'first-contact-reminder': 'a first-contact reminder',
  'first-contact-escalation': 'the escalation of a missed first-contact deadline',
  'morning-list': 'their morning list',
  'weekly-review': 'the weekly lead review',
  'sending-paused': 'the alert that marketing email is paused',
};

/** Which email failed, in words; an email Stoke did not tag is still one of its own. */
export function emailInWords(template: string | undefined): string {
  return (template !== undefined && emailsInWords[template]) || 'an email from Stoke';
}

/**
 * Who an address is to the team: a rep (by name), the manager of some reps,
 * both, or nobody on the roster (such as someone watching a queue).
 */
export function personOf(address: string, reps: readonly Rep[]): { name: string; email: string; role: string } {
  const email = address.toLowerCase();
  const rep = reps.find((each) => each.email.toLowerCase() === email);
  const managed = reps.filter((each) => each.active && each.managerEmail.toLowerCase() === email).map((each) => each.name);
  const roles = [
    ...(rep ? [`a rep of the ${rep.team} team${rep.active ? '' : ', deactivated'}`] : []),
    ...(managed.length ? [`the manager of ${namesInWords(managed)}`] : []),
  ];
  return { name: rep?.name ?? email, email, role: roles.join(' and ') || 'not on the roster' };
}

/** The variables of alerts/team-email-failed for one manager. */
export function failedAlertVariables(
  failure: TeamEmailFailed,
  reps: readonly Rep[],
  manager: string,
  links: AlertLinks,
  company: { name: string; postalAddress: string },
) {
  return {
    manager: { email: manager },
    failure: {
      type: failure.failure,
      person: personOf(failure.recipient, reps),
      email: emailInWords(failure.template),
      diagnostic: failure.diagnostic,
      at: failure.at,
    },
    links,
    company,
  };
}

function namesInWords(names: readonly string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
