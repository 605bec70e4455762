// The court calendar: Easter by the Gregorian computus, national holidays, the court days
// of Lei 5.010/1966 art. 62, Corpus Christi, Ash Wednesday as a partial day and the
// forensic recess (Dec 20 – Jan 6).

import { describe, it, expect } from 'vitest';
import { courtHolidays, courtHolidayOn, easterDay, isoDate, parseIsoDate, type CourtHoliday } from '../../src/core/index.js';

/** The entry of `year` on `date`, failing the test when there is none. */
function entry(date: string): CourtHoliday {
  const found = courtHolidays(Number(date.slice(0, 4))).find((h) => h.date === date);
  if (!found) throw new Error(`no court holiday on ${date}`);
  return found;
}

/** The day number of a 'YYYY-MM-DD' date, failing the test when it is not a real date. */
function day(date: string): number {
  const n = parseIsoDate(date);
  if (n === null) throw new Error(`not a date: ${date}`);
  return n;
}

function dates(year: number): string[] {
  return courtHolidays(year).map((h) => h.date);
}

describe('easterDay (Gregorian computus)', () => {
  it.each([
    [1583, '1583-04-10'],
    [1818, '1818-03-22'], // earliest possible date
    [1943, '1943-04-25'], // latest possible date
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter %i is %s', (year, date) => {
    expect(isoDate(easterDay(year))).toBe(date);
  });

  it('is a day number counted from 1970-01-01', () => {
    expect(easterDay(2026)).toBe(Date.UTC(2026, 3, 5) / 86_400_000);
    expect(easterDay(2026)).toBe(20_548);
  });

  it('is always a Sunday between March 22 and April 25', () => {
    for (let year = 1900; year <= 2200; year++) {
      const date = new Date(easterDay(year) * 86_400_000);
      expect(date.getUTCDay()).toBe(0);
      const monthDay = isoDate(easterDay(year)).slice(5);
      expect(monthDay >= '03-22' && monthDay <= '04-25').toBe(true);
    }
  });
});

describe('courtHolidays', () => {
  it('2027 has exactly the expected days, sorted by date', () => {
    expect(courtHolidays(2027).map((h) => `${h.date} ${h.kind}`)).toEqual([
      '2027-01-01 national',
      '2027-01-02 recess',
      '2027-01-03 recess',
      '2027-01-04 recess',
      '2027-01-05 recess',
      '2027-01-06 recess',
      '2027-02-08 court', // Carnival Monday
      '2027-02-09 court', // Carnival Tuesday
      '2027-02-10 partial', // Ash Wednesday
      '2027-03-24 court', // Holy Wednesday
      '2027-03-25 court', // Holy Thursday
      '2027-03-26 national', // Good Friday
      '2027-03-27 court', // Holy Saturday
      '2027-03-28 court', // Easter
      '2027-04-21 national',
      '2027-05-01 national',
      '2027-05-27 court', // Corpus Christi
      '2027-08-11 court',
      '2027-09-07 national',
      '2027-10-12 national',
      '2027-11-01 court',
      '2027-11-02 national',
      '2027-11-15 national',
      '2027-11-20 national',
      '2027-12-08 court',
      '2027-12-20 recess',
      '2027-12-21 recess',
      '2027-12-22 recess',
      '2027-12-23 recess',
      '2027-12-24 recess',
      '2027-12-25 national',
      '2027-12-26 recess',
      '2027-12-27 recess',
      '2027-12-28 recess',
      '2027-12-29 recess',
      '2027-12-30 recess',
      '2027-12-31 recess',
    ]);
  });

  it.each([2023, 2024, 2025, 2026, 2027, 2038, 2100, 2285])('%i: entries are strictly sorted, unique by date, in that year, with real dates', (year) => {
    const list = dates(year);
    expect(list.length).toBeGreaterThan(30);
    for (const [i, date] of list.entries()) {
      expect(parseIsoDate(date)).not.toBeNull();
      expect(date.startsWith(`${year}-`)).toBe(true);
      if (i > 0) expect(date > (list[i - 1] ?? '')).toBe(true);
    }
  });

  it('every entry has a Portuguese name and a known kind', () => {
    for (const h of courtHolidays(2026)) {
      expect(h.name.trim().length).toBeGreaterThan(3);
      expect(h.name).not.toMatch(/\b(holiday|recess|carnival|easter|christmas)\b/i);
      expect(['national', 'court', 'recess', 'partial']).toContain(h.kind);
    }
    expect(entry('2026-01-01').name).toBe('Confraternização Universal');
    expect(entry('2026-04-03').name).toBe('Sexta-feira da Paixão');
    expect(entry('2026-04-21').name).toBe('Tiradentes');
    expect(entry('2026-11-02').name).toBe('Finados');
  });

  it('Nov 20 (Consciência Negra) is national from 2024 on, and not before', () => {
    for (const year of [2024, 2025, 2026, 2050]) {
      expect(entry(`${year}-11-20`)).toMatchObject({ kind: 'national', name: expect.stringMatching(/Consciência Negra/) });
    }
    expect(dates(2023)).not.toContain('2023-11-20');
  });

  it('Ash Wednesday is a partial day opening at 14:00, the only entry with opensAt', () => {
    expect(entry('2027-02-10')).toEqual({
      date: '2027-02-10',
      name: expect.stringMatching(/Quarta-feira de Cinzas/),
      kind: 'partial',
      opensAt: '14:00',
    });
    expect(entry('2026-02-18')).toMatchObject({ kind: 'partial', opensAt: '14:00' });
    expect(courtHolidays(2026).filter((h) => h.opensAt !== undefined).map((h) => h.date)).toEqual(['2026-02-18']);
    expect(courtHolidays(2026).filter((h) => h.kind === 'partial')).toHaveLength(1);
  });

  it('the recess covers Jan 1–6 and Dec 20–31; Jan 1 and Dec 25 keep their national names', () => {
    const recess = courtHolidays(2026).filter((h) => h.kind === 'recess').map((h) => h.date);
    expect(recess).toEqual([
      '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05', '2026-01-06',
      '2026-12-20', '2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24',
      '2026-12-26', '2026-12-27', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31',
    ]);
    expect(entry('2026-12-21').name).toBe('Recesso forense');
    expect(entry('2026-01-01')).toMatchObject({ kind: 'national', name: 'Confraternização Universal' });
    expect(entry('2026-12-25')).toMatchObject({ kind: 'national', name: 'Natal' });
    expect(dates(2026)).not.toContain('2026-01-07');
    expect(dates(2026)).not.toContain('2026-12-19');
  });

  it('Carnival Monday and Tuesday are court days (Easter − 48 and − 47)', () => {
    expect(entry('2027-02-08')).toMatchObject({ kind: 'court', name: 'Segunda-feira de Carnaval' });
    expect(entry('2027-02-09')).toMatchObject({ kind: 'court', name: 'Terça-feira de Carnaval' });
    expect(entry('2026-02-16')).toMatchObject({ kind: 'court', name: 'Segunda-feira de Carnaval' });
    expect(entry('2026-02-17')).toMatchObject({ kind: 'court', name: 'Terça-feira de Carnaval' });
  });

  it('Holy Week runs Wednesday to Easter Sunday; Good Friday is national', () => {
    expect(courtHolidays(2027).filter((h) => h.date >= '2027-03-22' && h.date <= '2027-03-29')).toEqual([
      { date: '2027-03-24', name: 'Quarta-feira Santa', kind: 'court' },
      { date: '2027-03-25', name: 'Quinta-feira Santa', kind: 'court' },
      { date: '2027-03-26', name: 'Sexta-feira da Paixão', kind: 'national' },
      { date: '2027-03-27', name: 'Sábado de Aleluia', kind: 'court' },
      { date: '2027-03-28', name: 'Domingo de Páscoa', kind: 'court' },
    ]);
  });

  it('Corpus Christi is Easter + 60 days (a Thursday)', () => {
    expect(entry('2026-06-04')).toMatchObject({ kind: 'court', name: 'Corpus Christi' });
    expect(entry('2027-05-27')).toMatchObject({ kind: 'court', name: 'Corpus Christi' });
    expect(entry('2025-06-19')).toMatchObject({ kind: 'court', name: 'Corpus Christi' });
    for (let year = 2020; year <= 2040; year++) {
      const corpus = courtHolidays(year).find((h) => h.name === 'Corpus Christi');
      expect(corpus?.date).toBe(isoDate(easterDay(year) + 60));
    }
  });

  it('Aug 11, Nov 1 and Dec 8 are court days; Nov 2 is national (Finados)', () => {
    expect(entry('2026-08-11').kind).toBe('court');
    expect(entry('2026-11-01').kind).toBe('court');
    expect(entry('2026-11-02').kind).toBe('national');
    expect(entry('2026-12-08').kind).toBe('court');
  });

  it('the other national holidays are present', () => {
    for (const date of ['2026-04-21', '2026-05-01', '2026-09-07', '2026-10-12', '2026-11-15']) {
      expect(entry(date).kind).toBe('national');
    }
  });

  it('ordinary working days are not listed', () => {
    for (const date of ['2026-01-07', '2026-02-19', '2026-06-03', '2026-11-23', '2026-12-18']) {
      expect(dates(2026)).not.toContain(date);
    }
  });

  it.each([1582, 10_000, 2026.5, Number.NaN, Number.POSITIVE_INFINITY, -1])('year %s throws a RangeError', (year) => {
    expect(() => courtHolidays(year)).toThrow(RangeError);
  });
});

describe('courtHolidayOn', () => {
  it('finds the entry of a day number, or nothing', () => {
    expect(courtHolidayOn(day('2026-11-20'))).toMatchObject({ date: '2026-11-20', kind: 'national' });
    expect(courtHolidayOn(day('2027-02-10'))).toMatchObject({ kind: 'partial', opensAt: '14:00' });
    expect(courtHolidayOn(day('2026-11-23'))).toBeUndefined();
  });
});
