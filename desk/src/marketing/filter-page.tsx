import type { AuditWeek, FilterAudit, JudgedSignal, MachineReason, SignalCounts } from '../api/types.ts';
import { Bar } from '../review/bars.tsx';
import { FigurePage, type MarketingPageProps } from './marketing.tsx';
import { weekLabel } from './period.ts';
import { count, percent, plural, reasonLabel, reasonLabels, reasonMeanings } from './marketing-words.ts';

/**
 * The machine filter's audit: how many opens and clicks it judged a
 * machine's and why, week by week, the raw events behind each reason, and
 * the rules it applied. One API request: `GET /marketing/filter-audit`.
 */
export function FilterPage({ api, query, manager }: MarketingPageProps) {
  return (
    <FigurePage<FilterAudit>
      api={api}
      manager={manager}
      from={query.get('from')}
      to={query.get('to')}
      here="/desk/marketing/machine-filter"
      endpoint="/marketing/filter-audit"
      title="Machine filter"
      what="machine filter audit"
      intro={
        <p class="lede">
          Many “opens” and “clicks” are made by machines: mail apps that fetch every email in advance, and security scanners that follow every link. Stoke leaves them out of
          the journeys’ figures and out of lead scores. Here is how many, why, and the rules it applies.
        </p>
      }
    >
      {(audit) => (
        <>
          <div class="headline">
            <Headline what="opens" counts={audit.totals.opens} />
            <Headline what="clicks" counts={audit.totals.clicks} />
          </div>
          <Weeks weeks={audit.weeks} />
          <ByReason audit={audit} />
          <Samples samples={audit.samples} />
          <Thresholds audit={audit} />
        </>
      )}
    </FigurePage>
  );
}

function Headline({ what, counts }: { what: 'opens' | 'clicks'; counts: SignalCounts }) {
  return (
    <section class="card headline-figure" aria-labelledby={`headline-${what}`}>
      <h2 id={`headline-${what}`}>Machine {what}</h2>
      <p class="big">{percent(counts.filteredShare)}</p>
      <p>
        {counts.total === 0
          ? `No ${what} in the period.`
          : `${count(counts.filtered)} of ${plural(counts.total, what.slice(0, -1))} left out as a machine’s; ${count(counts.human)} ${counts.human === 1 ? 'was' : 'were'} a person’s.`}
      </p>
    </section>
  );
}

function Weeks({ weeks }: { weeks: AuditWeek[] }) {
  return (
    <section class="card" aria-labelledby="weeks-title">
      <h2 id="weeks-title">Week by week</h2>
      {weeks.length === 0 ? (
        <p class="meta">No opens or clicks in the period.</p>
      ) : (
        <div class="scroll" tabIndex={0} role="region" aria-labelledby="weeks-caption">
          <table class="chart weeks-table">
            <caption id="weeks-caption" class="meta">Opens and clicks each week, and the share the filter left out as a machine’s</caption>
            <thead>
              <tr>
                <th scope="col">Week</th>
                <th scope="col">Opens</th>
                <th scope="col">Machine opens</th>
                <th scope="col" class="bar-cell">Share of opens</th>
                <th scope="col">Clicks</th>
                <th scope="col">Machine clicks</th>
                <th scope="col" class="bar-cell">Share of clicks</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((week) => (
                <tr key={week.week}>
                  <th scope="row" class="week">{weekLabel(week.week)}</th>
                  <td>{count(week.opens.total)}</td>
                  <td>{count(week.opens.filtered)} ({percent(week.opens.filteredShare)})</td>
                  <td class="bar-cell">
                    <Bar value={week.opens.filteredShare ?? 0} max={1} kind="open" />
                  </td>
                  <td>{count(week.clicks.total)}</td>
                  <td>{count(week.clicks.filtered)} ({percent(week.clicks.filteredShare)})</td>
                  <td class="bar-cell">
                    <Bar value={week.clicks.filteredShare ?? 0} max={1} kind="open" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Each reason's opens and clicks, week by week: one table, a row per week, a column per reason seen. */
function ByReason({ audit }: { audit: FilterAudit }) {
  const reasons = orderedReasons([...Object.keys(audit.totals.opens.byReason), ...Object.keys(audit.totals.clicks.byReason)]);
  if (reasons.length === 0) return null;
  const cell = (counts: SignalCounts, reason: string) => counts.byReason[reason] ?? 0;
  const columns = reasons.flatMap((reason) => [
    ...(reason in audit.totals.opens.byReason ? [{ reason, type: 'opens' as const }] : []),
    ...(reason in audit.totals.clicks.byReason ? [{ reason, type: 'clicks' as const }] : []),
  ]);
  return (
    <section class="card" aria-labelledby="reasons-title">
      <h2 id="reasons-title">Left out, by reason</h2>
      <div class="scroll" tabIndex={0} role="region" aria-labelledby="reasons-caption">
        <table class="chart">
          <caption id="reasons-caption" class="meta">Opens and clicks left out as a machine’s each week, by the reason the filter gave</caption>
          <thead>
            <tr>
              <th scope="col">Week</th>
              {columns.map(({ reason, type }) => (
                <th key={`${reason}-${type}`} scope="col">
                  {reasonLabel(reason)}: {type}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {audit.weeks.map((week) => (
              <tr key={week.week}>
                <th scope="row" class="week">{weekLabel(week.week)}</th>
                {columns.map(({ reason, type }) => (
                  <td key={`${reason}-${type}`}>{count(cell(week[type], reason))}</td>
                ))}
              </tr>
            ))}
            <tr class="total">
              <th scope="row">The period</th>
              {columns.map(({ reason, type }) => (
                <td key={`${reason}-${type}`}>{count(cell(audit.totals[type], reason))}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The raw events behind each reason, newest first: every value as text, never as markup. */
function Samples({ samples }: { samples: Record<string, JudgedSignal[]> }) {
  const reasons = orderedReasons(Object.keys(samples));
  return (
    <section class="card" aria-labelledby="samples-title">
      <h2 id="samples-title">Examples, by reason</h2>
      <p class="meta">The latest opens and clicks the filter left out for each reason, as they reached Stoke, with what the filter said.</p>
      {reasons.length === 0 && <p>Nothing was left out in the period.</p>}
      {reasons.map((reason) => (
        <section key={reason} aria-labelledby={`samples-${reason}`} class="samples">
          <h3 id={`samples-${reason}`}>
            {reasonLabel(reason)} ({plural(samples[reason]!.length, 'example')})
          </h3>
          {reason in reasonMeanings && <p class="meta">{reasonMeanings[reason as MachineReason]}</p>}
          <div class="scroll" tabIndex={0} role="region" aria-labelledby={`samples-${reason}-caption`}>
            <table class="chart samples-table">
              <caption id={`samples-${reason}-caption`} class="meta">Examples of {reasonLabel(reason).toLowerCase()}, newest first, as the events reached Stoke</caption>
              <thead>
                <tr>
                  <th scope="col">When (UTC)</th>
                  <th scope="col">Program (user agent)</th>
                  <th scope="col">IP address</th>
                  <th scope="col">Link clicked</th>
                  <th scope="col">What the filter said</th>
                  <th scope="col">Lead and email</th>
                </tr>
              </thead>
              <tbody>
                {samples[reason]!.map((signal) => (
                  <tr key={signal.eventId}>
                    <th scope="row">
                      {signal.type === 'open' ? 'Open' : 'Click'}, {instant(signal.at)}
                    </th>
                    <td>
                      <code>{signal.userAgent ?? '(none sent)'}</code>
                    </td>
                    <td class="nowrap">{signal.ip ?? '–'}</td>
                    <td>{signal.link ?? '–'}</td>
                    <td>{signal.detail ?? '–'}</td>
                    <td class="ids">
                      <span>Lead {signal.leadId}</span>
                      <span>Email {signal.messageId}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </section>
  );
}

/** The rules, as the data they are, each with what it means. */
function Thresholds({ audit }: { audit: FilterAudit }) {
  const { privacyProxy, scanners, people } = audit.thresholds;
  return (
    <section class="card" aria-labelledby="rules-title">
      <h2 id="rules-title">The rules the filter applies</h2>
      <p class="meta">
        Rules version {audit.rulesVersion}. Patterns are matched against the name the program sends with each open or click (its “user agent”), anywhere in it and ignoring
        upper and lower case; in a pattern, ^ means “starts with”, $ “ends with” and | “or”. A verdict is given again when more of what happened to the same email arrives:
        the first click of a burst counts as a person’s only until the burst comes.
      </p>
      <h3>Mail apps’ privacy proxies (opens only)</h3>
      <Rule sentence="An open is a privacy proxy’s when the program’s name matches one of these patterns:" items={privacyProxy.userAgentPatterns} label="Privacy proxy patterns" />
      <p>…or when it comes from a published privacy-proxy network (below).</p>
      <h3>Security scanners, link previews and scripts (opens and clicks)</h3>
      <Rule sentence="An open or click is a scanner’s, a link preview’s or a script’s when the program’s name matches one of these patterns:" items={scanners.userAgentPatterns} label="Scanner patterns" />
      {scanners.knownBots && <p>…or when the isbot list of robots’ names (a package Stoke pins) names it.</p>}
      <Rule sentence="A click is the mail app checking the link, before the person’s browser opens it, when the program’s name matches:" items={scanners.linkCheckerPatterns} label="Link checker patterns" />
      <p>
        A click less than <strong>{plural(scanners.clicksWithinSecondsOfDelivery, 'second')}</strong> after the email was delivered is a mail gateway checking the link,
        unless a person opened the email first.
      </p>
      <p>
        <strong>{scanners.burst.distinctLinks}</strong> or more different links clicked within <strong>{plural(scanners.burst.withinSeconds, 'second')}</strong> is a scanner
        following every link.
      </p>
      <p>
        A click followed within <strong>{plural(scanners.sameLinkWithinSeconds, 'second')}</strong> by a person’s click on the same link from another address is the gateway
        that let the person through. The same link followed again later than that but within <strong>{plural(scanners.recheckWithinSeconds, 'second')}</strong> of a
        person’s click, from another kind of computer, is a scanner re-checking it; the person’s click counts.
      </p>
      <h3>What people read mail with</h3>
      <Rule sentence="An open by a mail app whose name matches one of these is a person reading, even seconds after delivery:" items={people.mailClientPatterns} label="Mail app patterns" />
      <Rule sentence="Webmail fetches images through these proxies when the person opens the email:" items={people.imageProxyPatterns} label="Image proxy patterns" />
      <p>
        The same proxy fetching the same email’s images again within <strong>{plural(people.repeatFetchWithinSeconds, 'second')}</strong> is a retry, not a second reading.
      </p>
      <Rule sentence="People click with browsers; a browser fetching the images instead of a mail app is a gateway rendering the email when it happens soon after delivery:" items={people.browserPatterns} label="Browser patterns" />
      <p>
        A browser’s open less than <strong>{plural(people.browserOpensWithinSecondsOfDelivery, 'second')}</strong> after delivery, and any other program’s open less than{' '}
        <strong>{plural(privacyProxy.opensWithinSecondsOfDelivery, 'second')}</strong> after it, is a machine’s.
      </p>
      <h3>Published networks</h3>
      <p>Address ranges their owners publish. Opens or clicks from them are a machine’s as the table says; “sample” means only part of the owner’s list is shipped until it is refreshed.</p>
      <div>
        <table class="chart networks-table">
          <caption class="visually-hidden">Published networks the filter knows</caption>
          <thead>
            <tr>
              <th scope="col">Network</th>
              <th scope="col">Owner</th>
              <th scope="col">Machine’s</th>
              <th scope="col">Ranges</th>
              <th scope="col">As of</th>
            </tr>
          </thead>
          <tbody>
            {audit.networks.map((network) => (
              <tr key={network.id}>
                <th scope="row">
                  <a href={network.source}>{network.id}</a>
                </th>
                <td>{network.owner}</td>
                <td>{network.appliesTo.length ? network.appliesTo.map((type) => `${type}s`).join(' and ') : 'none'}</td>
                <td>
                  {network.ranges}
                  {network.complete ? '' : ' (sample)'}
                </td>
                <td>{network.fetchedAt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="meta">
        Changing these rules is a change to Stoke’s engagement rules, made by pull request, like the templates; <code>npm run networks:refresh</code> fetches the networks anew.
      </p>
    </section>
  );
}

function Rule({ sentence, items, label }: { sentence: string; items: readonly string[]; label: string }) {
  return (
    <>
      <p>{sentence}</p>
      {items.length === 0 ? (
        <p class="meta">(none)</p>
      ) : (
        <ul class="patterns" aria-label={label}>
          {items.map((item) => (
            <li key={item}>
              <code>{item}</code>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The reasons Stoke knows first, in the filter's order, then any other. */
function orderedReasons(reasons: string[]): string[] {
  const known = Object.keys(reasonLabels);
  return [...new Set(reasons)].sort((a, b) => (known.indexOf(a) + 1 || 99) - (known.indexOf(b) + 1 || 99) || a.localeCompare(b));
}

const instant = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'UTC' }).format(new Date(iso));
