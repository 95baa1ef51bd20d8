import { type LeadHandedOff, leadHandedOff } from '../events/lead-handed-off.ts';
import { type Lead, leadName } from '../leads/lead.ts';

/**
 * The JSON a team's chat or CRM receives for a handoff: who the lead is,
 * why it is hot, who owns it and by when first contact is due.
 */
export function handoffDocument(event: LeadHandedOff, lead: Lead, deliveryId: string) {
  const { profile } = lead;
  return {
    type: leadHandedOff.detailType,
    version: 1,
    deliveryId,
    at: event.at,
    lead: {
      leadId: lead.leadId,
      name: leadName(lead),
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
    },
    owner: lead.owner,
    episode: event.episode,
    rule: event.rule,
    reason: event.reason,
    firstContactDeadline: event.deadlineAt,
    previousRepId: event.previousRepId,
  };
}
