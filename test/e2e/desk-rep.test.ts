import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { launchBrowser } from '../support/browser.ts';
import { localApi } from '../support/local-api.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

let runtime: LocalRuntime;
let browser: Browser;
const api = localApi(() => runtime);
const leads: Record<'hot' | 'xss' | 'james', string> = { hot: '', xss: '', james: '' };
const xss = '<img src=x onerror=alert(1)>';
/** Every alert, confirm or prompt a page opened: lead data run as code would open one. */
const dialogs: string[] = [];

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime('desk-rep'), launchBrowser()]);
  // Hot leads from Germany go to Anna (field team, territory DE), the one from the US to James.
  const hot = { authority: 'decision-maker', budget: '250k-plus', timeline: 'now', consent: true };
  leads.hot = (await api('POST', '/leads', undefined, { ...hot, email: 'jonas@hartmann-maschinen.de', firstName: 'Jonas', lastName: 'Hartmann', company: 'Hartmann Maschinen', country: 'DE', phone: '+49 30 1234567' })).body.leadId;
  leads.xss = (await api('POST', '/leads', undefined, { ...hot, email: 'mallory@evil.example', firstName: xss, company: xss, country: 'DE', need: xss })).body.leadId;
  leads.james = (await api('POST', '/leads', undefined, { ...hot, email: 'ava@brooks-supply.com', firstName: 'Ava', lastName: 'Brooks', company: 'Brooks Supply', country: 'US' })).body.leadId;
});
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

async function signedInAs(name: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${runtime.apiUrl}/desk/`);
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await page.getByRole('heading', { name: 'My leads' }).waitFor();
  return page;
}

describe('a rep works their day in the desk', () => {
  it('signs in, opens the hot lead from the inbox, logs a call, sets it in progress with a hold-back, and the timeline shows both', async () => {
    // Given Anna, signed in on the local sign-in page
    const page = await signedInAs('Anna Schmidt');
    // When she opens the hot lead from her inbox
    const inbox = page.getByRole('list', { name: 'Open leads' });
    await expect.poll(() => inbox.getByRole('link').allTextContents()).toContain('Jonas Hartmann');
    await expect.poll(() => inbox.textContent()).toMatch(/Next: touch 1 of 8 · Call/);
    await inbox.getByRole('link', { name: 'Jonas Hartmann' }).click();
    await page.getByRole('heading', { name: 'Jonas Hartmann' }).waitFor();
    expect(await page.getByRole('link', { name: '+49 30 1234567' }).getAttribute('href')).toBe('tel:+49301234567');
    expect(await page.getByRole('link', { name: 'jonas@hartmann-maschinen.de' }).getAttribute('href')).toBe('mailto:jonas@hartmann-maschinen.de');

    // And logs a call
    await page.getByRole('button', { name: 'Log a contact' }).click();
    await page.getByLabel('Outcome').fill('Reached, wants a demo');
    await page.getByLabel('Notes').fill('Talked to Jonas about routing rules');
    await page.getByRole('button', { name: 'Log contact' }).click();
    await page.getByRole('status').getByText('Saved').waitFor();

    // And sets it in progress, held back by the approval it waits for
    await page.getByRole('button', { name: 'In progress' }).click();
    await page.getByLabel('What holds it back').selectOption({ label: 'Waiting for approval' });
    await page.getByRole('button', { name: 'Set in progress' }).click();

    // Then the timeline shows both, newest first
    const timeline = page.getByRole('list', { name: 'Timeline, newest first' });
    await expect.poll(() => timeline.getByRole('listitem').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('held back by: Waiting for approval'), expect.stringContaining('Contact logged: Call, Reached, wants a demo')]),
    );
    const items = await timeline.getByRole('listitem').allTextContents();
    expect(items.findIndex((t) => t.includes('Waiting for approval'))).toBeLessThan(items.findIndex((t) => t.includes('Contact logged')));
    expect(items.at(-1)).toContain('Captured');
    await page.close();
  });

  it('refuses another rep’s lead opened by its address', async () => {
    const page = await signedInAs('Anna Schmidt');
    await page.goto(`${runtime.apiUrl}/desk/leads/${leads.james}`);
    await page.getByRole('heading', { name: 'This lead is not yours to see' }).waitFor();
    expect(await page.getByText('Ava Brooks').count()).toBe(0);
    expect(await page.getByText('Brooks Supply').count()).toBe(0);
    await page.close();
  });

  it('shows a lead whose name is HTML as text, running nothing', async () => {
    const page = await signedInAs('Anna Schmidt');
    await expect.poll(() => page.getByRole('list', { name: 'Open leads' }).getByRole('link').allTextContents()).toContain(xss);
    await page.goto(`${runtime.apiUrl}/desk/leads/${leads.xss}`);
    await page.getByRole('heading', { name: xss }).waitFor();
    expect(await page.locator('main img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('asks to sign in again when the session ends, keeping what was typed', async () => {
    const page = await signedInAs('Anna Schmidt');
    await page.goto(`${runtime.apiUrl}/desk/leads/${leads.hot}`);
    await page.getByRole('button', { name: 'Log a contact' }).click();
    await page.getByLabel('Notes').fill('Half a thought about their budget');
    // The token goes bad (as an expired one would): the API answers 401.
    await page.evaluate(() => {
      const { sessionStorage } = globalThis as unknown as { sessionStorage: { getItem(key: string): string; setItem(key: string, value: string): void } };
      const token = sessionStorage.getItem('stoke-desk:local-token');
      sessionStorage.setItem('stoke-desk:local-token', `${token.slice(0, -4)}AAAA`);
    });
    await page.getByRole('button', { name: 'Log contact' }).click();
    await page.getByRole('button', { name: 'Sign in as Anna Schmidt' }).click();
    await page.getByRole('heading', { name: 'Jonas Hartmann' }).waitFor();
    expect(await page.getByLabel('Notes').inputValue()).toBe('Half a thought about their budget');
    await page.close();
  });
});

describe('the desk’s files', () => {
  it('are served with the headers CloudFront sends, the page for any path of the desk', async () => {
    const page = await fetch(`${runtime.apiUrl}/desk/leads/anything`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const script = /src="(\/desk\/assets\/[^"]+\.js)"/.exec(await page.text())?.[1];
    expect((await fetch(`${runtime.apiUrl}${script}`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await (await fetch(`${runtime.apiUrl}/desk/config.json`)).json()).toEqual({ apiBase: '', auth: { mode: 'local' } });
    expect((await fetch(`${runtime.apiUrl}/desk/assets/missing.js`)).status).toBe(404);
  });
});
