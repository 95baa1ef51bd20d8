import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api/client.ts';
import type { BacktestAnswer, FieldError, Period, ScoringModel } from '../api/types.ts';
import { BacktestComparison } from './backtest-comparison.tsx';
import { count, plural } from './marketing-words.ts';
import { periodLabel } from './period.ts';

/** What the marketer typed. */
export type CandidateDraft = { model: string; threshold: string; from: string; to: string };
const noCandidate: CandidateDraft = { model: '', threshold: '', from: '', to: '' };
// The lead forms' draft key (app/drafts.ts): the same place in session storage, written here because sharing
// that module with this lazy page would move it out of the first page's script into a chunk of its own.
const draftKey = 'stoke-desk:draft:marketing:scoring-candidate';

/** The candidate as typed, kept in the tab's session storage as it changes: a sign-in in between loses none of it. */
export function useCandidateDraft(): [CandidateDraft, (changes: Partial<CandidateDraft>) => void] {
  const [draft, setDraft] = useState<CandidateDraft>(() => {
    try {
      return { ...noCandidate, ...(JSON.parse(sessionStorage.getItem(draftKey) ?? '{}') as Partial<CandidateDraft>) };
    } catch {
      return noCandidate;
    }
  });
  useEffect(() => {
    if (draft !== noCandidate) sessionStorage.setItem(draftKey, JSON.stringify(draft));
  }, [draft]);
  return [draft, (changes) => setDraft((current) => ({ ...current, ...changes }))];
}

/** The box's id: the suggestion's "Try it below" brings the reader to it. */
export const candidateBox = 'candidate-model';

type Problem = { message: string; fields: FieldError[]; candidate?: unknown };
type Run = { busy: boolean; problem?: Problem; answer?: BacktestAnswer };

// Where each field Stoke (or the page) names is shown and typed.
const inputs = { model: candidateBox, threshold: 'candidate-threshold', from: 'candidate-from', to: 'candidate-to' } as const;
const inputOf = (field: string): string | undefined =>
  field === 'model' || field.startsWith('model.') ? inputs.model : Object.hasOwn(inputs, field) ? inputs[field as keyof typeof inputs] : undefined;

/**
 * A scoring change tried on past leads: a candidate model pasted, uploaded
 * or started from the current one, checked as JSON here and against the
 * shipped model's schema by Stoke (`POST /marketing/scoring/backtest`,
 * whose 400 names every problem by its path), then replayed beside the
 * current model. Nothing is applied.
 */
export function CandidateForm(props: {
  api: Api;
  /** The page's period: the dates until the marketer picks others. */
  period: Period;
  draft: CandidateDraft;
  setDraft: (changes: Partial<CandidateDraft>) => void;
  /** What is in the box and where it came from, announced when it changes. */
  source: string;
  setSource: (source: string) => void;
}) {
  const { api, draft, setDraft, source, setSource } = props;
  const from = draft.from || props.period.from;
  const to = draft.to || props.period.to;
  // Filling the box from the current model or a file.
  const [filling, setFilling] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const [run, setRun] = useState<Run>({ busy: false });
  // What went wrong, or the answer, is where the reader is taken once the run ends.
  useEffect(() => {
    if (run.problem) document.getElementById('backtest-problem')?.focus();
    else if (run.answer) document.getElementById('backtest-result-title')?.focus();
  }, [run]);

  const startFromCurrent = async () => {
    setFilling({ busy: true });
    const answer = await api.get<ScoringModel>('/marketing/scoring/model');
    if (!answer.ok) return setFilling({ busy: false, error: `The current model could not be fetched: ${answer.message}` });
    setFilling({ busy: false });
    setDraft({ model: `${JSON.stringify(answer.value, null, 2)}\n` });
    setSource(`In the box: the current model, version ${answer.value.version}. Change what you want to try, then run the backtest.`);
  };

  const upload = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    try {
      setDraft({ model: await file.text() });
      setFilling({ busy: false });
      setSource(`In the box: ${file.name}, as uploaded.`);
    } catch {
      setFilling({ busy: false, error: `${file.name} could not be read. Choose the file again, or paste the model into the box.` });
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const fields: FieldError[] = [];
    let candidate: unknown;
    if (!draft.model.trim()) fields.push({ field: 'model', message: 'The box is empty: paste a model, upload a .json file, or start from the current model.' });
    else {
      try {
        candidate = JSON.parse(draft.model);
      } catch (error) {
        fields.push({ field: 'model', message: `This is not valid JSON, so nothing was sent: ${(error as Error).message}.` });
      }
    }
    const threshold = draft.threshold.trim();
    if (threshold && !(Number.isInteger(Number(threshold)) && Number(threshold) >= 0 && Number(threshold) <= 100)) fields.push({ field: 'threshold', message: 'must be a whole number from 0 to 100, or empty' });
    if (!from) fields.push({ field: 'from', message: 'choose the first day' });
    if (!to) fields.push({ field: 'to', message: 'choose the last day' });
    if (fields.length) return setRun({ busy: false, problem: { message: 'Nothing was sent to Stoke yet: fix what is marked below.', fields, candidate } });

    setRun({ busy: true });
    const answer = await api.send<BacktestAnswer>('POST', '/marketing/scoring/backtest', { model: candidate, ...(threshold ? { threshold: Number(threshold) } : {}), from, to });
    if (answer.ok) return setRun({ busy: false, answer: answer.value });
    setRun({ busy: false, problem: { message: answer.message, fields: answer.status === 400 && 'fields' in answer ? answer.fields : [], candidate } });
  };

  const problem = run.problem;
  const errorsOf = (input: string) => problem?.fields.filter((f) => inputOf(f.field) === input) ?? [];
  const modelErrors = errorsOf(inputs.model);
  const describedBy = (...ids: Array<string | false>) => ids.filter(Boolean).join(' ') || undefined;

  const small = (field: 'threshold' | 'from' | 'to', label: string, attributes: Record<string, unknown>, value: string, hint?: string) => {
    const id = inputs[field];
    const errors = errorsOf(id);
    return (
      <div class={errors.length ? 'field invalid' : 'field'}>
        <label for={id}>{label}</label>
        <input
          id={id}
          value={value}
          aria-invalid={errors.length ? 'true' : undefined}
          aria-describedby={describedBy(hint !== undefined && `${id}-hint`, errors.length > 0 && `${id}-error`)}
          onInput={(e) => setDraft({ [field]: e.currentTarget.value })}
          {...attributes}
        />
        {hint && (
          <span id={`${id}-hint`} class="hint">
            {hint}
          </span>
        )}
        {errors.length > 0 && (
          <span id={`${id}-error`} class="field-error">
            {label}: {errors.map((f) => f.message).join('; ')}
          </span>
        )}
      </div>
    );
  };

  return (
    <section class="card" aria-labelledby="try-title">
      <h2 id="try-title">Try a scoring change</h2>
      <p>
        Write the model you would like to ship, or start from the current one, and see how it would have done on the leads captured in the period beside the current model.
        Stoke checks it with the schema the shipped model is held to and replays both; nothing is applied.
      </p>
      <div class="candidate-tools">
        <button type="button" onClick={() => void startFromCurrent()} disabled={filling.busy}>
          {filling.busy ? 'Fetching the current model…' : 'Start from the current model'}
        </button>
        <div class="field">
          <label for="candidate-file">Or upload a model (.json file)</label>
          <input id="candidate-file" type="file" accept=".json,application/json" onChange={(e) => void upload(e.currentTarget)} />
        </div>
      </div>
      {filling.busy && <p aria-live="polite">Fetching the current model…</p>}
      {filling.error && (
        <p role="alert" class="error">
          {filling.error}
        </p>
      )}
      <form class="candidate-form" aria-label="Backtest a candidate model" onSubmit={(e) => void submit(e)} noValidate>
        {problem && (
          <div id="backtest-problem" class="error error-summary" role="alert" tabIndex={-1} aria-labelledby="backtest-problem-title">
            <h3 id="backtest-problem-title">The backtest did not run</h3>
            <p>{problem.message}</p>
            {problem.fields.length > 0 && (
              <ul>
                {problem.fields.map((f, i) => {
                  const input = inputOf(f.field);
                  return (
                    <li key={`${f.field}-${i}`}>
                      {input ? (
                        <a
                          href={`#${input}`}
                          onClick={(event) => {
                            event.preventDefault();
                            document.getElementById(input)?.focus();
                          }}
                        >
                          <FieldProblem error={f} candidate={problem.candidate} />
                        </a>
                      ) : (
                        <FieldProblem error={f} candidate={problem.candidate} />
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        )}
        <div class={modelErrors.length ? 'field invalid candidate-box' : 'field candidate-box'}>
          <label for={inputs.model}>Candidate model (JSON)</label>
          <span id="candidate-model-hint" class="hint">
            The whole model, as in <code>functions/scoring/default-scoring-model.json</code>: version, thresholds, domain lists, rules and signals.
          </span>
          <textarea
            id={inputs.model}
            rows={18}
            spellcheck={false}
            autocomplete="off"
            value={draft.model}
            aria-invalid={modelErrors.length ? 'true' : undefined}
            aria-describedby={describedBy('candidate-model-hint', 'candidate-source', modelErrors.length > 0 && 'candidate-model-error')}
            onInput={(e) => setDraft({ model: e.currentTarget.value })}
          />
          <p id="candidate-source" class="note" role="status">
            {source}
          </p>
          {modelErrors.length > 0 && (
            <div id="candidate-model-error" class="field-error">
              <p>{modelErrors.length === 1 ? 'The candidate model has a problem:' : `The candidate model has ${modelErrors.length} problems:`}</p>
              <ul class="model-errors">
                {modelErrors.map((f, i) => (
                  <li key={`${f.field}-${i}`}>
                    <FieldProblem error={f} candidate={problem?.candidate} />
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
        <div class="candidate-settings">
          {small('threshold', 'Hot threshold (optional)', { type: 'number', min: 0, max: 100, step: 1, inputMode: 'numeric' }, draft.threshold, 'Empty: each model at its own hot threshold.')}
          {small('from', 'Leads captured from', { type: 'date', required: true }, from)}
          {small('to', 'Leads captured to', { type: 'date', required: true }, to)}
        </div>
        <button type="submit" class="primary" disabled={run.busy}>
          {run.busy ? 'Running the backtest…' : 'Run the backtest'}
        </button>
      </form>
      {run.busy && <p aria-live="polite">Replaying both models over the period’s leads…</p>}
      {run.answer && <BacktestResult answer={run.answer} />}
    </section>
  );
}

/** One problem as a marketer can find it: the path in the model, the rule it is in, and what is wrong. */
function FieldProblem({ error, candidate }: { error: FieldError; candidate: unknown }) {
  if (error.field === 'model') return <>{error.message}</>;
  const rule = /^model\.rules\.(\d+)(\.|$)/.exec(error.field);
  const id = rule ? ruleId(candidate, Number(rule[1])) : undefined;
  return (
    <>
      <code>{error.field}</code>
      {id !== undefined && ` (rule “${id}”)`}: {error.message}
    </>
  );
}

function ruleId(candidate: unknown, index: number): string | undefined {
  const rules = (candidate as { rules?: unknown } | undefined)?.rules;
  const id = Array.isArray(rules) ? (rules[index] as { id?: unknown } | undefined)?.id : undefined;
  return typeof id === 'string' ? id : undefined;
}

function BacktestResult({ answer }: { answer: BacktestAnswer }) {
  const { outcomes } = answer.backtest;
  return (
    <section class="backtest-result" aria-labelledby="backtest-result-title">
      <h3 id="backtest-result-title" tabIndex={-1}>
        Backtest of {answer.backtest.candidate.version}: leads captured {periodLabel(answer.period)}
      </h3>
      <p>
        Read {plural(answer.leads, 'lead')} with {answer.leads === 1 ? 'its outcome' : 'their outcomes'}: {count(outcomes.purchased)} purchased, {count(outcomes['not-interested'])} not
        interested, {count(outcomes['in-progress'])} still with sales, {count(outcomes.none)} with no outcome yet.{answer.skipped.length === 0 && ' None was skipped.'}
      </p>
      <Skipped skipped={answer.skipped} />
      <BacktestComparison backtest={answer.backtest} candidateName="Candidate" id="candidate" />
    </section>
  );
}

/** The leads that could not be read, and why, in a disclosure; nothing when every lead was read. */
export function Skipped({ skipped }: { skipped: BacktestAnswer['skipped'] }) {
  if (skipped.length === 0) return null;
  const shown = skipped.slice(0, 50);
  return (
    <details class="skipped">
      <summary>
        {plural(skipped.length, 'lead')} skipped: {skipped.length === 1 ? 'it' : 'they'} could not be read
      </summary>
      <ul>
        {shown.map((s) => (
          <li key={s.leadId}>
            Lead {s.leadId}: {s.reason}
          </li>
        ))}
        {skipped.length > shown.length && <li>and {count(skipped.length - shown.length)} more</li>}
      </ul>
    </details>
  );
}
