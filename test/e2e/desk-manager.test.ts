import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDevToken } from '../../infra/local/dev-tokens.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { launchBrowser } from '../support/browser.ts';
import { localApi } from '../support/local-api.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

let runtime: LocalRuntime;
let browser: Browser;
let anna: string;
let lena: string;
let maria: string;
const api = localApi(() => runtime);
const leads = { fair: '', sold: '' };
/** What the browser said went wrong on any page: Content-Security-Policy violations and script errors. */
const problems: string[] = [];

beforeAll(async () => {
  // Tuesday 24 November 2026 (week 2026-W48), 09:00 in Berlin.
  [runtime, browser] = await Promise.all([startTestRuntime('desk-manager', new Date('2026-11-24T08:00:00Z')), launchBrowser()]);
  [anna, lena, maria] = await Promise.all([
    issueDevToken('anna.schmidt@stoke.example', ['rep']),
    issueDevToken('lena.fischer@stoke.example', ['rep']),
    issueDevToken('maria.keller@stoke.example', ['manager']),
  ]);
  // Two hot leads from Germany: both Anna's. She calls the second at once and sells.
  const hot = { authority: 'decision-maker', budget: '250k-plus', timeline: 'now', consent: true, country: 'DE' };
  leads.fair = (await api('POST', '/leads', undefined, { ...hot, email: 'lea@wolf-gmbh.de', firstName: 'Lea', lastName: 'Wolf', company: 'Wolf GmbH' })).body.leadId;
  leads.sold = (await api('POST', '/leads', undefined, { ...hot, email: 'olaf@berg-anlagen.de', firstName: 'Olaf', lastName: 'Berg', company: 'Berg Anlagen' })).body.leadId;
  await api('POST', '/_local/clock', undefined, { advance: 'PT15M' });
  expect((await api('POST', `/leads/${leads.sold}/contacts`, anna, { channel: 'call' })).status).toBe(200);
  expect((await api('PUT', `/leads/${leads.sold}/status`, anna, { status: 'purchased', value: 48_000 })).status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

async function signedInAs(person: string, opens?: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${runtime.apiUrl}/desk/`);
  await page.getByRole('button', { name: `Sign in as ${person}` }).click();
  await page.getByRole('heading', { name: 'My leads', level: 1 }).waitFor();
  if (opens) {
    await page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: opens, exact: true }).click();
    await page.locator('main h1').first().waitFor();
  }
  return page;
}

const inboxOf = async (token: string) => ((await api('GET', '/me/leads?status=open', token)).body.leads as Array<{ leadId: string }>).map((lead) => lead.leadId);

describe("a manager's Monday in the desk", () => {
  it('reassigns a lead from Anna to Lena on the team board, and both inboxes change', async () => {
    // Given Maria, signed in, on her team board
    expect(await inboxOf(anna)).toEqual([leads.fair]);
    expect(await inboxOf(lena)).toEqual([]);
    const page = await signedInAs('maria.keller@stoke.example', 'Team');
    await page.getByRole('heading', { name: 'Team board', level: 1 }).waitFor();
    const annaCard = page.getByRole('region', { name: 'Anna Schmidt' });
    await expect.poll(() => annaCard.locator('dl').textContent()).toContain('Open leads1 of 40');

    // When she gives Anna's lead to Lena
    await annaCard.getByText('Anna Schmidt’s open lead').click();
    await annaCard.getByRole('button', { name: 'Reassign Lea Wolf' }).click();
    await annaCard.getByLabel('Give Lea Wolf to').selectOption({ label: 'Lena Fischer (field, 0 of 30 open)' });
    await annaCard.getByLabel('Note for the history (optional)').fill('Lena met them at the fair');
    await annaCard.getByRole('button', { name: 'Reassign lead' }).click();

    // Then the board says so and shows the lead on Lena's card
    await page.getByRole('status').getByText('Lea Wolf now belongs to Lena Fischer').waitFor();
    const lenaCard = page.getByRole('region', { name: 'Lena Fischer' });
    await expect.poll(() => lenaCard.locator('dl').textContent()).toContain('Open leads1 of 30');
    await expect.poll(() => annaCard.locator('dl').textContent()).toContain('Open leads0 of 40');
    // And both reps' inboxes changed
    await runtime.settle();
    expect(await inboxOf(anna)).toEqual([]);
    expect(await inboxOf(lena)).toEqual([leads.fair]);
    await page.close();
    const lenasDesk = await signedInAs('Lena Fischer');
    await expect.poll(() => lenasDesk.getByRole('list', { name: 'Open leads' }).getByRole('link').allTextContents()).toEqual(['Lea Wolf']);
    await lenasDesk.close();
  });

  it('shows the weekly review with the figures of GET /reports/weekly for the same week', async () => {
    const report = (await api('GET', '/reports/weekly?week=2026-W48', maria)).body;
    const page = await signedInAs('maria.keller@stoke.example', 'Review');
    await page.getByRole('heading', { level: 1, name: /^Weekly lead review, / }).waitFor();
    // The week picker: a week typed in opens that week.
    await page.getByLabel('Week', { exact: true }).fill('2026-W48');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('heading', { level: 1, name: 'Weekly lead review, 2026-W48' }).waitFor();
    expect(new URL(page.url()).search).toBe('?week=2026-W48');

    const figure = (region: string, label: string) =>
      page.getByRole('region', { name: region, exact: true }).locator('dl.figures > div').filter({ has: page.getByText(label, { exact: true }) }).locator('dd').textContent();
    for (const repId of ['anna-schmidt', 'lena-fischer']) {
      const rep = report.reps.find((r: { repId: string }) => r.repId === repId);
      expect(await figure(rep.name, 'Received')).toBe(String(rep.received.total));
      expect(await figure(rep.name, 'Purchased')).toBe(String(rep.received.purchased));
      expect(await figure(rep.name, 'In progress')).toBe(String(rep.received.inProgress));
      expect(await figure(rep.name, 'Contacts logged')).toBe(String(rep.done.contacts));
      expect(await figure(rep.name, 'Follow-up score')).toBe(rep.followUpScore === null ? 'none: nothing to follow up' : `${rep.followUpScore} of 100`);
    }
    const annaReport = report.reps.find((r: { repId: string }) => r.repId === 'anna-schmidt');
    expect(annaReport.received).toMatchObject({ total: 1, purchased: 1 });
    expect(await figure('Anna Schmidt', 'Speed to lead, median')).toBe(`${annaReport.speedToLead.medianMinutes} min`);
    const team = page.getByRole('region', { name: 'The team' });
    expect(await team.getByText(/^\d+ = \d+ purchased/).first().textContent()).toBe(
      `${report.team.received.total} = ${report.team.received.purchased} purchased + ${report.team.received.notInterested} not interested + ${report.team.received.inProgress} in progress`,
    );
    const captured = report.funnel.stages.find((s: { id: string }) => s.id === 'captured').count;
    expect(await page.getByRole('row', { name: /^Captured/ }).getByRole('cell').first().textContent()).toBe(String(captured));

    // The CSV comes with the token, as a download
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV of 2026-W48' }).click()]);
    expect(download.suggestedFilename()).toBe('lead-review-2026-W48.csv');

    // Next week's focus, saved for 2026-W49, is what that week's review shows
    const lena = page.getByRole('region', { name: 'Lena Fischer', exact: true });
    await lena.getByText('Set Lena Fischer’s focus for 2026-W49').click();
    await lena.getByLabel('Focus 1').fill('Call Lea Wolf within the hour');
    await lena.getByRole('button', { name: 'Save focus for 2026-W49' }).click();
    await lena.getByRole('status').getByText('Saved 1 focus items for 2026-W49').waitFor();
    const next = (await api('GET', '/reports/weekly?week=2026-W49', maria)).body;
    expect(next.reps.find((r: { repId: string }) => r.repId === 'lena-fischer').focus.items).toEqual(['Call Lea Wolf within the hour']);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('adds a rep to the roster, showing the API’s message beside the field, and deactivates Lena after showing the lead that will move', async () => {
    const page = await signedInAs('maria.keller@stoke.example', 'Roster');
    await page.getByRole('heading', { name: 'Roster', level: 1 }).waitFor();
    // When she adds Jonas with a time zone Stoke does not know
    await page.getByRole('button', { name: 'Add a rep' }).click();
    const form = page.getByRole('form', { name: 'Add a rep' });
    await form.getByLabel('Rep id').fill('jonas-weber');
    await form.getByLabel('Name').fill('Jonas Weber');
    await form.getByLabel('Email', { exact: true }).fill('jonas.weber@stoke.example');
    await form.getByLabel('Team').fill('field');
    await form.getByLabel('Territories').fill('DE/Bayern');
    await form.getByLabel('Time zone').fill('Europe/Munich');
    await form.getByRole('button', { name: 'Add rep' }).click();
    // Then the field says what is wrong, and the fixed form adds him
    await expect.poll(() => form.getByLabel('Time zone').getAttribute('aria-describedby')).toContain('error');
    expect(await form.getByText('must be an IANA time zone, such as Europe/Berlin').count()).toBe(1);
    await form.getByLabel('Time zone').fill('Europe/Berlin');
    await form.getByRole('button', { name: 'Add rep' }).click();
    await page.getByRole('status').getByText('Jonas Weber is on the roster.').waitFor();
    expect((await api('GET', '/reps/jonas-weber', maria)).body).toMatchObject({ managerEmail: 'maria.keller@stoke.example', territories: [{ country: 'DE', region: 'Bayern' }], active: true });

    // When she deactivates Lena, she first sees the lead that will move
    await page.getByRole('button', { name: 'Deactivate Lena Fischer' }).click();
    const confirm = page.getByRole('group', { name: 'Deactivate Lena Fischer' });
    await expect.poll(() => confirm.textContent()).toContain('Lea Wolf, Wolf GmbH');
    await confirm.getByRole('button', { name: 'Deactivate Lena Fischer' }).click();
    await page.getByRole('status').getByText('Lena Fischer is deactivated').waitFor();
    await runtime.settle();
    expect((await api('GET', '/reps/lena-fischer', maria)).body.active).toBe(false);
    expect(await inboxOf(lena)).toEqual([]);
    await page.close();
    expect(problems).toEqual([]);
  });

  it("refuses a rep who opens the team board, and a rep's first page loads none of the manager's pages", async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    const scripts: string[] = [];
    page.on('request', (request) => void (request.resourceType() === 'script' && scripts.push(request.url())));
    await page.goto(`${runtime.apiUrl}/desk/`);
    await page.getByRole('button', { name: 'Sign in as Anna Schmidt' }).click();
    await page.getByRole('heading', { name: 'My leads' }).waitFor();
    expect(scripts.filter((url) => /(team|review|roster)-page/.test(url))).toEqual([]);
    expect(await page.getByRole('navigation', { name: 'Desk' }).getByRole('link').allTextContents()).toEqual(['My leads']);

    await page.goto(`${runtime.apiUrl}/desk/team`);
    await page.getByRole('heading', { name: 'The team board is for managers' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('only for sales managers');
    expect(await page.getByRole('button', { name: /Reassign/ }).count()).toBe(0);
    await page.close();
  });
});
