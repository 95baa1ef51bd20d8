import { type Lead, type Owner, leadName } from '../leads/lead.ts';
import type { LeadAction } from './action-links.ts';

/** The variables of the handoff templates (documented in templates/README.md), from a lead and its assignment. */
export function handoffVariables(
  lead: Lead,
  owner: Owner,
  actions: Record<LeadAction, string>,
  company: { name: string; postalAddress: string },
): Record<string, unknown> {
  const timeZone = owner.type === 'rep' ? owner.timezone : 'UTC';
  const deadline = lead.assignment?.deadlineAt ?? lead.updatedAt;
  const { profile } = lead;
  return {
    lead: {
      name: leadName(lead) ?? lead.email,
      firstName: profile.firstName,
      lastName: profile.lastName,
      email: lead.email,
      phone: profile.phone,
      company: profile.company,
      jobTitle: profile.jobTitle,
      country: profile.country,
      need: profile.need,
      score: lead.score.total,
      temperature: lead.score.temperature,
      breakdown: lead.score.breakdown,
      firstTouch: lead.firstTouch,
      lastTouch: lead.lastTouch,
    },
    rep: owner.type === 'rep' ? { name: owner.name, email: owner.email } : { name: `the ${owner.queue} queue`, email: owner.notifyEmail },
    handoff: {
      deadline,
      deadlineLocal: `${new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(deadline))} (${timeZone})`,
      reason: lead.assignment?.reason,
      rule: lead.assignment?.rule,
    },
    nurture: {
      history: (lead.nurture?.sent ?? []).map(({ subject, at, openedAt, clickedLinks }) => ({ subject, sentAt: at, openedAt, clickedLinks: clickedLinks ?? [] })),
    },
    actions: { contactedUrl: actions.contacted, notInterestedUrl: actions['not-interested'], purchasedUrl: actions.purchased },
    company,
  };
}
