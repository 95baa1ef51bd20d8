import { Liquid, type Template } from 'liquidjs';
import { StokeError } from '../platform/errors.ts';
import { type CompiledTemplate, type PackedTemplates, unpackBodies } from './packed-templates.ts';

export type RenderedEmail = { subject: string; preheader: string; html: string; text: string };

export class UnknownTemplateError extends StokeError {
  constructor(templateId: string, known: readonly string[]) {
    super('unknown-template', `No email template "${templateId}"; compiled templates: ${known.join(', ') || 'none'}`);
  }
}

// The date filter prints UTC wherever it runs; templates say so next to the time.
const common = { strictFilters: true, timezoneOffset: 0 };
// Lead data is untrusted form input: everything printed into HTML is escaped.
const htmlLiquid = new Liquid({ ...common, outputEscape: 'escape' });
// Subject, preheader and text are not HTML: escaping would show `&amp;` to the reader.
const textLiquid = new Liquid(common);

type ParsedTemplate = { subject: Template[]; preheader: Template[]; html: Template[]; text: Template[]; conditions: Template[][] };

/** The emails of one capability, from the template sets it bundles (functions/email/templates/). */
export type TemplateRenderer = {
  /** Renders a template with the variables of its kind (see template-variables.ts). */
  render(templateId: string, variables: Record<string, unknown>): RenderedEmail;
  /**
   * Whether every condition in a nurture step's front matter holds for these
   * variables (the same ones the step renders with). A step without conditions always holds.
   */
  conditionsHold(templateId: string, variables: Record<string, unknown>): boolean;
};

/**
 * A renderer of these sets. A set is unpacked when the first of its templates is
 * used, and each template parsed once, so a warm function only renders.
 */
export function createTemplateRenderer(...sets: readonly PackedTemplates[]): TemplateRenderer {
  const unpacked = new Map<PackedTemplates, ReturnType<typeof unpackBodies>>();
  const parsed = new Map<string, ParsedTemplate>();
  const parsedTemplate = (templateId: string): ParsedTemplate => {
    const cached = parsed.get(templateId);
    if (cached) return cached;
    const set = sets.find(({ templates }) => Object.hasOwn(templates, templateId));
    if (!set) throw new UnknownTemplateError(templateId, sets.flatMap(({ templates }) => Object.keys(templates)));
    const bodies = unpacked.get(set) ?? unpackBodies(set);
    unpacked.set(set, bodies);
    const template = parse({ ...set.templates[templateId]!, ...bodies[templateId]! });
    parsed.set(templateId, template);
    return template;
  };
  return {
    render: (templateId, variables) => render(parsedTemplate(templateId), variables),
    conditionsHold: (templateId, variables) => hold(parsedTemplate(templateId), variables),
  };
}

/** Renders a template compiled just now rather than bundled: the preview's, while someone edits it. */
export function renderCompiled(template: CompiledTemplate, variables: Record<string, unknown>): RenderedEmail {
  return render(parse(template), variables);
}

/** conditionsHold for a template compiled just now rather than bundled. */
export function compiledConditionsHold(template: CompiledTemplate, variables: Record<string, unknown>): boolean {
  return hold(parse(template), variables);
}

function render(template: ParsedTemplate, variables: Record<string, unknown>): RenderedEmail {
  return {
    subject: oneLine(textLiquid.renderSync(template.subject, variables)),
    preheader: oneLine(textLiquid.renderSync(template.preheader, variables)),
    html: htmlLiquid.renderSync(template.html, variables),
    text: tidyText(textLiquid.renderSync(template.text, variables)),
  };
}

function hold(template: ParsedTemplate, variables: Record<string, unknown>): boolean {
  return template.conditions.every((condition) => textLiquid.renderSync(condition, variables) === 'true');
}

function parse({ frontMatter, html, text }: CompiledTemplate): ParsedTemplate {
  return {
    subject: textLiquid.parse(frontMatter.subject),
    preheader: textLiquid.parse(frontMatter.preheader),
    html: htmlLiquid.parse(html),
    text: textLiquid.parse(text),
    // A condition is what an {% if %} takes, as the template check reads it too.
    conditions: (frontMatter.conditions ?? []).map((condition) => textLiquid.parse(`{% if ${condition} %}true{% endif %}`)),
  };
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
