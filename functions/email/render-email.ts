import { Liquid, type Template } from 'liquidjs';
import { StokeError } from '../platform/errors.ts';
import compiled from './compiled-templates.json' with { type: 'json' };

/**
 * One template as `npm run templates:build` leaves it: MJML already compiled to
 * minified HTML and a plain-text twin, both still holding their Liquid.
 */
export type CompiledTemplate = {
  kind: string;
  frontMatter: { subject: string; preheader: string; delay?: string; conditions?: string[] };
  html: string;
  text: string;
};

export type RenderedEmail = { subject: string; preheader: string; html: string; text: string };

export class UnknownTemplateError extends StokeError {
  constructor(templateId: string, known: readonly string[]) {
    super('unknown-template', `No email template "${templateId}"; compiled templates: ${known.join(', ') || 'none'}`);
  }
}

const templates: Record<string, CompiledTemplate> = compiled;

// The date filter prints UTC wherever it runs; templates say so next to the time.
const common = { strictFilters: true, timezoneOffset: 0 };
// Lead data is untrusted form input: everything printed into HTML is escaped.
const htmlLiquid = new Liquid({ ...common, outputEscape: 'escape' });
// Subject, preheader and text are not HTML: escaping would show `&amp;` to the reader.
const textLiquid = new Liquid(common);

type ParsedTemplate = { subject: Template[]; preheader: Template[]; html: Template[]; text: Template[] };
const parsed = new Map<string, ParsedTemplate>();

/** Renders a compiled template with the variables of its kind (see template-variables.ts). */
export function renderEmail(templateId: string, variables: Record<string, unknown>): RenderedEmail {
  const template = parsedTemplate(templateId);
  return {
    subject: oneLine(textLiquid.renderSync(template.subject, variables)),
    preheader: oneLine(textLiquid.renderSync(template.preheader, variables)),
    html: htmlLiquid.renderSync(template.html, variables),
    text: tidyText(textLiquid.renderSync(template.text, variables)),
  };
}

// Parsing once per template and process keeps a warm function to rendering only.
function parsedTemplate(templateId: string): ParsedTemplate {
  const cached = parsed.get(templateId);
  if (cached) return cached;
  if (!Object.hasOwn(templates, templateId)) throw new UnknownTemplateError(templateId, Object.keys(templates));
  const { frontMatter, html, text } = templates[templateId]!;
  const template = {
    subject: textLiquid.parse(frontMatter.subject),
    preheader: textLiquid.parse(frontMatter.preheader),
    html: htmlLiquid.parse(html),
    text: textLiquid.parse(text),
  };
  parsed.set(templateId, template);
  return template;
}

// A line break in a lead's data must not become a second header line.
function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

// Tags and empty loops leave blank lines and stray spaces behind.
function tidyText(value: string): string {
  return value
    .replace(/^[ \t]+|[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .concat('\n');
}
