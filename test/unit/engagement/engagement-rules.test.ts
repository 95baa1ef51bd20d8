import { describe, expect, it } from 'vitest';
import data from '../../../functions/engagement/default-engagement-rules.json' with { type: 'json' };
import { parseEngagementRules } from '../../../functions/engagement/engagement-rules.ts';

const { privacyProxy, scanners } = data.machine;
const link = (id: string, pattern = '/x', points = 10) => ({ id, pattern, points, reason: 'A reason' });
const withProxy = (change: object) => ({ machine: { ...data.machine, privacyProxy: { ...privacyProxy, ...change } } });
const withScanners = (change: object) => ({ machine: { ...data.machine, scanners: { ...scanners, ...change } } });

describe('parseEngagementRules', () => {
  it('accepts the shipped rules', () => {
    const rules = parseEngagementRules(data);

    expect(rules).toMatchObject({ points: { open: 3, click: 8 }, caps: { perEmail: 30, perDay: 40 }, halfLifeDays: 30 });
    expect(rules.highIntentLinks.map((l) => [l.id, l.points])).toEqual([['pricing', 20], ['demo-or-trial', 20], ['contact-sales', 20], ['case-study', 12]]);
  });

  it('defaults points to 3 and 8, caps to 30 and 40, half-life to 30 days, clicks to 10 s and bursts to 3 links in 5 s', () => {
    const { points, caps, halfLifeDays, ...rest } = data;
    const { clicksWithinSecondsOfDelivery, burst, ...scannerLists } = scanners;

    const rules = parseEngagementRules({ ...rest, machine: { ...data.machine, scanners: scannerLists } });

    expect([rules.points, rules.caps, rules.halfLifeDays, rules.machine.scanners.clicksWithinSecondsOfDelivery, rules.machine.scanners.burst]).toEqual([
      { open: 3, click: 8 },
      { perEmail: 30, perDay: 40 },
      30,
      10,
      { distinctLinks: 3, withinSeconds: 5 },
    ]);
  });

  it.each([
    { name: 'a link pattern that is no regular expression', change: { highIntentLinks: [link('pricing', '/pricing(')] }, says: 'must be a valid regular expression\n  → at highIntentLinks[0].pattern' },
    { name: 'a scanner pattern that is no regular expression', change: withScanners({ userAgentPatterns: ['curl/[0-9'] }), says: 'at machine.scanners.userAgentPatterns[0]' },
    { name: 'a blank proxy pattern', change: withProxy({ userAgentPatterns: [''] }), says: 'must not be blank' },
    { name: 'negative open points', change: { points: { open: -1, click: 8 } }, says: 'must not be negative\n  → at points.open' },
    { name: 'negative link points', change: { highIntentLinks: [link('pricing', '/pricing', -20)] }, says: 'must not be negative\n  → at highIntentLinks[0].points' },
    { name: 'fractional click points', change: { points: { open: 3, click: 7.5 } }, says: 'must be a whole number' },
    { name: 'a half-life of 0 days', change: { halfLifeDays: 0 }, says: 'must be more than 0\n  → at halfLifeDays' },
    { name: 'a per-email cap of 0', change: { caps: { perEmail: 0, perDay: 40 } }, says: 'must be at least 1\n  → at caps.perEmail' },
    { name: 'a fractional per-day cap', change: { caps: { perEmail: 30, perDay: 40.5 } }, says: 'must be a whole number' },
    { name: 'a negative delivery window for opens', change: withProxy({ opensWithinSecondsOfDelivery: -1 }), says: 'must not be negative' },
    { name: 'a burst of one link', change: withScanners({ burst: { distinctLinks: 1, withinSeconds: 5 } }), says: 'must be at least 2: one link clicked is no burst' },
    { name: 'a burst window of 0 s', change: withScanners({ burst: { distinctLinks: 3, withinSeconds: 0 } }), says: 'at machine.scanners.burst.withinSeconds' },
    { name: 'a repeated link rule id', change: { highIntentLinks: [link('pricing'), link('pricing')] }, says: 'duplicate rule id "pricing"' },
    { name: 'a link rule named like a plain click', change: { highIntentLinks: [link('click')] }, says: '"open" and "click" name plain signals' },
    { name: 'a link rule id with capitals', change: { highIntentLinks: [link('Pricing')] }, says: 'use lower-case letters, digits and dashes' },
    { name: 'a misspelt field', change: { halfLife: 30 }, says: 'Unrecognized key: "halfLife"' },
    { name: 'no machine filter', change: { machine: undefined }, says: 'is required\n  → at machine' },
  ])('refuses $name with a clear message', ({ change, says }) => {
    const rules = { ...data, ...change };

    expect(() => parseEngagementRules(rules, 'test rules')).toThrow(/^The test rules are invalid:\n/);
    expect(() => parseEngagementRules(rules)).toThrow(says);
  });

  it('refuses proxy ranges in the rules: where proxies fetch from is published network data', () => {
    expect(() => parseEngagementRules({ ...data, ...withProxy({ ipCidrs: ['17.0.0.0/8'] }) })).toThrow(/ipCidrs[\s\S]*at machine\.privacyProxy/);
  });
});
