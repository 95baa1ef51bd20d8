import * as z from '../platform/zod.ts';
import { isoWeekOf } from '../review/iso-week.ts';

/** A period marketing asks about: whole UTC days, both ends included. */
export type Period = { from: string; to: string };

/** A year and a day: a year over year comparison fits; the cost stays one query per day shown. */
export const maxPeriodDays = 366;
const defaultDays = 28;
const dayMs = 86_400_000;

const date = z.optional(z.iso.date({ error: 'must be a date as YYYY-MM-DD, such as 2026-10-01' }));
/** The query of every marketing figure: `?from=YYYY-MM-DD&to=YYYY-MM-DD`, by default the last four weeks to today. */
export const PeriodQuery = z.object({ from: date, to: date }).check(
  z.superRefine(({ from, to }, ctx) => {
    if (from && to && from > to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
    if (from && to && daysBetween(from, to) > maxPeriodDays) ctx.addIssue({ code: 'custom', path: ['from'], message: `must be at most ${maxPeriodDays} days before to` });
  }),
);

/** The period asked for, its open ends filled from `today` (the last four weeks, or `days`). */
export function periodOf(query: z.infer<typeof PeriodQuery>, today: Date, days = defaultDays): Period {
  const to = query.to ?? today.toISOString().slice(0, 10);
  const from = query.from ?? shift(to, -(days - 1));
  return { from, to };
}

/** The instants a period covers, as the lead store's capture index takes them: from its first midnight to the one after its last day. */
export function instantsOf({ from, to }: Period): { from: string; until: string } {
  return { from: `${from}T00:00:00.000Z`, until: `${shift(to, 1)}T00:00:00.000Z` };
}

/** Every day of the period, in order. */
export function daysOf({ from, to }: Period): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = shift(day, 1)) days.push(day);
  return days;
}

/** The ISO week (Monday to Sunday, UTC) a day belongs to. */
export function weekOfDay(day: string): string {
  return isoWeekOf(new Date(`${day}T12:00:00Z`), 'UTC');
}

function shift(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs + 1;
}
