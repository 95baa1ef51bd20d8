import { useEffect, useState } from 'preact/hooks';
import type { Api, ApiResult } from '../api/client.ts';
import type { BoardLead, LateOn, RepOnBoard, TeamBoard } from '../api/types.ts';
import { PageRefusal } from '../app/refusal.tsx';
import { formatTime, statusLabel } from '../app/time.ts';

const lateLabel: Record<keyof LateOn, string> = {
  firstContact: 'first contact overdue',
  withoutProgress: 'no progress',
  behind: 'behind',
  nextStep: 'next step overdue',
};

/** The manager's team board: each rep's load and what is late, the fallback queue, and reassigning a lead; one API request (again after a reassignment). */
export function TeamPage({ api }: { api: Api }) {
  const [answer, setAnswer] = useState<ApiResult<TeamBoard> | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const load = () => api.get<TeamBoard>('/team').then(setAnswer);
  useEffect(() => void load(), []);

  if (!answer) return <p aria-live="polite">Loading the team board…</p>;
  if (!answer.ok) return <PageRefusal status={answer.status} message={answer.message} what="team board" />;
  const board = answer.value;
  const activeReps = board.reps.filter((rep) => rep.active);
  const reassigned = (text: string) => {
    setSaved(text);
    void load();
  };

  return (
    <section class="team-page">
      <h1 tabIndex={-1}>Team board</h1>
      <p class="note">
        {plural(board.reps.length, 'rep')}, {plural(board.reps.reduce((sum, rep) => sum + rep.openLeads, 0), 'open lead')} · as of {formatTime(board.at)}
      </p>
      <p role="status" class="saved">
        {saved}
      </p>
      {board.reps.length === 0 && <p>No rep of the roster names you as their manager.</p>}
      <div class="cards">
        {board.reps.map((rep) => (
          <RepCard key={rep.repId} rep={rep} api={api} reps={activeReps} onReassigned={reassigned} />
        ))}
      </div>
      {board.queues.map(({ queue, leads }) => (
        <section key={queue} class="card queue" aria-labelledby={`queue-${queue}`}>
          <h2 id={`queue-${queue}`}>Fallback queue “{queue}”: {leads.length === 1 ? '1 lead' : `${leads.length} leads`} waiting for you</h2>
          {leads.length === 0 ? <p class="meta">Nothing waiting.</p> : <LeadList leads={leads} api={api} reps={activeReps} owner={`the ${queue} queue`} onReassigned={reassigned} />}
        </section>
      ))}
    </section>
  );
}

function RepCard({ rep, api, reps, onReassigned }: { rep: RepOnBoard; api: Api; reps: RepOnBoard[]; onReassigned: (text: string) => void }) {
  const figures: Array<[string, string, boolean]> = [
    ['Open leads', `${rep.openLeads} of ${rep.capacity}`, rep.openLeads >= rep.capacity],
    ['Overdue first contacts', String(rep.overdueFirstContacts), rep.overdueFirstContacts > 0],
    ['Without progress', String(rep.withoutProgress), rep.withoutProgress > 0],
    ['Behind', String(rep.behind), rep.behind > 0],
    ['In follow-up debt', rep.inFollowUpDebt ? 'Yes: routing passes them over' : 'No', rep.inFollowUpDebt],
    ['Next steps overdue', String(rep.nextStepsOverdue), rep.nextStepsOverdue > 0],
  ];
  return (
    <section class={rep.inFollowUpDebt || rep.overdueFirstContacts > 0 ? 'card rep late' : 'card rep'} aria-labelledby={`rep-${rep.repId}`}>
      <h2 id={`rep-${rep.repId}`}>
        {rep.name}
        {!rep.active && <span class="flag"> Inactive</span>}
      </h2>
      <p class="meta">
        {rep.team} team · {rep.email}
      </p>
      <dl class="figures">
        {figures.map(([label, value, late]) => (
          <div key={label} class={late ? 'late' : undefined}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {rep.leads.length > 0 && (
        <details>
          <summary>
            {rep.name}’s {rep.leads.length === 1 ? 'open lead' : `${rep.leads.length} open leads`}
          </summary>
          <LeadList leads={rep.leads} api={api} reps={reps.filter((other) => other.repId !== rep.repId)} owner={rep.name} onReassigned={onReassigned} />
        </details>
      )}
    </section>
  );
}

function LeadList({ leads, api, reps, owner, onReassigned }: { leads: BoardLead[]; api: Api; reps: RepOnBoard[]; owner: string; onReassigned: (text: string) => void }) {
  return (
    <ul class="leads" aria-label={`Open leads of ${owner}`}>
      {leads.map((lead) => {
        const late = (Object.keys(lateLabel) as Array<keyof LateOn>).filter((what) => lead.late[what]);
        return (
          <li key={lead.leadId} class={late.length > 0 ? 'lead overdue' : 'lead'}>
            <div class="lead-head">
              <a class="lead-name" href={`/desk/leads/${encodeURIComponent(lead.leadId)}`}>{lead.name}</a>
              {late.length > 0 && <strong class="flag">Late: {late.map((what) => lateLabel[what]).join(', ')}</strong>}
            </div>
            <p class="meta">
              {lead.company ?? 'No company given'} · {statusLabel[lead.status] ?? lead.status} · score {lead.score} ({lead.temperature}) · {lead.contactCount === 1 ? '1 contact' : `${lead.contactCount} contacts`}
              {lead.nextStep && ` · next step ${lead.nextStep.overdue ? 'overdue since' : 'due'} ${formatTime(lead.nextStep.dueAt)}`}
            </p>
            <Reassign api={api} lead={lead} reps={reps} onReassigned={onReassigned} />
          </li>
        );
      })}
    </ul>
  );
}

/** "Reassign": give the lead to an active rep of the team, with an optional note; the API's refusals shown as they are. */
function Reassign({ api, lead, reps, onReassigned }: { api: Api; lead: BoardLead; reps: RepOnBoard[]; onReassigned: (text: string) => void }) {
  const [open, setOpen] = useState(false);
  const [repId, setRepId] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Array<{ field: string; message: string }> } | undefined>();
  const id = `reassign-${lead.leadId}`;

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const result = await api.send('POST', `/leads/${encodeURIComponent(lead.leadId)}/reassign`, { repId, ...(note.trim() ? { note: note.trim() } : {}) });
    setBusy(false);
    if (!result.ok) {
      setError({ message: result.message, fields: result.status === 400 && 'fields' in result ? result.fields : [] });
      return;
    }
    setOpen(false);
    onReassigned(`${lead.name} now belongs to ${reps.find((rep) => rep.repId === repId)?.name ?? repId}; both reps are told.`);
  };

  if (!open) {
    return (
      <button type="button" class="quiet" aria-label={`Reassign ${lead.name}`} onClick={() => setOpen(true)}>
        Reassign
      </button>
    );
  }
  const fieldError = (field: string) => error?.fields.find((f) => f.field === field)?.message;
  return (
    <form class="action-form" onSubmit={submit} aria-label={`Reassign ${lead.name}`}>
      <div class={fieldError('repId') ? 'field invalid' : 'field'}>
        <label for={`${id}-rep`}>Give {lead.name} to</label>
        <select id={`${id}-rep`} value={repId} required onChange={(e) => setRepId(e.currentTarget.value)} aria-describedby={fieldError('repId') ? `${id}-rep-error` : undefined}>
          <option value="">Choose a rep…</option>
          {reps.map((rep) => (
            <option key={rep.repId} value={rep.repId}>
              {rep.name} ({rep.team}, {rep.openLeads} of {rep.capacity} open)
            </option>
          ))}
        </select>
        {fieldError('repId') && <span id={`${id}-rep-error`} class="field-error">{fieldError('repId')}</span>}
      </div>
      <div class={fieldError('note') ? 'field invalid' : 'field'}>
        <label for={`${id}-note`}>Note for the history (optional)</label>
        <input id={`${id}-note`} value={note} maxLength={200} onInput={(e) => setNote(e.currentTarget.value)} />
        {fieldError('note') && <span class="field-error">{fieldError('note')}</span>}
      </div>
      {error && <p role="alert" class="error">{error.message}</p>}
      <div class="action-buttons">
        <button type="submit" class="primary" disabled={busy || !repId}>
          {busy ? 'Reassigning…' : 'Reassign lead'}
        </button>
        <button type="button" class="quiet" onClick={() => (setOpen(false), setError(undefined))}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
