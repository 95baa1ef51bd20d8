import { useEffect, useState } from 'preact/hooks';
import type { Api, ApiResult } from '../api/client.ts';
import type { InboxLead } from '../api/types.ts';
import { browserZone, channelLabel, countdown, formatTime, statusLabel } from '../app/time.ts';
import { useNow } from '../app/use-now.ts';

const filters = ['open', 'assigned', 'in-progress', 'purchased', 'not-interested'] as const;
const filterLabel: Record<string, string> = { open: 'Open', ...statusLabel };

/** "My leads": the rep's leads of one status, open ones by when their next step is due; one API request. */
export function InboxPage({ api, status, manager }: { api: Api; status: string; manager: boolean }) {
  const [answer, setAnswer] = useState<ApiResult<{ leads: InboxLead[] }> | undefined>();
  const now = useNow();
  useEffect(() => {
    setAnswer(undefined);
    void api.get<{ leads: InboxLead[] }>(`/me/leads?status=${encodeURIComponent(status)}`).then(setAnswer);
  }, [status]);

  return (
    <section>
      <h1 tabIndex={-1}>My leads</h1>
      <nav aria-label="Filter by status" class="filters">
        {filters.map((filter) => (
          <a key={filter} href={filter === 'open' ? '/desk/leads' : `/desk/leads?status=${filter}`} aria-current={filter === status ? 'page' : undefined}>
            {filterLabel[filter]}
          </a>
        ))}
      </nav>
      <p class="note">Times are shown in your time zone ({answer?.ok ? (answer.value.leads[0]?.timeZone ?? browserZone) : browserZone}).</p>
      {!answer && <p aria-live="polite">Loading your leads…</p>}
      {answer && !answer.ok && answer.status === 403 && manager ? (
        // A manager who holds no leads of their own works from the team board.
        <p>
          You hold no leads as a rep. Your team's leads are on the <a href="/desk/team">team board</a>, and the week's figures in the <a href="/desk/review">review</a>.
        </p>
      ) : (
        answer && !answer.ok && <p role="alert" class="error">{answer.message}</p>
      )}
      {answer?.ok && answer.value.leads.length === 0 && <p>No {filterLabel[status]?.toLowerCase() ?? status} leads.</p>}
      {answer?.ok && answer.value.leads.length > 0 && (
        <ul class="leads" aria-label={`${filterLabel[status] ?? status} leads`}>
          {answer.value.leads.map((lead) => (
            <InboxRow key={lead.leadId} lead={lead} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}

function InboxRow({ lead, now }: { lead: InboxLead; now: number }) {
  const step = lead.nextStep;
  const deadlinePassed = lead.dueAt !== undefined && Date.parse(lead.dueAt) < now;
  const overdue = Boolean(step?.overdue) || deadlinePassed;
  return (
    <li class={overdue ? 'lead overdue' : 'lead'}>
      <div class="lead-head">
        <a class="lead-name" href={`/desk/leads/${encodeURIComponent(lead.leadId)}`}>{lead.name}</a>
        {overdue && <strong class="flag">Overdue</strong>}
      </div>
      <p class="meta">
        {lead.company ?? 'No company given'} · {statusLabel[lead.status] ?? lead.status} · score {lead.score} ({lead.temperature})
      </p>
      {lead.dueAt && (
        <p class={deadlinePassed ? 'deadline late' : 'deadline'}>
          First contact {deadlinePassed ? 'was due' : 'due'} {countdown(lead.dueAt, now)} (by {formatTime(lead.dueAt, lead.timeZone)})
        </p>
      )}
      {step && (
        <p class="step">
          <span>
            Next: {step.kind === 'touch' ? `touch ${step.touch} of ${step.ofTouches}` : step.kind === 'check-in' ? 'check-in' : 'after the plan'} ·{' '}
            {channelLabel[step.channel] ?? step.channel} · {step.overdue ? 'overdue since' : 'due'} {formatTime(step.dueAt, lead.timeZone)}
          </span>
          <span class="instruction">{step.instruction}</span>
        </p>
      )}
    </li>
  );
}
