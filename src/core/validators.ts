// Validators for the identifiers a visitor types at the counter: CPF, CNJ case number,
// OAB registration, and a plain e-mail address. Pure functions, no DOM, no Node.
//
// Every validator follows the same order, and stops at the first failure:
//   1. raw input longer than MAX_INPUT_LENGTH → 'too-long' (checked before trimming or
//      any regular expression, so a huge paste costs nothing);
//   2. trimmed input empty → 'empty';
//   3. the shape (a small, anchored, ASCII-only grammar) → 'format';
//   4. the checks specific to each identifier (listed on each function).
//
// Digits are ASCII '0'–'9' only: the patterns use [0-9] (never \d with the u flag) and
// digit values come from charCodeAt, never Number(), so fullwidth or Arabic-Indic digits
// are refused as 'format'.

export type ValidationReason =
  | 'empty'
  | 'too-long'
  | 'format'
  | 'check-digits'
  | 'repeated-digits'
  | 'segment'
  | 'court'
  | 'state';

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; reason: ValidationReason };

/** Longest raw input (before trimming) any identifier validator looks at. */
const MAX_INPUT_LENGTH = 64;

function ok<T>(value: T): ValidationResult<T> {
  return { ok: true, value };
}

function fail<T>(reason: ValidationReason): ValidationResult<T> {
  return { ok: false, reason };
}

/** The value of the ASCII digit at `i`; callers have already matched [0-9]. */
function digitAt(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}

/** The trimmed input, or the reason to refuse it before looking at its shape. */
function precheck(input: string): ValidationResult<string> {
  if (input.length > MAX_INPUT_LENGTH) return fail('too-long');
  const trimmed = input.trim();
  return trimmed === '' ? fail('empty') : ok(trimmed);
}

// ---------------------------------------------------------------------------------------
// CPF
// ---------------------------------------------------------------------------------------

/** Accepted: the canonical mask '000.000.000-00', or 11 bare digits. Nothing in between. */
const CPF_MASKED = /^([0-9]{3})\.([0-9]{3})\.([0-9]{3})-([0-9]{2})$/;
const CPF_BARE = /^[0-9]{11}$/;

/** Mod 11 check digit over the first `length` digits, weights length+1 down to 2. */
function cpfCheckDigit(digits: string, length: number): number {
  let sum = 0;
  for (let i = 0; i < length; i++) sum += digitAt(digits, i) * (length + 1 - i);
  const r = sum % 11;
  return r < 2 ? 0 : 11 - r;
}

/**
 * Validates a CPF. Order: 'too-long', 'empty', 'format', 'repeated-digits' (all eleven
 * digits equal: these pass the mod 11 rule but are not real numbers), 'check-digits'.
 * The value is the 11 bare digits.
 */
export function validateCpf(input: string): ValidationResult<string> {
  const pre = precheck(input);
  if (!pre.ok) return pre;
  let digits: string;
  const masked = CPF_MASKED.exec(pre.value);
  if (masked) digits = masked.slice(1).join('');
  else if (CPF_BARE.test(pre.value)) digits = pre.value;
  else return fail('format');
  if (digits === (digits[0] ?? '').repeat(11)) return fail('repeated-digits');
  if (cpfCheckDigit(digits, 9) !== digitAt(digits, 9) || cpfCheckDigit(digits, 10) !== digitAt(digits, 10)) {
    return fail('check-digits');
  }
  return ok(digits);
}

/** The CPF's 11 bare digits, or null when `validateCpf` refuses it. */
export function parseCpf(input: string): string | null {
  const r = validateCpf(input);
  return r.ok ? r.value : null;
}

/** '12345678909' → '123.456.789-09'. Throws RangeError unless given exactly 11 ASCII digits. */
export function formatCpf(digits: string): string {
  if (!CPF_BARE.test(digits)) throw new RangeError(`formatCpf: expected 11 digits, got ${JSON.stringify(digits)}`);
  return `${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6, 9)}-${digits.slice(9)}`;
}

// ---------------------------------------------------------------------------------------
// CNJ case number (Res. CNJ 65/2008): NNNNNNN-DD.AAAA.J.TR.OOOO
// ---------------------------------------------------------------------------------------

export interface CnjNumber {
  /** 'NNNNNNN-DD.AAAA.J.TR.OOOO' */
  formatted: string;
  /** The 20 digits, in the order they are written. */
  digits: string;
  /** NNNNNNN: sequential number of the case in the origin unit and year. */
  sequential: string;
  /** DD */
  checkDigits: string;
  /** AAAA: year the case was filed. */
  year: string;
  /** J: segment of the judiciary (1 STF … 9 Justiça Militar Estadual). */
  segment: string;
  /** TR: court within the segment. */
  court: string;
  /** OOOO: origin unit within the court. */
  origin: string;
}

/** Accepted: the canonical mask, or 20 bare digits. */
const CNJ_MASKED = /^([0-9]{7})-([0-9]{2})\.([0-9]{4})\.([0-9])\.([0-9]{2})\.([0-9]{4})$/;
const CNJ_BARE = /^[0-9]{20}$/;
const CNJ_PREFIX = /^[0-9]{18}$/;

/** A string of ASCII digits, read as one (arbitrarily large) integer, mod 97. */
function mod97(digits: string): number {
  let r = 0;
  for (let i = 0; i < digits.length; i++) r = (r * 10 + digitAt(digits, i)) % 97;
  return r;
}

/**
 * The check digits DD of a CNJ number (ISO 7064 mod 97-10, Res. 65 Anexo VIII), given
 * the other 18 digits in the order N AAAA J TR OOOO (NNNNNNN + AAAA + J + TR + OOOO):
 * DD = 98 − ((that integer × 100) mod 97), two digits, zero-padded ('01'…'98').
 * The integer exceeds 2^53, so it is reduced digit by digit. Throws RangeError unless
 * given exactly 18 ASCII digits.
 */
export function cnjCheckDigits(nAAAAJTROOOO: string): string {
  if (!CNJ_PREFIX.test(nAAAAJTROOOO)) {
    throw new RangeError(`cnjCheckDigits: expected 18 digits, got ${JSON.stringify(nAAAAJTROOOO)}`);
  }
  const dd = 98 - mod97(`${nAAAAJTROOOO}00`);
  return String(dd).padStart(2, '0');
}

/** Whether TR is a court of segment J (both already known to be ASCII digits). */
function courtBelongsToSegment(segment: number, court: number): boolean {
  switch (segment) {
    case 1: // STF
    case 2: // CNJ
    case 3: // STJ
      return court === 0;
    case 4: // Justiça Federal: TRF1–TRF6, 90 = CJF
      return (court >= 1 && court <= 6) || court === 90;
    case 5: // Justiça do Trabalho: TRT1–TRT24, 90 = CSJT
      return (court >= 1 && court <= 24) || court === 90;
    case 6: // Justiça Eleitoral: 00 = TSE, 01–27 = TREs
      return court >= 0 && court <= 27;
    case 7: // Justiça Militar da União: 00 = STM, 01–12 = CJMs
      return court >= 0 && court <= 12;
    case 8: // Justiça dos Estados e do DF: 01–27 = TJs
      return court >= 1 && court <= 27;
    case 9: // Justiça Militar Estadual: 13 = TJM-MG, 21 = TJM-RS, 26 = TJM-SP
      return court === 13 || court === 21 || court === 26;
    default:
      return false;
  }
}

/** '00000012026820000100' → '0000001-DD.2026.8.20.0001'. Throws RangeError unless 20 ASCII digits. */
export function formatCnj(digits20: string): string {
  if (!CNJ_BARE.test(digits20)) throw new RangeError(`formatCnj: expected 20 digits, got ${JSON.stringify(digits20)}`);
  const d = digits20;
  return `${d.slice(0, 7)}-${d.slice(7, 9)}.${d.slice(9, 13)}.${d.slice(13, 14)}.${d.slice(14, 16)}.${d.slice(16, 20)}`;
}

/**
 * Validates a CNJ case number. Order: 'too-long', 'empty', 'format', 'segment' (J = 0),
 * 'court' (TR not a court of segment J), 'check-digits' (DD must equal
 * `cnjCheckDigits(N AAAA J TR OOOO)` and N AAAA J TR OOOO DD must be ≡ 1 mod 97). The
 * second condition follows from the first; it is kept as Anexo VIII's own verification.
 * The first is what refuses the aliases '00' for a due '97' and '01' for a due '98',
 * which also leave remainder 1.
 */
export function validateCnj(input: string): ValidationResult<CnjNumber> {
  const pre = precheck(input);
  if (!pre.ok) return pre;
  let digits: string;
  const masked = CNJ_MASKED.exec(pre.value);
  if (masked) digits = masked.slice(1).join('');
  else if (CNJ_BARE.test(pre.value)) digits = pre.value;
  else return fail('format');

  const sequential = digits.slice(0, 7);
  const checkDigits = digits.slice(7, 9);
  const year = digits.slice(9, 13);
  const segment = digits.slice(13, 14);
  const court = digits.slice(14, 16);
  const origin = digits.slice(16, 20);

  const j = digitAt(segment, 0);
  if (j === 0) return fail('segment');
  if (!courtBelongsToSegment(j, digitAt(court, 0) * 10 + digitAt(court, 1))) return fail('court');

  const rest = `${sequential}${year}${segment}${court}${origin}`;
  if (checkDigits !== cnjCheckDigits(rest) || mod97(`${rest}${checkDigits}`) !== 1) return fail('check-digits');

  return ok({ formatted: formatCnj(digits), digits, sequential, checkDigits, year, segment, court, origin });
}

/** The parsed CNJ number, or null when `validateCnj` refuses it. */
export function parseCnj(input: string): CnjNumber | null {
  const r = validateCnj(input);
  return r.ok ? r.value : null;
}

// ---------------------------------------------------------------------------------------
// OAB registration
// ---------------------------------------------------------------------------------------

const UFS: ReadonlySet<string> = new Set([
  'AC', 'AL', 'AP', 'AM', 'BA', 'CE', 'DF', 'ES', 'GO', 'MA', 'MT', 'MS', 'MG', 'PA',
  'PB', 'PR', 'PE', 'PI', 'RJ', 'RN', 'RS', 'RO', 'RR', 'SC', 'SP', 'SE', 'TO',
]);

// Accepted grammar (after trimming; letters in any case, ASCII only):
//
//   oab     = [ "OAB" sep1 ] ( uf [ sep ] number [ suffix ] / number [ suffix ] "/" uf )
//   sep1    = " " / "/" / "-"            ; exactly one, e.g. "OAB/RN", "OAB RN", "OAB 123/RN"
//   sep     = " " / "/" / "-"            ; at most one, e.g. "RN 123", "RN123", "RN-123"
//   uf      = 2 letters                  ; then checked against the 27 UFs → else 'state'
//   number  = 1*6 digits / 1*3 digits "." 3 digits   ; "12345", "12.345", "123.456"
//   suffix  = [ "-" ] ( "A" / "B" / "E" ) ; supplementary registration, "12345A", "123456-E"
//
// Examples: 'RN 12345', 'OAB/RN 12.345', 'OAB RN 12345A', '12.345/RN', 'OAB 12345/RN',
// '123456-E/SP'. A number that is all zeros is 'format'. The /i flag is used without the
// u flag, so non-ASCII letters never match ASCII ones ('ı' is not 'I', 'ſ' is not 'S').
const OAB_NUMBER = '([0-9]{1,6}|[0-9]{1,3}\\.[0-9]{3})';
const OAB_SUFFIX = '(?:-?([ABE]))?';
const OAB_PATTERN = new RegExp(
  `^(?:OAB[ /-])?(?:([A-Z]{2})[ /-]?${OAB_NUMBER}${OAB_SUFFIX}|${OAB_NUMBER}${OAB_SUFFIX}/([A-Z]{2}))$`,
  'i',
);

/**
 * Validates an OAB registration. Order: 'too-long', 'empty', 'format' (grammar above),
 * 'state' (not one of the 27 UFs), 'format' (number is zero). The value is normalized to
 * 'UF NUMBER[LETTER]': uppercase, no dot, no leading zeros, e.g. 'RN 12345', 'SP 123456E'.
 */
export function validateOab(input: string): ValidationResult<string> {
  const pre = precheck(input);
  if (!pre.ok) return pre;
  const m = OAB_PATTERN.exec(pre.value);
  if (!m) return fail('format');
  const [, uf1, number1, suffix1, number2, suffix2, uf2] = m;
  const uf = (uf1 ?? uf2 ?? '').toUpperCase();
  const number = (number1 ?? number2 ?? '').replace('.', '').replace(/^0+/, '');
  const suffix = (suffix1 ?? suffix2 ?? '').toUpperCase();
  if (!UFS.has(uf)) return fail('state');
  if (number === '') return fail('format');
  return ok(`${uf} ${number}${suffix}`);
}

/** The normalized OAB registration ('RN 12345'), or null when `validateOab` refuses it. */
export function parseOab(input: string): string | null {
  const r = validateOab(input);
  return r.ok ? r.value : null;
}

// ---------------------------------------------------------------------------------------
// E-mail: in its own module, so that reading a unit's configuration (which checks its
// e-mail) does not bring the CPF, CNJ and OAB validators into the widget's first chunk.
// ---------------------------------------------------------------------------------------

export { parseEmail } from './email.js';
