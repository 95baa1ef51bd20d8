// The desk's budgets, measured on the production build (desk/dist) and, for the inbox and a lead's page, in
// headless Chromium against the local runtime. Run by test/bench/run.ts in a process of its own, with
// STOKE_COUNT_AWS_CALLS=1 from the start (the SDK clients take the counting middleware when first created),
// so the other figures of the bench are measured without it. Writes its figures as JSON to the file named
// by its first argument.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { BrowserContext, Page } from 'playwright-core';
import type { Lead } from '../../functions/leads/lead.ts';
import { dynamoDbLeadStore } from '../../functions/leads/dynamodb-lead-store.ts';
import { callCounts, resetCallCounts } from '../../functions/platform/call-counter.ts';
import { issueDevToken } from '../../infra/local/dev-tokens.ts';
import { startLocalRuntime } from '../../infra/local/runtime.ts';
import { launchBrowser } from '../support/browser.ts';
import { hotLead } from '../support/hot-lead.ts';
import { median } from './module-load.ts';

export const firstPageBudgetBytes = 100 * 1024;
export const inboxBudgetMs = 1000;
const inboxLeads = 500;
const loads = 5;
const dist = join(process.cwd(), 'desk', 'dist');

type Times = { rendered: number; interactive: number; apiAnswered: number };
type File = { file: string; bytes: number; gzipBytes: number };
type AwsCalls = { requests: number; readUnits: number; writeUnits: number; byOperation: Record<string, number>; otherServices: Record<string, number> };

/**
 * The first page's JavaScript and CSS, gzipped at level 9 as a server would send them: the module script and
 * stylesheet index.html loads and the modules it preloads. Every other chunk is loaded lazily, when a page or a
 * sign-in mode needs it, and is listed apart.
 */
export async function deskSizes() {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
  const firstPage = new Set<string>();
  for (const tag of tags) {
    const url = tag.startsWith('<script') ? attribute(tag, 'src') : /rel="(stylesheet|modulepreload)"/.test(tag) ? attribute(tag, 'href') : undefined;
    if (url?.startsWith('/desk/')) firstPage.add(url.slice('/desk/'.length));
  }
  const sized = async (file: string): Promise<File> => {
    const content = await readFile(join(dist, file));
    return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  };
  const first = await Promise.all([...firstPage].sort().map(sized));
  const assets = (await readdir(join(dist, 'assets'))).map((name) => `assets/${name}`).filter((file) => /\.(js|css)$/.test(file) && !firstPage.has(file));
  const lazy = await Promise.all(assets.sort().map(sized));
  const gzipBytes = first.reduce((sum, f) => sum + f.gzipBytes, 0);
  return {
    budgetBytes: firstPageBudgetBytes,
    firstPage: { gzipBytes, bytes: first.reduce((sum, f) => sum + f.bytes, 0), underBudget: gzipBytes <= firstPageBudgetBytes, files: first },
    indexHtml: await sized('index.html'),
    lazyChunks: lazy,
  };
}

/** A lead of Anna's as sales holds it after nurture: scored, a need, five tips sent, its plan's next step due `dueAt`. */
function openLead(index: number, dueAt: string): Lead {
  const breakdown = ['budget', 'authority', 'timeline', 'need', 'senior-title', 'company-domain'].map((rule) => ({ rule, points: 10, reason: `Reason given for the ${rule} rule, in words` }));
  const sent = Array.from({ length: 5 }, (_, step) => ({ templateId: `nurture/warm/0${step + 1}-tip`, track: 'warm', step, subject: 'A tip about following up on web leads', at: '2026-11-01T09:00:00.000Z', messageId: `message-${index}-${step}` }));
  return hotLead({
    profile: { firstName: 'Dana', lastName: `Weber ${index}`, company: `Weber Maschinenbau ${index % 40} GmbH`, jobTitle: 'Head of Operations', phone: '+49 30 1234567', country: 'DE', need: 'Our web leads wait days for a first call; we want every lead called within the hour.' },
    score: { total: 80, fit: 70, engagement: 10, temperature: 'hot', breakdown, modelVersion: 'bench' },
    nurture: { track: 'warm', status: 'exited', enrolledAt: '2026-10-01T09:00:00.000Z', nextStep: 5, seq: 5, sent },
    plan: { planId: 'field', name: 'Field: 8 touches over 3 weeks', length: 8, episode: 1, startedAt: '2026-11-30T09:00:00.000Z', steps: [], next: { kind: 'touch', touch: 3, channel: 'call', dueAt, instruction: 'Call; confirm budget and timeline, and what would make them buy this quarter.', setAt: '2026-12-01T09:00:00.000Z' } },
  });
}

/** The DynamoDB requests and capacity units the sales-desk function used since the last reset, and its other SDK calls. */
function salesDeskCalls(): AwsCalls {
  const calls = callCounts().filter((call) => call.fn === 'sales-desk');
  const dynamodb = calls.filter((call) => call.service === 'DynamoDB');
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    requests: dynamodb.reduce((sum, call) => sum + call.count, 0),
    readUnits: round(dynamodb.reduce((sum, call) => sum + call.readUnits, 0)),
    writeUnits: round(dynamodb.reduce((sum, call) => sum + call.writeUnits, 0)),
    byOperation: Object.fromEntries(dynamodb.map((call) => [call.operation, call.count])),
    otherServices: Object.fromEntries(calls.filter((call) => call.service !== 'DynamoDB').map((call) => [`${call.service}:${call.operation}`, call.count])),
  };
}

// Set in the page before any of its scripts: the moment the inbox shows all its rows, and the moment after it
// when the main thread next runs a task (the page answers a click from then on). performance.now() counts from
// the navigation's start.
const inboxWatch = (rows: number) => {
  // The page's globals, typed here: this project type-checks without the DOM library.
  type Observer = { observe(target: unknown, options: { childList: boolean; subtree: boolean }): void; disconnect(): void };
  const page = globalThis as unknown as {
    stokeInbox: Partial<Times>;
    document: { querySelectorAll(selector: string): { length: number } };
    MutationObserver: new (callback: () => void) => Observer;
    performance: { now(): number; getEntriesByType(type: 'resource'): Array<{ name: string; responseEnd: number }> };
  };
  const state: Partial<Times> = {};
  page.stokeInbox = state;
  const observer = new page.MutationObserver(() => {
    if (state.rendered !== undefined || page.document.querySelectorAll('ul.leads > li').length < rows) return;
    state.rendered = page.performance.now();
    observer.disconnect();
    state.apiAnswered = page.performance.getEntriesByType('resource').find((entry) => entry.name.includes('/me/leads'))?.responseEnd;
    setTimeout(() => (state.interactive = page.performance.now()), 0);
  });
  observer.observe(page.document, { childList: true, subtree: true });
};

/** Loads a desk address in the tab and counts the API requests it made (everything but the desk's own files). */
async function load(page: Page, url: string, ready: () => Promise<unknown>) {
  const requests: string[] = [];
  const onRequest = (request: { url(): string; method(): string }) => {
    const { pathname, search } = new URL(request.url());
    if (!pathname.startsWith('/desk/')) requests.push(`${request.method()} ${pathname}${search}`);
  };
  const assets: string[] = [];
  const onAsset = (request: { url(): string }) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/desk/assets/')) assets.push(pathname.slice('/desk/'.length));
  };
  page.on('request', onRequest);
  page.on('request', onAsset);
  await page.goto(url, { waitUntil: 'commit' });
  await ready();
  page.off('request', onRequest);
  page.off('request', onAsset);
  return { requests, assets };
}

async function clearCache(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  await cdp.detach();
}

export async function measureDesk() {
  const sizes = await deskSizes();
  process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const runtime = await startLocalRuntime({ apiPort: 0, sesPort: 0, tickMs: 0, dynamodb: { port: 0 }, tableName: 'bench-desk', startAt: new Date('2026-12-01T08:00:00Z') });
  const browser = await launchBrowser();
  try {
    // Anna's 500 open leads, written straight to the table as the handoff leaves them; next steps over four weeks.
    const client = new DynamoDBClient({ endpoint: runtime.dynamodbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const store = dynamoDbLeadStore(client, runtime.tableName);
    const leadIds: string[] = [];
    for (let start = 0; start < inboxLeads; start += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, inboxLeads - start) }, async (_, offset) => {
          const index = start + offset;
          const lead = openLead(index, new Date(Date.parse('2026-11-28T08:00:00Z') + index * 80 * 60_000).toISOString());
          if ((await store.insert(lead, { type: 'captured', at: '2026-11-01T09:00:00.000Z', by: 'stoke', details: {} })) !== 'inserted') throw new Error('a bench lead was not inserted');
          leadIds[index] = lead.leadId;
        }),
      );
    }
    client.destroy();

    // Anna signs in on the local sign-in page; the token stays in this tab's session storage.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(inboxWatch, inboxLeads);
    const page = await context.newPage();
    await page.goto(`${runtime.apiUrl}/desk/sign-in`);
    await page.getByRole('button', { name: 'Sign in as Anna Schmidt' }).click();
    await page.getByRole('heading', { name: 'My leads' }).waitFor();
    await page.waitForFunction(() => (globalThis as unknown as { stokeInbox: { interactive?: number } }).stokeInbox.interactive !== undefined, undefined, { timeout: 30_000 });

    const inboxUrl = `${runtime.apiUrl}/desk/leads`;
    const inboxTimes = () => page.evaluate(() => (globalThis as unknown as { stokeInbox: Times }).stokeInbox);
    const untilInteractive = () => page.waitForFunction(() => (globalThis as unknown as { stokeInbox: { interactive?: number } }).stokeInbox.interactive !== undefined, undefined, { timeout: 30_000 });
    const runs = { cold: [] as Times[], warm: [] as Times[] };
    let inboxLoad: Awaited<ReturnType<typeof load>> | undefined;
    let coldAssets: string[] = [];
    for (let run = 0; run < loads; run++) {
      // Cold: nothing of the desk in the browser's cache, as on a first visit. Warm: its hashed files cached.
      await clearCache(context, page);
      const cold = await load(page, inboxUrl, untilInteractive);
      runs.cold.push(await inboxTimes());
      if (run === 0) [inboxLoad, coldAssets] = [cold, cold.assets];
      await load(page, inboxUrl, untilInteractive);
      runs.warm.push(await inboxTimes());
    }
    const rows = await page.locator('ul.leads > li').count();

    // A lead's page, opened by its address (the desk loads the sales policy once per visit, so with a fresh visit).
    const leadId = leadIds[0]!;
    const leadLoad = await load(page, `${runtime.apiUrl}/desk/leads/${leadId}`, () => page.getByRole('list', { name: 'Timeline, newest first' }).waitFor());

    // What each route costs in the table, called as the desk calls it.
    const token = await issueDevToken('anna.schmidt@stoke.example', ['rep']);
    const cost = async (path: string) => {
      await runtime.settle();
      resetCallCounts();
      const response = await fetch(`${runtime.apiUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
      const body = await response.text();
      if (!response.ok) throw new Error(`${path} answered ${response.status}: ${body.slice(0, 200)}`);
      await runtime.settle();
      return { status: response.status, responseBytes: Buffer.byteLength(body), ...salesDeskCalls() };
    };
    const myLeads = await cost('/me/leads?status=open');
    const lead = await cost(`/leads/${leadId}`);
    await context.close();

    const round = (value: number) => Math.round(value * 10) / 10;
    const medianOf = (list: Times[]) => ({ apiAnsweredMs: round(median(list.map((r) => r.apiAnswered))), renderedMs: round(median(list.map((r) => r.rendered))), interactiveMs: round(median(list.map((r) => r.interactive))) });
    const each = (list: Times[]) => list.map((r) => ({ apiAnsweredMs: round(r.apiAnswered), renderedMs: round(r.rendered), interactiveMs: round(r.interactive) }));
    const gzipOf = (file: string) => [...sizes.firstPage.files, ...sizes.lazyChunks].find((f) => f.file === file)?.gzipBytes ?? 0;
    return {
      notes: {
        sizes: 'desk/dist as built by npm run desk:build (prebench). firstPage: the module script and stylesheet desk/dist/index.html loads and the modules it preloads, each gzipped at level 9 (node:zlib) as a server would send it; lazyChunks: every other .js and .css, loaded when a page or a sign-in mode asks for it. loadedForInboxLocally: the files Chromium fetched for a cold load of the inbox in local sign-in mode.',
        inbox: `Anna holding ${inboxLeads} open leads written straight to a DynamoDB Local table (in memory) of a local runtime in this process; headless Debian Chromium at 1280×900, signed in on the local sign-in page. Per load, from the navigation's start (performance.now() in the page): apiAnsweredMs, when the answer of GET /me/leads had arrived (Resource Timing responseEnd); renderedMs, when the list shows all ${inboxLeads} rows (a MutationObserver); interactiveMs, when the main thread next ran a task after that. Median of ${loads} loads with the browser's cache cleared (cold) and ${loads} with the desk's files cached (warm), alternating. Budget: interactive within ${inboxBudgetMs} ms. AWS calls counted with STOKE_COUNT_AWS_CALLS=1 (DynamoDB units from ReturnConsumedCapacity), for one call of the route as the desk makes it.`,
      },
      sizes: { ...sizes, loadedForInboxLocally: { files: coldAssets, gzipBytes: coldAssets.reduce((sum, file) => sum + gzipOf(file), 0) } },
      inbox: {
        leads: inboxLeads,
        rows,
        budgetMs: inboxBudgetMs,
        cold: { ...medianOf(runs.cold), runs: each(runs.cold) },
        warm: { ...medianOf(runs.warm), runs: each(runs.warm) },
        underBudget: median(runs.cold.map((r) => r.interactive)) <= inboxBudgetMs,
        apiRequests: inboxLoad!.requests,
        'GET /me/leads': myLeads,
      },
      leadPage: { apiRequests: leadLoad.requests, 'GET /leads/{leadId}': lead },
    };
  } finally {
    await browser.close();
    await runtime.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: desk.ts <figures.json>');
  if (process.env.STOKE_COUNT_AWS_CALLS !== '1') throw new Error('run with STOKE_COUNT_AWS_CALLS=1: the SDK clients count calls only when created with it');
  await writeFile(out, `${JSON.stringify(await measureDesk(), null, 2)}\n`);
}
