import { compileTemplates, formatProblem, templatesFolder, writeCompiledTemplates } from './compile-templates.ts';

// Usage: build-templates.ts [--check] [templates folder]. --check validates without writing the artifacts.
const args = process.argv.slice(2);
const check = args.includes('--check');
const folder = args.find((arg) => !arg.startsWith('--')) ?? templatesFolder;

const { templates, problems } = await compileTemplates(folder);
if (problems.length) {
  for (const problem of problems) console.error(formatProblem(problem));
  console.error(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the email templates`);
  process.exit(1);
}
if (!check) await writeCompiledTemplates(templates);
const ids = Object.keys(templates);
console.log(`${check ? 'Checked' : 'Compiled'} ${ids.length} email template${ids.length === 1 ? '' : 's'}: ${ids.join(', ')}`);
