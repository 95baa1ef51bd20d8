import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTemplateRenderer, type TemplateRenderer } from '../../../functions/email/render-email.ts';
import type { TemplateKindName } from '../../../functions/email/template-variables.ts';
import {
  type CompiledTemplates,
  compileTemplates,
  templatesFolder,
  type TemplateProblem,
  writeCompiledTemplates,
} from '../../../infra/templates/compile-templates.ts';
import { shippedTemplateSets } from './shipped-templates.ts';
import { reviewSamples } from '../../../infra/templates/review-samples.ts';
import { sampleLeads } from '../../../infra/templates/preview-samples.ts';

const handoffVariables = {
  lead: {
    name: 'Ada Lovelace',
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@acme.example',
    phone: '+49 30 1234 567',
    company: 'Acme Analytics',
    jobTitle: 'CFO',
    country: 'DE',
    need: 'Our follow-up of web leads is slow',
    score: 72,
    temperature: 'hot',
    breakdown: [
      { rule: 'budget', points: 30, reason: 'Budget of 250k or more' },
      { rule: 'authority', points: 25, reason: 'Decision-maker' },
      { rule: 'free-mail', points: -5, reason: 'Writes from a free-mail address' },
    ],
    firstTouch: { formId: 'pricing', pageUrl: 'https://www.example.com/pricing', utmSource: 'google', utmMedium: 'cpc', utmCampaign: 'spring', at: '2026-03-05T09:07:00Z' },
    lastTouch: { formId: 'demo', pageUrl: 'https://www.example.com/demo', at: '2026-03-06T10:00:00Z' },
  },
  rep: { name: 'Rita Rep', email: 'rita@stoke.example' },
  handoff: { deadline: '2026-03-06T14:00:00Z', deadlineLocal: '15:00 on Friday 6 Mar, your time', reason: 'Territory DACH', rule: 'dach' },
  nurture: { history: [{ subject: 'Three ways to answer leads faster', sentAt: '2026-02-28T09:00:00Z', openedAt: '2026-03-01T10:00:00Z', clickedLinks: ['https://www.example.com/tips/speed'] }] },
  actions: {
    contactedUrl: 'https://api.stoke.example/actions/contacted-token?v=1&src=email',
    notInterestedUrl: 'https://api.stoke.example/actions/not-interested-token',
    purchasedUrl: 'https://api.stoke.example/actions/purchased-token',
    leadUrl: 'https://d1234.cloudfront.net/desk/leads/lead-1',
  },
  company: { name: 'Stoke Inc.', postalAddress: '1 Main Street, Springfield' },
};

const nurtureVariables = {
  lead: { name: 'Ada Lovelace', firstName: 'Ada', email: 'ada@acme.example', company: 'Acme Analytics', interest: 'routing' },
  links: { unsubscribeUrl: 'https://api.stoke.example/unsubscribe/token' },
  company: handoffVariables.company,
};
const subscriptionVariables = {
  lead: { name: 'Ada Lovelace', firstName: 'Ada' },
  links: { confirmUrl: 'https://api.stoke.example/email/confirm/token', unsubscribeUrl: 'https://api.stoke.example/unsubscribe/token' },
  company: handoffVariables.company,
};
const samples: Record<TemplateKindName, Record<string, unknown>> = {
  handoff: handoffVariables,
  nurture: nurtureVariables,
  subscription: subscriptionVariables,
  review: reviewSamples[0]!.variables,
  plans: sampleLeads.plans[0]!.variables,
  alerts: sampleLeads.alerts[0]!.variables,
};

const frontMatter = '---\nsubject: Hi {{ lead.name }}\npreheader: Hello\n---\n';
const mjml = (content: string) => `<mjml>\n<mj-body>\n<mj-section>\n<mj-column>\n${content}\n</mj-column>\n</mj-section>\n</mj-body>\n</mjml>\n`;

async function check(files: Record<string, string>): Promise<TemplateProblem[]> {
  const root = join(await mkdtemp(join(tmpdir(), 'stoke-templates-')), 'templates');
  for (const [file, source] of Object.entries(files)) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), source);
  }
  return (await compileTemplates(root)).problems;
}

describe('the shipped templates', () => {
  let compiled: CompiledTemplates;
  let renderEmail: TemplateRenderer['render'];

  beforeAll(async () => {
    // The same build `pretest` runs, so this file also works when run on its own.
    const { templates, problems } = await compileTemplates(templatesFolder);
    expect(problems).toEqual([]);
    await writeCompiledTemplates(templates);
    compiled = templates;
    renderEmail = createTemplateRenderer(...Object.values(await shippedTemplateSets())).render;
  });

  it('compile, and every one renders with sample data of its kind', () => {
    expect(Object.keys(compiled)).toContain('handoff/rep-handoff');
    for (const [id, { kind }] of Object.entries(compiled)) {
      const email = renderEmail(id, samples[kind as TemplateKindName]);
      expect(email.subject, id).not.toBe('');
      expect(email.html, id).toMatch(/^<!doctype html>/i);
      expect(email.text, id).not.toMatch(/\{\{|\{%/);
    }
  });

  it('keep Liquid intact through MJML and the minifier, attributes included', () => {
    const { html } = compiled['handoff/rep-handoff']!;

    expect(html).toContain('href="{{ actions.contactedUrl }}"');
    expect(html).toContain('href="mailto:{{ lead.email }}"');
    expect(html).toContain('{% for line in lead.breakdown %}');
  });

  describe('the rep handoff email', () => {
    it('names the lead in the subject and shows the preheader as hidden preview text', () => {
      const email = renderEmail('handoff/rep-handoff', handoffVariables);

      expect(email.subject).toBe('Hot lead: Ada Lovelace at Acme Analytics — first contact by 15:00 on Friday 6 Mar, your time');
      expect(email.preheader).toBe('Ada Lovelace, CFO, scored 72. Please get in touch by 15:00 on Friday 6 Mar, your time.');
      expect(email.html).toMatch(/<div style="display:none[^"]*">Ada Lovelace, CFO, scored 72\./);
    });

    it('carries the three one-click actions, the contact links and the score breakdown', () => {
      const { html } = renderEmail('handoff/rep-handoff', handoffVariables);

      expect(html).toContain('href="https://api.stoke.example/actions/contacted-token?v=1&amp;src=email"');
      expect(html).toContain('href="https://api.stoke.example/actions/not-interested-token"');
      expect(html).toContain('href="https://api.stoke.example/actions/purchased-token"');
      expect(html).toContain('href="mailto:ada@acme.example"');
      expect(html).toContain('href="tel:+49301234567"');
      expect(html).toContain('+30</span>');
      expect(html).toContain('Budget of 250k or more');
      expect(html).toContain('-5</span>');
      expect(html).toContain('15:00 on Friday 6 Mar, your time');
    });

    it('has a plain-text part with every link as text (url)', () => {
      const { text } = renderEmail('handoff/rep-handoff', handoffVariables);

      expect(text).toContain('I contacted them (https://api.stoke.example/actions/contacted-token?v=1&src=email)');
      expect(text).toContain('Not interested (https://api.stoke.example/actions/not-interested-token)');
      expect(text).toContain('Purchased (https://api.stoke.example/actions/purchased-token)');
      expect(text).toContain('Email: ada@acme.example\n');
      expect(text).toContain('+30 | Budget of 250k or more (budget)\n+25 | Decision-maker (authority)\n-5 | Writes from a free-mail address (free-mail)\n');
      expect(text).toContain('Clicked www.example.com/tips/speed (https://www.example.com/tips/speed)');
      expect(text).not.toMatch(/\n{3}/);
    });

    it('escapes lead data in the HTML, and only there', () => {
      const hostile = { ...handoffVariables, lead: { ...handoffVariables.lead, name: '<script>alert(1)</script>', company: 'Fish & Chips' } };

      const email = renderEmail('handoff/rep-handoff', hostile);

      expect(email.html).not.toContain('<script>alert(1)</script>');
      expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(email.html).toContain('Fish &amp; Chips');
      expect(email.subject).toBe('Hot lead: <script>alert(1)</script> at Fish & Chips — first contact by 15:00 on Friday 6 Mar, your time');
      expect(email.text).toContain('<script>alert(1)</script>');
    });

    it('says the lead came in hot when there is no nurture history, and leaves missing fields empty', () => {
      const { lead } = handoffVariables;
      const bare = { ...handoffVariables, lead: { name: lead.name, email: lead.email, score: 72, breakdown: lead.breakdown }, nurture: { history: [] } };

      const email = renderEmail('handoff/rep-handoff', bare);

      expect(email.text).toContain('No nurture emails yet: they came to sales straight away.');
      expect(email.html).toContain('No nurture emails yet: they came to sales straight away.');
      expect(email.subject).toBe('Hot lead: Ada Lovelace at a company — first contact by 15:00 on Friday 6 Mar, your time');
      expect(email.text).toContain('Phone: not given');
    });

    it('keeps a line break in lead data out of the subject', () => {
      const email = renderEmail('handoff/rep-handoff', { ...handoffVariables, lead: { ...handoffVariables.lead, name: 'Ada\r\nBcc: x@evil.example' } });

      expect(email.subject).toMatch(/^Hot lead: Ada Bcc: x@evil\.example at/);
    });
  });

  it('refuses an unknown template id by name', () => {
    expect(() => renderEmail('handoff/nope', {})).toThrow(/No email template "handoff\/nope"; compiled templates: .*handoff\/rep-handoff/);
  });
});

describe('the template check', () => {
  it.each([
    {
      name: 'an unknown variable',
      source: frontMatter + mjml('<mj-text>Hello {{ lead.nmae }}</mj-text>'),
      line: 9,
      reason: /unknown variable lead\.nmae: lead has no nmae; it has name, firstName/,
    },
    {
      name: 'an unknown field of a list item, through the loop alias',
      source: frontMatter + mjml('<mj-table>\n{% for line in lead.breakdown %}<tr><td>{{ line.pionts }}</td></tr>{% endfor %}\n</mj-table>'),
      line: 10,
      reason: /unknown variable line\.pionts: line has no pionts; it has rule, points, reason/,
    },
    {
      name: 'an unknown variable in the subject',
      source: '---\nsubject: Hi {{ customer.name }}\npreheader: Hello\n---\n' + mjml('<mj-text>Hi</mj-text>'),
      line: 2,
      reason: /unknown variable customer\.name: this kind of template can use lead, rep, handoff, nurture, actions, company/,
    },
    {
      name: 'a list printed as a value',
      source: frontMatter + mjml('<mj-text>{{ nurture.history.subject }}</mj-text>'),
      line: 9,
      reason: /nurture\.history is a list/,
    },
    {
      name: 'invalid MJML',
      source: frontMatter + '<mjml>\n<mj-body>\n<mj-section>\n<mj-text>Hello</mj-text>\n</mj-section>\n</mj-body>\n</mjml>\n',
      line: 8,
      reason: /^MJML: mj-text cannot be used inside mj-section/,
    },
    {
      name: 'an unknown MJML attribute',
      source: frontMatter + mjml('<mj-button hreff="{{ actions.contactedUrl }}">Go</mj-button>'),
      line: 9,
      reason: /^MJML: Attribute hreff is illegal/,
    },
    {
      name: 'Liquid that MJML would drop between components',
      source: frontMatter + mjml('{% if lead.phone %}\n<mj-text>Call</mj-text>\n{% endif %}'),
      line: 9,
      reason: /MJML dropped \{% if lead\.phone %\}: Liquid between MJML components must sit inside <mj-raw>/,
    },
    {
      name: 'Liquid inside CSS',
      source: frontMatter + mjml('<mj-text><span style="color: {{ lead.score }}">x</span></mj-text>'),
      line: 9,
      reason: /Liquid inside CSS/,
    },
    {
      name: 'a partial',
      source: frontMatter + mjml("<mj-text>{% render 'footer' %}</mj-text>"),
      line: 9,
      reason: /\{% render %\} is not supported/,
    },
    {
      name: 'a Liquid syntax error',
      source: frontMatter + mjml('<mj-text>{% if lead.phone %}Call</mj-text>'),
      line: 9,
      reason: /tag \{% if lead\.phone %\} not closed/,
    },
    {
      name: 'a missing subject',
      source: '---\npreheader: Hello\n---\n' + mjml('<mj-text>Hi</mj-text>'),
      line: 1,
      reason: /the front matter lacks subject/,
    },
    {
      name: 'a malformed front matter line',
      source: '---\nsubject: Hi\npreheader Hello\n---\n' + mjml('<mj-text>Hi</mj-text>'),
      line: 3,
      reason: /expected "name: value", found "preheader Hello"/,
    },
    {
      name: 'a front matter field the kind does not take',
      source: '---\nsubject: Hi\npreheader: Hello\ndelay: P2D\n---\n' + mjml('<mj-text>Hi</mj-text>'),
      line: 4,
      reason: /unknown front matter field delay: a handoff template takes subject, preheader/,
    },
  ])('fails on $name with file, line and reason', async ({ source, line, reason }) => {
    const problems = await check({ 'handoff/broken.mjml': source });

    expect(problems).toContainEqual({ file: join('templates', 'handoff', 'broken.mjml'), line, reason: expect.stringMatching(reason) });
  });

  it('checks the front matter of a nurture step: delay and conditions', async () => {
    const step = (delay: string, condition: string) =>
      `---\nsubject: A tip for {{ lead.firstName | default: "you" }}\npreheader: Tip one\ndelay: ${delay}\nconditions:\n  - ${condition}\n---\n` +
      mjml('<mj-text>Hi <a href="{{ links.unsubscribeUrl }}">Unsubscribe</a> {{ company.postalAddress }}</mj-text>');

    expect(await check({ 'nurture/warm/01-tip.mjml': step('P2D', 'lead.country == "DE"') })).toEqual([]);
    expect(await check({ 'nurture/warm/01-tip.mjml': step('2 days', 'lead.country == "DE"') })).toEqual([
      expect.objectContaining({ line: 4, reason: expect.stringMatching(/delay must be an ISO 8601 duration/) }),
    ]);
    expect(await check({ 'nurture/warm/01-tip.mjml': step('P2D', 'lead.score > 10') })).toEqual([
      expect.objectContaining({ line: 6, reason: expect.stringMatching(/unknown variable lead\.score/) }),
    ]);
  });

  it('refuses a template outside a kind folder', async () => {
    const problems = await check({ 'welcome.mjml': frontMatter + mjml('<mj-text>Hi</mj-text>'), 'forms/lead-form.html': '<form></form>' });

    expect(problems).toEqual([expect.objectContaining({ file: join('templates', 'welcome.mjml'), reason: expect.stringMatching(/folder named for its kind/) })]);
  });

  it('npm run templates:check exits 1 and prints file:line: reason', async () => {
    const root = join(await mkdtemp(join(tmpdir(), 'stoke-templates-')), 'templates');
    await mkdir(join(root, 'handoff'), { recursive: true });
    await writeFile(join(root, 'handoff', 'typo.mjml'), frontMatter + mjml('<mj-text>{{ rep.nmae }}</mj-text>'));

    const run = spawnSync(process.execPath, ['--import', 'tsx', 'infra/templates/build-templates.ts', '--check', root], { encoding: 'utf8' });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${join('templates', 'handoff', 'typo.mjml')}:9: unknown variable rep.nmae`);
  });
});
