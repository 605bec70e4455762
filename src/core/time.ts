// Calendar arithmetic in a unit's own IANA time zone, through Intl only (no hand-made
// offsets). A "day number" is the count of days since 1970-01-01 of a civil date, the
// same in every zone; weekday 0 is Sunday.

export const MINUTES_PER_DAY = 1440;
const MS_PER_DAY = 86_400_000;

export interface ZonedParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Seconds since local midnight, with milliseconds as a fraction. */
  readonly secondOfDay: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows this IANA time zone name. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The civil date and time of an instant in a time zone. */
export function zonedParts(at: number, timeZone: string): ZonedParts {
  const fields: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(at)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const ms = ((at % 1000) + 1000) % 1000;
  return {
    year: fields.year ?? 1970,
    month: fields.month ?? 1,
    day: fields.day ?? 1,
    secondOfDay: (fields.hour ?? 0) * 3600 + (fields.minute ?? 0) * 60 + (fields.second ?? 0) + ms / 1000,
  };
}

/** Offset of the zone from UTC at an instant, in milliseconds (UTC−3 → −10 800 000). */
export function zoneOffset(at: number, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day) + Math.floor(p.secondOfDay) * 1000;
  return wall - (at - (((at % 1000) + 1000) % 1000));
}

export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function localDayNumber(at: number, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  return dayNumber(p.year, p.month, p.day);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** 'YYYY-MM-DD' of a day number. */
export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Day number of 'YYYY-MM-DD', or null when it is not a real calendar date. */
export function parseIsoDate(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const n = dayNumber(y, mo, d);
  return isoDate(n) === s ? n : null;
}

/**
 * The instant at which the wall clock of `timeZone` shows `minute` minutes after the
 * midnight that starts `day` (minute may be 1440, the next midnight). When a wall time
 * does not exist (a DST gap, before 2019) the later instant is used.
 */
export function localInstant(day: number, minute: number, timeZone: string): number {
  const wall = day * MS_PER_DAY + minute * 60_000;
  let at = wall - zoneOffset(wall, timeZone);
  const corrected = wall - zoneOffset(at, timeZone);
  if (corrected !== at) at = Math.max(at, corrected);
  return at;
}

/** The instant of the next local midnight after `at` in `timeZone`. */
export function nextLocalMidnight(at: number, timeZone: string): number {
  return localInstant(localDayNumber(at, timeZone) + 1, 0, timeZone);
}
