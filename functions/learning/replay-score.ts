import { instant } from '../engagement/classify-signal.ts';
import type { EngagementRules } from '../engagement/engagement-rules.ts';
import { engagementScore } from '../engagement/engagement-score.ts';
import { score } from '../scoring/score.ts';
import type { ScoringModel } from '../scoring/scoring-model.ts';
import type { OutcomeLead } from './outcome-lead.ts';

// The domain rules read what follows the last '@': the domain alone scores as the address would.
const emailOf = (lead: OutcomeLead) => `@${lead.emailDomain}`;

/** The lead's total under `model` when it was captured: what the form said, no signal yet. */
export function captureScore(lead: OutcomeLead, model: ScoringModel): number {
  return score({ email: emailOf(lead), profile: lead.fitInputs, signals: [] }, model).total;
}

/**
 * The lead's total under `model` at `atMs`, as Stoke would have scored it
 * then: the fields of every submission so far (later ones win), a re-inquiry
 * signal for each later submission, and the honest engagement so far, capped
 * and decayed by the engagement rules at that moment.
 */
function scoreAt(lead: OutcomeLead, model: ScoringModel, rules: EngagementRules, atMs: number): number {
  const submitted = lead.reinquiries.filter((r) => instant(r.at) <= atMs).sort((a, b) => instant(a.at) - instant(b.at));
  const profile = Object.assign({}, lead.fitInputs, ...submitted.map((r) => r.fitInputs));
  const { lines } = engagementScore(
    lead.engagement.filter((s) => instant(s.at) <= atMs),
    rules,
    new Date(atMs),
  );
  return score({ email: emailOf(lead), profile, signals: submitted.map((r) => ({ type: 're-inquiry' as const, at: r.at })), emailEngagement: lines }, model).total;
}

/**
 * The first moment from capture up to `untilMs` at which the lead's total
 * reached `threshold`: when `model` would have handed it to sales. Between two
 * submissions or signals the total only decays, so it peaks at one of them,
 * and checking each of those moments is exact.
 */
export function firstHotAt(lead: OutcomeLead, model: ScoringModel, rules: EngagementRules, threshold: number, untilMs = Number.POSITIVE_INFINITY): number | undefined {
  const moments = [lead.capturedAt, ...lead.reinquiries.map((r) => r.at), ...lead.engagement.map((s) => s.at)]
    .map(instant)
    .filter((ms) => ms <= untilMs)
    .sort((a, b) => a - b);
  return moments.find((ms) => scoreAt(lead, model, rules, ms) >= threshold);
}
