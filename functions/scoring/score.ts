import type { ScoredField, ScoringModel, ScoringRule } from './scoring-model.ts';
import type { Temperature } from './temperatures.ts';

export type ScoreLine = { rule: string; points: number; reason: string };

export type Score = {
  total: number;
  fit: number;
  engagement: number;
  temperature: Temperature;
  breakdown: ScoreLine[];
  modelVersion: string;
};

/** What scoring reads of a lead. */
export type Scorable = {
  email: string;
  profile: Partial<Record<ScoredField, string | undefined>>;
  signals: ReadonlyArray<{ type: keyof ScoringModel['signals']; at: string }>;
  /** Email engagement already scored by the engagement rules (capped and decayed). */
  emailEngagement?: readonly ScoreLine[];
};

/** Scores a lead against a model and explains every point. */
export function score(lead: Scorable, model: ScoringModel): Score {
  const domain = lead.email.slice(lead.email.lastIndexOf('@') + 1);
  const fitLines = model.rules.flatMap((rule) => {
    const line = applyRule(rule, lead, domain, model.domainLists);
    return line ? [line] : [];
  });
  const engagementLines = [...signalLines(lead.signals, model), ...(lead.emailEngagement ?? [])];
  const fit = sum(fitLines);
  const engagement = sum(engagementLines);
  // One decimal, like the decayed engagement lines it adds up.
  const total = Math.round((fit + engagement) * 10) / 10;
  return {
    total,
    fit,
    engagement,
    temperature: temperatureOf(total, model),
    breakdown: [...fitLines, ...engagementLines],
    modelVersion: model.version,
  };
}

export function temperatureOf(total: number, model: ScoringModel): Temperature {
  if (total >= model.thresholds.hot) return 'hot';
  if (total >= model.thresholds.warm) return 'warm';
  return 'cold';
}

function applyRule(
  rule: ScoringRule,
  lead: Scorable,
  domain: string,
  lists: ScoringModel['domainLists'],
): ScoreLine | undefined {
  switch (rule.kind) {
    case 'choice': {
      const value = lead.profile[rule.field];
      const option = value === undefined ? undefined : rule.options[value];
      return option && { rule: rule.id, points: option.points, reason: option.reason };
    }
    case 'match': {
      const regex = new RegExp(rule.pattern, 'iu');
      const hit = rule.fields.some((field) => regex.test(lead.profile[field] ?? ''));
      return hit ? line(rule) : undefined;
    }
    case 'stated':
      return (lead.profile[rule.field]?.length ?? 0) >= rule.minLength ? line(rule) : undefined;
    case 'domain':
      return onList(domain, lists[rule.list] ?? []) ? line(rule) : undefined;
    case 'company-domain':
      return rule.notIn.some((list) => onList(domain, lists[list] ?? [])) ? undefined : line(rule);
  }
}

/** Repeated signals count once per rule and day, up to the rule's daily cap. */
function signalLines(signals: Scorable['signals'], model: ScoringModel): ScoreLine[] {
  const perDay = new Map<string, number>();
  const lines: ScoreLine[] = [];
  for (const signal of signals) {
    const rule = model.signals[signal.type];
    const day = `${signal.type}@${signal.at.slice(0, 10)}`;
    const count = perDay.get(day) ?? 0;
    if (count >= rule.maxPerDay) continue;
    perDay.set(day, count + 1);
    lines.push({ rule: signal.type, points: rule.points, reason: `${rule.reason} (${signal.at.slice(0, 10)})` });
  }
  return lines;
}

function onList(domain: string, list: readonly string[]): boolean {
  return list.some((entry) => domain === entry || domain.endsWith(`.${entry}`));
}

function line(rule: { id: string; points: number; reason: string }): ScoreLine {
  return { rule: rule.id, points: rule.points, reason: rule.reason };
}

function sum(lines: ScoreLine[]): number {
  return Math.round(lines.reduce((total, l) => total + l.points, 0) * 10) / 10;
}
