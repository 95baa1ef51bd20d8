import { useEffect, useState } from 'preact/hooks';
import type { Api, ApiResult } from '../api/client.ts';
import type { FieldError, Reconciliation, RepReview, SpeedToLead, WeeklyReview } from '../api/types.ts';
import { PageRefusal } from '../app/refusal.tsx';
import { navigate } from '../app/router.ts';
import { Bar, StackedBar } from './bars.tsx';
import { shiftWeek, weekPattern } from './weeks.ts';
import { saveFile } from '../app/save-file.ts';

/**
 * The weekly lead review in the browser: the same figures as Monday's email
 * and `GET /reports/weekly`, with bars, a week picker, the CSV and next
 * week's focus items. One API request (the CSV and each focus save are one more each).
 */
export function ReviewPage({ api, week }: { api: Api; week: string | null }) {
  const asked = week && weekPattern.test(week) ? week : undefined;
  const [answer, setAnswer] = useState<ApiResult<WeeklyReview> | undefined>();
  useEffect(() => {
    setAnswer(undefined);
    void api.get<WeeklyReview>(`/reports/weekly${asked ? `?week=${asked}` : ''}`).then(setAnswer);
  }, [asked]);

  if (!answer) return <p aria-live="polite">Loading the weekly review…</p>;
  if (!answer.ok) {
    if (answer.status === 403) return <PageRefusal status={403} message={answer.message} what="weekly review" />;
    return (
      <section>
        <h1 tabIndex={-1}>Weekly lead review</h1>
        <WeekPicker week={asked ?? ''} />
        <p role="alert" class="error">{answer.message}</p>
      </section>
    );
  }
  const review = answer.value;
  const { team } = review;
  const dates = `${day(review.week.start, review.week.timeZone)} to ${day(new Date(Date.parse(review.week.end) - 1).toISOString(), review.week.timeZone)}`;

  return (
    <section class="review-page">
      <h1 tabIndex={-1}>Weekly lead review, {review.week.id}</h1>
      <p class="note">
        {dates} ({review.week.timeZone}) · {review.previousWeek ? `compared with ${review.previousWeek}` : 'no earlier week to compare with'}
      </p>
      <div class="review-tools">
        <WeekPicker week={review.week.id} />
        <CsvDownload api={api} week={review.week.id} />
      </div>

      <section aria-labelledby="team-title" class="card">
        <h2 id="team-title">The team</h2>
        <Reconciled title="Received this week" figures={team.received} idPrefix="team-received" />
        <Reconciled title="Every lead owned" figures={team.owned} idPrefix="team-owned" />
        <dl class="figures">
          <Figure label="Contacts logged" value={team.contacts} />
          <Figure label="Next steps overdue" value={team.overdueSteps} late={team.overdueSteps > 0} />
          <Figure label="Speed to lead, median" value={minutes(review.speedToLead.total.medianMinutes)} />
          <Figure label="Speed to lead, 90th percentile" value={minutes(review.speedToLead.total.p90Minutes)} />
          <Figure label="First-contact deadlines met" value={deadlines(review.speedToLead.total)} />
        </dl>
        <p class="meta">Speed to lead: from handoff to the first logged contact, {review.speedToLead.clock === 'business' ? 'in business hours, in each rep’s time zone' : 'in calendar minutes'}; the 90th percentile is the ⌈0.9 × n⌉-th fastest.</p>
        <Touches touches={team.touches} />
        <p class="meta">Bars: green purchased or on time, grey not interested or not done, amber in progress or late, blue skipped.</p>
      </section>

      <section aria-labelledby="funnel-title" class="card">
        <h2 id="funnel-title">Funnel</h2>
        <table class="chart">
          <caption class="meta">Leads captured this week, by how far they got</caption>
          <thead>
            <tr><th scope="col">Stage</th><th scope="col">Leads</th><th scope="col">Of captured</th><th scope="col" class="bar-cell">Chart</th></tr>
          </thead>
          <tbody>
            {review.funnel.stages.map((stage) => (
              <tr key={stage.id}>
                <th scope="row">{stage.label}</th>
                <td>{stage.count}</td>
                <td>{percent(stage.ofCaptured)}</td>
                <td class="bar-cell"><Bar value={stage.count} max={Math.max(...review.funnel.stages.map((s) => s.count))} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <WeekOverWeek review={review} />

      {review.ranking.length > 0 && (
        <section aria-labelledby="ranking-title" class="card">
          <h2 id="ranking-title">Best follow-up first</h2>
          <ol>
            {review.ranking.map((rep) => (
              <li key={rep.repId}>
                {rep.name}: {rep.score} of 100{rep.givenUpEarly > 0 ? `, ${rep.givenUpEarly} given up early` : ''}
              </li>
            ))}
          </ol>
          {review.followUpDebt.length > 0 && (
            <p>
              In follow-up debt: {review.followUpDebt.map((rep) => `${rep.name} (${rep.staleLeads} stale, oldest ${rep.oldestDays} days)`).join('; ')}
            </p>
          )}
        </section>
      )}

      {review.parked.length > 0 && (
        <section aria-labelledby="parked-title" class="card">
          <h2 id="parked-title">Parked with a manager</h2>
          <ul>
            {review.parked.map((lead) => (
              <li key={lead.leadId}>
                <a href={`/desk/leads/${encodeURIComponent(lead.leadId)}`}>{lead.name}</a>
                {lead.company ? `, ${lead.company}` : ''}: waiting {lead.days} days in the {lead.queue} queue
              </li>
            ))}
          </ul>
        </section>
      )}

      <h2>Per rep</h2>
      {review.reps.length === 0 && <p>No rep of your team.</p>}
      {review.reps.map((rep) => (
        <RepSection key={rep.repId} api={api} rep={rep} week={review.week.id} />
      ))}
    </section>
  );
}

function WeekPicker({ week }: { week: string }) {
  const [value, setValue] = useState(week);
  useEffect(() => setValue(week), [week]);
  return (
    <nav aria-label="Choose a week" class="week-picker">
      {week && <a href={`/desk/review?week=${shiftWeek(week, -1)}`}>← Week {shiftWeek(week, -1)}</a>}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (weekPattern.test(value)) navigate(`/desk/review?week=${value}`);
        }}
      >
        <label for="week-input">Week</label>
        <input id="week-input" type="week" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
        <button type="submit" class="quiet">Show</button>
      </form>
      {week && <a href={`/desk/review?week=${shiftWeek(week, 1)}`}>Week {shiftWeek(week, 1)} →</a>}
    </nav>
  );
}

/** The CSV needs the bearer token, so it is fetched by the API client and handed to the browser as a file. */
function CsvDownload({ api, week }: { api: Api; week: string }) {
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const download = async () => {
    setState({ busy: true });
    const result = await api.file(`/reports/weekly?week=${week}&format=csv`);
    if (!result.ok) return setState({ busy: false, error: result.message });
    saveFile(result.value, `lead-review-${week}.csv`);
    setState({ busy: false });
  };
  return (
    <div>
      <button type="button" onClick={() => void download()} disabled={state.busy}>
        {state.busy ? 'Preparing the CSV…' : `Download CSV of ${week}`}
      </button>
      {state.error && <p role="alert" class="error">{state.error}</p>}
    </div>
  );
}

function Reconciled({ title, figures, idPrefix, level = 3 }: { title: string; figures: Reconciliation; idPrefix: string; level?: 3 | 4 }) {
  const Heading = level === 3 ? 'h3' : 'h4';
  const held = figures.inProgressBy.filter((category) => category.count > 0);
  return (
    <div class="reconciled">
      <Heading id={idPrefix}>{title}</Heading>
      <p>
        <strong>{figures.total}</strong> = {figures.purchased} purchased + {figures.notInterested} not interested + {figures.inProgress} in progress
      </p>
      <StackedBar
        total={figures.total}
        parts={[
          { key: 'purchased', count: figures.purchased, kind: 'won' },
          { key: 'not-interested', count: figures.notInterested, kind: 'lost' },
          { key: 'in-progress', count: figures.inProgress, kind: 'open' },
        ]}
      />
      {held.length > 0 && <p class="meta">In progress: {held.map((category) => `${category.label} ${category.count}`).join(', ')}</p>}
    </div>
  );
}

function Figure({ label, value, late = false }: { label: string; value: string | number; late?: boolean }) {
  return (
    <div class={late ? 'late' : undefined}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Touches({ touches }: { touches: { due: number; onTime: number; late: number; skipped: number; notDone: number } }) {
  return (
    <div>
      <p>
        Plan touches due: <strong>{touches.due}</strong> = {touches.onTime} on time + {touches.late} late + {touches.skipped} skipped + {touches.notDone} not done
      </p>
      <StackedBar
        total={touches.due}
        parts={[
          { key: 'on-time', count: touches.onTime, kind: 'won' },
          { key: 'late', count: touches.late, kind: 'open' },
          { key: 'skipped', count: touches.skipped, kind: 'neutral' },
          { key: 'not-done', count: touches.notDone, kind: 'lost' },
        ]}
      />
    </div>
  );
}

function WeekOverWeek({ review }: { review: WeeklyReview }) {
  const compared = review.reps.filter((rep) => rep.change);
  return (
    <section aria-labelledby="wow-title" class="card">
      <h2 id="wow-title">Week over week</h2>
      {compared.length === 0 ? (
        <p class="meta">No earlier report to compare with.</p>
      ) : (
        <div class="scroll" tabIndex={0} role="region" aria-labelledby="wow-title">
          <table class="chart">
            <caption class="meta">Change since {review.previousWeek}, for the leads received each week</caption>
            <thead>
              <tr><th scope="col">Rep</th><th scope="col">Received</th><th scope="col">Purchased</th><th scope="col">Not interested</th><th scope="col">In progress</th><th scope="col">Contacts</th></tr>
            </thead>
            <tbody>
              {compared.map((rep) => (
                <tr key={rep.repId}>
                  <th scope="row">{rep.name}</th>
                  <td>{signed(rep.change!.received)}</td>
                  <td>{signed(rep.change!.purchased)}</td>
                  <td>{signed(rep.change!.notInterested)}</td>
                  <td>{signed(rep.change!.inProgress)}</td>
                  <td>{signed(rep.change!.contacts)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RepSection({ api, rep, week }: { api: Api; rep: RepReview; week: string }) {
  const id = `rep-${rep.repId}`;
  return (
    <section class="card rep-review" aria-labelledby={id}>
      <h3 id={id} class="rep-title">
        {rep.name}
        {!rep.active && <span class="flag"> Inactive</span>}
      </h3>
      <Reconciled title="Received this week" figures={rep.received} idPrefix={`${id}-received`} level={4} />
      <dl class="figures">
        <Figure label="Received" value={rep.received.total} />
        <Figure label="Purchased" value={rep.received.purchased} />
        <Figure label="Not interested" value={rep.received.notInterested} />
        <Figure label="In progress" value={rep.received.inProgress} />
        <Figure label="Owned" value={rep.owned.total} />
        <Figure label="Contacts logged" value={rep.done.contacts} />
        <Figure label="Speed to lead, median" value={minutes(rep.speedToLead.medianMinutes)} />
        <Figure label="Speed to lead, 90th percentile" value={minutes(rep.speedToLead.p90Minutes)} />
        <Figure label="First-contact deadlines met" value={deadlines(rep.speedToLead)} late={rep.deadlines.missed.length > 0} />
        <Figure label="Follow-up score" value={rep.followUpScore === null ? 'none: nothing to follow up' : `${rep.followUpScore} of 100`} />
        <Figure label="Next steps overdue" value={rep.overdueSteps.length} late={rep.overdueSteps.length > 0} />
        <Figure label="Given up early" value={rep.givingUp.early.length} late={rep.givingUp.early.length > 0} />
      </dl>
      {rep.followUpScoreParts.length > 0 && (
        <table class="chart">
          <caption class="meta">How {rep.name}’s follow-up score is made</caption>
          <thead>
            <tr><th scope="col">Part</th><th scope="col">Points</th><th scope="col">What</th></tr>
          </thead>
          <tbody>
            {rep.followUpScoreParts.map((part) => (
              <tr key={part.id}>
                <th scope="row">{part.label}</th>
                <td>{part.points} of {part.weight}</td>
                <td>{part.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Touches touches={rep.touches} />
      <Named title="Next steps overdue" items={rep.overdueSteps.map((step) => ({ leadId: step.leadId, text: `${step.name}${step.company ? `, ${step.company}` : ''}`, more: `${step.plan}${step.touch ? `, touch ${step.touch}` : ''}: ${step.daysOverdue} days overdue` }))} />
      <Named title="Given up early" items={rep.givingUp.early.map((lead) => ({ leadId: lead.leadId, text: lead.name, more: `${lead.contacts} contacts${lead.beforeTouch ? `, closed before touch ${lead.beforeTouch}` : ''}${lead.reasonLabel ? `: ${lead.reasonLabel}` : ''}` }))} />
      <Named title="Missed first-contact deadlines" items={rep.deadlines.missed.map((miss) => ({ leadId: miss.leadId, text: miss.name, more: miss.nowWith ? `now with ${miss.nowWith.owner}${miss.nowWith.parked ? ' (parked)' : ''}` : miss.firstContactAt ? 'contacted late' : 'not contacted' }))} />
      <Named title="No progress for 7 days or more" items={rep.stale.map((lead) => ({ leadId: lead.leadId, text: lead.name, more: `${lead.days} days` }))} />
      {rep.focus.items.length > 0 && (
        <>
          <h4>Focus this week (set by {rep.focus.setBy.join(', ')})</h4>
          <ul>
            {rep.focus.items.map((item, i) => <li key={i}>{item}</li>)}
          </ul>
        </>
      )}
      <FocusEditor api={api} rep={rep} week={shiftWeek(week, 1)} />
    </section>
  );
}

function Named({ title, items }: { title: string; items: Array<{ leadId: string; text: string; more: string }> }) {
  if (items.length === 0) return null;
  return (
    <>
      <h4>{title}</h4>
      <ul class="named">
        {items.map((item) => (
          <li key={item.leadId}>
            <a href={`/desk/leads/${encodeURIComponent(item.leadId)}`}>{item.text}</a>: {item.more}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Up to four coaching points for the rep's next week: `POST /reps/{repId}/focus`. */
function FocusEditor({ api, rep, week }: { api: Api; rep: RepReview; week: string }) {
  const [items, setItems] = useState(['', '', '', '']);
  const [state, setState] = useState<{ busy: boolean; saved?: string; error?: string; fields?: FieldError[] }>({ busy: false });
  const id = `focus-${rep.repId}`;
  const save = async (event: Event) => {
    event.preventDefault();
    setState({ busy: true });
    const chosen = items.map((item) => item.trim()).filter(Boolean);
    const result = await api.send<{ items: string[] }>('POST', `/reps/${encodeURIComponent(rep.repId)}/focus`, { week, items: chosen });
    if (result.ok) setState({ busy: false, saved: `Saved ${result.value.items.length} focus items for ${week}: that week’s review shows them beside what ${rep.name} did.` });
    else setState({ busy: false, error: result.message, fields: 'fields' in result ? result.fields : [] });
  };
  return (
    <details class="focus">
      <summary>Set {rep.name}’s focus for {week}</summary>
      <form onSubmit={save} aria-label={`Focus for ${rep.name}, ${week}`}>
        {items.map((item, i) => {
          const error = state.fields?.find((f) => f.field === `items.${i}`)?.message;
          return (
            <div key={i} class={error ? 'field invalid' : 'field'}>
              <label for={`${id}-${i}`}>Focus {i + 1}</label>
              <input id={`${id}-${i}`} value={item} maxLength={300} onInput={(e) => setItems(items.map((old, j) => (j === i ? e.currentTarget.value : old)))} />
              {error && <span class="field-error">{error}</span>}
            </div>
          );
        })}
        {state.error && <p role="alert" class="error">{state.error}{state.fields?.find((f) => f.field === 'items') ? `: items ${state.fields.find((f) => f.field === 'items')!.message}` : ''}</p>}
        <p role="status" class="saved">{state.saved}</p>
        <button type="submit" class="primary" disabled={state.busy}>
          Save focus for {week}
        </button>
      </form>
    </details>
  );
}

const day = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(new Date(iso));
const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)}%`);
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');
const deadlines = (speed: SpeedToLead) => (speed.deadlinesDue === 0 ? 'none due' : `${speed.deadlinesMet} of ${speed.deadlinesDue} (${percent(speed.withinDeadline)})`);

function minutes(value: number | null): string {
  if (value === null) return 'no first contact';
  const whole = Math.round(value);
  return whole < 60 ? `${whole} min` : `${Math.floor(whole / 60)} h ${whole % 60} min`;
}
