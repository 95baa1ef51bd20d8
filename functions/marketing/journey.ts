import type { DayFigures } from './figure-store.ts';
import { byPrefix, rate, sumItems } from './figure-sums.ts';
import type { Period } from './period.ts';
import { hotAfterStepDays, items } from './tallies.ts';

/** One step of a track as marketers wrote it: the tip, when it goes and on what condition. */
export type TrackStep = { templateId: string; subject: string; preheader: string; delay: string; conditions: string[] };
/** A track as the templates and the nurture policy define it; `rules` are the policy's rules that choose it. */
export type TrackDefinition = { track: string; role: string[]; steps: TrackStep[] };

export type StepFigures = {
  sent: number;
  delivered: number;
  /** Emails a person opened, or clicked in, at least once: machines' opens and clicks are not in these. */
  opened: number;
  clicked: number;
  /** Opens and clicks the filter judged machine-made, by the reason it gave. */
  openFiltered: Record<string, number>;
  clickFiltered: Record<string, number>;
  unsubscribed: number;
  bounced: number;
  softBounced: number;
  complained: number;
  /** Leads that turned hot within `hotAfterStepDays` after the step reached them. */
  turnedHot: number;
  rates: { delivered: number | null; opened: number | null; clicked: number | null; unsubscribed: number | null; turnedHot: number | null };
};

export type JourneyStep = TrackStep & { number: number; figures: StepFigures };
export type JourneyTrack = { track: string; role: string[]; steps: JourneyStep[]; retired: Array<{ templateId: string; figures: StepFigures }> };
export type Journey = { period: Period; hotWithinDays: number; note: string; tracks: JourneyTrack[] };

/**
 * Each track's steps in order with what happened to the tips sent in the
 * period: a tip's figures belong to the day it was sent, so its rates compare
 * like with like. Steps no longer in the templates but sent in the period are
 * kept apart, as retired.
 */
export function journeyMap(period: Period, days: readonly DayFigures[], tracks: readonly TrackDefinition[]): Journey {
  const sums = sumItems(days, (item) => (item.startsWith('step#') ? item : undefined));
  const shown = new Set<string>();
  const figuresOf = (track: string, templateId: string) => {
    const key = items.step(track, templateId);
    shown.add(key);
    return stepFigures(sums.get(key) ?? {});
  };
  const journey = tracks.map(({ track, role, steps }) => ({
    track,
    role,
    steps: steps.map((step, index) => ({ ...step, number: index + 1, figures: figuresOf(track, step.templateId) })),
    retired: [] as JourneyTrack['retired'],
  }));
  for (const [key, counts] of sums) {
    if (shown.has(key)) continue;
    const [, track = '', templateId = ''] = key.split('#');
    let home = journey.find((candidate) => candidate.track === track);
    if (!home) journey.push((home = { track, role: ['no longer in the templates'], steps: [], retired: [] }));
    home.retired.push({ templateId, figures: stepFigures(counts) });
  }
  return {
    period,
    hotWithinDays: hotAfterStepDays,
    note: `Figures of the tips sent in the period. Opened and clicked count emails a person opened or clicked in, once each; machine opens and clicks are counted apart, by the reason the filter gave. Turned hot: leads that turned hot within ${hotAfterStepDays} days after the tip.`,
    tracks: journey,
  };
}

function stepFigures(counts: Record<string, number>): StepFigures {
  const count = (name: string) => counts[name] ?? 0;
  const sent = count('sent');
  const delivered = count('delivered');
  return {
    sent,
    delivered,
    opened: count('opened'),
    clicked: count('clicked'),
    openFiltered: byPrefix(counts, 'openFiltered'),
    clickFiltered: byPrefix(counts, 'clickFiltered'),
    unsubscribed: count('unsubscribed'),
    bounced: count('bounced'),
    softBounced: count('softBounced'),
    complained: count('complained'),
    turnedHot: count('turnedHot'),
    rates: {
      delivered: rate(delivered, sent),
      opened: rate(count('opened'), delivered),
      clicked: rate(count('clicked'), delivered),
      unsubscribed: rate(count('unsubscribed'), delivered),
      turnedHot: rate(count('turnedHot'), sent),
    },
  };
}
