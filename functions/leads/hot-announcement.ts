import type { EventPublisher } from '../events/event-publisher.ts';
import { type LeadBecameHot, leadBecameHot } from '../events/lead-became-hot.ts';
import type { Lead } from './lead.ts';
import type { LeadStore } from './lead-store.ts';
import type { FigureStore } from '../marketing/figure-store.ts';
import { turnedHot } from '../marketing/tallies.ts';

export type HotAnnouncementDeps = { events: EventPublisher; leads: Pick<LeadStore, 'markAnnounced'>; figures: FigureStore };

/**
 * A known lead turned hot: sales must hear of it once per episode. Publishes
 * lead.became-hot for the lead's current episode unless it was announced,
 * only after the write that made it hot was saved, then notes that it was: a
 * failure in between announces the episode again rather than never. Marketing's
 * figures count the turn with the announcement: for the tips of the days
 * before, and, the first time, in the lead's funnel.
 */
export async function announceBecameHot(lead: Lead, cause: LeadBecameHot['cause'], at: string, deps: HotAnnouncementDeps): Promise<void> {
  if (!(lead.hotEpisode > (lead.hotAnnounced ?? 0))) return;
  await deps.events.publish(leadBecameHot, { version: 1, leadId: lead.leadId, episode: lead.hotEpisode, score: lead.score.total, cause, at });
  await deps.figures.record(turnedHot(lead, at));
  await deps.leads.markAnnounced(lead.leadId, lead.announcedAt ?? at, lead.hotEpisode);
}
