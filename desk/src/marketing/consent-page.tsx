import type { ConsentReport, ConsentWeek } from '../api/types.ts';
import { Figure, FigurePage, type MarketingPageProps } from './marketing.tsx';
import { weekLabel } from './period.ts';
import { count, percent } from './marketing-words.ts';

type Figures = Omit<ConsentWeek, 'week'>;

/** Who stopped getting marketing email each week and why, and how double opt-in went. One API request: `GET /marketing/consent`. */
export function ConsentPage({ api, query, manager }: MarketingPageProps) {
  return (
    <FigurePage<ConsentReport>
      api={api}
      manager={manager}
      from={query.get('from')}
      to={query.get('to')}
      here="/desk/marketing/consent"
      endpoint="/marketing/consent"
      title="Consent"
      what="consent report"
      intro={<p class="lede">Who stopped getting marketing email, and why, and how many of the people asked to confirm their address did.</p>}
    >
      {(report) => (
        <>
          <p class="meta">{report.note}</p>
          <Totals total={report.total} />
          <Weeks report={report} />
        </>
      )}
    </FigurePage>
  );
}

function Totals({ total }: { total: Figures }) {
  const { optIn } = total;
  return (
    <div class="cards">
      <section class="card" aria-labelledby="left-title">
        <h2 id="left-title">Left marketing email in the period</h2>
        <dl class="figures">
          <Figure label="Unsubscribed" value={count(total.unsubscribed)} />
          <Figure label="Bounced for good" value={count(total.bounced)} />
          <Figure label="Marked as spam" value={count(total.complained)} />
          <Figure label="Erased on request" value={count(total.erased)} />
        </dl>
      </section>
      <section class="card" aria-labelledby="opt-in-title">
        <h2 id="opt-in-title">Asked to confirm their address</h2>
        <dl class="figures">
          <Figure label="Asked" value={count(optIn.asked)} />
          <Figure label="Confirmed" value={count(optIn.confirmed)} more={optIn.asked > 0 ? `(${percent(optIn.confirmed / optIn.asked)})` : undefined} />
          <Figure label="Left without confirming" value={count(optIn.left)} />
          <Figure label="Still to confirm" value={count(optIn.awaiting)} />
        </dl>
        <p class="meta">Where the law asks for it, new leads get an email to confirm their address before any tip (double opt-in).</p>
      </section>
    </div>
  );
}

function Weeks({ report }: { report: ConsentReport }) {
  return (
    <section class="card" aria-labelledby="consent-weeks-title">
      <h2 id="consent-weeks-title">Week by week</h2>
      {report.weeks.length === 0 ? (
        <p>Nobody left marketing email and nobody was asked to confirm their address in the period.</p>
      ) : (
        <div class="scroll" tabIndex={0} role="region" aria-labelledby="consent-weeks-caption">
          <table class="chart">
            <caption id="consent-weeks-caption" class="meta">People who left marketing email each week, by why, and the people asked that week to confirm their address</caption>
            <thead>
              <tr>
                <th scope="col">Week</th>
                <th scope="col">Unsubscribed</th>
                <th scope="col">Bounced for good</th>
                <th scope="col">Marked as spam</th>
                <th scope="col">Erased</th>
                <th scope="col">Asked to confirm</th>
                <th scope="col">Confirmed</th>
                <th scope="col">Left without confirming</th>
                <th scope="col">Still to confirm</th>
              </tr>
            </thead>
            <tbody>
              {report.weeks.map((week) => (
                <Row key={week.week} label={weekLabel(week.week)} figures={week} />
              ))}
            </tbody>
            <tfoot>
              <Row label="The period" figures={report.total} />
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}

function Row({ label, figures }: { label: string; figures: Figures }) {
  return (
    <tr>
      <th scope="row" class="week">
        {label}
      </th>
      <td>{count(figures.unsubscribed)}</td>
      <td>{count(figures.bounced)}</td>
      <td>{count(figures.complained)}</td>
      <td>{count(figures.erased)}</td>
      <td>{count(figures.optIn.asked)}</td>
      <td>{count(figures.optIn.confirmed)}</td>
      <td>{count(figures.optIn.left)}</td>
      <td>{count(figures.optIn.awaiting)}</td>
    </tr>
  );
}
