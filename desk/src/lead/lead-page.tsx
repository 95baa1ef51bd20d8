import { useEffect, useState } from 'preact/hooks';
import type { Api, ApiResult } from '../api/client.ts';
import type { Lead, LeadDetail, ScoreLine } from '../api/types.ts';
import { browserZone, channelLabel, countdown, formatTime, statusLabel } from '../app/time.ts';
import { useNow } from '../app/use-now.ts';
import { LeadActions } from './actions.tsx';
import { labelOf, type SalesLists } from './sales-lists.ts';
import { Timeline } from './timeline.tsx';

/** A lead's page: who, how to reach them, the score and why, the source, the plan, the actions and one timeline; one API request. */
export function LeadPage({ api, leadId }: { api: Api; leadId: string }) {
  const [answer, setAnswer] = useState<ApiResult<LeadDetail> | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const load = () => api.get<LeadDetail>(`/leads/${encodeURIComponent(leadId)}`).then(setAnswer);
  useEffect(() => void load(), [leadId]);

  if (!answer) return <p aria-live="polite">Loading the lead…</p>;
  if (!answer.ok) return <Refusal status={answer.status} message={answer.message} />;
  const { lead, history, signals, choices: lists } = answer.value;

  // The API answers an action with the lead; its history is read again for the timeline.
  const changed = (updated: Lead) => {
    setAnswer({ ok: true, value: { ...answer.value, lead: updated } });
    setSaved(`Saved. The lead is now ${statusLabel[updated.status]?.toLowerCase() ?? updated.status}.`);
    void load();
  };
  const zone = lead.owner?.type === 'rep' ? lead.owner.timezone : browserZone;
  const name = [lead.profile.firstName, lead.profile.lastName].filter(Boolean).join(' ') || lead.email;

  return (
    <article class="lead-page">
      <p>
        <a href="/desk/leads">← My leads</a>
      </p>
      <h1 tabIndex={-1}>{name}</h1>
      <p class="meta">
        {[lead.profile.jobTitle, lead.profile.company].filter(Boolean).join(', ') || 'No company given'} · <strong>{statusLabel[lead.status] ?? lead.status}</strong>
        {lead.owner && ` · owner ${lead.owner.type === 'rep' ? lead.owner.name : `the ${lead.owner.queue} queue`}`}
      </p>
      <p class="note">
        Times are shown in {zone}
        {lead.owner?.type === 'rep' ? ", the owner's time zone" : ", this browser's time zone"}.
      </p>
      <p role="status" class="saved">
        {saved}
      </p>

      <div class="columns">
        <div>
          <Reach lead={lead} />
          <NextStep lead={lead} zone={zone} lists={lists} />
          <LeadActions api={api} lead={lead} lists={lists} onChanged={changed} />
        </div>
        <div>
          <Score lead={lead} />
          <Source lead={lead} zone={zone} />
        </div>
      </div>

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        <Timeline history={history} signals={signals} timeZone={zone} lists={lists} />
      </section>
    </article>
  );
}

function Refusal({ status, message }: { status: number; message: string }) {
  const title = status === 403 ? 'This lead is not yours to see' : status === 404 ? 'No such lead' : 'The lead could not be loaded';
  return (
    <section class="refusal">
      <h1 tabIndex={-1}>{title}</h1>
      <p role="alert">{status === 403 ? 'Stoke refused to show this lead: it belongs to another rep. Ask your manager if you should work it.' : message}</p>
      {status === 403 && <p class="meta">Stoke said: {message}</p>}
      <p>
        <a href="/desk/leads">Back to my leads</a>
      </p>
    </section>
  );
}

function Reach({ lead }: { lead: Lead }) {
  const { phone, country, region, timezone } = lead.profile;
  return (
    <section aria-labelledby="reach-title">
      <h2 id="reach-title">How to reach them</h2>
      <ul class="plain">
        <li>
          Email: <a href={`mailto:${lead.email}`}>{lead.email}</a>
        </li>
        <li>{phone ? <>Phone: <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a></> : 'No phone number given'}</li>
        {(country || region) && <li>Where: {[region, country].filter(Boolean).join(', ')}</li>}
        {timezone && <li>Their time zone: {timezone}</li>}
      </ul>
    </section>
  );
}

function NextStep({ lead, zone, lists }: { lead: Lead; zone: string; lists: SalesLists }) {
  const now = useNow();
  const next = lead.plan?.next;
  const deadline = !lead.firstContactAt && lead.assignment?.deadlineAt;
  return (
    <section aria-labelledby="plan-title">
      <h2 id="plan-title">Plan and next step</h2>
      {deadline && (
        <p class={Date.parse(deadline) < now ? 'deadline late' : 'deadline'}>
          First contact {Date.parse(deadline) < now ? <strong>overdue: was due</strong> : 'due'} {countdown(deadline, now)} (by {formatTime(deadline, zone)})
        </p>
      )}
      {lead.plan ? (
        <p>
          {lead.plan.name}: {lead.plan.steps.filter((s) => s.outcome === 'done').length} done, {lead.plan.steps.filter((s) => s.outcome === 'skipped').length} skipped
        </p>
      ) : (
        <p>No contact plan.</p>
      )}
      {next ? (
        <div class="next-step">
          <p>
            <strong>
              Next: {next.kind === 'touch' ? `touch ${next.touch} of ${lead.plan?.length}` : next.kind === 'check-in' ? 'check-in' : 'after the plan'} · {channelLabel[next.channel] ?? next.channel}
            </strong>{' '}
            · {Date.parse(next.dueAt) < now ? <strong class="flag">Overdue</strong> : 'due'} {formatTime(next.dueAt, zone)} ({countdown(next.dueAt, now)})
          </p>
          <p>{next.instruction}</p>
          {next.setBy && <p class="meta">Set by {next.setBy}</p>}
        </div>
      ) : (
        lead.plan && <p>No next step.</p>
      )}
      {lead.holdBack && <p>Held back by: {labelOf(lists.holdBackCategories, lead.holdBack.category)}{lead.holdBack.note ? ` (${lead.holdBack.note})` : ''}</p>}
      {lead.purchase && <p>Purchased{lead.purchase.value !== undefined ? `, value ${lead.purchase.value}` : ''}{lead.purchase.note ? `: ${lead.purchase.note}` : ''}</p>}
      {lead.notInterested && <p>Not interested: {labelOf(lists.notInterestedReasons, lead.notInterested.reason)}{lead.notInterested.note ? ` (${lead.notInterested.note})` : ''}</p>}
    </section>
  );
}

function Score({ lead }: { lead: Lead }) {
  const { score } = lead;
  // Fit lines come first in the breakdown, engagement (re-inquiries, then email engagement) after them.
  const engagementCount = score.breakdown.filter((line) => line.rule === 're-inquiry').length + (lead.emailEngagement?.length ?? 0);
  const fitLines = score.breakdown.slice(0, score.breakdown.length - engagementCount);
  const engagementLines = score.breakdown.slice(score.breakdown.length - engagementCount);
  return (
    <section aria-labelledby="score-title">
      <h2 id="score-title">
        Score {score.total} ({score.temperature})
      </h2>
      <Lines title={`Fit: ${score.fit}`} lines={fitLines} />
      <Lines title={`Engagement: ${score.engagement}`} lines={engagementLines} />
    </section>
  );
}

function Lines({ title, lines }: { title: string; lines: ScoreLine[] }) {
  return (
    <>
      <h3>{title}</h3>
      {lines.length === 0 ? (
        <p class="meta">Nothing yet.</p>
      ) : (
        <ul class="score-lines">
          {lines.map((line, i) => (
            <li key={i}>
              <span class="points">{line.points > 0 ? `+${line.points}` : line.points}</span> {line.reason}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Source({ lead, zone }: { lead: Lead; zone: string }) {
  const t = lead.firstTouch;
  const p = lead.profile;
  return (
    <section aria-labelledby="source-title">
      <h2 id="source-title">Source and what they told us</h2>
      <dl>
        <dt>First touch</dt>
        <dd>{formatTime(t.at, zone)}</dd>
        {t.formId && (<><dt>Form</dt><dd>{t.formId}</dd></>)}
        {t.pageUrl && (<><dt>Page</dt><dd class="wrap">{t.pageUrl}</dd></>)}
        {(t.utmSource || t.utmMedium || t.utmCampaign) && (<><dt>Campaign</dt><dd>{[t.utmSource, t.utmMedium, t.utmCampaign].filter(Boolean).join(' / ')}</dd></>)}
        {p.budget && (<><dt>Budget</dt><dd>{p.budget}</dd></>)}
        {p.authority && (<><dt>Role in the decision</dt><dd>{p.authority}</dd></>)}
        {p.timeline && (<><dt>Timeline</dt><dd>{p.timeline}</dd></>)}
        {p.interest && (<><dt>Interest</dt><dd>{p.interest}</dd></>)}
        {p.need && (<><dt>Need</dt><dd class="wrap">{p.need}</dd></>)}
      </dl>
    </section>
  );
}
