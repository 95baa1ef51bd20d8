import { beforeAll, describe, expect, it } from 'vitest';
import { createNurtureSteps, type NurtureStep, nurtureSequences, UnknownTrackError } from '../../../functions/email/nurture-sequences.ts';
import { compiledConditionsHold, createTemplateRenderer, type TemplateRenderer, UnknownTemplateError } from '../../../functions/email/render-email.ts';
import type { CompiledTemplates } from '../../../infra/templates/compile-templates.ts';
import { sampleLeads } from '../../../infra/templates/preview-samples.ts';
import { buildShippedTemplates, shippedTemplateSets } from './shipped-templates.ts';

let compiled: CompiledTemplates;
let tracks: string[];
let nurtureSteps: (track: string) => NurtureStep[];
// What the nurture functions bundle: the tips and the subscription confirmation.
let email: TemplateRenderer;

beforeAll(async () => {
  compiled = await buildShippedTemplates();
  const { nurture, subscription } = await shippedTemplateSets();
  tracks = [...nurtureSequences(nurture.templates).keys()];
  nurtureSteps = createNurtureSteps(nurture);
  email = createTemplateRenderer(nurture, subscription);
});

const company = { name: 'Stoke', postalAddress: '1 Example Street, Springfield, IL 62701, USA' };
const unsubscribeUrl = 'https://stoke.example/email/unsubscribe/token?a=1&b=2';
const lead = (fields: Record<string, unknown>) => ({ lead: { email: 'ada@acme.example', ...fields }, links: { unsubscribeUrl }, company });

// Weeks, days, hours, minutes, seconds: the units the scheduler and the local clock read.
const isoDuration = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
function inDays(duration: string): number {
  const [weeks, days, hours, minutes, seconds] = (isoDuration.exec(duration) ?? []).slice(1).map((part) => Number(part ?? 0));
  return (weeks ?? 0) * 7 + (days ?? 0) + (hours ?? 0) / 24 + (minutes ?? 0) / 1440 + (seconds ?? 0) / 86_400;
}
const stepNumber = (templateId: string) => Number(/\/(\d{2})-[^/]+$/.exec(templateId)?.[1]);

describe('the shipped nurture tracks', () => {
  it('are cold, long-term and warm', () => {
    expect(tracks).toEqual(['cold', 'long-term', 'warm']);
  });

  it.each(['cold', 'long-term', 'warm'])('%s: every step of its folder, in file-name order, each after a valid delay', (track) => {
    const ids = Object.keys(compiled).filter((id) => id.startsWith(`nurture/${track}/`));

    const steps = nurtureSteps(track);

    expect(steps.map((step) => step.templateId)).toEqual(ids.sort());
    expect(steps.map((step) => stepNumber(step.templateId))).toEqual(steps.map((_, index) => index + 1));
    for (const { templateId, delay } of steps) {
      expect(delay, templateId).toMatch(isoDuration);
      expect(inDays(delay), templateId).toBeGreaterThanOrEqual(1 / 24);
      expect(inDays(delay), templateId).toBeLessThanOrEqual(92);
    }
  });

  // The cadence of the seed: a tip every two weeks or every month, never a burst.
  it.each([
    { track: 'warm', tips: 10, first: [1, 2], then: [12, 16] },
    { track: 'cold', tips: 4, first: [1, 7], then: [28, 31] },
    { track: 'long-term', tips: 3, first: [45, 75], then: [45, 75] },
  ])('$track: $tips tips for every lead, spaced as promised', ({ track, tips, first, then }) => {
    const steps = nurtureSteps(track);
    const [head, ...rest] = steps.map((step) => inDays(step.delay));

    expect(steps.filter((step) => step.conditions.length === 0)).toHaveLength(tips);
    expect(head).toBeGreaterThanOrEqual(first[0]!);
    expect(head).toBeLessThanOrEqual(first[1]!);
    for (const days of rest) {
      expect(days).toBeGreaterThanOrEqual(then[0]!);
      expect(days).toBeLessThanOrEqual(then[1]!);
    }
  });

  it('refuses a track that does not exist, naming the ones that do', () => {
    expect(() => nurtureSteps('hot')).toThrow(UnknownTrackError);
    expect(() => nurtureSteps('hot')).toThrow(/No nurture track "hot"; tracks: cold, long-term, warm/);
  });

  it('orders steps by file name whatever order the artifact lists them in, and leaves other kinds out', () => {
    const step = (delay: string) => ({ kind: 'nurture', frontMatter: { subject: 's', preheader: 'p', delay }, html: '', text: '' });
    const templates = {
      'nurture/a/02-second': step('P2D'),
      'handoff/rep-handoff': { kind: 'handoff', frontMatter: { subject: 's', preheader: 'p' }, html: '', text: '' },
      'nurture/a/01-first': step('P1D'),
    };

    const found = nurtureSequences(templates);

    expect([...found]).toEqual([
      ['a', [
        { templateId: 'nurture/a/01-first', delay: 'P1D', conditions: [] },
        { templateId: 'nurture/a/02-second', delay: 'P2D', conditions: [] },
      ]],
    ]);
  });
});

describe('every shipped nurture step', () => {
  it('renders for every sample lead with a greeting, the tip, the unsubscribe link and the postal address', () => {
    const ids = Object.keys(compiled).filter((id) => compiled[id]!.kind === 'nurture');
    expect(ids.length).toBeGreaterThanOrEqual(17);

    for (const id of ids) {
      for (const { label, variables } of sampleLeads.nurture) {
        const firstName = (variables.lead as { firstName?: string }).firstName;

        const rendered = email.render(id, { ...variables, links: { unsubscribeUrl }, company, sequence: { track: 'warm', step: 1, steps: 11 } });

        const where = `${id} for ${label}`;
        expect(rendered.subject, where).toMatch(/\S/);
        expect(rendered.preheader, where).toMatch(/\S/);
        // ses:no-track: SES leaves the link alone, so leaving is never counted as a click, whoever fetches it.
        expect(rendered.html, where).toContain(`href="${unsubscribeUrl.replace('&', '&amp;')}" ses:no-track`);
        expect(rendered.html, where).toContain(company.postalAddress);
        expect(rendered.text, where).toContain(`Hi ${firstName ?? 'there'},`);
        expect(rendered.text, where).toContain(`Unsubscribe with one click (${unsubscribeUrl})`);
        expect(rendered.text, where).toContain(company.postalAddress);
        expect(rendered.text, where).toMatch(/Try this:/);
        expect(`${rendered.subject}${rendered.preheader}${rendered.html}${rendered.text}`, where).not.toMatch(/\{\{|\{%/);
      }
    }
  });

  // "No selling at all, just relevant information."
  it('sells nothing', () => {
    for (const [id, template] of Object.entries(compiled).filter(([, template]) => template.kind === 'nurture')) {
      expect(`${template.frontMatter.subject} ${template.text}`, id).not.toMatch(/book a demo|free trial|buy now|special offer|discount|\d+% off/i);
    }
  });
});

describe('conditionsHold', () => {
  it.each([
    { interest: 'Lead routing', holds: true },
    { interest: 'Routing rules for EMEA', holds: true },
    { interest: 'Weekly reporting', holds: false },
    { interest: undefined, holds: false },
  ])('keeps the routing tip for a lead interested in "$interest": $holds', ({ interest, holds }) => {
    expect(email.conditionsHold('nurture/warm/07-routing-rules', lead({ interest }))).toBe(holds);
  });

  it('holds for a step without conditions, whatever the lead', () => {
    const unconditional = nurtureSteps('warm').filter((step) => step.conditions.length === 0);

    expect(unconditional.length).toBeGreaterThan(0);
    for (const step of unconditional) expect(email.conditionsHold(step.templateId, lead({})), step.templateId).toBe(true);
  });

  it('needs every condition to hold, reading the variables the step renders with', () => {
    const template = { ...compiled['nurture/warm/07-routing-rules']!, frontMatter: { subject: 's', preheader: 'p', delay: 'P1D', conditions: ['lead.country == "DE"', 'sequence.step > 1'] } };

    expect(compiledConditionsHold(template, { ...lead({ country: 'DE' }), sequence: { step: 2 } })).toBe(true);
    expect(compiledConditionsHold(template, { ...lead({ country: 'DE' }), sequence: { step: 1 } })).toBe(false);
    expect(compiledConditionsHold(template, { ...lead({ country: 'FR' }), sequence: { step: 2 } })).toBe(false);
  });

  it('refuses an unknown template by name', () => {
    expect(() => email.conditionsHold('nurture/warm/99-nope', {})).toThrow(UnknownTemplateError);
  });
});

describe('the subscription confirmation email', () => {
  it('asks the lead to confirm with one button, and names the sender and its address', () => {
    const confirmUrl = 'https://stoke.example/email/confirm/token';

    const rendered = email.render('subscription/confirm', { lead: { firstName: 'Ada' }, links: { confirmUrl, unsubscribeUrl }, company });

    expect(rendered.subject).toBe('Please confirm you want our tips');
    expect(rendered.html).toContain(`href="${confirmUrl}"`);
    expect(rendered.text).toContain(`Yes, send me the tips (${confirmUrl})`);
    expect(rendered.text).toContain('Hi Ada,');
    expect(rendered.text).toContain(`Stoke · ${company.postalAddress}`);
  });
});
