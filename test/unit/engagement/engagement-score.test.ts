import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultEngagementRules as rules } from '../../../functions/engagement/default-rules.ts';
import type { EngagementRules } from '../../../functions/engagement/engagement-rules.ts';
import { type PointedSignal, engagementScore } from '../../../functions/engagement/engagement-score.ts';

const dayMs = 24 * 60 * 60 * 1000;
const now = new Date('2026-11-24T12:00:00.000Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

const opened = (at: string, messageId = 'tip-1'): PointedSignal => ({ type: 'open', at, messageId, rule: 'open', points: 3, reason: 'Opened an email' });
const pricing = (at: string, messageId = 'tip-1'): PointedSignal => ({ type: 'click', at, messageId, rule: 'pricing', points: 20, reason: 'Clicked through to pricing' });
const demo = (at: string, messageId = 'tip-1'): PointedSignal => ({ type: 'click', at, messageId, rule: 'demo-or-trial', points: 20, reason: 'Clicked to book a demo or start a trial' });
const caseStudy = (at: string, messageId = 'tip-1'): PointedSignal => ({ type: 'click', at, messageId, rule: 'case-study', points: 12, reason: 'Read a case study' });
const plainClick = (at: string, messageId = 'tip-1'): PointedSignal => ({ type: 'click', at, messageId, rule: 'click', points: 8, reason: 'Clicked a link' });

describe('engagementScore caps', () => {
  it.each([
    {
      name: '50 reloads of the same email score the per-email cap',
      signals: Array.from({ length: 50 }, (_, i) => opened(ago(i * 1000))),
      lines: [{ rule: 'open', points: 30, reason: 'Opened an email (50×, 150 points, 120 over the per-email cap, worth 30 after decay)' }],
    },
    {
      name: 'the later click on one email loses what goes over the per-email cap',
      signals: [demo(ago(60_000)), pricing(ago(120_000))],
      lines: [
        { rule: 'pricing', points: 20, reason: 'Clicked through to pricing (1×, 20 points, worth 20 after decay)' },
        { rule: 'demo-or-trial', points: 10, reason: 'Clicked to book a demo or start a trial (1×, 20 points, 10 over the per-email cap, worth 10 after decay)' },
      ],
    },
    {
      name: 'three emails on one day score the per-day cap',
      signals: [pricing(ago(3000), 'tip-1'), demo(ago(2000), 'tip-2'), caseStudy(ago(1000), 'tip-3')],
      lines: [
        { rule: 'pricing', points: 20, reason: 'Clicked through to pricing (1×, 20 points, worth 20 after decay)' },
        { rule: 'demo-or-trial', points: 20, reason: 'Clicked to book a demo or start a trial (1×, 20 points, worth 20 after decay)' },
        { rule: 'case-study', points: 0, reason: 'Read a case study (1×, 12 points, 12 over the per-day cap, worth 0 after decay)' },
      ],
    },
    {
      name: 'a new UTC day has its own cap',
      signals: [pricing('2026-11-23T23:59:00.000Z', 'tip-1'), demo('2026-11-23T23:59:30.000Z', 'tip-2'), caseStudy('2026-11-24T00:00:30.000Z', 'tip-3')],
      lines: [
        { rule: 'pricing', points: 20, reason: 'Clicked through to pricing (1×, 20 points, worth 20 after decay)' },
        { rule: 'demo-or-trial', points: 20, reason: 'Clicked to book a demo or start a trial (1×, 20 points, worth 20 after decay)' },
        { rule: 'case-study', points: 12, reason: 'Read a case study (1×, 12 points, worth 12 after decay)' },
      ],
    },
    {
      name: 'days are UTC days whatever offset the timestamp carries',
      signals: [pricing('2026-11-23T22:00:00-02:00', 'tip-1'), demo('2026-11-24T01:00:00.000Z', 'tip-2'), caseStudy('2026-11-24T02:00:00.000Z', 'tip-3')],
      lines: [
        { rule: 'pricing', points: 20, reason: 'Clicked through to pricing (1×, 20 points, worth 20 after decay)' },
        { rule: 'demo-or-trial', points: 20, reason: 'Clicked to book a demo or start a trial (1×, 20 points, worth 20 after decay)' },
        { rule: 'case-study', points: 0, reason: 'Read a case study (1×, 12 points, 12 over the per-day cap, worth 0 after decay)' },
      ],
    },
  ])('$name', ({ signals, lines }) => {
    const score = engagementScore(signals, { ...rules, halfLifeDays: 10_000 }, now);

    expect(score.lines).toEqual(lines);
    expect(score.total).toBe(lines.reduce((total, line) => total + line.points, 0));
  });

  it('names the per-email cap when both caps bind at once', () => {
    const score = engagementScore([pricing(ago(2000)), demo(ago(1000))], { ...rules, caps: { perEmail: 20, perDay: 20 } }, now);

    expect(score.lines[1]?.reason).toBe('Clicked to book a demo or start a trial (1×, 20 points, 20 over the per-email cap, worth 0 after decay)');
  });

  it('gives the same lines whatever order the signals are stored in', () => {
    const signals = [opened(ago(5000)), pricing(ago(4000)), demo(ago(4000), 'tip-2'), caseStudy(ago(3000)), opened(ago(2000), 'tip-2')];

    const forwards = engagementScore(signals, rules, now);
    const backwards = engagementScore([...signals].reverse(), rules, now);

    expect(backwards).toEqual(forwards);
  });

  it('scores nothing for no signals', () => {
    expect(engagementScore([], rules, now)).toEqual({ total: 0, lines: [] });
  });
});

describe('engagementScore decay (engagement only: fit points are scored elsewhere and do not fade)', () => {
  it.each([
    { name: 'today', ageDays: 0, click: 8, pricing: 20 },
    { name: '30 days old (one half-life): half', ageDays: 30, click: 4, pricing: 10 },
    { name: '60 days old: a quarter', ageDays: 60, click: 2, pricing: 5 },
    { name: '120 days old: about 1/16', ageDays: 120, click: 0.5, pricing: 1.3 },
  ])('a click $name', ({ ageDays, click, pricing: pricingPoints }) => {
    const at = ago(ageDays * dayMs);

    const score = engagementScore([plainClick(at, 'tip-1'), pricing(at, 'tip-2')], rules, now);

    expect(score.lines.map((l) => l.points)).toEqual([click, pricingPoints]);
  });

  it('counts a signal stamped after now in full, not more', () => {
    expect(engagementScore([pricing(new Date(now.getTime() + 60_000).toISOString())], rules, now).total).toBe(20);
  });

  it('explains decay in the line', () => {
    const score = engagementScore([pricing(ago(2 * dayMs)), pricing(ago(2 * dayMs + 1000), 'tip-2')], rules, now);

    expect(score.lines).toEqual([{ rule: 'pricing', points: 38.2, reason: 'Clicked through to pricing (2×, 40 points, worth 38.2 after decay)' }]);
  });
});

describe('engagementScore properties', () => {
  const ruleIds = ['open', 'click', 'pricing', 'case-study'] as const;
  const signal = fc.record({
    offsetMs: fc.integer({ min: 0, max: 20 * dayMs }),
    messageId: fc.constantFrom('tip-1', 'tip-2', 'tip-3', 'tip-4'),
    rule: fc.constantFrom(...ruleIds),
    points: fc.integer({ min: 0, max: 40 }),
  });
  const someRules = fc.record({
    perEmail: fc.integer({ min: 1, max: 60 }),
    perDay: fc.integer({ min: 1, max: 80 }),
    halfLifeDays: fc.double({ min: 0.5, max: 120, noNaN: true }),
  });
  const asRules = ({ perEmail, perDay, halfLifeDays }: { perEmail: number; perDay: number; halfLifeDays: number }): EngagementRules => ({
    ...rules,
    caps: { perEmail, perDay },
    halfLifeDays,
  });
  const start = Date.UTC(2026, 0, 1);
  const asSignal = (s: { offsetMs: number; messageId: string; rule: string; points: number }): PointedSignal => ({
    type: s.rule === 'open' ? 'open' : 'click',
    at: new Date(start + s.offsetMs).toISOString(),
    messageId: s.messageId,
    rule: s.rule,
    points: s.points,
    reason: s.rule,
  });

  it('is never negative and never more than the caps allow over the days and emails involved', () => {
    fc.assert(
      fc.property(fc.array(signal, { maxLength: 40 }), someRules, fc.integer({ min: 0, max: 200 * dayMs }), (raw, knobs, nowOffset) => {
        const signals = raw.map(asSignal);
        const days = new Set(signals.map((s) => s.at.slice(0, 10))).size;
        const emails = new Set(signals.map((s) => s.messageId)).size;

        const score = engagementScore(signals, asRules(knobs), new Date(start + nowOffset));

        expect(score.total).toBeGreaterThanOrEqual(0);
        expect(score.total).toBeLessThanOrEqual(knobs.perDay * days);
        expect(score.total).toBeLessThanOrEqual(knobs.perEmail * emails);
        expect(score.total).toBeCloseTo(score.lines.reduce((total, line) => total + line.points, 0), 9);
      }),
    );
  });

  it('never grows as the signals age', () => {
    fc.assert(
      fc.property(
        fc.array(signal, { maxLength: 20 }),
        someRules,
        fc.integer({ min: 0, max: 100 * dayMs }),
        fc.integer({ min: 0, max: 100 * dayMs }),
        (raw, knobs, nowOffset, later) => {
          const signals = raw.map(asSignal);
          const knobsRules = asRules(knobs);

          const sooner = engagementScore(signals, knobsRules, new Date(start + 20 * dayMs + nowOffset));
          const older = engagementScore(signals, knobsRules, new Date(start + 20 * dayMs + nowOffset + later));

          expect(older.total).toBeLessThanOrEqual(sooner.total);
        },
      ),
    );
  });
});
