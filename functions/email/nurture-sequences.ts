import { StokeError } from '../platform/errors.ts';
import type { PackedTemplates, TemplateHeader } from './packed-templates.ts';

/** One email of a track: sent `delay` (ISO 8601) after the previous step, or after enrolment for the first, if all `conditions` hold. */
export type NurtureStep = { templateId: string; delay: string; conditions: string[] };

export class UnknownTrackError extends StokeError {
  constructor(track: string, known: readonly string[]) {
    super('unknown-nurture-track', `No nurture track "${track}"; tracks: ${known.join(', ') || 'none'}`);
  }
}

/**
 * The tracks in a set of compiled templates, each with its steps in sending
 * order. A track is a folder `templates/nurture/<track>/`, and its steps go out
 * in file-name order, which the `<NN>-` prefix the template check enforces makes explicit.
 */
export function nurtureSequences(templates: Readonly<Record<string, TemplateHeader>>): Map<string, NurtureStep[]> {
  const sequences = new Map<string, NurtureStep[]>();
  const ids = Object.keys(templates).filter((id) => templates[id]!.kind === 'nurture').sort();
  for (const id of ids) {
    const track = id.split('/')[1]!;
    const { delay = '', conditions = [] } = templates[id]!.frontMatter;
    sequences.set(track, [...(sequences.get(track) ?? []), { templateId: id, delay, conditions }]);
  }
  return sequences;
}

/** A track's steps in sending order, from the nurture templates a function bundles; an unknown track is a wiring mistake, so it throws. */
export function createNurtureSteps({ templates }: PackedTemplates): (track: string) => NurtureStep[] {
  const sequences = nurtureSequences(templates);
  return (track) => {
    const steps = sequences.get(track);
    if (!steps) throw new UnknownTrackError(track, [...sequences.keys()]);
    return steps.map((step) => ({ ...step, conditions: [...step.conditions] }));
  };
}
