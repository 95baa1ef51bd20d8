import type { ModelBacktest, OperatingPoint } from '../api/types.ts';
import { count, percent } from './marketing-words.ts';

/** What the two lines are called: "Current model" and "Candidate" (their versions are the backtest's). */
export type LineNames = { current: string; candidate: string };

type Measure = 'precision' | 'recall';
const measures: Record<Measure, { title: string; meaning: string }> = {
  precision: { title: 'Precision', meaning: 'of the leads hot at capture, the share that purchased' },
  recall: { title: 'Recall', meaning: 'of the purchasers, the share hot at capture' },
};

// The drawing's own units, about a phone's width so that its text stays readable there (the SVG scales to its box):
// room at the left for "100%", at the top for the threshold marks, at the bottom for the axis.
const width = 300;
const height = 210;
const plot = { left: 40, right: 10, top: 32, bottom: 40 };

/**
 * Precision and recall of "hot" at each threshold of the backtest's curve,
 * both models on one panel per measure. The lines differ in colour, in
 * pattern (solid, dashed) and in their marks (round, square), and the
 * legend says which is which in words; every figure is also in the table
 * under the chart, and each panel has its title and a description.
 */
export function PrecisionRecallChart({ current, candidate, names: short, id }: { current: ModelBacktest; candidate: ModelBacktest; names: LineNames; id: string }) {
  const names: LineNames = { current: `${short.current} (${current.version})`, candidate: `${short.candidate} (${candidate.version})` };
  return (
    <div class="pr">
      <ul class="pr-legend" aria-label="The chart’s lines">
        <li>
          <Swatch side="current" /> {names.current}: solid line, round marks
        </li>
        <li>
          <Swatch side="candidate" /> {names.candidate}: dashed line, square marks
        </li>
      </ul>
      <div class="pr-charts">
        {(['precision', 'recall'] as const).map((measure) => (
          <Panel key={measure} measure={measure} current={current} candidate={candidate} names={names} short={short} id={`${id}-${measure}`} />
        ))}
      </div>
      <details class="pr-figures">
        <summary>The chart’s figures as a table</summary>
        <div class="scroll" tabIndex={0} role="region" aria-labelledby={`${id}-curve-caption`}>
          <table class="chart">
            <caption id={`${id}-curve-caption`} class="meta">
              Leads hot at capture, precision and recall at each hot threshold: {names.current} and {names.candidate}
            </caption>
            <thead>
              <tr>
                <th scope="col">Hot threshold</th>
                <th scope="col">{short.current}: hot</th>
                <th scope="col">{short.current}: precision</th>
                <th scope="col">{short.current}: recall</th>
                <th scope="col">{short.candidate}: hot</th>
                <th scope="col">{short.candidate}: precision</th>
                <th scope="col">{short.candidate}: recall</th>
              </tr>
            </thead>
            <tbody>
              {current.curve.map((point, i) => {
                const other = candidate.curve[i];
                return (
                  <tr key={point.threshold}>
                    <th scope="row">{point.threshold}</th>
                    <td>{count(point.hot)}</td>
                    <td>{percent(point.precision)}</td>
                    <td>{percent(point.recall)}</td>
                    <td>{other ? count(other.hot) : '–'}</td>
                    <td>{percent(other?.precision)}</td>
                    <td>{percent(other?.recall)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}

function Panel({ measure, current, candidate, names, short, id }: { measure: Measure; current: ModelBacktest; candidate: ModelBacktest; names: LineNames; short: LineNames; id: string }) {
  const thresholds = current.curve.map((point) => point.threshold);
  const low = thresholds[0] ?? 30;
  const high = thresholds.at(-1) ?? 90;
  const x = (threshold: number) => plot.left + ((threshold - low) / Math.max(1, high - low)) * (width - plot.left - plot.right);
  const y = (share: number) => plot.top + (1 - share) * (height - plot.top - plot.bottom);
  const bottom = height - plot.bottom;
  const { title, meaning } = measures[measure];
  const ticks = thresholds.filter((t) => (t - low) % 10 === 0);
  // Each model's hot threshold, where it falls on the chart: one mark when they share it.
  const marks =
    current.threshold === candidate.threshold
      ? [{ side: 'both', threshold: current.threshold, label: `hot at ${current.threshold}` }]
      : [
          { side: 'current', threshold: current.threshold, label: `${short.current.toLowerCase()}: hot at ${current.threshold}` },
          { side: 'candidate', threshold: candidate.threshold, label: `${short.candidate.toLowerCase()}: hot at ${candidate.threshold}` },
        ];
  // A label near either edge runs inwards.
  const anchor = (at: number) => (at > width - 80 ? 'end' : at < 80 ? 'start' : 'middle');

  return (
    <figure class="pr-panel">
      <figcaption>
        <strong>{title}</strong> <span class="meta">({meaning})</span>
      </figcaption>
      <svg class="pr-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`}>
        <title id={`${id}-title`}>
          {title} of “hot” at thresholds {low} to {high}: {names.current} and {names.candidate}
        </title>
        <desc id={`${id}-desc`}>{describe(measure, current, candidate, names)}</desc>
        {[0, 0.25, 0.5, 0.75, 1].map((share) => (
          <g key={share}>
            <line class="pr-grid" x1={plot.left} x2={width - plot.right} y1={y(share)} y2={y(share)} />
            <text class="pr-tick" x={plot.left - 5} y={y(share) + 4} text-anchor="end">
              {Math.round(share * 100)}%
            </text>
          </g>
        ))}
        <line class="pr-axis" x1={plot.left} x2={width - plot.right} y1={bottom} y2={bottom} />
        {ticks.map((t) => (
          <text key={t} class="pr-tick" x={x(t)} y={bottom + 15} text-anchor="middle">
            {t}
          </text>
        ))}
        <text class="pr-tick" x={(plot.left + width - plot.right) / 2} y={height - 5} text-anchor="middle">
          Hot threshold (capture score)
        </text>
        {marks
          .filter((mark) => mark.threshold >= low && mark.threshold <= high)
          .map((mark, i) => (
            <g key={mark.side}>
              <line class={`pr-hot ${mark.side}`} x1={x(mark.threshold)} x2={x(mark.threshold)} y1={plot.top - 4} y2={bottom} />
              <text class="pr-tick" x={x(mark.threshold)} y={11 + i * 13} text-anchor={anchor(x(mark.threshold))}>
                {mark.label}
              </text>
            </g>
          ))}
        <Line side="current" points={current.curve} measure={measure} x={x} y={y} />
        <Line side="candidate" points={candidate.curve} measure={measure} x={x} y={y} />
      </svg>
    </figure>
  );
}

/** One model's line: broken where no figure exists (nobody hot, nobody purchased), with a mark at each threshold. */
function Line({ side, points, measure, x, y }: { side: 'current' | 'candidate'; points: OperatingPoint[]; measure: Measure; x: (t: number) => number; y: (s: number) => number }) {
  let path = '';
  let drawing = false;
  for (const point of points) {
    const share = point[measure];
    if (share === null) {
      drawing = false;
      continue;
    }
    path += `${drawing ? 'L' : 'M'}${x(point.threshold).toFixed(1)} ${y(share).toFixed(1)} `;
    drawing = true;
  }
  const shown = points.filter((point) => point[measure] !== null);
  return (
    <g>
      {path && <path class={`pr-line ${side}`} d={path.trim()} />}
      {shown.map((point) => {
        const cx = x(point.threshold);
        const cy = y(point[measure]!);
        return side === 'current' ? <circle key={point.threshold} class="pr-mark current" cx={cx} cy={cy} r={4} /> : <rect key={point.threshold} class="pr-mark candidate" x={cx - 3.5} y={cy - 3.5} width={7} height={7} />;
      })}
    </g>
  );
}

function Swatch({ side }: { side: 'current' | 'candidate' }) {
  return (
    <svg class="pr-swatch" viewBox="0 0 40 12" aria-hidden="true">
      <line class={`pr-line ${side}`} x1={1} x2={39} y1={6} y2={6} />
      {side === 'current' ? <circle class="pr-mark current" cx={20} cy={6} r={4} /> : <rect class="pr-mark candidate" x={16.5} y={2.5} width={7} height={7} />}
    </svg>
  );
}

/** The panel in a sentence, every other threshold of the curve, for those who do not see it. */
function describe(measure: Measure, current: ModelBacktest, candidate: ModelBacktest, names: LineNames): string {
  const line = (model: ModelBacktest) =>
    model.curve
      .filter((point, i) => i % 2 === 0)
      .map((point) => `${percent(point[measure])} at ${point.threshold}`)
      .join(', ');
  return `${names.current}: ${line(current)}. ${names.candidate}: ${line(candidate)}. A dash: no figure, as nobody was hot or nobody purchased.`;
}
