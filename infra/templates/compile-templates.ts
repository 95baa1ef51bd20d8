import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Liquid } from 'liquidjs';
import mjml2html from 'mjml';
import type { CompiledTemplate } from '../../functions/email/render-email.ts';
import { type TemplateKind, templateKinds } from '../../functions/email/template-variables.ts';
import { type FrontMatterEntry, frontMatterProblems, type LineProblem, splitFrontMatter } from './front-matter.ts';
import { liquidProblems } from './liquid-variables.ts';
import { type MjmlNode, plainText } from './plain-text.ts';

/** A problem in a template file: `file` is relative to the folder above the templates folder. */
export type TemplateProblem = LineProblem & { file: string };

export type CompiledTemplates = Record<string, CompiledTemplate>;

export const templatesFolder = fileURLToPath(new URL('../../templates', import.meta.url));
/** The artifact the email functions bundle; generated, never committed. */
export const compiledTemplatesFile = fileURLToPath(new URL('../../functions/email/compiled-templates.json', import.meta.url));

// Parse-only: the same filters as at send time, so an unknown filter fails here.
const liquid = new Liquid({ strictFilters: true });

/**
 * Compiles every `**\/*.mjml` under `root` (the id of each is its path without the
 * extension) and checks it: front matter, MJML (strict), Liquid syntax, variables
 * of its kind, and that MJML kept every Liquid tag. A template with problems is left out.
 */
export async function compileTemplates(root: string): Promise<{ templates: CompiledTemplates; problems: TemplateProblem[] }> {
  const files = (await readdir(root, { recursive: true })).filter((file) => file.endsWith('.mjml')).sort();
  const templates: CompiledTemplates = {};
  const problems: TemplateProblem[] = [];
  for (const file of files) {
    const id = file.slice(0, -'.mjml'.length).split(sep).join('/');
    const result = await compileTemplate(id, await readFile(join(root, file), 'utf8'));
    if ('template' in result) templates[id] = result.template;
    else problems.push(...result.problems.map((problem) => ({ file: join(basename(root), file), ...problem })));
  }
  return { templates, problems };
}

/** Writes the artifact only when it changed, and whole: a test reading it meanwhile never sees half a file. */
export async function writeCompiledTemplates(templates: CompiledTemplates, file = compiledTemplatesFile): Promise<void> {
  const json = `${JSON.stringify(templates)}\n`;
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current === json) return;
  await writeFile(`${file}.${process.pid}.tmp`, json);
  await rename(`${file}.${process.pid}.tmp`, file);
}

export function formatProblem({ file, line, reason }: TemplateProblem): string {
  return `${file}${line === undefined ? '' : `:${line}`}: ${reason}`;
}

async function compileTemplate(id: string, source: string): Promise<{ template: CompiledTemplate } | { problems: LineProblem[] }> {
  const kindName = id.includes('/') ? id.slice(0, id.indexOf('/')) : '';
  if (!Object.hasOwn(templateKinds, kindName)) {
    const kinds = Object.keys(templateKinds).join(', ');
    return { problems: [{ reason: `a template lives in a folder named for its kind (${kinds}), not in "${kindName || '.'}"` }] };
  }
  const kind: TemplateKind = templateKinds[kindName as keyof typeof templateKinds];
  const { entries, body, problems } = splitFrontMatter(source);
  problems.push(...frontMatterProblems(entries, kindName, kind), ...frontMatterLiquidProblems(entries, kind));
  problems.push(...liquidProblems(liquid, body, kind.variables), ...liquidInCss(body), ...partials(body));
  if (problems.length) return { problems: sorted(problems) };

  const frontMatter = frontMatterOf(entries);
  const compiled = await compileMjml(withPreview(body, frontMatter.preheader));
  if ('problems' in compiled) return compiled;
  const text = plainText(compiled.json);
  const lost = [...droppedLiquid(body, compiled.html), ...unparsable('compiled HTML', compiled.html), ...unparsable('plain text', text)];
  return lost.length ? { problems: lost } : { template: { kind: kindName, frontMatter, html: compiled.html, text } };
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

function sorted(problems: LineProblem[]): LineProblem[] {
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
