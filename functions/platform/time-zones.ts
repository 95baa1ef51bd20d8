let canonicalZones: ReadonlySet<string> | undefined;

/** Whether the runtime knows `zone` as an IANA time zone. */
export function isTimeZone(zone: string): boolean {
  // The first Intl.DateTimeFormat of a process loads ICU's locale data (about 10 ms), which a
  // cold start validating its policy's zones should not pay for a function that formats no date;
  // the list of canonical zones comes without it. UTC, which ECMA-402 requires, is missing from
  // some versions' list. Aliases and other spellings the list leaves out (Asia/Kolkata on some
  // ICU versions, lower case) still get the formatter's answer.
  canonicalZones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  if (canonicalZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A moment as a wall clock in some time zone shows it. */
export type WallTime = { year: number; month: number; day: number; hour: number; minute: number; weekday: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock of `timeZone` at `date`; weekday 1 is Monday, 7 Sunday. */
export function wallTime(date: Date, timeZone: string): WallTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday!) + 1,
  };
}

/**
 * The moment a wall clock in `timeZone` shows the given date and time. A
 * time skipped by a DST change moves forward by the gap; a time that
 * happens twice resolves to the first.
 */
export function atWallTime(wall: Pick<WallTime, 'year' | 'month' | 'day' | 'hour' | 'minute'>, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const offsetAt = (instant: number) => {
    const shown = wallTime(new Date(instant), timeZone);
    return Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute) - Math.floor(instant / 60_000) * 60_000;
  };
  const first = asUtc - offsetAt(asUtc - 12 * 3_600_000);
  const second = asUtc - offsetAt(asUtc + 12 * 3_600_000);
  const candidates = [first, second].filter((instant) => matches(wallTime(new Date(instant), timeZone), wall)).sort((a, b) => a - b);
  // Neither candidate shows the wall time: it fell into a DST gap, so it happens as late as the gap is long.
  return new Date(candidates[0] ?? Math.max(first, second));
}

function matches(shown: WallTime, wall: Pick<WallTime, 'year' | 'month' | 'day' | 'hour' | 'minute'>): boolean {
  return shown.year === wall.year && shown.month === wall.month && shown.day === wall.day && shown.hour === wall.hour && shown.minute === wall.minute;
}

/** The same wall date `days` later (calendar days, whatever the DST changes in between). */
export function addCalendarDays(wall: Pick<WallTime, 'year' | 'month' | 'day'>, days: number): Pick<WallTime, 'year' | 'month' | 'day'> {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}
