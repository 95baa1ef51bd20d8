import type { EventPublisher } from '../events/event-publisher.ts';
import { sendingPaused } from '../events/sending-paused.ts';
import { teamEmailFailed } from '../events/team-email-failed.ts';
import type { SesEventDetail } from '../engagement/ses-event.ts';
import type { FigureStore } from '../marketing/figure-store.ts';
import type { Brake } from '../nurture/nurture-policy.ts';
import type { BrakeStore } from './brake-store.ts';
import { brakeVerdict, type ReputationEvent, reputationOf, reputationTally, windowDays } from './reputation.ts';

export type ReputationDeps = { figures: FigureStore; brake: BrakeStore; events: EventPublisher; policy: { brake: Brake }; now(): Date };

/** What a stream's SES event means for its reputation: a send, a permanent bounce, a complaint, or nothing. */
function reputationEvent(detail: SesEventDetail): ReputationEvent | undefined {
  if (detail.eventType === 'Send') return 'sent';
  if (detail.eventType === 'Bounce' && detail.bounce?.bounceType === 'Permanent') return 'bounced';
  if (detail.eventType === 'Complaint') return 'complained';
  return undefined;
}

/**
 * Counts marketing's sends, permanent bounces and complaints once each, and
 * on a bounce or complaint looks at the window: over the threshold, the brake
 * is pulled and `sending.paused` announced. A retry of the event that pulled
 * it announces again (the managers' email is sent once per pause), so a
 * failure between pulling and announcing loses nothing.
 */
export async function watchMarketingReputation(eventId: string, detail: SesEventDetail, deps: ReputationDeps): Promise<'paused' | 'counted' | 'nothing to count'> {
  const event = reputationEvent(detail);
  if (!event) return 'nothing to count';
  const at = event === 'bounced' ? detail.bounce!.timestamp : event === 'complained' ? detail.complaint!.timestamp : detail.mail.timestamp;
  await deps.figures.record(reputationTally(eventId, 'marketing', event, at, detail.mail.tags.leadId?.[0]));
  if (event === 'sent') return 'counted';

  const { brake } = deps.policy;
  const now = deps.now();
  const reputation = reputationOf(await deps.figures.days(windowDays(now, brake.windowDays)), 'marketing');
  const verdict = brakeVerdict(reputation, brake);
  if (!verdict.pause) return 'counted';
  const paused = { ...verdict, at: now.toISOString(), windowDays: brake.windowDays, leads: reputation.leads, eventId };
  if ((await deps.brake.pause('marketing', paused)) === 'already paused') {
    const state = await deps.brake.state('marketing');
    if (state.status !== 'paused' || state.paused.eventId !== eventId) return 'counted';
  }
  const { pause: _pause, leads: _leads, eventId: _eventId, ...figures } = paused;
  await deps.events.publish(sendingPaused, { version: 1, stream: 'marketing', ...figures });
  return 'paused';
}

/**
 * An email to someone who works in Stoke bounced for good or drew a
 * complaint: announced, so the managers hear of it (their set suppresses
 * nothing). Transient bounces are SES's to retry.
 */
export async function reportTeamEmailFailure(detail: SesEventDetail, events: EventPublisher): Promise<'reported' | 'nothing to report'> {
  const failure = detail.eventType === 'Bounce' && detail.bounce?.bounceType === 'Permanent' ? 'bounce' : detail.eventType === 'Complaint' ? 'complaint' : undefined;
  if (!failure) return 'nothing to report';
  const recipients = failure === 'bounce' ? detail.bounce!.bouncedRecipients : detail.complaint!.complainedRecipients;
  for (const recipient of recipients) {
    await events.publish(teamEmailFailed, {
      version: 1,
      recipient: recipient.emailAddress,
      failure,
      ...(recipient.diagnosticCode ? { diagnostic: recipient.diagnosticCode } : {}),
      ...(detail.mail.tags.template?.[0] ? { template: detail.mail.tags.template[0] } : {}),
      ...(detail.mail.tags.leadId?.[0] ? { leadId: detail.mail.tags.leadId[0] } : {}),
      messageId: detail.mail.messageId,
      at: failure === 'bounce' ? detail.bounce!.timestamp : detail.complaint!.timestamp,
    });
  }
  return 'reported';
}

