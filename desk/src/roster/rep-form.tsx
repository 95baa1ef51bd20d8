import { useState } from 'preact/hooks';
import type { Api } from '../api/client.ts';
import type { FieldError, Rep } from '../api/types.ts';

type Draft = Record<'repId' | 'name' | 'email' | 'managerEmail' | 'team' | 'territories' | 'capacity' | 'weight' | 'timezone', string> & { active: boolean };

/** Adding a rep (`POST /reps`) or changing one (`PUT /reps/{repId}`); the API's message for each field shown beside it. */
export function RepForm({ api, managerEmail, rep, onSaved, onCancel }: { api: Api; managerEmail: string; rep?: Rep; onSaved: (rep: Rep) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => ({
    repId: rep?.repId ?? '',
    name: rep?.name ?? '',
    email: rep?.email ?? '',
    managerEmail: rep?.managerEmail ?? managerEmail,
    team: rep?.team ?? '',
    territories: rep ? territoryText(rep.territories) : '',
    capacity: String(rep?.capacity ?? 40),
    weight: String(rep?.weight ?? 1),
    timezone: rep?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    active: rep?.active ?? true,
  }));
  const [state, setState] = useState<{ busy: boolean; message?: string; fields: FieldError[] }>({ busy: false, fields: [] });
  const prefix = rep ? `edit-${rep.repId}` : 'new-rep';

  const save = async (event: Event) => {
    event.preventDefault();
    setState({ busy: true, fields: [] });
    const body = {
      repId: draft.repId.trim(),
      name: draft.name,
      email: draft.email.trim(),
      managerEmail: draft.managerEmail.trim(),
      team: draft.team.trim(),
      territories: draft.territories
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
        .map((part) => {
          const [country, ...region] = part.split('/');
          return region.length > 0 ? { country: country!.trim(), region: region.join('/').trim() } : { country: country!.trim() };
        }),
      active: draft.active,
      capacity: numberOf(draft.capacity),
      weight: numberOf(draft.weight),
      timezone: draft.timezone.trim(),
    };
    const result = rep ? await api.send<Rep>('PUT', `/reps/${encodeURIComponent(rep.repId)}`, body) : await api.send<Rep>('POST', '/reps', body);
    if (result.ok) return onSaved(result.value);
    setState({ busy: false, message: result.message, fields: 'fields' in result ? result.fields : [] });
  };

  // "territories.1.country" belongs beside the territories field, naming which one.
  const errorOf = (field: string) =>
    state.fields
      .filter((f) => f.field === field || f.field.startsWith(`${field}.`))
      .map((f) => {
        const [, index, part] = f.field.split('.');
        return index === undefined ? f.message : `territory ${Number(index) + 1}${part ? ` (${part})` : ''} ${f.message}`;
      })
      .join('; ') || undefined;
  const unplaced = state.fields.filter((f) => !fields.some(([name]) => f.field === name || f.field.startsWith(`${name}.`)));

  const input = (name: keyof Omit<Draft, 'active'>, label: string, extra: Record<string, unknown> = {}, hint?: string) => {
    const error = errorOf(name);
    const id = `${prefix}-${name}`;
    const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div class={error ? 'field invalid' : 'field'}>
        <label for={id}>{label}</label>
        <input id={id} value={draft[name]} aria-invalid={error ? true : undefined} aria-describedby={described} onInput={(e) => setDraft({ ...draft, [name]: e.currentTarget.value })} {...extra} />
        {hint && <span id={`${id}-hint`} class="hint">{hint}</span>}
        {error && <span id={`${id}-error`} class="field-error">{error}</span>}
      </div>
    );
  };

  return (
    <form class="action-form rep-form" onSubmit={save} aria-label={rep ? `Edit ${rep.name}` : 'Add a rep'} noValidate>
      <h2>{rep ? `Edit ${rep.name}` : 'Add a rep'}</h2>
      {input('repId', 'Rep id', rep ? { readOnly: true } : {}, rep ? 'The id cannot change.' : 'Lower-case letters, digits and dashes, such as anna-schmidt.')}
      {input('name', 'Name')}
      {input('email', 'Email', { type: 'email', autoComplete: 'off' }, rep ? undefined : 'Their sign-in is created with it, and the invitation sent there.')}
      {input('managerEmail', 'Manager’s email', { type: 'email' })}
      {input('team', 'Team', {}, 'Such as field or desk.')}
      {input('territories', 'Territories', {}, 'Country codes, comma-separated, a region after a slash: DE, AT, US/California. Empty: any lead of the team no territory rep covers.')}
      {input('capacity', 'Capacity (most open leads)', { type: 'number', min: 1, inputMode: 'numeric' })}
      {input('weight', 'Weight in the rotation', { type: 'number', min: 1, inputMode: 'numeric' })}
      {input('timezone', 'Time zone', {}, 'IANA name, such as Europe/Berlin.')}
      <div class="field checkbox">
        <label>
          <input type="checkbox" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.currentTarget.checked })} /> Active (gets new leads)
        </label>
        {errorOf('active') && <span class="field-error">{errorOf('active')}</span>}
      </div>
      {state.message && (
        <p role="alert" class="error">
          {state.message}
          {unplaced.length > 0 && `: ${unplaced.map((f) => `${f.field} ${f.message}`).join('; ')}`}
        </p>
      )}
      <div class="action-buttons">
        <button type="submit" class="primary" disabled={state.busy}>
          {state.busy ? 'Saving…' : rep ? 'Save changes' : 'Add rep'}
        </button>
        <button type="button" class="quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const fields = [['repId'], ['name'], ['email'], ['managerEmail'], ['team'], ['territories'], ['capacity'], ['weight'], ['timezone'], ['active']] as const;

/** A typed number, or the text itself so that the API names what is wrong with it. */
const numberOf = (text: string): number | string => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);

/** Territories as the form spells them: `DE, AT, US/California`. */
export const territoryText = (territories: Rep['territories']) => territories.map((t) => (t.region ? `${t.country}/${t.region}` : t.country)).join(', ');
