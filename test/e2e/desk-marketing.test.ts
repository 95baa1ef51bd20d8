import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDevToken } from '../../infra/local/dev-tokens.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import type { SentMessage } from '../../infra/local/ses.ts';
import { launchBrowser } from '../support/browser.ts';
import { localApi } from '../support/local-api.ts';
import { pauseMarketing } from '../support/paused-marketing.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

// Marketing's pages of the desk, in Chromium against the local runtime: a warm lead gets its first tip,
// a person opens it and a security scanner follows its link, and the pages show what became of it.
let runtime: LocalRuntime;
let browser: Browser;
let marketer: string;
let anna: string;
const api = localApi(() => runtime);
let tip: SentMessage;
/** What the browser said went wrong on any page: Content-Security-Policy violations and script errors. */
const problems: string[] = [];
// A scanner's user agent with markup in it: the desk must show it as the text it is.
const scanner = 'Mozilla/5.0 (compatible; Barracuda Sentinel) <img src=x id=injected>';
const person = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

beforeAll(async () => {
  // Monday 23 November 2026, 08:00 UTC.
  [runtime, browser] = await Promise.all([startTestRuntime('desk-marketing', new Date('2026-11-23T08:00:00Z')), launchBrowser()]);
  [marketer, anna] = await Promise.all([issueDevToken('marketing@stoke.example', ['marketing']), issueDevToken('anna.schmidt@stoke.example', ['rep'])]);
  // Warm, consenting, in the US (no double opt-in): nurture's warm track, from a LinkedIn campaign.
  const { leadId } = (
    await api('POST', '/leads', undefined, {
      email: 'mia@contoso-retail.com', firstName: 'Mia', company: 'Contoso', authority: 'influencer', timeline: '6m', consent: true, country: 'US', timezone: 'America/New_York',
      utm_source: 'linkedin', utm_campaign: 'autumn-webinar',
    })
  ).body;
  // The first tip goes out a day later, in the lead's next send window.
  await api('POST', '/_local/clock', undefined, { advance: 'P3D' });
  tip = runtime.ses.sent().find((message) => message.tags.some((t) => t.name === 'leadId' && t.value === leadId))!;
  expect(tip).toBeDefined();
  expect((await api('POST', '/_local/ses-events', undefined, { messageId: tip.messageId, type: 'delivery' })).status).toBe(202);
  // An hour later Mia reads it; a security gateway follows its link.
  await api('POST', '/_local/clock', undefined, { advance: 'PT1H' });
  expect((await api('POST', '/_local/ses-events', undefined, { messageId: tip.messageId, type: 'open', userAgent: person, ip: '203.0.113.7' })).status).toBe(202);
  expect((await api('POST', '/_local/ses-events', undefined, { messageId: tip.messageId, type: 'click', link: 'https://stoke.example/guides/speed-to-lead', userAgent: scanner, ip: '198.51.100.20' })).status).toBe(202);
  // Later that day she unsubscribes through the email's own link (SES's subscription event).
  await api('POST', '/_local/clock', undefined, { advance: 'PT2H' });
  expect((await api('POST', '/_local/ses-events', undefined, { messageId: tip.messageId, type: 'subscription' })).status).toBe(202);
  expect(runtime.deadLetters.entries).toEqual([]);
});
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

async function signedInAs(name: string, width = 1280): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on('console', (message) => {
    const text = message.text();
    // A refused request (the 403s below) is logged by the browser; Playwright's own helpers are refused by the email frames' sandbox, as any script is.
    if (message.type() === 'error' && !text.startsWith('Failed to load resource') && !text.startsWith("Blocked script execution in 'about:srcdoc'")) problems.push(text);
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${runtime.apiUrl}/desk/`);
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  // The desk's own bar: the sign-in page has been left.
  await page.getByRole('navigation', { name: 'Desk' }).waitFor();
  await page.locator('main h1').first().waitFor();
  return page;
}

/** The figure labelled `label` of a definition list inside `scope`. */
const figure = (scope: ReturnType<Page['locator']>, label: string) => scope.locator('dl > div').filter({ has: scope.page().getByText(label, { exact: true }) }).locator('dd');

describe("marketing's pages in the desk", () => {
  it('lands a marketer on the journeys, where the tip shows sent 1 and opened 1, the scanner’s click kept apart, and links to the email', async () => {
    const page = await signedInAs('Marketing (sample)');
    // Lands on the journeys, with nothing of the sales desk offered.
    await page.getByRole('heading', { name: 'Journeys', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/desk/marketing');
    expect(await page.getByRole('navigation', { name: 'Desk' }).getByRole('link').allTextContents()).toEqual(['Marketing']);
    expect(await page.getByRole('navigation', { name: 'Marketing' }).getByRole('link').allTextContents()).toEqual(['Journeys', 'Machine filter', 'Funnel', 'Consent', 'Tips', 'Scoring']);

    const warm = page.getByRole('region', { name: 'Warm track' });
    const step = warm.getByRole('article', { name: new RegExp(`^Step 1: ${escape(tip.subject)}`) });
    await step.waitFor();
    expect(await figure(step, 'Sent').textContent()).toBe('1');
    expect(await figure(step, 'Delivered').textContent()).toBe('1 (100% of sent)');
    expect(await figure(step, 'Opened by a person').textContent()).toBe('1 (100% of delivered)');
    expect(await figure(step, 'Clicked by a person').textContent()).toBe('0 (0% of delivered)');
    expect(await figure(step, 'Unsubscribed').textContent()).toBe('1 (100% of delivered)');
    expect(await step.getByText('Sent 1 day after the lead joins the track.').count()).toBe(1);
    // The scanner's click is not a person's: it is in the disclosure, with its reason.
    await step.getByText('Machine opens and clicks left out: 0 opens, 1 click').click();
    expect(await step.getByRole('row', { name: /Security scanner or script/ }).getByRole('cell').allTextContents()).toEqual(['0', '1']);
    // Journeys for another period: the figures of a week without tips.
    await page.getByLabel('From', { exact: true }).fill('2026-11-01');
    await page.getByLabel('To', { exact: true }).fill('2026-11-07');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByText('Figures for 1 Nov to 7 Nov 2026').waitFor();
    expect(new URL(page.url()).search).toBe('?from=2026-11-01&to=2026-11-07');
    expect(await warm.getByRole('article', { name: new RegExp(`^Step 1: ${escape(tip.subject)}`) }).getByText('None sent in this period.').count()).toBe(1);
    await page.goBack();
    await page.getByText('Figures for 30 Oct to 26 Nov 2026').waitFor();

    // The step's link opens its email on the Tips page, rendered in a sandboxed frame.
    await step.getByRole('link', { name: 'See the email of step 1' }).click();
    await page.getByRole('heading', { name: `Tip 1: ${tip.subject}`, level: 2 }).waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search + new URL(page.url()).hash).toBe('/desk/marketing/tips?track=warm#tip-1');
    const frame = page.getByTitle('Tip 1 as a lead sees it, desktop width', { exact: true });
    expect(await frame.getAttribute('sandbox')).toBe('allow-same-origin');
    expect(await frame.getAttribute('width')).toBe('620');
    await page.frameLocator('iframe[title="Tip 1 as a lead sees it, desktop width"]').getByText('A follow-up tip from').first().waitFor();
    // Its styles are applied (through the CSSOM: the desk's policy refuses inline styles).
    const background = await page.frameLocator('iframe[title="Tip 1 as a lead sees it, desktop width"]').locator('body').evaluate((body) => (globalThis as unknown as { getComputedStyle(element: unknown): { backgroundColor: string } }).getComputedStyle(body).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
    expect(await page.getByTitle('Tip 1 as a lead sees it, phone width', { exact: true }).getAttribute('width')).toBe('375');
    await page.getByText('Plain-text version of tip 1', { exact: true }).click();
    expect(await page.locator('#tip-1 pre').textContent()).toContain('Hi Ada');
    await page.close();
    expect(problems).toEqual([]);
  }, 60_000);

  it("shows the scanner's click on the machine filter page with its reason, a sample of it as text, and the rules as data", async () => {
    const page = await signedInAs('Marketing (sample)');
    await page.getByRole('navigation', { name: 'Marketing' }).getByRole('link', { name: 'Machine filter' }).click();
    await page.getByRole('heading', { name: 'Machine filter', level: 1 }).waitFor();
    const clicks = page.getByRole('region', { name: 'Machine clicks' });
    await expect.poll(() => clicks.textContent()).toContain('100%');
    expect(await clicks.textContent()).toContain('1 of 1 click left out as a machine’s; 0 were a person’s.');
    expect(await page.getByRole('region', { name: 'Machine opens' }).textContent()).toContain('0 of 1 open left out');

    const samples = page.getByRole('region', { name: 'Security scanner or script (1 example)' });
    const sample = samples.getByRole('row', { name: /^Click, / });
    const cells = await sample.getByRole('cell').allTextContents();
    expect(cells).toEqual([scanner, '198.51.100.20', 'https://stoke.example/guides/speed-to-lead', `user agent "${scanner}" matches the scanner pattern "barracuda"`, expect.stringContaining(tip.messageId)]);
    // Text, never markup: the user agent's <img> is not an element of the page.
    expect(await page.locator('#injected').count()).toBe(0);
    // The week table and the rules
    expect(await page.getByRole('row', { name: /^2026-W48/ }).first().getByRole('cell').allTextContents()).toEqual(['1', '0 (0%)', '', '1', '1 (100%)', '']);
    expect(await page.getByRole('list', { name: 'Scanner patterns' }).getByRole('listitem').allTextContents()).toContain('barracuda');
    await page.getByText('A click less than 10 seconds after the email was delivered is a mail gateway checking the link, unless a person opened the email first.').waitFor();
    const relay = page.getByRole('row', { name: /^apple-icloud-private-relay/ });
    expect(await relay.getByRole('cell').allTextContents()).toEqual([expect.stringMatching(/^Apple/), 'opens', expect.stringMatching(/^\d+ \(sample\)$/), expect.stringMatching(/^2026-/)]);
    await page.close();
    expect(problems).toEqual([]);
  }, 60_000);

  it('shows the lead in the funnel under its source and campaign, downloads the CSV, and shows Stoke’s refusal of a period beside the date', async () => {
    const page = await signedInAs('Marketing (sample)');
    await page.goto(`${runtime.apiUrl}/desk/marketing/funnel`);
    await page.getByRole('heading', { name: 'Funnel', level: 1 }).waitFor();
    const bySource = page.getByRole('region', { name: 'By source and campaign' });
    const row = bySource.getByRole('row', { name: /^linkedin/ });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[0]).toBe('autumn-webinar');
    expect(cells[1]).toBe('1');
    // Warm at capture: all of the captured; nurtured: all of them too (a share of the stage before would mislead there, so Stoke gives none).
    expect(cells[2]).toBe('1100% of captured100% from before');
    expect(cells[3]).toMatch(/^1100% of captured– from before/);
    expect((await bySource.getByRole('row').nth(1).textContent())?.startsWith('All sourcesAll campaigns1')).toBe(true);

    const shown = (await page.getByText(/^Figures for /).textContent())!;
    const [download] = await Promise.all([page.waitForEvent('download'), bySource.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^funnel-\d{4}-\d{2}-\d{2}-to-2026-11-26\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^Source,Campaign,Captured,/);
    expect(csv).toContain('\r\nlinkedin,autumn-webinar,1,100,');
    expect(shown).toContain('26 Nov 2026');

    // From after to: the field says so.
    await page.goto(`${runtime.apiUrl}/desk/marketing/funnel?from=2026-12-01&to=2026-11-01`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('From', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#period-from-error').textContent()).toBe('From: must not be after to');
    expect(await page.getByLabel('From', { exact: true }).getAttribute('aria-describedby')).toBe('period-from-error');
    await page.close();
    expect(problems).toEqual([]);
  }, 60_000);

  it('shows the unsubscribe in the consent report, in its week and in the total', async () => {
    const page = await signedInAs('Marketing (sample)');
    await page.getByRole('navigation', { name: 'Marketing' }).getByRole('link', { name: 'Consent' }).click();
    await page.getByRole('heading', { name: 'Consent', level: 1 }).waitFor();
    const left = page.getByRole('region', { name: 'Left marketing email in the period' });
    await left.waitFor();
    expect(await figure(left, 'Unsubscribed').textContent()).toBe('1');
    expect(await figure(left, 'Bounced for good').textContent()).toBe('0');
    // Mia is in the US: nobody was asked to confirm an address.
    expect(await figure(page.getByRole('region', { name: 'Asked to confirm their address' }), 'Asked').textContent()).toBe('0');
    expect(await page.getByRole('row', { name: /^2026-W48/ }).getByRole('cell').allTextContents()).toEqual(['1', '0', '0', '0', '0', '0', '0', '0']);
    expect(await page.getByRole('row', { name: /^The period/ }).getByRole('cell').first().textContent()).toBe('1');
    await page.close();
    expect(problems).toEqual([]);
  });

  it('shows which signals predict a sale (not enough outcomes yet), refuses a broken candidate by its path, and backtests the fixed one beside the current model', async () => {
    const page = await signedInAs('Marketing (sample)');
    const backtests: string[] = [];
    page.on('request', (request) => void (request.url().endsWith('/marketing/scoring/backtest') && backtests.push(request.method())));
    await page.getByRole('navigation', { name: 'Marketing' }).getByRole('link', { name: 'Scoring' }).click();
    await page.getByRole('heading', { name: 'Scoring', level: 1 }).waitFor();

    // Which signals predict a sale, over Stoke's default quarter: Mia's answers fired their rules, and one lead is no evidence.
    const signals = page.getByRole('region', { name: 'Which signals predict a sale' });
    await signals.waitFor();
    await page.getByText('Leads captured 28 Aug to 26 Nov 2026: whole days in UTC, both included.').waitFor();
    expect(await signals.textContent()).toContain('1 lead captured in the period was read with its outcome; 0 purchased.');
    await signals.getByText(/A verdict needs at least 30 leads on each side \(those the rule fired on, and the others\) and 5 purchases on each side/).waitFor();
    const influencer = signals.getByRole('table', { name: /^Fit rules/ }).getByRole('row', { name: /^authority: influencer/ });
    expect(await influencer.getByRole('cell').allTextContents()).toEqual(['+15', '1', '0% (0 of 1)', '– (0 of 0)', '–', expect.stringMatching(/^Not enough outcomes yet: it fired on 1 lead/)]);
    // Her open was a person's; she never wrote in again, and a rule that fired on nobody is named apart.
    expect(await signals.getByRole('table', { name: /^Engagement/ }).getByRole('row', { name: /^open/ }).getByRole('cell').nth(1).textContent()).toBe('1');
    expect(await signals.getByRole('region', { name: 'Engagement, before the outcome' }).getByText(/^Fired on no lead in the period, so nothing to measure: .*re-inquiry \(\+\d+\)/).count()).toBe(1);

    // A suggested model: with no purchase there is nothing to learn from, so every rule keeps its points; never applied.
    const suggestion = page.getByRole('region', { name: 'A suggested model' });
    await suggestion.getByText('Stoke never applies a model by itself: shipping one is a change to functions/scoring/ and a deploy.').waitFor();
    expect(await suggestion.getByRole('row', { name: /^budget: 250k-plus/ }).getByRole('cell').allTextContents()).toEqual(['+25', '+25', 'kept: 0 of 1 leads purchased: no contrast to learn from']);
    const [download] = await Promise.all([page.waitForEvent('download'), suggestion.getByRole('button', { name: 'Download the suggested model (JSON)' }).click()]);
    expect(download.suggestedFilename()).toBe('scoring-model-2026-11-22-suggested.json');
    expect(JSON.parse(await readFile((await download.path())!, 'utf8'))).toMatchObject({ version: '2026-11-22-suggested', thresholds: { hot: 60, warm: 20 } });
    const box = page.getByLabel('Candidate model (JSON)');
    await suggestion.getByRole('button', { name: 'Try it below' }).click();
    await expect.poll(() => box.inputValue()).toContain('"version": "2026-11-22-suggested"');

    // Try a scoring change: start from the current model.
    await page.getByRole('button', { name: 'Start from the current model' }).click();
    await page.getByRole('status').filter({ hasText: 'In the box: the current model, version 2026-11-22.' }).waitFor();
    const current = JSON.parse(await box.inputValue()) as { version: string; rules: Array<Record<string, unknown>> };
    expect(current.rules[3]).toMatchObject({ id: 'need', points: 10 });
    // Not JSON: said at the box, and nothing is sent.
    await box.fill('{ "version": "need-12", ');
    await page.getByRole('button', { name: 'Run the backtest' }).click();
    await page.getByRole('alert').filter({ hasText: 'The backtest did not run' }).waitFor();
    expect(await page.locator('#candidate-model-error').textContent()).toContain('This is not valid JSON, so nothing was sent');
    expect(backtests).toEqual([]);
    // A rule's points as words: Stoke's schema refuses it, by its path, beside the box and in the summary, which takes the focus.
    await box.fill(JSON.stringify({ ...current, version: 'need-12', rules: current.rules.map((rule, n) => (n === 3 ? { ...rule, points: 'twelve' } : rule)) }, null, 2));
    await page.getByRole('button', { name: 'Run the backtest' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'The backtest did not run' });
    await summary.getByRole('link', { name: /^model\.rules\.3\.points \(rule “need”\): / }).waitFor();
    expect(backtests).toEqual(['POST']);
    await page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id === 'backtest-problem');
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect((await box.getAttribute('aria-describedby'))?.split(' ')).toContain('candidate-model-error');
    expect(await page.locator('#candidate-model-error').textContent()).toMatch(/model\.rules\.3\.points \(rule “need”\): \S/);

    // Fixed: the backtest runs, the current model beside the candidate, in a table and a chart.
    await box.fill(JSON.stringify({ ...current, version: 'need-12', rules: current.rules.map((rule, n) => (n === 3 ? { ...rule, points: 12 } : rule)) }, null, 2));
    await page.getByRole('button', { name: 'Run the backtest' }).click();
    const result = page.getByRole('region', { name: /^Backtest of need-12: leads captured 28 Aug to 26 Nov 2026/ });
    await result.waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'The backtest did not run' }).count()).toBe(0);
    expect(await box.getAttribute('aria-invalid')).toBeNull();
    expect(await result.textContent()).toContain('Read 1 lead with its outcome: 0 purchased, 0 not interested, 0 still with sales, 1 with no outcome yet. None was skipped.');
    const comparison = result.getByRole('table', { name: /^Hot at capture: the current model beside the candidate/ });
    expect(await comparison.getByRole('columnheader').allTextContents()).toEqual(['At capture', 'Current modelversion 2026-11-22', 'Candidateversion need-12']);
    expect(await comparison.getByRole('row', { name: /^Hot threshold/ }).getByRole('cell').allTextContents()).toEqual(['60', '60']);
    expect(await comparison.getByRole('row', { name: /^Hot at capture/ }).getByRole('cell').allTextContents()).toEqual(['0', '0']);
    expect(await comparison.getByRole('row', { name: /^Precision/ }).getByRole('cell').allTextContents()).toEqual(['–', '–']);
    expect(await result.getByRole('table', { name: /^How long the 0 purchasers waited for a handoff to sales, from capture: the current model and the candidate replayed/ }).getByRole('row', { name: /^Median/ }).getByRole('cell').allTextContents()).toEqual(['–', '–', '–']);
    // Mia scores between 30 and 40 under both: hot at 30, and not a purchaser (precision 0%); with no purchaser, no recall.
    const chart = (measure: string) => result.getByRole('img', { name: `${measure} of “hot” at thresholds 30 to 90: Current model (2026-11-22) and Candidate (need-12)` });
    expect(await chart('Precision').locator('desc').textContent()).toMatch(/^Current model \(2026-11-22\): 0% at 30, – at 40, .*Candidate \(need-12\): 0% at 30, – at 40,/);
    expect(await chart('Recall').locator('desc').textContent()).toMatch(/^Current model \(2026-11-22\): – at 30, – at 40,/);
    await result.getByText('The chart’s figures as a table').click();
    const curve = result.getByRole('table', { name: /^Leads hot at capture, precision and recall at each hot threshold/ });
    expect(await curve.getByRole('row', { name: /^30 / }).getByRole('cell').allTextContents()).toEqual(['1', '0%', '–', '1', '0%', '–']);
    expect(await curve.getByRole('row', { name: /^40 / }).getByRole('cell').allTextContents()).toEqual(['0', '–', '–', '0', '–', '–']);
    await page.close();
    expect(problems).toEqual([]);
  }, 60_000);

  it('offers a manager the marketing pages beside the team’s', async () => {
    const page = await signedInAs('maria.keller@stoke.example');
    expect(await page.getByRole('navigation', { name: 'Desk' }).getByRole('link').allTextContents()).toEqual(['My leads', 'Team', 'Review', 'Roster', 'Marketing']);
    await page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Marketing' }).click();
    await page.getByRole('heading', { name: 'Journeys', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Warm track' }).waitFor();
    expect((await api('GET', '/marketing/journey', await issueDevToken('maria.keller@stoke.example', ['manager']))).status).toBe(200);
    await page.close();
  });

  it('shows marketing paused on every marketing page, to a marketer without the button, and a manager resumes it with one', async () => {
    await pauseMarketing(runtime, { sends: 120, bounces: 7, waiting: [tip.tags.find((t) => t.name === 'leadId')!.value] });

    const watching = await signedInAs('Marketing (sample)');
    const banner = watching.getByRole('alert').filter({ hasText: 'Marketing email is paused' });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/7 permanent bounces in 120 sends over the last 7 days \(5\.83%\) reached Stoke’s limit of 3%/);
    expect(await banner.textContent()).toContain('1 tip or confirmation waits; nothing is lost or skipped. Sales email');
    expect(await banner.getByRole('button').count()).toBe(0);
    await watching.getByRole('navigation', { name: 'Marketing' }).getByRole('link', { name: 'Funnel' }).click();
    await watching.getByRole('heading', { name: 'Funnel', level: 1 }).waitFor();
    await watching.getByRole('alert').filter({ hasText: 'Marketing email is paused' }).waitFor();
    expect((await api('POST', '/marketing/sending/resume', marketer)).status).toBe(403);
    await watching.close();

    const page = await signedInAs('maria.keller@stoke.example');
    await page.goto(`${runtime.apiUrl}/desk/marketing`);
    await page.getByRole('button', { name: 'Resume marketing email' }).click();
    await page.getByRole('status').filter({ hasText: 'Marketing email resumed' }).waitFor();
    expect((await api('GET', '/marketing/sending', marketer)).body).toMatchObject({ status: 'running', resumed: { by: 'maria.keller@stoke.example' }, waiting: 0 });
    await page.reload();
    await page.getByRole('heading', { name: 'Journeys', level: 1 }).waitFor();
    expect(await page.getByText('Marketing email is paused').count()).toBe(0);
    await page.close();
  });

  it("gives a rep no marketing pages: no link, the API's 403, and a rep's first page loads none of their code", async () => {
    expect((await api('GET', '/marketing/journey', anna)).status).toBe(403);
    expect((await api('GET', '/marketing/funnel?format=csv', anna)).status).toBe(403);
    expect((await api('GET', '/marketing/journey', marketer)).status).toBe(200);

    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    const scripts: string[] = [];
    page.on('request', (request) => void (request.resourceType() === 'script' && scripts.push(request.url())));
    await page.goto(`${runtime.apiUrl}/desk/`);
    await page.getByRole('button', { name: 'Sign in as Anna Schmidt' }).click();
    await page.getByRole('heading', { name: 'My leads' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Desk' }).getByRole('link').allTextContents()).toEqual(['My leads']);
    expect(scripts.filter((url) => /(journeys|filter|funnel|consent|tips|scoring)-page|marketing/.test(url))).toEqual([]);

    await page.goto(`${runtime.apiUrl}/desk/marketing/funnel`);
    await page.getByRole('heading', { name: 'Marketing’s pages are for the marketing team' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Stoke refused to show the funnel');
    expect(await page.getByRole('button', { name: 'Download CSV' }).count()).toBe(0);
    await page.close();
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
