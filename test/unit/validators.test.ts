import { describe, it, expect } from 'vitest';
import { seededRandom } from '../seeded-random.js';
import {
  cnjCheckDigits,
  formatCnj,
  formatCpf,
  parseCnj,
  parseCpf,
  parseEmail,
  parseOab,
  validateCnj,
  validateCpf,
  validateOab,
  type ValidationReason,
} from '../../src/core/validators.js';

// ---------------------------------------------------------------------------------------
// Independent, deliberately slow reference implementations and test-data helpers.
// ---------------------------------------------------------------------------------------

const prng = seededRandom;

function randomDigits(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(rand() * 10));
  return s;
}

/** CPF check digits by the textbook "sum × 10 mod 11 mod 10" formulation. */
function refCpfCheckDigits(nine: string): string {
  const d = nine.split('').map((c) => '0123456789'.indexOf(c));
  let s1 = 0;
  for (let i = 0; i < 9; i++) s1 += (d[i] ?? NaN) * (10 - i);
  const dv1 = ((s1 * 10) % 11) % 10;
  let s2 = 0;
  for (let i = 0; i < 9; i++) s2 += (d[i] ?? NaN) * (11 - i);
  s2 += dv1 * 2;
  const dv2 = ((s2 * 10) % 11) % 10;
  return String(dv1) + String(dv2);
}

/** CNJ DD with BigInt, straight from Res. 65 Anexo VIII. */
function refCnjDD(prefix18: string): string {
  return (98n - ((BigInt(prefix18) * 100n) % 97n)).toString().padStart(2, '0');
}

/** The 20 digits NNNNNNN DD AAAA J TR OOOO of a number with reference-computed DD. */
function buildCnj(sequential: string, year: string, segment: string, court: string, origin: string): string {
  const prefix = `${sequential}${year}${segment}${court}${origin}`;
  return `${sequential}${refCnjDD(prefix)}${year}${segment}${court}${origin}`;
}

/** Replaces the DD of a 20-digit CNJ number. */
function withDD(digits20: string, dd: string): string {
  return `${digits20.slice(0, 7)}${dd}${digits20.slice(9)}`;
}

function masked(d: string): string {
  return `${d.slice(0, 7)}-${d.slice(7, 9)}.${d.slice(9, 13)}.${d.slice(13, 14)}.${d.slice(14, 16)}.${d.slice(16)}`;
}

/** Valid TR values per segment J, written out independently of the implementation. */
const VALID_COURTS: Record<string, readonly number[]> = {
  '1': [0],
  '2': [0],
  '3': [0],
  '4': [1, 2, 3, 4, 5, 6, 90],
  '5': [...Array.from({ length: 24 }, (_, i) => i + 1), 90],
  '6': Array.from({ length: 28 }, (_, i) => i),
  '7': Array.from({ length: 13 }, (_, i) => i),
  '8': Array.from({ length: 27 }, (_, i) => i + 1),
  '9': [13, 21, 26],
};

const pad2 = (n: number): string => String(n).padStart(2, '0');

const reasonOf = (r: { ok: boolean; reason?: ValidationReason }): ValidationReason | 'ok' =>
  r.ok ? 'ok' : (r.reason ?? 'ok');

// ---------------------------------------------------------------------------------------
// CPF
// ---------------------------------------------------------------------------------------

describe('CPF', () => {
  it('accepts well-known valid CPFs, masked and bare, and returns the 11 bare digits', () => {
    expect(refCpfCheckDigits('529982247')).toBe('25');
    expect(refCpfCheckDigits('111444777')).toBe('35');
    expect(validateCpf('529.982.247-25')).toEqual({ ok: true, value: '52998224725' });
    expect(validateCpf('52998224725')).toEqual({ ok: true, value: '52998224725' });
    expect(validateCpf('111.444.777-35')).toEqual({ ok: true, value: '11144477735' });
    expect(parseCpf('11144477735')).toBe('11144477735');
  });

  it('accepts 300 generated CPFs in both forms, agreeing with the reference check digits', () => {
    const rand = prng(0xc0ffee);
    let checked = 0;
    while (checked < 300) {
      const nine = randomDigits(rand, 9);
      const cpf = `${nine}${refCpfCheckDigits(nine)}`;
      if (/^(.)\1{10}$/.test(cpf)) continue;
      const mask = `${cpf.slice(0, 3)}.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}-${cpf.slice(9)}`;
      expect(parseCpf(cpf)).toBe(cpf);
      expect(parseCpf(mask)).toBe(cpf);
      expect(formatCpf(cpf)).toBe(mask);
      checked++;
    }
  });

  it('refuses every wrong first check digit with check-digits', () => {
    for (let d = 0; d <= 9; d++) {
      if (d === 2) continue;
      expect(validateCpf(`529.982.247-${String(d)}5`)).toEqual({ ok: false, reason: 'check-digits' });
    }
  });

  it('refuses every wrong second check digit with check-digits', () => {
    for (let d = 0; d <= 9; d++) {
      if (d === 5) continue;
      expect(validateCpf(`5299822472${String(d)}`)).toEqual({ ok: false, reason: 'check-digits' });
    }
  });

  it('refuses all-same-digit numbers with repeated-digits, even though they pass mod 11', () => {
    for (let d = 0; d <= 9; d++) {
      const bare = String(d).repeat(11);
      expect(refCpfCheckDigits(bare.slice(0, 9))).toBe(bare.slice(9)); // they do pass mod 11
      expect(validateCpf(bare)).toEqual({ ok: false, reason: 'repeated-digits' });
      expect(validateCpf(formatCpf(bare))).toEqual({ ok: false, reason: 'repeated-digits' });
    }
  });

  it.each([
    '529.982.24725',
    '529 982 247 25',
    '529982247-25',
    '529.982.247.25',
    '529-982-247-25',
    '529.982.247-2',
    '5299822472',
    '529982247250',
    '529.982.247-255',
    'abc.def.ghi-jk',
    '52998224725a',
    'CPF 529.982.247-25',
    '529.982.247 - 25',
    '+52998224725',
  ])('refuses a non-canonical shape %j with format', (input) => {
    expect(validateCpf(input)).toEqual({ ok: false, reason: 'format' });
  });

  it.each([
    ['fullwidth', '５２９９８２２４７２５'],
    ['fullwidth masked', '５２９.９８２.２４７-２５'],
    ['Arabic-Indic', '٥٢٩٩٨٢٢٤٧٢٥'],
    ['Extended Arabic-Indic', '۵۲۹۹۸۲۲۴۷۲۵'],
    ['Devanagari', '५२९९८२२४७२५'],
    ['one fullwidth digit among ASCII', '52998224７25'],
  ])('refuses %s digits with format', (_name, input) => {
    expect(validateCpf(input)).toEqual({ ok: false, reason: 'format' });
  });

  it('accepts surrounding whitespace', () => {
    expect(parseCpf('  529.982.247-25\n')).toBe('52998224725');
    expect(parseCpf('\t52998224725 ')).toBe('52998224725');
    expect(parseCpf('\u00a0529.982.247-25\u00a0')).toBe('52998224725');
  });

  it('refuses empty and whitespace-only input with empty', () => {
    expect(validateCpf('')).toEqual({ ok: false, reason: 'empty' });
    expect(validateCpf('   \n\t')).toEqual({ ok: false, reason: 'empty' });
    expect(parseCpf('')).toBeNull();
  });

  it('refuses inputs longer than 64 characters with too-long, before looking at them', () => {
    expect(validateCpf(`${' '.repeat(50)}529.982.247-25`)).toEqual({ ok: true, value: '52998224725' }); // 64
    expect(validateCpf(`${' '.repeat(51)}529.982.247-25`)).toEqual({ ok: false, reason: 'too-long' }); // 65
    const huge = '1'.repeat(10_000);
    const start = performance.now();
    for (let i = 0; i < 1000; i++) expect(validateCpf(huge).ok).toBe(false);
    expect(performance.now() - start).toBeLessThan(500);
    expect(validateCpf(huge)).toEqual({ ok: false, reason: 'too-long' });
    expect(validateCpf(' '.repeat(10_000))).toEqual({ ok: false, reason: 'too-long' });
  });

  it('formatCpf masks 11 digits and throws on anything else', () => {
    expect(formatCpf('12345678909')).toBe('123.456.789-09');
    expect(() => formatCpf('529.982.247-25')).toThrow(RangeError);
    expect(() => formatCpf('1234567890')).toThrow(RangeError);
    expect(() => formatCpf('５２９９８２２４７２５')).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------
// CNJ
// ---------------------------------------------------------------------------------------

describe('CNJ case number', () => {
  const example = buildCnj('0000001', '2026', '8', '20', '0001');

  it('computes the check digits of 0000001-DD.2026.8.20.0001 as the reference does, and round-trips', () => {
    expect(refCnjDD('000000120268200001')).toBe('42');
    expect(cnjCheckDigits('000000120268200001')).toBe('42');
    expect(example).toBe('00000014220268200001');
    expect(formatCnj(example)).toBe('0000001-42.2026.8.20.0001');
    const expected = {
      formatted: '0000001-42.2026.8.20.0001',
      digits: '00000014220268200001',
      sequential: '0000001',
      checkDigits: '42',
      year: '2026',
      segment: '8',
      court: '20',
      origin: '0001',
    };
    expect(validateCnj('0000001-42.2026.8.20.0001')).toEqual({ ok: true, value: expected });
    expect(validateCnj('00000014220268200001')).toEqual({ ok: true, value: expected });
    expect(parseCnj(parseCnj('0000001-42.2026.8.20.0001')?.formatted ?? '')).toEqual(expected);
  });

  it('refuses the often-quoted 0001234-56.2020.8.26.0100, whose real check digits are 13', () => {
    expect(refCnjDD('000123420208260100')).toBe('13');
    expect(validateCnj('0001234-56.2020.8.26.0100')).toEqual({ ok: false, reason: 'check-digits' });
    expect(parseCnj('0001234-13.2020.8.26.0100')?.checkDigits).toBe('13');
  });

  it('accepts 300 generated numbers for every segment and court, masked and bare', () => {
    const rand = prng(65_2008);
    for (let i = 0; i < 300; i++) {
      const j = String(1 + Math.floor(rand() * 9));
      const courts = VALID_COURTS[j] ?? [];
      const tr = pad2(courts[Math.floor(rand() * courts.length)] ?? -1);
      const digits = buildCnj(randomDigits(rand, 7), randomDigits(rand, 4), j, tr, randomDigits(rand, 4));
      expect(parseCnj(digits)?.digits).toBe(digits);
      expect(parseCnj(masked(digits))?.formatted).toBe(masked(digits));
      expect(formatCnj(digits)).toBe(masked(digits));
    }
  });

  it('refuses DD off by one in either direction with check-digits', () => {
    const dd = Number(example.slice(7, 9));
    expect(validateCnj(masked(withDD(example, pad2(dd + 1))))).toEqual({ ok: false, reason: 'check-digits' });
    expect(validateCnj(masked(withDD(example, pad2(dd - 1))))).toEqual({ ok: false, reason: 'check-digits' });
  });

  it('refuses every one of the 99 wrong DDs of a valid number', () => {
    for (let dd = 0; dd <= 99; dd++) {
      const candidate = withDD(example, pad2(dd));
      expect(reasonOf(validateCnj(candidate))).toBe(candidate === example ? 'ok' : 'check-digits');
    }
  });

  it('refuses DD 01 where 98 is due and DD 00 where 97 is due, though both leave remainder 1', () => {
    // Search deterministically for prefixes whose computed DD is 98 and 97.
    const find = (dd: string): string => {
      for (let n = 0; n < 100_000; n++) {
        const seq = String(n).padStart(7, '0');
        if (refCnjDD(`${seq}20248200001`) === dd) return buildCnj(seq, '2024', '8', '20', '0001');
      }
      throw new Error(`no prefix with DD ${dd}`);
    };
    const due98 = find('98');
    const due97 = find('97');
    expect(parseCnj(due98)?.checkDigits).toBe('98');
    expect(parseCnj(due97)?.checkDigits).toBe('97');
    const alias01 = withDD(due98, '01');
    const alias00 = withDD(due97, '00');
    expect(BigInt(alias01.slice(0, 7) + alias01.slice(9) + '01') % 97n).toBe(1n);
    expect(BigInt(alias00.slice(0, 7) + alias00.slice(9) + '00') % 97n).toBe(1n);
    expect(validateCnj(alias01)).toEqual({ ok: false, reason: 'check-digits' });
    expect(validateCnj(alias00)).toEqual({ ok: false, reason: 'check-digits' });
  });

  it('refuses segment 0 with segment, even when its DD is right', () => {
    const digits = buildCnj('0000001', '2026', '0', '00', '0001');
    expect(validateCnj(digits)).toEqual({ ok: false, reason: 'segment' });
    expect(validateCnj(masked(digits))).toEqual({ ok: false, reason: 'segment' });
  });

  it.each([
    ['court 28 for J=8', '8', '28'],
    ['court 00 for J=8', '8', '00'],
    ['court 01 for J=9', '9', '01'],
    ['court 01 for J=1 (STF)', '1', '01'],
    ['court 07 for J=4', '4', '07'],
    ['court 25 for J=5', '5', '25'],
    ['court 28 for J=6', '6', '28'],
    ['court 13 for J=7', '7', '13'],
  ])('refuses %s with court', (_name, j, tr) => {
    expect(validateCnj(masked(buildCnj('0000001', '2026', j, tr, '0001')))).toEqual({ ok: false, reason: 'court' });
  });

  it('accepts exactly the listed courts of each segment (all 900 J/TR pairs)', () => {
    for (let j = 1; j <= 9; j++) {
      for (let tr = 0; tr <= 99; tr++) {
        const digits = buildCnj('0001234', '2025', String(j), pad2(tr), '0100');
        const expected = (VALID_COURTS[String(j)] ?? []).includes(tr) ? 'ok' : 'court';
        const label = `${String(j)}.${pad2(tr)}`;
        expect(`${label} ${reasonOf(validateCnj(digits))}`).toBe(`${label} ${expected}`);
      }
    }
  });

  it('checks segment before court, and court before check digits', () => {
    const wrongDD = (d: string): string => withDD(d, pad2((Number(d.slice(7, 9)) % 98) + 1));
    expect(validateCnj(wrongDD(buildCnj('0000001', '2026', '0', '99', '0001')))).toEqual({ ok: false, reason: 'segment' });
    expect(validateCnj(wrongDD(buildCnj('0000001', '2026', '8', '28', '0001')))).toEqual({ ok: false, reason: 'court' });
    expect(validateCnj(wrongDD(buildCnj('0000001', '2026', '8', '20', '0001')))).toEqual({ ok: false, reason: 'check-digits' });
  });

  it.each([
    '0000001-42.2026.8.20.000',
    '0000001-42.2026.8.20.00011',
    '000001-42.2026.8.20.0001',
    '0000001-42-2026.8.20.0001',
    '0000001.42.2026.8.20.0001',
    '0000001-42.2026.08.20.0001',
    '0000001-4220268200001',
    '0000001 42 2026 8 20 0001',
    '0000001422026820000',
    '000000142202682000011',
    'A000001-42.2026.8.20.0001',
    '0000001-42.2026.8.20.000I',
    '０００００１４２２０２６８２０００１',
    '٠٠٠٠٠٠١٤٢٢٠٢٦٨٢٠٠٠٠١',
    '0000001-42.2026.8.20.0001.',
  ])('refuses a non-canonical shape %j with format', (input) => {
    expect(validateCnj(input)).toEqual({ ok: false, reason: 'format' });
  });

  it('accepts surrounding whitespace', () => {
    expect(parseCnj('  0000001-42.2026.8.20.0001\n')?.digits).toBe('00000014220268200001');
    expect(parseCnj('\t00000014220268200001 ')?.formatted).toBe('0000001-42.2026.8.20.0001');
  });

  it('refuses empty input with empty and more than 64 characters with too-long', () => {
    expect(validateCnj('')).toEqual({ ok: false, reason: 'empty' });
    expect(validateCnj(' \n ')).toEqual({ ok: false, reason: 'empty' });
    expect(validateCnj('0'.repeat(10_000))).toEqual({ ok: false, reason: 'too-long' });
    expect(validateCnj(`0000001-42.2026.8.20.0001${' '.repeat(40)}`)).toEqual({ ok: false, reason: 'too-long' });
    expect(parseCnj('x'.repeat(10_000))).toBeNull();
  });

  it('computes DD of numbers beyond 2^53 exactly, agreeing with BigInt on 400 random prefixes', () => {
    const rand = prng(97_10);
    const prefixes = Array.from({ length: 400 }, () => String(1 + Math.floor(rand() * 9)) + randomDigits(rand, 17));
    // Every prefix × 100 exceeds 2^53, and plain Number arithmetic gets many of them wrong,
    // so this comparison would catch an implementation that loses precision.
    expect(prefixes.every((p) => BigInt(p) * 100n > 2n ** 53n)).toBe(true);
    const naive = (p: string): string => pad2(98 - ((Number(p) * 100) % 97));
    expect(prefixes.filter((p) => naive(p) !== refCnjDD(p)).length).toBeGreaterThan(100);
    for (const p of prefixes) {
      const dd = refCnjDD(p);
      expect(cnjCheckDigits(p)).toBe(dd);
      const digits = `${p.slice(0, 7)}${dd}${p.slice(7)}`;
      const r = validateCnj(digits);
      const j = p.slice(11, 12);
      const tr = Number(p.slice(12, 14));
      const expected = j === '0' ? 'segment' : (VALID_COURTS[j] ?? []).includes(tr) ? 'ok' : 'court';
      expect(reasonOf(r)).toBe(expected);
    }
  });

  it('cnjCheckDigits and formatCnj throw on input of the wrong length or with non-ASCII digits', () => {
    expect(() => cnjCheckDigits('00000012026820000')).toThrow(RangeError);
    expect(() => cnjCheckDigits('0000001202682000011')).toThrow(RangeError);
    expect(() => cnjCheckDigits('０００００１２０２６８２０００１')).toThrow(RangeError);
    expect(() => formatCnj('0000001-42.2026.8.20.0001')).toThrow(RangeError);
    expect(() => formatCnj('0000001422026820000')).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------
// OAB
// ---------------------------------------------------------------------------------------

describe('OAB registration', () => {
  it.each([
    ['RN 12345', 'RN 12345'],
    ['RN12345', 'RN 12345'],
    ['RN-12345', 'RN 12345'],
    ['RN/12345', 'RN 12345'],
    ['OAB/RN 12.345', 'RN 12345'],
    ['OAB RN 12345A', 'RN 12345A'],
    ['OAB-RN-12345', 'RN 12345'],
    ['12345/RN', 'RN 12345'],
    ['12.345/RN', 'RN 12345'],
    ['OAB 12345/RN', 'RN 12345'],
    ['123456-E/SP', 'SP 123456E'],
    ['123.456E/SP', 'SP 123456E'],
    ['SP 123456-E', 'SP 123456E'],
    ['oab/sp 123.456b', 'SP 123456B'],
    ['rn 12345a', 'RN 12345A'],
    ['DF 1', 'DF 1'],
    ['SP 000123', 'SP 123'],
    ['MG 999999', 'MG 999999'],
    ['  OAB/CE 7.890  ', 'CE 7890'],
  ])('accepts %j as %j', (input, expected) => {
    expect(validateOab(input)).toEqual({ ok: true, value: expected });
    expect(parseOab(input)).toBe(expected);
  });

  it('accepts all 27 UFs in both orders', () => {
    const ufs = 'AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO'.split(' ');
    expect(ufs).toHaveLength(27);
    for (const uf of ufs) {
      expect(parseOab(`${uf} 123`)).toBe(`${uf} 123`);
      expect(parseOab(`123/${uf.toLowerCase()}`)).toBe(`${uf} 123`);
    }
  });

  it.each(['XX 12345', '12345/ZZ', 'OAB/BR 123', 'OAB 123/UF', 'AB 1'])('refuses unknown UF in %j with state', (input) => {
    expect(validateOab(input)).toEqual({ ok: false, reason: 'state' });
  });

  it.each(['RN 0', 'RN 000000', '0/SP', 'RN 0.000', 'OAB/SP 0E'])('refuses the zero number %j with format', (input) => {
    expect(validateOab(input)).toEqual({ ok: false, reason: 'format' });
  });

  it.each([
    ['7 digits', 'RN 1234567'],
    ['7 digits with dots', 'RN 1.234.567'],
    ['misplaced dot', 'RN 12.34'],
    ['misplaced dot', 'RN 1.2345'],
    ['leading dot', 'RN .123'],
    ['unknown letter', 'RN 12345C'],
    ['two letters', 'RN 12345AB'],
    ['double space', 'RN  12345'],
    ['UF after number without slash', '12345 RN'],
    ['no number', 'RN'],
    ['no UF', '12345'],
    ['prefix alone', 'OAB'],
    ['prefix glued to UF', 'OABRN 12345'],
    ['two UFs', 'RN 12345/SP'],
    ['split UF', 'R N 12345'],
    ['fullwidth digits', 'RN １２３４５'],
    ['fullwidth letters', 'ＲＮ 12345'],
    ['dotless i is not I', 'pı 123'],
    ['long s is not S', 'ſp 123'],
    ['long s is not S (RS)', 'Rſ 123'],
  ])('refuses %s (%j) with format', (_name, input) => {
    expect(validateOab(input)).toEqual({ ok: false, reason: 'format' });
  });

  it('refuses empty input with empty and long input with too-long', () => {
    expect(validateOab('')).toEqual({ ok: false, reason: 'empty' });
    expect(validateOab('  ')).toEqual({ ok: false, reason: 'empty' });
    expect(validateOab(`RN ${'1'.repeat(10_000)}`)).toEqual({ ok: false, reason: 'too-long' });
    expect(parseOab('x'.repeat(65))).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------
// E-mail
// ---------------------------------------------------------------------------------------

describe('e-mail address', () => {
  it.each([
    ['vara@tjrn.jus.br', 'vara@tjrn.jus.br'],
    ['  Vara.Civel@TJRN.Jus.BR\n', 'Vara.Civel@tjrn.jus.br'],
    ['a+tag@sub-domain.example.com', 'a+tag@sub-domain.example.com'],
    ["o'brien@example.org", "o'brien@example.org"],
    ['x@a.co', 'x@a.co'],
    ['1@2.example.museum', '1@2.example.museum'],
    ['a@b.com\r\n', 'a@b.com'],
  ])('accepts %j as %j', (input, expected) => {
    expect(parseEmail(input)).toBe(expected);
  });

  it.each([
    ['CRLF header injection', 'a@b.com\r\nBcc: x@y.com'],
    ['LF header injection', 'a@b.com\nBcc: x@y.com'],
    ['bare CR', 'a@b.com\rx'],
    ['comma list', 'a@b.com, c@d.com'],
    ['comma list without space', 'a@b.com,c@d.com'],
    ['semicolon list', 'a@b.com;c@d.com'],
    ['quoted local part', '"x"@b.com'],
    ['quoted local part with space', '"a b"@b.com'],
    ['display name', 'Name <a@b.com>'],
    ['angle brackets', '<a@b.com>'],
    ['trailing comment', 'a@b.com (comment)'],
    ['inline comment', 'a(comment)@b.com'],
    ['space in local part', 'a b@c.com'],
    ['space in domain', 'a@b .com'],
    ['tab', 'a\t@b.com'],
    ['NUL', 'a\u0000@b.com'],
    ['line separator', 'a@b.com\u2028x'],
    ['two at signs', 'a@@b.com'],
    ['two addresses glued', 'a@b@c.com'],
    ['empty local part', '@b.com'],
    ['empty domain', 'a@'],
    ['no at sign', 'ab.com'],
    ['trailing dot in local part', 'a.@b.com'],
    ['leading dot in local part', '.a@b.com'],
    ['consecutive dots in local part', 'a..b@c.com'],
    ['single-label domain', 'a@localhost'],
    ['one-letter TLD', 'a@b.c'],
    ['digit in TLD', 'a@b.c0m'],
    ['numeric TLD', 'a@127.0.0.1'],
    ['address literal', 'a@[127.0.0.1]'],
    ['label starting with hyphen', 'a@-b.com'],
    ['label ending with hyphen', 'a@b-.com'],
    ['empty label', 'a@b..com'],
    ['leading dot in domain', 'a@.b.com'],
    ['trailing dot in domain', 'a@b.com.'],
    ['underscore in domain', 'a@b_c.com'],
    ['non-ASCII local part', 'á@b.com'],
    ['non-ASCII domain', 'a@bü.com'],
    ['fullwidth at sign', 'a＠b.com'],
    ['empty', ''],
    ['whitespace only', '   '],
  ])('refuses %s', (_name, input) => {
    expect(parseEmail(input)).toBeNull();
  });

  it('limits the local part to 64 characters', () => {
    expect(parseEmail(`${'a'.repeat(64)}@b.com`)).toBe(`${'a'.repeat(64)}@b.com`);
    expect(parseEmail(`${'a'.repeat(65)}@b.com`)).toBeNull();
  });

  it('limits domain labels to 63 characters', () => {
    expect(parseEmail(`a@${'b'.repeat(63)}.com`)).toBe(`a@${'b'.repeat(63)}.com`);
    expect(parseEmail(`a@${'b'.repeat(64)}.com`)).toBeNull();
  });

  it('limits the whole address to 254 characters', () => {
    const domain = (n: number): string => `${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(60)}.${'g'.repeat(n)}.com`;
    const at254 = `${'a'.repeat(64)}@${domain(2)}`;
    const at255 = `${'a'.repeat(64)}@${domain(3)}`;
    expect(at254).toHaveLength(254);
    expect(at255).toHaveLength(255);
    expect(parseEmail(at254)).toBe(at254);
    expect(parseEmail(at255)).toBeNull();
    expect(parseEmail(`a@${'b'.repeat(100_000)}.com`)).toBeNull();
  });
});
