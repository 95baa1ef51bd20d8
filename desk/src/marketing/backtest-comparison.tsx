import type { Backtest, ModelBacktest, Wait } from '../api/types.ts';
import { count, percent, plural } from './marketing-words.ts';
import { type LineNames, PrecisionRecallChart } from './precision-recall-chart.tsx';
import { waitWords } from './scoring-words.ts';

/**
 * The current model beside a candidate over the same leads: hot at capture
 * at the threshold, the purchasers' wait for sales (replayed, beside what
 * happened), and precision and recall at every threshold. The suggestion
 * and a marketer's own candidate are shown alike.
 */
export function BacktestComparison({ backtest, candidateName, id }: { backtest: Backtest; candidateName: string; id: string }) {
  const { current, candidate, purchasers } = backtest;
  const names: LineNames = { current: 'Current model', candidate: candidateName };
  const header = (name: string, model: ModelBacktest, suffix = '') => (
    <th scope="col">
      {name}
      {suffix}
      <span class="version">version {model.version}</span>
    </th>
  );
  const lower = candidateName.toLowerCase();
  return (
    <div class="comparison">
      <p>
        {purchasers === 0
          ? `None of these ${plural(backtest.leads, 'lead')} has purchased yet, so neither model can be judged on purchases: precision and recall need some.`
          : `At capture the ${lower} would have made ${plural(candidate.hotAtCapture, 'lead')} hot (the current model ${count(current.hotAtCapture)}), ${count(candidate.purchasedOfHot)} of whom purchased (${count(current.purchasedOfHot)}), and left ${count(candidate.missedPurchasers)} of the ${plural(purchasers, 'purchaser')} below hot (${count(current.missedPurchasers)}).`}
      </p>
      <div class="scroll" tabIndex={0} role="region" aria-labelledby={`${id}-hot-caption`}>
        <table class="chart comparison-table">
          <caption id={`${id}-hot-caption`} class="meta">
            Hot at capture: the current model beside the {lower}, over the same {plural(backtest.leads, 'lead')}
          </caption>
          <thead>
            <tr>
              <th scope="col">At capture</th>
              {header('Current model', current)}
              {header(candidateName, candidate)}
            </tr>
          </thead>
          <tbody>
            <Row label="Hot threshold" current={String(current.threshold)} candidate={String(candidate.threshold)} />
            <Row label="Hot at capture" current={count(current.hotAtCapture)} candidate={count(candidate.hotAtCapture)} />
            <Row label="Of them purchased" current={count(current.purchasedOfHot)} candidate={count(candidate.purchasedOfHot)} />
            <Row label="Purchasers missed (below hot at capture)" current={ofPurchasers(current.missedPurchasers, purchasers)} candidate={ofPurchasers(candidate.missedPurchasers, purchasers)} />
            <Row label="Precision (purchased, of the hot)" current={percent(current.precision)} candidate={percent(candidate.precision)} />
            <Row label="Recall (hot at capture, of the purchasers)" current={percent(current.recall)} candidate={percent(candidate.recall)} />
          </tbody>
        </table>
      </div>
      <div class="scroll" tabIndex={0} role="region" aria-labelledby={`${id}-wait-caption`}>
        <table class="chart comparison-table">
          <caption id={`${id}-wait-caption`} class="meta">
            How long the {plural(purchasers, 'purchaser')} waited for a handoff to sales, from capture: the current model and the {lower} replayed, beside what happened
          </caption>
          <thead>
            <tr>
              <th scope="col">Wait for a handoff</th>
              {header('Current model', current, ', replayed')}
              {header(candidateName, candidate, ', replayed')}
              <th scope="col">As it happened</th>
            </tr>
          </thead>
          <tbody>
            <WaitRow label="Median" pick={(wait) => waitWords(wait.medianHours)} backtest={backtest} />
            <WaitRow label="Mean" pick={(wait) => waitWords(wait.meanHours)} backtest={backtest} />
            <WaitRow label="Handed to sales before buying" pick={(wait) => ofPurchasers(wait.handedOff, wait.purchasers)} backtest={backtest} />
          </tbody>
        </table>
      </div>
      <p class="meta">
        Replayed: the first moment a purchaser’s score under the model, with the engagement it really had, reached the hot threshold, up to the purchase. Outcomes exist
        only for what sales was given: a lead the {lower} would have made hot is judged on what happened to it without that, and a lead still open may yet buy.
      </p>
      <h4>Precision and recall at each threshold</h4>
      <PrecisionRecallChart current={current} candidate={candidate} names={names} id={`${id}-curve`} />
    </div>
  );
}

function Row({ label, current, candidate }: { label: string; current: string; candidate: string }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{current}</td>
      <td>{candidate}</td>
    </tr>
  );
}

function WaitRow({ label, pick, backtest }: { label: string; pick: (wait: Wait) => string; backtest: Backtest }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{pick(backtest.current.replayedWait)}</td>
      <td>{pick(backtest.candidate.replayedWait)}</td>
      <td>{pick(backtest.actualWait)}</td>
    </tr>
  );
}

const ofPurchasers = (n: number, purchasers: number) => `${count(n)} of ${count(purchasers)}`;
