import type { TemplateRenderer } from '../email/render-email.ts';
import type { TrackDefinition, TrackStep } from './journey.ts';

export type RenderedTip = TrackStep & { number: number; html: string; text: string };
export type TrackTips = { track: string; role: string[]; sample: string; company: { name: string; postalAddress: string }; tips: RenderedTip[] };

/**
 * A track's tips as a lead receives them: rendered by the same renderer the
 * nurture step sends with, for a sample lead, with the configured sender.
 */
export function trackTips(
  definition: TrackDefinition,
  sample: { label: string; variables: Record<string, unknown> },
  company: TrackTips['company'],
  render: TemplateRenderer['render'],
): TrackTips {
  const steps = definition.steps.length;
  return {
    track: definition.track,
    role: definition.role,
    sample: sample.label,
    company,
    tips: definition.steps.map((step, index) => {
      const { html, text } = render(step.templateId, { ...sample.variables, sequence: { track: definition.track, step: index + 1, steps } });
      return { ...step, number: index + 1, html, text };
    }),
  };
}
