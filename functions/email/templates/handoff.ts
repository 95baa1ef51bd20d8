import compiled from '../compiled/handoff.json' with { type: 'json' };
import type { PackedTemplates } from '../packed-templates.ts';

/** The handoff emails to sales reps, as `npm run templates:build` packs them. */
export const handoffTemplates: PackedTemplates = compiled;
