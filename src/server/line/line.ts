// The line (fila) of every unit: first come, first served; joins refused when the unit is
// closed by its timetable, while everyone already in line is still served after closing
// (TJRN Portaria 38/2021 art. 5 §2). The interface is what the HTTP and socket layers use;
// the SQLite implementation is the embedded default (one process). A multi-instance
// implementation (Redis) implements the same interface with its own atomic operations.

import type { CitizenEvent, ClerkEvent, JoinRequest, LineState, Outcome, RtcDescription, Ticket, WaitingEntry, ErrorCode } from '../../core/protocol/index.js';
import type { ClerkIdentity } from '../clerk-auth.js';
import type { PeerDirectory } from '../peer-directory.js';

export interface LineConfig {
  /** How long a citizen has to press "Entrar" once called. */
  readonly answerWindowMs: number;
  /** How long a citizen (or clerk) whose connection dropped keeps the place (or the session). */
  readonly graceMs: number;
  /**
   * How long a call (answered or not yet) waits for its clerk whose socket dropped: a reload
   * comes back well within it; past it the citizen goes back to the head of the line, while
   * the clerk's session keeps `graceMs`.
   */
  readonly clerkCallGraceMs: number;
  /** Most people waiting at one unit. */
  readonly maxWaitingPerUnit: number;
  /** How many recent attendances feed the wait estimate. */
  readonly estimateSample: number;
}

export const DEFAULT_LINE_CONFIG: LineConfig = {
  answerWindowMs: 60_000,
  graceMs: 3 * 60_000,
  clerkCallGraceMs: 20_000,
  maxWaitingPerUnit: 200,
  estimateSample: 20,
};

export class LineError extends Error {
  override readonly name = 'LineError';
  constructor(readonly code: ErrorCode) {
    super(code);
  }
}

/** Something a socket must be told. */
export type LineNotice =
  | { readonly to: 'citizen'; readonly ticketId: string; readonly event: CitizenEvent }
  | { readonly to: 'clerk'; readonly sessionId: string; readonly event: ClerkEvent }
  /** A ticket or clerk session ended: close its signaling socket. */
  | { readonly to: 'signaling'; readonly peerId: string; readonly reason: string };

export interface ClerkSession {
  readonly sessionId: string;
  readonly peerId: string;
  readonly peerToken: string;
  readonly identity: ClerkIdentity;
}

/** One attendance, for the unit's indicators: no personal data, the clerk by id only. */
export interface AttendanceRecord {
  readonly unit: string;
  readonly subject: string;
  readonly sealed: boolean;
  readonly lawyer: boolean;
  readonly libras: boolean;
  /** ISO instants. */
  readonly joinedAt: string;
  readonly calledAt: string | null;
  readonly startedAt: string | null;
  readonly endedAt: string;
  readonly waitSeconds: number | null;
  readonly durationSeconds: number | null;
  /** The clerk's outcome; `unrecorded` when the clerk's session ended before marking one. */
  readonly outcome: Outcome | 'unrecorded';
  readonly clerkId: string | null;
}

export interface Line extends PeerDirectory {
  /** Joins the line; throws LineError('unit_not_found' | 'unit_closed' | 'line_full'). */
  join(unit: string, request: JoinRequest): Ticket;
  /** Leaves on purpose: the place is freed at once. */
  leave(ticketId: string): void;
  /**
   * The citizen's socket said hello: sends the current state; throws LineError('ticket_not_found').
   * `replacing`: this socket takes over from one still open (a reload or a new network the
   * server had not noticed yet, another tab): a return, like a hello after `citizenAway`.
   */
  citizenPresent(ticketId: string, replacing?: boolean): void;
  /** The citizen's socket dropped: the place is kept for the grace period. */
  citizenAway(ticketId: string): void;
  /** "Entrar": the citizen answers the call; throws LineError('not_called' | 'ticket_not_found'). */
  answer(ticketId: string): void;
  /** Relays a session description (ICE restart) to the other side of a call in progress; throws LineError('no_call'). */
  relayFromCitizen(ticketId: string, description: RtcDescription): void;
  relayFromClerk(sessionId: string, description: RtcDescription): void;

  /** A clerk signs in (or back in): the same session and PeerJS id while it lasts. */
  clerkPresent(identity: ClerkIdentity): ClerkSession;
  clerkAway(sessionId: string): void;
  callNext(sessionId: string): void;
  finish(sessionId: string, outcome: Outcome): void;
  /** The call failed on the clerk's side: the citizen goes back to the head of the line. */
  callDropped(sessionId: string): void;
  setPaused(sessionId: string, paused: boolean): void;

  /** Public state of a unit's line (no personal data): for "no clerk on duty" before joining. */
  unitState(unit: string): LineState;
  /** Deadlines (answer window, grace periods) and the unstaffed-minutes tally; call about once a second. */
  tick(): void;
  /** Minutes each unit spent open by its timetable without a clerk serving, per local day. */
  unstaffedMinutes(unit: string): readonly { day: string; minutes: number }[];
  /** The unit's attendance records, latest first. */
  attendances(unit: string, limit?: number): readonly AttendanceRecord[];
  subscribe(listener: (notice: LineNotice) => void): () => void;
  close(): void;
}

export type { WaitingEntry };
