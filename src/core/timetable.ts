// Whether a unit's counter is open at an instant, and when that changes.

import { courtHolidayOn, type CourtHoliday } from './holidays.js';
import { MINUTES_PER_DAY, localDayNumber, localInstant, isoDate, nextLocalMidnight, weekdayOf } from './time.js';
import { parseTime, WEEKDAYS, type Interval, type Unit } from './unit.js';

export type ClosedReason =
  /** Outside the unit's hours for the day. */
  | 'outside-hours'
  /** A court holiday, recess day or the closed part of a partial day. */
  | 'holiday'
  /** One of the unit's own closed dates. */
  | 'closed-date'
  /** The unit has no public hours at all. */
  | 'no-hours';

export type OpeningStatus =
  | {
      readonly open: true;
      /** End of the current open period; absent when it never ends (looked ahead one year). */
      readonly closesAt?: Date;
    }
  | {
      readonly open: false;
      /** Start of the next open period; absent when none within three years. */
      readonly nextOpen?: Date;
      readonly reason: ClosedReason;
      /** The holiday that closes today, when that is the reason. */
      readonly holiday?: CourtHoliday;
    };

/** How far ahead to look for the next opening (the recess plus long closures fit easily). */
const LOOKAHEAD_DAYS = 3 * 366;
/** How far ahead to follow a period that stays open across midnights. */
const OPEN_RUN_DAYS = 366;

interface DaySchedule {
  readonly intervals: readonly Interval[];
  readonly closedBy?: { reason: 'holiday'; holiday: CourtHoliday } | { reason: 'closed-date' };
}

/** The intervals a unit actually serves on a local date, after holidays and closed dates. */
export function daySchedule(unit: Unit, day: number): DaySchedule {
  const weekly = unit.hours[WEEKDAYS[weekdayOf(day)] ?? 'sun'] ?? [];
  if (unit.closedDates.includes(isoDate(day))) return { intervals: [], closedBy: { reason: 'closed-date' } };
  if (unit.holidays === 'brazil-courts') {
    const holiday = courtHolidayOn(day);
    if (holiday) {
      const from = holiday.opensAt === undefined ? MINUTES_PER_DAY : (parseTime(holiday.opensAt) ?? MINUTES_PER_DAY);
      const intervals = weekly
        .filter(([, end]) => end > from)
        .map(([start, end]): Interval => [Math.max(start, from), end]);
      return { intervals, closedBy: { reason: 'holiday', holiday } };
    }
  }
  return { intervals: weekly };
}

function hasAnyHours(unit: Unit): boolean {
  return WEEKDAYS.some((d) => (unit.hours[d]?.length ?? 0) > 0);
}

/** Whether the unit is open at `at`, judged on the unit's local date and time. */
export function openingStatus(unit: Unit, at: Date): OpeningStatus {
  const t = at.getTime();
  if (Number.isNaN(t)) throw new RangeError('openingStatus: invalid date');
  const tz = unit.timezone;
  const today = localDayNumber(t, tz);
  const schedule = daySchedule(unit, today);

  for (const [start, end] of schedule.intervals) {
    if (localInstant(today, start, tz) <= t && t < localInstant(today, end, tz)) {
      const closesAt = openUntil(unit, today, end);
      return closesAt === undefined ? { open: true } : { open: true, closesAt: new Date(closesAt) };
    }
  }

  const closedBy = schedule.closedBy;
  const reason: ClosedReason = !hasAnyHours(unit)
    ? 'no-hours'
    : closedBy && !(closedBy.reason === 'holiday' && isAfterPartialOpening(closedBy.holiday, today, t, tz))
      ? closedBy.reason
      : 'outside-hours';
  const nextOpen = hasAnyHours(unit) ? findNextOpen(unit, today, t) : undefined;
  return {
    open: false,
    reason,
    ...(nextOpen === undefined ? {} : { nextOpen: new Date(nextOpen) }),
    ...(reason === 'holiday' && closedBy?.reason === 'holiday' ? { holiday: closedBy.holiday } : {}),
  };
}

/** On a partial day, whether the closed part (before `opensAt`) is already over. */
function isAfterPartialOpening(holiday: CourtHoliday, day: number, t: number, tz: string): boolean {
  const from = holiday.opensAt === undefined ? null : parseTime(holiday.opensAt);
  return from !== null && t >= localInstant(day, from, tz);
}

/** End of an open period that reaches `end` on `day`, following it across midnights. */
function openUntil(unit: Unit, day: number, end: number): number | undefined {
  let d = day;
  let e = end;
  for (let i = 0; i < OPEN_RUN_DAYS && e === MINUTES_PER_DAY; i++) {
    const first = daySchedule(unit, d + 1).intervals[0];
    if (!first || first[0] !== 0) break;
    d += 1;
    e = first[1];
  }
  if (e === MINUTES_PER_DAY && d - day >= OPEN_RUN_DAYS) return undefined;
  return localInstant(d, e, unit.timezone);
}

function findNextOpen(unit: Unit, today: number, t: number): number | undefined {
  for (let d = today; d <= today + LOOKAHEAD_DAYS; d++) {
    for (const [start] of daySchedule(unit, d).intervals) {
      const at = localInstant(d, start, unit.timezone);
      if (at > t) return at;
    }
  }
  return undefined;
}

/** The next instant at which `openingStatus` changes, if any. */
export function nextTransition(unit: Unit, at: Date): Date | undefined {
  const status = openingStatus(unit, at);
  return status.open ? status.closesAt : status.nextOpen;
}

/**
 * How long the unit was open by its timetable between `from` and `to` (epoch ms), split by
 * the unit's local day: `[{ day: '2026-11-23', ms }]`, days without open time left out.
 */
export function openTimeByDay(unit: Unit, from: number, to: number): { day: string; ms: number }[] {
  const byDay = new Map<string, number>();
  let t = from;
  while (t < to) {
    const status = openingStatus(unit, new Date(t));
    const change = (status.open ? status.closesAt : status.nextOpen)?.getTime() ?? Infinity;
    // Never stuck: each step moves at least one millisecond.
    const end = Math.max(t + 1, Math.min(to, change, nextLocalMidnight(t, unit.timezone)));
    if (status.open) {
      const day = isoDate(localDayNumber(t, unit.timezone));
      byDay.set(day, (byDay.get(day) ?? 0) + Math.min(end, to) - t);
    }
    t = end;
  }
  return [...byDay].map(([day, ms]) => ({ day, ms }));
}
