import { createHash } from 'node:crypto';
import type { Lead } from '../leads/lead.ts';
import type { FigureItem, Tally } from './figure-store.ts';

/*
 * What each happening adds to marketing's figures, and under which key it is
 * counted once. Pure: the functions where things happen call these and hand
 * the tally to the figure store.
 *
 * Where a count goes:
 * - a tip's figures go to its step's item on the day it was sent, so a
 *   period's rates compare like with like (opens of the tips sent in it);
 * - a lead's funnel figures go to its source's item on the day it was
 *   captured: a cohort, whose later stages fill in as they are reached;
 * - the machine filter's and consent's figures go to the day they happened.
 */

/** The funnel's stages after capture, in order; each counts a lead once. */
export const funnelStages = ['nurtured', 'hot', 'handed-off', 'contacted', 'purchased'] as const;
export type FunnelStage = (typeof funnelStages)[number];

/** Leads that turned hot this long after a tip count for that tip. */
export const hotAfterStepDays = 14;
/** Samples kept per reason and day of the signals the filter judged machine-made. */
export const samplesPerReason = 5;

export const items = {
  step: (track: string, templateId: string) => `step#${track}#${templateId}`,
  source: (source: string, campaign: string) => `source#${encodeURIComponent(source)}#${encodeURIComponent(campaign)}`,
  filter: 'filter',
  consent: 'consent',
  sample: (reason: string, slot: number) => `sample#${reason}#${slot}`,
} as const;

/** Which step of which track an email was: the tags Stoke puts on every tip. */
export type TipRef = { track: string; templateId: string; sentAt: string };

/** The UTC day of an instant. */
export function dayOf(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

/**
 * Where a lead came from, as marketing groups it (the weekly review's funnel
 * too): the first touch's UTM source, else its form, and its UTM campaign.
 */
export function sourceOf(touch: { utmSource?: string; formId?: string; utmCampaign?: string }): { source: string; campaign: string } {
  return { source: label(touch.utmSource) ?? label(touch.formId) ?? 'direct', campaign: label(touch.utmCampaign) ?? '(no campaign)' };
}

function label(value: string | undefined): string | undefined {
  return value?.trim().slice(0, 100) || undefined;
}

function funnelItem(lead: Pick<Lead, 'firstTouch' | 'capturedAt'>): FigureItem {
  const { source, campaign } = sourceOf(lead.firstTouch);
  return { day: dayOf(lead.capturedAt), item: items.source(source, campaign) };
}

function stepItem(tip: TipRef): FigureItem {
  return { day: dayOf(tip.sentAt), item: items.step(tip.track, tip.templateId) };
}

const hours = (from: string, to: string) => Math.max(0, Date.parse(to) - Date.parse(from)) / 3_600_000;

/** A new lead: the top of its source's funnel, with the temperature it came in at; hot already, if it came in hot. */
export function captured(lead: Lead): Tally {
  const temperature = lead.capturedTemperature ?? lead.score.temperature;
  const counts = { captured: 1, [`captured:${temperature}`]: 1, ...(temperature === 'hot' ? stageCounts(lead, 'hot', lead.capturedAt) : {}) };
  return { key: `captured:${lead.leadId}`, adds: [{ ...funnelItem(lead), counts }] };
}

/**
 * A lead reached a stage of the funnel, once per lead whatever happens later
 * (a lead handed off twice was handed off): the count and the hours it took from capture.
 */
export function reachedStage(lead: Lead, stage: Exclude<FunnelStage, 'nurtured' | 'hot'>, at: string): Tally {
  return { key: `stage:${stage}:${lead.leadId}`, adds: [{ ...funnelItem(lead), counts: stageCounts(lead, stage, at) }] };
}

function stageCounts(lead: Lead, stage: FunnelStage, at: string): Record<string, number> {
  return { [stage]: 1, [`${stage}:hoursFromCapture`]: hours(lead.capturedAt, at) };
}

/** A tip went out, counted once per scheduled step; a lead's first tip makes it nurtured in its funnel. */
export function tipSent(lead: Lead, seq: number, tip: TipRef, first: boolean): Tally {
  const adds: Tally['adds'] = [{ ...stepItem(tip), counts: { sent: 1 } }];
  if (first) adds.push({ ...funnelItem(lead), counts: stageCounts(lead, 'nurtured', tip.sentAt) });
  return { key: `sent:${lead.leadId}:${seq}`, adds };
}

/** What SES told about a tip: delivered, bounced, complained. */
export function tipEvent(eventId: string, tip: TipRef, event: 'delivered' | 'bounced' | 'softBounced' | 'complained'): Tally {
  return { key: `ses:${eventId}`, adds: [{ ...stepItem(tip), counts: { [event]: 1 } }] };
}

/** One open or click, as the filter judged it. */
export type JudgedSignal = {
  eventId: string;
  type: 'open' | 'click';
  at: string;
  leadId: string;
  messageId: string;
  userAgent?: string;
  ip?: string;
  link?: string;
  human: boolean;
  /** The rule that filtered it, and why, for a machine's. */
  reason?: string;
  detail?: string;
};

/**
 * Every open and click counts in the filter's audit on the day it happened,
 * and a machine's in its tip's figures by reason; a sample of the machine's
 * raw events is kept per reason and day, a few slots chosen by event id so a
 * redelivery rewrites its own slot.
 */
export function signalJudged(signal: JudgedSignal, tip: TipRef | undefined): Tally {
  const verdict = signal.human ? 'human' : (signal.reason ?? 'machine');
  const day = dayOf(signal.at);
  const adds: Tally['adds'] = [{ day, item: items.filter, counts: { [`${signal.type}:${verdict}`]: 1 } }];
  if (tip && !signal.human) adds.push({ ...stepItem(tip), counts: { [`${signal.type}Filtered:${verdict}`]: 1 } });
  const samples = signal.human ? [] : [{ day, item: items.sample(verdict, slotOf(signal.eventId)), sample: JSON.stringify(signal) }];
  return { key: `ses:${signal.eventId}`, adds, samples };
}

/**
 * The filter's second look changed a verdict: the count moves from the old
 * verdict to the new one, in the audit and in the tip's filtered figures.
 */
export function signalRejudged(before: JudgedSignal, after: JudgedSignal, tip: TipRef | undefined): Tally {
  const verdictOf = (signal: JudgedSignal) => (signal.human ? 'human' : (signal.reason ?? 'machine'));
  const [from, to] = [verdictOf(before), verdictOf(after)];
  const type = after.type;
  const adds: Tally['adds'] = [{ day: dayOf(after.at), item: items.filter, counts: { [`${type}:${from}`]: -1, [`${type}:${to}`]: 1 } }];
  const filtered: Record<string, number> = {};
  if (!before.human) filtered[`${type}Filtered:${from}`] = -1;
  if (!after.human) filtered[`${type}Filtered:${to}`] = (filtered[`${type}Filtered:${to}`] ?? 0) + 1;
  if (tip && Object.keys(filtered).length) adds.push({ ...stepItem(tip), counts: filtered });
  const samples = after.human ? [] : [{ day: dayOf(after.at), item: items.sample(to, slotOf(after.eventId)), sample: JSON.stringify(after) }];
  return { key: `rejudged:${after.eventId}:${from}>${to}`, adds, samples };
}

/**
 * Which signal is a person's first open, or first click, of one email: the
 * tip's unique opens and clicks. A second look may take that role from one
 * signal (`undone`) and give it to another, or to none.
 */
export function firstHumanSignal(messageId: string, type: 'open' | 'click', tip: TipRef, eventId: string, change: 'set' | 'undone'): Tally {
  return {
    key: `first-human-${change}:${type}:${messageId}:${eventId}`,
    adds: [{ ...stepItem(tip), counts: { [type === 'open' ? 'opened' : 'clicked']: change === 'set' ? 1 : -1 } }],
  };
}

/**
 * A known lead turned hot: each tip it got in the days before counts the
 * turn (once per hot episode), and its funnel counts its first turn (a lead
 * captured hot was counted hot at capture, and is in its second episode by now).
 */
export function turnedHot(lead: Lead, at: string): Tally {
  const since = Date.parse(at) - hotAfterStepDays * 86_400_000;
  const tips = (lead.nurture?.sent ?? []).filter((sent) => Date.parse(sent.at) >= since && Date.parse(sent.at) <= Date.parse(at));
  const adds: Tally['adds'] = tips.map((sent) => ({ ...stepItem({ track: sent.track, templateId: sent.templateId, sentAt: sent.at }), counts: { turnedHot: 1 } }));
  if (lead.hotEpisode === 1) adds.push({ ...funnelItem(lead), counts: stageCounts(lead, 'hot', at) });
  return { key: `hot:${lead.leadId}:${lead.hotEpisode}`, adds };
}

/** Why marketing may no longer email a person, counted once per lead and reason. */
export type Withdrawal = 'unsubscribed' | 'bounced' | 'complained' | 'erased';

/**
 * A person left marketing: the week's consent figures, the tip they left
 * from when there was one, and the opt-in cohort they left unconfirmed if
 * they were still awaiting confirmation (`lead` as it was before they left).
 */
export function withdrew(lead: Lead, why: Withdrawal, at: string, tip: TipRef | undefined): Tally {
  const adds: Tally['adds'] = [{ day: dayOf(at), item: items.consent, counts: { [why]: 1 } }];
  if (tip) adds.push({ ...stepItem(tip), counts: { [why]: 1 } });
  if (lead.nurture?.status === 'awaiting-confirmation') adds.push({ day: dayOf(lead.nurture.enrolledAt), item: items.consent, counts: { optInLeft: 1 } });
  return { key: `withdrew:${why}:${lead.leadId}`, adds };
}

/** The latest tip a lead got: what a link in it (unsubscribe) is counted against. */
export function lastTip(lead: Pick<Lead, 'nurture'>): TipRef | undefined {
  const last = lead.nurture?.sent.at(-1);
  return last && { track: last.track, templateId: last.templateId, sentAt: last.at };
}

/** Double opt-in: asked (the cohort of the day asked) and confirmed (counted in the cohort it was asked in). */
export function optIn(lead: Pick<Lead, 'leadId'>, askedAt: string, event: 'asked' | 'confirmed'): Tally {
  return { key: `opt-in-${event}:${lead.leadId}`, adds: [{ day: dayOf(askedAt), item: items.consent, counts: { [event === 'asked' ? 'optInAsked' : 'optInConfirmed']: 1 } }] };
}

function slotOf(eventId: string): number {
  return createHash('sha256').update(eventId).digest().readUInt32BE(0) % samplesPerReason;
}
