import type { LeadStatus } from '../leads/lead.ts';
import type { Temperature } from '../scoring/temperatures.ts';
import { isTimeZone } from '../platform/time-zones.ts';
import { defaultRuleId, type NurturePolicy, type TrackRule } from './nurture-policy.ts';

/** What track rules read of a lead. */
export type TrackableLead = { temperature: Temperature; interest?: string; country?: string; status?: LeadStatus };

/** `rule` is the id of the rule that matched, or `default` when none did. */
export type TrackChoice = { track: string; rule: string };

/**
 * The track a lead starts on: the first rule that matches, else the policy's
 * default track. A customer (purchased) gets only a track a rule names for
 * customers, and none when no rule does.
 */
export function chooseTrack(lead: TrackableLead, policy: NurturePolicy): TrackChoice | undefined {
  const rule = policy.tracks.find((candidate) => matches(candidate.when, lead));
  if (rule) return { track: rule.track, rule: rule.id };
  return isCustomer(lead) ? undefined : { track: policy.defaultTrack, rule: defaultRuleId };
}

const isCustomer = (lead: TrackableLead) => lead.status === 'purchased';

function matches(when: TrackRule['when'], lead: TrackableLead): boolean {
  const interest = lead.interest?.toLowerCase();
  const country = countryOf(lead);
  if ((when.statuses !== undefined) !== isCustomer(lead)) return false;
  return (
    (when.temperatures === undefined || when.temperatures.includes(lead.temperature)) &&
    (when.interests === undefined || (interest !== undefined && when.interests.some((word) => interest.includes(word)))) &&
    (when.countries === undefined || (country !== undefined && when.countries.includes(country)))
  );
}

/**
 * The zone the send window is read in: the lead's own, else their country's,
 * else the policy default. A stored zone the runtime does not know (renamed
 * since capture) falls back instead of failing every send to that lead.
 */
export function leadTimeZone(lead: { timezone?: string; country?: string }, policy: NurturePolicy): string {
  if (lead.timezone !== undefined && isTimeZone(lead.timezone)) return lead.timezone;
  const country = countryOf(lead);
  return (country !== undefined ? policy.timeZones.byCountry[country] : undefined) ?? policy.timeZones.default;
}

/**
 * Whether the lead must confirm their address before the first tip. A lead
 * of unknown country must: an unneeded confirmation costs a click, a missing
 * one leaves no proof of consent where the law asks for it.
 */
export function needsDoubleOptIn(lead: { country?: string }, policy: NurturePolicy): boolean {
  const country = countryOf(lead);
  return country === undefined || policy.doubleOptIn.countries.includes(country);
}

// Capture stores upper-case codes; other writers may not, and a missed match here would skip a legal step.
function countryOf(lead: { country?: string }): string | undefined {
  return lead.country?.trim().toUpperCase() || undefined;
}
