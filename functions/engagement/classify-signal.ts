import { BlockList, isIP } from 'node:net';
import type { ScoreLine } from '../scoring/score.ts';
import { type EngagementRules, parseCidr } from './engagement-rules.ts';

/** One open or click on a nurture email, as SES reports it. */
export type Signal = { type: 'open' | 'click'; at: string; userAgent?: string; ip?: string; link?: string };

/** What else is known about the email the signal was made on. */
export type SignalContext = {
  /** From SES's delivery event; publishing is best effort, so it can be missing. */
  deliveredAt?: string;
  sentAt: string;
  /** Other clicks on the same email, whoever made them. */
  clicks: ReadonlyArray<{ at: string; link: string }>;
};

export type MachineReason =
  | 'scanner-user-agent'
  | 'privacy-proxy-open'
  | 'open-within-seconds-of-delivery'
  | 'click-within-seconds-of-delivery'
  | 'click-burst';

export type Classification = { human: true } | { human: false; reason: MachineReason; detail: string };

/** Tells a signal a person made from one a machine made, and says why for the audit trail. */
export function classifySignal(signal: Signal, context: SignalContext, rules: EngagementRules): Classification {
  const { privacyProxy, scanners } = rules.machine;
  // Browsers and mail clients always send a user agent; an empty one is a script.
  const userAgent = signal.userAgent ?? '';
  const scanner = firstMatch(scanners.userAgentPatterns, userAgent);
  if (scanner !== undefined) return machine('scanner-user-agent', `user agent "${userAgent}" matches the scanner pattern "${scanner}"`);

  const since = sinceDelivery(signal.at, context);
  if (signal.type === 'open') {
    const proxy = firstMatch(privacyProxy.userAgentPatterns, userAgent);
    if (proxy !== undefined) return machine('privacy-proxy-open', `user agent "${userAgent}" matches the privacy-proxy pattern "${proxy}"`);
    const range = signal.ip === undefined ? undefined : rangeOf(signal.ip, privacyProxy.ipCidrs);
    if (range !== undefined) return machine('privacy-proxy-open', `IP ${signal.ip} is in the privacy-proxy range ${range}`);
    if (since.ms < privacyProxy.opensWithinSecondsOfDelivery * 1000) {
      return machine('open-within-seconds-of-delivery', `opened ${seconds(since.ms)} s after ${since.from}, sooner than ${privacyProxy.opensWithinSecondsOfDelivery} s`);
    }
    return { human: true };
  }

  if (since.ms < scanners.clicksWithinSecondsOfDelivery * 1000) {
    return machine('click-within-seconds-of-delivery', `clicked ${seconds(since.ms)} s after ${since.from}, sooner than ${scanners.clicksWithinSecondsOfDelivery} s`);
  }
  const { distinctLinks, withinSeconds } = scanners.burst;
  const burst = densestBurst(signal, context.clicks, withinSeconds * 1000);
  if (burst.links >= distinctLinks) {
    return machine('click-burst', `${burst.links} different links clicked within ${seconds(burst.spanMs)} s; ${distinctLinks} within ${withinSeconds} s is a scanner`);
  }
  return { human: true };
}

/** What a human signal is worth before caps and decay: a matching high-intent link, else a plain open or click. */
export function signalPoints(signal: Pick<Signal, 'type' | 'link'>, rules: EngagementRules): ScoreLine {
  if (signal.type === 'open') return { rule: 'open', points: rules.points.open, reason: 'Opened an email' };
  const link = signal.link ?? '';
  const rule = rules.highIntentLinks.find((candidate) => new RegExp(candidate.pattern, 'iu').test(link));
  return rule ? { rule: rule.id, points: rule.points, reason: rule.reason } : { rule: 'click', points: rules.points.click, reason: 'Clicked a link' };
}

/** Milliseconds since the epoch of an ISO 8601 timestamp; a malformed one is a bug upstream, not a signal to guess at. */
export function instant(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO 8601 timestamp: "${iso}"`);
  return ms;
}

function machine(reason: MachineReason, detail: string): Classification {
  return { human: false, reason, detail };
}

function firstMatch(patterns: readonly string[], text: string): string | undefined {
  return patterns.find((pattern) => new RegExp(pattern, 'iu').test(text));
}

// Without a delivery event, sending time is the only anchor; it is earlier, so fewer signals look fast, never more.
function sinceDelivery(at: string, context: SignalContext): { ms: number; from: string } {
  const anchor = context.deliveredAt ?? context.sentAt;
  return { ms: instant(at) - instant(anchor), from: context.deliveredAt === undefined ? 'sending (no delivery event)' : 'delivery' };
}

function rangeOf(ip: string, cidrs: readonly string[]): string | undefined {
  const version = isIP(ip);
  if (version === 0) return undefined;
  return cidrs.find((text) => {
    const cidr = parseCidr(text);
    if (cidr === undefined) return false;
    const range = new BlockList();
    range.addSubnet(cidr.address, cidr.prefix, cidr.family);
    return range.check(ip, version === 4 ? 'ipv4' : 'ipv6');
  });
}

/** The most different links clicked in any window of `windowMs` that contains this click. */
function densestBurst(signal: Signal, others: SignalContext['clicks'], windowMs: number): { links: number; spanMs: number } {
  const at = instant(signal.at);
  const clicks = [...others, { at: signal.at, link: signal.link ?? '' }].map((click) => ({ ms: instant(click.at), link: click.link }));
  let densest = { links: 0, spanMs: 0 };
  // The densest window can always be slid right until it starts on a click, so those starts are the only ones to try.
  for (const start of clicks.filter((click) => click.ms <= at && click.ms >= at - windowMs)) {
    const inside = clicks.filter((click) => click.ms >= start.ms && click.ms <= start.ms + windowMs);
    const links = new Set(inside.map((click) => click.link)).size;
    if (links > densest.links) densest = { links, spanMs: Math.max(...inside.map((click) => click.ms)) - start.ms };
  }
  return densest;
}

function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}
