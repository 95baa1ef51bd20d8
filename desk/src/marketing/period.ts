/**
 * The period marketing's figures cover: whole UTC days, both ends included,
 * as `?from=YYYY-MM-DD&to=YYYY-MM-DD` (functions/marketing/period.ts). Stoke
 * counts in UTC days, so "today" here is the UTC date too.
 */
const dayMs = 86_400_000;

export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

export function shiftDay(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * dayMs));
}

export type Preset = { id: string; label: string; from: string; to: string };

/** The quick choices, from the UTC day `today`. */
export function presets(today: string): Preset[] {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const quarterStart = (y: number, q: number) => isoDay(new Date(Date.UTC(y, q * 3, 1)));
  const quarter = Math.floor((month - 1) / 3);
  const lastQuarter = quarter === 0 ? { y: year - 1, q: 3 } : { y: year, q: quarter - 1 };
  return [
    { id: 'last-7-days', label: 'Last 7 days', from: shiftDay(today, -6), to: today },
    { id: 'last-4-weeks', label: 'Last 4 weeks', from: shiftDay(today, -27), to: today },
    { id: 'this-quarter', label: 'This quarter', from: quarterStart(year, quarter), to: today },
    { id: 'last-quarter', label: 'Last quarter', from: quarterStart(lastQuarter.y, lastQuarter.q), to: shiftDay(quarterStart(year, quarter), -1) },
    // A year back from today, today included: 365 or 366 days, within what Stoke answers.
    { id: 'last-12-months', label: 'Last 12 months', from: shiftDay(`${year - 1}${today.slice(4)}`.replace('-02-29', '-02-28'), 1), to: today },
  ];
}

/** `?from=…&to=…` for the API and the desk's own links; empty when neither is chosen (Stoke's default: the last four weeks). */
export function periodSearch(from: string | null | undefined, to: string | null | undefined): string {
  const query = new URLSearchParams();
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** "1 Nov 2026", from a UTC day. */
export function dayLabel(day: string, withYear = true): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', ...(withYear ? { year: 'numeric' } : {}), timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

/** "30 Oct to 26 Nov 2026". */
export function periodLabel({ from, to }: { from: string; to: string }): string {
  return `${dayLabel(from, from.slice(0, 4) !== to.slice(0, 4))} to ${dayLabel(to)}`;
}

/** An ISO week, "2026-W48", with its Monday to Sunday: "2026-W48 (23–29 Nov)". */
export function weekLabel(week: string): string {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) return week;
  const jan4 = Date.UTC(Number(match[1]), 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * dayMs + (Number(match[2]) - 1) * 7 * dayMs;
  const first = isoDay(new Date(monday));
  const last = isoDay(new Date(monday + 6 * dayMs));
  const start = first.slice(5, 7) === last.slice(5, 7) ? String(Number(first.slice(8))) : dayLabel(first, false);
  return `${week} (${start}–${dayLabel(last, false)})`;
}
