import { StokeError } from '../platform/errors.ts';
import compiled from './compiled-templates.json' with { type: 'json' };
import type { CompiledTemplate } from './render-email.ts';

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
export function nurtureSequences(templates: Readonly<Record<string, CompiledTemplate>>): Map<string, NurtureStep[]> {
  const sequences = new Map<string, NurtureStep[]>();
  const ids = Object.keys(templates).filter((id) => templates[id]!.kind === 'nurture').sort();
  for (const id of ids) {
    const track = id.split('/')[1]!;
    const { delay = '', conditions = [] } = templates[id]!.frontMatter;
    sequences.set(track, [...(sequences.get(track) ?? []), { templateId: id, delay, conditions }]);
  }
  return sequences;
}

const templates: Record<string, CompiledTemplate> = compiled;
const bundled = nurtureSequences(templates);

/** The nurture tracks this build ships, in name order. */
export function nurtureTracks(): string[] {
  return [...bundled.keys()];
}

/** A track's steps in sending order; an unknown track is a wiring mistake, so it throws. */
export function nurtureSteps(track: string): NurtureStep[] {
  const steps = bundled.get(track);
  if (!steps) throw new UnknownTrackError(track, nurtureTracks());
  return steps.map((step) => ({ ...step, conditions: [...step.conditions] }));
}
