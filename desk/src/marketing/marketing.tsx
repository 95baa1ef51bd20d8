import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Api, ApiResult } from '../api/client.ts';
import type { FieldError, Period } from '../api/types.ts';
import { navigate } from '../app/router.ts';
import { isoDay, periodLabel, periodSearch, presets } from './period.ts';
import { SendingBanner } from './sending-banner.tsx';
import './marketing.css';

/** What every marketing page is given: the API, and the address's query (the period, the track). */
export type MarketingPageProps = { api: Api; query: URLSearchParams; manager: boolean };

/** The marketing area's pages, in the order its navigation lists them; those with figures keep the period chosen. */
const pages = [
  { path: '/desk/marketing', label: 'Journeys', figures: true },
  { path: '/desk/marketing/machine-filter', label: 'Machine filter', figures: true },
  { path: '/desk/marketing/funnel', label: 'Funnel', figures: true },
  { path: '/desk/marketing/consent', label: 'Consent', figures: true },
  { path: '/desk/marketing/tips', label: 'Tips', figures: false },
  { path: '/desk/marketing/scoring', label: 'Scoring', figures: true },
] as const;
export type MarketingPath = (typeof pages)[number]['path'];

/** The marketing area's own navigation, below the desk's, and the sending brake when it holds. */
export function MarketingNav({ here, period, api, manager }: { here: MarketingPath; period?: { from: string | null; to: string | null }; api: Api; manager: boolean }) {
  return (
    <>
      <nav aria-label="Marketing" class="subnav">
        {pages.map((page) => (
          <a key={page.path} href={page.figures && period ? page.path + periodSearch(period.from, period.to) : page.path} aria-current={page.path === here ? 'page' : undefined}>
            {page.label}
          </a>
        ))}
      </nav>
      <SendingBanner api={api} manager={manager} />
    </>
  );
}

/** What a marketing page shows when Stoke refuses it (403: not in marketing, not a manager). */
export function MarketingRefusal({ what, message }: { what: string; message: string }) {
  return (
    <section class="refusal">
      <h1 tabIndex={-1}>Marketing’s pages are for the marketing team</h1>
      <p role="alert">Stoke refused to show the {what}: marketing’s pages are for the marketing team and for sales managers.</p>
      <p class="meta">Stoke said: {message}</p>
      <p>
        <a href="/desk/leads">Back to my leads</a>
      </p>
    </section>
  );
}

type WithPeriod = { period: Period };

/**
 * The frame of every page with figures: its heading, the marketing
 * navigation, the period picker (kept in the address, so a link shows the
 * same figures) and one API request for the period; `children` draws the answer.
 */
export function FigurePage<T extends WithPeriod>(props: {
  api: Api;
  manager: boolean;
  from: string | null;
  to: string | null;
  here: MarketingPath;
  endpoint: string;
  title: string;
  what: string;
  intro: ComponentChildren;
  children: (value: T) => ComponentChildren;
}) {
  const { api, manager, from, to, here, endpoint, title, what } = props;
  const [answer, setAnswer] = useState<ApiResult<T> | undefined>();
  useEffect(() => {
    let current = true;
    setAnswer(undefined);
    void api.get<T>(endpoint + periodSearch(from, to)).then((result) => current && setAnswer(result));
    return () => {
      current = false;
    };
  }, [endpoint, from, to]);

  if (answer && !answer.ok && answer.status === 403) return <MarketingRefusal what={what} message={answer.message} />;
  const shown = answer?.ok ? answer.value.period : undefined;
  const fields = answer && !answer.ok && answer.status === 400 && 'fields' in answer ? answer.fields : [];
  return (
    <section class="marketing-page">
      <h1 tabIndex={-1}>{title}</h1>
      <MarketingNav here={here} period={{ from, to }} api={api} manager={manager} />
      {props.intro}
      <PeriodPicker here={here} from={shown?.from ?? from ?? ''} to={shown?.to ?? to ?? ''} fields={fields} />
      {!answer && <p aria-live="polite">Loading the figures…</p>}
      {answer && !answer.ok && (
        <p role="alert" class="error">
          {answer.status === 400 ? `Stoke could not show these dates: ${answer.message.replace(/^./, (c) => c.toLowerCase())}, next to the dates above.` : answer.message}
        </p>
      )}
      {answer?.ok && (
        <>
          <p class="note period-shown">
            Figures for {periodLabel(answer.value.period)}: whole days in UTC, both included.
          </p>
          {props.children(answer.value)}
        </>
      )}
    </section>
  );
}

/** From and to, with the quick choices; Stoke's refusals shown beside the date they are about. */
export function PeriodPicker({ here, from, to, fields }: { here: MarketingPath; from: string; to: string; fields: FieldError[] }) {
  const [values, setValues] = useState({ from, to });
  useEffect(() => setValues({ from, to }), [from, to]);
  const today = isoDay(new Date());
  const errorOf = (field: 'from' | 'to') => fields.filter((f) => f.field === field).map((f) => f.message).join('; ') || undefined;
  const other = fields.filter((f) => f.field !== 'from' && f.field !== 'to');
  const input = (field: 'from' | 'to', label: string) => {
    const error = errorOf(field);
    const id = `period-${field}`;
    return (
      <div class={error ? 'field invalid' : 'field'}>
        <label for={id}>{label}</label>
        <input
          id={id}
          type="date"
          value={values[field]}
          required
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onInput={(e) => setValues({ ...values, [field]: e.currentTarget.value })}
        />
        {error && (
          <span id={`${id}-error`} class="field-error">
            {label}: {error}
          </span>
        )}
      </div>
    );
  };
  return (
    <div class="period-picker">
      <form
        aria-label="Period"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(here + periodSearch(values.from, values.to));
        }}
      >
        {input('from', 'From')}
        {input('to', 'To')}
        <button type="submit" class="quiet">
          Show
        </button>
      </form>
      {other.length > 0 && <p class="field-error">{other.map((f) => `${f.field}: ${f.message}`).join('; ')}</p>}
      <nav aria-label="Quick periods" class="filters">
        {presets(today).map((preset) => (
          <a key={preset.id} href={here + periodSearch(preset.from, preset.to)} aria-current={preset.from === from && preset.to === to ? 'page' : undefined}>
            {preset.label}
          </a>
        ))}
      </nav>
    </div>
  );
}

/** A figure with its label, as the review's figures are shown. */
export function Figure({ label, value, more }: { label: string; value: ComponentChildren; more?: ComponentChildren }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {value}
        {more !== undefined && <span class="more"> {more}</span>}
      </dd>
    </div>
  );
}
