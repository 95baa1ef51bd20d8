import type { SendingPaused } from '../events/sending-paused.ts';
import { type Lead, leadName } from '../leads/lead.ts';
import type { Paused } from '../sending/brake-store.ts';
import type { AlertLinks } from './alert-links.ts';

/** A lead behind a pause, and what it did. */
export type LeadBehind = { leadId: string; event: 'bounced' | 'complained' };

/** Leads named in the email: enough to see what they share (one form, one import), short enough to read. */
export const leadsListed = 20;

/** The leads behind the pause, complaints first (they cost the most), each once. */
export function leadsBehind(leads: Paused['leads']): LeadBehind[] {
  const behind = [
    ...leads.complained.map((leadId) => ({ leadId, event: 'complained' as const })),
    ...leads.bounced.map((leadId) => ({ leadId, event: 'bounced' as const })),
  ];
  return behind.filter((lead, index) => behind.findIndex((each) => each.leadId === lead.leadId) === index);
}

/**
 * The variables of alerts/sending-paused: the figures the brake judged by,
 * as percentages ready to print, and the leads behind them that are still in
 * Stoke (`listed`, an erased one is not named) out of `leadCount`.
 */
export function pausedAlertVariables(
  pause: SendingPaused,
  listed: ReadonlyArray<{ lead: Pick<Lead, 'email' | 'profile'>; event: LeadBehind['event'] }>,
  leadCount: number,
  manager: string,
  links: AlertLinks,
  company: { name: string; postalAddress: string },
) {
  const rate = ({ count, rate, threshold }: SendingPaused['bounces']) => ({ count, rate: percent(rate), threshold: percent(threshold), over: rate >= threshold });
  return {
    manager: { email: manager },
    pause: {
      because: pause.because,
      sends: pause.sends,
      windowDays: pause.windowDays,
      bounces: rate(pause.bounces),
      complaints: rate(pause.complaints),
      at: pause.at,
      // A lead without a name is known by its address, as in the handoff.
      leads: listed.map(({ lead, event }) => ({ name: leadName(lead) ?? lead.email, company: lead.profile.company, event })),
      leadCount,
      leadsMore: Math.max(0, leadCount - leadsListed),
    },
    links,
    company,
  };
}

/** 0.0597 → "5.97%", 0.03 → "3%", 0.0008 → "0.08%": complaint thresholds live in hundredths of a percent. */
export function percent(rate: number): string {
  const hundredths = Number((rate * 100).toFixed(2));
  // One complaint in 50,000 sends is not none.
  return rate > 0 && hundredths === 0 ? 'under 0.01%' : `${hundredths}%`;
}
