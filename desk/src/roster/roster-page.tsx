import { useEffect, useState } from 'preact/hooks';
import type { Api, ApiResult } from '../api/client.ts';
import type { Rep, TeamBoard } from '../api/types.ts';
import { PageRefusal } from '../app/refusal.tsx';
import { RepForm, territoryText } from './rep-form.tsx';

/**
 * The roster: every rep, adding one, changing one, and deactivating one after
 * seeing which open leads will move. One API request (`GET /reps`); a
 * deactivation's preview reads the team board (`GET /team`) when asked for.
 */
export function RosterPage({ api, managerEmail }: { api: Api; managerEmail: string }) {
  const [answer, setAnswer] = useState<ApiResult<{ reps: Rep[] }> | undefined>();
  const [editing, setEditing] = useState<Rep | 'new' | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const load = () => api.get<{ reps: Rep[] }>('/reps').then(setAnswer);
  useEffect(() => void load(), []);

  if (!answer) return <p aria-live="polite">Loading the roster…</p>;
  if (!answer.ok) return <PageRefusal status={answer.status} message={answer.message} what="roster" />;
  const done = (text: string) => {
    setEditing(undefined);
    setSaved(text);
    void load();
  };

  return (
    <section class="roster-page">
      <h1 tabIndex={-1}>Roster</h1>
      <p class="note">Every rep routing can give leads to. Deactivating a rep moves their open leads to the rest of their team and disables their sign-in.</p>
      <p role="status" class="saved">
        {saved}
      </p>
      {editing === 'new' ? (
        <RepForm api={api} managerEmail={managerEmail} onSaved={(rep) => done(`${rep.name} is on the roster.`)} onCancel={() => setEditing(undefined)} />
      ) : (
        <button type="button" class="primary" onClick={() => (setSaved(undefined), setEditing('new'))}>
          Add a rep
        </button>
      )}
      <ul class="roster" aria-label="Reps">
        {answer.value.reps.map((rep) => (
          <li key={rep.repId} class={rep.active ? 'card' : 'card inactive'}>
            {editing !== 'new' && editing?.repId === rep.repId ? (
              <RepForm api={api} managerEmail={managerEmail} rep={rep} onSaved={(changed) => done(`${changed.name} is saved.`)} onCancel={() => setEditing(undefined)} />
            ) : (
              <RosterEntry api={api} rep={rep} onEdit={() => (setSaved(undefined), setEditing(rep))} onChanged={done} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function RosterEntry({ api, rep, onEdit, onChanged }: { api: Api; rep: Rep; onEdit: () => void; onChanged: (text: string) => void }) {
  const [preview, setPreview] = useState<{ loading: true } | { leads: Array<{ leadId: string; name: string; company?: string }> | undefined; error?: string } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const askToDeactivate = async () => {
    setPreview({ loading: true });
    const board = await api.get<TeamBoard>('/team');
    if (!board.ok) return setPreview({ leads: undefined, error: board.message });
    setPreview({ leads: board.value.reps.find((other) => other.repId === rep.repId)?.leads });
  };
  const setActive = async (active: boolean) => {
    setBusy(true);
    setError(undefined);
    const { assignedCount, ...fields } = rep;
    const result = await api.send<Rep>('PUT', `/reps/${encodeURIComponent(rep.repId)}`, { ...fields, active });
    setBusy(false);
    if (!result.ok) return setError(result.message);
    setPreview(undefined);
    onChanged(active ? `${rep.name} is active again and can get leads.` : `${rep.name} is deactivated; their open leads are being reassigned.`);
  };

  return (
    <>
      <h2 class="rep-title">
        {rep.name} {!rep.active && <span class="flag">Inactive</span>}
      </h2>
      <dl class="figures">
        <div><dt>Id</dt><dd>{rep.repId}</dd></div>
        <div><dt>Email</dt><dd class="wrap">{rep.email}</dd></div>
        <div><dt>Team</dt><dd>{rep.team}</dd></div>
        <div><dt>Manager</dt><dd class="wrap">{rep.managerEmail}</dd></div>
        <div><dt>Territories</dt><dd>{rep.territories.length === 0 ? 'any not covered' : territoryText(rep.territories)}</dd></div>
        <div><dt>Capacity</dt><dd>{rep.capacity} open leads</dd></div>
        <div><dt>Weight</dt><dd>{rep.weight}</dd></div>
        <div><dt>Time zone</dt><dd>{rep.timezone}</dd></div>
      </dl>
      <div class="action-buttons">
        <button type="button" class="quiet" onClick={onEdit} aria-label={`Edit ${rep.name}`}>
          Edit
        </button>
        {rep.active ? (
          !preview && (
            <button type="button" class="quiet" onClick={() => void askToDeactivate()} aria-label={`Deactivate ${rep.name}`}>
              Deactivate…
            </button>
          )
        ) : (
          <button type="button" class="quiet" disabled={busy} onClick={() => void setActive(true)} aria-label={`Reactivate ${rep.name}`}>
            Reactivate
          </button>
        )}
      </div>
      {preview && (
        <div class="action-form" role="group" aria-label={`Deactivate ${rep.name}`}>
          {'loading' in preview ? (
            <p aria-live="polite">Looking up {rep.name}’s open leads…</p>
          ) : (
            <>
              {preview.error && <p class="error">The leads that would move could not be listed: {preview.error}</p>}
              {!preview.error && preview.leads === undefined && <p>{rep.name} is not on your team board, so their open leads cannot be listed here.</p>}
              {preview.leads?.length === 0 && <p>{rep.name} has no open leads: none will move.</p>}
              {preview.leads && preview.leads.length > 0 && (
                <>
                  <p>
                    Deactivating {rep.name} gives {preview.leads.length === 1 ? 'this open lead' : `these ${preview.leads.length} open leads`} to the rest of the team, as routing chooses:
                  </p>
                  <ul class="named">
                    {preview.leads.map((lead) => (
                      <li key={lead.leadId}>
                        {lead.name}
                        {lead.company ? `, ${lead.company}` : ''}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {error && <p role="alert" class="error">{error}</p>}
              <div class="action-buttons">
                <button type="button" class="primary" disabled={busy} onClick={() => void setActive(false)}>
                  {busy ? 'Deactivating…' : `Deactivate ${rep.name}`}
                </button>
                <button type="button" class="quiet" onClick={() => (setPreview(undefined), setError(undefined))}>
                  Cancel
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </>
  );
}

