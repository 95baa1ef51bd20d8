import { createTemplateRenderer } from '../../functions/email/render-email.ts';
import { handoffTemplates } from '../../functions/email/templates/handoff.ts';
import { actionUrls } from '../../functions/handoff/action-links.ts';
import type { HandoffDeps } from '../../functions/handoff/handoff-deps.ts';
import { defaultContactPlans } from '../../functions/plans/default-plans.ts';
import { defaultRoutingPolicy } from '../../functions/routing/default-policy.ts';
import { memoryClaims } from '../../functions/storage/memory-claims.ts';
import { memoryFigureStore } from '../../functions/marketing/memory-figure-store.ts';

/**
 * The handoff's dependencies on in-memory adapters the test gives, with the
 * shipped policies and templates, links under example domains, and the
 * managers in Berlin.
 */
export function memoryHandoffDeps(adapters: Pick<HandoffDeps, 'leads' | 'reps' | 'mailer' | 'schedules' | 'events'>, now: () => Date): HandoffDeps {
  return {
    ...adapters,
    claims: memoryClaims(),
    figures: memoryFigureStore(),
    policy: defaultRoutingPolicy,
    plans: defaultContactPlans,
    render: createTemplateRenderer(handoffTemplates).render,
    actionUrls: async (subject, at) => actionUrls('https://api.stoke.example', Buffer.from('test-signing-key'), subject, at),
    leadPageUrl: (leadId) => `https://desk.stoke.example/desk/leads/${leadId}`,
    managerTimeZone: 'Europe/Berlin',
    company: { name: 'Stoke', postalAddress: 'Hauptstraße 1, 10115 Berlin' },
    now,
  };
}
