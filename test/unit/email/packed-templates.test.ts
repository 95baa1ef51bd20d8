import { beforeAll, describe, expect, it } from 'vitest';
import type { PackedTemplates } from '../../../functions/email/packed-templates.ts';
import { compiledConditionsHold, createTemplateRenderer, renderCompiled, UnknownTemplateError } from '../../../functions/email/render-email.ts';
import type { TemplateKindName } from '../../../functions/email/template-variables.ts';
import type { CompiledTemplates } from '../../../infra/templates/compile-templates.ts';
import { sampleLeads } from '../../../infra/templates/preview-samples.ts';
import { buildShippedTemplates, shippedTemplateSets } from './shipped-templates.ts';

let compiled: CompiledTemplates;
let sets: Record<TemplateKindName, PackedTemplates>;

beforeAll(async () => {
  compiled = await buildShippedTemplates();
  sets = await shippedTemplateSets();
});

describe('the packed template artifacts', () => {
  it('hold each kind apart, with its front matter readable without unpacking', () => {
    for (const [kind, set] of Object.entries(sets)) {
      const ofKind = Object.entries(compiled).filter(([, template]) => template.kind === kind);

      expect(ofKind.length, kind).toBeGreaterThan(0);
      expect(set.templates, kind).toEqual(Object.fromEntries(ofKind.map(([id, { frontMatter }]) => [id, { kind, frontMatter }])));
    }
  });

  it('render every template for every sample lead exactly as the uncompressed compile does', () => {
    const renderer = createTemplateRenderer(...Object.values(sets));

    for (const [id, template] of Object.entries(compiled)) {
      for (const { label, variables } of sampleLeads[template.kind as TemplateKindName]) {
        expect(renderer.render(id, variables), `${id} for ${label}`).toEqual(renderCompiled(template, variables));
        expect(renderer.conditionsHold(id, variables), `${id} for ${label}`).toBe(compiledConditionsHold(template, variables));
      }
    }
  });

  it('know only the templates of the sets a renderer is given', () => {
    const handoffOnly = createTemplateRenderer(sets.handoff);

    expect(() => handoffOnly.render('nurture/warm/01-first-reply-wins', {})).toThrow(UnknownTemplateError);
    expect(() => handoffOnly.conditionsHold('review/weekly-review', {})).toThrow(
      /^No email template "review\/weekly-review"; compiled templates: handoff\/first-contact-escalation, handoff\/first-contact-reminder, handoff\/lead-parked, handoff\/lead-reassigned, handoff\/lead-taken, handoff\/rep-handoff$/,
    );
  });

  it('are unpacked only when one of their templates is first used', () => {
    const broken = { ...sets.handoff, bodies: 'bm90IGJyb3RsaQ==' };

    const renderer = createTemplateRenderer(broken);

    expect(() => renderer.render('handoff/nope', {})).toThrow(UnknownTemplateError);
    expect(() => renderer.render('handoff/rep-handoff', {})).toThrow();
  });
});
