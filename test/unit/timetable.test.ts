// openingStatus / nextTransition: exact instants in each unit's own time zone, with the
// court calendar (holidays, partial days, the forensic recess) judged on the local date.
//
// Every expected instant is written out by hand in UTC. Offsets used below (no DST in
// Brazil since 2019): Fortaleza, Bahia, Belém, São Paulo UTC−3; Manaus UTC−4; Rio
// Branco (Acre) UTC−5.

import { describe, it, expect } from 'vitest';
import { openingStatus, nextTransition, openTimeByDay, parseUnit, type Unit, type UnitJson } from '../../src/core/index.js';

type Hours = UnitJson['hours'];

function monToFri(...intervals: [string, string][]): Hours {
  return { mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals };
}

function makeUnit(id: string, timezone: string, hours: Hours, extra: Partial<UnitJson> = {}): Unit {
  return parseUnit({ id, name: `Unidade de teste ${id}`, timezone, hours, ...extra });
}

/** The status at an instant, with Dates as ISO strings so a failure shows both instants. */
function status(unit: Unit, at: string) {
  const s = openingStatus(unit, new Date(at));
  return s.open
    ? { open: true, closesAt: s.closesAt?.toISOString() }
    : { open: false, reason: s.reason, nextOpen: s.nextOpen?.toISOString(), holiday: s.holiday?.name };
}

// The example unit of DESIGN.md (TJRN: Mon–Fri 08:00–14:00, America/Fortaleza).
const tjrn = parseUnit({
  id: 'vara-civel-natal',
  name: '1ª Vara Cível da Comarca de Natal',
  timezone: 'America/Fortaleza',
  hours: monToFri(['08:00', '14:00']),
  holidays: 'brazil-courts',
  closedDates: ['2026-12-24'],
  email: 'vara.civel@tjrn.jus.br',
  phone: '+55 84 0000-0000',
  replyDeadlineHours: 48,
});
const tjba = makeUnit('cartorio-salvador', 'America/Bahia', monToFri(['08:00', '17:00']), { replyDeadlineHours: 24 });
const trt8 = makeUnit('vara-trabalho-belem', 'America/Belem', monToFri(['08:00', '13:00']));

describe('opening and closing instants (half-open [open, close) in local time)', () => {
  // Monday 2026-11-23, an ordinary working day.
  it('TJRN opens exactly at 08:00:00.000 local (11:00Z) and reports closesAt 14:00 local', () => {
    expect(status(tjrn, '2026-11-23T11:00:00.000Z')).toEqual({ open: true, closesAt: '2026-11-23T17:00:00.000Z' });
  });

  it('TJRN is closed one millisecond before opening, and opens later that same day', () => {
    expect(status(tjrn, '2026-11-23T10:59:59.999Z')).toEqual({
      open: false,
      reason: 'outside-hours',
      nextOpen: '2026-11-23T11:00:00.000Z',
    });
  });

  it('TJRN is still open at 13:59:59.999 and one second before closing', () => {
    expect(status(tjrn, '2026-11-23T16:59:59.999Z')).toEqual({ open: true, closesAt: '2026-11-23T17:00:00.000Z' });
    expect(status(tjrn, '2026-11-23T16:59:59.000Z')).toEqual({ open: true, closesAt: '2026-11-23T17:00:00.000Z' });
  });

  it('TJRN is closed exactly at 14:00:00.000 local and opens the next morning', () => {
    expect(status(tjrn, '2026-11-23T17:00:00.000Z')).toEqual({
      open: false,
      reason: 'outside-hours',
      nextOpen: '2026-11-24T11:00:00.000Z',
    });
  });

  it('TJBA (08:00–17:00, America/Bahia) closes at 20:00Z', () => {
    expect(status(tjba, '2026-11-23T11:00:00.000Z')).toEqual({ open: true, closesAt: '2026-11-23T20:00:00.000Z' });
    expect(status(tjba, '2026-11-23T19:59:59.999Z')).toEqual({ open: true, closesAt: '2026-11-23T20:00:00.000Z' });
    expect(status(tjba, '2026-11-23T20:00:00.000Z')).toEqual({
      open: false,
      reason: 'outside-hours',
      nextOpen: '2026-11-24T11:00:00.000Z',
    });
  });

  it('TRT8 (08:00–13:00, America/Belem) closes at 16:00Z', () => {
    expect(status(trt8, '2026-11-24T15:00:00.000Z')).toEqual({ open: true, closesAt: '2026-11-24T16:00:00.000Z' });
    expect(status(trt8, '2026-11-24T16:00:00.000Z')).toEqual({
      open: false,
      reason: 'outside-hours',
      nextOpen: '2026-11-25T11:00:00.000Z',
    });
  });

  it('nextTransition is closesAt while open and nextOpen while closed', () => {
    expect(nextTransition(tjrn, new Date('2026-11-23T12:00:00.000Z'))?.toISOString()).toBe('2026-11-23T17:00:00.000Z');
    expect(nextTransition(tjrn, new Date('2026-11-23T18:00:00.000Z'))?.toISOString()).toBe('2026-11-24T11:00:00.000Z');
  });

  it('the closed status carries no closesAt and the open status no nextOpen', () => {
    expect(openingStatus(tjrn, new Date('2026-11-23T12:00:00.000Z'))).toStrictEqual({
      open: true,
      closesAt: new Date('2026-11-23T17:00:00.000Z'),
    });
    expect(openingStatus(tjrn, new Date('2026-11-23T18:00:00.000Z'))).toStrictEqual({
      open: false,
      reason: 'outside-hours',
      nextOpen: new Date('2026-11-24T11:00:00.000Z'),
    });
  });
});

describe('weekends', () => {
  it('Friday evening → Monday 08:00', () => {
    // Friday 2026-11-27 20:00 local.
    expect(status(tjrn, '2026-11-27T23:00:00.000Z')).toEqual({
      open: false,
      reason: 'outside-hours',
      nextOpen: '2026-11-30T11:00:00.000Z',
    });
    // Saturday noon and Sunday night lead to the same Monday.
    expect(status(tjrn, '2026-11-28T15:00:00.000Z').nextOpen).toBe('2026-11-30T11:00:00.000Z');
    expect(status(tjrn, '2026-11-30T02:59:59.999Z').nextOpen).toBe('2026-11-30T11:00:00.000Z');
  });

  const withSaturday = makeUnit('vara-plantao-natal', 'America/Fortaleza', {
    ...monToFri(['08:00', '14:00']),
    sat: [['08:00', '12:00']],
  });

  it('a unit with Saturday hours opens on Saturday at 08:00', () => {
    expect(status(withSaturday, '2026-11-27T23:00:00.000Z')).toEqual({
      open: false,
      reason: 'outside-hours',
      nextOpen: '2026-11-28T11:00:00.000Z',
    });
    expect(status(withSaturday, '2026-11-28T12:00:00.000Z')).toEqual({ open: true, closesAt: '2026-11-28T15:00:00.000Z' });
  });

  it('after the Saturday shift the next opening is Monday', () => {
    expect(status(withSaturday, '2026-11-28T15:00:00.000Z')).toEqual({
      open: false,
      reason: 'outside-hours',
      nextOpen: '2026-11-30T11:00:00.000Z',
    });
  });
});

describe('court holidays', () => {
  it('Nov 20 2026 (Friday, Consciência Negra) is closed all day, named, and the next opening is Monday', () => {
    for (const at of ['2026-11-20T11:00:00.000Z', '2026-11-20T14:00:00.000Z', '2026-11-20T16:59:59.999Z']) {
      const s = openingStatus(tjrn, new Date(at));
      expect(s.open).toBe(false);
      if (s.open) return;
      expect(s.reason).toBe('holiday');
      expect(s.holiday?.date).toBe('2026-11-20');
      expect(s.holiday?.kind).toBe('national');
      expect(s.holiday?.name).toMatch(/Consciência Negra/);
      expect(s.nextOpen?.toISOString()).toBe('2026-11-23T11:00:00.000Z');
    }
  });

  it('Thursday Nov 19 2026 after closing skips the holiday Friday and the weekend', () => {
    expect(status(tjrn, '2026-11-19T18:00:00.000Z')).toEqual({
      open: false,
      reason: 'outside-hours',
      nextOpen: '2026-11-23T11:00:00.000Z',
    });
  });

  it('Holy Week 2027: Tuesday Mar 23 at 15:00 → Monday Mar 29 08:00', () => {
    expect(status(tjrn, '2027-03-23T18:00:00.000Z')).toEqual({
      open: false,
      reason: 'outside-hours',
      nextOpen: '2027-03-29T11:00:00.000Z',
    });
  });

  it('Holy Week 2027: Wednesday, Thursday and Good Friday are closed with their names', () => {
    expect(status(tjrn, '2027-03-24T13:00:00.000Z')).toEqual({
      open: false,
      reason: 'holiday',
      holiday: 'Quarta-feira Santa',
      nextOpen: '2027-03-29T11:00:00.000Z',
    });
    expect(status(tjrn, '2027-03-25T13:00:00.000Z').holiday).toBe('Quinta-feira Santa');
    expect(status(tjrn, '2027-03-26T13:00:00.000Z').holiday).toBe('Sexta-feira da Paixão');
    expect(status(tjrn, '2027-03-29T11:00:00.000Z')).toEqual({ open: true, closesAt: '2027-03-29T17:00:00.000Z' });
  });

  it('Carnival 2027 (Mon Feb 8, Tue Feb 9) is closed', () => {
    expect(status(tjba, '2027-02-08T13:00:00.000Z')).toMatchObject({ open: false, reason: 'holiday', holiday: 'Segunda-feira de Carnaval' });
    expect(status(tjba, '2027-02-09T13:00:00.000Z')).toMatchObject({ open: false, reason: 'holiday', holiday: 'Terça-feira de Carnaval' });
  });

  it('Ash Wednesday 2027 (Feb 10): an 08:00–17:00 unit opens at 14:00', () => {
    // Friday Feb 5 after closing → Wednesday Feb 10 14:00 local.
    expect(status(tjba, '2027-02-05T21:00:00.000Z').nextOpen).toBe('2027-02-10T17:00:00.000Z');
    const morning = openingStatus(tjba, new Date('2027-02-10T13:00:00.000Z'));
    expect(morning.open).toBe(false);
    if (morning.open) return;
    expect(morning.reason).toBe('holiday');
    expect(morning.holiday).toMatchObject({ date: '2027-02-10', kind: 'partial', opensAt: '14:00' });
    expect(morning.nextOpen?.toISOString()).toBe('2027-02-10T17:00:00.000Z');
    expect(status(tjba, '2027-02-10T16:59:59.999Z')).toMatchObject({ open: false, nextOpen: '2027-02-10T17:00:00.000Z' });
    expect(status(tjba, '2027-02-10T17:00:00.000Z')).toEqual({ open: true, closesAt: '2027-02-10T20:00:00.000Z' });
  });

  it('Ash Wednesday 2027: after the shortened afternoon the next opening is Thursday', () => {
    expect(status(tjba, '2027-02-10T20:00:00.000Z')).toEqual({
      open: false,
      reason: 'outside-hours',
      nextOpen: '2027-02-11T11:00:00.000Z',
    });
  });

  it('Ash Wednesday 2027: an 08:00–14:00 unit does not open at all that day', () => {
    // Friday Feb 5 after closing → Thursday Feb 11 08:00 (Carnival, then Ash Wednesday).
    expect(status(tjrn, '2027-02-05T18:00:00.000Z').nextOpen).toBe('2027-02-11T11:00:00.000Z');
    const s = status(tjrn, '2027-02-10T13:00:00.000Z');
    expect(s).toMatchObject({ open: false, reason: 'holiday', nextOpen: '2027-02-11T11:00:00.000Z' });
    expect(s.holiday).toMatch(/Cinzas/);
    expect(status(tjrn, '2027-02-10T16:59:59.999Z').open).toBe(false);
  });

  it('forensic recess: Friday Dec 18 2026 at 15:00 → Thursday Jan 7 2027 08:00', () => {
    expect(status(tjrn, '2026-12-18T18:00:00.000Z')).toEqual({
      open: false,
      reason: 'outside-hours',
      nextOpen: '2027-01-07T11:00:00.000Z',
    });
  });

  it('forensic recess: Saturday Dec 19 2026 evening → Thursday Jan 7 2027 08:00', () => {
    expect(status(tjrn, '2026-12-19T23:00:00.000Z').nextOpen).toBe('2027-01-07T11:00:00.000Z');
  });

  it('forensic recess: a weekday inside it is closed as a recess day; Christmas keeps its name', () => {
    const monday = openingStatus(tjrn, new Date('2026-12-21T13:00:00.000Z'));
    expect(monday).toMatchObject({ open: false, reason: 'holiday' });
    if (monday.open) return;
    expect(monday.holiday).toMatchObject({ date: '2026-12-21', kind: 'recess', name: 'Recesso forense' });
    expect(monday.nextOpen?.toISOString()).toBe('2027-01-07T11:00:00.000Z');
    expect(status(tjrn, '2026-12-25T13:00:00.000Z').holiday).toBe('Natal');
  });

  it('forensic recess: Wednesday Jan 6 2027 is still closed; Jan 7 opens at 08:00', () => {
    expect(status(tjrn, '2027-01-06T13:00:00.000Z')).toMatchObject({ open: false, reason: 'holiday', holiday: 'Recesso forense' });
    expect(status(tjrn, '2027-01-07T11:00:00.000Z')).toEqual({ open: true, closesAt: '2027-01-07T17:00:00.000Z' });
  });

  it('a unit with holidays "none" is open during the recess (Monday Dec 21 2026)', () => {
    const noHolidays = makeUnit('posto-sem-feriados', 'America/Fortaleza', monToFri(['08:00', '14:00']), { holidays: 'none' });
    expect(status(noHolidays, '2026-12-21T13:00:00.000Z')).toEqual({ open: true, closesAt: '2026-12-21T17:00:00.000Z' });
    expect(status(noHolidays, '2026-12-18T18:00:00.000Z').nextOpen).toBe('2026-12-21T11:00:00.000Z');
  });

  it('Corpus Christi 2027 (Easter Mar 28 + 60 = Thursday May 27) is closed: Wednesday afternoon → Friday 08:00', () => {
    expect(status(tjrn, '2027-05-27T13:00:00.000Z')).toEqual({
      open: false,
      reason: 'holiday',
      holiday: 'Corpus Christi',
      nextOpen: '2027-05-28T11:00:00.000Z',
    });
    expect(status(tjrn, '2027-05-26T18:00:00.000Z').nextOpen).toBe('2027-05-28T11:00:00.000Z');
    // A week later, June 3 2027, is an ordinary Thursday.
    expect(status(tjrn, '2027-06-03T13:00:00.000Z')).toEqual({ open: true, closesAt: '2027-06-03T17:00:00.000Z' });
  });

  it('Corpus Christi 2026 (Easter Apr 5 + 60 = Thursday June 4) is closed', () => {
    expect(status(tjrn, '2026-06-04T13:00:00.000Z')).toMatchObject({ open: false, reason: 'holiday', holiday: 'Corpus Christi' });
  });

  it.each([
    ['Aug 11 2027 (Wed)', '2027-08-11T13:00:00.000Z', '2027-08-12T11:00:00.000Z'],
    ['Nov 1 2027 (Mon)', '2027-11-01T13:00:00.000Z', '2027-11-03T11:00:00.000Z'], // Nov 2 (Finados) too
    ['Nov 2 2026 (Mon)', '2026-11-02T13:00:00.000Z', '2026-11-03T11:00:00.000Z'],
    ['Dec 8 2027 (Wed)', '2027-12-08T13:00:00.000Z', '2027-12-09T11:00:00.000Z'],
  ])('%s is a closed court day', (_label, at, nextOpen) => {
    expect(status(tjrn, at)).toMatchObject({ open: false, reason: 'holiday', nextOpen });
  });
});

describe('time zones: local hours and local dates', () => {
  const acre = makeUnit('vara-rio-branco', 'America/Rio_Branco', monToFri(['08:00', '14:00']));
  const manaus = makeUnit('vara-manaus', 'America/Manaus', monToFri(['08:00', '14:00']));

  it('Acre (UTC−5): 08:00 local is 13:00Z and 14:00 local is 19:00Z', () => {
    expect(status(acre, '2026-11-23T12:59:59.999Z')).toEqual({
      open: false,
      reason: 'outside-hours',
      nextOpen: '2026-11-23T13:00:00.000Z',
    });
    expect(status(acre, '2026-11-23T13:00:00.000Z')).toEqual({ open: true, closesAt: '2026-11-23T19:00:00.000Z' });
  });

  it('Manaus (UTC−4): 08:00 local is 12:00Z and 14:00 local is 18:00Z', () => {
    expect(status(manaus, '2026-11-23T11:59:59.999Z')).toMatchObject({ open: false, nextOpen: '2026-11-23T12:00:00.000Z' });
    expect(status(manaus, '2026-11-23T12:00:00.000Z')).toEqual({ open: true, closesAt: '2026-11-23T18:00:00.000Z' });
  });

  const everyDay = { sun: [['00:00', '24:00']], mon: [['00:00', '24:00']], tue: [['00:00', '24:00']], wed: [['00:00', '24:00']],
    thu: [['00:00', '24:00']], fri: [['00:00', '24:00']], sat: [['00:00', '24:00']] } satisfies Hours;
  const acre24 = makeUnit('plantao-rio-branco', 'America/Rio_Branco', everyDay);
  const manaus24 = makeUnit('plantao-manaus', 'America/Manaus', everyDay);

  it('a holiday is judged on the unit\'s local date: 2026-11-21T03:30Z is still Nov 20 in Rio Branco', () => {
    expect(status(acre24, '2026-11-21T03:30:00.000Z')).toEqual({
      open: false,
      reason: 'holiday',
      holiday: 'Dia Nacional de Zumbi e da Consciência Negra',
      nextOpen: '2026-11-21T05:00:00.000Z', // Nov 21 00:00 in Rio Branco
    });
    expect(status(acre24, '2026-11-21T05:00:00.000Z').open).toBe(true);
  });

  it('and 2026-11-20T04:30Z is still Nov 19 in Rio Branco: open until the local midnight', () => {
    expect(status(acre24, '2026-11-20T04:30:00.000Z')).toEqual({ open: true, closesAt: '2026-11-20T05:00:00.000Z' });
  });

  it('the same holiday in Manaus ends at 04:00Z', () => {
    expect(status(manaus24, '2026-11-21T03:30:00.000Z')).toMatchObject({ open: false, reason: 'holiday', nextOpen: '2026-11-21T04:00:00.000Z' });
    expect(status(manaus24, '2026-11-20T03:30:00.000Z')).toEqual({ open: true, closesAt: '2026-11-20T04:00:00.000Z' });
  });

  it('the weekday is judged locally too: Friday 22:00 in Rio Branco is Saturday in UTC', () => {
    const fridayNight = makeUnit('plantao-noturno-ac', 'America/Rio_Branco', { fri: [['20:00', '24:00']] }, { holidays: 'none' });
    expect(status(fridayNight, '2026-11-28T03:00:00.000Z')).toEqual({ open: true, closesAt: '2026-11-28T05:00:00.000Z' });
    expect(status(fridayNight, '2026-11-28T05:00:00.000Z')).toMatchObject({ open: false, nextOpen: '2026-12-05T01:00:00.000Z' });
  });

  const saoPaulo = makeUnit('vara-sao-paulo', 'America/Sao_Paulo', monToFri(['08:00', '14:00']));

  it('São Paulo has no DST since 2019: 08:00 is 11:00Z in January and in November 2026', () => {
    expect(status(saoPaulo, '2026-01-15T10:59:59.999Z')).toMatchObject({ open: false, nextOpen: '2026-01-15T11:00:00.000Z' });
    expect(status(saoPaulo, '2026-01-15T11:00:00.000Z')).toEqual({ open: true, closesAt: '2026-01-15T17:00:00.000Z' });
    expect(status(saoPaulo, '2026-11-16T11:00:00.000Z')).toEqual({ open: true, closesAt: '2026-11-16T17:00:00.000Z' });
  });

  it('São Paulo in January 2018 was on DST (UTC−2): 08:00 was 10:00Z, so no fixed offset is assumed', () => {
    expect(status(saoPaulo, '2018-01-15T09:59:59.999Z')).toMatchObject({ open: false, nextOpen: '2018-01-15T10:00:00.000Z' });
    expect(status(saoPaulo, '2018-01-15T10:00:00.000Z')).toEqual({ open: true, closesAt: '2018-01-15T16:00:00.000Z' });
    // …and in July 2018, without DST, 08:00 was 11:00Z.
    expect(status(saoPaulo, '2018-07-16T11:00:00.000Z')).toEqual({ open: true, closesAt: '2018-07-16T17:00:00.000Z' });
  });
});

describe('split shifts', () => {
  const split = makeUnit('vara-turnos', 'America/Bahia', monToFri(['08:00', '12:00'], ['13:00', '17:00']));

  it('in the morning closesAt is 12:00, the end of the morning shift', () => {
    expect(status(split, '2026-11-23T12:00:00.000Z')).toEqual({ open: true, closesAt: '2026-11-23T15:00:00.000Z' });
  });

  it('closed at 12:00 and 12:30 with nextOpen 13:00 the same day', () => {
    for (const at of ['2026-11-23T15:00:00.000Z', '2026-11-23T15:30:00.000Z', '2026-11-23T15:59:59.999Z']) {
      expect(status(split, at)).toEqual({ open: false, reason: 'outside-hours', nextOpen: '2026-11-23T16:00:00.000Z' });
    }
  });

  it('open from 13:00 with closesAt 17:00', () => {
    expect(status(split, '2026-11-23T16:00:00.000Z')).toEqual({ open: true, closesAt: '2026-11-23T20:00:00.000Z' });
  });

  it('adjacent intervals form one period: closesAt is the end of the second', () => {
    const adjacent = makeUnit('vara-contigua', 'America/Bahia', monToFri(['08:00', '12:00'], ['12:00', '14:00']));
    expect(status(adjacent, '2026-11-23T12:00:00.000Z')).toEqual({ open: true, closesAt: '2026-11-23T17:00:00.000Z' });
    expect(status(adjacent, '2026-11-23T15:00:00.000Z')).toEqual({ open: true, closesAt: '2026-11-23T17:00:00.000Z' });
  });
});

describe('24-hour units', () => {
  const allDay: [string, string][] = [['00:00', '24:00']];
  const always = makeUnit(
    'plantao-permanente',
    'America/Fortaleza',
    { sun: allDay, mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay },
    { holidays: 'none' },
  );

  it.each([
    '2026-11-23T03:00:00.000Z', // local midnight
    '2026-11-20T12:00:00.000Z', // Nov 20, but holidays "none"
    '2026-12-25T02:59:59.999Z',
    '2027-01-01T03:00:00.000Z',
    '2024-02-29T23:59:59.999Z',
  ])('a unit open 00:00–24:00 every day with holidays "none" is open at %s with no closesAt', (at) => {
    expect(openingStatus(always, new Date(at))).toStrictEqual({ open: true });
    expect(nextTransition(always, new Date(at))).toBeUndefined();
  });

  const weekdays24 = makeUnit('plantao-dias-uteis', 'America/Fortaleza', monToFri(['00:00', '24:00']), { holidays: 'none' });

  it('a unit open 00:00–24:00 Mon–Fri closes at Saturday 00:00 local (the run crosses midnights)', () => {
    expect(status(weekdays24, '2026-11-23T03:00:00.000Z')).toEqual({ open: true, closesAt: '2026-11-28T03:00:00.000Z' });
    expect(status(weekdays24, '2026-11-25T15:00:00.000Z')).toEqual({ open: true, closesAt: '2026-11-28T03:00:00.000Z' });
    expect(status(weekdays24, '2026-11-28T02:59:59.999Z')).toEqual({ open: true, closesAt: '2026-11-28T03:00:00.000Z' });
  });

  it('and is closed from Saturday 00:00 local until Monday 00:00 local', () => {
    expect(status(weekdays24, '2026-11-28T03:00:00.000Z')).toEqual({
      open: false,
      reason: 'outside-hours',
      nextOpen: '2026-11-30T03:00:00.000Z',
    });
  });

  it('with the court calendar, the run stops at the holiday (Nov 20 2026 00:00 local)', () => {
    const courts24 = makeUnit('plantao-forense', 'America/Fortaleza', monToFri(['00:00', '24:00']));
    expect(status(courts24, '2026-11-18T15:00:00.000Z')).toEqual({ open: true, closesAt: '2026-11-20T03:00:00.000Z' });
  });

  it('an evening interval to 24:00 continues into an interval from 00:00 the next day', () => {
    const night = makeUnit('plantao-noturno', 'America/Fortaleza', { mon: [['20:00', '24:00']], tue: [['00:00', '02:00']] }, { holidays: 'none' });
    // Monday 2026-11-23 22:00 local → open until Tuesday 02:00 local.
    expect(status(night, '2026-11-24T01:00:00.000Z')).toEqual({ open: true, closesAt: '2026-11-24T05:00:00.000Z' });
    expect(status(night, '2026-11-24T05:00:00.000Z')).toMatchObject({ open: false, nextOpen: '2026-11-30T23:00:00.000Z' });
  });
});

describe('closed dates, units without hours, long closures', () => {
  it('a Tuesday in closedDates is closed with reason "closed-date", and nextOpen skips it', () => {
    const unit = makeUnit('vara-mudanca', 'America/Fortaleza', monToFri(['08:00', '14:00']), { closedDates: ['2026-11-24'] });
    expect(status(unit, '2026-11-24T13:00:00.000Z')).toEqual({
      open: false,
      reason: 'closed-date',
      nextOpen: '2026-11-25T11:00:00.000Z',
    });
    expect(status(unit, '2026-11-23T18:00:00.000Z').nextOpen).toBe('2026-11-25T11:00:00.000Z');
    expect(status(unit, '2026-11-25T11:00:00.000Z').open).toBe(true);
  });

  it('a unit with no hours at all is closed with reason "no-hours" and no nextOpen', () => {
    for (const hours of [{}, { mon: [], tue: [] }] satisfies Hours[]) {
      const unit = makeUnit('vara-sem-balcao', 'America/Fortaleza', hours);
      expect(openingStatus(unit, new Date('2026-11-23T13:00:00.000Z'))).toStrictEqual({ open: false, reason: 'no-hours' });
      expect(nextTransition(unit, new Date('2026-11-23T13:00:00.000Z'))).toBeUndefined();
    }
  });

  it('a closure of 40 consecutive weekdays (Mar 2 to Apr 24 2026) still finds the next opening', () => {
    const closed: string[] = [];
    for (let day = Date.UTC(2026, 2, 2); closed.length < 40; day += 86_400_000) {
      const weekday = new Date(day).getUTCDay();
      if (weekday !== 0 && weekday !== 6) closed.push(new Date(day).toISOString().slice(0, 10));
    }
    expect(closed[0]).toBe('2026-03-02');
    expect(closed[39]).toBe('2026-04-24');
    const unit = makeUnit('vara-em-reforma', 'America/Fortaleza', monToFri(['08:00', '14:00']), { closedDates: closed });
    // Friday Feb 27 2026 after closing → Monday Apr 27 2026 08:00.
    expect(status(unit, '2026-02-27T18:00:00.000Z').nextOpen).toBe('2026-04-27T11:00:00.000Z');
    expect(status(unit, '2026-03-16T13:00:00.000Z')).toEqual({
      open: false,
      reason: 'closed-date',
      nextOpen: '2026-04-27T11:00:00.000Z',
    });
  });
});

describe('year boundary', () => {
  it('Dec 31 2026 evening with the court calendar → Thursday Jan 7 2027 08:00', () => {
    expect(status(tjrn, '2026-12-31T23:00:00.000Z')).toMatchObject({
      open: false,
      reason: 'holiday',
      holiday: 'Recesso forense',
      nextOpen: '2027-01-07T11:00:00.000Z',
    });
  });

  it('with holidays "none", Thursday Dec 31 2026 evening → Friday Jan 1 2027 08:00', () => {
    const noHolidays = makeUnit('posto-sem-feriados', 'America/Fortaleza', monToFri(['08:00', '14:00']), { holidays: 'none' });
    expect(status(noHolidays, '2026-12-31T23:00:00.000Z')).toEqual({
      open: false,
      reason: 'outside-hours',
      nextOpen: '2027-01-01T11:00:00.000Z',
    });
    // 2027-01-01T02:30Z is already 2027 in UTC but still Dec 31 23:30 in Fortaleza.
    expect(status(noHolidays, '2027-01-01T02:30:00.000Z').nextOpen).toBe('2027-01-01T11:00:00.000Z');
    expect(status(noHolidays, '2027-01-01T11:00:00.000Z')).toEqual({ open: true, closesAt: '2027-01-01T17:00:00.000Z' });
  });
});

describe('invalid input', () => {
  it('an invalid Date throws a RangeError', () => {
    expect(() => openingStatus(tjrn, new Date('not a date'))).toThrow(RangeError);
    expect(() => nextTransition(tjrn, new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('openTimeByDay: open time between two instants, by local day', () => {
  const H = 3600_000;
  const minutes = (spans: { day: string; ms: number }[]) => spans.map(({ day, ms }) => [day, ms / 60_000]);

  it('counts only the open part of a span that crosses closing time', () => {
    // Monday 13:00 → 15:00 in Natal: open 13:00–14:00.
    expect(minutes(openTimeByDay(tjrn, Date.parse('2026-11-23T16:00:00Z'), Date.parse('2026-11-23T18:00:00Z')))).toEqual([['2026-11-23', 60]]);
  });

  it('splits a span over several days and skips the weekend and holidays', () => {
    // Friday 2026-11-20 (Consciência Negra, national holiday) 00:00 → Tuesday 2026-11-24 09:00 in Natal.
    const spans = openTimeByDay(tjrn, Date.parse('2026-11-20T03:00:00Z'), Date.parse('2026-11-24T12:00:00Z'));
    expect(minutes(spans)).toEqual([
      ['2026-11-23', 360],
      ['2026-11-24', 60],
    ]);
  });

  it('counts both parts of a split shift and none of the lunch break', () => {
    const split = makeUnit('split', 'America/Bahia', monToFri(['08:00', '12:00'], ['14:00', '18:00']));
    const spans = openTimeByDay(split, Date.parse('2026-11-23T13:30:00Z'), Date.parse('2026-11-23T18:30:00Z')); // 10:30 → 15:30
    expect(minutes(spans)).toEqual([['2026-11-23', 90 + 90]]);
  });

  it('splits a 24-hour unit at its local midnight, not at UTC midnight', () => {
    const always = makeUnit('plantao', 'America/Rio_Branco', { mon: [['00:00', '24:00']], tue: [['00:00', '24:00']] }, { holidays: 'none' });
    // Monday 22:00 → Tuesday 02:00 in Rio Branco (UTC−5).
    const spans = openTimeByDay(always, Date.parse('2026-11-24T03:00:00Z'), Date.parse('2026-11-24T07:00:00Z'));
    expect(minutes(spans)).toEqual([
      ['2026-11-23', 120],
      ['2026-11-24', 120],
    ]);
    expect(openTimeByDay(always, 5 * H, 5 * H)).toEqual([]);
  });

  it('is empty for a unit without hours', () => {
    const none = makeUnit('sem-horario', 'America/Fortaleza', {});
    expect(openTimeByDay(none, Date.parse('2026-11-23T00:00:00Z'), Date.parse('2026-11-30T00:00:00Z'))).toEqual([]);
  });
});
