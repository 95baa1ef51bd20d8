import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Liquid } from 'liquidjs';
import mjml2html from 'mjml';
import { type CompiledTemplate, packTemplates } from '../../functions/email/packed-templates.ts';
import { type TemplateKind, templateKinds } from '../../functions/email/template-variables.ts';
import { type FrontMatterEntry, frontMatterProblems, type LineProblem, splitFrontMatter } from './front-matter.ts';
import { type Layout, type Origin, readLayout, wrap } from './layout.ts';
import { liquidProblems } from './liquid-variables.ts';
import { type MjmlNode, plainText } from './plain-text.ts';
import { isHidden, isLayout, kindOf, sharedStepNumbers, stepPathProblem, templateId } from './template-paths.ts';

/** A problem in a template file: `file` is relative to the folder above the templates folder. */
export type TemplateProblem = LineProblem & { file: string };

export type CompiledTemplates = Record<string, CompiledTemplate>;

export const templatesFolder = fileURLToPath(new URL('../../templates', import.meta.url));
/** The artifacts the email functions bundle, `<kind>.json` each, imported by functions/email/templates/<kind>.ts; generated, never committed. */
const compiledTemplatesFolder = fileURLToPath(new URL('../../functions/email/compiled', import.meta.url));

// Parse-only: the same filters as at send time, so an unknown filter fails here.
const liquid = new Liquid({ strictFilters: true });

/**
 * Compiles every `**\/*.mjml` under `root` (the id of each is its path without the
 * extension) and checks it: front matter, MJML (strict), Liquid syntax, variables
 * of its kind, and that MJML kept every Liquid tag. A template with problems is left out.
 * Names starting with `_` are not templates: `<kind>/_layout.mjml` is the frame
 * every template of its kind is put in (layout.ts).
 */
export async function compileTemplates(root: string): Promise<{ templates: CompiledTemplates; problems: TemplateProblem[] }> {
  const ids = (await readdir(root, { recursive: true })).filter((file) => file.endsWith('.mjml')).sort().map(templateId);
  const fileOf = (id: string) => join(basename(root), `${id}.mjml`);
  const read = (id: string) => readFile(join(root, `${id}.mjml`), 'utf8');
  const templates: CompiledTemplates = {};
  const problems: TemplateProblem[] = [];

  // A kind without a layout has whole MJML documents; undefined marks a broken one.
  const layouts = new Map<string, Layout | undefined>();
  for (const id of ids.filter((id) => isLayout(id) && kindNamed(kindOf(id)))) {
    const result = layoutOf(kindNamed(kindOf(id))!, await read(id));
    layouts.set(kindOf(id), 'layout' in result ? result.layout : undefined);
    if ('problems' in result) problems.push(...result.problems.map((problem) => ({ file: fileOf(id), ...problem })));
  }

  const emails = ids.filter((id) => !isHidden(id));
  const shared = sharedStepNumbers(emails.filter((id) => kindNamed(kindOf(id))?.sequences));
  for (const id of emails) {
    const kindName = kindOf(id);
    // A broken layout is reported once, above, rather than once per template it frames.
    if (layouts.has(kindName) && !layouts.get(kindName)) continue;
    const pathProblem = kindNamed(kindName)?.sequences ? (stepPathProblem(id) ?? shared.get(id)) : undefined;
    const result = await compileTemplate(id, await read(id), layouts.get(kindName), pathProblem);
    if ('template' in result) templates[id] = result.template;
    else problems.push(...result.problems.map(({ inLayout, ...problem }) => ({ file: fileOf(inLayout ? `${kindName}/_layout` : id), ...problem })));
  }
  return { templates, problems: distinct(problems) };
}

/**
 * Packs the templates of each kind into its artifact, one for every kind even
 * without templates, so that every function's import resolves. Writes a file only
 * when it changed, and whole: a test reading it meanwhile never sees half a file.
 */
export async function writeCompiledTemplates(templates: CompiledTemplates): Promise<void> {
  await mkdir(compiledTemplatesFolder, { recursive: true });
  for (const kind of Object.keys(templateKinds)) {
    const ofKind = Object.fromEntries(Object.entries(templates).filter(([, template]) => template.kind === kind));
    const file = join(compiledTemplatesFolder, `${kind}.json`);
    const json = `${JSON.stringify(packTemplates(ofKind))}\n`;
    const current = await readFile(file, 'utf8').catch(() => undefined);
    if (current === json) continue;
    await writeFile(`${file}.${process.pid}.tmp`, json);
    await rename(`${file}.${process.pid}.tmp`, file);
  }
}

export function formatProblem({ file, line, reason }: TemplateProblem): string {
  return `${file}${line === undefined ? '' : `:${line}`}: ${reason}`;
}

/** A problem of a template, or of the layout it was put in. */
type LocatedProblem = LineProblem & { inLayout?: boolean };

async function compileTemplate(
  id: string,
  source: string,
  layout: Layout | undefined,
  pathProblem: string | undefined,
): Promise<{ template: CompiledTemplate } | { problems: LocatedProblem[] }> {
  const kindName = kindOf(id);
  const kind = kindNamed(kindName);
  if (!kind) {
    const kinds = Object.keys(templateKinds).join(', ');
    return { problems: [{ reason: `a template lives in a folder named for its kind (${kinds}), not in "${kindName || '.'}"` }] };
  }
  const { entries, body, problems } = splitFrontMatter(source);
  if (pathProblem) problems.push({ reason: pathProblem });
  problems.push(...frontMatterProblems(entries, kindName, kind), ...frontMatterLiquidProblems(entries, kind));
  problems.push(...liquidProblems(liquid, body, kind.variables), ...liquidInCss(body), ...partials(body), ...(layout ? wholeDocument(body, kindName) : []));
  if (problems.length) return { problems: sorted(problems) };

  const frontMatter = frontMatterOf(entries);
  const document = layout ? wrap(layout, body) : { source: body, origin: (line: number): Origin => ({ inLayout: false, line }) };
  const located = (found: LineProblem[]) => found.map((problem) => (problem.line === undefined ? problem : { ...problem, ...document.origin(problem.line) }));
  const compiled = await compileMjml(withPreview(document.source, frontMatter.preheader));
  if ('problems' in compiled) return { problems: located(compiled.problems) };
  const text = plainText(compiled.json);
  const lost = [...located(droppedLiquid(document.source, compiled.html)), ...unparsable('compiled HTML', compiled.html), ...unparsable('plain text', text)];
  return lost.length ? { problems: lost } : { template: { kind: kindName, frontMatter, html: compiled.html, text } };
}

function kindNamed(name: string): TemplateKind | undefined {
  return Object.hasOwn(templateKinds, name) ? templateKinds[name as keyof typeof templateKinds] : undefined;
}

// The layout's own Liquid is checked once here; its MJML is checked with each template it frames.
function layoutOf(kind: TemplateKind, source: string): { layout: Layout } | { problems: LineProblem[] } {
  const problems = [...liquidProblems(liquid, source, kind.variables), ...liquidInCss(source), ...partials(source)];
  const read = readLayout(source);
  if ('problems' in read) problems.push(...read.problems);
  return problems.length ? { problems: sorted(problems) } : read;
}

function wholeDocument(body: string, kindName: string): LineProblem[] {
  const root = /<(mjml|mj-head|mj-body)[\s>]/.exec(body);
  if (!root) return [];
  return [{
    line: lineOf(body, root.index),
    reason: `templates in ${kindName}/ are put into ${kindName}/_layout.mjml: write only what goes inside it (mj-text, mj-button, mj-image…), without <${root[1]}>`,
  }];
}

function frontMatterLiquidProblems(entries: readonly FrontMatterEntry[], kind: TemplateKind): LineProblem[] {
  return entries.flatMap(({ name, line, value }) => {
    if (name === 'subject' || name === 'preheader') return typeof value === 'string' ? liquidProblems(liquid, value, kind.variables, line) : [];
    if (name !== 'conditions') return [];
    // A condition is what an {% if %} takes: checked as one, sent as it is written.
    const conditions = typeof value === 'string' ? [{ text: value, line }] : value;
    return conditions.flatMap((condition) => liquidProblems(liquid, `{% if ${condition.text} %}{% endif %}`, kind.variables, condition.line));
  });
}

function frontMatterOf(entries: readonly FrontMatterEntry[]): CompiledTemplate['frontMatter'] {
  const field = (name: string) => entries.find((entry) => entry.name === name)?.value;
  const text = (name: string) => {
    const value = field(name);
    return typeof value === 'string' ? value : undefined;
  };
  const conditions = field('conditions');
  return {
    subject: text('subject') ?? '',
    preheader: text('preheader') ?? '',
    ...(text('delay') ? { delay: text('delay') } : {}),
    ...(conditions ? { conditions: typeof conditions === 'string' ? [conditions] : conditions.map((item) => item.text) } : {}),
  };
}

// The preheader becomes MJML's hidden preview text unless the template sets its own;
// inserted without a line break so MJML's line numbers stay those of the file.
function withPreview(body: string, preheader: string): string {
  if (/<mj-preview[\s>]/.test(body)) return body;
  const preview = `<mj-preview>${escapeHtmlAroundLiquid(preheader)}</mj-preview>`;
  const head = /<mj-head(?:\s[^>]*)?>/.exec(body);
  if (head) return body.replace(head[0], `${head[0]}${preview}`);
  return body.replace(/<mjml(?:\s[^>]*)?>/, (root) => `${root}<mj-head>${preview}</mj-head>`);
}

function escapeHtmlAroundLiquid(text: string): string {
  return text
    .split(/(\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\})/)
    .map((part, index) => (index % 2 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');
}

type MjmlError = Error & { errors?: Array<{ line?: number; message: string }> };

// htmlnano lets a CSS syntax error escape as an unhandled rejection as well as rejecting
// MJML's promise: left alone, Node would exit before the error could name the file.
function ignoreCssSyntaxError(reason: unknown): void {
  if (!(reason instanceof Error && reason.name === 'CssSyntaxError')) throw reason;
}

async function compileMjml(body: string): Promise<{ html: string; json: MjmlNode } | { problems: LineProblem[] }> {
  process.on('unhandledRejection', ignoreCssSyntaxError);
  try {
    const { html, json } = await mjml2html(body, {
      validationLevel: 'strict',
      minify: true,
      keepComments: false,
      // No web fonts: no request to a font host when the email opens.
      fonts: {},
    });
    return { html, json };
  } catch (error) {
    const { errors, message, name } = error as MjmlError;
    if (name === 'CssSyntaxError') return { problems: [{ reason: `invalid CSS in a style attribute or mj-style: ${message}` }] };
    if (!errors?.length) return { problems: [{ reason: `MJML: ${message}` }] };
    return { problems: sorted(errors.map((mjmlError) => ({ line: mjmlError.line, reason: `MJML: ${mjmlError.message}` }))) };
  } finally {
    process.off('unhandledRejection', ignoreCssSyntaxError);
  }
}

// The CSS minifier cannot parse Liquid, and a per-lead style is never needed:
// an {% if %} around the element does it.
function liquidInCss(body: string): LineProblem[] {
  const css = /\sstyle\s*=\s*(?:"[^"]*"|'[^']*')|<mj-style[^>]*>[\s\S]*?<\/mj-style>/g;
  return [...body.matchAll(css)]
    .filter(([text]) => /\{\{|\{%/.test(text))
    .map((match) => ({ line: lineOf(body, match.index), reason: 'Liquid inside CSS (a style attribute or mj-style) is not supported: put the {% if %} around the element instead' }));
}

// A Lambda has no template files to load: a partial would fail at send time.
function partials(body: string): LineProblem[] {
  return [...body.matchAll(/\{%-?\s*(include|render|layout)\b/g)].map((match) => ({
    line: lineOf(body, match.index),
    reason: `{% ${match[1]} %} is not supported: templates are sent without files to load partials from`,
  }));
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

const liquidTag = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;

// MJML silently drops text between components, Liquid included: an {% if %} around
// an <mj-section> would vanish and the section would always be sent.
function droppedLiquid(body: string, html: string): LineProblem[] {
  const squeeze = (text: string) => text.replace(/\s+/g, ' ');
  const left = new Map<string, number>();
  for (const [tag] of squeeze(html).matchAll(liquidTag)) left.set(tag, (left.get(tag) ?? 0) + 1);
  const problems: LineProblem[] = [];
  const withoutComments = body.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ' '));
  for (const match of withoutComments.matchAll(liquidTag)) {
    const tag = squeeze(match[0]);
    const count = left.get(tag) ?? 0;
    if (count > 0) left.set(tag, count - 1);
    else problems.push({ line: lineOf(body, match.index), reason: `MJML dropped ${tag}: Liquid between MJML components must sit inside <mj-raw>` });
  }
  return problems;
}

function unparsable(what: string, source: string): LineProblem[] {
  try {
    liquid.parse(source);
    return [];
  } catch (error) {
    return [{ reason: `the ${what} is not valid Liquid after compiling: ${(error as Error).message}` }];
  }
}

// A mistake in a layout shows up in every template it frames: it is reported once.
function distinct(problems: TemplateProblem[]): TemplateProblem[] {
  return [...new Map(problems.map((problem) => [formatProblem(problem), problem])).values()];
}

function sorted<T extends LineProblem>(problems: T[]): T[] {
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
