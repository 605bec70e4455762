// A unit's configuration: parsed once, refused loudly when wrong (never a silent
// fallback). Errors name the unit, the field and what was expected.

import { MINUTES_PER_DAY, isTimeZone, parseIsoDate } from './time.js';
import { parseEmail } from './email.js';
import { isRecord } from './protocol/guards.js';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Half-open interval [start, end) in minutes after local midnight; end ≤ 1440. */
export type Interval = readonly [start: number, end: number];

export type HolidayCalendar = 'brazil-courts' | 'none';

/**
 * The court's PJe support channel (Portaria TJRN 38/2021 art. 6 sole §: technical problems
 * with PJe go there, not to the counter). At least one of the three.
 */
export interface PjeSupport {
  /** An https page of the court's PJe support. */
  readonly url?: string;
  readonly email?: string;
  readonly phone?: string;
}

export interface Unit {
  readonly id: string;
  readonly name: string;
  /** IANA time zone of the unit, e.g. 'America/Fortaleza'. */
  readonly timezone: string;
  /** Public hours per weekday, sorted, merged, non-overlapping. A missing day is closed. */
  readonly hours: Readonly<Partial<Record<Weekday, readonly Interval[]>>>;
  readonly holidays: HolidayCalendar;
  /** Extra local dates without service ('YYYY-MM-DD'), sorted. */
  readonly closedDates: readonly string[];
  readonly email?: string;
  readonly phone?: string;
  /** Hours within which a written message is answered. */
  readonly replyDeadlineHours: number;
  /** Calls only through the court's TURN relay, so neither side learns the other's IP address. */
  readonly relayOnly: boolean;
  /** Where PJe technical problems go; absent: the widget points to the court's site. */
  readonly pjeSupport?: PjeSupport;
  /** The https page of the court's electronic filing (peticionamento), which the counter never replaces (art. 7). */
  readonly petitionsUrl?: string;
}

/** The unit as JSON, the format of the units file and of `GET /api/units/:id`. */
export interface UnitJson {
  id: string;
  name: string;
  timezone: string;
  hours: Partial<Record<Weekday, [string, string][]>>;
  holidays?: HolidayCalendar;
  closedDates?: string[];
  email?: string;
  phone?: string;
  replyDeadlineHours?: number;
  relayOnly?: boolean;
  pjeSupport?: { url?: string; email?: string; phone?: string };
  petitionsUrl?: string;
}

export const DEFAULT_REPLY_DEADLINE_HOURS = 48;

export class UnitConfigError extends Error {
  override readonly name = 'UnitConfigError';
  constructor(
    readonly unitId: string | undefined,
    readonly field: string,
    readonly expected: string,
    readonly received: unknown,
  ) {
    const who = unitId === undefined ? 'Unidade sem "id" válido' : `Unidade "${unitId}"`;
    super(`${who}: campo "${field}" inválido: esperado ${expected}; recebido ${describe(received)}.`);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nada (campo ausente)';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const TIME_PATTERN = /^([01]\d|2[0-4]):([0-5]\d)$/;
const PHONE_PATTERN = /^\+?[0-9 ().-]{8,24}$/;
const KNOWN_KEYS = new Set([
  'id', 'name', 'timezone', 'hours', 'holidays', 'closedDates', 'email', 'phone', 'replyDeadlineHours', 'relayOnly',
  'pjeSupport', 'petitionsUrl',
]);
const PJE_SUPPORT_KEYS = ['url', 'email', 'phone'];

/** Minutes after midnight of 'HH:MM' (00:00 to 24:00), or null. */
export function parseTime(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = TIME_PATTERN.exec(value);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= MINUTES_PER_DAY ? minutes : null;
}

export function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Validates one unit's JSON configuration. Throws UnitConfigError on the first problem. */
export function parseUnit(json: unknown): Unit {
  if (!isRecord(json)) throw new UnitConfigError(undefined, '(unidade)', 'um objeto JSON', json);
  const rawId = json.id;
  const id = typeof rawId === 'string' && ID_PATTERN.test(rawId) ? rawId : undefined;
  if (id === undefined) {
    throw new UnitConfigError(undefined, 'id', 'letras minúsculas, dígitos e hífens, até 64 caracteres (ex.: "vara-civel-natal")', rawId);
  }
  const fail = (field: string, expected: string, received: unknown): never => {
    throw new UnitConfigError(id, field, expected, received);
  };

  for (const key of Object.keys(json)) {
    if (!KNOWN_KEYS.has(key)) fail(key, `um dos campos conhecidos (${[...KNOWN_KEYS].join(', ')})`, key);
  }

  const name = typeof json.name === 'string' ? json.name.trim() : '';
  if (name.length === 0 || name.length > 200) fail('name', 'o nome da unidade, de 1 a 200 caracteres', json.name);

  const timezone = json.timezone;
  if (typeof timezone !== 'string' || !timezone.includes('/') || !isTimeZone(timezone)) {
    fail('timezone', 'um fuso horário IANA, como "America/Fortaleza" ou "America/Rio_Branco"', timezone);
  }

  if (!isRecord(json.hours)) fail('hours', 'um objeto com os dias da semana (mon … sun) e seus intervalos', json.hours);
  const hours: Partial<Record<Weekday, readonly Interval[]>> = {};
  for (const [key, value] of Object.entries(json.hours as Record<string, unknown>)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) {
      fail(`hours.${key}`, `um dia da semana: ${WEEKDAYS.join(', ')}`, key);
    }
    hours[key as Weekday] = parseIntervals(value, `hours.${key}`, fail);
  }

  // Only an absent key takes the default: `null` is refused like any other wrong value.
  const holidays = json.holidays === undefined ? 'brazil-courts' : json.holidays;
  if (holidays !== 'brazil-courts' && holidays !== 'none') {
    fail('holidays', '"brazil-courts" (feriados nacionais, forenses e recesso) ou "none"', holidays);
  }

  const closedDates: string[] = [];
  if (json.closedDates !== undefined) {
    if (!Array.isArray(json.closedDates)) fail('closedDates', 'uma lista de datas "AAAA-MM-DD"', json.closedDates);
    (json.closedDates as unknown[]).forEach((d, i) => {
      if (typeof d !== 'string' || parseIsoDate(d) === null) {
        fail(`closedDates[${i}]`, 'uma data real no formato "AAAA-MM-DD"', d);
      }
      closedDates.push(d as string);
    });
    closedDates.sort();
  }

  const email = json.email === undefined ? undefined : parseContactEmail(json.email, 'email', fail);
  const phone = json.phone === undefined ? undefined : parsePhone(json.phone, 'phone', fail);

  const replyDeadlineHours = json.replyDeadlineHours === undefined ? DEFAULT_REPLY_DEADLINE_HOURS : json.replyDeadlineHours;
  if (typeof replyDeadlineHours !== 'number' || !Number.isInteger(replyDeadlineHours) || replyDeadlineHours < 1 || replyDeadlineHours > 720) {
    fail('replyDeadlineHours', 'um número inteiro de horas entre 1 e 720', json.replyDeadlineHours);
  }

  if (json.relayOnly !== undefined && typeof json.relayOnly !== 'boolean') fail('relayOnly', 'true ou false', json.relayOnly);

  let pjeSupport: PjeSupport | undefined;
  const rawPje = json.pjeSupport;
  if (rawPje !== undefined) {
    const expected = 'um objeto com "url" (https), "email" e/ou "phone" do suporte do PJe, ao menos um';
    if (!isRecord(rawPje) || !PJE_SUPPORT_KEYS.some((k) => rawPje[k] !== undefined)) fail('pjeSupport', expected, rawPje);
    const pje = rawPje as Record<string, unknown>;
    for (const key of Object.keys(pje)) {
      if (!PJE_SUPPORT_KEYS.includes(key)) fail(`pjeSupport.${key}`, `um dos campos ${PJE_SUPPORT_KEYS.join(', ')}`, key);
    }
    const url = pje.url === undefined ? undefined : parseHttpsUrl(pje.url, 'pjeSupport.url', fail);
    const pjeEmail = pje.email === undefined ? undefined : parseContactEmail(pje.email, 'pjeSupport.email', fail);
    const pjePhone = pje.phone === undefined ? undefined : parsePhone(pje.phone, 'pjeSupport.phone', fail);
    pjeSupport = {
      ...(url === undefined ? {} : { url }),
      ...(pjeEmail === undefined ? {} : { email: pjeEmail }),
      ...(pjePhone === undefined ? {} : { phone: pjePhone }),
    };
  }
  const petitionsUrl = json.petitionsUrl === undefined ? undefined : parseHttpsUrl(json.petitionsUrl, 'petitionsUrl', fail);

  const unit: Unit = {
    id,
    name,
    timezone: timezone as string,
    hours,
    holidays: holidays as HolidayCalendar,
    closedDates,
    replyDeadlineHours: replyDeadlineHours as number,
    relayOnly: json.relayOnly === true,
    ...(email === undefined ? {} : { email }),
    ...(phone === undefined ? {} : { phone }),
    ...(pjeSupport === undefined ? {} : { pjeSupport }),
    ...(petitionsUrl === undefined ? {} : { petitionsUrl }),
  };
  return unit;
}

type Fail = (field: string, expected: string, received: unknown) => never;

function parseContactEmail(value: unknown, field: string, fail: Fail): string {
  return (typeof value === 'string' ? parseEmail(value) : null) ?? fail(field, 'um único endereço de e-mail, como "vara@tjrn.jus.br"', value);
}

function parsePhone(value: unknown, field: string, fail: Fail): string {
  if (typeof value !== 'string' || !PHONE_PATTERN.test(value.trim()) || value.replace(/[^0-9]/g, '').length < 8) {
    fail(field, 'um telefone com DDD, como "+55 84 3616-9000"', value);
  }
  return (value as string).trim();
}

/**
 * An absolute https address: a host name with dots (no user or password, no IP literal),
 * an optional port, then a path, query or fragment in RFC 3986 characters. ASCII only.
 * A pattern rather than `URL`, which the core's type-check (no DOM, no Node) does not have.
 */
const HTTPS_URL =
  /^https:\/\/[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+(?::[0-9]{1,5})?(?:[/?#][A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*)?$/i;

function parseHttpsUrl(value: unknown, field: string, fail: Fail): string {
  const url = typeof value === 'string' ? value.trim() : '';
  if (url.length > 500 || !HTTPS_URL.test(url)) fail(field, 'um endereço https completo, como "https://www.tjrn.jus.br/pje"', value);
  return url;
}

function parseIntervals(value: unknown, field: string, fail: Fail): readonly Interval[] {
  if (!Array.isArray(value)) return fail(field, 'uma lista de intervalos [["08:00", "14:00"]]', value);
  // Each interval keeps the pair as written, so an overlap error shows what the author typed.
  const intervals: { start: number; end: number; pair: unknown }[] = [];
  value.forEach((pair: unknown, i) => {
    const at = `${field}[${i}]`;
    if (!Array.isArray(pair) || pair.length !== 2) fail(at, 'um par ["HH:MM", "HH:MM"] de abertura e fechamento', pair);
    const [rawStart, rawEnd] = pair as unknown[];
    const start = parseTime(rawStart);
    if (start === null || start === MINUTES_PER_DAY) fail(`${at}[0]`, 'uma hora de abertura "HH:MM" entre 00:00 e 23:59', rawStart);
    const end = parseTime(rawEnd);
    if (end === null) fail(`${at}[1]`, 'uma hora de fechamento "HH:MM" entre 00:01 e 24:00', rawEnd);
    if ((end as number) <= (start as number)) {
      fail(at, `o fechamento depois da abertura (${String(rawStart)})`, pair);
    }
    intervals.push({ start: start as number, end: end as number, pair });
  });
  intervals.sort((a, b) => a.start - b.start);
  const merged: [number, number][] = [];
  for (const current of intervals) {
    const last = merged[merged.length - 1];
    if (last && current.start < last[1]) {
      fail(field, `intervalos que não se sobreponham (este sobrepõe ${formatTime(last[0])}–${formatTime(last[1])})`, current.pair);
    }
    if (last && current.start === last[1]) last[1] = current.end;
    else merged.push([current.start, current.end]);
  }
  return merged;
}

/** The JSON form of a unit, as served to the widget. */
export function unitToJson(unit: Unit): UnitJson {
  const hours: UnitJson['hours'] = {};
  for (const day of WEEKDAYS) {
    const intervals = unit.hours[day];
    if (intervals) hours[day] = intervals.map(([s, e]) => [formatTime(s), formatTime(e)]);
  }
  return {
    id: unit.id,
    name: unit.name,
    timezone: unit.timezone,
    hours,
    holidays: unit.holidays,
    closedDates: [...unit.closedDates],
    ...(unit.email === undefined ? {} : { email: unit.email }),
    ...(unit.phone === undefined ? {} : { phone: unit.phone }),
    replyDeadlineHours: unit.replyDeadlineHours,
    ...(unit.relayOnly ? { relayOnly: true } : {}),
    ...(unit.pjeSupport === undefined ? {} : { pjeSupport: { ...unit.pjeSupport } }),
    ...(unit.petitionsUrl === undefined ? {} : { petitionsUrl: unit.petitionsUrl }),
  };
}

/** Validates a units file: an array of units (or `{ "units": [...] }`) with unique ids. */
export function parseUnits(json: unknown): readonly Unit[] {
  const list = isRecord(json) && Array.isArray(json.units) ? json.units : json;
  if (!Array.isArray(list)) {
    throw new UnitConfigError(undefined, '(arquivo de unidades)', 'uma lista JSON de unidades', json);
  }
  const seen = new Set<string>();
  return list.map((item: unknown) => {
    const unit = parseUnit(item);
    if (seen.has(unit.id)) throw new UnitConfigError(unit.id, 'id', 'um id que nenhuma outra unidade use', unit.id);
    seen.add(unit.id);
    return unit;
  });
}
