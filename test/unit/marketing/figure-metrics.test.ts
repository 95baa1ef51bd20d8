import { describe, expect, it } from 'vitest';
import { metricsOfTally, withFigureMetrics } from '../../../functions/marketing/figure-metrics.ts';
import type { FigureStore, Tally } from '../../../functions/marketing/figure-store.ts';
import { memoryFigureStore } from '../../../functions/marketing/memory-figure-store.ts';
import {
  captured,
  firstHumanSignal,
  type JudgedSignal,
  optIn,
  reachedStage,
  signalJudged,
  signalRejudged,
  tipEvent,
  tipSent,
  turnedHot,
  withdrew,
} from '../../../functions/marketing/tallies.ts';
import type { BusinessMetric } from '../../../functions/platform/business-metrics.ts';
import { hotLead } from '../../support/hot-lead.ts';

const at = '2026-11-24T09:00:00.000Z';
const tip = { track: 'warm', templateId: 'nurture/warm/01-first', sentAt: at };
const warm = hotLead({ leadId: 'warm-lead', score: { total: 40, fit: 40, engagement: 0, temperature: 'warm', breakdown: [], modelVersion: 'test' } });
const hot = hotLead({ leadId: 'hot-lead' });
const signal = (changes: Partial<JudgedSignal>): JudgedSignal => ({ eventId: 'e-1', type: 'open', at, leadId: 'warm-lead', messageId: 'm-1', human: true, ...changes });

describe('the business metrics of a tally', () => {
  it.each<{ case: string; tally: Tally; metrics: Array<[BusinessMetric, number]> }>([
    { case: 'a warm lead captured', tally: captured(warm), metrics: [['leadsCaptured', 1]] },
    { case: 'a lead captured hot', tally: captured(hot), metrics: [['leadsCaptured', 1], ['leadsTurnedHot', 1]] },
    { case: 'a known lead turning hot for the first time', tally: turnedHot({ ...warm, hotEpisode: 1, nurture: { track: 'warm', status: 'active', enrolledAt: at, nextStep: 1, seq: 1, sent: [{ templateId: tip.templateId, track: 'warm', step: 0, subject: 'Tip', at }] } }, at), metrics: [['leadsTurnedHot', 1]] },
    { case: 'a lead turning hot again', tally: turnedHot({ ...warm, hotEpisode: 2 }, at), metrics: [] },
    { case: 'a lead handed off', tally: reachedStage(hot, 'handed-off', at), metrics: [['leadsHandedOff', 1]] },
    { case: 'a first contact (its speed is measured where it is logged)', tally: reachedStage(hot, 'contacted', at), metrics: [] },
    { case: "a lead's first tip", tally: tipSent(warm, 1, tip, true), metrics: [['tipsSent', 1]] },
    { case: 'a permanent bounce of a tip', tally: tipEvent('e-2', tip, 'bounced'), metrics: [['tipBounces', 1]] },
    { case: 'a soft bounce, which SES retries', tally: tipEvent('e-3', tip, 'softBounced'), metrics: [] },
    { case: 'a complaint', tally: tipEvent('e-4', tip, 'complained'), metrics: [['tipComplaints', 1]] },
    { case: 'a delivery', tally: tipEvent('e-5', tip, 'delivered'), metrics: [] },
    { case: "a person's open", tally: signalJudged(signal({}), tip), metrics: [['humanOpens', 1]] },
    { case: "a person's click", tally: signalJudged(signal({ type: 'click' }), tip), metrics: [['humanClicks', 1]] },
    { case: "a scanner's click", tally: signalJudged(signal({ type: 'click', human: false, reason: 'click-burst' }), tip), metrics: [['filteredClicks', 1]] },
    { case: "a privacy proxy's open, without a tip", tally: signalJudged(signal({ human: false, reason: 'privacy-proxy' }), undefined), metrics: [['filteredOpens', 1]] },
    {
      case: "an open the second look moves from people to machines",
      tally: signalRejudged(signal({}), signal({ human: false, reason: 'recheck' }), tip),
      metrics: [['humanOpens', -1], ['filteredOpens', 1]],
    },
    { case: 'a first human open (the unique opens are the figures\' own)', tally: firstHumanSignal('m-1', 'open', tip, 'e-1', 'set'), metrics: [] },
    { case: 'an unsubscribe from a tip, counted once though two items count it', tally: withdrew(warm, 'unsubscribed', at, tip), metrics: [['unsubscribes', 1]] },
    { case: 'a suppression after a bounce (the bounce counted already)', tally: withdrew(warm, 'bounced', at, undefined), metrics: [] },
    { case: 'a double opt-in confirmed', tally: optIn(warm, at, 'confirmed'), metrics: [] },
  ])('$case', ({ tally, metrics }) => {
    expect(metricsOfTally(tally)).toEqual(metrics);
  });

  it('ignores items and counts it does not know, whatever their names', () => {
    const tally: Tally = {
      key: 'odd',
      adds: [
        { day: '2026-11-24', item: 'steps', counts: { sent: 1 } },
        { day: '2026-11-24', item: 'sample#machine#1', counts: { sent: 1 } },
        { day: '2026-11-24', item: 'source#direct#x', counts: { constructor: 1, toString: 1 } },
        { day: '2026-11-24', item: 'filter', counts: { 'view:human': 1 } },
      ],
    };

    expect(metricsOfTally(tally)).toEqual([]);
  });
});

describe('the figure store publishing business metrics', () => {
  const published = () => {
    const metrics: Array<[BusinessMetric, number]> = [];
    return { metrics, publish: (metric: BusinessMetric, value: number) => void metrics.push([metric, value]) };
  };

  it('publishes a tally it counts, and nothing for a redelivery of it', async () => {
    const { metrics, publish } = published();
    const store = withFigureMetrics(memoryFigureStore(), publish);

    const answers = [await store.record(tipEvent('e-1', tip, 'bounced')), await store.record(tipEvent('e-1', tip, 'bounced'))];

    expect(answers).toEqual(['counted', 'already counted']);
    expect(metrics).toEqual([['tipBounces', 1]]);
  });

  it('publishes 20 concurrent deliveries of one event once', async () => {
    const { metrics, publish } = published();
    const store = withFigureMetrics(memoryFigureStore(), publish);

    await Promise.all(Array.from({ length: 20 }, () => store.record(captured(hot))));

    expect(metrics).toEqual([['leadsCaptured', 1], ['leadsTurnedHot', 1]]);
  });

  it('publishes nothing for a tally the store failed to count, and passes the failure on', async () => {
    const { metrics, publish } = published();
    const failing: FigureStore = { ...memoryFigureStore(), record: async () => Promise.reject(new Error('DynamoDB is unavailable')) };
    const store = withFigureMetrics(failing, publish);

    await expect(store.record(captured(hot))).rejects.toThrow('DynamoDB is unavailable');
    expect(metrics).toEqual([]);
  });

  it('reads the figures as the store does', async () => {
    const inner = memoryFigureStore();
    const store = withFigureMetrics(inner, () => undefined);

    await store.record(tipSent(warm, 1, tip, true));

    expect(await store.days(['2026-11-24'])).toEqual(await inner.days(['2026-11-24']));
  });
});
