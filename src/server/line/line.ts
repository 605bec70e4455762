// The line (fila) of every unit: first come, first served; joins refused when the unit is
// closed by its timetable, while everyone already in line is still served after closing
// (TJRN Portaria 38/2021 art. 5 §2). The interface is what the HTTP and socket layers use;
// its rules (service.ts and the modules it composes) run over a `LineStore` (store.ts):
// SQLite is the embedded default (one process); a multi-instance store (PostgreSQL, Redis)
// is another adapter of the same interface.

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

/**
 * The line as the HTTP and socket layers use it. Its steps run one at a time, in the order
 * they were asked for; each resolves once its notices have gone out (LineError when refused).
 */
export interface Line extends PeerDirectory {
  /** Resolves once the line has recovered its state after a (re)start. */
  readonly ready: Promise<void>;
  /** Joins the line; rejects with LineError('unit_not_found' | 'unit_closed' | 'line_full'). */
  join(unit: string, request: JoinRequest): Promise<Ticket>;
  /** Leaves on purpose: the place is freed at once. */
  leave(ticketId: string): Promise<void>;
  /**
   * The citizen's socket said hello: sends the current state; rejects with LineError('ticket_not_found').
   * `replacing`: this socket takes over from one still open (a reload or a new network the
   * server had not noticed yet, another tab): a return, like a hello after `citizenAway`.
   */
  citizenPresent(ticketId: string, replacing?: boolean): Promise<void>;
  /** The citizen's socket dropped: the place is kept for the grace period. */
  citizenAway(ticketId: string): Promise<void>;
  /** "Entrar": the citizen answers the call; rejects with LineError('not_called' | 'ticket_not_found'). */
  answer(ticketId: string): Promise<void>;
  /** Relays a session description (ICE restart) to the other side of a call in progress; rejects with LineError('no_call'). */
  relayFromCitizen(ticketId: string, description: RtcDescription): Promise<void>;
  relayFromClerk(sessionId: string, description: RtcDescription): Promise<void>;

  /** A clerk signs in (or back in): the same session and PeerJS id while it lasts. */
  clerkPresent(identity: ClerkIdentity): Promise<ClerkSession>;
  clerkAway(sessionId: string): Promise<void>;
  callNext(sessionId: string): Promise<void>;
  finish(sessionId: string, outcome: Outcome): Promise<void>;
  /** The call failed on the clerk's side: the citizen goes back to the head of the line. */
  callDropped(sessionId: string): Promise<void>;
  setPaused(sessionId: string, paused: boolean): Promise<void>;

  /** Public state of a unit's line (no personal data): for "no clerk on duty" before joining. */
  unitState(unit: string): Promise<LineState>;
  /** Deadlines (answer window, grace periods) and the unstaffed-minutes tally; call about once a second. */
  tick(): Promise<void>;
  /** Minutes each unit spent open by its timetable without a clerk serving, per local day. */
  unstaffedMinutes(unit: string): Promise<readonly { day: string; minutes: number }[]>;
  /** The unit's attendance records, latest first. */
  attendances(unit: string, limit?: number): Promise<readonly AttendanceRecord[]>;
  subscribe(listener: (notice: LineNotice) => void): () => void;
  /** Writes what is pending and closes the store. */
  close(): Promise<void>;
}

export type { WaitingEntry };
