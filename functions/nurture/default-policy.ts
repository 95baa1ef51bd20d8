import data from './default-nurture-policy.json' with { type: 'json' };
import { parseNurturePolicy } from './nurture-policy.ts';

/** The shipped nurture policy, validated once when the module loads. */
export const defaultNurturePolicy = parseNurturePolicy(data, 'nurture policy (functions/nurture/default-nurture-policy.json)');
