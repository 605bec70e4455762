// The written channel's contract (`POST /api/units/:id/messages`), shared by the widget
// (live validation, the outbox) and the server (the authority). Pure: no DOM, no Node.
//
// A message carries personal data by nature (the citizen writes to be answered): it goes
// to the server's outbox and to the unit's mailbox, never to a log, an event or statistics.

import { parseEmail } from '../email.js';
import { validateCnj } from '../validators.js';
import { isSubject, type Subject } from './attendance.js';
import { isRecord } from './guards.js';

/** Longest message text, in characters (the form counts down to it). */
export const MAX_MESSAGE_LENGTH = 4_000;
export const MAX_NAME_LENGTH = 120;
export const MAX_PHONE_LENGTH = 40;
/** Largest request body the server reads for a message. */
export const MAX_MESSAGE_BODY_BYTES = 32 * 1024;
/** A client-made idempotency key: a UUID (crypto.randomUUID()) or any 16–64 URL-safe characters. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,64}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What the citizen sends. `subject` is one of the triage categories that reach the unit. */
export interface MessageSubmission {
  readonly idempotencyKey: string;
  readonly name: string;
  readonly email: string;
  readonly phone?: string;
  /** A CNJ number (masked or 20 digits); stored and sent formatted. */
  readonly caseNumber?: string;
  readonly subject: Subject;
  readonly text: string;
  /** The LGPD notice was shown and accepted. */
  readonly consent: true;
}

/** The server's answer once the message is durably stored (201 the first time, 200 for the same key again). */
export interface MessageReceipt {
  /** e.g. `BV-2026-000123`. */
  readonly protocol: string;
  /** ISO instant the server stored it. */
  readonly receivedAt: string;
  /** ISO instant by which the unit answers (receivedAt + the unit's replyDeadlineHours). */
  readonly replyBy: string;
  readonly replyDeadlineHours: number;
}

export type MessageField = 'idempotencyKey' | 'name' | 'email' | 'phone' | 'caseNumber' | 'subject' | 'text' | 'consent';

/** Why a field is refused: plain-language messages are the widget's (and the server's ERROR words). */
export type MessageFieldProblem = 'missing' | 'too-long' | 'invalid' | 'control-characters';

export type MessageCheck =
  | { readonly ok: true; readonly value: MessageSubmission }
  | { readonly ok: false; readonly field: MessageField; readonly problem: MessageFieldProblem };

/** CR, LF and other control characters (tabs aside): never in a one-line field, so never in a header. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f\u0085\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function oneLine(value: unknown, field: MessageField, max: number, required: boolean): MessageCheck | string | undefined {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    return required ? { ok: false, field, problem: 'missing' } : undefined;
  }
  if (typeof value !== 'string') return { ok: false, field, problem: 'invalid' };
  if (CONTROL.test(value)) return { ok: false, field, problem: 'control-characters' };
  const trimmed = value.trim().replace(/\s+/g, ' ');
  if (trimmed.length > max) return { ok: false, field, problem: 'too-long' };
  return trimmed;
}

/**
 * Checks a submission as the server receives it (JSON of unknown shape) or as the widget is
 * about to send it: the first problem, field by field in the form's order, or the
 * normalized submission (trimmed, e-mail's domain lowercased, CNJ formatted, text with
 * CRLF as LF). Unknown keys are refused (`invalid` on no field would hide them): they are
 * dropped silently instead, since an older widget may send fewer and a newer more.
 */
export function checkMessage(json: unknown): MessageCheck {
  if (!isRecord(json)) return { ok: false, field: 'text', problem: 'invalid' };
  const o = json;

  if (typeof o.idempotencyKey !== 'string' || !IDEMPOTENCY_KEY.test(o.idempotencyKey)) return { ok: false, field: 'idempotencyKey', problem: 'invalid' };

  const name = oneLine(o.name, 'name', MAX_NAME_LENGTH, true);
  if (typeof name === 'object') return name;

  const emailText = oneLine(o.email, 'email', 254, true);
  if (typeof emailText === 'object') return emailText;
  const email = parseEmail(emailText ?? '');
  if (!email) return { ok: false, field: 'email', problem: 'invalid' };

  const phone = oneLine(o.phone, 'phone', MAX_PHONE_LENGTH, false);
  if (typeof phone === 'object') return phone;
  if (phone !== undefined && !/^[+()\d\s.-]{8,40}$/.test(phone)) return { ok: false, field: 'phone', problem: 'invalid' };

  const caseText = oneLine(o.caseNumber, 'caseNumber', 40, false);
  if (typeof caseText === 'object') return caseText;
  let caseNumber: string | undefined;
  if (caseText !== undefined) {
    const cnj = validateCnj(caseText);
    if (!cnj.ok) return { ok: false, field: 'caseNumber', problem: 'invalid' };
    caseNumber = cnj.value.formatted;
  }

  if (!isSubject(o.subject)) return { ok: false, field: 'subject', problem: 'invalid' };

  if (o.text === undefined || o.text === null || (typeof o.text === 'string' && o.text.trim() === '')) return { ok: false, field: 'text', problem: 'missing' };
  if (typeof o.text !== 'string') return { ok: false, field: 'text', problem: 'invalid' };
  const text = o.text.replace(/\r\n?/g, '\n').trim();
  if (CONTROL_IN_TEXT.test(text)) return { ok: false, field: 'text', problem: 'control-characters' };
  if (text.length > MAX_MESSAGE_LENGTH) return { ok: false, field: 'text', problem: 'too-long' };

  if (o.consent !== true) return { ok: false, field: 'consent', problem: 'missing' };

  return {
    ok: true,
    value: {
      idempotencyKey: o.idempotencyKey,
      name: name ?? '',
      email,
      ...(phone === undefined ? {} : { phone }),
      ...(caseNumber === undefined ? {} : { caseNumber }),
      subject: o.subject,
      text,
      consent: true,
    },
  };
}

const PROTOCOL = /^BV-\d{4}-\d{6,}$/;

/** The server's receipt as the widget reads it, or null when malformed. */
export function parseMessageReceipt(json: unknown): MessageReceipt | null {
  if (typeof json !== 'object' || json === null) return null;
  const o = json as Record<string, unknown>;
  if (typeof o.protocol !== 'string' || !PROTOCOL.test(o.protocol)) return null;
  if (typeof o.receivedAt !== 'string' || Number.isNaN(Date.parse(o.receivedAt))) return null;
  if (typeof o.replyBy !== 'string' || Number.isNaN(Date.parse(o.replyBy))) return null;
  if (typeof o.replyDeadlineHours !== 'number' || !Number.isInteger(o.replyDeadlineHours) || o.replyDeadlineHours <= 0) return null;
  return { protocol: o.protocol, receivedAt: o.receivedAt, replyBy: o.replyBy, replyDeadlineHours: o.replyDeadlineHours };
}
