import type { EmailSender } from '../email/email-sender.ts';
import type { TemplateRenderer } from '../email/render-email.ts';
import type { SendingPaused } from '../events/sending-paused.ts';
import type { TeamEmailFailed } from '../events/team-email-failed.ts';
import type { LeadStore } from '../leads/lead-store.ts';
import type { RepStore } from '../reps/rep-store.ts';
import type { BrakeStore } from '../sending/brake-store.ts';
import { type Claims, once } from '../storage/claims.ts';
import { alertLinks } from './alert-links.ts';
import { failedAlertVariables } from './failed-alert.ts';
import { managersOf } from './managers.ts';
import { leadsBehind, leadsListed, pausedAlertVariables } from './paused-alert.ts';

export type SendingAlertDeps = {
  leads: Pick<LeadStore, 'get'>;
  reps: Pick<RepStore, 'list'>;
  brake: Pick<BrakeStore, 'state'>;
  claims: Claims;
  mailer: EmailSender;
  templates: TemplateRenderer;
  /** Where the email links to (the desk's public URL) and whose name and address it carries. */
  settings: { deskUrl: string; company: { name: string; postalAddress: string } };
};

export type AlertOutcome =
  | { type: 'sent'; managers: number; leads?: number }
  | { type: 'skipped'; why: 'resumed since' | 'nobody to tell' | 'an alert about an alert' };

/**
 * Tells every manager that marketing email is paused, with the figures and
 * the leads behind them: once each per pause, however often the event comes.
 * A pause a manager already resumed needs no alert.
 */
export async function alertSendingPaused(pause: SendingPaused, deps: SendingAlertDeps): Promise<AlertOutcome> {
  const state = await deps.brake.state(pause.stream);
  if (state.status !== 'paused' || state.paused.at !== pause.at) return { type: 'skipped', why: 'resumed since' };
  const managers = managersOf(await deps.reps.list());
  if (!managers.length) return { type: 'skipped', why: 'nobody to tell' };
  const behind = leadsBehind(state.paused.leads);
  const read = await Promise.all(behind.slice(0, leadsListed).map(async ({ leadId, event }) => ({ lead: await deps.leads.get(leadId), event })));
  // An erased lead is not named, not even as missing.
  const listed = read.flatMap(({ lead, event }) => (lead ? [{ lead, event }] : []));
  const links = alertLinks(deps.settings.deskUrl);
  for (const manager of managers) {
    await once(deps.claims, 'sending-paused', `${pause.at}:${manager}`, async () => {
      const email = deps.templates.render('alerts/sending-paused', pausedAlertVariables(pause, listed, behind.length, manager, links, deps.settings.company));
      await deps.mailer.send({ to: manager, stream: 'team', ...email, tags: { template: 'sending-paused' } });
    });
  }
  return { type: 'sent', managers: managers.length, leads: behind.length };
}

/**
 * Tells every manager but the one whose address failed that an email to a
 * colleague bounced or drew a complaint: once each per failure. The team's
 * stream suppresses nothing, so without this the failures would go unnoticed.
 */
export async function alertTeamEmailFailed(failure: TeamEmailFailed, deps: SendingAlertDeps): Promise<AlertOutcome> {
  // Two managers whose addresses both fail would otherwise alert each other about each other's alerts for ever.
  if (failure.template === 'team-email-failed') return { type: 'skipped', why: 'an alert about an alert' };
  const reps = await deps.reps.list();
  const failing = failure.recipient.toLowerCase();
  const managers = managersOf(reps).filter((manager) => manager !== failing);
  if (!managers.length) return { type: 'skipped', why: 'nobody to tell' };
  const links = alertLinks(deps.settings.deskUrl);
  for (const manager of managers) {
    // Each email of Stoke's has one recipient, so its message id and the failure name the failure.
    await once(deps.claims, 'team-email-failed', `${failure.messageId}:${failure.failure}:${manager}`, async () => {
      const email = deps.templates.render('alerts/team-email-failed', failedAlertVariables(failure, reps, manager, links, deps.settings.company));
      await deps.mailer.send({ to: manager, stream: 'team', ...email, tags: { template: 'team-email-failed' } });
    });
  }
  return { type: 'sent', managers: managers.length };
}
