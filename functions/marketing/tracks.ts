import type { TemplateHeader } from '../email/packed-templates.ts';
import { nurtureSequences } from '../email/nurture-sequences.ts';
import type { NurturePolicy } from '../nurture/nurture-policy.ts';
import type { TrackDefinition } from './journey.ts';

/**
 * Every nurture track as marketers built it: its tips in sending order (the
 * templates) and what puts a lead on it (the nurture policy), in the order
 * the policy considers them, then any track no rule names.
 */
export function trackDefinitions(policy: NurturePolicy, templates: Readonly<Record<string, TemplateHeader>>): TrackDefinition[] {
  const sequences = nurtureSequences(templates);
  const roles = new Map<string, string[]>();
  const addRole = (track: string, role: string) => roles.set(track, [...(roles.get(track) ?? []), role]);
  for (const rule of policy.tracks) addRole(rule.track, `rule ${rule.id}: ${conditionsOf(rule.when)}`);
  addRole(policy.defaultTrack, 'leads no rule matches');
  addRole(policy.longTermTrack, 'where every track continues after its last tip, looping');
  for (const track of sequences.keys()) if (!roles.has(track)) addRole(track, 'no rule puts leads on it');
  return [...roles].map(([track, role]) => ({
    track,
    role,
    steps: (sequences.get(track) ?? []).map(({ templateId, delay, conditions }) => ({
      templateId,
      subject: templates[templateId]!.frontMatter.subject,
      preheader: templates[templateId]!.frontMatter.preheader,
      delay,
      conditions,
    })),
  }));
}

function conditionsOf(when: NurturePolicy['tracks'][number]['when']): string {
  const parts = [
    when.temperatures && `temperature ${when.temperatures.join(' or ')}`,
    when.interests && `interest contains ${when.interests.join(' or ')}`,
    when.countries && `country ${when.countries.join(', ')}`,
    when.statuses && 'customers (purchased)',
  ];
  return parts.filter(Boolean).join(' and ');
}
