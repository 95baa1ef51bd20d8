import data from './default-contact-plans.json' with { type: 'json' };
import { parseContactPlanPolicy } from './contact-plan-policy.ts';

/** The shipped contact plans, validated once when the module loads. */
export const defaultContactPlans = parseContactPlanPolicy(data, 'contact plans (functions/plans/default-contact-plans.json)');
