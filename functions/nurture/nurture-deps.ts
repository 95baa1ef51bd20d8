import type { EmailSender } from '../email/email-sender.ts';
import type { LeadStore } from '../leads/lead-store.ts';
import type { FigureStore } from '../marketing/figure-store.ts';
import type { BrakeStore } from '../sending/brake-store.ts';
import type { OneTimeSchedules } from '../schedules/one-time-schedules.ts';
import type { Claims } from '../storage/claims.ts';
import type { NurturePolicy } from './nurture-policy.ts';

export type NurtureStep = { templateId: string; delay: string; conditions: string[] };

/**
 * What taking a lead off its track, or moving its next tip, needs: no templates
 * and no email, so the functions that only do that (engagement) bundle neither.
 */
export type TrackDeps = {
  leads: LeadStore;
  schedules: OneTimeSchedules;
  policy: NurturePolicy;
  /** Marketing's figures: every send, withdrawal and opt-in is counted as it happens. */
  figures: FigureStore;
  /** Marketing's brake: while it holds, tips and confirmations wait for a manager to resume. */
  brake: BrakeStore;
  now(): Date;
};

/** What starting a track needs besides: its steps. */
export type TrackStartDeps = TrackDeps & { steps(track: string): NurtureStep[] };

/** What enrolling, sending steps and changing subscriptions need from the outside world. */
export type NurtureDeps = TrackStartDeps & {
  claims: Claims;
  mailer: EmailSender;
  render(templateId: string, variables: Record<string, unknown>): { subject: string; html: string; text: string };
  conditionsHold(templateId: string, variables: Record<string, unknown>): boolean;
  links: {
    unsubscribeUrl(leadId: string, now: Date): Promise<string>;
    confirmUrl(leadId: string, now: Date): Promise<string>;
  };
  /** Whether the address belongs to someone who had Stoke erase them: they are never emailed again. */
  erasedAddress(email: string): Promise<boolean>;
  /** An address that unsubscribes by email too (List-Unsubscribe mailto), if configured. */
  unsubscribeMailto?: string | undefined;
  company: { name: string; postalAddress: string };
};
