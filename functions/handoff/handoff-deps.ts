import type { EmailSender } from '../email/email-sender.ts';
import type { EventPublisher } from '../events/event-publisher.ts';
import type { LeadStore } from '../leads/lead-store.ts';
import type { FigureStore } from '../marketing/figure-store.ts';
import type { RepStore } from '../reps/rep-store.ts';
import type { ContactPlanPolicy } from '../plans/contact-plan-policy.ts';
import type { RoutingPolicy } from '../routing/routing-policy.ts';
import type { OneTimeSchedules } from '../schedules/one-time-schedules.ts';
import type { Claims } from '../storage/claims.ts';
import type { LeadAction } from './action-links.ts';

export type RenderedEmail = { subject: string; html: string; text: string };

/** What handing off, reminding and reassigning need from the outside world. */
export type HandoffDeps = {
  leads: LeadStore;
  reps: RepStore;
  claims: Claims;
  mailer: EmailSender;
  schedules: OneTimeSchedules;
  events: EventPublisher;
  /** Marketing's funnel counts each lead's first handoff. */
  figures: FigureStore;
  policy: RoutingPolicy;
  /** The contact plans a lead follows once assigned. */
  plans: ContactPlanPolicy;
  render(templateId: string, variables: Record<string, unknown>): RenderedEmail;
  /** Signed one-click URLs for the owner of a lead's current assignment. */
  actionUrls(subject: { leadId: string; ownerId: string; episode: number }, now: Date): Promise<Record<LeadAction, string>>;
  /** The lead's page in the desk, where its owner works it (signed in). */
  leadPageUrl(leadId: string): string;
  /** Managers read times in the weekly review's time zone: the team's own. */
  managerTimeZone: string;
  /** The sender, shown in every email. */
  company: { name: string; postalAddress: string };
  now(): Date;
};
