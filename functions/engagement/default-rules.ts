import data from './default-engagement-rules.json' with { type: 'json' };
import { parseEngagementRules } from './engagement-rules.ts';

/**
 * The shipped engagement rules, validated once when the module loads.
 *
 * The machine filter follows how email vendors tell machines from readers:
 * Apple's proxy opens carry a bare "Mozilla/5.0" user agent (ClickDimensions'
 * adjusted opens, Mapp); 17.0.0.0/8 is Apple's own block, though proxy opens
 * mostly leave through iCloud Private Relay's partner ranges, which Apple
 * publishes and an adapter may append; gateways and scripts name themselves in
 * the user agent (Barracuda, Proofpoint, python-requests, curl...); Microsoft's
 * scanners pose as Chrome, so only their timing gives them away: every link
 * within seconds of delivery.
 */
export const defaultEngagementRules = parseEngagementRules(data, 'engagement rules (functions/engagement/default-engagement-rules.json)');
