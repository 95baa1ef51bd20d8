import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Api, ApiResult } from '../api/client.ts';
import { channels, type FieldError, type Lead } from '../api/types.ts';
import { hasDraft, useDraft } from '../app/drafts.ts';
import { channelLabel } from '../app/time.ts';
import type { SalesLists } from './sales-lists.ts';

type Action = 'contact' | 'next-step' | 'in-progress' | 'purchased' | 'not-interested' | 'nurture';
const actions: Array<[Action, string]> = [
  ['contact', 'Log a contact'],
  ['next-step', 'Next step'],
  ['in-progress', 'In progress'],
  ['purchased', 'Purchased'],
  ['not-interested', 'Not interested'],
  ['nurture', 'Back to nurture'],
];

type Props = { api: Api; lead: Lead; lists: SalesLists; onChanged(lead: Lead): void };

/** The rep's actions: one click opens a form, one more sends it. */
export function LeadActions(props: Props) {
  const [open, setOpen] = useState<Action | undefined>(() => actions.find(([action]) => hasDraft(props.lead.leadId, action))?.[0]);
  const done = (lead: Lead) => {
    setOpen(undefined);
    props.onChanged(lead);
  };
  return (
    <section aria-labelledby="actions-title" class="actions">
      <h2 id="actions-title">Actions</h2>
      <div class="action-buttons">
        {actions.map(([action, label]) => (
          <button key={action} type="button" aria-expanded={open === action} aria-controls="action-form" onClick={() => setOpen(open === action ? undefined : action)}>
            {label}
          </button>
        ))}
      </div>
      <div id="action-form">
        {open === 'contact' && <ContactForm {...props} onChanged={done} />}
        {open === 'next-step' && <NextStepForms {...props} onChanged={done} />}
        {open === 'in-progress' && <InProgressForm {...props} onChanged={done} />}
        {open === 'purchased' && <PurchasedForm {...props} onChanged={done} />}
        {open === 'not-interested' && <NotInterestedForm {...props} onChanged={done} />}
        {open === 'nurture' && <NurtureForm {...props} onChanged={done} />}
      </div>
    </section>
  );
}

/** Sends a form: 400s land beside their fields, other refusals above the button. */
function useSend(onChanged: (lead: Lead) => void, clear: () => void) {
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<{ message: string; fields: FieldError[] } | undefined>();
  const send = async (call: () => Promise<ApiResult<Lead>>) => {
    setSending(true);
    setProblem(undefined);
    const answer = await call();
    setSending(false);
    if (answer.ok) {
      clear();
      onChanged(answer.value);
    } else {
      setProblem({ message: answer.message, fields: answer.status === 400 && 'fields' in answer ? answer.fields : [] });
    }
  };
  const fieldError = (...names: string[]) => problem?.fields.find((f) => names.includes(f.field))?.message;
  return { sending, problem, send, fieldError };
}

function Form({ title, onSubmit, sending, problem, submit, children }: { title: string; onSubmit(): void; sending: boolean; problem: { message: string; fields: FieldError[] } | undefined; submit: string; children: ComponentChildren }) {
  return (
    <form
      class="action-form"
      aria-label={title}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <h3>{title}</h3>
      {problem && (
        <div role="alert" class="error">
          <p>{problem.message}</p>
        </div>
      )}
      {children}
      <button type="submit" class="primary" disabled={sending}>
        {sending ? 'Saving…' : submit}
      </button>
    </form>
  );
}

function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string | undefined; hint?: string; children: ComponentChildren }) {
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {children}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

// A datetime-local value is the browser's local time: sent as an instant.
const instant = (local: string) => (local ? new Date(local).toISOString() : local);
const path = (lead: Lead, rest = '') => `/leads/${encodeURIComponent(lead.leadId)}${rest}`;

function ChannelSelect({ id, value, onChange, optional }: { id: string; value: string; onChange(value: string): void; optional?: boolean }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
      {optional && <option value="">None: the plan's next touch</option>}
      {channels.map((c) => (
        <option key={c} value={c}>
          {channelLabel[c]}
        </option>
      ))}
    </select>
  );
}

function ContactForm({ api, lead, onChanged }: Props) {
  const [f, set, clear] = useDraft(lead.leadId, 'contact', { channel: 'call', outcome: '', notes: '', nextChannel: '', nextAt: '', nextNote: '' });
  const { sending, problem, send, fieldError } = useSend(onChanged, clear);
  const submit = () =>
    send(() =>
      api.send<Lead>('POST', path(lead, '/contacts'), {
        channel: f.channel,
        ...(f.outcome.trim() ? { outcome: f.outcome } : {}),
        ...(f.notes.trim() ? { notes: f.notes } : {}),
        ...(f.nextChannel ? { nextStep: { channel: f.nextChannel, at: instant(f.nextAt), ...(f.nextNote.trim() ? { note: f.nextNote } : {}) } } : {}),
      }),
    );
  return (
    <Form title="Log a contact" onSubmit={submit} sending={sending} problem={problem} submit="Log contact">
      <Field id="contact-channel" label="Channel" error={fieldError('channel')}>
        <ChannelSelect id="contact-channel" value={f.channel} onChange={(channel) => set({ channel })} />
      </Field>
      <Field id="contact-outcome" label="Outcome" error={fieldError('outcome')}>
        <input id="contact-outcome" value={f.outcome} maxLength={200} onInput={(e) => set({ outcome: e.currentTarget.value })} />
      </Field>
      <Field id="contact-notes" label="Notes" error={fieldError('notes')}>
        <textarea id="contact-notes" rows={4} value={f.notes} onInput={(e) => set({ notes: e.currentTarget.value })} />
      </Field>
      <fieldset>
        <legend>Your own next step (optional)</legend>
        <Field id="contact-next-channel" label="Next step channel" error={fieldError('nextStep', 'nextStep.channel')}>
          <ChannelSelect id="contact-next-channel" value={f.nextChannel} optional onChange={(nextChannel) => set({ nextChannel })} />
        </Field>
        {f.nextChannel && (
          <>
            <Field id="contact-next-at" label="Next step due" error={fieldError('nextStep.at')} hint="In this browser's time zone">
              <input id="contact-next-at" type="datetime-local" required value={f.nextAt} onInput={(e) => set({ nextAt: e.currentTarget.value })} />
            </Field>
            <Field id="contact-next-note" label="Next step note" error={fieldError('nextStep.note')}>
              <input id="contact-next-note" value={f.nextNote} maxLength={200} onInput={(e) => set({ nextNote: e.currentTarget.value })} />
            </Field>
          </>
        )}
      </fieldset>
    </Form>
  );
}

function NextStepForms({ api, lead, onChanged }: Props) {
  const [f, set, clear] = useDraft(lead.leadId, 'next-step', { channel: 'call', at: '', note: '' });
  const [s, setSkip, clearSkip] = useDraft(lead.leadId, 'skip-step', { reason: '' });
  const own = useSend(onChanged, clear);
  const skip = useSend(onChanged, clearSkip);
  return (
    <>
      <Form
        title="Set your own next step"
        sending={own.sending}
        problem={own.problem}
        submit="Set next step"
        onSubmit={() => own.send(() => api.send<Lead>('PUT', path(lead, '/next-step'), { channel: f.channel, at: instant(f.at), ...(f.note.trim() ? { note: f.note } : {}) }))}
      >
        <Field id="step-channel" label="Channel" error={own.fieldError('channel')}>
          <ChannelSelect id="step-channel" value={f.channel} onChange={(channel) => set({ channel })} />
        </Field>
        <Field id="step-at" label="Due" error={own.fieldError('at')} hint="In this browser's time zone">
          <input id="step-at" type="datetime-local" required value={f.at} onInput={(e) => set({ at: e.currentTarget.value })} />
        </Field>
        <Field id="step-note" label="What to do" error={own.fieldError('note')}>
          <input id="step-note" value={f.note} maxLength={200} onInput={(e) => set({ note: e.currentTarget.value })} />
        </Field>
      </Form>
      {lead.plan?.next && (
        <Form title="Skip the planned step" sending={skip.sending} problem={skip.problem} submit="Skip step" onSubmit={() => skip.send(() => api.send<Lead>('POST', path(lead, '/next-step/skip'), { reason: s.reason }))}>
          <Field id="skip-reason" label="Why skip it" error={skip.fieldError('reason')}>
            <input id="skip-reason" required value={s.reason} maxLength={200} onInput={(e) => setSkip({ reason: e.currentTarget.value })} />
          </Field>
        </Form>
      )}
    </>
  );
}

function InProgressForm({ api, lead, lists, onChanged }: Props) {
  const [f, set, clear] = useDraft(lead.leadId, 'in-progress', { holdBack: '', note: '' });
  const { sending, problem, send, fieldError } = useSend(onChanged, clear);
  return (
    <Form
      title="Set in progress"
      sending={sending}
      problem={problem}
      submit="Set in progress"
      onSubmit={() => send(() => api.send<Lead>('PUT', path(lead, '/status'), { status: 'in-progress', holdBack: f.holdBack, ...(f.note.trim() ? { note: f.note } : {}) }))}
    >
      <Field id="hold-back" label="What holds it back" error={fieldError('holdBack')}>
        <select id="hold-back" required value={f.holdBack} onChange={(e) => set({ holdBack: e.currentTarget.value })}>
          <option value="">Choose…</option>
          {lists.holdBackCategories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="in-progress-note" label="Note" error={fieldError('note')} hint={isClosed(lead) ? 'Required to reopen a closed lead' : undefined}>
        <textarea id="in-progress-note" rows={2} value={f.note} onInput={(e) => set({ note: e.currentTarget.value })} />
      </Field>
    </Form>
  );
}

function PurchasedForm({ api, lead, onChanged }: Props) {
  const [f, set, clear] = useDraft(lead.leadId, 'purchased', { value: '', note: '' });
  const { sending, problem, send, fieldError } = useSend(onChanged, clear);
  return (
    <Form
      title="Purchased"
      sending={sending}
      problem={problem}
      submit="Record purchase"
      onSubmit={() => send(() => api.send<Lead>('PUT', path(lead, '/status'), { status: 'purchased', ...(f.value.trim() ? { value: Number(f.value) } : {}), ...(f.note.trim() ? { note: f.note } : {}) }))}
    >
      <Field id="purchase-value" label="Value (optional)" error={fieldError('value')}>
        <input id="purchase-value" type="number" min="0" step="any" inputMode="decimal" value={f.value} onInput={(e) => set({ value: e.currentTarget.value })} />
      </Field>
      <Field id="purchase-note" label="Note" error={fieldError('note')}>
        <textarea id="purchase-note" rows={2} value={f.note} onInput={(e) => set({ note: e.currentTarget.value })} />
      </Field>
    </Form>
  );
}

function NotInterestedForm({ api, lead, lists, onChanged }: Props) {
  const [f, set, clear] = useDraft(lead.leadId, 'not-interested', { reason: '', note: '' });
  const { sending, problem, send, fieldError } = useSend(onChanged, clear);
  return (
    <Form
      title="Not interested"
      sending={sending}
      problem={problem}
      submit="Close as not interested"
      onSubmit={() => send(() => api.send<Lead>('PUT', path(lead, '/status'), { status: 'not-interested', reason: f.reason, ...(f.note.trim() ? { note: f.note } : {}) }))}
    >
      <Field id="not-interested-reason" label="Reason" error={fieldError('reason')}>
        <select id="not-interested-reason" required value={f.reason} onChange={(e) => set({ reason: e.currentTarget.value })}>
          <option value="">Choose…</option>
          {lists.notInterestedReasons.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="not-interested-note" label="Note" error={fieldError('note')}>
        <textarea id="not-interested-note" rows={2} value={f.note} onInput={(e) => set({ note: e.currentTarget.value })} />
      </Field>
    </Form>
  );
}

function NurtureForm({ api, lead, onChanged }: Props) {
  const [f, set, clear] = useDraft(lead.leadId, 'nurture', { note: '' });
  const { sending, problem, send, fieldError } = useSend(onChanged, clear);
  return (
    <Form title="Back to nurture" sending={sending} problem={problem} submit="Hand back to marketing" onSubmit={() => send(() => api.send<Lead>('POST', path(lead, '/recycle'), f.note.trim() ? { note: f.note } : {}))}>
      <Field id="nurture-note" label="Note for marketing" error={fieldError('note')}>
        <textarea id="nurture-note" rows={2} value={f.note} onInput={(e) => set({ note: e.currentTarget.value })} />
      </Field>
    </Form>
  );
}

const isClosed = (lead: Lead) => lead.status === 'purchased' || lead.status === 'not-interested';
