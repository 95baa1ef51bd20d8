import type { Journey, JourneyStep, JourneyTrack, StepFigures } from '../api/types.ts';
import { Bar } from '../review/bars.tsx';
import { Figure, FigurePage, type MarketingPageProps } from './marketing.tsx';
import { count, delaySentence, percent, plural, reasonLabel, templateFile, trackTitle, whoIsOn } from './marketing-words.ts';

/**
 * Journeys: each nurture track as the tips it sends, in order, with what
 * became of the tips sent in the period, and the tip that turns the most
 * leads hot picked out. One API request: `GET /marketing/journey`.
 */
export function JourneysPage({ api, query, manager }: MarketingPageProps) {
  return (
    <FigurePage<Journey>
      api={api}
      manager={manager}
      from={query.get('from')}
      to={query.get('to')}
      here="/desk/marketing"
      endpoint="/marketing/journey"
      title="Journeys"
      what="journeys"
      intro={<p class="lede">Each nurture track as the emails (tips) it sends, in order, and what the tips sent in the period led to.</p>}
    >
      {(journey) => (
        <>
          <p class="meta">{journey.note}</p>
          {journey.tracks.map((track) => (
            <TrackJourney key={track.track} track={track} hotWithinDays={journey.hotWithinDays} />
          ))}
        </>
      )}
    </FigurePage>
  );
}

function TrackJourney({ track, hotWithinDays }: { track: JourneyTrack; hotWithinDays: number }) {
  const id = `track-${track.track}`;
  const sent = track.steps.reduce((sum, step) => sum + step.figures.sent, 0);
  const best = bestStep(track.steps);
  const maxHot = Math.max(0, ...track.steps.map((step) => step.figures.rates.turnedHot ?? 0));
  return (
    <section class="card track" aria-labelledby={id}>
      <h2 id={id}>{trackTitle(track.track)} track</h2>
      <p class="meta">
        {track.steps.length === 0 ? 'No tips in the templates.' : `${plural(track.steps.length, 'tip')}; ${plural(sent, 'email')} sent in the period.`} Who is on it:{' '}
        {whoIsOn(track.role)}.
      </p>
      {best ? (
        <p class="best-note">
          <strong>Turns the most leads hot:</strong> step {best.number}, “{best.subject}”: {percent(best.figures.rates.turnedHot)} of the leads sent it ({count(best.figures.turnedHot)} of{' '}
          {count(best.figures.sent)}) turned hot within {plural(hotWithinDays, 'day')}.
        </p>
      ) : (
        sent > 0 && <p>No lead sent a tip of this track in the period turned hot within {plural(hotWithinDays, 'day')}.</p>
      )}
      <ol class="journey" aria-label={`${trackTitle(track.track)} track, step by step`}>
        {track.steps.map((step) => (
          <li key={step.templateId} class={step === best ? 'journey-step best' : 'journey-step'}>
            <StepCard track={track.track} step={step} best={step === best} maxHot={maxHot} hotWithinDays={hotWithinDays} />
          </li>
        ))}
      </ol>
      {track.retired.length > 0 && <Retired track={track} />}
    </section>
  );
}

/** The step whose tips turned the largest share of leads hot; none when no tip turned anyone hot. */
function bestStep(steps: JourneyStep[]): JourneyStep | undefined {
  let best: JourneyStep | undefined;
  for (const step of steps) {
    const rate = step.figures.rates.turnedHot ?? 0;
    if (rate > 0 && (!best || rate > (best.figures.rates.turnedHot ?? 0))) best = step;
  }
  return best;
}

function StepCard({ track, step, best, maxHot, hotWithinDays }: { track: string; step: JourneyStep; best: boolean; maxHot: number; hotWithinDays: number }) {
  const id = `step-${track}-${step.number}`;
  const { figures } = step;
  return (
    <article class="step-card" aria-labelledby={id}>
      <p class="wait">{delaySentence(step.delay, step.number)}</p>
      <h3 id={id}>
        <span class="step-number" aria-hidden="true">
          {step.number}
        </span>
        <span class="visually-hidden">Step {step.number}: </span>
        {step.subject}
        {best && <span class="badge"> Most leads turned hot</span>}
      </h3>
      {step.preheader && <p class="meta preheader">{step.preheader}</p>}
      {step.conditions.length > 0 && (
        <div class="conditions">
          <span>Sent only to leads for whom this holds:</span>
          {step.conditions.map((condition) => (
            <code key={condition}>{condition}</code>
          ))}
        </div>
      )}
      {figures.sent === 0 ? (
        <p class="meta">None sent in this period.</p>
      ) : (
        <>
          <StepFigureList figures={figures} hotWithinDays={hotWithinDays} />
          <div class="hot-bar">
            <span class="hot-bar-label">Turned hot</span>
            <Bar value={figures.rates.turnedHot ?? 0} max={maxHot} kind={best ? 'won' : 'neutral'} />
            <span>{percent(figures.rates.turnedHot)}</span>
          </div>
          <Filtered figures={figures} />
        </>
      )}
      <p class="step-links">
        <a href={`/desk/marketing/tips?track=${encodeURIComponent(track)}#tip-${step.number}`}>See the email of step {step.number}</a>
        <span class="meta"> · {templateFile(step.templateId)}</span>
      </p>
    </article>
  );
}

function StepFigureList({ figures, hotWithinDays }: { figures: StepFigures; hotWithinDays: number }) {
  const { rates } = figures;
  return (
    <dl class="figures step-figures">
      <Figure label="Sent" value={count(figures.sent)} />
      <Figure label="Delivered" value={count(figures.delivered)} more={`(${percent(rates.delivered)} of sent)`} />
      <Figure label="Opened by a person" value={count(figures.opened)} more={`(${percent(rates.opened)} of delivered)`} />
      <Figure label="Clicked by a person" value={count(figures.clicked)} more={`(${percent(rates.clicked)} of delivered)`} />
      <Figure label={`Turned hot within ${plural(hotWithinDays, 'day')}`} value={count(figures.turnedHot)} more={`(${percent(rates.turnedHot)} of sent)`} />
      <Figure label="Unsubscribed" value={count(figures.unsubscribed)} more={`(${percent(rates.unsubscribed)} of delivered)`} />
      <Figure label="Bounced" value={count(figures.bounced)} more={figures.softBounced > 0 ? `(and ${count(figures.softBounced)} delayed, retried)` : undefined} />
      <Figure label="Marked as spam" value={count(figures.complained)} />
    </dl>
  );
}

/** The opens and clicks the machine filter set aside, by its reason: in a disclosure, as they count in no rate. */
function Filtered({ figures }: { figures: StepFigures }) {
  const opens = sum(figures.openFiltered);
  const clicks = sum(figures.clickFiltered);
  if (opens + clicks === 0) return <p class="meta">No machine opens or clicks were filtered out.</p>;
  const reasons = [...new Set([...Object.keys(figures.openFiltered), ...Object.keys(figures.clickFiltered)])];
  return (
    <details class="filtered">
      <summary>
        Machine opens and clicks left out: {plural(opens, 'open')}, {plural(clicks, 'click')}
      </summary>
      <table class="chart">
        <caption class="meta">Opens and clicks the filter judged a machine’s, by its reason; they are not in the figures above.</caption>
        <thead>
          <tr>
            <th scope="col">Reason</th>
            <th scope="col">Opens</th>
            <th scope="col">Clicks</th>
          </tr>
        </thead>
        <tbody>
          {reasons.map((reason) => (
            <tr key={reason}>
              <th scope="row">{reasonLabel(reason)}</th>
              <td>{count(figures.openFiltered[reason] ?? 0)}</td>
              <td>{count(figures.clickFiltered[reason] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="meta">
        <a href="/desk/marketing/machine-filter">How the machine filter decides</a>
      </p>
    </details>
  );
}

/** Tips sent in the period that the templates no longer have. */
function Retired({ track }: { track: JourneyTrack }) {
  return (
    <div class="scroll" tabIndex={0} role="region" aria-label={`${trackTitle(track.track)} track: tips no longer in the templates`}>
      <table class="chart">
        <caption class="meta">Tips no longer in the templates, sent in the period</caption>
        <thead>
          <tr>
            <th scope="col">Template</th>
            <th scope="col">Sent</th>
            <th scope="col">Opened by a person</th>
            <th scope="col">Clicked by a person</th>
            <th scope="col">Turned hot</th>
          </tr>
        </thead>
        <tbody>
          {track.retired.map(({ templateId, figures }) => (
            <tr key={templateId}>
              <th scope="row">
                <code>{templateId}</code>
              </th>
              <td>{count(figures.sent)}</td>
              <td>
                {count(figures.opened)} ({percent(figures.rates.opened)})
              </td>
              <td>
                {count(figures.clicked)} ({percent(figures.rates.clicked)})
              </td>
              <td>
                {count(figures.turnedHot)} ({percent(figures.rates.turnedHot)})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((total, n) => total + n, 0);
