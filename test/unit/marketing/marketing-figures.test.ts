import { describe, expect, it } from 'vitest';
import { defaultEngagementRules } from '../../../functions/engagement/default-rules.ts';
import { defaultNetworkLists } from '../../../functions/engagement/networks/default-networks.ts';
import { consentReport } from '../../../functions/marketing/consent-report.ts';
import { filterAudit } from '../../../functions/marketing/filter-audit.ts';
import { funnel, funnelCsv } from '../../../functions/marketing/funnel.ts';
import { journeyMap, type TrackDefinition } from '../../../functions/marketing/journey.ts';
import { memoryFigureStore } from '../../../functions/marketing/memory-figure-store.ts';
import { daysOf, periodOf, PeriodQuery } from '../../../functions/marketing/period.ts';
import { captured, type JudgedSignal, optIn, reachedStage, signalJudged, tipEvent, tipSent, turnedHot, withdrew, firstHumanSignal } from '../../../functions/marketing/tallies.ts';
import { hotLead } from '../../support/hot-lead.ts';

const warmTrack: TrackDefinition = {
  track: 'warm',
  role: ['leads no rule matches'],
  steps: [
    { templateId: 'nurture/warm/01-first', subject: 'First', preheader: '', delay: 'P1D', conditions: [] },
    { templateId: 'nurture/warm/02-second', subject: 'Second', preheader: '', delay: 'P3D', conditions: [] },
  ],
};
const tip1 = (sentAt: string) => ({ track: 'warm', templateId: 'nurture/warm/01-first', sentAt });
const tip2 = (sentAt: string) => ({ track: 'warm', templateId: 'nurture/warm/02-second', sentAt });
const period = { from: '2026-11-02', to: '2026-11-15' };

function signal(changes: Partial<JudgedSignal>): JudgedSignal {
  return { eventId: crypto.randomUUID(), type: 'open', at: '2026-11-03T10:00:00.000Z', leadId: 'lead-1', messageId: 'm-1', human: true, ...changes };
}

describe("a track's journey", () => {
  it("adds up each step's figures over the days of the period, counting a redelivered event once", async () => {
    const store = memoryFigureStore();
    await store.record(tipSent(hotLead({ leadId: 'a' }), 1, tip1('2026-11-03T09:00:00.000Z'), true));
    await store.record(tipSent(hotLead({ leadId: 'b' }), 1, tip1('2026-11-04T09:00:00.000Z'), true));
    await store.record(tipSent(hotLead({ leadId: 'b' }), 1, tip1('2026-11-04T09:00:00.000Z'), true));
    await store.record(tipEvent('e1', tip1('2026-11-03T09:00:00.000Z'), 'delivered'));
    await store.record(tipEvent('e2', tip1('2026-11-04T09:00:00.000Z'), 'delivered'));
    await store.record(firstHumanSignal('m-a', 'open', tip1('2026-11-03T09:00:00.000Z'), 'e-open', 'set'));
    await store.record(firstHumanSignal('m-a', 'open', tip1('2026-11-03T09:00:00.000Z'), 'e-open', 'set'));
    await store.record(signalJudged(signal({ type: 'click', human: false, reason: 'click-burst', detail: '3 links' }), tip1('2026-11-04T09:00:00.000Z')));
    // Sent before the period: not the period's.
    await store.record(tipSent(hotLead({ leadId: 'c' }), 1, tip1('2026-10-30T09:00:00.000Z'), false));

    const journey = journeyMap(period, await store.days(daysOf(period)), [warmTrack]);

    const [first, second] = journey.tracks[0]!.steps;
    expect(first).toMatchObject({ number: 1, subject: 'First', figures: { sent: 2, delivered: 2, opened: 1, clicked: 0, clickFiltered: { 'click-burst': 1 } } });
    expect(first!.figures.rates).toEqual({ delivered: 1, opened: 0.5, clicked: 0, unsubscribed: 0, turnedHot: 0 });
    expect(second!.figures).toMatchObject({ sent: 0, rates: { delivered: null, turnedHot: null } });
  });

  it('keeps the figures of a step no longer in the templates apart, as retired', async () => {
    const store = memoryFigureStore();
    await store.record(tipSent(hotLead({ leadId: 'a' }), 1, { track: 'warm', templateId: 'nurture/warm/00-removed', sentAt: '2026-11-05T09:00:00.000Z' }, false));
    const journey = journeyMap(period, await store.days(daysOf(period)), [warmTrack]);
    expect(journey.tracks[0]!.retired).toEqual([{ templateId: 'nurture/warm/00-removed', figures: expect.objectContaining({ sent: 1 }) }]);
  });

  it('counts a turn to hot for each tip of the 14 days before it, once per hot episode', async () => {
    const lead = hotLead({
      hotEpisode: 1,
      nurture: {
        track: 'warm',
        status: 'active',
        enrolledAt: '2026-10-01T09:00:00.000Z',
        nextStep: 2,
        seq: 2,
        sent: [
          { templateId: 'nurture/warm/01-first', track: 'warm', step: 0, subject: 'First', at: '2026-10-20T09:00:00.000Z' },
          { templateId: 'nurture/warm/02-second', track: 'warm', step: 1, subject: 'Second', at: '2026-11-03T09:00:00.000Z' },
        ],
      },
    });
    const store = memoryFigureStore();
    await store.record(turnedHot(lead, '2026-11-10T09:00:00.000Z'));
    expect(await store.record(turnedHot(lead, '2026-11-10T09:05:00.000Z'))).toBe('already counted');

    const journey = journeyMap({ from: '2026-10-01', to: '2026-11-15' }, await store.days(daysOf({ from: '2026-10-01', to: '2026-11-15' })), [warmTrack]);
    expect(journey.tracks[0]!.steps.map((step) => step.figures.turnedHot)).toEqual([0, 1]);
  });
});

describe('the funnel by source and campaign', () => {
  it("follows each source's captured leads through the stages, each lead once, with days from capture", async () => {
    const store = memoryFigureStore();
    const ads = (changes = {}) => hotLead({ capturedAt: '2026-11-03T09:00:00.000Z', firstTouch: { at: '2026-11-03T09:00:00.000Z', utmSource: 'linkedin', utmCampaign: 'q4-webinar' }, ...changes });
    const warm = ads({ capturedTemperature: 'warm' });
    const cold = ads({ capturedTemperature: 'cold' });
    const direct = hotLead({ capturedAt: '2026-11-04T09:00:00.000Z', capturedTemperature: 'hot', firstTouch: { at: '2026-11-04T09:00:00.000Z' } });
    for (const lead of [warm, cold, direct]) await store.record(captured(lead));
    await store.record(turnedHot(warm, '2026-11-07T09:00:00.000Z'));
    await store.record(turnedHot(warm, '2026-11-20T09:00:00.000Z'));
    await store.record(reachedStage(warm, 'purchased', '2026-11-13T09:00:00.000Z'));

    const answer = funnel(period, await store.days(daysOf(period)));

    expect(answer.total.stages.map((cell) => cell.count)).toEqual([3, 2, 0, 2, 0, 0, 1]);
    const linkedin = answer.rows.find((row) => row.source === 'linkedin')!;
    expect(linkedin.campaign).toBe('q4-webinar');
    expect(linkedin.stages.find((cell) => cell.id === 'hot')).toEqual({ id: 'hot', count: 1, ofCaptured: 0.5, fromPrevious: null, daysFromCapture: 4 });
    expect(linkedin.stages.find((cell) => cell.id === 'purchased')).toMatchObject({ count: 1, daysFromCapture: 10 });
    expect(answer.rows.find((row) => row.source === 'direct')!.campaign).toBe('(no campaign)');
  });

  it("writes CSV a spreadsheet cannot run: a crafted campaign is text, quoted where it must be", async () => {
    const store = memoryFigureStore();
    await store.record(captured(hotLead({ capturedAt: '2026-11-03T09:00:00.000Z', firstTouch: { at: '2026-11-03T09:00:00.000Z', utmSource: 'x', utmCampaign: '=HYPERLINK("evil")' } })));
    const csv = funnelCsv(funnel(period, await store.days(daysOf(period))));
    expect(csv.split('\r\n')[0]).toMatch(/^Source,Campaign,Captured,Captured: % of captured,/);
    expect(csv).toContain(`"'=HYPERLINK(""evil"")"`);
  });
});

describe("the machine filter's audit", () => {
  it('counts every open and click by verdict per week, with samples of the filtered ones, newest first', async () => {
    const store = memoryFigureStore();
    await store.record(signalJudged(signal({ at: '2026-11-03T10:00:00.000Z' }), undefined));
    await store.record(signalJudged(signal({ at: '2026-11-03T10:01:00.000Z', human: false, reason: 'privacy-proxy-open', detail: 'IP in 17.0.0.0/8' }), undefined));
    const scanner = signal({ type: 'click', at: '2026-11-10T10:00:00.000Z', human: false, reason: 'scanner-user-agent', userAgent: 'Barracuda', link: 'https://x.example/pricing' });
    await store.record(signalJudged(scanner, undefined));
    await store.record(signalJudged(scanner, undefined));

    const audit = filterAudit(period, await store.days(daysOf(period)), defaultEngagementRules, defaultNetworkLists.lists);

    expect(audit.totals.opens).toEqual({ total: 2, human: 1, filtered: 1, filteredShare: 0.5, byReason: { 'privacy-proxy-open': 1 } });
    expect(audit.totals.clicks).toMatchObject({ total: 1, filtered: 1, filteredShare: 1 });
    expect(audit.weeks.map((week) => week.week)).toEqual(['2026-W45', '2026-W46']);
    expect(audit.samples['scanner-user-agent']).toEqual([scanner]);
    expect(audit.thresholds).toBe(defaultEngagementRules.machine);
    expect(audit.networks.find((list) => list.id === 'apple-icloud-private-relay')).toMatchObject({ owner: expect.stringMatching(/^Apple/), kind: 'privacy-proxy', appliesTo: ['open'], complete: false });
  });
});

describe('suppression and consent', () => {
  it('counts who left marketing each week, once each, and how the opt-in requests of a week fared', async () => {
    const store = memoryFigureStore();
    const asked = (id: string) => hotLead({ leadId: id, nurture: { track: 'warm', status: 'awaiting-confirmation', enrolledAt: '2026-11-03T09:00:00.000Z', nextStep: 0, seq: 0, sent: [] } });
    for (const id of ['a', 'b', 'c']) await store.record(optIn(asked(id), '2026-11-03T09:00:00.000Z', 'asked'));
    await store.record(optIn(asked('a'), '2026-11-03T09:00:00.000Z', 'confirmed'));
    await store.record(withdrew(asked('b'), 'unsubscribed', '2026-11-10T09:00:00.000Z', undefined));
    await store.record(withdrew(asked('b'), 'unsubscribed', '2026-11-11T09:00:00.000Z', undefined));
    await store.record(withdrew(hotLead({ leadId: 'd' }), 'bounced', '2026-11-10T09:00:00.000Z', undefined));

    const report = consentReport(period, await store.days(daysOf(period)));

    expect(report.weeks).toEqual([
      { week: '2026-W45', unsubscribed: 0, bounced: 0, complained: 0, erased: 0, optIn: { asked: 3, confirmed: 1, left: 1, awaiting: 1 } },
      { week: '2026-W46', unsubscribed: 1, bounced: 1, complained: 0, erased: 0, optIn: { asked: 0, confirmed: 0, left: 0, awaiting: 0 } },
    ]);
  });
});

describe('the period asked for', () => {
  it('is the last four weeks to today unless given', () => {
    expect(periodOf({}, new Date('2026-12-06T15:00:00Z'))).toEqual({ from: '2026-11-09', to: '2026-12-06' });
    expect(daysOf({ from: '2026-12-30', to: '2027-01-02' })).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
  });

  it('refuses a malformed date, an end before the start and more than 366 days, by field', () => {
    const issues = (query: object) => PeriodQuery.safeParse(query).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(issues({ from: '2026-13-01' })).toEqual(['from: must be a date as YYYY-MM-DD, such as 2026-10-01']);
    expect(issues({ from: '2026-11-02', to: '2026-11-01' })).toEqual(['from: must not be after to']);
    expect(issues({ from: '2025-01-01', to: '2026-01-02' })).toEqual(['from: must be at most 366 days before to']);
    expect(issues({ from: '2025-01-02', to: '2026-01-02' })).toBeUndefined();
  });
});
