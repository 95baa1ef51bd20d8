import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BehaviourModel, loadBehaviourModel } from '../../../infra/simulate/behaviour-model.ts';
import { machineActs, machinesBehind } from '../../../infra/simulate/machines.ts';
import { seeded } from '../../../infra/simulate/prng.ts';
import { defaultSalesPolicy } from '../../../functions/sales/default-policy.ts';
import { captureScore } from '../../../functions/learning/replay-score.ts';
import { firedAtCapture } from '../../../functions/learning/rule-indicators.ts';
import { defaultScoringModel } from '../../../functions/scoring/default-model.ts';
import { outcomeLead } from '../learning/outcome-leads.ts';

const seedReps = JSON.parse(readFileSync(new URL('../../../infra/local/seed-reps.json', import.meta.url), 'utf8')) as Array<{ repId: string }>;

describe('the behaviour model', () => {
  const model = loadBehaviourModel();

  it('closes leads only with reasons the sales policy accepts', () => {
    const accepted = defaultSalesPolicy.notInterestedReasons.map((r) => r.id);
    for (const { value } of model.sales.notInterestedReasons) expect(accepted).toContain(value);
  });

  it('describes only reps the local runtime seeds', () => {
    const ids = seedReps.map((r) => r.repId);
    for (const repId of Object.keys(model.sales.reps)) expect(ids).toContain(repId);
  });

  it('names a source for every machine behaviour and image proxy', () => {
    for (const { id, source } of [...model.machines, ...model.engagement.imageProxies]) expect(source.length, id).toBeGreaterThan(40);
  });

  it('refuses a machine behaviour that does not say how it acts, naming the field', () => {
    const [proxy, scanner] = model.machines.filter((m) => m.id === 'apple-mail-privacy-protection' || m.id === 'microsoft-defender-safe-links');
    const { links: _links, ...linkless } = scanner!;
    const problems = (machines: unknown[]) => {
      const parsed = BehaviourModel.safeParse({ ...model, machines });
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(problems([linkless])).toEqual(['machines.0.links: a click behaviour says which links it follows ("all" or "one"); an open follows none']);
    expect(problems([{ ...proxy, id: 'person-proxy' }])).toEqual(['machines.0.id: ids starting "person" name people\'s own signals; choose another']);
    expect(problems([{ ...proxy, delaySeconds: { min: 5, max: 1 } }])).toEqual(['machines.0.delaySeconds.max: min must not be more than max']);
    expect(problems([proxy, proxy])).toEqual(['machines.1.id: duplicate machine behaviour "apple-mail-privacy-protection"']);
  });

  it('puts behaviours behind the same thing on the same mailboxes, and follows every link one after another', () => {
    const defender = model.machines.filter((m) => m.behind === 'microsoft-defender');
    expect(defender.map((m) => m.kind).sort()).toEqual(['click', 'open']);
    for (let lead = 0; lead < 50; lead++) expect([0, 2]).toContain(machinesBehind(defender, seeded(lead)).length);

    const links = ['https://a.example/1', 'https://a.example/2', 'https://a.example/3'];
    const acts = machineActs(defender.find((m) => m.kind === 'click')!, 0, { all: links }, seeded(1));
    expect(acts.map((a) => a.link)).toEqual(links);
    expect(new Set(acts.map((a) => a.ip)).size).toBe(1);
    for (const [i, act] of acts.entries()) expect(act.atMs).toBeGreaterThanOrEqual(i === 0 ? 1000 : acts[i - 1]!.atMs);
  });

  it('plants a known answer: an interest three times as likely to buy, and a rule that fires on answers chosen at random', () => {
    const { interest, useless, profiles } = model.planted!;
    const fires = (fitInputs: Record<string, string>) => firedAtCapture(outcomeLead({ fitInputs, emailDomain: 'co1.example.com' }), defaultScoringModel);

    expect(interest.buyWithinYearShare.planted / interest.buyWithinYearShare.others).toBeCloseTo(3);
    for (const title of useless.firing) expect(fires({ [useless.field]: title }).has(useless.rule), title).toBe(true);
    for (const title of useless.notFiring) expect(fires({ [useless.field]: title }).has(useless.rule), title).toBe(false);
    // Nobody is ready at capture. Only says-ready's answers make a lead hot at capture, with the useless rule or without:
    // it never decides who goes to sales at capture, and leaves the others far below hot.
    expect(profiles.filter((p) => p.readyAtCapture)).toEqual([]);
    const need = 'We want to follow up every inquiry and stop losing leads between marketing and sales.';
    for (const profile of profiles) {
      for (const title of [useless.firing[0]!, useless.notFiring[0]!]) {
        const total = captureScore(outcomeLead({ fitInputs: { ...profile.fields, need, [useless.field]: title }, emailDomain: 'co1.example.com' }), defaultScoringModel);
        if (profile.id === 'says-ready') expect(total, `${profile.id}, ${title}`).toBeGreaterThanOrEqual(defaultScoringModel.thresholds.hot);
        else expect(total, `${profile.id}, ${title}`).toBeLessThanOrEqual(defaultScoringModel.thresholds.hot - 30);
      }
    }
  });
});

