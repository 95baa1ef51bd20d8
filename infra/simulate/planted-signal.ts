import { defaultEngagementRules } from '../../functions/engagement/default-rules.ts';
import type { ModelBacktest } from '../../functions/learning/backtest.ts';
import type { OutcomeLead } from '../../functions/learning/outcome-lead.ts';
import { outcomeLeadsOf } from '../../functions/learning/read-outcome-leads.ts';
import { signalLift } from '../../functions/learning/signal-lift.ts';
import { suggestModel } from '../../functions/learning/suggest-model.ts';
import { probeId, withValueProbes } from '../../functions/learning/value-probes.ts';
import { defaultScoringModel } from '../../functions/scoring/default-model.ts';
import type { Planted } from './behaviour-model.ts';
import type { Random } from './prng.ts';

/** What a person of the planted world tells the form beside their profile: an interest, and the answer the useless rule reads. */
export function plantedAnswers(planted: Planted, random: Random): Record<string, string> {
  const { interest, useless } = planted;
  return {
    interest: random.chance(interest.plantedShare) ? interest.planted : random.pick(interest.others),
    [useless.field]: random.pick(random.chance(useless.firingShare) ? useless.firing : useless.notFiring),
  };
}

/** Who becomes ready to buy within a year, by what they answered. */
export function buyWithinYearShare(planted: Planted, answers: Record<string, string>): number {
  return planted.interest.buyWithinYearShare[answers.interest === planted.interest.planted ? 'planted' : 'others'];
}

export type PlantedSignalReport = ReturnType<typeof plantedSignalReport>;

/**
 * What learning from outcomes finds in the planted world, against what was
 * planted. The scoring model measured is the shipped one plus a 0-point probe
 * for every interest enough leads gave (the planted one among them), so the
 * planted answer has to stand out from its peers, not merely be looked for.
 * The three findings:
 * - the planted interest has the strongest lift of all the fit rules (and
 *   choice options) that have a verdict, and that verdict is "predicts a
 *   sale"; engagement rules are measured over the lead's life, after
 *   capture, and are reported apart;
 * - the useless rule's lift is "not significant";
 * - at capture, the suggested model at its hot threshold catches more of
 *   the purchasers than the shipped one at 60 (recall), and at least as
 *   large a share of its hot leads purchase (precision). Its threshold is
 *   the one whose number of hot leads at capture is nearest the shipped
 *   model's at 60 (capture scores take few values, so near, not equal):
 *   matched on workload a model cannot buy recall by calling everyone hot,
 *   as it could at "equal precision" against a shipped model whose hot
 *   leads buy no more often than the rest.
 */
export function plantedSignalReport(outcome: { leads: OutcomeLead[]; skipped: Array<{ leadId: string; reason: string }> }, planted: Planted) {
  const { leads } = outcome;
  const rules = defaultEngagementRules;
  const model = withValueProbes(defaultScoringModel, leads, 'interest');
  const lifts = signalLift(leads, model, rules);
  const suggestion = suggestModel(leads, model, { engagementRules: rules });
  const plantedProbe = probeId('interest', planted.interest.planted);

  const judged = lifts.filter((l) => l.kind === 'fit' && l.verdict !== 'not-enough-outcomes').sort((a, b) => b.lift! - a.lift!);
  const useless = lifts.find((l) => l.id === planted.useless.rule);
  const { current: shipped, candidate: suggested } = suggestion.backtest;
  const point = (side: ModelBacktest) => ({ threshold: side.threshold, hot: side.hotAtCapture, purchased: side.purchasedOfHot, precision: side.precision, recall: side.recall });
  return {
    leads: leads.length,
    skipped: outcome.skipped.length,
    skippedBecause: [...new Set(outcome.skipped.map((s) => s.reason))],
    planted: {
      interest: planted.interest.planted,
      probe: plantedProbe,
      buyWithinYearShare: planted.interest.buyWithinYearShare,
      uselessRule: planted.useless.rule,
    },
    findings: {
      strongestLift: {
        expected: plantedProbe,
        found: judged[0]?.id ?? null,
        lift: judged[0]?.lift ?? null,
        interval: judged[0]?.interval ?? null,
        verdict: judged[0]?.verdict ?? null,
        passed: judged[0]?.id === plantedProbe && judged[0].verdict === 'predicts-sale',
      },
      uselessRule: { rule: planted.useless.rule, verdict: useless?.verdict ?? null, lift: useless?.lift ?? null, interval: useless?.interval ?? null, passed: useless?.verdict === 'not-significant' },
      recallAtCapture: {
        /** Of all the leads, the share that purchased: what a hot lead picked at random would be worth. */
        baseRate: leads.length ? suggestion.backtest.purchasers / leads.length : null,
        shipped: point(shipped),
        suggested: point(suggested),
        passed: shipped.precision !== null && suggested.precision !== null && suggested.precision >= shipped.precision && (suggested.recall ?? 0) > (shipped.recall ?? 0),
      },
    },
    lifts: lifts.map(({ id, kind, points, fired, notFired, lift, interval, verdict, says }) => ({ id, kind, points, fired, notFired, lift, interval, verdict, says })),
    suggestion: { thresholds: suggestion.threshold, regression: suggestion.regression, points: suggestion.points },
    backtest: suggestion.backtest,
  };
}
