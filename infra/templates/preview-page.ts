import { nurtureSequences } from '../../functions/email/nurture-sequences.ts';
import type { CompiledTemplate } from '../../functions/email/packed-templates.ts';
import { compiledConditionsHold, type RenderedEmail, renderCompiled } from '../../functions/email/render-email.ts';
import type { TemplateKindName } from '../../functions/email/template-variables.ts';
import { type CompiledTemplates, formatProblem, type TemplateProblem } from './compile-templates.ts';
import type { CompanySource, PreviewCompany } from './preview-company.ts';
import { sampleLeadsFor } from './preview-samples.ts';

/**
 * What the preview shows: the latest compile of templates/, and its version for the live reload;
 * `company` is who the emails are sent as (previewCompany()), with where each value comes from.
 */
export type PreviewState = { version: string; checkedAt: Date; templates: CompiledTemplates; problems: TemplateProblem[]; company: PreviewCompany };

// In the order a marketer cares about them, with words instead of folder names.
const kindTitles: Record<TemplateKindName, string> = {
  nurture: 'Nurture tips: the sequences leads get after they sign up',
  subscription: 'Subscription: the email that asks a new lead to confirm',
  handoff: 'Handoff: emails to sales reps about hot leads',
  review: 'Review: the weekly lead review each sales manager gets',
  plans: "Contact plans: each rep's morning list of the day's touches",
  alerts: "Alerts: what every manager is told when marketing email is paused or a colleague's email fails",
};

/** Where a template sits in its track, for nurture steps. */
type Place = { track: string; step: number; steps: number; delay: string; conditions: string[] };

export function overviewPage(state: PreviewState): string {
  const places = placesOf(state.templates);
  const sections = Object.entries(kindTitles).map(([kind, title]) => {
    const ids = inOverviewOrder(state.templates).filter((id) => state.templates[id]!.kind === kind);
    if (kind !== 'nurture') return `<h2>${escape(title)}</h2>${templateTable(state, ids, places)}`;
    const tracks = nurtureSequences(state.templates);
    const tables = [...tracks].map(([track, steps]) => `<h3>Track “${escape(track)}” · ${steps.length} steps</h3>${templateTable(state, steps.map((step) => step.templateId), places)}`);
    return `<h2>${escape(title)}</h2>${tables.join('') || '<p>No nurture steps yet.</p>'}`;
  });
  const intro = `<p class="intro">Every email Stoke sends, built from the files in <code>templates/</code>. Click one to see it with sample leads, on a computer and on a phone.
    Edit a file and save it: this page checks the templates again and updates by itself.</p>`;
  return page('Email preview', state, `<main>${intro}<h2>Sent as</h2>${companyFacts(state.company)}${sections.join('')}</main>`);
}

export function templatePage(state: PreviewState, id: string): string | undefined {
  const template = state.templates[id];
  const ownProblems = state.problems.filter((problem) => problem.file.replace(/\\/g, '/').endsWith(`/${id}.mjml`));
  if (!template && !ownProblems.length) return undefined;
  if (!template) return page(id, state, `<main><nav><a href="/">← All emails</a></nav><h2>${escape(id)}</h2><p>This email cannot be shown until the problems above are fixed.</p></main>`);
  const ids = inOverviewOrder(state.templates);
  const [previous, next] = [ids[ids.indexOf(id) - 1], ids[ids.indexOf(id) + 1]];
  const nav = `<nav><a href="/">← All emails</a>${previous ? ` <a href="/t/${escape(previous)}">‹ ${escape(previous)}</a>` : ''}${next ? ` <a href="/t/${escape(next)}">${escape(next)} ›</a>` : ''}</nav>`;
  const place = placesOf(state.templates).get(id);
  const samples = sampleLeadsFor(state.company.company)[template.kind as TemplateKindName].map((sample) => sampleSection(template, id, sample.label, withPlace(sample.variables, place)));
  return page(id, state, `<main>${nav}<h2>${escape(id)}</h2>${facts(id, place)}${companyFacts(state.company)}${samples.join('')}</main>`);
}

function inOverviewOrder(templates: CompiledTemplates): string[] {
  const kinds = Object.keys(kindTitles);
  return Object.keys(templates).sort((a, b) => kinds.indexOf(templates[a]!.kind) - kinds.indexOf(templates[b]!.kind) || (a < b ? -1 : 1));
}

function templateTable(state: PreviewState, ids: string[], places: Map<string, Place>): string {
  const rows = ids.map((id) => {
    const place = places.get(id);
    const when = place ? `<td>${escape(delayInWords(place.delay, place.step === 1))}</td><td>${conditionsList(place.conditions)}</td>` : '';
    return `<tr><td><a href="/t/${escape(id)}">${escape(id)}</a></td>${when}<td>${escape(state.templates[id]!.frontMatter.subject)}</td></tr>`;
  });
  const head = ids.some((id) => places.has(id)) ? '<th>Email</th><th class="when">Sent</th><th class="only-if">Only if</th><th>Subject</th>' : '<th>Email</th><th>Subject</th>';
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function facts(id: string, place: Place | undefined): string {
  const rows = [['File', `<code>templates/${escape(id)}.mjml</code>`]];
  if (place) {
    rows.push(['Track', `${escape(place.track)}, step ${place.step} of ${place.steps}`]);
    rows.push(['Sent', escape(delayInWords(place.delay, place.step === 1))]);
    rows.push(['Only if', conditionsList(place.conditions)]);
  }
  return `<dl class="facts">${rows.map(([name, value]) => `<dt>${name}</dt><dd>${value}</dd>`).join('')}</dl>`;
}

// Which company the samples are sent as, and why: a marketer must not mistake the sample address for the configured one.
function companyFacts({ company, sources }: PreviewCompany): string {
  const row = (label: string, value: string, source: CompanySource) => `<dt>${label}</dt><dd>${escape(value)} <span class="source">(${sourceInWords(source)})</span></dd>`;
  return `<dl class="facts company">${row('Company name', company.name, sources.name)}${row('Postal address', company.postalAddress, sources.postalAddress)}</dl>`;
}

function sourceInWords(source: CompanySource): string {
  const setting = `<code>${escape(source.setting)}</code>`;
  if (source.from === 'setting') return `from the ${setting} setting`;
  if (source.invalid) return `sample value: ${setting} is set but refused: ${escape(source.invalid)}`;
  return `sample value: ${setting} is not set`;
}

function sampleSection(template: CompiledTemplate, id: string, label: string, variables: Record<string, unknown>): string {
  let email: RenderedEmail;
  let sent: boolean;
  try {
    email = renderCompiled(template, variables);
    sent = compiledConditionsHold(template, variables);
  } catch (error) {
    return `<section class="sample"><h3>${escape(label)}</h3><p class="problem">Could not fill in this email: ${escape((error as Error).message)}</p></section>`;
  }
  const verdict = sent ? '' : '<p class="skipped">Not sent to this lead: a condition under “Only if” does not hold. Shown anyway.</p>';
  const frame = (width: number, name: string) =>
    `<figure><figcaption>${name} · ${width} px</figcaption><iframe title="${escape(`${id}, ${label}, ${name}`)}" width="${width}" height="600" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox" onload="fit(this)" srcdoc="${escape(linksInNewTab(email.html))}"></iframe></figure>`;
  return `<section class="sample"><h3>${escape(label)}</h3>${verdict}
    <dl class="envelope"><dt>Subject</dt><dd>${escape(email.subject)}</dd><dt>Preview text</dt><dd>${escape(email.preheader)}</dd></dl>
    <div class="frames">${frame(640, 'Computer')}${frame(375, 'Phone')}<figure class="text"><figcaption>Plain-text version</figcaption><pre>${escape(email.text)}</pre></figure></div></section>`;
}

function placesOf(templates: CompiledTemplates): Map<string, Place> {
  const places = new Map<string, Place>();
  for (const [track, steps] of nurtureSequences(templates)) {
    steps.forEach(({ templateId, delay, conditions }, index) => places.set(templateId, { track, step: index + 1, steps: steps.length, delay, conditions }));
  }
  return places;
}

// A step prints the `sequence` the sender passes with it.
function withPlace(variables: Record<string, unknown>, place: Place | undefined): Record<string, unknown> {
  return place ? { ...variables, sequence: { track: place.track, step: place.step, steps: place.steps } } : variables;
}

function conditionsList(conditions: readonly string[]): string {
  return conditions.length ? conditions.map((condition) => `<code>${escape(condition)}</code>`).join('<br>') : 'always';
}

const units = [['W', 'week'], ['D', 'day'], ['H', 'hour'], ['M', 'minute'], ['S', 'second']] as const;

/** `P14D` → "14 days after the previous step". */
export function delayInWords(delay: string, first: boolean): string {
  const [date = '', time = ''] = delay.slice(1).split('T');
  const parts = units.flatMap(([letter, unit]) => {
    const amount = /^[WD]$/.test(letter) ? new RegExp(`(\\d+)${letter}`).exec(date)?.[1] : new RegExp(`(\\d+)${letter}`).exec(time)?.[1];
    return amount ? [`${Number(amount)} ${unit}${amount === '1' ? '' : 's'}`] : [];
  });
  return `${parts.join(' ') || 'right away'} after ${first ? 'joining the track' : 'the previous step'}`;
}

// Inside the preview's frame a click would replace the email; in a new tab it leaves the preview as it is.
function linksInNewTab(html: string): string {
  return html.replace(/<head([^>]*)>/i, '<head$1><base target="_blank">');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function page(title: string, state: PreviewState, body: string): string {
  const problems = state.problems.length
    ? `<section class="problems"><h2>${state.problems.length} problem${state.problems.length === 1 ? '' : 's'} to fix</h2>
       <p>An email with a problem is not sent and cannot be shown. Each line says the file, the line in it, and what is wrong.</p>
       <ul>${state.problems.map((problem) => `<li><code>${escape(formatProblem(problem))}</code></li>`).join('')}</ul></section>`
    : '';
  const status = state.problems.length ? `<span class="bad">${state.problems.length} problem${state.problems.length === 1 ? '' : 's'}</span>` : '<span class="good">All emails pass the check</span>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)} · Stoke email preview</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${css}</style>
<script>
// Height 0 first: a frame never reports less than its current height.
function fit(frame) { frame.style.height = '0'; frame.style.height = frame.contentDocument.documentElement.scrollHeight + 'px'; }
const events = new EventSource('/events');
events.onmessage = (event) => { if (event.data !== ${JSON.stringify(state.version)}) location.reload(); };
events.onerror = () => document.body.classList.add('offline');
events.onopen = () => document.body.classList.remove('offline');
</script></head>
<body><header><h1><a href="/">Stoke email preview</a></h1>${status}<span class="checked">checked ${state.checkedAt.toLocaleTimeString('en-GB')}</span></header>
<p class="offline-note">The preview has stopped. Start it again with <code>npm run templates:preview</code>; this page reconnects by itself.</p>
${problems}${body}</body></html>`;
}

const css = `
body { margin: 0; font: 15px/1.5 -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; color: #1f2933; background: #f8fafc; }
header { display: flex; gap: 16px; align-items: baseline; padding: 12px 24px; background: #0f172a; color: #e2e8f0; position: sticky; top: 0; z-index: 1; }
header h1 { font-size: 18px; margin: 0; } header h1 a { color: inherit; text-decoration: none; }
.good { color: #86efac; } .bad { color: #fca5a5; font-weight: 700; } .checked { color: #94a3b8; font-size: 13px; margin-left: auto; }
main { padding: 8px 24px 48px; } h2 { margin: 28px 0 8px; } h3 { margin: 20px 0 6px; }
.intro { max-width: 760px; } .source { color: #64748b; font-size: 13px; }
table { border-collapse: collapse; background: #fff; box-shadow: 0 1px 2px #0001; width: 100%; max-width: 1280px; table-layout: fixed; }
th:first-child { width: 28%; } th.when { width: 20%; } th.only-if { width: 16%; }
th, td { text-align: left; padding: 6px 12px; overflow-wrap: anywhere; border-bottom: 1px solid #e2e8f0; vertical-align: top; } th { font-size: 13px; color: #64748b; }
a { color: #1d4ed8; } code { font-size: 13px; }
nav { display: flex; gap: 16px; margin-top: 16px; }
dl.facts, dl.envelope { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0; } dt { color: #64748b; }
dl.envelope dd { margin: 0; font-weight: 600; } dl.facts dd { margin: 0; }
.sample { border-top: 1px solid #cbd5e1; margin-top: 24px; }
.frames { display: flex; flex-wrap: wrap; gap: 20px; align-items: flex-start; }
figure { margin: 0; } figcaption { font-size: 13px; color: #64748b; margin-bottom: 4px; }
iframe { border: 1px solid #cbd5e1; background: #fff; display: block; }
figure.text { flex: 1 1 280px; max-width: 560px; } pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #fff; border: 1px solid #cbd5e1; padding: 12px; margin: 0; font-size: 13px; }
.problems { margin: 16px 24px 0; padding: 4px 16px 8px; background: #fef2f2; border: 1px solid #fca5a5; } .problems h2 { margin-top: 8px; color: #991b1b; }
.problem, .skipped { padding: 8px 12px; background: #fffbeb; border: 1px solid #fcd34d; display: inline-block; }
.offline-note { display: none; margin: 0; padding: 8px 24px; background: #fef3c7; } .offline .offline-note { display: block; }
`;
