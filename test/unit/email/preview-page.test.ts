import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompiledTemplates } from '../../../infra/templates/compile-templates.ts';
import type * as PreviewPage from '../../../infra/templates/preview-page.ts';
import { buildShippedTemplates } from './shipped-templates.ts';

let templates: CompiledTemplates;
let preview: typeof PreviewPage;

beforeAll(async () => {
  templates = await buildShippedTemplates();
  preview = await import('../../../infra/templates/preview-page.ts');
});

const state = (problems: PreviewPage.PreviewState['problems'] = []): PreviewPage.PreviewState => ({ version: 'v1', checkedAt: new Date(), templates, problems });
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
