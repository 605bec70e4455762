// The clerk socket (`/api/clerk`): what the clerk's element sends and hears, and the parsers
// of both sides (the server reads commands, the element reads events): the twin of line.ts.
// Only the fields of each type are kept; anything else (an unknown type, a missing or wrong
// field) is dropped.

import { flagsOf, isOutcome, isSubject, type Outcome, type Subject, type TicketFlags } from './attendance.js';
import { parseErrorEvent, type SocketError } from './errors.js';
import { isCount, isRecord } from './guards.js';
import { isInstant, isText } from './text-guards.js';
import { parseIce, parseRtcMessage, type IceConfig, type RtcDescription } from './rtc.js';

/** Messages from the clerk's element on the clerk socket (`/api/clerk`). */
export type ClerkCommand =
  | { readonly type: 'hello'; readonly token: string }
  | { readonly type: 'rtc'; readonly description: RtcDescription }
  | { readonly type: 'call-next' }
  | { readonly type: 'outcome'; readonly outcome: Outcome }
  /** The call failed on the clerk's side: the citizen goes back to the head of the line. */
  | { readonly type: 'call-dropped' }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'ping' };

export interface WaitingEntry extends TicketFlags {
  readonly code: string;
  readonly subject: Subject;
  /** ISO instant the citizen joined. */
  readonly joinedAt: string;
  /** Whether the citizen's connection is down (within the grace period). */
  readonly away: boolean;
}

/** Messages to the clerk's element. */
export type ClerkEvent =
  | {
      readonly type: 'session';
      readonly peerId: string;
      readonly peerToken: string;
      readonly name: string;
      readonly unit: string;
      readonly unitName: string;
    }
  | {
      readonly type: 'line';
      readonly waiting: readonly WaitingEntry[];
      readonly clerksServing: number;
      readonly paused: boolean;
    }
  | {
      readonly type: 'calling';
      readonly code: string;
      readonly flags: TicketFlags;
      readonly subject: Subject;
      readonly citizenPeerId: string;
      readonly answerBy: string;
      readonly ice: IceConfig;
    }
  | { readonly type: 'answered'; readonly code: string }
  | { readonly type: 'missed'; readonly code: string }
  | { readonly type: 'line-empty' }
  /** From the citizen, during the call. */
  | { readonly type: 'rtc'; readonly description: RtcDescription }
  /** The citizen left during the call: the call is over, the outcome still to be marked. */
  | { readonly type: 'citizen-left'; readonly code: string }
  /**
   * The citizen's line socket is back during the call (a reload, a reconnection, another tab
   * taking the ticket over): their page waits for the clerk's call again.
   */
  | { readonly type: 'citizen-back'; readonly code: string }
  | { readonly type: 'ended'; readonly code: string; readonly outcome: Outcome }
  | { readonly type: 'pong' }
  | { readonly type: 'shutdown' }
  | SocketError;

export type SessionEvent = Extract<ClerkEvent, { type: 'session' }>;
export type LineEvent = Extract<ClerkEvent, { type: 'line' }>;
export type CallingEvent = Extract<ClerkEvent, { type: 'calling' }>;

/** Longest clerk token the server reads. */
const MAX_TOKEN_LENGTH = 2048;
/** Most people a line message may list (the server's default cap is 200 per unit). */
const MAX_WAITING = 5_000;

/** A command of the clerk's element as the server reads it, or null when it is not one. */
export function parseClerkCommand(json: unknown): ClerkCommand | null {
  if (!isRecord(json) || typeof json.type !== 'string') return null;
  switch (json.type) {
    case 'hello':
      return typeof json.token === 'string' && json.token.length <= MAX_TOKEN_LENGTH ? { type: 'hello', token: json.token } : null;
    case 'outcome':
      return isOutcome(json.outcome) ? { type: 'outcome', outcome: json.outcome } : null;
    case 'call-next':
    case 'call-dropped':
    case 'pause':
    case 'resume':
    case 'ping':
      return { type: json.type };
    case 'rtc':
      return parseRtcMessage(json);
    default:
      return null;
  }
}

function parseEntry(json: unknown): WaitingEntry | null {
  if (!isRecord(json) || !isText(json.code, 16) || !isSubject(json.subject) || !isInstant(json.joinedAt)) return null;
  if (typeof json.away !== 'boolean') return null;
  const flags = flagsOf(json);
  if (!flags) return null;
  return { code: json.code, subject: json.subject, ...flags, joinedAt: json.joinedAt, away: json.away };
}

/** A message of the clerk socket as the clerk's element reads it, or null when it is not one. */
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
    case 'rtc':
      return parseRtcMessage(json);
    case 'error':
      return parseErrorEvent(json);
    case 'line-empty':
    case 'pong':
    case 'shutdown':
      return { type: json.type };
    default:
      return null;
  }
}
