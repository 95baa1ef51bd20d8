import { compact, isClosed, type Lead, leadName } from '../leads/lead.ts';
import type { ReviewLead } from './review-input.ts';

/** What the weekly review reads of a lead, counted for the week [start, end). */
export function reviewLead(lead: Lead, week: { start: string; end: string }): ReviewLead {
  const { profile } = lead;
  const inWeek = (at: string) => at >= week.start && at < week.end;
  const hotAt = lead.assignment?.at;
  const contactCount = lead.contactCount ?? 0;
  const closed = isClosed(lead);
  return compact({
    leadId: lead.leadId,
    name: leadName(lead) ?? lead.email,
    company: profile.company,
    email: lead.email,
    capturedAt: lead.capturedAt,
    status: lead.status,
    temperature: lead.score.temperature,
    capturedTemperature: lead.capturedTemperature ?? lead.score.temperature,
    ownerRepId: lead.owner?.type === 'rep' ? lead.owner.repId : undefined,
    ownerQueue: lead.owner?.type === 'queue' ? lead.owner.queue : undefined,
    ownerNotifyEmail: lead.owner?.type === 'queue' ? lead.owner.notifyEmail : undefined,
    assignedAt: lead.assignment?.at,
    deadlineAt: lead.assignment?.deadlineAt,
    missedDeadlines: lead.assignment?.missedDeadlines?.length ? lead.assignment.missedDeadlines : undefined,
    parked: lead.assignment?.parked ? true : undefined,
    // Closing is not contacting. Leads closed through the one-click link before it recorded outcomes as the
    // sales desk does carry a first contact stamped by the click: a lead nobody spoke to was not contacted.
    firstContactAt: lead.status === 'not-interested' && contactCount === 0 ? undefined : lead.firstContactAt,
    lastProgressAt: lead.lastProgressAt,
    updatedAt: lead.updatedAt,
    contactCount,
    contactsInWeek: (lead.contactTimes ?? []).filter(inWeek),
    holdBack: lead.holdBack?.category,
    notInterestedReason: lead.notInterested?.reason,
    purchaseValue: lead.purchase?.value,
    // Those leads have no closedAt either; nothing moves a closed lead after its closing, so its last progress is when.
    closedAt: lead.closedAt ?? (closed ? (lead.notInterested?.at ?? lead.purchase?.at ?? lead.lastProgressAt) : undefined),
    hotEpisode: lead.hotEpisode ?? 0,
    tipsBeforeHot: hotAt ? (lead.nurture?.sent ?? []).filter((sent) => sent.at < hotAt).map((sent) => sent.templateId) : [],
    nurtured: (lead.nurture?.sent.length ?? 0) > 0,
    source: compact({ formId: lead.firstTouch.formId, utmSource: lead.firstTouch.utmSource, utmCampaign: lead.firstTouch.utmCampaign }),
    country: profile.country,
    region: profile.region,
    plan: lead.plan && compact({
      planId: lead.plan.planId,
      name: lead.plan.name,
      length: lead.plan.length,
      startedAt: lead.plan.startedAt,
      steps: lead.plan.steps,
      next: lead.plan.next && compact({ kind: lead.plan.next.kind, touch: lead.plan.next.touch, dueAt: lead.plan.next.dueAt }),
    }),
  });
}
