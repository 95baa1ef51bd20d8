import compiled from '../compiled/alerts.json' with { type: 'json' };
import type { PackedTemplates } from '../packed-templates.ts';

/** The alerts about sending to every manager (marketing paused, a colleague's email failed), as `npm run templates:build` packs it. */
export const alertsTemplates: PackedTemplates = compiled;
