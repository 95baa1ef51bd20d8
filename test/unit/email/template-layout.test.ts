import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTemplates } from '../../../infra/templates/compile-templates.ts';
import { wrap } from '../../../infra/templates/layout.ts';

const layout = [
  '<mjml>', //                                                          1
  '<mj-body>', //                                                       2
  '<mj-section>', //                                                    3
  '<mj-column>', //                                                     4
  '<mj-text>Hi {{ lead.firstName | default: "there" }},</mj-text>', //  5
  '<stoke-content />', //                                               6
  '<mj-text><a href="{{ links.unsubscribeUrl }}">Unsubscribe</a> {{ company.postalAddress }}</mj-text>', // 7
  '</mj-column>',
  '</mj-section>',
  '</mj-body>',
  '</mjml>',
].join('\n');

const step = (content: string, frontMatter = '') =>
  `---\nsubject: A tip\npreheader: A tip for you\ndelay: P14D\n${frontMatter}---\n${content}\n`;

async function compile(files: Record<string, string>) {
  const root = join(await mkdtemp(join(tmpdir(), 'stoke-templates-')), 'templates');
  for (const [file, source] of Object.entries(files)) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), source);
  }
  return compileTemplates(root);
}

const file = (...path: string[]) => join('templates', ...path);

describe('a nurture step in its track folder', () => {
  it('compiles into the layout, with the id of its path and the kind nurture', async () => {
    const { templates, problems } = await compile({
      'nurture/_layout.mjml': layout,
      'nurture/warm/01-first-reply-wins.mjml': step('<mj-text>Answer within the hour.</mj-text>', 'conditions:\n  - lead.interest contains "routing"\n'),
    });

    expect(problems).toEqual([]);
    expect(Object.keys(templates)).toEqual(['nurture/warm/01-first-reply-wins']);
    const template = templates['nurture/warm/01-first-reply-wins']!;
    expect(template.kind).toBe('nurture');
    expect(template.frontMatter).toEqual({ subject: 'A tip', preheader: 'A tip for you', delay: 'P14D', conditions: ['lead.interest contains "routing"'] });
    expect(template.text).toBe('Hi {{ lead.firstName | default: "there" }},\n\nAnswer within the hour.\n\nUnsubscribe ({{ links.unsubscribeUrl }}) {{ company.postalAddress }}\n');
  });

  it('fails on an unknown variable with the file and the line of the step, not of the layout', async () => {
    const { problems } = await compile({
      'nurture/_layout.mjml': layout,
      'nurture/warm/01-tip.mjml': step('<mj-text>Good tip.</mj-text>\n<mj-text>Hi {{ lead.fristName }}</mj-text>'),
    });

    expect(problems).toEqual([
      { file: file('nurture', 'warm', '01-tip.mjml'), line: 7, reason: expect.stringMatching(/^unknown variable lead\.fristName: lead has no fristName; it has name, firstName/) },
    ]);
  });

  it('fails on an MJML mistake with the line of the step it is on', async () => {
    const { problems } = await compile({
      'nurture/_layout.mjml': layout,
      'nurture/warm/01-tip.mjml': step('<mj-text>Good tip.</mj-text>\n<mj-button hreff="https://stoke.example">Read</mj-button>'),
    });

    expect(problems).toEqual([{ file: file('nurture', 'warm', '01-tip.mjml'), line: 7, reason: expect.stringMatching(/^MJML: Attribute hreff is illegal/) }]);
  });

  it('fails on a mistake in the layout once, with the layout file and line, however many steps use it', async () => {
    const broken = layout.replace('{{ company.postalAddress }}', '{{ company.address }}');

    const { templates, problems } = await compile({
      'nurture/_layout.mjml': broken,
      'nurture/warm/01-tip.mjml': step('<mj-text>One.</mj-text>'),
      'nurture/warm/02-tip.mjml': step('<mj-text>Two.</mj-text>'),
    });

    expect(templates).toEqual({});
    expect(problems).toEqual([{ file: file('nurture', '_layout.mjml'), line: 7, reason: expect.stringMatching(/^unknown variable company\.address/) }]);
  });

  it('reports an MJML mistake in the layout against the layout, once', async () => {
    const broken = layout.replace('<mj-text>Hi', '<mj-text paddingg="1">Hi');

    const { problems } = await compile({
      'nurture/_layout.mjml': broken,
      'nurture/warm/01-tip.mjml': step('<mj-text>One.</mj-text>'),
      'nurture/warm/02-tip.mjml': step('<mj-text>Two.</mj-text>'),
    });

    expect(problems).toEqual([{ file: file('nurture', '_layout.mjml'), line: 5, reason: expect.stringMatching(/^MJML: Attribute paddingg is illegal/) }]);
  });

  it.each([
    { name: 'a layout without <stoke-content />', layout: layout.replace('<stoke-content />', ''), line: undefined, reason: /needs a line holding only <stoke-content \/>/ },
    { name: 'a layout with two of them', layout: layout.replace('</mj-column>', '<stoke-content />\n</mj-column>'), line: 8, reason: /one <stoke-content \/> line, not several/ },
  ])('refuses $name', async ({ layout: source, line, reason }) => {
    const { problems } = await compile({ 'nurture/_layout.mjml': source, 'nurture/warm/01-tip.mjml': step('<mj-text>One.</mj-text>') });

    expect(problems).toEqual([{ file: file('nurture', '_layout.mjml'), ...(line ? { line } : {}), reason: expect.stringMatching(reason) }]);
  });

  it('refuses a whole MJML document where the layout already gives one', async () => {
    const { problems } = await compile({
      'nurture/_layout.mjml': layout,
      'nurture/warm/01-tip.mjml': step('<mjml>\n<mj-body></mj-body>\n</mjml>'),
    });

    expect(problems).toEqual([{ file: file('nurture', 'warm', '01-tip.mjml'), line: 6, reason: expect.stringMatching(/put into nurture\/_layout\.mjml: write only what goes inside it .* without <mjml>/) }]);
  });

  it.each([
    { name: 'outside a track folder', path: 'nurture/01-tip.mjml' },
    { name: 'without its number', path: 'nurture/warm/tip.mjml' },
    { name: 'with a one-digit number', path: 'nurture/warm/1-tip.mjml' },
    { name: 'in a folder below the track', path: 'nurture/warm/extra/01-tip.mjml' },
  ])('refuses a step $name', async ({ path }) => {
    const { problems } = await compile({ 'nurture/_layout.mjml': layout, [path]: step('<mj-text>One.</mj-text>') });

    expect(problems).toEqual([{ file: join('templates', path), reason: expect.stringMatching(/^a nurture step lives in a folder named for its track.*nurture\/<track>\/<NN>-<slug>\.mjml/) }]);
  });

  it('refuses two steps of a track with the same number, and accepts the same number in another track', async () => {
    const { problems } = await compile({
      'nurture/_layout.mjml': layout,
      'nurture/warm/01-one.mjml': step('<mj-text>One.</mj-text>'),
      'nurture/warm/01-copy.mjml': step('<mj-text>Copy.</mj-text>'),
      'nurture/cold/01-one.mjml': step('<mj-text>One.</mj-text>'),
    });

    expect(problems).toEqual([{ file: file('nurture', 'warm', '01-one.mjml'), reason: 'nurture/warm/01-one has the same number as nurture/warm/01-copy: give every step of a track its own number' }]);
  });

  it('leaves out files and folders whose names start with _', async () => {
    const { templates, problems } = await compile({
      'nurture/_layout.mjml': layout,
      'nurture/warm/01-tip.mjml': step('<mj-text>One.</mj-text>'),
      'nurture/warm/_02-parked.mjml': step('<mj-text>{{ broken </mj-text>'),
      'nurture/_drafts/01-idea.mjml': step('<mj-text>{{ broken </mj-text>'),
    });

    expect(problems).toEqual([]);
    expect(Object.keys(templates)).toEqual(['nurture/warm/01-tip']);
  });
});

describe('wrap', () => {
  it('puts the body on the layout line and maps every line back to its file', () => {
    const { source, origin } = wrap({ lines: ['a', 'b', '<stoke-content />', 'c'], slot: 2 }, 'x\ny');

    expect(source).toBe('a\nb\nx\ny\nc');
    expect([1, 2, 3, 4, 5].map(origin)).toEqual([
      { inLayout: true, line: 1 },
      { inLayout: true, line: 2 },
      { inLayout: false, line: 1 },
      { inLayout: false, line: 2 },
      { inLayout: true, line: 4 },
    ]);
  });
});
