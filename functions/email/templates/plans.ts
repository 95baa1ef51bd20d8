import compiled from '../compiled/plans.json' with { type: 'json' };
import type { PackedTemplates } from '../packed-templates.ts';

/** The morning list each rep gets on their working days, as `npm run templates:build` packs it. */
export const plansTemplates: PackedTemplates = compiled;
