// parseUnit / parseUnits / unitToJson: a wrong configuration is refused at start-up with
// a Portuguese message naming the unit, the field and what was expected.

import { describe, it, expect } from 'vitest';
import {
  parseUnit,
  parseUnits,
  unitToJson,
  parseTime,
  formatTime,
  UnitConfigError,
  DEFAULT_REPLY_DEADLINE_HOURS,
  type UnitJson,
} from '../../src/core/index.js';

/** The example of DESIGN.md, "Unit configuration". */
function example(): UnitJson {
  return {
    id: 'vara-civel-natal',
    name: '1ª Vara Cível da Comarca de Natal',
    timezone: 'America/Fortaleza',
    hours: {
      mon: [['08:00', '14:00']],
      tue: [['08:00', '14:00']],
      wed: [['08:00', '14:00']],
      thu: [['08:00', '14:00']],
      fri: [['08:00', '14:00']],
    },
    holidays: 'brazil-courts',
    closedDates: ['2026-12-24'],
    email: 'vara.civel@tjrn.jus.br',
    phone: '+55 84 0000-0000',
    replyDeadlineHours: 48,
  };
}

/** The example with some fields replaced (or, with `undefined`, removed). */
function withFields(fields: Record<string, unknown>): Record<string, unknown> {
  const json: Record<string, unknown> = { ...example() };
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) delete json[key];
    else json[key] = value;
  }
  return json;
}

/** Parses `json`, expecting a UnitConfigError, and returns it. */
function refusal(json: unknown): UnitConfigError {
  try {
    parseUnit(json);
  } catch (error) {
    expect(error).toBeInstanceOf(UnitConfigError);
    return error as UnitConfigError;
  }
  throw new Error(`parseUnit accepted ${JSON.stringify(json)}`);
}

/** The refusal names the example unit and the field, in the message and in the error's fields. */
function expectRefused(json: unknown, field: string, received: unknown): UnitConfigError {
  const error = refusal(json);
  expect(error.unitId).toBe('vara-civel-natal');
  expect(error.field).toBe(field);
  expect(error.received).toEqual(received);
  expect(error.expected.length).toBeGreaterThan(0);
  expect(error.message).toContain('Unidade "vara-civel-natal"');
  expect(error.message).toContain(`campo "${field}"`);
  expect(error.message).toContain('esperado');
  expect(error.name).toBe('UnitConfigError');
  return error;
}

describe('parseUnit: valid configurations', () => {
  it('parses the DESIGN.md example, with intervals in minutes after midnight', () => {
    const unit = parseUnit(example());
    expect(unit).toEqual({
      id: 'vara-civel-natal',
      name: '1ª Vara Cível da Comarca de Natal',
      timezone: 'America/Fortaleza',
      hours: { mon: [[480, 840]], tue: [[480, 840]], wed: [[480, 840]], thu: [[480, 840]], fri: [[480, 840]] },
      holidays: 'brazil-courts',
      closedDates: ['2026-12-24'],
      email: 'vara.civel@tjrn.jus.br',
      phone: '+55 84 0000-0000',
      replyDeadlineHours: 48,
      relayOnly: false,
    });
    expect(unit.hours.sat).toBeUndefined();
  });

  it('applies the defaults: court calendar, no closed dates, 48 h reply deadline', () => {
    const unit = parseUnit({ id: 'vara-x', name: 'Vara X', timezone: 'America/Manaus', hours: {} });
    expect(unit.holidays).toBe('brazil-courts');
    expect(unit.closedDates).toEqual([]);
    expect(unit.replyDeadlineHours).toBe(48);
    expect(DEFAULT_REPLY_DEADLINE_HOURS).toBe(48);
    expect(unit.relayOnly).toBe(false);
    expect(unit).not.toHaveProperty('email');
    expect(unit).not.toHaveProperty('phone');
  });

  it('accepts "24:00" as a closing time and 00:00 as an opening time', () => {
    const unit = parseUnit(withFields({ hours: { sun: [['00:00', '24:00']], sat: [['18:00', '24:00']] } }));
    expect(unit.hours).toEqual({ sun: [[0, 1440]], sat: [[1080, 1440]] });
  });

  it('sorts intervals and merges adjacent ones', () => {
    const unit = parseUnit(
      withFields({
        hours: {
          mon: [['13:00', '17:00'], ['08:00', '12:00']],
          tue: [['08:00', '12:00'], ['12:00', '14:00']],
          wed: [['12:00', '14:00'], ['08:00', '10:00'], ['10:00', '12:00']],
        },
      }),
    );
    expect(unit.hours).toEqual({ mon: [[480, 720], [780, 1020]], tue: [[480, 840]], wed: [[480, 840]] });
  });

  it('sorts closed dates', () => {
    expect(parseUnit(withFields({ closedDates: ['2026-12-24', '2026-03-02', '2026-07-01'] })).closedDates).toEqual([
      '2026-03-02',
      '2026-07-01',
      '2026-12-24',
    ]);
  });

  it('accepts holidays "none" and a leap day', () => {
    const unit = parseUnit(withFields({ holidays: 'none', closedDates: ['2028-02-29'] }));
    expect(unit.holidays).toBe('none');
    expect(unit.closedDates).toEqual(['2028-02-29']);
  });

  it.each(['America/Rio_Branco', 'America/Manaus', 'America/Sao_Paulo', 'America/Bahia', 'America/Belem', 'America/Noronha'])(
    'accepts the Brazilian time zone %s',
    (timezone) => {
      expect(parseUnit(withFields({ timezone })).timezone).toBe(timezone);
    },
  );
});

describe('parseUnit: refusals name the unit and the field', () => {
  it.each(['America/Natal', 'UTC-3', 'GMT-03:00', '-03:00', 'Fortaleza', 'UTC', 'GMT', ''])('refuses the time zone %j', (timezone) => {
    const error = expectRefused(withFields({ timezone }), 'timezone', timezone);
    expect(error.message).toContain('America/Fortaleza');
  });

  it('refuses a missing time zone', () => {
    expectRefused(withFields({ timezone: undefined }), 'timezone', undefined);
  });

  it('refuses "25:00"', () => {
    expectRefused(withFields({ hours: { mon: [['08:00', '25:00']] } }), 'hours.mon[0][1]', '25:00');
  });

  it('refuses "24:01" and "24:00" as an opening time', () => {
    expectRefused(withFields({ hours: { mon: [['08:00', '24:01']] } }), 'hours.mon[0][1]', '24:01');
    expectRefused(withFields({ hours: { mon: [['24:00', '24:00']] } }), 'hours.mon[0][0]', '24:00');
  });

  it.each(['8:00', '08h00', '0800', '08:00:00', '08:60', ' 08:00'])('refuses the badly formatted time %j', (time) => {
    expectRefused(withFields({ hours: { tue: [[time, '14:00']] } }), 'hours.tue[0][0]', time);
  });

  it('refuses a time that is not a string', () => {
    expectRefused(withFields({ hours: { mon: [[8, '14:00']] } }), 'hours.mon[0][0]', 8);
  });

  it('refuses an interval whose opening is after its closing', () => {
    expectRefused(withFields({ hours: { wed: [['14:00', '08:00']] } }), 'hours.wed[0]', ['14:00', '08:00']);
  });

  it('refuses an interval whose opening equals its closing', () => {
    expectRefused(withFields({ hours: { wed: [['08:00', '08:00']] } }), 'hours.wed[0]', ['08:00', '08:00']);
  });

  it('refuses an interval that is not a pair', () => {
    expectRefused(withFields({ hours: { thu: [['08:00']] } }), 'hours.thu[0]', ['08:00']);
    expectRefused(withFields({ hours: { thu: ['08:00-14:00'] } }), 'hours.thu[0]', '08:00-14:00');
    expectRefused(withFields({ hours: { thu: ['08:00', '14:00'] } }), 'hours.thu[0]', '08:00');
  });

  it('refuses a day that is not a list of intervals', () => {
    expectRefused(withFields({ hours: { fri: null } }), 'hours.fri', null);
  });

  it('refuses overlapping intervals', () => {
    const error = expectRefused(
      withFields({ hours: { mon: [['08:00', '12:00'], ['11:00', '14:00']] } }),
      'hours.mon',
      ['11:00', '14:00'],
    );
    expect(error.message).toContain('sobreponham');
  });

  it('refuses overlapping intervals given out of order, reporting an interval that overlaps', () => {
    const error = expectRefused(
      withFields({ hours: { mon: [['14:00', '16:00'], ['13:00', '15:00'], ['08:00', '09:00']] } }),
      'hours.mon',
      ['14:00', '16:00'],
    );
    expect(error.message).toContain('13:00–15:00');
  });

  it('refuses an interval inside another', () => {
    expectRefused(withFields({ hours: { mon: [['08:00', '17:00'], ['10:00', '11:00']] } }), 'hours.mon', ['10:00', '11:00']);
  });

  it('refuses an unknown weekday ("seg")', () => {
    const error = expectRefused(withFields({ hours: { seg: [['08:00', '14:00']] } }), 'hours.seg', 'seg');
    expect(error.message).toContain('mon');
  });

  it('refuses hours that are not an object', () => {
    expectRefused(withFields({ hours: [['08:00', '14:00']] }), 'hours', [['08:00', '14:00']]);
    expectRefused(withFields({ hours: undefined }), 'hours', undefined);
  });

  it.each(['2026-02-30', '2026-13-01', '2026-2-3', '24/12/2026', '2027-02-29'])('refuses the closed date %j', (date) => {
    expectRefused(withFields({ closedDates: ['2026-12-24', date] }), 'closedDates[1]', date);
  });

  it('refuses closedDates that are not a list', () => {
    expectRefused(withFields({ closedDates: '2026-12-24' }), 'closedDates', '2026-12-24');
  });

  it.each(['vara@', 'a@b.com, c@d.com', 'a@b.com; c@d.com', '@tjrn.jus.br', 'vara civel@tjrn.jus.br', ''])(
    'refuses the e-mail %j',
    (email) => {
      const error = expectRefused(withFields({ email }), 'email', email);
      expect(error.message).toContain('e-mail');
    },
  );

  it('refuses an unknown top-level key ("timeZone")', () => {
    const error = expectRefused(withFields({ timeZone: 'America/Fortaleza' }), 'timeZone', 'timeZone');
    expect(error.message).toContain('timezone');
  });

  it.each([undefined, '', 'Vara-Civel', 'vara civel', 'vara_civel', '-vara', 'vara-', 42, 'a'.repeat(65)])('refuses the id %j', (id) => {
    const error = refusal(withFields({ id }));
    expect(error.unitId).toBeUndefined();
    expect(error.field).toBe('id');
    expect(error.received).toBe(id);
    expect(error.message).toContain('campo "id"');
    expect(error.message).toContain('Unidade sem "id" válido');
  });

  it('refuses a missing, empty or overlong name', () => {
    expectRefused(withFields({ name: undefined }), 'name', undefined);
    expectRefused(withFields({ name: '   ' }), 'name', '   ');
    expectRefused(withFields({ name: 'x'.repeat(201) }), 'name', 'x'.repeat(201));
  });

  it('refuses an unknown holidays calendar', () => {
    const error = expectRefused(withFields({ holidays: 'brasil' }), 'holidays', 'brasil');
    expect(error.message).toContain('"brazil-courts"');
  });

  it('refuses null instead of silently applying a default', () => {
    expectRefused(withFields({ holidays: null }), 'holidays', null);
    expectRefused(withFields({ replyDeadlineHours: null }), 'replyDeadlineHours', null);
    expectRefused(withFields({ closedDates: null }), 'closedDates', null);
    expectRefused(withFields({ email: null }), 'email', null);
    expectRefused(withFields({ phone: null }), 'phone', null);
  });

  it.each([0, -1, 1.5, 721, '48', Number.NaN])('refuses replyDeadlineHours %j', (hours) => {
    expectRefused(withFields({ replyDeadlineHours: hours }), 'replyDeadlineHours', hours);
  });

  it.each(['true', 1, null])('refuses relayOnly %j', (value) => {
    expectRefused(withFields({ relayOnly: value }), 'relayOnly', value);
  });

  it('reads relayOnly and gives it back in the JSON only when set', () => {
    const relay = parseUnit(withFields({ relayOnly: true }));
    expect(relay.relayOnly).toBe(true);
    expect(unitToJson(relay).relayOnly).toBe(true);
    expect(unitToJson(parseUnit(withFields({}))).relayOnly).toBeUndefined();
  });

  it('reads the PJe support channel and the peticionamento page, and gives them back in the JSON', () => {
    const unit = parseUnit(
      withFields({
        pjeSupport: { url: 'https://www.tribunal.example.jus.br/pje/suporte', email: 'suporte.pje@tribunal.example.jus.br', phone: '+55 84 3616-6000' },
        petitionsUrl: 'https://pje.tribunal.example.jus.br/peticionamento',
      }),
    );
    expect(unit.pjeSupport).toEqual({
      url: 'https://www.tribunal.example.jus.br/pje/suporte',
      email: 'suporte.pje@tribunal.example.jus.br',
      phone: '+55 84 3616-6000',
    });
    expect(unit.petitionsUrl).toBe('https://pje.tribunal.example.jus.br/peticionamento');
    const json = unitToJson(unit);
    expect(json.pjeSupport).toEqual(unit.pjeSupport);
    expect(json.petitionsUrl).toBe(unit.petitionsUrl);
    expect(parseUnit(JSON.parse(JSON.stringify(json)))).toEqual(unit);
  });

  it('accepts a PJe support channel with only one of url, e-mail or phone', () => {
    expect(parseUnit(withFields({ pjeSupport: { phone: '0800 000 0000' } })).pjeSupport).toEqual({ phone: '0800 000 0000' });
    expect(parseUnit(withFields({ pjeSupport: { email: 'pje@tjrn.jus.br' } })).pjeSupport).toEqual({ email: 'pje@tjrn.jus.br' });
    expect(parseUnit(withFields({ pjeSupport: { url: ' https://tjrn.jus.br ' } })).pjeSupport).toEqual({ url: 'https://tjrn.jus.br' });
  });

  it.each(['https://www.tjrn.jus.br/pje/suporte?aba=contato#chat', 'https://pje.tjrn.jus.br:8443/pje/login.seam', 'https://tjrn.jus.br/'])(
    'accepts the address %j as written',
    (url) => {
      expect(parseUnit(withFields({ petitionsUrl: url })).petitionsUrl).toBe(url);
    },
  );

  it('leaves both out of the unit and of the JSON when absent', () => {
    const unit = parseUnit(example());
    expect(unit).not.toHaveProperty('pjeSupport');
    expect(unit).not.toHaveProperty('petitionsUrl');
    expect(unitToJson(unit)).not.toHaveProperty('pjeSupport');
    expect(unitToJson(unit)).not.toHaveProperty('petitionsUrl');
  });

  it.each([{}, null, 'https://tjrn.jus.br/pje', [], { url: undefined }])('refuses pjeSupport %j (an object with at least one channel)', (value) => {
    expectRefused(withFields({ pjeSupport: value }), 'pjeSupport', value);
  });

  it('refuses an unknown key in pjeSupport', () => {
    expectRefused(withFields({ pjeSupport: { url: 'https://tjrn.jus.br/pje', site: 'x' } }), 'pjeSupport.site', 'site');
  });

  it.each([
    'http://tjrn.jus.br/pje',
    'tjrn.jus.br/pje',
    'javascript:alert(1)',
    'https://user:pw@tjrn.jus.br/',
    'https://localhost/pje',
    'https://tjrn.jus.br/a b',
    'https://tjrn.jus.br/"><script>',
    'https://tjrn.jus.br\\@evil.example/',
    '',
    42,
    null,
  ])(
    'refuses the PJe support url %j (an https address only)',
    (url) => {
      const error = expectRefused(withFields({ pjeSupport: { url } }), 'pjeSupport.url', url);
      expect(error.message).toContain('https');
    },
  );

  it('refuses a bad PJe support e-mail or phone', () => {
    expectRefused(withFields({ pjeSupport: { email: 'suporte@' } }), 'pjeSupport.email', 'suporte@');
    expectRefused(withFields({ pjeSupport: { phone: '123' } }), 'pjeSupport.phone', '123');
  });

  it.each(['http://pje.tjrn.jus.br/', 'ftp://pje.tjrn.jus.br/', 'pje', null, 42, `https://tjrn.jus.br/${'x'.repeat(500)}`])(
    'refuses petitionsUrl %j (https only)',
    (url) => {
      expectRefused(withFields({ petitionsUrl: url }), 'petitionsUrl', url);
    },
  );

  it('refuses a bad phone', () => {
    expectRefused(withFields({ phone: '123' }), 'phone', '123');
  });

  it('refuses JSON that is not an object', () => {
    for (const json of [null, 'vara-civel-natal', [example()], 42]) {
      const error = refusal(json);
      expect(error.unitId).toBeUndefined();
      expect(error.field).toBe('(unidade)');
    }
  });

  it('shortens a long received value in the message', () => {
    const error = refusal(withFields({ name: 'x'.repeat(500) }));
    expect(error.message.length).toBeLessThan(300);
    expect(error.message).toContain('...');
  });
});

describe('unitToJson', () => {
  it('round-trips the DESIGN.md example exactly', () => {
    expect(unitToJson(parseUnit(example()))).toEqual(example());
  });

  it('parseUnit(unitToJson(unit)) gives back the same unit', () => {
    const unit = parseUnit(
      withFields({
        hours: { sat: [['08:00', '12:00']], mon: [['13:00', '24:00'], ['00:00', '06:30']], sun: [] },
        holidays: 'none',
        email: undefined,
        phone: undefined,
        replyDeadlineHours: 24,
      }),
    );
    const json = unitToJson(unit);
    expect(json.hours).toEqual({ mon: [['00:00', '06:30'], ['13:00', '24:00']], sat: [['08:00', '12:00']], sun: [] });
    expect(json).not.toHaveProperty('email');
    expect(parseUnit(JSON.parse(JSON.stringify(json)))).toEqual(unit);
  });
});

describe('parseTime / formatTime', () => {
  it('converts between "HH:MM" and minutes', () => {
    expect(parseTime('00:00')).toBe(0);
    expect(parseTime('08:30')).toBe(510);
    expect(parseTime('24:00')).toBe(1440);
    expect(parseTime('24:30')).toBeNull();
    expect(parseTime('8:30')).toBeNull();
    expect(formatTime(510)).toBe('08:30');
    expect(formatTime(1440)).toBe('24:00');
  });
});

describe('parseUnits', () => {
  const other: UnitJson = { ...example(), id: 'vara-criminal-natal', name: '1ª Vara Criminal de Natal' };

  it('parses a list of units, or { "units": [...] }', () => {
    expect(parseUnits([example(), other]).map((u) => u.id)).toEqual(['vara-civel-natal', 'vara-criminal-natal']);
    expect(parseUnits({ units: [example(), other] }).map((u) => u.id)).toEqual(['vara-civel-natal', 'vara-criminal-natal']);
    expect(parseUnits([])).toEqual([]);
  });

  it('refuses duplicate ids, naming the unit', () => {
    let error: unknown;
    try {
      parseUnits([example(), other, example()]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnitConfigError);
    expect(error).toMatchObject({ unitId: 'vara-civel-natal', field: 'id', received: 'vara-civel-natal' });
    expect((error as Error).message).toContain('Unidade "vara-civel-natal"');
  });

  it.each([null, 'units', 42, {}, { units: 'x' }, example()])('refuses %j, which is not a list of units', (json) => {
    expect(() => parseUnits(json)).toThrow(UnitConfigError);
    expect(() => parseUnits(json)).toThrow(/lista/);
  });

  it('refuses the whole file when one unit is wrong', () => {
    expect(() => parseUnits([example(), { ...other, timezone: 'UTC-3' }])).toThrow(/Unidade "vara-criminal-natal".*campo "timezone"/);
  });
});
