import type { LeadAction } from '../handoff/action-links.ts';
import { isOpen, type Lead, leadName, type NextStep } from '../leads/lead.ts';
import { addCalendarDays, atWallTime, type WallTime, wallTime } from '../platform/time-zones.ts';
import type { BusinessHours } from '../routing/business-time.ts';
import type { Rep } from '../routing/rep.ts';
import type { ContactPlanPolicy } from './contact-plan-policy.ts';

/** What deciding a rep's mornings needs: the plans (the list's time) and the routing policy's business days (no business hours: every day). */
export type MorningListSettings = { plans: Pick<ContactPlanPolicy, 'morningList'>; businessHours?: BusinessHours | undefined };

/** A rep's working day as their clock shows it: the day a morning list is for. */
export type Morning = {
  /** The rep's local date, `yyyy-mm-dd`: a list goes out once per rep and date. */
  date: string;
  /** The day begins here (local midnight, UTC ISO 8601): a step due before it is overdue. */
  startsAt: string;
  /** The last moment of the day (UTC ISO 8601): the list holds what is due by then. */
  until: string;
};

/** One lead's next step in the list. */
export type DueStep = { lead: Lead; step: NextStep };

/** What the rep is told: steps due on earlier days first, then today's, each by due time. */
export type MorningList = { morning: Morning; overdue: DueStep[]; today: DueStep[] };

/** When a rep's next morning list goes out, and the local date it is for. */
export type NextMorning = {
  /** The rep's local date, `yyyy-mm-dd`. */
  date: string;
  /** `morningList.at` on that date in the rep's time zone. */
  at: Date;
};

// A week always holds a business day; the bound only guards against a policy with none.
const searchedDays = 8;

const pad = (value: number) => String(value).padStart(2, '0');
const isoDate = (day: Pick<WallTime, 'year' | 'month' | 'day'>) => `${day.year}-${pad(day.month)}-${pad(day.day)}`;
// 1 is Monday, 7 Sunday, as the routing policy numbers business days.
const isoWeekday = (day: Pick<WallTime, 'year' | 'month' | 'day'>) => new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() || 7;

/**
 * The first morning list after `after`: `morningList.at` on a business day of
 * the routing policy (any day without business hours) in the rep's time zone.
 * Counted in local dates and wall times, so a DST change moves it with the
 * rep's clock; a list time skipped by the change comes as late as the gap is long.
 */
export function nextMorning(rep: Pick<Rep, 'timezone'>, after: Date, settings: MorningListSettings): NextMorning {
  const [hour, minute] = settings.plans.morningList.at.split(':').map(Number) as [number, number];
  const today = wallTime(after, rep.timezone);
  for (let offset = 0; offset < searchedDays; offset++) {
    const day = addCalendarDays(today, offset);
    if (settings.businessHours && !settings.businessHours.days.includes(isoWeekday(day))) continue;
    const at = atWallTime({ ...day, hour, minute }, rep.timezone);
    if (at > after) return { date: isoDate(day), at };
  }
  throw new Error('The business hours have no working day');
}

/** The rep's day of `date` (`yyyy-mm-dd`), from local midnight to the last moment before the next. */
export function morningFor(rep: Pick<Rep, 'timezone'>, date: string): Morning {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const startsAt = atWallTime({ year, month, day, hour: 0, minute: 0 }, rep.timezone);
  const nextDay = atWallTime({ ...addCalendarDays({ year, month, day }, 1), hour: 0, minute: 0 }, rep.timezone);
  return { date, startsAt: startsAt.toISOString(), until: new Date(nextDay.getTime() - 1).toISOString() };
}

/**
 * The rep's list of the day from what their lead store found due: open leads'
 * next steps and customers' check-ins due by the end of the day, overdue ones
 * first. Undefined when nothing is due: no email that day.
 */
export function morningList(repId: string, morning: Morning, due: readonly Lead[]): MorningList | undefined {
  const steps = due
    .filter((lead) => lead.owner?.type === 'rep' && lead.owner.repId === repId)
    .filter((lead) => isOpen(lead) || (lead.status === 'purchased' && lead.plan?.next?.kind === 'check-in'))
    .flatMap((lead) => (lead.plan?.next && lead.plan.next.dueAt <= morning.until ? [{ lead, step: lead.plan.next }] : []))
    .sort((a, b) => a.step.dueAt.localeCompare(b.step.dueAt) || a.lead.leadId.localeCompare(b.lead.leadId));
  if (!steps.length) return undefined;
  const overdue = steps.filter(({ step }) => Date.parse(step.dueAt) < Date.parse(morning.startsAt));
  return { morning, overdue, today: steps.filter((each) => !overdue.includes(each)) };
}

/** The one-click links of a lead in the list: only an open lead's, for the hot episode it is in. */
export function linkSubject(repId: string, { lead }: DueStep): { leadId: string; ownerId: string; episode: number } | undefined {
  return isOpen(lead) && lead.assignment ? { leadId: lead.leadId, ownerId: repId, episode: lead.assignment.episode } : undefined;
}

/** The variables of templates/plans/morning-list.mjml (documented in templates/README.md). */
export function morningListVariables(
  list: MorningList,
  rep: Pick<Rep, 'name' | 'email' | 'timezone'>,
  actions: ReadonlyMap<string, Record<LeadAction, string>>,
  company: { name: string; postalAddress: string },
): Record<string, unknown> {
  const item = ({ lead, step }: DueStep, overdue: boolean) => {
    const links = actions.get(lead.leadId);
    return {
      lead: { leadId: lead.leadId, name: leadName(lead) ?? lead.email, company: lead.profile.company, email: lead.email, phone: lead.profile.phone },
      kind: step.kind,
      channel: step.channel,
      instruction: step.instruction,
      dueLocal: dueLocal(step.dueAt, rep.timezone, overdue),
      setByRep: step.setBy !== undefined,
      step: stepLabel(step, lead.plan?.length),
      actions: links && { contactedUrl: links.contacted, notInterestedUrl: links['not-interested'], purchasedUrl: links.purchased },
    };
  };
  const due = list.today.length;
  const overdue = list.overdue.length;
  return {
    rep: { name: rep.name, firstName: rep.name.split(/\s+/)[0], email: rep.email },
    list: { date: dayLabel(list.morning.startsAt, rep.timezone), due, overdue, total: due + overdue },
    overdue: list.overdue.map((each) => item(each, true)),
    today: list.today.map((each) => item(each, false)),
    company,
  };
}

/** "touch 3 of 8", "after the plan", "customer check-in". */
function stepLabel(step: NextStep, length: number | undefined): string {
  if (step.kind === 'check-in') return 'customer check-in';
  if (step.kind === 'after-plan') return 'after the plan';
  return length ? `touch ${step.touch} of ${length}` : `touch ${step.touch}`;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function parts(iso: string, timeZone: string): Record<string, string> {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  return Object.fromEntries(format.formatToParts(new Date(iso)).map(({ type, value }) => [type, value]));
}

// Today's steps by the hour; overdue ones by the day they were due as well.
function dueLocal(iso: string, timeZone: string, overdue: boolean): string {
  const part = parts(iso, timeZone);
  return overdue ? `${part.weekday} ${part.day} ${part.month}, ${part.hour}:${part.minute}` : `${part.hour}:${part.minute}`;
}

function dayLabel(iso: string, timeZone: string): string {
  const part = parts(iso, timeZone);
  return `${part.weekday} ${part.day} ${part.month}`;
}
