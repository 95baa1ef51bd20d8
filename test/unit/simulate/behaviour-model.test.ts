import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBehaviourModel } from '../../../infra/simulate/behaviour-model.ts';
import { defaultSalesPolicy } from '../../../functions/sales/default-policy.ts';

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
});
