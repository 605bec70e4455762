// The clerk socket's messages (`/api/clerk`) as the clerk's element reads them: the twin of
// core's `parseCitizenEvent`. Only the fields of each type are kept; anything else (an
// unknown type, a missing or wrong field) is dropped. The ICE configuration is read by
// core's `parseIce`, as for the citizen.

import {
  ERROR_MESSAGES,
  OUTCOMES,
  SUBJECTS,
  parseIce,
  parseRtcDescription,
  type ClerkEvent,
  type ErrorCode,
  type Outcome,
  type Subject,
  type TicketFlags,
  type WaitingEntry,
} from '../core/protocol.js';

export type SessionEvent = Extract<ClerkEvent, { type: 'session' }>;
export type LineEvent = Extract<ClerkEvent, { type: 'line' }>;
export type CallingEvent = Extract<ClerkEvent, { type: 'calling' }>;

/** Most people a line message may list (the server's default cap is 200 per unit). */
const MAX_WAITING = 5_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function isText(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= max;
}

function isInstant(v: unknown): v is string {
  return isText(v, 40) && !Number.isNaN(Date.parse(v));
}

function isSubject(v: unknown): v is Subject {
  return typeof v === 'string' && (SUBJECTS as readonly string[]).includes(v);
}

function isOutcome(v: unknown): v is Outcome {
  return typeof v === 'string' && (OUTCOMES as readonly string[]).includes(v);
}

function flagsOf(v: Record<string, unknown>): TicketFlags | null {
  const { sealed, lawyer, libras } = v;
  if (typeof sealed !== 'boolean' || typeof lawyer !== 'boolean' || typeof libras !== 'boolean') return null;
  return { sealed, lawyer, libras };
}

function parseEntry(json: unknown): WaitingEntry | null {
  if (!isRecord(json) || !isText(json.code, 16) || !isSubject(json.subject) || !isInstant(json.joinedAt)) return null;
  if (typeof json.away !== 'boolean') return null;
  const flags = flagsOf(json);
  if (!flags) return null;
  return { code: json.code, subject: json.subject, ...flags, joinedAt: json.joinedAt, away: json.away };
}

/** A message of the clerk socket, or null when it is not one. */
export function parseClerkEvent(json: unknown): ClerkEvent | null {
  if (!isRecord(json) || typeof json.type !== 'string') return null;
  switch (json.type) {
    case 'session': {
      const { peerId, peerToken, name, unit, unitName } = json;
      if (!isText(peerId, 128) || !isText(peerToken, 256) || !isText(name, 200) || !isText(unit, 100) || !isText(unitName, 200)) return null;
      return { type: 'session', peerId, peerToken, name, unit, unitName };
    }
    case 'line': {
      const { waiting, clerksServing, paused } = json;
      if (!Array.isArray(waiting) || waiting.length > MAX_WAITING || !isCount(clerksServing) || typeof paused !== 'boolean') return null;
      const entries: WaitingEntry[] = [];
      for (const item of waiting as unknown[]) {
        const entry = parseEntry(item);
        if (!entry) return null;
        entries.push(entry);
      }
      return { type: 'line', waiting: entries, clerksServing, paused };
    }
    case 'calling': {
      const { code, subject, citizenPeerId, answerBy } = json;
      const flags = isRecord(json.flags) ? flagsOf(json.flags) : null;
      const ice = parseIce(json.ice);
      if (!isText(code, 16) || !isSubject(subject) || !isText(citizenPeerId, 128) || !isInstant(answerBy) || !flags || !ice) return null;
      return { type: 'calling', code, flags, subject, citizenPeerId, answerBy, ice };
    }
    case 'answered':
    case 'missed':
    case 'citizen-left':
    case 'citizen-back':
      return isText(json.code, 16) ? { type: json.type, code: json.code } : null;
    case 'ended':
      return isText(json.code, 16) && isOutcome(json.outcome) ? { type: 'ended', code: json.code, outcome: json.outcome } : null;
    case 'rtc': {
      const description = parseRtcDescription(json.description);
      return description ? { type: 'rtc', description } : null;
    }
    case 'error':
      return typeof json.code === 'string' && Object.hasOwn(ERROR_MESSAGES, json.code) && typeof json.message === 'string'
        ? { type: 'error', code: json.code as ErrorCode, message: json.message }
        : null;
    case 'line-empty':
    case 'pong':
    case 'shutdown':
      return { type: json.type };
    default:
      return null;
  }
}
