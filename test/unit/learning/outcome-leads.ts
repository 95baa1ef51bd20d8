import type { PointedSignal } from '../../../functions/engagement/engagement-score.ts';
import type { FitInputs, Outcome, OutcomeLead } from '../../../functions/learning/outcome-lead.ts';

export const capturedAt = '2027-01-04T09:00:00.000Z';
const hourMs = 3_600_000;

/** An ISO time `hours` after the leads' capture. */
export const hoursLater = (hours: number) => new Date(Date.parse(capturedAt) + hours * hourMs).toISOString();

/** The warm profile of the shipped model: 15 + 8 + 12 + 10 (company email) = 45 points at capture. */
export const warmInputs: FitInputs = { authority: 'influencer', timeline: '6m', budget: '10k-50k' };

/** A decision-maker buying now with a big budget: 25 + 20 + 25 + 10 (company email) = 80 points at capture. */
export const hotInputs: FitInputs = { authority: 'decision-maker', timeline: 'now', budget: '250k-plus' };

export const purchased = (hours: number): Outcome => ({ type: 'purchased', at: hoursLater(hours) });

export function outcomeLead(changes: Partial<OutcomeLead> = {}): OutcomeLead {
  return { leadId: `lead-${Math.random().toString(36).slice(2, 10)}`, emailDomain: 'acme.example', capturedAt, fitInputs: {}, reinquiries: [], engagement: [], outcome: { type: 'none' }, ...changes };
}

export const pricingClick = (hours: number, messageId = `tip-${hours}`): PointedSignal => ({ type: 'click', at: hoursLater(hours), messageId, rule: 'pricing', points: 20, reason: 'Clicked through to pricing' });
export const opened = (hours: number, messageId = `tip-${hours}`): PointedSignal => ({ type: 'open', at: hoursLater(hours), messageId, rule: 'open', points: 3, reason: 'Opened an email' });
