import type { Lead } from '../leads/lead.ts';
import type { LeadStore } from '../leads/lead-store.ts';
import { type OutcomeLead, outcomeLeadOf } from './outcome-lead.ts';

/** Each stored lead as a backtest reads it, with its timeline (history and signals in one read), a few leads at a time. */
export async function outcomeLeadsOf(store: Pick<LeadStore, 'timelineOf'>, leads: readonly Lead[]): Promise<{ leads: OutcomeLead[]; skipped: Array<{ leadId: string; reason: string }> }> {
  const read: OutcomeLead[] = [];
  const skipped: Array<{ leadId: string; reason: string }> = [];
  for (let i = 0; i < leads.length; i += 8) {
    const some = leads.slice(i, i + 8);
    const timelines = await Promise.all(some.map((lead) => store.timelineOf(lead.leadId)));
    some.forEach((lead, j) => {
      const result = outcomeLeadOf(lead, timelines[j]!);
      if (result.type === 'read') read.push(result.lead);
      else skipped.push({ leadId: result.leadId, reason: result.reason });
    });
  }
  return { leads: read, skipped };
}
