// npm run desk:screenshots: the README's pictures of the desk, made from the current build so that they stay current.
// Starts the local runtime in a temporary data directory with its clock standing still at a fixed Monday, lets a
// week of leads arrive and reps work them through the API as people would (POST /leads, the sales desk's routes),
// then signs in on the local sign-in page as a rep and as a manager and writes PNGs of the inbox, a lead's page,
// the team board and the weekly review at desktop and phone widths into docs/screenshots/. Then, two days on, leads
// from marketing's campaigns get their first tips, people and machines open and click them (the local SES's events),
// and marketing's pages (journeys, machine filter, funnel, consent, tips) are pictured too, and the journeys again once a bad list paused marketing.
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { issueDevToken } from '../../infra/local/dev-tokens.ts';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime.ts';
import { launchBrowser } from '../support/browser.ts';
import { pauseMarketing } from '../support/paused-marketing.ts';

const out = join(process.cwd(), 'docs', 'screenshots');
const widths = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 812 } } as const;
// Tallest picture kept of a long page: the top of it is what a reader needs to see.
const maxHeight = 1600;
// Monday 23 November 2026, 08:00 UTC: a week of leads arrives, and the review of that week is made the next Monday.
const weekStart = Date.parse('2026-11-23T08:00:00Z');
const hour = 3_600_000;

type Person = { email: string; firstName: string; lastName: string; company: string; jobTitle?: string; country: string; phone?: string; need?: string };
const hot = { authority: 'decision-maker', budget: '250k-plus', timeline: 'now', consent: true };
const warm = { authority: 'influencer', budget: '50k-250k', timeline: '6m', consent: true };
// Who writes in during the week, and when (hours after Monday 08:00 UTC): hot ones go to sales at once, warm ones to nurture.
const arrivals: Array<{ after: number; person: Person; kind: typeof hot | typeof warm }> = [
  { after: 1, kind: hot, person: { email: 'jonas@hartmann-maschinen.de', firstName: 'Jonas', lastName: 'Hartmann', company: 'Hartmann Maschinen', jobTitle: 'Head of Sales', country: 'DE', phone: '+49 30 1234567', need: 'Every web lead called within the hour, not the next day' } },
  { after: 2, kind: hot, person: { email: 'ava@brooks-supply.com', firstName: 'Ava', lastName: 'Brooks', company: 'Brooks Supply', jobTitle: 'VP Operations', country: 'US', phone: '+1 212 555 0142', need: 'Route dealer inquiries to the right territory' } },
  { after: 5, kind: hot, person: { email: 'lukas.gruber@alpenbau.at', firstName: 'Lukas', lastName: 'Gruber', company: 'Alpenbau', jobTitle: 'Managing Director', country: 'AT', phone: '+43 1 234 5678', need: 'Follow up on trade-fair leads' } },
  { after: 9, kind: warm, person: { email: 'chloe.martin@atelier-lumiere.fr', firstName: 'Chloé', lastName: 'Martin', company: 'Atelier Lumière', jobTitle: 'Marketing Manager', country: 'FR' } },
  { after: 24, kind: hot, person: { email: 'sophie.meier@rheinwerk.de', firstName: 'Sophie', lastName: 'Meier', company: 'Rheinwerk Logistik', jobTitle: 'COO', country: 'DE', phone: '+49 221 987654', need: 'A second opinion on our lead scoring' } },
  { after: 26, kind: hot, person: { email: 'noah.keller@bergtech.ch', firstName: 'Noah', lastName: 'Keller', company: 'Bergtech', jobTitle: 'CEO', country: 'CH', phone: '+41 44 123 45 67', need: 'Replace spreadsheets for inbound leads' } },
  { after: 30, kind: warm, person: { email: 'oliver.hughes@northgate.co.uk', firstName: 'Oliver', lastName: 'Hughes', company: 'Northgate Components', jobTitle: 'Sales Operations', country: 'GB' } },
  { after: 49, kind: hot, person: { email: 'mia.wagner@wagner-kuechen.de', firstName: 'Mia', lastName: 'Wagner', company: 'Wagner Küchen', jobTitle: 'Owner', country: 'DE', phone: '+49 89 5551234', need: 'Quotes out the same day as the inquiry' } },
  { after: 50, kind: hot, person: { email: 'ethan.cole@coleandsons.com', firstName: 'Ethan', lastName: 'Cole', company: 'Cole & Sons', jobTitle: 'President', country: 'US', phone: '+1 617 555 0199' } },
  { after: 53, kind: hot, person: { email: 'emma.lindqvist@nordvind.se', firstName: 'Emma', lastName: 'Lindqvist', company: 'Nordvind', jobTitle: 'Head of Growth', country: 'SE', phone: '+46 8 123 456' } },
  { after: 73, kind: hot, person: { email: 'felix.braun@braun-elektro.de', firstName: 'Felix', lastName: 'Braun', company: 'Braun Elektro', jobTitle: 'Sales Director', country: 'DE', phone: '+49 40 7654321', need: 'Stop losing leads over the weekend' } },
  { after: 76, kind: warm, person: { email: 'julia.roth@roth-consulting.de', firstName: 'Julia', lastName: 'Roth', company: 'Roth Consulting', jobTitle: 'Partner', country: 'DE' } },
  { after: 98, kind: hot, person: { email: 'liam.oconnor@harbourfoods.ie', firstName: 'Liam', lastName: "O'Connor", company: 'Harbour Foods', jobTitle: 'Commercial Director', country: 'IE', phone: '+353 1 555 0101' } },
  { after: 100, kind: hot, person: { email: 'hannah.vogel@vogel-druck.de', firstName: 'Hannah', lastName: 'Vogel', company: 'Vogel Druck', jobTitle: 'Head of Purchasing', country: 'DE', phone: '+49 711 246810', need: 'Annual contract, decision before year end' } },
];

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), 'stoke-screenshots-'));
  process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  // A clock that stands still (as the simulator's does) and moves only when told: the same pictures on every run.
  const runtime = await startLocalRuntime({ apiPort: 0, sesPort: 0, tickMs: 0, timeScale: 1e-9, dynamodb: { port: 0 }, dataDir, tableName: 'screenshots', startAt: new Date(weekStart) });
  let browser: Browser | undefined;
  try {
    const leads = await seedWeek(runtime);
    // The next Monday, 09:30 in Berlin: the weekly review of the week above has been made.
    await runtime.advance(weekStart + 7 * 24 * hour + 30 * 60_000 - runtime.clock.now().getTime());
    browser = await launchBrowser();
    await mkdir(out, { recursive: true });
    const written: string[] = [];
    for (const [name, viewport] of Object.entries(widths)) {
      const rep = await signedIn(browser, runtime, 'Anna Schmidt', viewport);
      written.push(await shoot(rep, `inbox-${name}`));
      await rep.getByRole('list', { name: 'Open leads' }).getByRole('link', { name: 'Jonas Hartmann' }).click();
      await rep.getByRole('list', { name: 'Timeline, newest first' }).waitFor();
      written.push(await shoot(rep, `lead-${name}`));
      await rep.context().close();

      const manager = await signedIn(browser, runtime, 'maria.keller@stoke.example', viewport);
      for (const [page, path] of [['team', '/desk/team'], ['review', '/desk/review']] as const) {
        if (await opened(manager, runtime, path)) written.push(await shoot(manager, `${page}-${name}`));
        else console.log(`${path}: the desk answers "Page not found" (not built yet): no picture`);
      }
      await manager.context().close();
    }
    // Marketing's pages, once the campaigns' leads have had their first tips: nothing above changes.
    const marketingLeads = await seedMarketing(runtime);
    for (const [name, viewport] of Object.entries(widths)) {
      const marketer = await signedIn(browser, runtime, 'Marketing (sample)', viewport, 'Journeys');
      for (const [page, path] of marketingPages) {
        if (await opened(marketer, runtime, path)) written.push(await shoot(marketer, `marketing-${page}-${name}`));
        else console.log(`${path}: the desk answers "Page not found" (not built yet): no picture`);
      }
      await marketer.context().close();
    }
    // A bad list's bounces pull marketing's brake (as engagement pulls it: test/e2e/sending-brake.test.ts); a manager sees why and the Resume button.
    await pauseMarketing(runtime, { sends: 180, bounces: 9, waiting: Array.from({ length: marketingLeads }, (_, n) => `waiting-${n}`) });
    for (const [name, viewport] of Object.entries(widths)) {
      const manager = await signedIn(browser, runtime, 'maria.keller@stoke.example', viewport);
      if (await opened(manager, runtime, '/desk/marketing')) written.push(await shoot(manager, `marketing-paused-${name}`));
      await manager.context().close();
    }
    let total = 0;
    for (const file of written) {
      const { size } = await stat(file);
      total += size;
      console.log(`${file.slice(process.cwd().length + 1)}  ${(size / 1024).toFixed(0)} KB`);
    }
    console.log(`${written.length} screenshots, ${(total / 1024).toFixed(0)} KB in all; leads seeded: ${leads}, and ${marketingLeads} more for marketing`);
  } finally {
    await browser?.close();
    await runtime.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** A week of leads arriving through the capture API, and the reps working some of them through the sales desk. */
async function seedWeek(runtime: LocalRuntime): Promise<number> {
  const call = async (method: string, path: string, token: string | undefined, body: unknown) => {
    const response = await fetch(`${runtime.apiUrl}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    await runtime.settle();
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    return answer;
  };
  // Development tokens expire in real time, not on the runtime's clock (infra/local/api-server.ts).
  const tokens = { anna: await issueDevToken('anna.schmidt@stoke.example', ['rep']), james: await issueDevToken('james.carter@stoke.example', ['rep']) };
  const ids: Record<string, string> = {};
  // What the reps did with the leads (hours after Monday 08:00 UTC).
  const work: Array<[number, keyof typeof tokens, string, string, string, unknown]> = [
    [1.5, 'anna', 'POST', 'jonas@hartmann-maschinen.de', '/contacts', { channel: 'call', outcome: 'Reached, wants a demo', notes: 'Talked about routing rules and the first-call target' }],
    [3, 'james', 'POST', 'ava@brooks-supply.com', '/contacts', { channel: 'call', outcome: 'Voicemail' }],
    [6, 'anna', 'POST', 'lukas.gruber@alpenbau.at', '/contacts', { channel: 'email', outcome: 'Sent the pricing sheet' }],
    [25, 'anna', 'POST', 'sophie.meier@rheinwerk.de', '/contacts', { channel: 'call', outcome: 'Reached', notes: 'Budget approved for Q1' }],
    [26, 'anna', 'POST', 'jonas@hartmann-maschinen.de', '/contacts', { channel: 'meeting', outcome: 'Demo done', notes: 'Their head of production joined; asked about the CRM export' }],
    [26.5, 'anna', 'PUT', 'jonas@hartmann-maschinen.de', '/status', { status: 'in-progress', holdBack: 'budget' }],
    [28, 'james', 'POST', 'ava@brooks-supply.com', '/contacts', { channel: 'call', outcome: 'Reached, sending a proposal' }],
    [52, 'james', 'PUT', 'ava@brooks-supply.com', '/status', { status: 'purchased', value: 48000 }],
    [74, 'anna', 'POST', 'sophie.meier@rheinwerk.de', '/contacts', { channel: 'meeting', outcome: 'Proposal walked through' }],
    [75, 'anna', 'PUT', 'sophie.meier@rheinwerk.de', '/status', { status: 'purchased', value: 36000 }],
    [26.5, 'anna', 'POST', 'noah.keller@bergtech.ch', '/contacts', { channel: 'call', outcome: 'Voicemail' }],
    [49.5, 'anna', 'POST', 'mia.wagner@wagner-kuechen.de', '/contacts', { channel: 'call', outcome: 'Reached, call back Thursday' }],
    [50.5, 'james', 'POST', 'ethan.cole@coleandsons.com', '/contacts', { channel: 'email', outcome: 'Sent two times for a call' }],
    [73.5, 'anna', 'POST', 'felix.braun@braun-elektro.de', '/contacts', { channel: 'call', outcome: 'Reached, wants references' }],
    [100.5, 'anna', 'POST', 'hannah.vogel@vogel-druck.de', '/contacts', { channel: 'call', outcome: 'Reached', notes: 'Decision before year end; needs a quote by Friday' }],
  ];
  const everyRep = await Promise.all(['anna.schmidt', 'james.carter', 'lena.fischer', 'sam.okafor', 'priya.nair'].map((name) => issueDevToken(`${name}@stoke.example`, ['rep'])));
  const ownerToken = async (leadId: string) => {
    for (const token of everyRep) if ((await fetch(`${runtime.apiUrl}/leads/${leadId}`, { headers: { Authorization: `Bearer ${token}` } })).ok) return token;
    return undefined;
  };
  // Everything in the order it happened, the clock moved to each moment.
  const timeline = [
    ...arrivals.map(({ after, person, kind }) => ({ after, act: async () => void (ids[person.email] = (await call('POST', '/leads', undefined, { ...kind, ...person })).leadId as string) })),
    // Whoever holds the lead by then does it (routing, not this list, decides whose it is; the list names who was expected).
    ...work.map(([after, , method, email, path, body]) => ({ after, act: async () => {
        // A lead already in the fallback queue is the manager's to hand out: nobody works it meanwhile.
        const token = await ownerToken(ids[email]!);
        if (token) await call(method, `/leads/${ids[email]}${path}`, token, body);
      } })),
  ].sort((a, b) => a.after - b.after);
  for (const { after, act } of timeline) {
    await runtime.advance(Math.max(0, weekStart + after * hour - runtime.clock.now().getTime()));
    await act();
  }
  return arrivals.length;
}

const marketingPages = [
  ['journeys', '/desk/marketing'],
  ['machine-filter', '/desk/marketing/machine-filter'],
  ['funnel', '/desk/marketing/funnel'],
  ['consent', '/desk/marketing/consent'],
  ['tips', '/desk/marketing/tips?track=warm'],
] as const;

// Leads from marketing's campaigns, the Monday after the week above (09:30 UTC): warm ones in North America (no double
// opt-in: their tips go out), one cold, and two in Europe who are asked to confirm their address first.
const campaignLeads: Array<{ email: string; firstName: string; lastName: string; company?: string; country: string; source?: string; campaign?: string; cold?: boolean }> = [
  { email: 'emily.carter@brightline-tools.com', firstName: 'Emily', lastName: 'Carter', company: 'Brightline Tools', country: 'US', source: 'linkedin', campaign: 'autumn-webinar' },
  { email: 'daniel.reyes@harborview-logistics.com', firstName: 'Daniel', lastName: 'Reyes', company: 'Harborview Logistics', country: 'US', source: 'linkedin', campaign: 'autumn-webinar' },
  { email: 'grace.kim@maplecrest.ca', firstName: 'Grace', lastName: 'Kim', company: 'Maplecrest Supply', country: 'CA', source: 'linkedin', campaign: 'autumn-webinar' },
  { email: 'marcus.lee@summitfab.com', firstName: 'Marcus', lastName: 'Lee', company: 'Summit Fabrication', country: 'US', source: 'google', campaign: 'lead-scoring-ads' },
  { email: 'olivia.brown@pinecone-analytics.com', firstName: 'Olivia', lastName: 'Brown', company: 'Pinecone Analytics', country: 'US', source: 'google', campaign: 'lead-scoring-ads' },
  { email: 'hannah.scott@riverbend-foods.com', firstName: 'Hannah', lastName: 'Scott', company: 'Riverbend Foods', country: 'US', source: 'newsletter', campaign: 'december-issue' },
  { email: 'ryan.patel@copperleaf.io', firstName: 'Ryan', lastName: 'Patel', company: 'Copperleaf', country: 'US' },
  { email: 'jack.wilson@northwind-parts.com', firstName: 'Jack', lastName: 'Wilson', country: 'US', source: 'google', campaign: 'lead-scoring-ads', cold: true },
  { email: 'camille.durand@lumen-atelier.fr', firstName: 'Camille', lastName: 'Durand', company: 'Lumen Atelier', country: 'FR', source: 'partner-event', campaign: 'paris-expo' },
  { email: 'felix.hoffmann@hoffmann-bau.de', firstName: 'Felix', lastName: 'Hoffmann', company: 'Hoffmann Bau', country: 'DE', source: 'partner-event', campaign: 'paris-expo' },
];

/**
 * The campaigns' leads arrive; two days later their first tips have gone out, and SES reports what became of
 * them: deliveries, Apple's privacy proxy fetching the pixel, people opening and clicking (Emily twice on pricing
 * and demo links: she turns hot), security gateways following links on arrival, a bounce and an unsubscribe.
 */
async function seedMarketing(runtime: LocalRuntime): Promise<number> {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${runtime.apiUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    await runtime.settle();
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    return answer;
  };
  const warmly = { authority: 'influencer', budget: '50k-250k', timeline: '6m', consent: true };
  const ids: string[] = [];
  for (const lead of campaignLeads) {
    const { source, campaign, cold, ...person } = lead;
    ids.push((await post('/leads', { ...(cold ? { consent: true } : warmly), ...person, ...(source ? { utm_source: source } : {}), ...(campaign ? { utm_campaign: campaign } : {}) })).leadId as string);
  }
  // Wednesday 16:00 UTC: every first tip is out (warm after a day, cold after two, in each lead's send window).
  await runtime.advance(Date.parse('2026-12-02T16:00:00Z') - runtime.clock.now().getTime());
  const after = (message: { sentAt: string }, seconds: number) => new Date(Date.parse(message.sentAt) + seconds * 1000).toISOString();
  const safari = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
  const chrome = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
  const events: Array<Record<string, unknown>> = [];
  ids.forEach((leadId, i) => {
    const tip = runtime.ses.sent().find((message) => message.tags.some((t) => t.name === 'leadId' && t.value === leadId) && message.tags.some((t) => t.name === 'sequence'));
    if (!tip) return;
    const on = (seconds: number, event: Record<string, unknown>) => events.push({ messageId: tip.messageId, at: after(tip, seconds), ...event });
    if (i === 6) return void on(4, { type: 'bounce', bounceType: 'Permanent' });
    on(4, { type: 'delivery' });
    if ([0, 1, 3, 5].includes(i)) on(120, { type: 'open', userAgent: 'Mozilla/5.0', ip: '17.58.101.9' });
    if (i === 2 || i === 3) on(7, { type: 'click', link: 'https://stoke.example/guides/speed-to-lead', userAgent: chrome, ip: '40.94.29.11' });
    if (i === 4) on(95, { type: 'click', link: 'https://stoke.example/guides/speed-to-lead', userAgent: 'Mozilla/5.0 (compatible; Barracuda Sentinel)', ip: '64.235.150.2' });
    if (i <= 4 || i === 7) on(3_600 + i * 420, { type: 'open', userAgent: i % 2 ? chrome : safari, ip: `203.0.113.${10 + i}` });
    if (i === 1) on(3_900, { type: 'click', link: 'https://stoke.example/guides/speed-to-lead', userAgent: chrome, ip: '203.0.113.11' });
    if (i === 0) {
      on(4_000, { type: 'click', link: 'https://stoke.example/pricing', userAgent: safari, ip: '203.0.113.10' });
      on(4_150, { type: 'click', link: 'https://stoke.example/demo', userAgent: safari, ip: '203.0.113.10' });
    }
    if (i === 5) on(7_200, { type: 'subscription' });
  });
  for (const event of events.sort((a, b) => String(a.at).localeCompare(String(b.at)))) await post('/_local/ses-events', event);
  return campaignLeads.length;
}

/** A tab of its own, in Berlin, its clock standing at the runtime's time, signed in on the local sign-in page. */
async function signedIn(browser: Browser, runtime: LocalRuntime, name: string, viewport: { width: number; height: number }, landsOn = 'My leads'): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/Berlin', deviceScaleFactor: 1, reducedMotion: 'reduce' });
  await context.clock.setFixedTime(runtime.clock.now());
  const page = await context.newPage();
  await page.goto(`${runtime.apiUrl}/desk/sign-in`);
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await page.getByRole('heading', { name: landsOn, level: 1 }).waitFor();
  await settled(page);
  return page;
}

/** Opens a desk page; false when the desk answers its own "Page not found". */
async function opened(page: Page, runtime: LocalRuntime, path: string): Promise<boolean> {
  await page.goto(`${runtime.apiUrl}${path}`);
  const heading = page.locator('main h1').first();
  await heading.waitFor();
  if ((await heading.textContent())?.trim() === 'Page not found') return false;
  await settled(page);
  return true;
}

/** Nothing left loading in the page. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const { document } = globalThis as unknown as { document: { querySelector(selector: string): { textContent: string | null } | null } };
    return !/Loading|Signing you in/.test(document.querySelector('main')?.textContent ?? '');
  });
  await page.waitForLoadState('networkidle');
}

async function shoot(page: Page, name: string): Promise<string> {
  const file = join(out, `${name}.png`);
  const height = Math.min(maxHeight, await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } }).document.documentElement.scrollHeight));
  const { width } = page.viewportSize()!;
  await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width, height }, animations: 'disabled', caret: 'hide' });
  return file;
}

await main();
