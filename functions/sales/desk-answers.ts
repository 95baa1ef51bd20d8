import { type EmailSignal, type Lead, leadName } from '../leads/lead.ts';
import { clock } from '../platform/clock.ts';
import type { LateOn, TeamBoard } from './team-board.ts';

// What the sales desk answers, shaped from the leads: the desk (desk/src/api/types.ts) reads its types from here.

/** A lead as the inbox and the team board list it. */
export function summary(lead: Lead) {
  const { profile } = lead;
  return {
    leadId: lead.leadId,
    name: leadName(lead) ?? lead.email,
    company: profile.company,
    status: lead.status,
    temperature: lead.score.temperature,
    score: lead.score.total,
    dueAt: lead.firstContactAt ? undefined : lead.assignment?.deadlineAt,
    firstContactAt: lead.firstContactAt,
    lastProgressAt: lead.lastProgressAt,
    contactCount: lead.contactCount ?? 0,
    holdBack: lead.holdBack?.category,
    nextStep: nextStepOf(lead),
    // The owner's clock: deadlines and due times read in it.
    timeZone: lead.owner?.type === 'rep' ? lead.owner.timezone : undefined,
  };
}

/** An email signal as the lead's page shows it: whether a person made it and, if a machine did, why the filter said so. The address it came from stays out. */
export function signalShown({ ip, ...signal }: EmailSignal) {
  return signal;
}

/** The team board as `GET /team` answers it: each lead listed as the inbox lists it, with what it is late on. */
export function board({ managerEmail, at, reps, queues }: TeamBoard) {
  const listed = (leads: Array<{ lead: Lead; late: LateOn }>) => leads.map(({ lead, late }) => ({ ...summary(lead), late }));
  return {
    managerEmail,
    at,
    reps: reps.map(({ leads, ...rep }) => ({ ...rep, leads: listed(leads) })),
    queues: queues.map(({ queue, leads }) => ({ queue, leads: listed(leads) })),
  };
}

/** The lead's one next step as the inbox shows it: what, when, from which plan touch, and whether it is late. */
function nextStepOf(lead: Lead) {
  const next = lead.plan?.next;
  if (!next) return undefined;
  return {
    kind: next.kind,
    touch: next.touch,
    ofTouches: lead.plan!.length,
    plan: lead.plan!.name,
    channel: next.channel,
    dueAt: next.dueAt,
    instruction: next.instruction,
    setBy: next.setBy,
    overdue: Date.parse(next.dueAt) < clock.now().getTime(),
  };
}

export type InboxLead = ReturnType<typeof summary>;
export type InboxStep = NonNullable<InboxLead['nextStep']>;
export type TeamBoardAnswer = ReturnType<typeof board>;
export type RepOnBoardAnswer = TeamBoardAnswer['reps'][number];
export type BoardLead = RepOnBoardAnswer['leads'][number];
export type SignalShown = ReturnType<typeof signalShown>;
