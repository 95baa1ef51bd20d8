import { type CompiledTemplates, compileTemplates, formatProblem, templatesFolder, writeCompiledTemplates } from '../../../infra/templates/compile-templates.ts';

/**
 * Compiles templates/ and writes the artifact the email functions import, as
 * `pretest` does, so a test file also runs on its own. Import those functions
 * dynamically after this has run.
 */
export async function buildShippedTemplates(): Promise<CompiledTemplates> {
  const { templates, problems } = await compileTemplates(templatesFolder);
  if (problems.length) throw new Error(`the shipped templates have problems:\n${problems.map(formatProblem).join('\n')}`);
  await writeCompiledTemplates(templates);
  return templates;
}
