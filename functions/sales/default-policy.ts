import data from './default-sales-policy.json' with { type: 'json' };
import { parseSalesPolicy } from './sales-policy.ts';

/** The shipped sales policy, validated once when the module loads. */
export const defaultSalesPolicy = parseSalesPolicy(data, 'sales policy (functions/sales/default-sales-policy.json)');
