import { createHash } from 'node:crypto';
import type { EmailStream } from '../email/email-streams.ts';
import { dayOf } from '../marketing/tallies.ts';
import type { DayFigures, Tally } from '../marketing/figure-store.ts';
import type { Brake } from '../nurture/nurture-policy.ts';

/*
 * A stream's sender reputation as Stoke counts it from SES's own events:
 * every Send, every permanent Bounce and every Complaint, on the day SES
 * reported it, once per event. Kept among marketing's daily figures, so a
 * window of days is one query per day.
 */

export type ReputationEvent = 'sent' | 'bounced' | 'complained';

/** Leads behind the bounces and complaints kept per stream, kind and day, for the managers' email. */
export const leadsKeptPerDay = 20;

const item = (stream: EmailStream) => `reputation#${stream}`;
const leadItem = (stream: EmailStream, event: ReputationEvent, slot: number) => `${item(stream)}#${event}#${slot}`;

/** What one SES event adds to its stream's reputation; a bounce or complaint also keeps the lead it was about. */
export function reputationTally(eventId: string, stream: EmailStream, event: ReputationEvent, at: string, leadId?: string): Tally {
  const day = dayOf(at);
  const samples = event !== 'sent' && leadId ? [{ day, item: leadItem(stream, event, slotOf(eventId)), sample: JSON.stringify({ leadId, at }) }] : [];
  return { key: `reputation:${eventId}`, adds: [{ day, item: item(stream), counts: { [event]: 1 } }], samples };
}

export type Reputation = {
  sends: number;
  bounces: number;
  complaints: number;
  /** Leads behind the window's bounces and complaints, as far as they were kept, newest first. */
  leads: { bounced: string[]; complained: string[] };
};

/** A stream's counts over the days given (the brake's window). */
export function reputationOf(days: readonly DayFigures[], stream: EmailStream): Reputation {
  const counts = days.map((day) => day.counts[item(stream)] ?? {});
  const sum = (name: ReputationEvent) => counts.reduce((total, count) => total + (count[name] ?? 0), 0);
  const leadsOf = (event: ReputationEvent) => {
    const prefix = `${item(stream)}#${event}#`;
    const kept = days.flatMap((day) =>
      Object.entries(day.samples)
        .filter(([name]) => name.startsWith(prefix))
        .map(([, sample]) => JSON.parse(sample) as { leadId: string; at: string }),
    );
    return [...new Set(kept.sort((a, b) => b.at.localeCompare(a.at)).map((lead) => lead.leadId))];
  };
  return { sends: sum('sent'), bounces: sum('bounced'), complaints: sum('complained'), leads: { bounced: leadsOf('bounced'), complained: leadsOf('complained') } };
}

export type Rate = { count: number; rate: number; threshold: number };
export type BrakeVerdict =
  | { pause: false; why: 'within thresholds' | 'too few sends to judge'; sends: number; bounces: Rate; complaints: Rate }
  | { pause: true; because: 'bounces' | 'complaints'; sends: number; bounces: Rate; complaints: Rate };

/** Whether a stream's reputation over the window calls for the brake. Complaints first: they cost the most. */
export function brakeVerdict(reputation: Reputation, brake: Brake): BrakeVerdict {
  const { sends } = reputation;
  const rate = (count: number, threshold: number): Rate => ({ count, rate: sends ? count / sends : 0, threshold });
  const figures = { sends, bounces: rate(reputation.bounces, brake.bounceRate), complaints: rate(reputation.complaints, brake.complaintRate) };
  if (sends < brake.minimumSends) return { pause: false, why: 'too few sends to judge', ...figures };
  if (figures.complaints.rate >= brake.complaintRate) return { pause: true, because: 'complaints', ...figures };
  if (figures.bounces.rate >= brake.bounceRate) return { pause: true, because: 'bounces', ...figures };
  return { pause: false, why: 'within thresholds', ...figures };
}

/** The UTC days of the window that ends with `at`'s day. */
export function windowDays(at: Date, days: number): string[] {
  return Array.from({ length: days }, (_, back) => new Date(at.getTime() - back * 86_400_000).toISOString().slice(0, 10)).reverse();
}

function slotOf(eventId: string): number {
  return createHash('sha256').update(eventId).digest().readUInt32BE(0) % leadsKeptPerDay;
}
