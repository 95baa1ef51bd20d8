import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompiledTemplates } from '../../../infra/templates/compile-templates.ts';
import { type PreviewCompany, previewCompany } from '../../../infra/templates/preview-company.ts';
import type * as PreviewPage from '../../../infra/templates/preview-page.ts';
import { buildShippedTemplates } from './shipped-templates.ts';

let templates: CompiledTemplates;
let preview: typeof PreviewPage;

beforeAll(async () => {
  templates = await buildShippedTemplates();
  preview = await import('../../../infra/templates/preview-page.ts');
});

const state = (problems: PreviewPage.PreviewState['problems'] = [], company: PreviewCompany = previewCompany()): PreviewPage.PreviewState => ({ version: 'v1', checkedAt: new Date(), templates, problems, company });
// The page's own markup, without the emails it embeds.
const withoutFrames = (html: string) => html.replace(/srcdoc="[^"]*"/g, 'srcdoc=""');

describe('the preview overview', () => {
  it('lists every kind, every track and every step with when it is sent and its conditions', () => {
    const html = preview.overviewPage(state());

    expect(html).toContain('Track “warm” · 11 steps');
    expect(html).toContain('Track “cold” · 4 steps');
    expect(html).toContain('Track “long-term” · 3 steps');
    for (const id of Object.keys(templates)) expect(html).toContain(`<a href="/t/${id}">${id}</a>`);
    expect(html).toContain('<td>1 day after joining the track</td>');
    expect(html).toContain('<code>lead.interest contains &quot;routing&quot; or lead.interest contains &quot;Routing&quot;</code>');
    expect(html).toContain('All emails pass the check');
  });

  it('shows every problem of the check with its file, line and reason', () => {
    const problem = { file: join('templates', 'nurture', 'warm', '03-one-owner-per-lead.mjml'), line: 9, reason: 'unknown variable lead.fristName' };

    const html = preview.overviewPage(state([problem]));

    expect(html).toContain('1 problem to fix');
    expect(html).toContain(`<code>${problem.file}:9: unknown variable lead.fristName</code>`);
  });
});

describe('the preview of one email', () => {
  it('shows it for every sample lead on a computer and a phone, with subject, preview text and plain text', () => {
    const html = preview.templatePage(state(), 'nurture/warm/01-first-reply-wins')!;

    expect(withoutFrames(html).match(/<iframe [^>]*width="640"/g)).toHaveLength(3);
    expect(withoutFrames(html).match(/<iframe [^>]*width="375"/g)).toHaveLength(3);
    expect(html).toContain('srcdoc="&lt;!doctype html&gt;');
    expect(html).toContain('<dt>Subject</dt><dd>The first reply wins</dd>');
    expect(html).toMatch(/<pre>A follow-up tip from Stoke\n\nHi Ada,\n/);
    expect(html).toMatch(/<pre>A follow-up tip from Stoke\n\nHi there,\n/);
    expect(html).toContain('<dt>Track</dt><dd>warm, step 1 of 11</dd>');
  });

  it('says which sample leads a step with conditions skips', () => {
    const html = preview.templatePage(state(), 'nurture/warm/07-routing-rules')!;

    // Ada asked about routing; the other two samples did not.
    expect(html.match(/Not sent to this lead/g)).toHaveLength(2);
  });

  it('points at the problems instead of the email when it does not compile', () => {
    const { 'nurture/warm/03-one-owner-per-lead': broken, ...others } = templates;
    const problem = { file: join('templates', 'nurture', 'warm', '03-one-owner-per-lead.mjml'), line: 9, reason: 'unknown variable lead.fristName' };

    const html = preview.templatePage({ ...state([problem]), templates: others }, 'nurture/warm/03-one-owner-per-lead')!;

    expect(broken).toBeDefined();
    expect(html).toContain('This email cannot be shown until the problems above are fixed.');
    expect(html).toContain(`${problem.file}:9: unknown variable lead.fristName`);
  });

  it('knows no email that is neither compiled nor broken', () => {
    expect(preview.templatePage(state(), 'nurture/warm/99-nope')).toBeUndefined();
  });
});

describe('the company the preview sends as', () => {
  const configured = { COMPANY_NAME: 'Acme Widgets GmbH', COMPANY_POSTAL_ADDRESS: 'Werkstraße 5, 80331 München, Germany' };
  const uses = (id: string, variable: string) => `${templates[id]!.html}${templates[id]!.text}${templates[id]!.frontMatter.subject}`.includes(variable);

  it('fills in the configured company name and postal address in every email that shows them, instead of the samples', () => {
    const company = previewCompany(configured);
    const showingAddress = Object.keys(templates).filter((id) => uses(id, 'company.postalAddress'));
    const showingName = Object.keys(templates).filter((id) => uses(id, 'company.name'));

    // Every kind prints the postal address somewhere; the check below must not pass by having nothing to look at.
    expect(new Set(showingAddress.map((id) => templates[id]!.kind))).toEqual(new Set(['nurture', 'subscription', 'handoff', 'review', 'plans', 'alerts']));
    expect(showingName.length).toBeGreaterThan(0);
    for (const id of Object.keys(templates)) {
      const html = preview.templatePage(state([], company), id)!;
      if (showingAddress.includes(id)) expect(html, id).toContain(configured.COMPANY_POSTAL_ADDRESS);
      if (showingName.includes(id)) expect(html, id).toContain(configured.COMPANY_NAME);
      expect(html, id).not.toContain('Springfield');
    }
    expect(preview.templatePage(state([], company), 'nurture/warm/01-first-reply-wins')).toMatch(/<pre>A follow-up tip from Acme Widgets GmbH\n\nHi Ada,\n/);
  });

  it('says on every page which values are in use and that they come from the settings', () => {
    const company = previewCompany(configured);

    for (const html of [preview.overviewPage(state([], company)), preview.templatePage(state([], company), 'subscription/confirm')!]) {
      expect(withoutFrames(html)).toContain('<dt>Company name</dt><dd>Acme Widgets GmbH <span class="source">(from the <code>COMPANY_NAME</code> setting)</span></dd>');
      expect(withoutFrames(html)).toContain(
        '<dt>Postal address</dt><dd>Werkstraße 5, 80331 München, Germany <span class="source">(from the <code>COMPANY_POSTAL_ADDRESS</code> setting)</span></dd>',
      );
    }
  });

  it('falls back to the sample values, and says so, where nothing is configured', () => {
    const html = preview.templatePage(state([], previewCompany({})), 'nurture/warm/01-first-reply-wins')!;

    expect(html).toContain('1 Example Street, Springfield, IL 62701, USA');
    expect(html).toMatch(/<pre>A follow-up tip from Stoke\n/);
    expect(withoutFrames(html)).toContain('<dt>Company name</dt><dd>Stoke <span class="source">(sample value: <code>COMPANY_NAME</code> is not set)</span></dd>');
    expect(withoutFrames(html)).toContain('<span class="source">(sample value: <code>COMPANY_POSTAL_ADDRESS</code> is not set)</span>');
  });

  it('falls back one value at a time: a configured name with the sample address', () => {
    const html = preview.templatePage(state([], previewCompany({ COMPANY_NAME: configured.COMPANY_NAME })), 'subscription/confirm')!;

    expect(html).toContain(`${configured.COMPANY_NAME} · 1 Example Street, Springfield, IL 62701, USA`);
    expect(withoutFrames(html)).toContain('(from the <code>COMPANY_NAME</code> setting)');
    expect(withoutFrames(html)).toContain('(sample value: <code>COMPANY_POSTAL_ADDRESS</code> is not set)');
  });
});

describe('delayInWords', () => {
  it.each([
    { delay: 'P1D', first: true, words: '1 day after joining the track' },
    { delay: 'P14D', first: false, words: '14 days after the previous step' },
    { delay: 'P1W', first: false, words: '1 week after the previous step' },
    { delay: 'P1DT12H', first: false, words: '1 day 12 hours after the previous step' },
    { delay: 'PT90M', first: false, words: '90 minutes after the previous step' },
  ])('$delay reads "$words"', ({ delay, first, words }) => {
    expect(preview.delayInWords(delay, first)).toBe(words);
  });
});
