// The small shared contracts (core/protocol/): the guards every parser uses, the close codes
// (one table, used by every module that closes or reads a socket, never a bare number), and
// the error codes with their words in the page's language (src/ui/error-words.ts, one
// function for the citizen's flow and the clerk's element).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CloseCode,
  closeCodeFor,
  ERROR_MESSAGES,
  isCount,
  isErrorCode,
  isInstant,
  isOneOf,
  isRecord,
  isText,
  type ErrorCode,
} from '../../src/core/protocol/index.js';
import { errorWords } from '../../src/ui/error-words.js';
import { joinProblemWords } from '../../src/widget/flow/words.js';
import { clerkErrorWords } from '../../src/clerk/words.js';

describe('guards', () => {
  it('isRecord: a plain object only', () => {
    expect([{}, { a: 1 }, Object.create(null)].every(isRecord)).toBe(true);
    expect([null, undefined, [], 'x', 1, true].some(isRecord)).toBe(false);
  });

  it('isCount: a safe whole number ≥ 0', () => {
    expect([0, 1, Number.MAX_SAFE_INTEGER].every(isCount)).toBe(true);
    expect([-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1, '1', null].some(isCount)).toBe(false);
  });

  it('isText: non-empty text up to the limit', () => {
    expect(isText('a', 1)).toBe(true);
    expect(isText('ab', 1)).toBe(false);
    expect(isText('', 10)).toBe(false);
    expect(isText(5, 10)).toBe(false);
  });

  it('isInstant: short text Date.parse reads', () => {
    expect(isInstant('2026-11-23T12:01:00.000Z')).toBe(true);
    expect(isInstant('amanhã')).toBe(false);
    expect(isInstant(`2026-11-23T12:01:00.000Z${' '.repeat(20)}`)).toBe(false);
    expect(isInstant(1_764_000_000_000)).toBe(false);
  });

  it('isOneOf: a word of the list', () => {
    expect(isOneOf(['a', 'b'], 'b')).toBe(true);
    expect(isOneOf(['a', 'b'], 'c')).toBe(false);
    expect(isOneOf(['a', 'b'], ['a'])).toBe(false);
  });
});

describe('close codes', () => {
  it('are the numbers the pages, the call and the server agree on', () => {
    expect(CloseCode).toEqual({ replaced: 4000, ended: 4001, unauthorized: 4001, ticketNotFound: 4004, helloExpected: 4008 });
  });

  it('a refused hello closes with its own code; other refusals do not close', () => {
    expect(closeCodeFor('unauthorized')).toBe(CloseCode.unauthorized);
    expect(closeCodeFor('ticket_not_found')).toBe(CloseCode.ticketNotFound);
    const others = (Object.keys(ERROR_MESSAGES) as ErrorCode[]).filter((c) => c !== 'unauthorized' && c !== 'ticket_not_found');
    for (const code of others) expect(closeCodeFor(code), code).toBeUndefined();
  });

  const src = join(import.meta.dirname, '../../src');
  const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.startsWith('generated'));

  it('no source writes a close code as a bare number (closing, comparing or listing it)', () => {
    const bare = /(?:\.close\(\s*|[=!]==?\s*|finalCodes:\s*\[\s*)4\d{3}\b|\b4\d{3}\s*\+/;
    const offenders = files.filter((f) => bare.test(readFileSync(join(src, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('every module that closes or reads an application close code takes it from the table', () => {
    const users = ['server/line-socket.ts', 'server/signaling.ts', 'call/signaling.ts', 'ui/line-connection.ts', 'widget/flow/queue-controller.ts', 'clerk/clerk-connection.ts'];
    for (const f of users) expect(readFileSync(join(src, f), 'utf8'), f).toMatch(/\bCloseCode\.\w+/);
  });
});

describe('error codes and their words', () => {
  it('isErrorCode: only the server’s codes', () => {
    expect(isErrorCode('busy')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode('offline')).toBe(false);
  });

  it('errorWords says what the server says, in the page’s language (the source locale here), or nothing', () => {
    let worded = 0;
    for (const code of Object.keys(ERROR_MESSAGES) as ErrorCode[]) {
      const words = errorWords(code);
      if (words === undefined) continue;
      worded++;
      expect(words, code).toBe(ERROR_MESSAGES[code]);
    }
    expect(worded).toBe(10);
    expect(errorWords('nope')).toBeUndefined();
  });

  it('the clerk and the citizen show the same words for a code, else the server’s message', () => {
    for (const code of ['busy', 'paused', 'no_call', 'bad_request', 'unavailable', 'too_large', 'line_full', 'unit_closed'] as const) {
      expect(clerkErrorWords(code, 'x')).toBe(errorWords(code));
      expect(joinProblemWords(code, 'x').headline).toBe(errorWords(code));
    }
    expect(clerkErrorWords('not_called', 'Palavras do servidor')).toBe('Palavras do servidor');
    expect(joinProblemWords('forbidden_origin', 'Palavras do servidor').headline).toBe('Palavras do servidor');
  });

  it('joining: trying again makes sense except when the unit is closed or unknown', () => {
    expect(joinProblemWords('unit_closed', undefined).retry).toBe(false);
    expect(joinProblemWords('unit_not_found', undefined).retry).toBe(false);
    for (const code of ['line_full', 'rate_limited', 'bad_request', 'unavailable', 'offline', 'bad_answer', 'whatever']) {
      expect(joinProblemWords(code, undefined).retry, code).toBe(true);
    }
    expect(joinProblemWords('offline', undefined).headline).toBe('Sem conexão com o Balcão Virtual. Verifique sua internet e tente de novo.');
    expect(joinProblemWords('whatever', undefined).headline).toBe('O Balcão Virtual está com um problema. Tente de novo em alguns minutos.');
  });
});
