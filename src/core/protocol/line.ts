// The citizen's line socket (`/api/line`): what the citizen's browser sends and hears, and
// the parsers of both sides (the server reads commands, the page reads events). Nothing
// here carries personal data: no name, CPF, case number, e-mail or phone of a citizen ever
// travels through the server (sealed-case identification goes peer to peer).

import { isOutcome, type ClerkShown, type Outcome } from './attendance.js';
import { parseErrorEvent, type SocketError } from './errors.js';
import { isCount, isRecord } from './guards.js';
import { isInstant, isText } from './text-guards.js';
import { parseIce, parseRtcMessage, type IceConfig, type RtcDescription } from './rtc.js';

/** Where a citizen stands in the line. */
export interface LinePosition {
  /** 1 = next to be called. */
  readonly position: number;
  /** Minutes, or null when there is no basis for an estimate yet ("sem estimativa ainda"). */
  readonly estimatedWaitMinutes: number | null;
  /** Clerks signed in and not paused at the unit now. */
  readonly clerksServing: number;
}

/** A ticket id: the citizen's secret, as the server issues it. */
export const TICKET_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** Messages from the citizen's browser on the line socket (`/api/line`). */
export type CitizenCommand =
  | { readonly type: 'hello'; readonly ticketId: string }
  | { readonly type: 'rtc'; readonly description: RtcDescription }
  | { readonly type: 'answer' }
  | { readonly type: 'leave' }
  | { readonly type: 'ping' };

/** Messages to the citizen's browser. */
export type CitizenEvent =
  | ({ readonly type: 'waiting'; readonly code: string } & LinePosition)
  | {
      readonly type: 'called';
      readonly clerk: ClerkShown;
      readonly clerkPeerId: string;
      /** ISO instant by which "Entrar" must be pressed. */
      readonly answerBy: string;
      readonly ice: IceConfig;
    }
  /**
   * The call is on: after "Entrar", and again whenever the line socket says hello during the
   * call (a reload, a reconnection), with what the page needs to answer the clerk again: the
   * clerk as in `called` and fresh ICE servers (new TURN credentials).
   */
  | {
      readonly type: 'in-call';
      readonly clerk: ClerkShown;
      readonly clerkPeerId: string;
      readonly ice: IceConfig;
    }
  /** From the clerk, during the call. */
  | { readonly type: 'rtc'; readonly description: RtcDescription }
  /** Not answered in time: out of the line. */
  | { readonly type: 'missed' }
  /** The clerk's side failed: back at the head of the line. */
  | { readonly type: 'requeued' }
  | { readonly type: 'done'; readonly outcome: Outcome }
  | { readonly type: 'left' }
  /** The unit's day ended before the citizen was called: out of the line (write, or come back tomorrow). */
  | { readonly type: 'expired' }
  | { readonly type: 'pong' }
  /** The server is restarting: reconnect in a moment, the place is kept. */
  | { readonly type: 'shutdown' }
  | SocketError;

/** The `called` message: a clerk is calling this citizen. */
export type CalledEvent = Extract<CitizenEvent, { type: 'called' }>;
/** The `in-call` message: the call is on, and whom to answer. */
export type InCallEvent = Extract<CitizenEvent, { type: 'in-call' }>;

/** A command of the citizen's browser as the server reads it, or null when it is not one. */
export function parseCitizenCommand(json: unknown): CitizenCommand | null {
  if (!isRecord(json) || typeof json.type !== 'string') return null;
  switch (json.type) {
    case 'hello':
      return typeof json.ticketId === 'string' && TICKET_ID_PATTERN.test(json.ticketId) ? { type: 'hello', ticketId: json.ticketId } : null;
    case 'answer':
    case 'leave':
    case 'ping':
      return { type: json.type };
    case 'rtc':
      return parseRtcMessage(json);
    default:
      return null;
  }
}

function parseClerkShown(json: unknown): ClerkShown | null {
  return isRecord(json) && isText(json.name, 200) && isText(json.unit, 200) ? { name: json.name, unit: json.unit } : null;
}

/**
 * A message from the line socket as the citizen's browser reads it, or null when it is not
 * one (unknown type, missing or wrong fields). Only the fields of each type are kept.
 */
export function parseCitizenEvent(json: unknown): CitizenEvent | null {
  if (!isRecord(json) || typeof json.type !== 'string') return null;
  switch (json.type) {
    case 'rtc':
      // The clerk's session description during a call (ICE restart), for the call's relay.
      return parseRtcMessage(json);
    case 'waiting': {
      const { code, position, estimatedWaitMinutes, clerksServing } = json;
      if (!isText(code, 16) || !isCount(position) || position < 1 || !isCount(clerksServing)) return null;
      if (estimatedWaitMinutes !== null && !isCount(estimatedWaitMinutes)) return null;
      return { type: 'waiting', code, position, estimatedWaitMinutes, clerksServing };
    }
    case 'called': {
      const { clerkPeerId, answerBy } = json;
      const clerk = parseClerkShown(json.clerk);
      const ice = parseIce(json.ice);
      if (!clerk || !isText(clerkPeerId, 128) || !isInstant(answerBy) || !ice) return null;
      return { type: 'called', clerk, clerkPeerId, answerBy, ice };
    }
    case 'in-call': {
      const { clerkPeerId } = json;
      const clerk = parseClerkShown(json.clerk);
      const ice = parseIce(json.ice);
      if (!clerk || !isText(clerkPeerId, 128) || !ice) return null;
      return { type: 'in-call', clerk, clerkPeerId, ice };
    }
    case 'done':
      return isOutcome(json.outcome) ? { type: 'done', outcome: json.outcome } : null;
    case 'error':
      return parseErrorEvent(json);
    case 'missed':
    case 'requeued':
    case 'left':
    case 'expired':
    case 'pong':
    case 'shutdown':
      return { type: json.type };
    default:
      return null;
  }
}
