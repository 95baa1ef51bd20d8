import compiled from '../compiled/subscription.json' with { type: 'json' };
import type { PackedTemplates } from '../packed-templates.ts';

/** The email asking a new lead to confirm their subscription, as `npm run templates:build` packs it. */
export const subscriptionTemplates: PackedTemplates = compiled;
