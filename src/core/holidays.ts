// The court calendar shared by Brazilian courts: national holidays, the court days of
// Lei 5.010/1966 art. 62, Corpus Christi, Ash Wednesday as a partial day and the
// forensic recess of Res. CNJ 244/2016. Easter by the Gregorian computus.

import { dayNumber, isoDate } from './time.js';

export type HolidayKind =
  /** National holiday (Lei 662/1949, 6.802/1980, 10.607/2002, 14.759/2023). */
  | 'national'
  /** Court holiday (Lei 5.010/1966 art. 62; Corpus Christi). */
  | 'court'
  /** Forensic recess, Dec 20 to Jan 6 (Res. CNJ 244/2016). */
  | 'recess'
  /** Partial day: no service before `opensAt` (Ash Wednesday). */
  | 'partial';

export interface CourtHoliday {
  /** Local date, 'YYYY-MM-DD'. */
  readonly date: string;
  /** Name in Portuguese. */
  readonly name: string;
  readonly kind: HolidayKind;
  /** For partial days: the local time from which service resumes, 'HH:MM'. */
  readonly opensAt?: string;
}

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm) as a day number. */
export function easterDay(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumber(year, month, day);
}

const KIND_PRIORITY: Record<HolidayKind, number> = { national: 0, court: 1, partial: 2, recess: 3 };

const cache = new Map<number, readonly CourtHoliday[]>();

/** Every day of `year` on which the court calendar closes or shortens service, by date. */
export function courtHolidays(year: number): readonly CourtHoliday[] {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`courtHolidays: year must be a Gregorian year between 1583 and 9999, got ${year}`);
  }
  const cached = cache.get(year);
  if (cached) return cached;

  const byDate = new Map<number, CourtHoliday>();
  const add = (day: number, name: string, kind: HolidayKind, opensAt?: string): void => {
    const existing = byDate.get(day);
    if (existing && KIND_PRIORITY[existing.kind] <= KIND_PRIORITY[kind]) return;
    byDate.set(day, opensAt === undefined ? { date: isoDate(day), name, kind } : { date: isoDate(day), name, kind, opensAt });
  };
  const fixed = (month: number, day: number): number => dayNumber(year, month, day);
  const easter = easterDay(year);

  add(fixed(1, 1), 'Confraternização Universal', 'national');
  add(easter - 2, 'Sexta-feira da Paixão', 'national');
  add(fixed(4, 21), 'Tiradentes', 'national');
  add(fixed(5, 1), 'Dia do Trabalho', 'national');
  add(fixed(9, 7), 'Independência do Brasil', 'national');
  add(fixed(10, 12), 'Nossa Senhora Aparecida', 'national');
  add(fixed(11, 2), 'Finados', 'national');
  add(fixed(11, 15), 'Proclamação da República', 'national');
  if (year >= 2024) add(fixed(11, 20), 'Dia Nacional de Zumbi e da Consciência Negra', 'national');
  add(fixed(12, 25), 'Natal', 'national');

  add(easter - 48, 'Segunda-feira de Carnaval', 'court');
  add(easter - 47, 'Terça-feira de Carnaval', 'court');
  add(easter - 46, 'Quarta-feira de Cinzas (expediente a partir das 14h)', 'partial', '14:00');
  add(easter - 4, 'Quarta-feira Santa', 'court');
  add(easter - 3, 'Quinta-feira Santa', 'court');
  add(easter - 1, 'Sábado de Aleluia', 'court');
  add(easter, 'Domingo de Páscoa', 'court');
  add(easter + 60, 'Corpus Christi', 'court');
  add(fixed(8, 11), 'Dia do Advogado (criação dos cursos jurídicos)', 'court');
  add(fixed(11, 1), 'Dia de Todos os Santos', 'court');
  add(fixed(12, 8), 'Dia da Justiça', 'court');

  for (let d = fixed(1, 1); d <= fixed(1, 6); d++) add(d, 'Recesso forense', 'recess');
  for (let d = fixed(12, 20); d <= fixed(12, 31); d++) add(d, 'Recesso forense', 'recess');

  const list = [...byDate.entries()].sort(([a], [b]) => a - b).map(([, h]) => Object.freeze(h));
  Object.freeze(list);
  cache.set(year, list);
  return list;
}

/** The court holiday on a local date (a day number), if any. */
export function courtHolidayOn(day: number): CourtHoliday | undefined {
  const date = isoDate(day);
  return courtHolidays(Number(date.slice(0, 4))).find((h) => h.date === date);
}
