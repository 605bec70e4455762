// The line's store in SQLite (better-sqlite3, WAL, synchronous=FULL): every method is one
// statement or one transaction, so two clerks calling at the same instant get two people,
// and a restart finds the same people in the same order with the same codes. Statements are
// prepared once; every status change is guarded by the ticket lifecycle table.

import Database, { type Database as Db, type Statement } from 'better-sqlite3';
import { CALL_TICKET_STATUSES, ticketEventSources, ticketEventTarget, type TicketEvent, type TicketStatus } from '../../core/ticket-lifecycle.js';
import { migrate } from './schema.js';
import type { CallResult, LineStore, NewTicket, SessionRecord, StoredAttendance, TicketEnding, TicketRecord } from './store.js';
import { attendanceOf, sessionOf, ticketOf, type AttendanceRow, type SessionRow, type TicketRow } from './sqlite-rows.js';

const list = (statuses: readonly TicketStatus[]): string => statuses.map((s) => `'${s}'`).join(', ');
/** The guard of an event's update: the from-states the lifecycle table allows. */
const from = (event: TicketEvent): string => `status IN (${list(ticketEventSources(event))})`;
const to = (event: TicketEvent): string => `'${ticketEventTarget(event)}'`;
const CALL = `status IN (${list(CALL_TICKET_STATUSES)})`;

export class SqliteLineStore implements LineStore {
  private readonly db: Db;
  private readonly sql: ReturnType<typeof prepare>;

  constructor(file: string) {
    this.db = new Database(file);
    migrate(this.db);
    this.sql = prepare(this.db);
  }

  join(ticket: NewTicket, maxWaiting: number, code: (seq: number) => string): Promise<TicketRecord | 'full'> {
    const run = this.db.transaction((): TicketRecord | 'full' => {
      if (this.count(ticket.unit) >= maxWaiting) return 'full';
      const seq = ((this.sql.maxSeq.get(ticket.unit, ticket.day) as { m: number | null }).m ?? 0) + 1;
      const maxKey = (this.sql.maxKey.get(ticket.unit) as { m: number | null }).m ?? 0;
      const row = this.sql.insertTicket.get({
        id: ticket.id,
        unit: ticket.unit,
        day: ticket.day,
        subject: ticket.subject,
        peer_id: ticket.peerId,
        peer_token: ticket.peerToken,
        sealed: ticket.sealed ? 1 : 0,
        lawyer: ticket.lawyer ? 1 : 0,
        libras: ticket.libras ? 1 : 0,
        seq,
        code: code(seq),
        order_key: Math.max(maxKey + 1, 1),
        joined_at: ticket.joinedAt,
        // Away until the socket says hello.
        away_since: ticket.joinedAt,
      }) as TicketRow;
      return ticketOf(row);
    });
    return Promise.resolve(run.immediate());
  }

  ticket(id: string): Promise<TicketRecord | undefined> {
    return Promise.resolve(this.oneTicket(this.sql.ticket, id));
  }

  waiting(unit: string): Promise<TicketRecord[]> {
    return Promise.resolve(this.tickets(this.sql.waiting, unit));
  }

  countWaiting(unit?: string): Promise<number> {
    return Promise.resolve(unit === undefined ? (this.sql.countAllWaiting.get() as { n: number }).n : this.count(unit));
  }

  currentTicket(sessionId: string): Promise<TicketRecord | undefined> {
    return Promise.resolve(this.oneTicket(this.sql.currentTicket, sessionId));
  }

  call(ticketId: string, sessionId: string, calledAt: number, answerBy: number): Promise<CallResult> {
    const run = this.db.transaction((): CallResult => {
      if (this.sql.currentTicket.get(sessionId)) return { ok: false, reason: 'busy' };
      const row = this.sql.call.get(sessionId, calledAt, answerBy, ticketId) as TicketRow | undefined;
      return row ? { ok: true, ticket: ticketOf(row) } : { ok: false, reason: 'gone' };
    });
    return Promise.resolve(run.immediate());
  }

  answer(ticketId: string, startedAt: number): Promise<TicketRecord | undefined> {
    return Promise.resolve(this.oneTicket(this.sql.answer, startedAt, ticketId));
  }

  hangUp(ticketId: string, endedAt: number): Promise<boolean> {
    return Promise.resolve(this.sql.hangUp.run(endedAt, ticketId).changes > 0);
  }

  requeue(ticketId: string, now: number): Promise<boolean> {
    return Promise.resolve(this.db.transaction(() => this.requeueNow(ticketId, now)).immediate());
  }

  end(ticketId: string, ending: TicketEnding): Promise<boolean> {
    const run = this.db.transaction((): boolean => {
      const done = this.sql.end[ending.event].run(ending.endedAt, ending.outcome, ticketId).changes > 0;
      if (done && ending.attendance) this.sql.insertAttendance.run(attendanceParams(ending.attendance));
      return done;
    });
    return Promise.resolve(run.immediate());
  }

  setTicketAway(ticketId: string, since: number | null): Promise<void> {
    if (since === null) this.sql.ticketPresent.run(ticketId);
    else this.sql.ticketAway.run(since, ticketId);
    return Promise.resolve();
  }

  strandedCalls(awayBefore: number): Promise<TicketRecord[]> {
    return Promise.resolve(this.tickets(this.sql.stranded, awayBefore));
  }

  unansweredCalls(now: number): Promise<TicketRecord[]> {
    return Promise.resolve(this.tickets(this.sql.unanswered, now));
  }

  awayWaiting(awayBefore: number): Promise<TicketRecord[]> {
    return Promise.resolve(this.tickets(this.sql.awayWaiting, awayBefore));
  }

  staleWaiting(unit: string, day: string): Promise<TicketRecord[]> {
    return Promise.resolve(this.tickets(this.sql.staleWaiting, unit, day));
  }

  session(id: string): Promise<SessionRecord | undefined> {
    const row = this.sql.session.get(id) as SessionRow | undefined;
    return Promise.resolve(row && sessionOf(row));
  }

  openSessionOf(clerkId: string, unit: string): Promise<SessionRecord | undefined> {
    const row = this.sql.openSessionOf.get(clerkId, unit) as SessionRow | undefined;
    return Promise.resolve(row && sessionOf(row));
  }

  openSessions(unit?: string): Promise<SessionRecord[]> {
    const rows = (unit === undefined ? this.sql.allOpenSessions.all() : this.sql.openSessions.all(unit)) as SessionRow[];
    return Promise.resolve(rows.map(sessionOf));
  }

  awaySessions(awayBefore: number): Promise<SessionRecord[]> {
    return Promise.resolve((this.sql.awaySessions.all(awayBefore) as SessionRow[]).map(sessionOf));
  }

  createSession(s: SessionRecord): Promise<void> {
    this.sql.insertSession.run({
      id: s.id,
      clerk_id: s.clerkId,
      name: s.name,
      unit: s.unit,
      peer_id: s.peerId,
      peer_token: s.peerToken,
      paused: s.paused ? 1 : 0,
      created_at: s.createdAt,
    });
    return Promise.resolve();
  }

  setSessionAway(sessionId: string, since: number | null): Promise<void> {
    if (since === null) this.sql.sessionPresent.run(sessionId);
    else this.sql.sessionAway.run(since, sessionId);
    return Promise.resolve();
  }

  setPaused(sessionId: string, paused: boolean): Promise<void> {
    this.sql.setPaused.run(paused ? 1 : 0, sessionId);
    return Promise.resolve();
  }

  endSession(sessionId: string, endedAt: number): Promise<void> {
    this.sql.endSession.run(endedAt, sessionId);
    return Promise.resolve();
  }

  recover(now: number): Promise<{ tickets: TicketRecord[]; sessions: SessionRecord[] }> {
    const run = this.db.transaction(() => {
      // Everyone, including those already away before the restart: nobody could reconnect
      // while the server was down, so the downtime must not eat anyone's grace period.
      this.sql.recoverTickets.run(now);
      // Latest first: each goes ahead of the others, so they end up in their original order.
      for (const t of this.sql.calledLatestFirst.all() as TicketRow[]) this.requeueNow(t.id, now);
      this.sql.recoverSessions.run(now);
      return {
        tickets: (this.sql.signalingTickets.all() as TicketRow[]).map(ticketOf),
        sessions: (this.sql.allOpenSessions.all() as SessionRow[]).map(sessionOf),
      };
    });
    return Promise.resolve(run.immediate());
  }

  recentDurations(unit: string, limit: number): Promise<number[]> {
    return Promise.resolve((this.sql.recentDurations.all(unit, limit) as { d: number }[]).map((r) => r.d));
  }

  attendances(unit: string, limit: number): Promise<(StoredAttendance & { id: number })[]> {
    return Promise.resolve((this.sql.attendances.all(unit, limit) as AttendanceRow[]).map(attendanceOf));
  }

  unstaffed(unit: string): Promise<{ day: string; seconds: number }[]> {
    return Promise.resolve(this.sql.unstaffed.all(unit) as { day: string; seconds: number }[]);
  }

  flushUnstaffed(add: readonly { unit: string; day: string; seconds: number }[], lastTick: number): Promise<void> {
    this.db.transaction(() => {
      for (const { unit, day, seconds } of add) this.sql.addUnstaffed.run(unit, day, seconds);
      this.sql.setLastTick.run(lastTick);
    })();
    return Promise.resolve();
  }

  lastTick(): Promise<number | undefined> {
    return Promise.resolve((this.sql.lastTick.get() as { value: number } | undefined)?.value);
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }

  private count(unit: string): number {
    return (this.sql.countWaiting.get(unit) as { n: number }).n;
  }

  private oneTicket(statement: Statement, ...params: unknown[]): TicketRecord | undefined {
    const row = statement.get(...params) as TicketRow | undefined;
    return row && ticketOf(row);
  }

  private tickets(statement: Statement, ...params: unknown[]): TicketRecord[] {
    return (statement.all(...params) as TicketRow[]).map(ticketOf);
  }

  /** Inside a transaction: the ticket goes ahead of everyone waiting at its unit. */
  private requeueNow(ticketId: string, now: number): boolean {
    const t = this.sql.ticket.get(ticketId) as TicketRow | undefined;
    if (!t) return false;
    const min = (this.sql.minWaitingKey.get(t.unit) as { m: number | null }).m;
    const key = min === null ? t.order_key : Math.min(min, t.order_key) - 1;
    // A citizen whose line socket is down gets a full grace period from now: the time spent
    // in the call (or being called) must not count against the place they are given back.
    return this.sql.requeue.run(key, now, ticketId).changes > 0;
  }
}

function attendanceParams(a: StoredAttendance): unknown[] {
  return [
    a.unit,
    a.subject,
    a.sealed ? 1 : 0,
    a.lawyer ? 1 : 0,
    a.libras ? 1 : 0,
    a.joinedAt,
    a.calledAt,
    a.startedAt,
    a.endedAt,
    a.waitSeconds,
    a.durationSeconds,
    a.outcome,
    a.clerkId,
  ];
}

/** Every statement of the store, prepared once. */
function prepare(db: Db) {
  const endBy = (event: TicketEnding['event']): Statement =>
    db.prepare(`UPDATE tickets SET status = ${to(event)}, ended_at = ?, outcome = ?, away_since = NULL WHERE id = ? AND ${from(event)}`);
  return {
    ticket: db.prepare(`SELECT * FROM tickets WHERE id = ?`),
    waiting: db.prepare(`SELECT * FROM tickets WHERE unit = ? AND status = 'waiting' ORDER BY order_key`),
    countWaiting: db.prepare(`SELECT COUNT(*) AS n FROM tickets WHERE unit = ? AND status = 'waiting'`),
    countAllWaiting: db.prepare(`SELECT COUNT(*) AS n FROM tickets WHERE status = 'waiting'`),
    maxSeq: db.prepare(`SELECT MAX(seq) AS m FROM tickets WHERE unit = ? AND day = ?`),
    maxKey: db.prepare(`SELECT MAX(order_key) AS m FROM tickets WHERE unit = ?`),
    minWaitingKey: db.prepare(`SELECT MIN(order_key) AS m FROM tickets WHERE unit = ? AND status = 'waiting'`),
    insertTicket: db.prepare(
      `INSERT INTO tickets (id, unit, day, seq, code, peer_id, peer_token, subject, sealed, lawyer, libras, status, order_key, joined_at, away_since)
       VALUES (@id, @unit, @day, @seq, @code, @peer_id, @peer_token, @subject, @sealed, @lawyer, @libras, 'waiting', @order_key, @joined_at, @away_since)
       RETURNING *`,
    ),
    currentTicket: db.prepare(`SELECT * FROM tickets WHERE session_id = ? AND ${CALL}`),
    call: db.prepare(
      `UPDATE tickets SET status = ${to('call')}, session_id = ?, called_at = ?, answer_by = ?
       WHERE id = ? AND ${from('call')} AND away_since IS NULL RETURNING *`,
    ),
    answer: db.prepare(`UPDATE tickets SET status = ${to('answer')}, started_at = ? WHERE id = ? AND ${from('answer')} RETURNING *`),
    hangUp: db.prepare(`UPDATE tickets SET status = ${to('hang-up')}, ended_at = ?, away_since = NULL WHERE id = ? AND ${from('hang-up')}`),
    requeue: db.prepare(
      `UPDATE tickets SET status = ${to('requeue')}, order_key = ?, session_id = NULL, called_at = NULL, answer_by = NULL, started_at = NULL,
         away_since = CASE WHEN away_since IS NULL THEN NULL ELSE ? END
       WHERE id = ? AND ${from('requeue')}`,
    ),
    end: { leave: endBy('leave'), finish: endBy('finish'), miss: endBy('miss'), abandon: endBy('abandon'), expire: endBy('expire') },
    insertAttendance: db.prepare(
      `INSERT INTO attendances (unit, subject, sealed, lawyer, libras, joined_at, called_at, started_at, ended_at, wait_seconds, duration_seconds, outcome, clerk_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    ticketPresent: db.prepare(`UPDATE tickets SET away_since = NULL WHERE id = ?`),
    ticketAway: db.prepare(`UPDATE tickets SET away_since = ? WHERE id = ? AND away_since IS NULL`),
    stranded: db.prepare(
      `SELECT t.* FROM tickets t JOIN clerk_sessions s ON s.id = t.session_id
       WHERE t.status IN ('called', 'in-call') AND s.ended_at IS NULL AND s.away_since IS NOT NULL AND s.away_since <= ?`,
    ),
    unanswered: db.prepare(`SELECT * FROM tickets WHERE status = 'called' AND answer_by <= ?`),
    awayWaiting: db.prepare(`SELECT * FROM tickets WHERE status = 'waiting' AND away_since IS NOT NULL AND away_since <= ?`),
    staleWaiting: db.prepare(`SELECT * FROM tickets WHERE unit = ? AND status = 'waiting' AND day < ?`),
    session: db.prepare(`SELECT * FROM clerk_sessions WHERE id = ?`),
    openSessionOf: db.prepare(`SELECT * FROM clerk_sessions WHERE clerk_id = ? AND unit = ? AND ended_at IS NULL ORDER BY created_at DESC LIMIT 1`),
    openSessions: db.prepare(`SELECT * FROM clerk_sessions WHERE unit = ? AND ended_at IS NULL`),
    allOpenSessions: db.prepare(`SELECT * FROM clerk_sessions WHERE ended_at IS NULL`),
    awaySessions: db.prepare(`SELECT * FROM clerk_sessions WHERE ended_at IS NULL AND away_since IS NOT NULL AND away_since <= ?`),
    insertSession: db.prepare(
      `INSERT INTO clerk_sessions (id, clerk_id, name, unit, peer_id, peer_token, paused, created_at)
       VALUES (@id, @clerk_id, @name, @unit, @peer_id, @peer_token, @paused, @created_at)`,
    ),
    sessionPresent: db.prepare(`UPDATE clerk_sessions SET away_since = NULL WHERE id = ?`),
    sessionAway: db.prepare(`UPDATE clerk_sessions SET away_since = ? WHERE id = ? AND away_since IS NULL`),
    setPaused: db.prepare(`UPDATE clerk_sessions SET paused = ? WHERE id = ?`),
    endSession: db.prepare(`UPDATE clerk_sessions SET ended_at = ? WHERE id = ?`),
    recoverTickets: db.prepare(`UPDATE tickets SET away_since = ? WHERE status IN ('waiting', 'called', 'in-call')`),
    calledLatestFirst: db.prepare(`SELECT * FROM tickets WHERE status = 'called' ORDER BY order_key DESC`),
    recoverSessions: db.prepare(`UPDATE clerk_sessions SET away_since = ? WHERE ended_at IS NULL`),
    signalingTickets: db.prepare(`SELECT * FROM tickets WHERE status IN ('waiting', 'in-call')`),
    recentDurations: db.prepare(
      `SELECT duration_seconds AS d FROM attendances WHERE unit = ? AND outcome = 'attended' AND duration_seconds IS NOT NULL ORDER BY ended_at DESC LIMIT ?`,
    ),
    attendances: db.prepare(`SELECT * FROM attendances WHERE unit = ? ORDER BY ended_at DESC, id DESC LIMIT ?`),
    unstaffed: db.prepare(`SELECT day, seconds FROM unstaffed WHERE unit = ?`),
    addUnstaffed: db.prepare(
      `INSERT INTO unstaffed (unit, day, seconds) VALUES (?, ?, ?) ON CONFLICT (unit, day) DO UPDATE SET seconds = seconds + excluded.seconds`,
    ),
    setLastTick: db.prepare(`INSERT INTO meta (key, value) VALUES ('last_tick', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
    lastTick: db.prepare(`SELECT value FROM meta WHERE key = 'last_tick'`),
  };
}
