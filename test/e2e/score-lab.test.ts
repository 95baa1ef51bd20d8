import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDevToken } from '../../infra/local/dev-tokens.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import defaultModel from '../../functions/scoring/default-scoring-model.json' with { type: 'json' };
import { localApi } from '../support/local-api.ts';
import { startTestRuntime } from '../support/test-runtime.ts';

/*
 * The score lab through the local runtime: leads captured, handed off and
 * closed by sales as they are in production, then a candidate model replayed
 * over them through the API and `npm run score:backtest`.
 */

let runtime: LocalRuntime;
let marketer: string;
let dir: string;
const api = localApi(() => runtime);
const run = promisify(execFile);
const hot = (email: string) => ({ email, firstName: 'Dana', company: 'Weber', jobTitle: 'Head of Operations', authority: 'decision-maker', budget: '250k-plus', timeline: 'now', consent: true, country: 'US' });
const warm = (email: string) => ({ email, firstName: 'Kim', authority: 'influencer', timeline: '6m', consent: true, country: 'US' });
// The candidate: a senior title is worth 30 points instead of 10.
const candidate = { ...defaultModel, version: 'senior-titles-30', rules: defaultModel.rules.map((rule) => (rule.id === 'senior-title' ? { ...rule, points: 30 } : rule)) };

beforeAll(async () => {
  // Monday 23 November 2026, 08:00 UTC.
  runtime = await startTestRuntime('score-lab', new Date('2026-11-23T08:00:00Z'));
  marketer = await issueDevToken('marketing@stoke.example', ['marketing']);
  dir = await mkdtemp(join(tmpdir(), 'score-lab-'));
  const manager = await issueDevToken('maria.keller@stoke.example', ['manager']);
  const close = async (leadId: string, status: object) => {
    const owner = (await api('GET', `/leads/${leadId}`, manager)).body.lead.owner;
    const rep = await issueDevToken(owner.email, ['rep']);
    expect((await api('POST', `/leads/${leadId}/contacts`, rep, { channel: 'call' })).status).toBe(200);
    expect((await api('PUT', `/leads/${leadId}/status`, rep, status)).status).toBe(200);
  };
  const buyer = (await api('POST', '/leads', undefined, hot('buyer@weber.example'))).body.leadId;
  const declined = (await api('POST', '/leads', undefined, hot('declined@weber.example'))).body.leadId;
  await api('POST', '/leads', undefined, warm('reader@northwind.example'));
  await api('POST', '/_local/clock', undefined, { advance: 'PT2H' });
  await close(buyer, { status: 'purchased', value: 12_000 });
  await close(declined, { status: 'not-interested', reason: 'not-a-fit' });
}, 120_000);
afterAll(async () => {
  await runtime?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('the score lab', () => {
  it('replays a candidate model beside the current one over the leads captured in the period', async () => {
    const { status, body } = await api('POST', '/marketing/scoring/backtest', marketer, { model: candidate, from: '2026-11-01', to: '2026-11-30' });

    expect(status).toBe(200);
    expect(body).toMatchObject({
      period: { from: '2026-11-01', to: '2026-11-30' },
      leads: 3,
      skipped: [],
      backtest: { leads: 3, purchasers: 1, outcomes: { purchased: 1, 'not-interested': 1, 'in-progress': 0, none: 1 } },
    });
    const { current, candidate: tried } = body.backtest;
    expect([current.version, tried.version]).toEqual([defaultModel.version, 'senior-titles-30']);
    // Both hot leads were hot at capture under either model; one of them bought.
    expect(current).toMatchObject({ threshold: 60, hotAtCapture: 2, purchasedOfHot: 1, missedPurchasers: 0, precision: 0.5, recall: 1 });
    expect(current.curve.map((point: { threshold: number }) => point.threshold)).toEqual([30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90]);
    expect(body.backtest.actualWait).toMatchObject({ purchasers: 1, handedOff: 1 });
  });

  it('refuses a candidate the shipped model’s schema refuses, naming each problem by its path, and stores nothing', async () => {
    const broken = { ...candidate, rules: candidate.rules.map((rule, n) => (n === 3 ? { ...rule, points: 'ten' } : rule)) };

    const { status, body } = await api('POST', '/marketing/scoring/backtest', marketer, { model: broken });

    expect(status).toBe(400);
    expect(body.errors).toEqual([expect.objectContaining({ field: 'model.rules.3.points' })]);
  });

  it('says which rules fired on how many leads, and that three outcomes are not enough for a verdict', async () => {
    const { status, body } = await api('GET', '/marketing/scoring/signals?from=2026-11-01&to=2026-11-30', marketer);

    expect(status).toBe(200);
    expect(body).toMatchObject({ leads: 3, purchasers: 1, minimumSample: { leadsEachSide: 30, purchasesEachSide: 5 } });
    const senior = body.lifts.find((lift: { id: string }) => lift.id === 'senior-title');
    expect(senior).toMatchObject({ fired: { leads: 2, purchased: 1 }, verdict: 'not-enough-outcomes' });
    expect(body.lifts.every((lift: { verdict: string }) => lift.verdict === 'not-enough-outcomes')).toBe(true);
    expect(body.suggestion.model.version).toMatch(/\S/);
  });

  it('serves the current model to start from, to marketing and managers only', async () => {
    expect((await api('GET', '/marketing/scoring/model', marketer)).body).toEqual(defaultModel);
    const rep = await issueDevToken('anna.schmidt@stoke.example', ['rep']);
    expect((await api('POST', '/marketing/scoring/backtest', rep, { model: candidate })).status).toBe(403);
    expect((await api('GET', '/marketing/scoring/signals', rep)).status).toBe(403);
  });

  it('prints the comparison with npm run score:backtest, weeks as ISO weeks', async () => {
    const file = join(dir, 'candidate.json');
    await writeFile(file, JSON.stringify(candidate));

    const { stdout } = await run('node', ['--import', 'tsx', 'infra/score-lab/score-backtest.ts', '--model', file, '--from', '2026-W45', '--to', '2026-W48', '--api-url', runtime.apiUrl]);

    expect(stdout).toContain('Leads captured 2026-11-02 to 2026-11-29: 3 read; 1 purchased, 1 not interested, 0 in progress, 1 without an outcome.');
    expect(stdout).toMatch(/hot at capture\s+2\s+2/);
    expect(stdout).toMatch(/recall of purchasers\s+100\.0%\s+100\.0%/);
    expect(stdout).toContain('Nothing was applied');
  }, 60_000);
});
