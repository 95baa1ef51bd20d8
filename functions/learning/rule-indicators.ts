import { instant } from '../engagement/classify-signal.ts';
import type { EngagementRules } from '../engagement/engagement-rules.ts';
import { score } from '../scoring/score.ts';
import type { ScoringModel } from '../scoring/scoring-model.ts';
import { decidedAt, type OutcomeLead } from './outcome-lead.ts';

/**
 * Something that fires on a lead or not. A choice rule gives one per option
 * (`budget=250k-plus`): its options are worth different points, so each is
 * measured and weighed on its own. Fit indicators are read at capture;
 * engagement ones (re-inquiry, opens, clicks, high-intent links) over the
 * lead's life until its outcome was recorded.
 */
export type Indicator = { id: string; kind: 'fit' | 'engagement'; rule: string; option?: string; points: number; reason: string };

export function fitIndicators(model: ScoringModel): Indicator[] {
  return model.rules.flatMap((rule): Indicator[] =>
    rule.kind === 'choice'
      ? Object.entries(rule.options).map(([option, { points, reason }]) => ({ id: `${rule.id}=${option}`, kind: 'fit', rule: rule.id, option, points, reason }))
      : [{ id: rule.id, kind: 'fit', rule: rule.id, points: rule.points, reason: rule.reason }],
  );
}

export function engagementIndicators(model: ScoringModel, rules: EngagementRules): Indicator[] {
  const reinquiry = model.signals['re-inquiry'];
  return [
    { id: 're-inquiry', kind: 'engagement', rule: 're-inquiry', points: reinquiry.points, reason: reinquiry.reason },
    { id: 'open', kind: 'engagement', rule: 'open', points: rules.points.open, reason: 'Opened an email' },
    { id: 'click', kind: 'engagement', rule: 'click', points: rules.points.click, reason: 'Clicked a link' },
    ...rules.highIntentLinks.map((link): Indicator => ({ id: link.id, kind: 'engagement', rule: link.id, points: link.points, reason: link.reason })),
  ];
}

/** The fit indicators of `model` that fire on what the lead told the form at capture. */
export function firedAtCapture(lead: OutcomeLead, model: ScoringModel): Set<string> {
  const fired = new Set<string>();
  const scorable = { email: `@${lead.emailDomain}`, profile: lead.fitInputs, signals: [] };
  for (const rule of model.rules) {
    if (rule.kind === 'choice') {
      const value = lead.fitInputs[rule.field];
      if (value !== undefined && Object.hasOwn(rule.options, value)) fired.add(`${rule.id}=${value}`);
    } else if (score(scorable, { ...model, rules: [rule] }).breakdown.length > 0) {
      fired.add(rule.id);
    }
  }
  return fired;
}

/** The engagement indicators that fired before the lead's outcome was recorded (all of them while it has none). */
export function firedBeforeOutcome(lead: OutcomeLead): Set<string> {
  const decided = decidedAt(lead.outcome);
  const before = (at: string) => decided === undefined || instant(at) < instant(decided);
  const fired = new Set(lead.engagement.filter((s) => before(s.at)).map((s) => s.rule));
  if (lead.reinquiries.some((r) => before(r.at))) fired.add('re-inquiry');
  return fired;
}
