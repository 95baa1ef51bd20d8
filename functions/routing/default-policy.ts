import data from './default-routing-policy.json' with { type: 'json' };
import { parseRoutingPolicy } from './routing-policy.ts';

/** The shipped routing policy, validated once when the module loads. */
export const defaultRoutingPolicy = parseRoutingPolicy(data, 'routing policy (functions/routing/default-routing-policy.json)');
