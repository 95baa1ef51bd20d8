import { useEffect, useState } from 'preact/hooks';
import type { ApiResult } from '../api/client.ts';
import type { Journey, RenderedTip, TrackTips } from '../api/types.ts';
import { type MarketingPageProps, MarketingNav, MarketingRefusal } from './marketing.tsx';
import { isoDay } from './period.ts';
import { delaySentence, templateFile, trackTitle, whoIsOn } from './marketing-words.ts';

type Width = 'both' | 'desktop' | 'phone';
const widths: Record<Exclude<Width, 'both'>, { px: number; label: string }> = { desktop: { px: 620, label: 'Desktop' }, phone: { px: 375, label: 'Phone' } };

/**
 * A track's tips as a lead receives them, rendered for a sample lead, at a
 * desktop and a phone width; read-only: they are edited in templates/. Two
 * API requests: the tracks (a journey of one day) and the track's tips.
 */
export function TipsPage({ api, query, manager }: MarketingPageProps) {
  const track = query.get('track');
  const [tracks, setTracks] = useState<ApiResult<string[]> | undefined>();
  const [tips, setTips] = useState<ApiResult<TrackTips> | undefined>();
  // Side by side where there is room for both; on a phone, the phone's width first.
  const [width, setWidth] = useState<Width>(() => (matchMedia('(min-width: 64rem)').matches ? 'both' : 'phone'));
  const today = isoDay(new Date());

  useEffect(() => {
    void api.get<Journey>(`/marketing/journey?from=${today}&to=${today}`).then((answer) => setTracks(answer.ok ? { ok: true, value: answer.value.tracks.filter((t) => t.steps.length > 0).map((t) => t.track) } : answer));
  }, []);
  const shown = track ?? (tracks?.ok ? tracks.value[0] : undefined);
  useEffect(() => {
    if (!shown) return;
    let current = true;
    setTips(undefined);
    void api.get<TrackTips>(`/marketing/tracks/${encodeURIComponent(shown)}/tips`).then((answer) => current && setTips(answer));
    return () => {
      current = false;
    };
  }, [shown]);
  // A link to one tip (from a journey's step) lands on it once the tips are shown.
  useEffect(() => {
    if (!tips?.ok || !location.hash) return;
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    target?.scrollIntoView();
    target?.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
  }, [tips]);

  const refused = [tracks, tips].find((answer) => answer && !answer.ok && answer.status === 403);
  if (refused && !refused.ok) return <MarketingRefusal what="tips" message={refused.message} />;

  return (
    <section class="marketing-page tips-page">
      <h1 tabIndex={-1}>Tips{shown ? `: ${trackTitle(shown)} track` : ''}</h1>
      <MarketingNav here="/desk/marketing/tips" api={api} manager={manager} />
      <p class="lede">
        The nurture emails (tips) of each track, as a lead receives them. They are read-only here: to change one, edit its file in <code>templates/</code> (named with each
        tip), look at it with <code>npm run templates:preview</code>, check it with <code>npm run templates:check</code>, and open a pull request; the change reaches leads with the
        next deploy.
      </p>
      {tracks?.ok && (
        <nav aria-label="Tracks" class="filters">
          {tracks.value.map((name) => (
            <a key={name} href={`/desk/marketing/tips?track=${encodeURIComponent(name)}`} aria-current={name === shown ? 'page' : undefined}>
              {trackTitle(name)}
            </a>
          ))}
        </nav>
      )}
      {tracks && !tracks.ok && (
        <p role="alert" class="error">
          {tracks.message}
        </p>
      )}
      {!tracks && !shown && <p aria-live="polite">Loading the tracks…</p>}
      {shown && !tips && <p aria-live="polite">Loading the tips…</p>}
      {tips && !tips.ok && (
        <p role="alert" class="error">
          {tips.status === 404 ? `Stoke has no track “${shown}”. Choose one of the tracks above.` : tips.message}
        </p>
      )}
      {tips?.ok && (
        <>
          <p class="meta">
            Who is on it: {whoIsOn(tips.value.role)}. Shown for a sample lead ({tips.value.sample}), sent by {tips.value.company.name}, {tips.value.company.postalAddress}.
          </p>
          <fieldset class="width-choice">
            <legend>Show the emails</legend>
            {(
              [
                ['both', 'Desktop and phone'],
                ['desktop', `Desktop only (${widths.desktop.px} px)`],
                ['phone', `Phone only (${widths.phone.px} px)`],
              ] as const
            ).map(([value, label]) => (
              <label key={value}>
                <input type="radio" name="width" value={value} checked={width === value} onChange={() => setWidth(value)} /> {label}
              </label>
            ))}
          </fieldset>
          <ol class="tips">
            {tips.value.tips.map((tip) => (
              <li key={tip.templateId}>
                <Tip tip={tip} width={width} />
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function Tip({ tip, width }: { tip: RenderedTip; width: Width }) {
  const id = `tip-${tip.number}`;
  const shownAt = width === 'both' ? (['desktop', 'phone'] as const) : ([width] as const);
  return (
    <section id={id} class="card tip" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} tabIndex={-1}>
        Tip {tip.number}: {tip.subject}
      </h2>
      <dl class="tip-facts">
        <dt>Subject</dt>
        <dd>{tip.subject}</dd>
        <dt>Preview text</dt>
        <dd>{tip.preheader || '(none)'}</dd>
        <dt>When</dt>
        <dd>{delaySentence(tip.delay, tip.number)}</dd>
        <dt>Who gets it</dt>
        <dd>
          {tip.conditions.length === 0
            ? 'Every lead on the track.'
            : (
                <>
                  Only leads for whom this holds:{' '}
                  {tip.conditions.map((condition) => (
                    <code key={condition} class="condition">
                      {condition}
                    </code>
                  ))}
                </>
              )}
        </dd>
        <dt>File</dt>
        <dd>
          <code>{templateFile(tip.templateId)}</code>
        </dd>
      </dl>
      <div class="previews">
        {shownAt.map((at) => (
          <figure key={at} class={`preview ${at}`}>
            <figcaption>
              {widths[at].label}, {widths[at].px} px wide
            </figcaption>
            {/* At its real width: on a narrower screen the frame scrolls sideways rather than squeezing the email. */}
            <div class="preview-scroll" tabIndex={0} role="region" aria-label={`Tip ${tip.number}, ${widths[at].label.toLowerCase()}, ${widths[at].px} px wide`}>
              <EmailFrame html={tip.html} width={widths[at].px} title={`Tip ${tip.number} as a lead sees it, ${widths[at].label.toLowerCase()} width`} />
            </div>
          </figure>
        ))}
      </div>
      <details>
        <summary>Plain-text version of tip {tip.number}</summary>
        <pre class="email-text">{tip.text}</pre>
      </details>
    </section>
  );
}

/**
 * The email in a sandboxed frame: no script, form, pop-up or navigation
 * of the desk. The frame shares the desk's Content-Security-Policy, which
 * refuses inline styles, and emails are all inline styles: so the styles
 * are taken out of the markup before it is framed and applied through the
 * CSSOM, which the policy allows (hence `allow-same-origin`, and nothing else).
 */
function EmailFrame({ html, width, title }: { html: string; width: number; title: string }) {
  // Each tip's frame is keyed by its template, so its markup is prepared once.
  const [prepared] = useState(() => unstyled(html));
  const styled = (event: Event) => {
    const element = event.currentTarget as HTMLIFrameElement;
    const document = element.contentDocument;
    const view = element?.contentWindow as (Window & typeof globalThis) | null | undefined;
    if (!document || !view) return;
    for (const node of document.querySelectorAll<HTMLElement>('[data-desk-style]')) {
      node.style.cssText = prepared.styles[Number(node.dataset.deskStyle)] ?? '';
      node.removeAttribute('data-desk-style');
    }
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(prepared.css);
    document.adoptedStyleSheets = [sheet];
    element.height = String(document.documentElement.scrollHeight);
  };
  return <iframe class="email-frame" sandbox="allow-same-origin" srcdoc={prepared.html} width={width} height={600} title={title} onLoad={styled} />;
}

/**
 * The email's markup without what the policy would refuse: its style
 * attributes (numbered, to be applied once framed) and style elements (one
 * sheet), and without comments (Outlook's conditional markup) and scripts.
 * Done on the text: parsing the markup here, even without showing it, has
 * the browser check every inline style against the desk's policy and report each one.
 */
function unstyled(html: string): { html: string; styles: string[]; css: string } {
  const styles: string[] = [];
  const sheets: string[] = [];
  const markup = html.replace(/<!--[\s\S]*?-->|<(style|script)\b[^>]*>([\s\S]*?)<\/\1\s*>|<[a-z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>/gi, (token, element?: string, content?: string) => {
    if (token.startsWith('<!--')) return '';
    if (element) {
      if (element.toLowerCase() === 'style') sheets.push((content ?? '').replace(/@import[^;]*;/g, ''));
      return '';
    }
    return token.replace(/\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')/i, (_, double?: string, single?: string) => ` data-desk-style="${styles.push(decodeEntities(double ?? single ?? '')) - 1}"`);
  });
  return { html: markup, styles, css: sheets.join('\n') };
}

const named: Record<string, string> = { quot: '"', amp: '&', apos: "'", lt: '<', gt: '>', nbsp: '\u00a0' };
const decodeEntities = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return named[name.toLowerCase()] ?? entity;
  });
