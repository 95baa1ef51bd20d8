import type { ScoredField, ScoringModel, ScoringRule } from '../scoring/scoring-model.ts';
import type { OutcomeLead } from './outcome-lead.ts';
import { minimumSample } from './signal-lift.ts';

/**
 * The model plus a rule worth 0 points for each answer to `field` (such as
 * the form's interest) that at least `minLeads` leads gave at capture: a
 * signal nobody scores yet can only be measured once it is a rule. Worth
 * nothing, the probes change no score; signal lift measures them and the
 * suggestion weighs them like any other rule.
 */
export function withValueProbes(model: ScoringModel, leads: readonly OutcomeLead[], field: ScoredField, minLeads: number = minimumSample.leadsEachSide): ScoringModel {
  const answers = new Map<string, { value: string; leads: number }>();
  for (const lead of leads) {
    const value = lead.fitInputs[field];
    if (!value) continue;
    const key = value.toLowerCase();
    answers.set(key, { value: answers.get(key)?.value ?? value, leads: (answers.get(key)?.leads ?? 0) + 1 });
  }
  const taken = new Set(model.rules.map((rule) => rule.id));
  const probes = [...answers.values()]
    .filter((answer) => answer.leads >= minLeads)
    .sort((a, b) => a.value.localeCompare(b.value))
    .flatMap((answer): ScoringRule[] => {
      const id = probeId(field, answer.value);
      if (taken.has(id) || id.endsWith('-')) return [];
      taken.add(id);
      return [{ kind: 'match', id, fields: [field], pattern: `^${escape(answer.value)}$`, points: 0, reason: `${answer.value} (${field})` }];
    });
  return { ...model, rules: [...model.rules, ...probes] };
}

/** The id of the probe for one answer: `interest-revenue-operations`. */
export function probeId(field: ScoredField, value: string): string {
  return `${kebab(field)}-${kebab(value)}`;
}

function kebab(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
