import { isbot } from 'isbot';
import type { ScoreLine } from '../scoring/score.ts';
import type { EngagementRules } from './engagement-rules.ts';
import type { NetworkLookup } from './networks/network-lists.ts';

/** One open or click on a nurture email, as SES reports it. */
export type Signal = { type: 'open' | 'click'; at: string; userAgent?: string; ip?: string; link?: string };


/** What else is known about the email the signal was made on. */
export type SignalContext = {
  /** From SES's delivery event; publishing is best effort, so it can be missing. */
  deliveredAt?: string;
  sentAt: string;
  /**
   * The email's other opens and clicks, earlier and later, whoever made them:
   * a verdict is given again when a later one arrives (the second look).
   */
  others: readonly Signal[];
};

export const machineReasons = [
  'scanner-user-agent',
  'privacy-proxy-open',
  'known-network',
  'link-checker',
  'open-within-seconds-of-delivery',
  'browser-open-at-delivery',
  'repeat-fetch',
  'click-within-seconds-of-delivery',
  'click-burst',
  'same-link-then-elsewhere',
  'same-link-from-another-device',
] as const;
export type MachineReason = (typeof machineReasons)[number];

export type Classification = { human: true; because?: string } | { human: false; reason: MachineReason; detail: string };

/**
 * Tells a signal a person made from one a machine made, and says why for the
 * audit trail. The evidence, strongest first: who the program says it is (its
 * user agent), where it comes from (networks whose owners publish them), when
 * it came (right at delivery, before anyone can have read), and what else
 * happened to the same email (every link at once, a person reading first).
 */
export function classifySignal(signal: Signal, context: SignalContext, rules: EngagementRules, networkOf: NetworkLookup): Classification {
  const { privacyProxy, scanners, people } = rules.machine;
  // Browsers and mail clients always send a user agent; an empty one is a script.
  const userAgent = signal.userAgent ?? '';
  const open = signal.type === 'open';
  // A published network whose traffic of this kind (opens, or clicks) is a machine's.
  const found = signal.ip === undefined ? undefined : networkOf(signal.ip);
  const network = found?.appliesTo.includes(signal.type) ? found : undefined;
  const since = sinceDelivery(signal.at, context);

  if (open) {
    const proxy = firstMatch(privacyProxy.userAgentPatterns, userAgent);
    if (proxy !== undefined) return machine('privacy-proxy-open', `user agent "${userAgent}" matches the privacy-proxy pattern "${proxy}"`);
    if (network?.kind === 'privacy-proxy') return machine('privacy-proxy-open', `IP ${signal.ip} is in ${network.cidr} of the published list ${network.listId}`);
    // Webmail fetches the images through its own proxy when the person opens the email.
    const imageProxy = firstMatch(people.imageProxyPatterns, userAgent);
    if (imageProxy !== undefined) {
      const repeat = repeatFetch(signal, context, people.repeatFetchWithinSeconds);
      if (repeat) return machine('repeat-fetch', `the same program fetched this email's images ${seconds(repeat)} s before: a retry, not a second reading`);
      return { human: true, because: `the webmail image proxy "${imageProxy}" fetches when the person opens the email` };
    }
  }

  const scanner = firstMatch(scanners.userAgentPatterns, userAgent) ?? (scanners.knownBots && isbot(userAgent) ? 'isbot' : undefined);
  if (scanner !== undefined) return machine('scanner-user-agent', `user agent "${userAgent}" matches the scanner pattern "${scanner}"`);
  if (network && network.kind !== 'privacy-proxy') {
    return machine('known-network', `IP ${signal.ip} is in ${network.cidr} of the published list ${network.listId} (${network.kind})`);
  }

  if (open) {
    const client = firstMatch(people.mailClientPatterns, userAgent);
    if (client !== undefined) return { human: true, because: `a mail client ("${client}") fetched the images as the person opened the email` };
    const browser = firstMatch(people.browserPatterns, userAgent);
    if (browser !== undefined && since.ms < people.browserOpensWithinSecondsOfDelivery * 1000) {
      return machine('browser-open-at-delivery', `a browser ("${browser}") fetched the images ${seconds(since.ms)} s after ${since.from}, sooner than ${people.browserOpensWithinSecondsOfDelivery} s: a gateway rendering the email`);
    }
    if (since.ms < privacyProxy.opensWithinSecondsOfDelivery * 1000) {
      return machine('open-within-seconds-of-delivery', `opened ${seconds(since.ms)} s after ${since.from}, sooner than ${privacyProxy.opensWithinSecondsOfDelivery} s`);
    }
    return { human: true };
  }

  const checker = firstMatch(scanners.linkCheckerPatterns, userAgent);
  if (checker !== undefined) return machine('link-checker', `user agent "${userAgent}" matches "${checker}": a program checking the link before the browser opens it`);
  const reader = personReadingFirst(signal, context, rules, networkOf);
  // The person who opened the email, clicking from where they opened it: a scanner's clicks around theirs are not theirs.
  if (reader && signal.ip !== undefined && reader.ip === signal.ip) return { human: true, because: `the person who opened the email ${describe(reader, signal)} clicked from the same address` };
  const { distinctLinks, withinSeconds } = scanners.burst;
  const burst = densestBurst(signal, clicksOf(context), withinSeconds * 1000);
  if (burst.links >= distinctLinks) {
    return machine('click-burst', `${burst.links} different links clicked within ${seconds(burst.spanMs)} s; ${distinctLinks} within ${withinSeconds} s is a scanner`);
  }
  const relayed = sameLinkThenElsewhere(signal, context, scanners.sameLinkWithinSeconds, rules, networkOf);
  if (relayed) {
    return machine('same-link-then-elsewhere', `the same link was clicked ${seconds(relayed.ms)} s later from ${relayed.ip}: a gateway checks a link before it lets the person's click through`);
  }
  const recheck = recheckAfterPerson(signal, context, scanners, rules, networkOf);
  if (recheck) {
    return machine(
      'same-link-from-another-device',
      `a person clicked the same link ${seconds(recheck.ms)} s before on ${recheck.before}, and this click came from ${recheck.after}: a scanner re-checking the link, as nobody changes computer that fast`,
    );
  }
  if (since.ms < scanners.clicksWithinSecondsOfDelivery * 1000) {
    if (reader) return { human: true, because: `clicked ${seconds(since.ms)} s after ${since.from}, but a person opened the email first (${describe(reader, signal)})` };
    return machine('click-within-seconds-of-delivery', `clicked ${seconds(since.ms)} s after ${since.from}, sooner than ${scanners.clicksWithinSecondsOfDelivery} s, with no person's open before it`);
  }
  return { human: true };
}

function describe(open: Signal, click: Signal): string {
  return `${seconds(instant(click.at) - instant(open.at))} s before, with "${open.userAgent ?? ''}"`;
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
function sinceDelivery(at: string, context: Pick<SignalContext, 'deliveredAt' | 'sentAt'>): { ms: number; from: string } {
  const anchor = context.deliveredAt ?? context.sentAt;
  return { ms: instant(at) - instant(anchor), from: context.deliveredAt === undefined ? 'sending (no delivery event)' : 'delivery' };
}

function clicksOf(context: SignalContext): Array<{ at: string; link: string }> {
  return context.others.filter((other) => other.type === 'click').map((click) => ({ at: click.at, link: click.link ?? '' }));
}

/** How long before this fetch the same program fetched the same email's images, when that is soon enough to be a retry. */
function repeatFetch(signal: Signal, context: SignalContext, withinSeconds: number): number | undefined {
  const at = instant(signal.at);
  const earlier = context.others
    .filter((other) => other.type === 'open' && other.userAgent === signal.userAgent && instant(other.at) < at && at - instant(other.at) <= withinSeconds * 1000)
    .map((other) => at - instant(other.at));
  return earlier.length ? Math.min(...earlier) : undefined;
}

/**
 * A person's open of the email before this click, judged on its own: someone
 * who watches their inbox opens, then clicks within seconds; a gateway clicks
 * without anyone having opened, or after its own machine-made open.
 */
function personReadingFirst(signal: Signal, context: SignalContext, rules: EngagementRules, networkOf: NetworkLookup): Signal | undefined {
  const at = instant(signal.at);
  // Judged among the email's opens only: a click never makes an open a person's.
  const opens = context.others.filter((other) => other.type === 'open');
  return opens.find((open) => instant(open.at) <= at && classifySignal(open, { ...context, others: opens.filter((other) => other !== open) }, rules, networkOf).human);
}

/**
 * The same link clicked again soon after from another address, by what looks
 * like a person: a gateway first, then the person it passed the click to.
 * (A later click that is itself a machine's is a re-check, and says nothing of this one.)
 */
function sameLinkThenElsewhere(signal: Signal, context: SignalContext, withinSeconds: number, rules: EngagementRules, networkOf: NetworkLookup): { ms: number; ip: string } | undefined {
  if (signal.ip === undefined || signal.link === undefined) return undefined;
  const at = instant(signal.at);
  const later = context.others.find(
    (other) =>
      other.type === 'click' &&
      other.link === signal.link &&
      other.ip !== undefined &&
      other.ip !== signal.ip &&
      instant(other.at) > at &&
      instant(other.at) - at <= withinSeconds * 1000 &&
      classifySignal(other, { ...context, others: [] }, rules, networkOf).human,
  );
  return later && { ms: instant(later.at) - at, ip: later.ip! };
}

/**
 * A person's click on the same link shortly before this one, from another kind
 * of device: a link scanner re-checking what the person clicked (resend-node#901).
 * Within `sameLinkWithinSeconds` the pair reads the other way round (the gateway
 * first, then the person it let through), so only later re-fetches count here.
 */
function recheckAfterPerson(
  signal: Signal,
  context: SignalContext,
  scanners: EngagementRules['machine']['scanners'],
  rules: EngagementRules,
  networkOf: NetworkLookup,
): { ms: number; before: string; after: string } | undefined {
  const after = platformOf(signal.userAgent);
  if (signal.link === undefined || after === undefined) return undefined;
  const at = instant(signal.at);
  const earlier = context.others.find((other) => {
    const gap = at - instant(other.at);
    const before = platformOf(other.userAgent);
    return (
      other.type === 'click' &&
      other.link === signal.link &&
      gap > scanners.sameLinkWithinSeconds * 1000 &&
      gap <= scanners.recheckWithinSeconds * 1000 &&
      before !== undefined &&
      before !== after &&
      !(other.ip !== undefined && other.ip === signal.ip) &&
      classifySignal(other, { ...context, others: [] }, rules, networkOf).human
    );
  });
  return earlier && { ms: at - instant(earlier.at), before: platformOf(earlier.userAgent)!, after };
}

// The operating system a user agent names; order matters, as iPhone and Android strings also say "like Mac OS X" and "Linux".
const platforms: ReadonlyArray<[string, RegExp]> = [
  ['an iPhone or iPad', /\((iPhone|iPad|iPod)\b/u],
  ['Android', /\bAndroid\b/u],
  ['ChromeOS', /\bCrOS\b/u],
  ['Windows', /\bWindows\b/u],
  ['a Mac', /\bMacintosh\b/u],
  ['Linux', /\bLinux\b|\bX11\b/u],
];

function platformOf(userAgent: string | undefined): string | undefined {
  return userAgent === undefined ? undefined : platforms.find(([, pattern]) => pattern.test(userAgent))?.[0];
}

/** The most different links clicked in any window of `windowMs` that contains this click. */
function densestBurst(signal: Signal, others: ReadonlyArray<{ at: string; link: string }>, windowMs: number): { links: number; spanMs: number } {
  const at = instant(signal.at);
  const clicks = [...others, { at: signal.at, link: signal.link ?? '' }].map((click) => ({ ms: instant(click.at), link: click.link }));
  let densest = { links: 0, spanMs: 0 };
  // The densest window can always be slid until it starts on a click, so those starts are the only ones to try.
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
