import { describe, expect, it } from 'vitest';
import { type Signal, type SignalContext, classifySignal, signalPoints } from '../../../functions/engagement/classify-signal.ts';
import { defaultEngagementRules as rules } from '../../../functions/engagement/default-rules.ts';
import { engagementScore } from '../../../functions/engagement/engagement-score.ts';
import { parseEngagementRules } from '../../../functions/engagement/engagement-rules.ts';
import { defaultNetworks } from '../../../functions/engagement/networks/default-networks.ts';

const { networkOf } = defaultNetworks;

const deliveredAt = '2026-11-24T09:00:00.000Z';
const sentAt = '2026-11-24T08:59:57.000Z';
/** A moment `seconds` after delivery. */
const at = (seconds: number) => new Date(Date.parse(deliveredAt) + seconds * 1000).toISOString();

const ua = {
  chrome: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  iphoneSafari: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  appleProxy: 'Mozilla/5.0',
  gmailProxy: 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
  outlookDesktop: 'Mozilla/4.0 (compatible; ms-office; MSOffice 16)',
  curl: 'curl/8.5.0',
};
const page = {
  pricing: 'https://stoke.example/pricing?utm_source=tip-3',
  demo: 'https://stoke.example/demo',
  caseStudy: 'https://stoke.example/customers/case-studies/acme',
  blog: 'https://stoke.example/blog/speed-to-lead',
};
const open = (seconds: number, userAgent: string, ip = '203.0.113.7'): Signal => ({ type: 'open', at: at(seconds), userAgent, ip });
const click = (seconds: number, link: string, userAgent = ua.chrome, ip = '203.0.113.7'): Signal => ({ type: 'click', at: at(seconds), userAgent, ip, link });

describe('classifySignal on one email to a B2B lead', () => {
  // Everything that happened to one tip, in the order SES reported it.
  const events = {
    'Apple MPP fetches the pixel at delivery': open(2, ua.appleProxy, '17.58.101.9'),
    'a gateway scanner follows the pricing link 1 s after delivery': click(1, page.pricing, ua.chrome, '40.92.4.10'),
    'the gateway follows the demo link 1.4 s after delivery': click(1.4, page.demo, ua.chrome, '40.92.4.10'),
    'the gateway follows the case study 1.7 s after delivery': click(1.7, page.caseStudy, ua.chrome, '40.92.4.10'),
    'the gateway follows the blog link 2 s after delivery': click(2, page.blog, ua.chrome, '40.92.4.10'),
    "the person opens in Gmail 40 min later, through Google's image proxy": open(2400, ua.gmailProxy, '66.249.84.17'),
    'the person clicks pricing an hour after delivery': click(3600, page.pricing),
    'curl fetches the blog link two hours later': click(7200, page.blog, ua.curl),
    'a burst at 5 h: pricing': click(18_000, page.pricing),
    'a burst at 5 h: demo 1 s later': click(18_001, page.demo),
    'a burst at 5 h: case study 2 s later': click(18_002, page.caseStudy),
    'a burst at 5 h: blog 3 s later': click(18_003, page.blog),
  } satisfies Record<string, Signal>;
  const contextOf = (signal: Signal): SignalContext => ({ deliveredAt, sentAt, others: Object.values(events).filter((other) => other !== signal) });

  it.each([
    { name: 'Apple MPP fetches the pixel at delivery', reason: 'privacy-proxy-open', detail: 'matches the privacy-proxy pattern "^Mozilla/5\\.0$"' },
    { name: 'a gateway scanner follows the pricing link 1 s after delivery', reason: 'known-network', detail: 'IP 40.92.4.10 is in 40.92.0.0/15 of the published list microsoft-365-eop (mail-gateway)' },
    { name: 'the gateway follows the demo link 1.4 s after delivery', reason: 'known-network', detail: 'microsoft-365-eop' },
    { name: 'the gateway follows the case study 1.7 s after delivery', reason: 'known-network', detail: 'microsoft-365-eop' },
    { name: 'the gateway follows the blog link 2 s after delivery', reason: 'known-network', detail: 'microsoft-365-eop' },
    { name: "the person opens in Gmail 40 min later, through Google's image proxy", reason: undefined, detail: undefined },
    { name: 'the person clicks pricing an hour after delivery', reason: undefined, detail: undefined },
    { name: 'curl fetches the blog link two hours later', reason: 'scanner-user-agent', detail: 'user agent "curl/8.5.0" matches the scanner pattern "\\bcurl/"' },
    { name: 'a burst at 5 h: pricing', reason: 'click-burst', detail: '4 different links clicked within 3 s; 3 within 5 s is a scanner' },
    { name: 'a burst at 5 h: demo 1 s later', reason: 'click-burst', detail: '4 different links clicked within 3 s' },
    { name: 'a burst at 5 h: case study 2 s later', reason: 'click-burst', detail: '4 different links clicked within 3 s' },
    { name: 'a burst at 5 h: blog 3 s later', reason: 'click-burst', detail: '4 different links clicked within 3 s' },
  ] as const)('$name: $reason', ({ name, reason, detail }) => {
    const signal = events[name];

    const result = classifySignal(signal, contextOf(signal), rules, networkOf);

    if (reason === undefined) expect(result.human).toBe(true);
    else expect(result).toEqual({ human: false, reason, detail: expect.stringContaining(detail) });
  });

  it('scores only what the person did: the Gmail open and the pricing click', () => {
    const human = Object.values(events)
      .filter((signal) => classifySignal(signal, contextOf(signal), rules, networkOf).human)
      .map((signal) => ({ ...signal, messageId: 'tip-3', ...signalPoints(signal, rules) }));

    const score = engagementScore(human, rules, new Date(Date.parse(deliveredAt) + 3600_000));

    expect(score.lines.map((l) => [l.rule, l.points])).toEqual([['open', 3], ['pricing', 20]]);
    expect(score.total).toBe(23);
  });
});

describe('classifySignal, one rule at a time', () => {
  const context = (others: Signal[] = []): SignalContext => ({ deliveredAt, sentAt, others });
  const clicked = (seconds: number, link: string): Signal => click(seconds, link);
  it.each([
    { name: 'a person clicking 5 min after an MPP open', signal: click(300, page.demo, ua.iphoneSafari, '17.58.101.9'), clicks: [], reason: undefined },
    { name: 'a click from an Apple address (a person on iCloud Private Relay)', signal: click(600, page.blog, ua.iphoneSafari, '17.1.2.3'), clicks: [], reason: undefined },
    { name: "an open from iCloud Private Relay's published egress hours later", signal: open(9000, ua.iphoneSafari, '104.28.86.17'), clicks: [], reason: 'privacy-proxy-open' },
    { name: "an open from Apple's own 17/8, where MPP does not fetch from", signal: open(9000, ua.iphoneSafari, '17.253.1.1'), clicks: [], reason: undefined },
    { name: "a bare-UA open hours later (the proxy prefetched when the phone woke)", signal: open(30_000, ua.appleProxy, '104.28.40.1'), clicks: [], reason: 'privacy-proxy-open' },
    { name: 'Outlook desktop opening 3 s after delivery: a person watching the inbox', signal: open(3, ua.outlookDesktop), clicks: [], reason: undefined },
    { name: 'a browser fetching the pixel 20 s after delivery: a gateway rendering the email', signal: open(20, ua.chrome), clicks: [], reason: 'browser-open-at-delivery' },
    { name: 'a browser fetching the pixel 2 min after delivery: webmail', signal: open(120, ua.chrome), clicks: [], reason: undefined },
    { name: 'an unknown program opening 3 s after delivery', signal: open(3, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)'), clicks: [], reason: 'open-within-seconds-of-delivery' },
    { name: 'Microsoft Teams previewing the link', signal: click(2400, page.blog, 'Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com'), clicks: [], reason: 'scanner-user-agent' },
    { name: 'Office checking the link before the browser opens it', signal: click(600, page.blog, ua.outlookDesktop), clicks: [], reason: 'link-checker' },
    { name: 'a person clicking 6 s after delivery, having opened it in Apple Mail first', signal: click(6, page.demo, ua.iphoneSafari, '198.51.100.22'), clicks: [open(3, 'Mozilla/5.0 (iPhone; CPU iPhone OS 12_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148', '198.51.100.22')], reason: undefined },
    { name: 'Outlook desktop opening an hour later', signal: open(3600, ua.outlookDesktop), clicks: [], reason: undefined },
    { name: 'an open without a user agent', signal: { type: 'open', at: at(600) }, clicks: [], reason: 'scanner-user-agent' },
    { name: 'a Barracuda open', signal: open(600, 'Mozilla/5.0 (compatible; Barracuda Sentinel)'), clicks: [], reason: 'scanner-user-agent' },
    { name: 'a headless browser click', signal: click(600, page.blog, 'Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/131.0.0.0 Safari/537.36'), clicks: [], reason: 'scanner-user-agent' },
    { name: 'a python-requests click', signal: click(600, page.blog, 'python-requests/2.32.3'), clicks: [], reason: 'scanner-user-agent' },
    { name: 'a click exactly 10 s after delivery', signal: click(10, page.blog), clicks: [], reason: undefined },
    { name: 'a click stamped before delivery', signal: click(-1, page.blog), clicks: [], reason: 'click-within-seconds-of-delivery' },
    { name: 'a gateway letting the click through: the same link 2 s later from the person’s own address', signal: click(600, page.pricing, ua.chrome, '198.51.100.90'), clicks: [click(602, page.pricing, ua.iphoneSafari, '203.0.113.8')], reason: 'same-link-then-elsewhere' },
    { name: 'the person’s click, a gateway re-checking it after', signal: click(600, page.pricing, ua.iphoneSafari, '203.0.113.8'), clicks: [click(600.4, page.pricing, ua.chrome, '52.98.41.3')], reason: undefined },
    { name: 'a scanner re-fetching the link 12 s after the person clicked it, from another computer (resend-node#901)', signal: click(612, page.pricing, ua.chrome, '198.51.100.90'), clicks: [click(600, page.pricing, ua.iphoneSafari, '203.0.113.8')], reason: 'same-link-from-another-device' },
    { name: 'the person whose click the scanner re-fetched 12 s later', signal: click(600, page.pricing, ua.iphoneSafari, '203.0.113.8'), clicks: [click(612, page.pricing, ua.chrome, '198.51.100.90')], reason: undefined },
    { name: 'the same link again 12 s later from the same kind of computer: the person again', signal: click(612, page.pricing, ua.chrome, '198.51.100.90'), clicks: [click(600, page.pricing, ua.chrome, '203.0.113.8')], reason: undefined },
    { name: 'the same link again 12 s later from another computer at the same address: one household', signal: click(612, page.pricing, ua.chrome, '203.0.113.8'), clicks: [click(600, page.pricing, ua.iphoneSafari, '203.0.113.8')], reason: undefined },
    { name: 'the same link from another computer 2 min later: the person moved to their desk', signal: click(720, page.pricing, ua.chrome, '198.51.100.90'), clicks: [click(600, page.pricing, ua.iphoneSafari, '203.0.113.8')], reason: undefined },
    { name: 'a re-fetch after a click that was itself a scanner’s says nothing', signal: click(612, page.pricing, ua.chrome, '198.51.100.90'), clicks: [click(600, page.pricing, 'python-requests/2.32.3', '203.0.113.8')], reason: undefined },
    { name: '3 different links within 5 s', signal: click(605, page.demo), clicks: [clicked(600, page.pricing), clicked(603, page.blog)], reason: 'click-burst' },
    { name: 'the first click of a burst, once the burst has arrived (the second look)', signal: click(600, page.pricing), clicks: [clicked(601, page.demo), clicked(602, page.blog)], reason: 'click-burst' },
    { name: '2 different links within 5 s', signal: click(602, page.demo), clicks: [clicked(600, page.pricing)], reason: undefined },
    { name: '3 different links over 6 s', signal: click(603, page.demo), clicks: [clicked(600, page.pricing), clicked(606, page.blog)], reason: undefined },
    { name: 'the same link 3 times in 2 s', signal: click(602, page.demo), clicks: [clicked(600, page.demo), clicked(601, page.demo)], reason: undefined },
  ] satisfies { name: string; signal: Signal; clicks: Signal[]; reason: string | undefined }[])(
    '$name',
    ({ signal, clicks, reason }) => {
      const result = classifySignal(signal, context(clicks), rules, networkOf);

      expect(result.human ? undefined : result.reason).toBe(reason);
    },
  );

  it('checks IPv6 proxy ranges', () => {
    const result = classifySignal(open(900, ua.iphoneSafari, '2a02:26f7:c900:4000::2a'), context(), rules, networkOf);

    expect(result).toEqual({ human: false, reason: 'privacy-proxy-open', detail: expect.stringContaining('of the published list apple-icloud-private-relay') });
  });

  it('times clicks from sending when SES published no delivery event', () => {
    const result = classifySignal(click(4, page.blog), { sentAt, others: [] }, rules, networkOf);

    expect(result).toEqual({ human: false, reason: 'click-within-seconds-of-delivery', detail: expect.stringContaining('clicked 7 s after sending (no delivery event), sooner than 10 s') });
  });

  it('refuses a malformed timestamp instead of guessing', () => {
    expect(() => classifySignal({ ...click(600, page.blog), at: 'yesterday' }, context(), rules, networkOf)).toThrow('not an ISO 8601 timestamp: "yesterday"');
  });
});

describe('signalPoints', () => {
  const withMeetingLink = parseEngagementRules({
    ...rules,
    highIntentLinks: [{ id: 'meeting', pattern: 'calendly\\.com/stoke', points: 25, reason: 'Booked a meeting' }, ...rules.highIntentLinks],
  });

  it.each([
    { name: 'an open', signal: { type: 'open' }, expected: { rule: 'open', points: 3, reason: 'Opened an email' } },
    { name: 'pricing with tracking parameters', signal: { type: 'click', link: page.pricing }, expected: { rule: 'pricing', points: 20, reason: 'Clicked through to pricing' } },
    { name: 'pricing in capitals', signal: { type: 'click', link: 'https://stoke.example/PRICING' }, expected: { rule: 'pricing', points: 20 } },
    { name: 'a demo booking', signal: { type: 'click', link: 'https://stoke.example/book-a-demo' }, expected: { rule: 'demo-or-trial', points: 20 } },
    { name: 'a free trial', signal: { type: 'click', link: 'https://stoke.example/free-trial?plan=team' }, expected: { rule: 'demo-or-trial', points: 20 } },
    { name: 'contact sales', signal: { type: 'click', link: 'https://stoke.example/contact-sales' }, expected: { rule: 'contact-sales', points: 20 } },
    { name: 'a case study', signal: { type: 'click', link: page.caseStudy }, expected: { rule: 'case-study', points: 12, reason: 'Read a case study' } },
    { name: 'the first matching rule only', signal: { type: 'click', link: 'https://stoke.example/pricing?from=case-studies' }, expected: { rule: 'pricing', points: 20 } },
    { name: 'a blog post', signal: { type: 'click', link: page.blog }, expected: { rule: 'click', points: 8, reason: 'Clicked a link' } },
  ] satisfies { name: string; signal: Pick<Signal, 'type' | 'link'>; expected: object }[])('$name', ({ signal, expected }) => {
    expect(signalPoints(signal, rules)).toMatchObject(expected);
  });

  it('lets a rule name a host, ahead of the shipped ones', () => {
    expect(signalPoints({ type: 'click', link: 'https://calendly.com/stoke/demo' }, withMeetingLink)).toEqual({ rule: 'meeting', points: 25, reason: 'Booked a meeting' });
  });
});
