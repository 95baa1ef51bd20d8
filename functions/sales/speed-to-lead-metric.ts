import type { HistoryEntry } from '../leads/history.ts';
import type { LeadStore } from '../leads/lead-store.ts';
import type { PublishBusinessMetric } from '../platform/business-metrics.ts';

/**
 * The lead store, publishing the minutes from handoff to first contact of
 * every first contact it saves. A logged contact's history entry carries them
 * when it is the assignment's first (sales-changes.ts `logContact`), and a
 * save is made once, under the lead's version: a retried request or a
 * replayed link finds the contact recorded and saves nothing, so a first
 * contact is measured once, at the desk or from an email link alike.
 */
export function withSpeedToLeadMetric(leads: LeadStore, publish: PublishBusinessMetric): LeadStore {
  return {
    ...leads,
    async save(lead, expectedVersion, entries, rotation) {
      const saved = await leads.save(lead, expectedVersion, entries, rotation);
      if (saved === 'saved') for (const minutes of entries.flatMap(firstContactMinutes)) publish('minutesToFirstContact', minutes);
      return saved;
    },
  };
}

// A contact dated before its handoff was the previous owner's business, not this one's speed.
function firstContactMinutes(entry: HistoryEntry): number[] {
  const minutes = entry.details.minutesToFirstContact;
  return entry.type === 'contact-logged' && typeof minutes === 'number' && minutes >= 0 ? [minutes] : [];
}
