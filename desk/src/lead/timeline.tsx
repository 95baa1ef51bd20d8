import type { EngagementSignal, HistoryEntry } from '../api/types.ts';
import { channelLabel, formatTime, statusLabel } from '../app/time.ts';
import { labelOf, type SalesLists } from './sales-lists.ts';

type Line = { at: string; by: string; what: string; more?: string | undefined };

/** Everything that happened to the lead, newest first, each with who and when: history and email signals in one list. */
export function Timeline({ history, signals, timeZone, lists }: { history: HistoryEntry[]; signals: EngagementSignal[] | undefined; timeZone: string; lists: SalesLists }) {
  const lines: Line[] = [...history.map((entry) => lineOf(entry, lists)), ...(signals ?? []).map(signalLine)].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <ol class="timeline" aria-label="Timeline, newest first">
      {lines.map((line, i) => (
        <li key={`${line.at}-${i}`}>
          <p class="what">{line.what}</p>
          {line.more && <p class="more">{line.more}</p>}
          <p class="meta">
            <time dateTime={line.at}>{formatTime(line.at, timeZone)}</time> · by {byName(line.by)}
          </p>
        </li>
      ))}
    </ol>
  );
}

const byName = (by: string) => (by === 'stoke' ? 'Stoke' : by === 'lead' ? 'the lead' : by);
const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
const join = (...parts: Array<string | undefined | false>) => parts.filter(Boolean).join(' · ') || undefined;

function stepText(step: unknown): string | undefined {
  if (!step || typeof step !== 'object') return undefined;
  const s = step as { kind?: string; touch?: number; channel?: string };
  const which = s.kind === 'touch' ? `touch ${s.touch}` : s.kind === 'check-in' ? 'check-in' : 'after the plan';
  return `${which} (${channelLabel[s.channel ?? ''] ?? s.channel})`;
}

function lineOf(entry: HistoryEntry, lists: SalesLists): Line {
  const d = entry.details;
  const base = { at: entry.at, by: entry.by };
  switch (entry.type) {
    case 'captured':
      return { ...base, what: 'Captured from a form', more: join(text(d.formId) && `form ${text(d.formId)}`, text(d.temperature)) };
    case 're-inquired':
      return { ...base, what: 'Came back through a form (re-inquiry)' };
    case 'assigned':
      return { ...base, what: `Handed off to ${text(d.ownerName) ?? text(d.ownerId) ?? 'an owner'}`, more: join(text(d.reason), d.deadlineAt ? `first contact due ${formatTime(String(d.deadlineAt))}` : undefined) };
    case 'handoff-emailed':
      return { ...base, what: 'Handoff email sent to the owner' };
    case 'deadline-reminded':
      return { ...base, what: 'Reminder: first contact is due' };
    case 'deadline-escalated':
      return { ...base, what: 'First contact late: the manager was told' };
    case 'previous-owner-told':
      return { ...base, what: 'The previous owner was told the lead moved' };
    case 'manager-told':
      return { ...base, what: 'The manager was told' };
    case 'contact-logged':
      return {
        ...base,
        what: `Contact logged: ${channelLabel[text(d.channel) ?? ''] ?? text(d.channel) ?? 'contact'}${d.outcome ? `, ${text(d.outcome)}` : ''}`,
        more: join(text(d.notes), stepText(d.step) && `did ${stepText(d.step)}`, stepText(d.nextStep) && `next: ${stepText(d.nextStep)}`, text(d.via) && `via ${text(d.via)}`),
      };
    case 'step-skipped':
      return { ...base, what: `Step skipped: ${stepText(d.step) ?? 'planned step'}`, more: join(text(d.reason), stepText(d.nextStep) && `next: ${stepText(d.nextStep)}`) };
    case 'next-step-set':
      return { ...base, what: `Next step set: ${stepText(d.nextStep) ?? ''}`, more: stepText(d.replaces) && `in place of ${stepText(d.replaces)}` };
    case 'status-changed': {
      const to = text(d.to) ?? '';
      return {
        ...base,
        // Setting a lead in progress again records what holds it back now: no change of status to show.
        what: text(d.from) === to ? `Still ${(statusLabel[to] ?? to).toLowerCase()}` : `Status: ${statusLabel[text(d.from) ?? ''] ?? text(d.from)} → ${statusLabel[to] ?? to}`,
        more: join(
          d.holdBack !== undefined && `held back by: ${labelOf(lists.holdBackCategories, text(d.holdBack))}`,
          d.reason !== undefined && `reason: ${labelOf(lists.notInterestedReasons, text(d.reason))}`,
          d.value !== undefined && `value ${text(d.value)}`,
          text(d.note),
          text(d.via) && `via ${text(d.via)}`,
        ),
      };
    }
    case 'nurture-enrolled':
      return { ...base, what: `Enrolled in nurture${d.track ? `: ${text(d.track)}` : ''}` };
    case 'nurture-confirmation-sent':
      return { ...base, what: 'Asked to confirm the subscription' };
    case 'nurture-sent':
      return { ...base, what: `Tip sent${d.subject ? `: ${text(d.subject)}` : ''}`, more: join(text(d.track), text(d.templateId)) };
    case 'nurture-deferred':
      return { ...base, what: 'Tip deferred', more: text(d.reason) };
    case 'nurture-held':
      return { ...base, what: 'Tip waiting: marketing email is paused', more: text(d.reason) };
    case 'nurture-resumed':
      return { ...base, what: 'Tip rescheduled: marketing email resumed', more: d.until ? `goes out ${formatTime(String(d.until))}` : undefined };
    case 'nurture-exited':
      return { ...base, what: 'Left nurture', more: text(d.reason) };
    case 'subscription-confirmed':
      return { ...base, what: 'Confirmed the subscription' };
    case 'unsubscribed':
      return { ...base, what: 'Unsubscribed' };
    case 'scored':
      return { ...base, what: `Score changed${d.total !== undefined ? ` to ${text(d.total)}` : ''}`, more: text(d.cause) ?? text(d.type) };
    case 'suppressed':
      return { ...base, what: 'Marketing email suppressed', more: text(d.reason) };
    case 'bounced-transient':
      return { ...base, what: 'An email bounced (temporary)' };
    case 'recycled':
      return { ...base, what: 'Back to nurture', more: text(d.note) };
    case 'merged':
      return { ...base, what: 'Merged with a duplicate' };
    default:
      return { ...base, what: entry.type };
  }
}

function signalLine(signal: EngagementSignal): Line {
  const what = `Email ${signal.type}${signal.link ? `: ${signal.link}` : ''}`;
  const more = signal.human === false ? `not counted: ${signal.filteredBecause ?? 'machine'}` : join(signal.points !== undefined && `+${signal.points} points`, signal.reason);
  return { at: signal.at, by: 'lead', what, more };
}
