// What the line's rules need from storage: every method is one atomic step (one statement
// or one transaction inside the store) and returns a Promise, so a networked store
// (PostgreSQL, Redis) is an adapter, not a rewrite. The rules never hold a transaction
// across an `await`. Status changes are guarded by the ticket lifecycle table: an update
// whose ticket is no longer in one of the event's from-states changes nothing and says so.

import type { Outcome, Subject } from '../../core/protocol/index.js';
import type { TicketStatus } from '../../core/ticket-lifecycle.js';

/** What an attendance record says happened: the clerk's outcome, or `unrecorded` when the session ended first. */
export type AttendanceOutcome = Outcome | 'unrecorded';

export interface TicketRecord {
  readonly id: string;
  readonly unit: string;
  /** The unit's local day of the join (ISO date): codes count per day. */
  readonly day: string;
  readonly seq: number;
  readonly code: string;
  readonly peerId: string;
  readonly peerToken: string;
  readonly subject: Subject;
  readonly sealed: boolean;
  readonly lawyer: boolean;
  readonly libras: boolean;
  readonly status: TicketStatus;
  /** The place's key in the line (see `lineOrder`). */
  readonly orderKey: number;
  readonly joinedAt: number;
  readonly calledAt: number | null;
  readonly answerBy: number | null;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  readonly sessionId: string | null;
  readonly awaySince: number | null;
  readonly outcome: string | null;
}

export interface SessionRecord {
  readonly id: string;
  readonly clerkId: string;
  readonly name: string;
  readonly unit: string;
  readonly peerId: string;
  readonly peerToken: string;
  readonly paused: boolean;
  readonly createdAt: number;
  readonly awaySince: number | null;
  readonly endedAt: number | null;
}

/** A new ticket; the store numbers it (the day's next `seq`) and places it at the end (`orderKey`). */
export interface NewTicket {
  readonly id: string;
  readonly unit: string;
  readonly day: string;
  readonly peerId: string;
  readonly peerToken: string;
  readonly subject: Subject;
  readonly sealed: boolean;
  readonly lawyer: boolean;
  readonly libras: boolean;
  readonly joinedAt: number;
}

export interface StoredAttendance {
  readonly unit: string;
  readonly subject: Subject;
  readonly sealed: boolean;
  readonly lawyer: boolean;
  readonly libras: boolean;
  readonly joinedAt: number;
  readonly calledAt: number | null;
  readonly startedAt: number | null;
  readonly endedAt: number;
  readonly waitSeconds: number | null;
  readonly durationSeconds: number | null;
  readonly outcome: AttendanceOutcome;
  readonly clerkId: string | null;
}

/** How a ticket ends: the event (its target status is the lifecycle's), when, and the attendance to record, if any. */
export interface TicketEnding {
  readonly event: 'leave' | 'finish' | 'miss' | 'abandon' | 'expire';
  readonly endedAt: number;
  readonly outcome: AttendanceOutcome | null;
  readonly attendance: StoredAttendance | null;
}

export type CallResult = { readonly ok: true; readonly ticket: TicketRecord } | { readonly ok: false; readonly reason: 'busy' | 'gone' };

export interface LineStore {
  // ── Tickets ──
  /** Numbers and stores a new ticket unless `maxWaiting` people already wait at its unit. */
  join(ticket: NewTicket, maxWaiting: number, code: (seq: number) => string): Promise<TicketRecord | 'full'>;
  ticket(id: string): Promise<TicketRecord | undefined>;
  /** The unit's waiting tickets (any order: the rules order them with `lineOrder`). */
  waiting(unit: string): Promise<TicketRecord[]>;
  /** People waiting at one unit, or at all. */
  countWaiting(unit?: string): Promise<number>;
  /** The ticket of a clerk's call (called, in call or hung up). */
  currentTicket(sessionId: string): Promise<TicketRecord | undefined>;
  /**
   * `call`: the ticket (waiting, present) becomes the session's call, unless the session
   * already has one (`busy`) or the ticket is no longer waiting and present (`gone`).
   */
  call(ticketId: string, sessionId: string, calledAt: number, answerBy: number): Promise<CallResult>;
  /** `answer`; the updated ticket, or undefined when refused. */
  answer(ticketId: string, startedAt: number): Promise<TicketRecord | undefined>;
  /** `hang-up`: the call ends for both (at `endedAt`); the clerk still marks the outcome. */
  hangUp(ticketId: string, endedAt: number): Promise<boolean>;
  /** `requeue`: back ahead of everyone waiting, no longer anyone's call; a citizen away gets a fresh grace from `now`. */
  requeue(ticketId: string, now: number): Promise<boolean>;
  /** Ends the ticket by `ending.event`, recording the attendance with it; false when the lifecycle refuses. */
  end(ticketId: string, ending: TicketEnding): Promise<boolean>;
  /** The citizen's socket is connected (`null`) or went away at `since` (kept when already away). */
  setTicketAway(ticketId: string, since: number | null): Promise<void>;

  // ── Deadlines ──
  /** Calls (called or in call) whose clerk's session is open but away since `awayBefore` or earlier. */
  strandedCalls(awayBefore: number): Promise<TicketRecord[]>;
  /** Called tickets whose answer window ended at `now` or earlier. */
  unansweredCalls(now: number): Promise<TicketRecord[]>;
  /** Waiting tickets away since `awayBefore` or earlier. */
  awayWaiting(awayBefore: number): Promise<TicketRecord[]>;
  /** The unit's waiting tickets issued before `day`. */
  staleWaiting(unit: string, day: string): Promise<TicketRecord[]>;

  // ── Clerk sessions ──
  session(id: string): Promise<SessionRecord | undefined>;
  /** The clerk's latest open session at the unit. */
  openSessionOf(clerkId: string, unit: string): Promise<SessionRecord | undefined>;
  /** Open sessions, of one unit or of all. */
  openSessions(unit?: string): Promise<SessionRecord[]>;
  /** Open sessions away since `awayBefore` or earlier. */
  awaySessions(awayBefore: number): Promise<SessionRecord[]>;
  createSession(session: SessionRecord): Promise<void>;
  /** The clerk's socket is connected (`null`) or went away at `since` (kept when already away). */
  setSessionAway(sessionId: string, since: number | null): Promise<void>;
  setPaused(sessionId: string, paused: boolean): Promise<void>;
  endSession(sessionId: string, endedAt: number): Promise<void>;

  // ── Restart ──
  /**
   * After a restart, in one step: every live ticket and open session away from `now` (nobody
   * could reconnect while the server was down); calls not yet answered back at the head, in
   * their original order. Returns the tickets that may signal (waiting, in call) and the open sessions.
   */
  recover(now: number): Promise<{ readonly tickets: TicketRecord[]; readonly sessions: SessionRecord[] }>;

  // ── Indicators ──
  /** Durations (s) of the unit's latest `limit` attended calls. */
  recentDurations(unit: string, limit: number): Promise<number[]>;
  attendances(unit: string, limit: number): Promise<(StoredAttendance & { readonly id: number })[]>;
  /** Unstaffed seconds per local day of a unit. */
  unstaffed(unit: string): Promise<{ day: string; seconds: number }[]>;
  /** Adds unstaffed seconds and records the last tick, in one transaction. */
  flushUnstaffed(add: readonly { unit: string; day: string; seconds: number }[], lastTick: number): Promise<void>;
  lastTick(): Promise<number | undefined>;

  close(): Promise<void>;
}
