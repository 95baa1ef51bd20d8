import { useEffect, useState } from 'preact/hooks';
import type { ApiResult } from '../api/client.ts';
import type { ScoringModel, SignalLift, SignalsAnswer } from '../api/types.ts';
import { saveFile } from '../app/save-file.ts';
import { BacktestComparison } from './backtest-comparison.tsx';
import { CandidateForm, candidateBox, Skipped, useCandidateDraft } from './candidate-form.tsx';
import { MarketingNav, type MarketingPageProps, MarketingRefusal, PeriodPicker } from './marketing.tsx';
import { count, percent, plural } from './marketing-words.ts';
import { isoDay, periodLabel, periodSearch, shiftDay } from './period.ts';
import { logOddsWords, modelFileName, ruleName, signed, strongestFirst, times } from './scoring-words.ts';

/** Stoke's score lab reads a quarter unless told otherwise: the 91 days to today. */
const defaultDays = 91;

/**
 * Scoring: which rules and signals really precede a sale, the model the
 * outcomes suggest, and a scoring change tried on past leads before it
 * ships. One API request for the period (`GET /marketing/scoring/signals`),
 * and one for each backtest run or current model fetched. Nothing here
 * changes how Stoke scores.
 */
export function ScoringPage({ api, query, manager }: MarketingPageProps) {
  const from = query.get('from');
  const to = query.get('to');
  const [signals, setSignals] = useState<ApiResult<SignalsAnswer> | undefined>();
  // The candidate is typed across the page: the suggestion's "Try it below" fills the box.
  const [draft, setDraft] = useCandidateDraft();
  const [source, setSource] = useState('');
  useEffect(() => {
    let current = true;
    setSignals(undefined);
    void api.get<SignalsAnswer>('/marketing/scoring/signals' + periodSearch(from, to)).then((answer) => current && setSignals(answer));
    return () => {
      current = false;
    };
  }, [from, to]);

  if (signals && !signals.ok && signals.status === 403) return <MarketingRefusal what="scoring figures" message={signals.message} />;
  const today = isoDay(new Date());
  const period = signals?.ok ? signals.value.period : { from: from ?? shiftDay(to ?? today, -(defaultDays - 1)), to: to ?? today };
  const fields = signals && !signals.ok && signals.status === 400 && 'fields' in signals ? signals.fields : [];

  const tryModel = (model: ScoringModel) => {
    setDraft({ model: `${JSON.stringify(model, null, 2)}\n`, threshold: '' });
    setSource(`In the box: the suggested model, version ${model.version}. Run the backtest, best on a later period than the one it was fitted on.`);
    requestAnimationFrame(() => {
      const box = document.getElementById(candidateBox);
      box?.scrollIntoView({ block: 'center' });
      box?.focus({ preventScroll: true });
    });
  };

  return (
    <section class="marketing-page scoring-page">
      <h1 tabIndex={-1}>Scoring</h1>
      <MarketingNav here="/desk/marketing/scoring" period={{ from, to }} api={api} manager={manager} />
      <p class="lede">
        Which of the things Stoke scores really come before a sale, the points the outcomes suggest, and a scoring change tried on past leads before it ships. It reads the
        leads captured in the period with what sales recorded for them; nothing here changes how Stoke scores.
      </p>
      <PeriodPicker here="/desk/marketing/scoring" from={period.from} to={period.to} fields={fields} />
      {!signals && <p aria-live="polite">Loading which signals predict a sale…</p>}
      {signals && !signals.ok && (
        <p role="alert" class="error">
          {signals.status === 400 ? `Stoke could not read these dates: ${signals.message.replace(/^./, (c) => c.toLowerCase())}, next to the dates above.` : signals.message}
        </p>
      )}
      {signals?.ok && (
        <>
          <p class="note period-shown">Leads captured {periodLabel(signals.value.period)}: whole days in UTC, both included.</p>
          <Signals answer={signals.value} />
          <SuggestedModel answer={signals.value} onTry={tryModel} />
        </>
      )}
      <CandidateForm api={api} period={period} draft={draft} setDraft={setDraft} source={source} setSource={setSource} />
    </section>
  );
}

function Signals({ answer }: { answer: SignalsAnswer }) {
  const { leadsEachSide, purchasesEachSide } = answer.minimumSample;
  const lifts = strongestFirst(answer.lifts);
  return (
    <section class="card" aria-labelledby="signals-title">
      <h2 id="signals-title">Which signals predict a sale</h2>
      <p>
        {plural(answer.leads, 'lead')} captured in the period {answer.leads === 1 ? 'was' : 'were'} read with {answer.leads === 1 ? 'its outcome' : 'their outcomes'};{' '}
        {count(answer.purchasers)} purchased.{answer.skipped.length > 0 ? '' : ' None was skipped.'}
      </p>
      <Skipped skipped={answer.skipped} />
      <p class="meta">
        For each rule: how many leads it fired on, how often they purchased against the leads it did not fire on, and the lift: how many times as often they bought (2× is
        twice as often, 1× no difference), with the range the true lift lies in with 95% confidence. A verdict needs at least {leadsEachSide} leads on each side (those the rule
        fired on, and the others) and {purchasesEachSide} purchases on each side, seen or expected if the rule made no difference; below that it says “not enough outcomes yet”.
        Strongest first.
      </p>
      <LiftTable
        lifts={lifts.filter((lift) => lift.kind === 'fit')}
        id="fit-lifts"
        title="Fit rules, at capture"
        caption="Fit rules, from what the lead told the form at capture: each rule (a choice rule’s each option) against the leads it did not fire on"
      />
      <LiftTable
        lifts={lifts.filter((lift) => lift.kind === 'engagement')}
        id="engagement-lifts"
        title="Engagement, before the outcome"
        caption="Engagement before the outcome was recorded (a re-inquiry, a person’s opens and clicks, the high-intent links) against the leads without it"
      />
    </section>
  );
}

function LiftTable({ lifts: all, id, title, caption }: { lifts: SignalLift[]; id: string; title: string; caption: string }) {
  // A rule that fired on no lead has nothing to measure: named below the table instead of a row of dashes.
  const lifts = all.filter((lift) => lift.fired.leads > 0);
  const never = all.filter((lift) => lift.fired.leads === 0);
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {lifts.length === 0 ? (
        <p class="meta">{all.length === 0 ? 'No rules of this kind.' : 'None of these rules fired on a lead captured in the period.'}</p>
      ) : (
        <div class="scroll" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
          <table class="chart lift-table">
            <caption id={`${id}-caption`} class="meta">
              {caption}
            </caption>
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Points now</th>
                <th scope="col">Leads it fired on</th>
                <th scope="col">Their purchase rate</th>
                <th scope="col">The others’</th>
                <th scope="col">Lift (95% interval)</th>
                <th scope="col">Verdict</th>
              </tr>
            </thead>
            <tbody>
              {lifts.map((lift) => (
                <tr key={lift.id} class={`verdict-${lift.verdict}`}>
                  <th scope="row">
                    <span class="rule-name">{ruleName(lift)}</span>
                    <span class="rule-reason">{lift.reason}</span>
                  </th>
                  <td>{signed(lift.points)}</td>
                  <td>{count(lift.fired.leads)}</td>
                  <td>
                    {percent(lift.fired.rate)} <span class="more">({count(lift.fired.purchased)} of {count(lift.fired.leads)})</span>
                  </td>
                  <td>
                    {percent(lift.notFired.rate)} <span class="more">({count(lift.notFired.purchased)} of {count(lift.notFired.leads)})</span>
                  </td>
                  <td class="nowrap">
                    {times(lift.lift)}
                    {lift.interval && <span class="more"> ({times(lift.interval.low)} to {times(lift.interval.high)})</span>}
                  </td>
                  <td class="says">{lift.says}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {never.length > 0 && (
        <p class="meta never-fired">
          Fired on no lead in the period, so nothing to measure: {never.map((lift) => `${ruleName(lift)} (${signed(lift.points)})`).join(', ')}.
        </p>
      )}
    </section>
  );
}

function SuggestedModel({ answer, onTry }: { answer: SignalsAnswer; onTry: (model: ScoringModel) => void }) {
  const { model, points, regression, threshold, backtest } = answer.suggestion;
  return (
    <section class="card" aria-labelledby="suggestion-title">
      <h2 id="suggestion-title">A suggested model</h2>
      <p>
        Points in proportion to what the outcomes say: a logistic regression of “purchased” on the fit rules that fired at capture gives each rule its log-odds of a purchase,
        the other rules held equal, and each is turned into points on one scale.{' '}
        {regression === null
          ? 'No rule could be weighed on these leads, so every rule keeps its points.'
          : `${regression.converged ? `The fit converged in ${plural(regression.iterations, 'step')}` : `The fit stopped after ${plural(regression.iterations, 'step')} without converging`} (penalty λ = ${regression.lambda}); ${regression.pointsPerLogOdds === null ? 'the outcomes show no difference between the rules, so the points stay.' : `one unit of log-odds is worth ${regression.pointsPerLogOdds.toLocaleString('en-GB', { maximumFractionDigits: 1 })} points, which spreads these leads’ scores as widely as the current model does.`}`}
      </p>
      <p class="never-applied">
        <strong>
          Stoke never applies a model by itself: shipping one is a change to <code>functions/scoring/</code> and a deploy.
        </strong>
      </p>
      <div class="scroll" tabIndex={0} role="region" aria-labelledby="suggested-points-caption">
        <table class="chart suggested-table">
          <caption id="suggested-points-caption" class="meta">
            Each fit rule’s points now and as suggested, with the log-odds measured, or why it kept its points
          </caption>
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Now</th>
              <th scope="col">Suggested</th>
              <th scope="col">Log-odds, or why kept</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.id}>
                <th scope="row" class="rule-name">
                  {ruleName(p)}
                </th>
                <td>{signed(p.current)}</td>
                <td>
                  {signed(p.suggested)}
                  {p.suggested !== p.current && <span class="more"> ({signed(p.suggested - p.current)})</span>}
                </td>
                <td>{p.basis === 'fitted' && p.logOdds !== null ? logOddsWords(p.logOdds) : `kept: ${p.why ?? 'not weighed'}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        Hot at {threshold.hot} and warm at {threshold.warm}: {threshold.basis}.
      </p>
      <h3>The suggestion beside the current model</h3>
      <BacktestComparison backtest={backtest} candidateName="Suggestion" id="suggestion" />
      <p class="meta">
        The suggestion is fitted on these same leads, so this backtest flatters it somewhat: a later period is the real test. Download it, or try it below on other dates.
      </p>
      <div class="action-buttons">
        <button type="button" onClick={() => saveFile(new Blob([`${JSON.stringify(model, null, 2)}\n`], { type: 'application/json' }), modelFileName(model.version))}>
          Download the suggested model (JSON)
        </button>
        <button type="button" onClick={() => onTry(model)}>
          Try it below
        </button>
      </div>
    </section>
  );
}
