import type { APIGatewayProxyResult } from 'aws-lambda';
import type { LeadAction } from '../handoff/action-links.ts';
import type { FieldError } from '../platform/errors.ts';
import { escapeHtml, htmlResponse, signedLinkHeaders } from '../platform/html-page.ts';
import type { SalesPolicy } from '../sales/sales-policy.ts';
import { channels } from '../leads/vocabulary.ts';

const questions: Record<LeadAction, (name: string) => string> = {
  contacted: (name) => `Record that you contacted ${name}?`,
  'not-interested': (name) => `Record that ${name} is not interested?`,
  purchased: (name) => `Record that ${name} purchased?`,
};

const fieldLabels: Record<string, string> = { channel: 'Channel', notes: 'Notes', reason: 'Reason', value: 'Value', note: 'Note' };
const channelLabels: Record<(typeof channels)[number], string> = { call: 'Call', email: 'Email', meeting: 'Meeting' };

function page(statusCode: number, title: string, body: string): APIGatewayProxyResult {
  // The page carries a signed token in its URL.
  return htmlResponse(statusCode, { title, body }, signedLinkHeaders);
}

/** What a link's page shows: the question, the policy's choices, and what the rep sent with what was wrong with it. */
export type ActionFormView = {
  action: LeadAction;
  leadName: string;
  policy: Pick<SalesPolicy, 'notInterestedReasons'>;
  /** What the rep posted, shown again beside the errors. */
  values?: Record<string, unknown>;
  errors?: FieldError[];
};

/**
 * Opening a link only asks: mail scanners that fetch every link change
 * nothing. The form asks what the sales desk asks and posts back to the same
 * address; with `errors`, it is shown again as the rep filled it in.
 */
export function actionFormPage(view: ActionFormView): APIGatewayProxyResult {
  const question = questions[view.action](view.leadName);
  const errors = view.errors ?? [];
  const summary = errors.length
    ? `<div role="alert"><p class="error">Nothing recorded yet. Please check:</p><ul>${errors.map((e) => `<li>${escapeHtml(errorText(e))}</li>`).join('')}</ul></div>`
    : '';
  const form = `<form method="post">${fieldsOf(view)}<button type="submit">Yes, record it</button></form>`;
  return page(errors.length ? 400 : 200, errors.length ? `Error: ${question}` : question, `<h1>${escapeHtml(question)}</h1>${summary}${form}`);
}

/** The lead's next step as the recorded page tells it: what, when on the rep's clock, and what to do. */
export type NextStepView = { what: string; due: string; instruction: string; /** Due today, on the rep's clock: the morning list is out already. */ today: boolean };

export function recordedPage(action: LeadAction, leadName: string, next?: NextStepView): APIGatewayProxyResult {
  const done = action === 'contacted' ? `Contact with ${leadName} recorded.` : `${leadName} recorded as ${action.replace('-', ' ')}.`;
  const then = next
    ? `<h2>Next: ${escapeHtml(next.what)}, ${escapeHtml(next.due)}</h2><p>${escapeHtml(next.instruction)}</p><p>${next.today ? 'That is later today.' : 'It will be on your morning list that day.'}</p>`
    : '<p>Thank you. Every contact you log keeps the lead review honest.</p>';
  return page(200, 'Recorded', `<h1>${escapeHtml(done)}</h1>${then}`);
}

export function refusedPage(statusCode: number, reason: string): APIGatewayProxyResult {
  return page(statusCode, 'Nothing recorded', `<h1>Nothing recorded</h1><p>${escapeHtml(reason)}</p>`);
}

function fieldsOf({ action, policy, values = {}, errors = [] }: ActionFormView): string {
  const posted = (field: string) => {
    const value = values[field];
    return typeof value === 'string' ? value : undefined;
  };
  switch (action) {
    case 'contacted': {
      const chosen = posted('channel') ?? 'call';
      const options = channels.map((channel) => ({ value: channel, label: channelLabels[channel] }));
      return choice('channel', 'How did you reach them?', options, chosen, errors) + textArea('notes', 'Notes (optional)', 4000, posted('notes'), errors);
    }
    case 'purchased':
      return numberInput('value', 'Value (optional)', posted('value'), errors) + textArea('note', 'Note (optional)', 2000, posted('note'), errors);
    case 'not-interested': {
      const options = policy.notInterestedReasons.map((reason) => ({ value: reason.id, label: reason.label }));
      return choice('reason', 'Why are they not interested?', options, posted('reason'), errors) + textArea('note', 'Note (optional)', 2000, posted('note'), errors);
    }
  }
}

function choice(name: string, legend: string, options: Array<{ value: string; label: string }>, chosen: string | undefined, errors: FieldError[]): string {
  const error = errorOf(name, errors);
  const radios = options
    .map(({ value, label }) => {
      const id = `${name}-${value}`;
      return `<div><input type="radio" id="${escapeHtml(id)}" name="${name}" value="${escapeHtml(value)}" required${value === chosen ? ' checked' : ''}> <label for="${escapeHtml(id)}">${escapeHtml(label)}</label></div>`;
    })
    .join('');
  return `<fieldset${error ? ` aria-describedby="${name}-error"` : ''}><legend>${escapeHtml(legend)}</legend>${error}${radios}</fieldset>`;
}

function textArea(name: string, label: string, maxLength: number, value: string | undefined, errors: FieldError[]): string {
  const error = errorOf(name, errors);
  return `<label for="${name}">${escapeHtml(label)}</label>${error}<textarea id="${name}" name="${name}" rows="3" maxlength="${maxLength}"${describedBy(name, error)}>${escapeHtml(value ?? '')}</textarea>`;
}

function numberInput(name: string, label: string, value: string | undefined, errors: FieldError[]): string {
  const error = errorOf(name, errors);
  return `<label for="${name}">${escapeHtml(label)}</label>${error}<input type="number" id="${name}" name="${name}" min="0" step="any" inputmode="decimal" value="${escapeHtml(value ?? '')}"${describedBy(name, error)}>`;
}

function errorOf(name: string, errors: FieldError[]): string {
  const error = errors.find((e) => e.field === name);
  return error ? `<p class="error" id="${name}-error">${escapeHtml(errorText(error))}</p>` : '';
}

function describedBy(name: string, error: string): string {
  return error ? ` aria-invalid="true" aria-describedby="${name}-error"` : '';
}

function errorText({ field, message }: FieldError): string {
  return `${fieldLabels[field] ?? field} ${message}`;
}
