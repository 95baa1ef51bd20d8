/** ISO weeks as the review names them, `2026-W49`: the week picker's arithmetic. */
export const weekPattern = /^(\d{4})-W(\d{2})$/;

/** The Monday (UTC date) of an ISO week. */
function mondayOf(week: string): Date {
  const [, year, number] = weekPattern.exec(week) ?? [];
  // 4 January is always in week 1.
  const jan4 = new Date(Date.UTC(Number(year), 0, 4));
  const monday = new Date(jan4);
  monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() + 6) % 7) + (Number(number) - 1) * 7);
  return monday;
}

/** The ISO week a UTC date falls in. */
function weekOf(date: Date): string {
  const thursday = new Date(date);
  thursday.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7) + 3);
  const year = thursday.getUTCFullYear();
  const number = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1;
  return `${year}-W${String(number).padStart(2, '0')}`;
}

/** The week `weeks` after (or before, when negative) `week`. */
export function shiftWeek(week: string, weeks: number): string {
  const monday = mondayOf(week);
  monday.setUTCDate(monday.getUTCDate() + weeks * 7);
  return weekOf(monday);
}
