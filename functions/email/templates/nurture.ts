import compiled from '../compiled/nurture.json' with { type: 'json' };
import type { PackedTemplates } from '../packed-templates.ts';

/** The nurture tips of every track, as `npm run templates:build` packs them. */
export const nurtureTemplates: PackedTemplates = compiled;
