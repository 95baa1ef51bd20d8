import { isClosed } from '../leads/lead.ts';
import type { ReviewLead } from './review-input.ts';
import type { LeadRef } from './weekly-review.ts';

const dayMs = 86_400_000;

export type Week = { start: number; end: number };

export function weekOf({ start, end }: { start: string; end: string }): Week {
  return { start: Date.parse(start), end: Date.parse(end) };
}

/** Whether the moment falls in the week: from its start, up to but not including its end. */
export function inWeek(at: string | undefined, week: Week): boolean {
  if (at === undefined) return false;
  const time = Date.parse(at);
  return time >= week.start && time < week.end;
}

/** Whether the review still counts the lead as undecided: not closed, whether or not sales holds it yet. */
export function notClosed(lead: ReviewLead): boolean {
  return !isClosed(lead);
}

/** When sales last moved the lead forward; a lead nobody touched counts from its assignment. */
export function progressAt(lead: ReviewLead): string {
  return lead.lastProgressAt ?? lead.firstContactAt ?? lead.assignedAt ?? lead.capturedAt;
}

/** Whole days from `at` to `now`. */
export function daysSince(at: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(at)) / dayMs);
}

export function leadRef({ leadId, name, company }: ReviewLead): LeadRef {
  return company === undefined ? { leadId, name } : { leadId, name, company };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function average(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Leads by key, in their order. (Map.groupBy needs Node 21.) */
export function groupLeads<Key>(leads: readonly ReviewLead[], keyOf: (lead: ReviewLead) => Key): Map<Key, ReviewLead[]> {
  const groups = new Map<Key, ReviewLead[]>();
  for (const lead of leads) {
    const key = keyOf(lead);
    const group = groups.get(key);
    if (group) group.push(lead);
    else groups.set(key, [lead]);
  }
  return groups;
}
