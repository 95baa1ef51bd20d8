import { defaultNetworks } from '../../functions/engagement/networks/default-networks.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEngagementRules } from '../../functions/engagement/default-rules.ts';
import { parseEngagementRules } from '../../functions/engagement/engagement-rules.ts';
import type { EngagementDeps } from '../../functions/engagement/record-engagement.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime('concurrency', new Date('2026-11-23T08:00:00Z'));
});
afterAll(() => runtime?.stop());

describe('concurrent engagement events', () => {
  it('lose no points: 50 clicks at once add up exactly', async () => {
    // Given a warm lead who got a tip, and rules without caps, so that every click must count
    const response = await fetch(`${runtime.apiUrl}/leads`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'fifty@clicks-inc.com', authority: 'user', timeline: '12m', consent: true, country: 'US' }),
    });
    const { leadId } = (await response.json()) as { leadId: string };
    await fetch(`${runtime.apiUrl}/_local/clock`, { method: 'POST', body: JSON.stringify({ advance: 'P3D' }) });
    const tip = runtime.ses.sent().find((m) => m.tags.some((t) => t.value === leadId))!;
    const { nurtureDeps } = await import('../../functions/nurture/nurture-wiring.ts');
    const { recordEngagement } = await import('../../functions/engagement/record-engagement.ts');
    const { eventBridgePublisher } = await import('../../functions/events/eventbridge-publisher.ts');
    const { eventbridge } = await import('../../functions/platform/clients/eventbridge.ts');
    const { defaultScoringModel } = await import('../../functions/scoring/default-model.ts');
    const at = new Date(Date.parse(tip.sentAt) + 3_600_000);
    const deps: EngagementDeps = {
      ...nurtureDeps,
      events: eventBridgePublisher(eventbridge, 'stoke'),
      rules: parseEngagementRules({ ...defaultEngagementRules, caps: { perEmail: 100_000, perDay: 100_000 } }),
      networkOf: defaultNetworks.networkOf,
      model: defaultScoringModel,
      now: () => at,
    };
    const before = (await nurtureDeps.leads.get(leadId))!.score;

    // When 50 clicks on a plain link arrive at the same moment (one link: several different ones within seconds would be a scanner)
    await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        recordEngagement(
          `click-${n}`,
          {
            eventType: 'Click',
            mail: { messageId: tip.messageId, timestamp: tip.sentAt, tags: { leadId: [leadId], sequence: ['warm'], 'ses:configuration-set': ['stoke-marketing'] } },
            click: { timestamp: new Date(at.getTime() - n * 1000).toISOString(), link: "https://stoke.example/guides/answer-within-the-hour", userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/130.0', ipAddress: '198.51.100.7' },
          },
          deps,
        ),
      ),
    );

    // Then every click counted once: 50 × 8 points, decayed by at most 50 seconds
    const after = (await nurtureDeps.leads.get(leadId))!.score;
    expect(after.engagement - before.engagement).toBeCloseTo(400, 0);
    expect(after.breakdown.find((line) => line.rule === 'click')?.reason).toContain('50');
  }, 120_000);
});
