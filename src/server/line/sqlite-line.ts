// The line in SQLite (better-sqlite3, WAL, synchronous=FULL): every change is a single
// statement or transaction, so two clerks calling at the same instant get two people, and
// a restart finds the same people in the same order with the same codes.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import Database, { type Database as Db } from 'better-sqlite3';
import { isoDate, localDayNumber, localInstant, nextLocalMidnight, openingStatus, openTimeByDay, type Unit } from '../../core/index.js';
import {
  clerkShownName,
  type CitizenEvent,
  type ClerkEvent,
  type ClerkShown,
  type JoinRequest,
  type LineState,
  type Outcome,
  type RtcDescription,
  type Subject,
  type Ticket,
  type TicketFlags,
  type WaitingEntry,
} from '../../core/protocol/index.js';
import type { ClerkIdentity } from '../clerk-auth.js';
import type { Logger } from '../logger.js';
import type { UnitDirectory } from '../units.js';
import { iceConfigFor, NO_ICE_SERVERS, type IceSettings } from '../ice.js';
import { migrate } from './schema.js';
import {
  DEFAULT_LINE_CONFIG,
  LineError,
  type AttendanceRecord,
  type ClerkSession,
  type Line,
  type LineConfig,
  type LineNotice,
} from './line.js';

/**
 * `hung-up`: the citizen left during the call; the clerk still marks the outcome.
 * `expired`: still waiting when the unit's day ended (nobody called them).
 */
type TicketStatus = 'waiting' | 'called' | 'in-call' | 'hung-up' | 'done' | 'left' | 'missed' | 'abandoned' | 'expired';
/** What an attendance record says happened: the clerk's outcome, or `unrecorded` when the session ended first. */
type AttendanceOutcome = Outcome | 'unrecorded';

interface TicketRow {
  id: string;
  unit: string;
  day: string;
  seq: number;
  code: string;
  peer_id: string;
  peer_token: string;
  subject: Subject;
  sealed: number;
  lawyer: number;
  libras: number;
  status: TicketStatus;
  order_key: number;
  joined_at: number;
  called_at: number | null;
  answer_by: number | null;
  started_at: number | null;
  ended_at: number | null;
  session_id: string | null;
  away_since: number | null;
  outcome: string | null;
}

interface SessionRow {
  id: string;
  clerk_id: string;
  name: string;
  unit: string;
  peer_id: string;
  peer_token: string;
  paused: number;
  created_at: number;
  away_since: number | null;
  ended_at: number | null;
}

export interface SqliteLineOptions {
  /** Database file, or ':memory:'. */
  readonly file: string;
  readonly units: UnitDirectory;
  readonly logger: Logger;
  readonly config?: Partial<LineConfig>;
  /** The clock (tests pass a fake one). */
  readonly now?: () => number;
  /** STUN/TURN for calls; none by default (one network, loopback). */
  readonly ice?: IceSettings;
}

const token = (bytes: number): string => randomBytes(bytes).toString('base64url');
const ACTIVE = `status IN ('called', 'in-call', 'hung-up')`;
/** How often the unstaffed tally and the last tick are written (one transaction). */
const FLUSH_MS = 60_000;

/** A stretch of time in which a unit's opening status and local day stay the same. */
interface Phase {
  readonly open: boolean;
  readonly day: string;
  readonly dayNumber: number;
  readonly from: number;
  /** The next opening or closing, or the next local midnight, whichever comes first. */
  readonly until: number;
}

/** A row's 0/1 flags as booleans. */
function flagsOf(row: { sealed: number; lawyer: number; libras: number }): TicketFlags {
  return { sealed: row.sealed === 1, lawyer: row.lawyer === 1, libras: row.libras === 1 };
}

/** Constant-time comparison of two secrets. */
function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class SqliteLine implements Line {
  private readonly db: Db;
  private readonly config: LineConfig;
  private readonly now: () => number;
  private readonly units: UnitDirectory;
  private readonly logger: Logger;
  private readonly ice: IceSettings;
  private readonly listeners = new Set<(notice: LineNotice) => void>();
  /** Peers that may signal each other: citizen ↔ clerk of a call in progress. */
  private readonly pairs = new Map<string, string>();
  /** Peer id → token of every live ticket and clerk session (the signaling hot path reads this). */
  private readonly peers = new Map<string, string>();
  /** Last position message sent per ticket, so unchanged positions are not sent again. */
  private readonly lastSent = new Map<string, string>();
  /** Sessions whose clerk's socket is connected now. */
  private readonly present = new Set<string>();
  /**
   * Sessions not back since this process started. The restart closed their sockets, not the
   * clerk: the page may take its whole reconnection backoff (up to 30 s) to come back while
   * the call goes on peer to peer, so their calls wait for the session's grace, not the call's.
   */
  private readonly awaySinceStart = new Set<string>();
  private lastTick: number;
  private lastFlush: number;
  /** Unstaffed milliseconds not yet written, by unit and local day. */
  private readonly unstaffedPending = new Map<string, Map<string, number>>();
  /** Local day each unit's stale tickets were last looked for. */
  private readonly expiryCheckedDay = new Map<string, string>();
  /** Each unit's current phase, so the per-second tick doesn't recompute the timetable (Intl is slow). */
  private readonly phases = new Map<string, Phase>();

  constructor(options: SqliteLineOptions) {
    this.db = new Database(options.file);
    migrate(this.db);
    this.config = { ...DEFAULT_LINE_CONFIG, ...options.config };
    this.now = options.now ?? Date.now;
    this.units = options.units;
    this.logger = options.logger;
    this.ice = options.ice ?? NO_ICE_SERVERS;
    this.lastTick = this.now();
    this.lastFlush = this.lastTick;
    this.recover();
  }

  /** After a restart: everyone waiting gets the grace period to reconnect; calls not yet answered go back to the head. */
  private recover(): void {
    const now = this.now();
    this.db.transaction(() => {
      // Everyone, including those already away before the restart: nobody could reconnect
      // while the server was down, so the downtime must not eat anyone's grace period.
      this.db.prepare(`UPDATE tickets SET away_since = ? WHERE status IN ('waiting', 'called', 'in-call')`).run(now);
      // Latest first: each goes ahead of the others, so they end up in their original order.
      const called = this.db.prepare(`SELECT * FROM tickets WHERE status = 'called' ORDER BY order_key DESC`).all() as TicketRow[];
      for (const t of called) this.requeueAtHead(t);
      this.db.prepare(`UPDATE clerk_sessions SET away_since = ? WHERE ended_at IS NULL`).run(now);
    })();
    for (const t of this.db.prepare(`SELECT peer_id, peer_token, session_id, status FROM tickets WHERE status IN ('waiting', 'in-call')`).all() as TicketRow[]) {
      this.peers.set(t.peer_id, t.peer_token);
    }
    for (const s of this.db.prepare(`SELECT * FROM clerk_sessions WHERE ended_at IS NULL`).all() as SessionRow[]) {
      this.peers.set(s.peer_id, s.peer_token);
      this.awaySinceStart.add(s.id);
    }
    for (const t of this.db.prepare(`SELECT * FROM tickets WHERE status = 'in-call'`).all() as TicketRow[]) {
      const session = t.session_id ? this.session(t.session_id) : undefined;
      if (session) this.pair(t.peer_id, session.peer_id);
    }
    // While the server was down nobody could be served: the open hours of that gap count as unstaffed.
    const last = this.db.prepare(`SELECT value FROM meta WHERE key = 'last_tick'`).get() as { value: number } | undefined;
    if (last && last.value < now) {
      for (const unit of this.units.values()) this.addUnstaffed(unit, last.value, now);
      this.flush(now);
    }
    this.expireStale(now);
    const waiting = (this.db.prepare(`SELECT COUNT(*) AS n FROM tickets WHERE status = 'waiting'`).get() as { n: number }).n;
    this.logger.log('info', 'line_recovered', { waiting });
  }

  // ── PeerDirectory ────────────────────────────────────────────────────────────

  verifyPeer(id: string, peerToken: string): boolean {
    const expected = this.peers.get(id);
    return expected !== undefined && sameSecret(expected, peerToken);
  }

  mayTalk(src: string, dst: string): boolean {
    return this.pairs.get(src) === dst;
  }

  // ── Citizens ─────────────────────────────────────────────────────────────────

  join(unitId: string, request: JoinRequest): Ticket {
    const unit = this.unit(unitId);
    const now = this.now();
    if (!openingStatus(unit, new Date(now)).open) throw new LineError('unit_closed');
    const day = isoDate(localDayNumber(now, unit.timezone));
    const row = this.db.transaction((): TicketRow => {
      const waiting = this.countWaiting(unitId);
      if (waiting >= this.config.maxWaitingPerUnit) throw new LineError('line_full');
      const seq =
        ((this.db.prepare(`SELECT MAX(seq) AS m FROM tickets WHERE unit = ? AND day = ?`).get(unitId, day) as { m: number | null }).m ?? 0) + 1;
      const maxKey = (this.db.prepare(`SELECT MAX(order_key) AS m FROM tickets WHERE unit = ?`).get(unitId) as { m: number | null }).m ?? 0;
      const t: TicketRow = {
        id: token(18),
        unit: unitId,
        day,
        seq,
        code: `A-${String(seq).padStart(3, '0')}`,
        peer_id: `bv${randomBytes(16).toString('hex')}`,
        peer_token: token(18),
        subject: request.subject,
        sealed: request.sealed ? 1 : 0,
        lawyer: request.lawyer ? 1 : 0,
        libras: request.libras ? 1 : 0,
        status: 'waiting',
        order_key: Math.max(maxKey + 1, 1),
        joined_at: now,
        called_at: null,
        answer_by: null,
        started_at: null,
        ended_at: null,
        session_id: null,
        // Away until the socket says hello.
        away_since: now,
        outcome: null,
      };
      this.db
        .prepare(
          `INSERT INTO tickets (id, unit, day, seq, code, peer_id, peer_token, subject, sealed, lawyer, libras, status, order_key, joined_at, away_since)
           VALUES (@id, @unit, @day, @seq, @code, @peer_id, @peer_token, @subject, @sealed, @lawyer, @libras, @status, @order_key, @joined_at, @away_since)`,
        )
        .run(t);
      return t;
    }).immediate();
    this.peers.set(row.peer_id, row.peer_token);
    this.logger.log('info', 'line_join', { unit: unitId, sealed: row.sealed === 1, libras: row.libras === 1 });
    const position = this.positionOf(row);
    this.unitChanged(unitId);
    return {
      ticketId: row.id,
      code: row.code,
      unit: unitId,
      peerId: row.peer_id,
      peerToken: row.peer_token,
      answerWindowSeconds: Math.round(this.config.answerWindowMs / 1000),
      graceSeconds: Math.round(this.config.graceMs / 1000),
      ...position,
    };
  }

  leave(ticketId: string): void {
    const t = this.ticket(ticketId);
    if (t?.status === 'in-call') return this.hangUp(t);
    if (!t || !['waiting', 'called'].includes(t.status)) return;
    this.end(t, 'left');
    this.notifyCitizen(t.id, { type: 'left' });
    if (t.session_id) {
      this.notifyClerk(t.session_id, { type: 'missed', code: t.code });
      this.autoCallNext(t.session_id);
    }
    this.unitChanged(t.unit);
  }

  citizenPresent(ticketId: string, replacing = false): void {
    const t = this.ticket(ticketId);
    if (!t || !['waiting', 'called', 'in-call'].includes(t.status)) {
      // Back after the place was lost while away: say why before refusing.
      if (t?.status === 'expired' || t?.status === 'missed') this.notifyCitizen(t.id, { type: t.status });
      throw new LineError('ticket_not_found');
    }
    // A return (the socket had closed, or a newer one takes over), not the first hello.
    const back = replacing || t.away_since !== null;
    this.db.prepare(`UPDATE tickets SET away_since = NULL WHERE id = ?`).run(t.id);
    this.lastSent.delete(t.id);
    if (t.status === 'waiting') this.sendPosition({ ...t, away_since: null });
    else if (t.status === 'called') this.sendCalled(t);
    else {
      this.sendInCall(t);
      // The page that answered may be gone with its call: the clerk's page calls again.
      if (back && t.session_id) this.notifyClerk(t.session_id, { type: 'citizen-back', code: t.code });
    }
    this.clerksChanged(t.unit);
  }

  citizenAway(ticketId: string): void {
    const t = this.ticket(ticketId);
    if (!t || !['waiting', 'called', 'in-call'].includes(t.status)) return;
    this.db.prepare(`UPDATE tickets SET away_since = ? WHERE id = ? AND away_since IS NULL`).run(this.now(), t.id);
    this.clerksChanged(t.unit);
  }

  answer(ticketId: string): void {
    const t = this.ticket(ticketId);
    if (!t) throw new LineError('ticket_not_found');
    if (t.status === 'in-call') return;
    if (t.status !== 'called' || !t.session_id) throw new LineError('not_called');
    const now = this.now();
    this.db.prepare(`UPDATE tickets SET status = 'in-call', started_at = ? WHERE id = ? AND status = 'called'`).run(now, t.id);
    this.sendInCall(t);
    this.notifyClerk(t.session_id, { type: 'answered', code: t.code });
  }

  relayFromCitizen(ticketId: string, description: RtcDescription): void {
    const t = this.ticket(ticketId);
    if (t?.status !== 'in-call' || !t.session_id) throw new LineError('no_call');
    this.notifyClerk(t.session_id, { type: 'rtc', description });
  }

  // ── Clerks ───────────────────────────────────────────────────────────────────

  relayFromClerk(sessionId: string, description: RtcDescription): void {
    const t = this.currentTicket(this.activeSession(sessionId).id);
    if (t?.status !== 'in-call') throw new LineError('no_call');
    this.notifyCitizen(t.id, { type: 'rtc', description });
  }

  clerkPresent(identity: ClerkIdentity): ClerkSession {
    this.unit(identity.unit);
    let s = this.db
      .prepare(`SELECT * FROM clerk_sessions WHERE clerk_id = ? AND unit = ? AND ended_at IS NULL ORDER BY created_at DESC LIMIT 1`)
      .get(identity.clerkId, identity.unit) as SessionRow | undefined;
    if (!s) {
      s = {
        id: token(18),
        clerk_id: identity.clerkId,
        name: identity.name,
        unit: identity.unit,
        peer_id: `bv${randomBytes(16).toString('hex')}`,
        peer_token: token(18),
        paused: 0,
        created_at: this.now(),
        away_since: null,
        ended_at: null,
      };
      this.db
        .prepare(
          `INSERT INTO clerk_sessions (id, clerk_id, name, unit, peer_id, peer_token, paused, created_at)
           VALUES (@id, @clerk_id, @name, @unit, @peer_id, @peer_token, @paused, @created_at)`,
        )
        .run(s);
      this.peers.set(s.peer_id, s.peer_token);
    } else {
      this.db.prepare(`UPDATE clerk_sessions SET away_since = NULL WHERE id = ?`).run(s.id);
    }
    this.present.add(s.id);
    this.awaySinceStart.delete(s.id);
    this.logger.log('info', 'clerk_present', { unit: s.unit });
    const unit = this.unit(s.unit);
    this.notifyClerk(s.id, {
      type: 'session',
      peerId: s.peer_id,
      peerToken: s.peer_token,
      name: clerkShownName(s.name),
      unit: s.unit,
      unitName: unit.name,
    });
    const current = this.currentTicket(s.id);
    if (current) this.sendCalling(s.id, current);
    this.clerksChanged(s.unit);
    return { sessionId: s.id, peerId: s.peer_id, peerToken: s.peer_token, identity };
  }

  clerkAway(sessionId: string): void {
    const s = this.session(sessionId);
    if (!s || s.ended_at !== null) return;
    this.present.delete(s.id);
    this.db.prepare(`UPDATE clerk_sessions SET away_since = ? WHERE id = ? AND away_since IS NULL`).run(this.now(), s.id);
    this.clerksChanged(s.unit);
  }

  callNext(sessionId: string): void {
    const s = this.activeSession(sessionId);
    if (s.paused) throw new LineError('paused');
    if (this.currentTicket(s.id)) throw new LineError('busy');
    const now = this.now();
    // One statement: the head of the line (present people first, in order) becomes this
    // clerk's call. SQLite serializes writers, so no one is called twice.
    const t = this.db
      .prepare(
        `UPDATE tickets SET status = 'called', session_id = ?, called_at = ?, answer_by = ?
         WHERE id = (SELECT id FROM tickets WHERE unit = ? AND status = 'waiting' AND away_since IS NULL ORDER BY order_key LIMIT 1)
         RETURNING *`,
      )
      .get(s.id, now, now + this.config.answerWindowMs, s.unit) as TicketRow | undefined;
    if (!t) {
      this.notifyClerk(s.id, { type: 'line-empty' });
      return;
    }
    this.pair(t.peer_id, s.peer_id);
    this.logger.log('info', 'line_call', { unit: s.unit, waitSeconds: Math.round((now - t.joined_at) / 1000) });
    this.sendCalled(t, s);
    this.sendCalling(s.id, t);
    this.unitChanged(s.unit);
  }

  finish(sessionId: string, outcome: Outcome): void {
    const s = this.activeSession(sessionId);
    const t = this.currentTicket(s.id);
    if (!t) throw new LineError('no_call');
    this.end(t, 'done', outcome, s);
    this.notifyCitizen(t.id, { type: 'done', outcome });
    this.notifyClerk(s.id, { type: 'ended', code: t.code, outcome });
    this.unitChanged(s.unit);
  }

  callDropped(sessionId: string): void {
    const s = this.activeSession(sessionId);
    const t = this.currentTicket(s.id);
    // A citizen who hung up on purpose is not put back in line: the clerk marks the outcome.
    if (!t || t.status === 'hung-up') throw new LineError('no_call');
    this.requeueCall(t);
    this.unitChanged(s.unit);
  }

  setPaused(sessionId: string, paused: boolean): void {
    const s = this.activeSession(sessionId);
    this.db.prepare(`UPDATE clerk_sessions SET paused = ? WHERE id = ?`).run(paused ? 1 : 0, s.id);
    this.clerksChanged(s.unit);
  }

  // ── State ────────────────────────────────────────────────────────────────────

  unitState(unitId: string): LineState {
    const unit = this.unit(unitId);
    const waiting = this.countWaiting(unitId);
    const clerksServing = this.clerksServing(unitId);
    return {
      open: openingStatus(unit, new Date(this.now())).open,
      waiting,
      clerksServing,
      estimatedWaitMinutes: this.estimate(unitId, waiting + 1, clerksServing),
    };
  }

  tick(): void {
    const now = this.now();
    // Calls whose clerk's page is gone (a closed tab, a crash) past the call's grace: the
    // citizen goes back to the head, as when the call drops; the session keeps its own grace.
    const stranded = this.db
      .prepare(
        `SELECT t.* FROM tickets t JOIN clerk_sessions s ON s.id = t.session_id
         WHERE t.status IN ('called', 'in-call') AND s.ended_at IS NULL AND s.away_since IS NOT NULL AND s.away_since <= ?`,
      )
      .all(now - this.config.clerkCallGraceMs) as TicketRow[];
    for (const t of stranded) {
      if (t.session_id === null || this.awaySinceStart.has(t.session_id)) continue;
      this.requeueCall(t);
      this.logger.log('info', 'line_clerk_gone', { unit: t.unit, status: t.status });
      this.unitChanged(t.unit);
    }
    // Unanswered calls: out of the line; the clerk moves on to the next person.
    for (const t of this.db.prepare(`SELECT * FROM tickets WHERE status = 'called' AND answer_by <= ?`).all(now) as TicketRow[]) {
      const session = t.session_id ? this.session(t.session_id) : undefined;
      this.end(t, 'missed', 'no-show', session);
      this.notifyCitizen(t.id, { type: 'missed' });
      if (session) {
        this.notifyClerk(session.id, { type: 'missed', code: t.code });
        this.autoCallNext(session.id);
      }
      this.unitChanged(t.unit);
    }
    // Citizens away past the grace period lose the place.
    const limit = now - this.config.graceMs;
    for (const t of this.db.prepare(`SELECT * FROM tickets WHERE status = 'waiting' AND away_since IS NOT NULL AND away_since <= ?`).all(limit) as TicketRow[]) {
      this.end(t, 'abandoned');
      this.unitChanged(t.unit);
    }
    // Clerks away past the grace period: the session ends; a citizen in a call with them goes back to the head.
    for (const s of this.db.prepare(`SELECT * FROM clerk_sessions WHERE ended_at IS NULL AND away_since IS NOT NULL AND away_since <= ?`).all(limit) as SessionRow[]) {
      this.endSession(s, now);
    }
    // Time open by the timetable with no clerk serving (CNJ Res. 372 art. 3), gaps between ticks included.
    const serving = this.servingUnits();
    for (const unit of this.units.values()) {
      if (!serving.has(unit.id)) this.addUnstaffed(unit, this.lastTick, now);
    }
    this.lastTick = Math.max(this.lastTick, now);
    if (now - this.lastFlush >= FLUSH_MS) this.flush(now);
    this.expireStale(now);
  }

  unstaffedMinutes(unitId: string): readonly { day: string; minutes: number }[] {
    const seconds = new Map<string, number>();
    for (const r of this.db.prepare(`SELECT day, seconds FROM unstaffed WHERE unit = ?`).all(unitId) as { day: string; seconds: number }[]) {
      seconds.set(r.day, r.seconds);
    }
    for (const [day, ms] of this.unstaffedPending.get(unitId) ?? []) seconds.set(day, (seconds.get(day) ?? 0) + ms / 1000);
    return [...seconds]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, s]) => ({ day, minutes: Math.round((s / 60) * 10) / 10 }));
  }

  attendances(unitId: string, limit = 1000): readonly AttendanceRecord[] {
    const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
    const rows = this.db.prepare(`SELECT * FROM attendances WHERE unit = ? ORDER BY ended_at DESC, id DESC LIMIT ?`).all(unitId, limit) as {
      unit: string;
      subject: string;
      sealed: number;
      lawyer: number;
      libras: number;
      joined_at: number;
      called_at: number | null;
      started_at: number | null;
      ended_at: number;
      wait_seconds: number | null;
      duration_seconds: number | null;
      outcome: AttendanceOutcome;
      clerk_id: string | null;
    }[];
    return rows.map((r) => ({
      unit: r.unit,
      subject: r.subject,
      ...flagsOf(r),
      joinedAt: new Date(r.joined_at).toISOString(),
      calledAt: iso(r.called_at),
      startedAt: iso(r.started_at),
      endedAt: new Date(r.ended_at).toISOString(),
      waitSeconds: r.wait_seconds,
      durationSeconds: r.duration_seconds,
      outcome: r.outcome,
      clerkId: r.clerk_id,
    }));
  }

  subscribe(listener: (notice: LineNotice) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    if (!this.db.open) return;
    this.flush(this.lastTick);
    this.db.close();
  }

  // ── Internals ────────────────────────────────────────────────────────────────

  private unit(unitId: string): Unit {
    const unit = this.units.get(unitId);
    if (!unit) throw new LineError('unit_not_found');
    return unit;
  }

  private ticket(id: string): TicketRow | undefined {
    return this.db.prepare(`SELECT * FROM tickets WHERE id = ?`).get(id) as TicketRow | undefined;
  }

  private session(id: string): SessionRow | undefined {
    return this.db.prepare(`SELECT * FROM clerk_sessions WHERE id = ?`).get(id) as SessionRow | undefined;
  }

  private activeSession(id: string): SessionRow {
    const s = this.session(id);
    if (!s || s.ended_at !== null) throw new LineError('unauthorized');
    return s;
  }

  private currentTicket(sessionId: string): TicketRow | undefined {
    return this.db.prepare(`SELECT * FROM tickets WHERE session_id = ? AND ${ACTIVE}`).get(sessionId) as TicketRow | undefined;
  }

  private countWaiting(unitId: string): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM tickets WHERE unit = ? AND status = 'waiting'`).get(unitId) as { n: number }).n;
  }

  private clerksServing(unitId: string): number {
    let n = 0;
    for (const s of this.db.prepare(`SELECT id FROM clerk_sessions WHERE unit = ? AND ended_at IS NULL AND paused = 0`).all(unitId) as SessionRow[]) {
      if (this.present.has(s.id)) n++;
    }
    return n;
  }

  private positionOf(t: TicketRow): { position: number; estimatedWaitMinutes: number | null; clerksServing: number } {
    const ahead = (
      this.db.prepare(`SELECT COUNT(*) AS n FROM tickets WHERE unit = ? AND status = 'waiting' AND order_key < ?`).get(t.unit, t.order_key) as { n: number }
    ).n;
    const clerksServing = this.clerksServing(t.unit);
    return { position: ahead + 1, estimatedWaitMinutes: this.estimate(t.unit, ahead + 1, clerksServing), clerksServing };
  }

  /** Mean duration of recent attendances at a unit, in seconds; null without history. */
  private serviceMean(unitId: string): number | null {
    const rows = this.db
      .prepare(`SELECT duration_seconds AS d FROM attendances WHERE unit = ? AND outcome = 'attended' AND duration_seconds IS NOT NULL ORDER BY ended_at DESC LIMIT ?`)
      .all(unitId, this.config.estimateSample) as { d: number }[];
    return rows.length === 0 ? null : rows.reduce((sum, r) => sum + r.d, 0) / rows.length;
  }

  /** Minutes until `position` is called, from recent service times; null without history or clerks. */
  private estimate(unitId: string, position: number, clerksServing: number, mean = this.serviceMean(unitId)): number | null {
    if (clerksServing === 0 || mean === null) return null;
    return Math.max(1, Math.ceil((mean * position) / clerksServing / 60));
  }

  private requeueAtHead(t: TicketRow): void {
    const min = (this.db.prepare(`SELECT MIN(order_key) AS m FROM tickets WHERE unit = ? AND status = 'waiting'`).get(t.unit) as { m: number | null }).m;
    const key = min === null ? t.order_key : Math.min(min, t.order_key) - 1;
    // A citizen whose line socket is down gets a full grace period from now: the time spent
    // in the call (or being called) must not count against the place they are given back.
    this.db
      .prepare(
        `UPDATE tickets SET status = 'waiting', order_key = ?, session_id = NULL, called_at = NULL, answer_by = NULL, started_at = NULL,
           away_since = CASE WHEN away_since IS NULL THEN NULL ELSE ? END
         WHERE id = ?`,
      )
      .run(key, this.now(), t.id);
    this.unpair(t.peer_id);
  }

  /** A call (answered or not) failed on the clerk's side: back at the head, and the citizen told ("a chamada caiu"). */
  private requeueCall(t: TicketRow): void {
    this.requeueAtHead(t);
    this.notifyCitizen(t.id, { type: 'requeued' });
    this.lastSent.delete(t.id);
  }

  private end(t: TicketRow, status: TicketStatus, outcome?: AttendanceOutcome, session?: SessionRow): void {
    // A call the citizen hung up ended then, not when the clerk marked the outcome.
    const now = t.ended_at ?? this.now();
    this.db.transaction(() => {
      this.db.prepare(`UPDATE tickets SET status = ?, ended_at = ?, outcome = ?, away_since = NULL WHERE id = ?`).run(status, now, outcome ?? null, t.id);
      if (outcome) {
        this.db
          .prepare(
            `INSERT INTO attendances (unit, subject, sealed, lawyer, libras, joined_at, called_at, started_at, ended_at, wait_seconds, duration_seconds, outcome, clerk_id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            t.unit,
            t.subject,
            t.sealed,
            t.lawyer,
            t.libras,
            t.joined_at,
            t.called_at,
            t.started_at,
            now,
            t.called_at === null ? null : (t.called_at - t.joined_at) / 1000,
            t.started_at === null ? null : (now - t.started_at) / 1000,
            outcome,
            session?.clerk_id ?? null,
          );
      }
    })();
    this.forgetPeer(t, 'ticket ended');
    this.logger.log('info', 'line_end', { unit: t.unit, status, ...(outcome ? { outcome } : {}) });
  }

  /** The citizen left during the call: the call ends for both; the clerk still marks the outcome. */
  private hangUp(t: TicketRow): void {
    this.db.prepare(`UPDATE tickets SET status = 'hung-up', ended_at = ?, away_since = NULL WHERE id = ? AND status = 'in-call'`).run(this.now(), t.id);
    this.forgetPeer(t, 'ticket ended');
    this.notifyCitizen(t.id, { type: 'left' });
    if (t.session_id) this.notifyClerk(t.session_id, { type: 'citizen-left', code: t.code });
    this.logger.log('info', 'line_hang_up', { unit: t.unit });
  }

  /** A clerk session ends (away past the grace period): its caller goes back to the head, a hung-up call is recorded. */
  private endSession(s: SessionRow, now: number): void {
    const t = this.currentTicket(s.id);
    if (t?.status === 'hung-up') this.end(t, 'done', 'unrecorded', s);
    else if (t) this.requeueCall(t);
    this.db.prepare(`UPDATE clerk_sessions SET ended_at = ? WHERE id = ?`).run(now, s.id);
    this.present.delete(s.id);
    this.awaySinceStart.delete(s.id);
    this.peers.delete(s.peer_id);
    this.emit({ to: 'signaling', peerId: s.peer_id, reason: 'clerk session ended' });
    this.clerksChanged(s.unit);
  }

  /** Adds the open time of `unit` between `from` and `to` to its unstaffed tally (written by `flush`). */
  private addUnstaffed(unit: Unit, from: number, to: number): void {
    if (to <= from) return;
    // The usual tick: one second inside one phase.
    const phase = this.phaseOf(unit, from);
    const spans = to <= phase.until ? (phase.open ? [{ day: phase.day, ms: to - from }] : []) : openTimeByDay(unit, from, to);
    if (spans.length === 0) return;
    let days = this.unstaffedPending.get(unit.id);
    if (!days) this.unstaffedPending.set(unit.id, (days = new Map()));
    for (const { day, ms } of spans) days.set(day, (days.get(day) ?? 0) + ms);
  }

  /** Writes the unstaffed tally and the last tick in one transaction. */
  private flush(now: number): void {
    const upsert = this.db.prepare(
      `INSERT INTO unstaffed (unit, day, seconds) VALUES (?, ?, ?) ON CONFLICT (unit, day) DO UPDATE SET seconds = seconds + excluded.seconds`,
    );
    this.db.transaction(() => {
      for (const [unit, days] of this.unstaffedPending) for (const [day, ms] of days) upsert.run(unit, day, ms / 1000);
      this.db.prepare(`INSERT INTO meta (key, value) VALUES ('last_tick', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(now);
    })();
    this.unstaffedPending.clear();
    this.lastFlush = now;
  }

  /**
   * Once per local day per unit: people still waiting from an earlier day leave the line
   * (told so), when the unit was closed at the midnight that began today — nobody serves
   * a line overnight. A unit open across midnight (a 24-hour duty) keeps its line.
   */
  private expireStale(now: number): void {
    for (const unit of this.units.values()) {
      const { day: today, dayNumber: todayNumber } = this.phaseOf(unit, now);
      if (this.expiryCheckedDay.get(unit.id) === today) continue;
      this.expiryCheckedDay.set(unit.id, today);
      if (openingStatus(unit, new Date(localInstant(todayNumber, 0, unit.timezone))).open) continue;
      const stale = this.db.prepare(`SELECT * FROM tickets WHERE unit = ? AND status = 'waiting' AND day < ?`).all(unit.id, today) as TicketRow[];
      for (const t of stale) {
        this.end(t, 'expired');
        this.notifyCitizen(t.id, { type: 'expired' });
      }
      if (stale.length > 0) this.unitChanged(unit.id);
    }
  }

  /** The unit's phase at `at`, from the cache while it lasts. */
  private phaseOf(unit: Unit, at: number): Phase {
    const cached = this.phases.get(unit.id);
    if (cached && at >= cached.from && at < cached.until) return cached;
    const status = openingStatus(unit, new Date(at));
    const change = (status.open ? status.closesAt : status.nextOpen)?.getTime() ?? Infinity;
    const dayNumber = localDayNumber(at, unit.timezone);
    const phase: Phase = {
      open: status.open,
      day: isoDate(dayNumber),
      dayNumber,
      from: at,
      until: Math.max(at + 1, Math.min(change, nextLocalMidnight(at, unit.timezone))),
    };
    this.phases.set(unit.id, phase);
    return phase;
  }

  /** Units with at least one clerk serving now (signed in, connected, not paused): one query for all. */
  private servingUnits(): Set<string> {
    const units = new Set<string>();
    for (const s of this.db.prepare(`SELECT id, unit FROM clerk_sessions WHERE ended_at IS NULL AND paused = 0`).all() as SessionRow[]) {
      if (this.present.has(s.id)) units.add(s.unit);
    }
    return units;
  }

  private forgetPeer(t: TicketRow, reason: string): void {
    this.unpair(t.peer_id);
    this.peers.delete(t.peer_id);
    this.lastSent.delete(t.id);
    this.emit({ to: 'signaling', peerId: t.peer_id, reason });
  }

  private pair(citizenPeer: string, clerkPeer: string): void {
    this.pairs.set(citizenPeer, clerkPeer);
    this.pairs.set(clerkPeer, citizenPeer);
  }

  private unpair(peer: string): void {
    const other = this.pairs.get(peer);
    this.pairs.delete(peer);
    if (other !== undefined && this.pairs.get(other) === peer) this.pairs.delete(other);
  }

  private autoCallNext(sessionId: string): void {
    const s = this.session(sessionId);
    if (!s || s.ended_at !== null || s.paused || !this.present.has(s.id)) return;
    this.callNext(s.id);
  }

  /** The clerk as the citizen sees them (TJRN Portaria 38/2021): first name + one surname, and the unit's name. */
  private clerkShown(s: SessionRow): ClerkShown {
    return { name: clerkShownName(s.name), unit: this.unit(s.unit).name };
  }

  private sendCalled(t: TicketRow, session?: SessionRow): void {
    const s = session ?? (t.session_id ? this.session(t.session_id) : undefined);
    if (!s || t.answer_by === null) return;
    this.notifyCitizen(t.id, {
      type: 'called',
      clerk: this.clerkShown(s),
      clerkPeerId: s.peer_id,
      answerBy: new Date(t.answer_by).toISOString(),
      ice: iceConfigFor(this.ice, this.unit(t.unit), this.now()),
    });
  }

  /** The call is on: whom to answer, with ICE servers minted now (a page resuming the call gets fresh TURN credentials). */
  private sendInCall(t: TicketRow): void {
    const s = t.session_id ? this.session(t.session_id) : undefined;
    if (!s) return;
    this.notifyCitizen(t.id, { type: 'in-call', clerk: this.clerkShown(s), clerkPeerId: s.peer_id, ice: iceConfigFor(this.ice, this.unit(t.unit), this.now()) });
  }

  private sendCalling(sessionId: string, t: TicketRow): void {
    if (t.answer_by === null) return;
    this.notifyClerk(sessionId, {
      type: 'calling',
      code: t.code,
      subject: t.subject,
      flags: flagsOf(t),
      citizenPeerId: t.peer_id,
      answerBy: new Date(t.answer_by).toISOString(),
      ice: iceConfigFor(this.ice, this.unit(t.unit), this.now()),
    });
    if (t.status === 'in-call') this.notifyClerk(sessionId, { type: 'answered', code: t.code });
    else if (t.status === 'hung-up') this.notifyClerk(sessionId, { type: 'citizen-left', code: t.code });
  }

  private sendPosition(t: TicketRow): void {
    this.sendIfChanged(t.id, { type: 'waiting', code: t.code, ...this.positionOf(t) });
  }

  /** Sends a position unless the citizen's last one said the same. */
  private sendIfChanged(ticketId: string, event: CitizenEvent): void {
    const key = JSON.stringify(event);
    if (this.lastSent.get(ticketId) === key) return;
    this.lastSent.set(ticketId, key);
    this.notifyCitizen(ticketId, event);
  }

  /** The line of a unit changed: new positions to those waiting, the new line to its clerks. */
  private unitChanged(unitId: string): void {
    const waiting = this.db.prepare(`SELECT * FROM tickets WHERE unit = ? AND status = 'waiting' ORDER BY order_key`).all(unitId) as TicketRow[];
    const clerksServing = this.clerksServing(unitId);
    const mean = this.serviceMean(unitId);
    waiting.forEach((t, i) => {
      const event: CitizenEvent = {
        type: 'waiting',
        code: t.code,
        position: i + 1,
        estimatedWaitMinutes: this.estimate(unitId, i + 1, clerksServing, mean),
        clerksServing,
      };
      this.sendIfChanged(t.id, event);
    });
    const entries: WaitingEntry[] = waiting.map((t) => ({
      code: t.code,
      subject: t.subject,
      ...flagsOf(t),
      joinedAt: new Date(t.joined_at).toISOString(),
      away: t.away_since !== null,
    }));
    for (const s of this.db.prepare(`SELECT * FROM clerk_sessions WHERE unit = ? AND ended_at IS NULL`).all(unitId) as SessionRow[]) {
      this.notifyClerk(s.id, { type: 'line', waiting: entries, clerksServing, paused: s.paused === 1 });
    }
  }

  private clerksChanged(unitId: string): void {
    this.unitChanged(unitId);
  }

  private notifyCitizen(ticketId: string, event: CitizenEvent): void {
    this.emit({ to: 'citizen', ticketId, event });
  }

  private notifyClerk(sessionId: string, event: ClerkEvent): void {
    this.emit({ to: 'clerk', sessionId, event });
  }

  private emit(notice: LineNotice): void {
    for (const listener of this.listeners) {
      try {
        listener(notice);
      } catch (error) {
        this.logger.log('error', 'line_listener_failed', { kind: error instanceof Error ? error.name : 'unknown' });
      }
    }
  }
}
