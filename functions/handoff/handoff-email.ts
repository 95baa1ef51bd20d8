import { type Lead, leadName, ownerEmail, ownerName } from '../leads/lead.ts';
import type { LeadAction } from './action-links.ts';

export type VariableOptions = {
  /** The reader's time zone: every time in the email is printed in it. */
  timeZone: string;
  /** The owner's one-click links and the lead's page in the desk; only emails to the owner carry them. */
  actions?: Record<LeadAction, string>;
  leadUrl?: string | undefined;
  /** From the routing policy: after this many misses a lead waits for its manager instead of moving on. */
  maxMissedDeadlines: number;
};

/** The variables of the handoff templates (documented in templates/README.md), from a lead and its current assignment. */
export function handoffVariables(lead: Lead, options: VariableOptions, company: { name: string; postalAddress: string }): Record<string, unknown> {
  const { owner, assignment, profile } = lead;
  const local = (iso: string) => localTime(iso, options.timeZone);
  const missed = assignment?.missedDeadlines ?? [];
  const previous = assignment?.previous;
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
    rep: owner && { name: ownerName(owner), email: ownerEmail(owner) },
    handoff: assignment && {
      deadline: assignment.deadlineAt,
      deadlineLocal: local(assignment.deadlineAt),
      escalateLocal: local(assignment.escalateAt),
      reassignLocal: local(assignment.reassignAt),
      reason: assignment.reason,
      rule: assignment.rule,
      missed: missed.map(({ name, deadlineAt }) => ({ name, deadlineLocal: local(deadlineAt) })),
      parked: assignment.parked === true,
      parksNext: missed.length + 1 >= options.maxMissedDeadlines,
      ownedByQueue: owner?.type === 'queue',
      previous: previous && {
        name: ownerName(previous.owner),
        why:
          previous.why === 'manager-reassigned'
            ? `${previous.by ?? 'your manager'} chose ${owner ? ownerName(owner) : 'another rep'} for it${previous.note ? ` ("${previous.note}")` : ''}`
            : previous.owner.type === 'queue'
            ? `${owner ? ownerName(owner) : 'a rep'} could take it`
            : previous.why === 'rep-deactivated'
              ? 'their sales account was deactivated'
              : `no first contact was logged by ${local(missed.at(-1)?.deadlineAt ?? assignment.at)}`,
      },
    },
    nurture: {
      history: (lead.nurture?.sent ?? []).map(({ subject, at, openedAt, clickedLinks }) => ({ subject, sentAt: at, openedAt, clickedLinks: clickedLinks ?? [] })),
    },
    actions: options.actions && { contactedUrl: options.actions.contacted, notInterestedUrl: options.actions['not-interested'], purchasedUrl: options.actions.purchased, leadUrl: options.leadUrl },
    company,
  };
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** "10:12 on Tuesday 8 Dec, your time": a deadline as its reader's clock shows it. */
export function localTime(iso: string, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  const part = Object.fromEntries(format.formatToParts(new Date(iso)).map(({ type, value }) => [type, value]));
  return `${part.hour}:${part.minute} on ${part.weekday} ${part.day} ${part.month}, your time`;
}
