import type { EngagementRules } from './engagement-rules.ts';
import { engagementScore, type PointedSignal } from './engagement-score.ts';
import type { SesEventDetail } from './ses-event.ts';
import { optsOut } from './subscription-preferences.ts';
import type { EventPublisher } from '../events/event-publisher.ts';
import { announceBecameHot } from '../leads/hot-announcement.ts';
import { compact, type EmailSignal, isOpen, type Lead, type Nurture } from '../leads/lead.ts';
import { updateLead } from '../leads/update-lead.ts';
import type { TrackDeps } from '../nurture/nurture-deps.ts';
import { retryBouncedStep, suppress, unsubscribe } from '../nurture/sequence.ts';
import { score } from '../scoring/score.ts';
import { firstHumanSignal, type JudgedSignal, signalJudged, signalRejudged, type TipRef, tipEvent } from '../marketing/tallies.ts';
import { type Judge, judged, secondLook } from './judge-signals.ts';
import { streamOf } from '../email/email-streams.ts';
import { reportTeamEmailFailure, watchMarketingReputation } from '../sending/watch-reputation.ts';
import type { NetworkLookup } from './networks/network-lists.ts';
import type { ScoringModel } from '../scoring/scoring-model.ts';

export type EngagementDeps = TrackDeps & { events: EventPublisher; rules: EngagementRules; networkOf: NetworkLookup; model: ScoringModel };

export type EngagementOutcome =
  | { type: 'ignored'; reason: string }
  | { type: 'recorded'; signal: EmailSignal['type']; human?: boolean; score?: number; temperature?: string }
  | { type: 'unsubscribed'; via: string }
  | { type: 'sent'; brake: Awaited<ReturnType<typeof watchMarketingReputation>> }
  | { type: 'team email'; report: Awaited<ReturnType<typeof reportTeamEmailFailure>> };

const subscriptionManagement = 'SES subscription management';

// Fifty clicks at once on one lead all rescore it; each round one writer wins, so the budget must outlast the burst.
const rescoreAttempts = 30;

/**
 * One SES event about Stoke's email. On marketing's: its reputation is
 * counted (sends, permanent bounces, complaints; the brake), and the event is
 * kept once (by event id), filtered for machines, and turned into score. A
 * permanent bounce or a complaint suppresses the address, an opt-out in SES's
 * subscription management unsubscribes the lead; a crossing of the hot
 * threshold is announced once. On the team's, a permanent bounce or complaint
 * is announced for the managers. The other event types (DeliveryDelay, Reject,
 * Rendering Failure) are no-ops: the rule does not route them, but a stray
 * one changes nothing.
 */
export async function recordEngagement(eventId: string, detail: SesEventDetail, deps: EngagementDeps): Promise<EngagementOutcome> {
  const stream = streamOf(detail.mail.tags['ses:configuration-set']?.[0]);
  // Handoffs, reminders and reviews go to the people who work in Stoke: their opens say nothing about the lead.
  if (stream === 'team') return { type: 'team email', report: await reportTeamEmailFailure(detail, deps.events) };
  if (stream !== 'marketing') return { type: 'ignored', reason: 'not sent through a configuration set of Stoke' };
  const brake = await watchMarketingReputation(eventId, detail, deps);
  if (detail.eventType === 'Send') return { type: 'sent', brake };
  const leadId = detail.mail.tags.leadId?.[0];
  if (!leadId) return { type: 'ignored', reason: 'not a marketing email to a lead' };
  const lead = await deps.leads.get(leadId);
  if (!lead) return { type: 'ignored', reason: 'the lead no longer exists' };
  const messageId = detail.mail.messageId;
  const tip = tipOf(detail);
  const count = (event: Parameters<typeof tipEvent>[2]) => (tip ? deps.figures.record(tipEvent(eventId, tip, event)) : undefined);

  switch (detail.eventType) {
    case 'Delivery':
      await deps.leads.putSignal(leadId, { eventId, type: 'delivery', at: detail.delivery?.timestamp ?? detail.mail.timestamp, messageId });
      await count('delivered');
      return { type: 'recorded', signal: 'delivery' };
    case 'Bounce': {
      const permanent = detail.bounce?.bounceType === 'Permanent';
      await deps.leads.putSignal(leadId, { eventId, type: 'bounce', at: detail.bounce!.timestamp, messageId, reason: detail.bounce!.bounceType });
      await count(permanent ? 'bounced' : 'softBounced');
      if (permanent) await suppress(leadId, 'bounce', deps);
      else await retryBouncedStep(leadId, messageId, deps);
      return { type: 'recorded', signal: 'bounce' };
    }
    case 'Complaint':
      await deps.leads.putSignal(leadId, { eventId, type: 'complaint', at: detail.complaint!.timestamp, messageId });
      await count('complained');
      await suppress(leadId, 'complaint', deps);
      return { type: 'recorded', signal: 'complaint' };
    case 'Subscription':
      if (!optsOut(detail.subscription?.newTopicPreferences)) return { type: 'ignored', reason: 'the new subscription preferences opt out of nothing' };
      await unsubscribe(leadId, subscriptionManagement, deps, tip);
      return { type: 'unsubscribed', via: subscriptionManagement };
    case 'Open':
    case 'Click': {
      const known = await deps.leads.signalsOf(leadId);
      const judge = judgeOf(lead, known, detail, deps);
      // A redelivered event keeps the verdict it was stored with, or was given since by a second look.
      const kept = known.find((s) => s.eventId === eventId);
      const signal = kept ?? judged(observed(eventId, detail), known, judge);
      const stored = kept ? 'kept before' : await deps.leads.putSignal(leadId, signal);
      // A duplicate delivery stored it meanwhile, perhaps judged otherwise: the rest reads what was kept.
      const arrived = stored === 'duplicate' ? await deps.leads.signalsOf(leadId) : kept ? known : [...known, signal];
      await deps.figures.record(signalJudged(asJudged(arrived.find((s) => s.eventId === eventId) ?? signal, leadId), tip));
      const signals = await lookAgain(leadId, arrived.filter((s) => s.messageId === messageId), arrived, judge, tip, deps);
      if (tip) await countFirstHuman(eventId, messageId, known, signals, tip, deps);
      const rescored = await rescore(lead, signals, eventId, deps);
      const mine = signals.find((s) => s.eventId === eventId) ?? signal;
      return { type: 'recorded', signal: mine.type, human: mine.human, score: rescored?.score.total, temperature: rescored?.score.temperature };
    }
    default:
      return { type: 'ignored', reason: `${detail.eventType} events do not score` };
  }
}

/** The tip an email was, from the tags Stoke sends every tip with (SES tag values cannot hold '/', so the template's are dots). */
function tipOf(detail: SesEventDetail): TipRef | undefined {
  const track = detail.mail.tags.sequence?.[0];
  const template = detail.mail.tags.template?.[0];
  return track && template ? { track, templateId: template.replaceAll('.', '/'), sentAt: detail.mail.timestamp } : undefined;
}

/**
 * A tip counts the emails a person opened, and clicked in, once each: by the
 * signal that is the person's first of its kind. When that changes (this
 * signal is the first, or a second look took the role from another), the
 * count follows; this signal being the first is counted again on a retry.
 */
async function countFirstHuman(eventId: string, messageId: string, before: readonly EmailSignal[], after: readonly EmailSignal[], tip: TipRef, deps: EngagementDeps): Promise<void> {
  for (const type of ['open', 'click'] as const) {
    const was = firstHuman(before, messageId, type);
    const now = firstHuman(after, messageId, type);
    if (now && (now !== was || now === eventId)) await deps.figures.record(firstHumanSignal(messageId, type, tip, now, 'set'));
    if (was && was !== now) await deps.figures.record(firstHumanSignal(messageId, type, tip, was, 'undone'));
  }
}

function firstHuman(signals: readonly EmailSignal[], messageId: string, type: 'open' | 'click'): string | undefined {
  const human = signals.filter((s) => s.messageId === messageId && s.type === type && s.human);
  return human.sort((a, b) => a.at.localeCompare(b.at) || a.eventId.localeCompare(b.eventId))[0]?.eventId;
}

/** A kept signal as marketing's figures and the filter's audit see it. */
function asJudged(signal: EmailSignal, leadId: string): JudgedSignal {
  const [reason, ...detail] = (signal.filteredBecause ?? '').split(': ');
  return compact({
    eventId: signal.eventId,
    type: signal.type === 'click' ? ('click' as const) : ('open' as const),
    at: signal.at,
    leadId,
    messageId: signal.messageId,
    userAgent: signal.userAgent,
    ip: signal.ip,
    link: signal.link,
    human: signal.human === true,
    reason: signal.human ? undefined : reason,
    detail: signal.human ? undefined : detail.join(': '),
  });
}

/** The open or click SES reported, before anyone judged it. */
function observed(eventId: string, detail: SesEventDetail) {
  const event = detail.eventType === 'Open' ? detail.open! : detail.click!;
  return compact({
    eventId,
    messageId: detail.mail.messageId,
    type: detail.eventType === 'Open' ? ('open' as const) : ('click' as const),
    at: event.timestamp,
    userAgent: event.userAgent,
    ip: event.ipAddress,
    link: detail.click?.link,
  });
}

function judgeOf(lead: Lead, known: readonly EmailSignal[], detail: SesEventDetail, deps: EngagementDeps): Judge {
  const { messageId } = detail.mail;
  return {
    rules: deps.rules,
    networkOf: deps.networkOf,
    sentAt: lead.nurture?.sent.find((sent) => sent.messageId === messageId)?.at ?? detail.mail.timestamp,
    deliveredAt: known.find((s) => s.type === 'delivery' && s.messageId === messageId)?.at,
  };
}

/**
 * The second look: the email's earlier signals judged again with this one
 * known. A changed verdict is kept, moved in the figures, and scored: the
 * score is recomputed from every signal as kept.
 */
async function lookAgain(leadId: string, email: EmailSignal[], signals: EmailSignal[], judge: Judge, tip: TipRef | undefined, deps: EngagementDeps): Promise<EmailSignal[]> {
  const revised = secondLook(email, judge);
  for (const after of revised) {
    const before = email.find((s) => s.eventId === after.eventId)!;
    await deps.leads.reviseSignal(leadId, after);
    await deps.figures.record(signalRejudged(asJudged(before, leadId), asJudged(after, leadId), tip));
  }
  return signals.map((s) => revised.find((after) => after.eventId === s.eventId) ?? s);
}

/**
 * Scores the lead from every honest signal it has. Signals are kept as their
 * own items before this runs, and every attempt reads them after reading the
 * lead it saves over, so whichever writer saves last has seen them all:
 * concurrent events lose no points. The first attempt may start from the lead
 * and signals read before this event's signal was kept, plus that signal
 * (`readSignals`): a signal kept by someone else since then either comes with
 * a save, which makes this one stale, or changed nothing on its own, and a
 * signal that adds nothing alone adds nothing beside this one either (points
 * add up under caps).
 */
async function rescore(read: Lead, readSignals: EmailSignal[] | undefined, eventId: string, deps: EngagementDeps): Promise<Lead | undefined> {
  const { leadId } = read;
  const at = deps.now();
  let first = true;
  let declined: Lead | undefined;
  const saved = await updateLead(
    deps.leads,
    read,
    async (lead) => {
      const signals = first && readSignals ? readSignals : await deps.leads.signalsOf(leadId);
      first = false;
      const pointed = signals.filter((s): s is EmailSignal & PointedSignal => s.human === true && s.points !== undefined && s.rule !== undefined);
      const { lines } = engagementScore(pointed, deps.rules, at);
      const rescored = score({ ...lead, emailEngagement: lines }, deps.model);
      // Once per crossing, and only for a lead sales does not hold already.
      const becameHot = rescored.temperature === 'hot' && !isOpen(lead) && (lead.score.temperature !== 'hot' || hotAgainSinceHandedBack(lead, pointed, rescored.total, at, deps));
      if (rescored.total === lead.score.total && !changedNurture(lead.nurture, signals)) {
        declined = lead;
        return undefined;
      }
      return {
        lead: {
          ...lead,
          emailEngagement: lines,
          score: rescored,
          hotEpisode: lead.hotEpisode + (becameHot ? 1 : 0),
          nurture: lead.nurture && withReading(lead.nurture, signals),
          updatedAt: at.toISOString(),
        },
        entries: [
          {
            type: 'scored',
            at: at.toISOString(),
            by: 'stoke',
            details: { cause: eventId, from: lead.score.total, to: rescored.total, temperature: rescored.temperature, breakdown: rescored.breakdown },
          },
        ],
      };
    },
    rescoreAttempts,
  );
  // Declined: the lead as read needed no change, but may still owe an announcement.
  const lead = saved ?? declined;
  if (lead) await announceBecameHot(lead, 'engagement', at.toISOString(), deps);
  return lead;
}

/** Which tips the person read and which links they followed: the handoff email shows it to the rep. */
function withReading(nurture: Nurture, signals: EmailSignal[]): Nurture {
  const human = signals.filter((s) => s.human);
  return {
    ...nurture,
    sent: nurture.sent.map((sent) => {
      const mine = human.filter((s) => s.messageId === sent.messageId).sort((a, b) => a.at.localeCompare(b.at));
      const clickedLinks = [...new Set(mine.filter((s) => s.type === 'click').map((s) => s.link ?? ''))];
      return compact({ ...sent, openedAt: mine[0]?.at, clickedLinks: clickedLinks.length ? clickedLinks : undefined });
    }),
  };
}

/**
 * A lead sales handed back to nurture ("not ready yet") may still score hot
 * on what it said alone, so it never crosses the threshold again; it goes
 * back to sales when a person's engagement since the handback, with its fit,
 * reaches the hot threshold and raised its score now: the engagement before
 * the handback is what sales already saw.
 */
function hotAgainSinceHandedBack(lead: Lead, pointed: ReadonlyArray<EmailSignal & PointedSignal>, total: number, at: Date, deps: EngagementDeps): boolean {
  const handedBack = lead.status === 'not-interested' && lead.notInterested?.returnToNurture === true ? lead.notInterested.at : undefined;
  if (!handedBack || total <= lead.score.total || lead.hotEpisode > (lead.hotAnnounced ?? 0)) return false;
  const since = engagementScore(pointed.filter((signal) => signal.at >= handedBack), deps.rules, at);
  return since.lines.length > 0 && score({ ...lead, emailEngagement: since.lines }, deps.model).temperature === 'hot';
}

function changedNurture(nurture: Nurture | undefined, signals: EmailSignal[]): boolean {
  return nurture !== undefined && JSON.stringify(withReading(nurture, signals).sent) !== JSON.stringify(nurture.sent);
}
