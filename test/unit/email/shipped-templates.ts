import type { PackedTemplates } from '../../../functions/email/packed-templates.ts';
import type { TemplateKindName } from '../../../functions/email/template-variables.ts';
import { type CompiledTemplates, compileTemplates, formatProblem, templatesFolder, writeCompiledTemplates } from '../../../infra/templates/compile-templates.ts';

/**
 * Compiles templates/ and writes the artifacts the email functions import, as
 * `pretest` does, so a test file also runs on its own. Import those artifacts
 * (shippedTemplateSets) only after this has run.
 */
export async function buildShippedTemplates(): Promise<CompiledTemplates> {
  const { templates, problems } = await compileTemplates(templatesFolder);
  if (problems.length) throw new Error(`the shipped templates have problems:\n${problems.map(formatProblem).join('\n')}`);
  await writeCompiledTemplates(templates);
  return templates;
}

/** The packed set of every kind, as the functions import them. */
export async function shippedTemplateSets(): Promise<Record<TemplateKindName, PackedTemplates>> {
  const [{ handoffTemplates }, { nurtureTemplates }, { reviewTemplates }, { subscriptionTemplates }, { plansTemplates }, { alertsTemplates }] = await Promise.all([
    import('../../../functions/email/templates/handoff.ts'),
    import('../../../functions/email/templates/nurture.ts'),
    import('../../../functions/email/templates/review.ts'),
    import('../../../functions/email/templates/subscription.ts'),
    import('../../../functions/email/templates/plans.ts'),
    import('../../../functions/email/templates/alerts.ts'),
  ]);
  return { handoff: handoffTemplates, nurture: nurtureTemplates, review: reviewTemplates, subscription: subscriptionTemplates, plans: plansTemplates, alerts: alertsTemplates };
}
