import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { launchBrowser } from '../support/browser.ts';
import { readTable } from '../support/table-reader.ts';

let runtime: LocalRuntime;
let browser: Browser;

beforeAll(async () => {
  [runtime, browser] = await Promise.all([
    startTestRuntime('e2e'),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe('a person fills in the sample form in a browser', () => {
  it('stores the lead and delivers lead.captured to its rule target', async () => {
    // Given the sample form
    const page = await browser.newPage();
    await page.goto(`${runtime.apiUrl}/`);
    expect(await page.textContent('.status')).toContain('Stoke is running locally');

    // When a decision-maker posts it, without JavaScript involved
    await page.fill('#email', 'Grace.Hopper@Navy-Systems.com');
    await page.fill('#firstName', 'Grace');
    await page.fill('#company', 'Navy Systems');
    await page.fill('#country', 'us');
    await page.selectOption('#budget', '250k-plus');
    await page.selectOption('#authority', 'decision-maker');
    await page.selectOption('#timeline', 'now');
    await page.check('input[name=consent]');
    await Promise.all([page.waitForURL(`${runtime.apiUrl}/leads`), page.click('button[type=submit]')]);
    await runtime.settle();

    // Then the person sees a thank-you page
    expect(await page.textContent('h1')).toBe('Thank you');
    // And the lead is stored once, hot, with its consent evidence
    const items = await readTable(runtime.dynamodbEndpoint, runtime.tableName);
    const lead = items.find((item) => item.entity === 'lead' && item.email === 'grace.hopper@navy-systems.com');
    expect(lead).toMatchObject({ temperature: 'hot', profile: { firstName: 'Grace', country: 'US' }, firstTouch: { formId: 'sample-form' } });
    expect(lead?.consent?.ip).toBe('127.0.0.1');
    // And lead.captured reached the event-log rule's target
    const delivered = runtime.eventLog.filter((event) => event['detail-type'] === 'lead.captured');
    expect(delivered.map((event) => (event.detail as { leadId: string }).leadId)).toEqual([lead?.leadId]);
  });

  it('keeps a bot that fills the hidden field out of the leads', async () => {
    const page = await browser.newPage();
    await page.goto(`${runtime.apiUrl}/`);
    await page.fill('#email', 'bot@spam-farm.example');
    // Bots fill every field they find, the hidden honeypot included.
    await page.locator('#website').fill('http://buy.example', { force: true });
    await Promise.all([page.waitForURL(`${runtime.apiUrl}/leads`), page.click('button[type=submit]')]);

    expect(await page.textContent('h1')).toBe('Thank you');
    const items = await readTable(runtime.dynamodbEndpoint, runtime.tableName);
    expect(items.some((item) => item.email === 'bot@spam-farm.example')).toBe(false);
  });
});
