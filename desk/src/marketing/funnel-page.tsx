import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Api } from '../api/client.ts';
import type { Funnel, FunnelCell, FunnelRow, Period } from '../api/types.ts';
import { Bar } from '../review/bars.tsx';
import { FigurePage, type MarketingPageProps } from './marketing.tsx';
import { count, percent } from './marketing-words.ts';
import { saveFile } from '../app/save-file.ts';

/**
 * The funnel of the leads captured in the period, by where they came from
 * (source and campaign), with the CSV of the same figures. One API request,
 * and one more for the CSV.
 */
export function FunnelPage({ api, query, manager }: MarketingPageProps) {
  return (
    <FigurePage<Funnel>
      api={api}
      manager={manager}
      from={query.get('from')}
      to={query.get('to')}
      here="/desk/marketing/funnel"
      endpoint="/marketing/funnel"
      title="Funnel"
      what="funnel"
      intro={<p class="lede">The leads captured in the period, by where they came from, and how far each group has got since: from captured to purchased.</p>}
    >
      {(funnel) => (
        <>
          <p class="meta">{funnel.note}</p>
          <Overview funnel={funnel} />
          <Table funnel={funnel} download={<CsvDownload api={api} period={funnel.period} />} />
        </>
      )}
    </FigurePage>
  );
}

/** All sources, stage by stage, with a bar for the eye. */
function Overview({ funnel }: { funnel: Funnel }) {
  const captured = funnel.total.stages[0]?.count ?? 0;
  return (
    <section class="card" aria-labelledby="overview-title">
      <h2 id="overview-title">All sources</h2>
      <table class="chart">
        <caption class="meta">Leads captured in the period, from every source, by how far they got</caption>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">Leads</th>
            <th scope="col">Of captured</th>
            <th scope="col">From the stage before</th>
            <th scope="col">Average days from capture</th>
            <th scope="col" class="bar-cell">Chart</th>
          </tr>
        </thead>
        <tbody>
          {funnel.total.stages.map((cell) => (
            <tr key={cell.id}>
              <th scope="row">{labelOf(funnel, cell)}</th>
              <td>{count(cell.count)}</td>
              <td>{percent(cell.ofCaptured)}</td>
              <td>{fromBefore(cell)}</td>
              <td>{days(cell.daysFromCapture)}</td>
              <td class="bar-cell">
                <Bar value={cell.count} max={captured} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <NotNested cells={funnel.total.stages} />
    </section>
  );
}

/** Every source and campaign, the total first: in each stage the count, its share of captured and of the stage before, and the average days it took. */
function Table({ funnel, download }: { funnel: Funnel; download: ComponentChildren }) {
  return (
    <section class="card" aria-labelledby="sources-title">
      <div class="card-head">
        <h2 id="sources-title">By source and campaign</h2>
        {download}
      </div>
      <p class="meta">
        In each stage: the number of leads, their share of those captured, their share of the stage before, and the average days from capture to reaching it.
      </p>
      <div class="scroll" tabIndex={0} role="region" aria-labelledby="sources-caption">
        <table class="chart funnel-table">
          <caption id="sources-caption" class="meta">Leads captured in the period by source and campaign, by how far they got; all sources first</caption>
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Campaign</th>
              {funnel.stages.map((stage) => (
                <th key={stage.id} scope="col">
                  {stage.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <Row row={funnel.total} total />
            {funnel.rows.map((row) => (
              <Row key={`${row.source}\n${row.campaign}`} row={row} />
            ))}
          </tbody>
        </table>
      </div>
      <NotNested cells={[funnel.total, ...funnel.rows].flatMap((row) => row.stages)} />
      {funnel.rows.length === 0 && <p>No lead was captured in the period.</p>}
    </section>
  );
}

function Row({ row, total = false }: { row: FunnelRow; total?: boolean }) {
  return (
    <tr class={total ? 'total' : undefined}>
      <th scope="row" class="label-cell">
        {row.source}
      </th>
      <td class="label-cell">{row.campaign}</td>
      {row.stages.map((cell) => (
        <td key={cell.id} class="stage-cell">
          <strong>{count(cell.count)}</strong>
          {cell.id !== 'captured' && (
            <>
              <span>{percent(cell.ofCaptured)} of captured</span>
              <span>{fromBefore(cell)} from before</span>
            </>
          )}
          {cell.daysFromCapture !== null && cell.id !== 'captured' && cell.id !== 'warm' && <span>{days(cell.daysFromCapture)}</span>}
        </td>
      ))}
    </tr>
  );
}

/** The CSV needs the bearer token, so the API client fetches it and hands it to the browser as a file. */
function CsvDownload({ api, period }: { api: Api; period: Period }) {
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const download = async () => {
    setState({ busy: true });
    const result = await api.file(`/marketing/funnel?from=${period.from}&to=${period.to}&format=csv`);
    if (!result.ok) return setState({ busy: false, error: result.message });
    saveFile(result.value, `funnel-${period.from}-to-${period.to}.csv`);
    setState({ busy: false });
  };
  return (
    <div class="csv">
      <button type="button" onClick={() => void download()} disabled={state.busy}>
        {state.busy ? 'Preparing the CSV…' : 'Download CSV'}
      </button>
      {state.error && (
        <p role="alert" class="error">
          {state.error}
        </p>
      )}
    </div>
  );
}

/** A stage can hold more leads than the one before it: the footnote says why. */
const fromBefore = (cell: FunnelCell) => `${percent(cell.fromPrevious)}${(cell.fromPrevious ?? 0) > 1 ? '†' : ''}`;

function NotNested({ cells }: { cells: FunnelCell[] }) {
  if (!cells.some((cell) => (cell.fromPrevious ?? 0) > 1)) return null;
  return <p class="footnote">† More than in the stage before: leads can skip a stage. A lead captured hot goes to sales without being nurtured, and a cold lead is nurtured without having been warm.</p>;
}

const labelOf = (funnel: Funnel, cell: FunnelCell) => funnel.stages.find((stage) => stage.id === cell.id)?.label ?? cell.id;
function days(value: number | null): string {
  if (value === null) return '–';
  if (value < 0.05) return 'same day';
  const shown = value.toLocaleString('en-GB', { maximumFractionDigits: 1 });
  return `${shown} ${shown === '1' ? 'day' : 'days'}`;
}
