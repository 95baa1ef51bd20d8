import { describe, expect, it } from 'vitest';
import { memoryFigureStore } from '../../../functions/marketing/memory-figure-store.ts';
import { defaultNurturePolicy } from '../../../functions/nurture/default-policy.ts';
import { brakeVerdict, reputationOf, reputationTally, windowDays } from '../../../functions/sending/reputation.ts';

const { brake } = defaultNurturePolicy;
const reputation = (sends: number, bounces: number, complaints: number) => ({ sends, bounces, complaints, leads: { bounced: [], complained: [] } });

describe('brakeVerdict', () => {
  it.each([
    { name: '6 permanent bounces in 100 sends (6%) pause', sends: 100, bounces: 6, complaints: 0, verdict: { pause: true, because: 'bounces' } },
    { name: '3 in 100 (3%, the threshold) pause', sends: 100, bounces: 3, complaints: 0, verdict: { pause: true, because: 'bounces' } },
    { name: '2 in 100 (2%) do not', sends: 100, bounces: 2, complaints: 0, verdict: { pause: false, why: 'within thresholds' } },
    { name: 'one complaint in 1,000 sends (0.1%) pauses: complaints cost the most', sends: 1000, bounces: 0, complaints: 1, verdict: { pause: true, because: 'complaints' } },
    { name: 'one complaint in 2,000 sends (0.05%) does not', sends: 2000, bounces: 0, complaints: 1, verdict: { pause: false, why: 'within thresholds' } },
    { name: 'complaints are named first when both cross', sends: 1000, bounces: 50, complaints: 5, verdict: { pause: true, because: 'complaints' } },
    { name: 'under 50 sends say too little, whatever the rate', sends: 49, bounces: 10, complaints: 2, verdict: { pause: false, why: 'too few sends to judge' } },
  ])('$name', ({ sends, bounces, complaints, verdict }) => {
    expect(brakeVerdict(reputation(sends, bounces, complaints), brake)).toMatchObject(verdict);
  });

  it('gives the figures the managers are told', () => {
    expect(brakeVerdict(reputation(200, 12, 0), brake)).toEqual({
      pause: true,
      because: 'bounces',
      sends: 200,
      bounces: { count: 12, rate: 0.06, threshold: 0.03 },
      complaints: { count: 0, rate: 0, threshold: 0.0008 },
    });
  });
});

describe('reputation counted from SES events', () => {
  it('counts each event once, per stream, over the window, with the leads behind bounces and complaints newest first', async () => {
    const figures = memoryFigureStore();
    const events = [
      reputationTally('e1', 'marketing', 'sent', '2026-11-20T09:00:00.000Z', 'lead-1'),
      reputationTally('e2', 'marketing', 'sent', '2026-11-23T09:00:00.000Z', 'lead-2'),
      reputationTally('e3', 'marketing', 'bounced', '2026-11-23T09:00:05.000Z', 'lead-2'),
      reputationTally('e4', 'marketing', 'complained', '2026-11-24T10:00:00.000Z', 'lead-1'),
      reputationTally('e5', 'team', 'sent', '2026-11-24T10:00:00.000Z'),
      // Before the window.
      reputationTally('e6', 'marketing', 'bounced', '2026-11-10T09:00:00.000Z', 'lead-9'),
    ];
    for (const tally of [...events, ...events]) await figures.record(tally);

    const days = await figures.days(windowDays(new Date('2026-11-24T12:00:00.000Z'), 7));

    expect(days.map((day) => day.day)).toEqual(['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24']);
    expect(reputationOf(days, 'marketing')).toEqual({ sends: 2, bounces: 1, complaints: 1, leads: { bounced: ['lead-2'], complained: ['lead-1'] } });
    expect(reputationOf(days, 'team')).toEqual({ sends: 1, bounces: 0, complaints: 0, leads: { bounced: [], complained: [] } });
  });
});
