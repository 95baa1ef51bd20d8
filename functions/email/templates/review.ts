import compiled from '../compiled/review.json' with { type: 'json' };
import type { PackedTemplates } from '../packed-templates.ts';

/** The weekly review email to each sales manager, as `npm run templates:build` packs it. */
export const reviewTemplates: PackedTemplates = compiled;
