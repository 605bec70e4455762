// The written channel's outbox in SQLite (better-sqlite3, WAL, synchronous=FULL): a message
// is stored together with its protocol number in one transaction before the citizen is told
// "recebido", and each e-mail it causes (to the unit, the copy to the citizen) is a delivery
// row that workers lease, send and mark. Its own file beside the line's database
// (`outbox.sqlite`), so its schema version (user_version) is its own.
//
// Personal content (name, e-mail, phone, case number, text) lives only in `messages` and is
// erased once every delivery is sent (or, for a dead one, once a manager acknowledged it);
// the metadata stays for the unit's indicators.

import { createHash } from 'node:crypto';
import Database, { type Database as Db, type Statement } from 'better-sqlite3';
import { migrate } from './outbox-schema.js';
import { zonedParts, type DeliveryKind, type MessageReceipt, type MessageSubmission, type Subject, type UndeliveredEntry, type Unit } from '../../core/index.js';

/** What a unit's managers see of a message that did not (yet) reach its recipient: core's wire row. */
export type { DeliveryKind, UndeliveredEntry } from '../../core/index.js';
/** `written`: the files transport wrote it to an .eml file (nothing was sent); done, never counted as sent. */
export type DeliveryStatus = 'pending' | 'sent' | 'written' | 'dead';

/** A stored message; the personal fields are null once erased. */
export interface StoredMessage {
  readonly protocol: string;
  readonly unit: string;
  readonly subject: Subject;
  readonly receivedAt: number;
  readonly replyBy: number;
  readonly replyDeadlineHours: number;
  readonly name: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly caseNumber: string | null;
  readonly text: string | null;
}

/** One e-mail to send, leased by a worker until `leaseUntil`. */
export interface LeasedDelivery {
  readonly id: number;
  readonly kind: DeliveryKind;
  /** Including this one. */
  readonly attempts: number;
  readonly message: StoredMessage;
}

export interface SubmitResult {
  /** False when the same idempotency key and payload came before (the stored receipt is returned). */
  readonly created: boolean;
  readonly receipt: MessageReceipt;
}

export class OutboxError extends Error {
  override readonly name = 'OutboxError';
  constructor(readonly code: 'idempotency_conflict') {
    super(code);
  }
}

/**
 * The store the HTTP handler and the workers use. Every method is one atomic operation
 * inside the store and returns a Promise, so a networked store (PostgreSQL, when a court
 * runs more than one server) is an adapter of this interface; the rules above it (routes,
 * worker) hold no transaction across an `await`. Tests run them against a double that
 * answers on a later macrotask (test/later.ts) and inject a failing store.
 */
export interface Outbox {
  /** The receipt of an earlier submission with this key, or undefined; rejects with OutboxError when the payload differs. Reads only. */
  replay(unitId: string, submission: MessageSubmission): Promise<SubmitResult | undefined>;
  /** Stores the message and its deliveries with a new protocol number (or replays), durably, in one transaction. */
  submit(unit: Unit, submission: MessageSubmission, now: number): Promise<SubmitResult>;
  /** Leases up to `limit` due deliveries for `owner` until `now + leaseMs`; counts an attempt on each. */
  lease(owner: string, now: number, leaseMs: number, limit: number): Promise<LeasedDelivery[]>;
  sent(id: number, now: number): Promise<void>;
  /** Written to an .eml file by the files transport: done (not pending, not listed), yet not sent. */
  written(id: number, now: number): Promise<void>;
  /** Back to pending, due at `at`; false when the lease was lost meanwhile. */
  retry(id: number, owner: string, at: number, error: string): Promise<boolean>;
  dead(id: number, owner: string, now: number, error: string): Promise<boolean>;
  /** Gives back every lease `owner` holds (a worker stopping). */
  release(owner: string): Promise<void>;
  /** Dead deliveries not yet acknowledged, and those pending since before `pendingSince`, of one unit. */
  undelivered(unitId: string, pendingSince: number): Promise<UndeliveredEntry[]>;
  /** A manager saw the dead deliveries of this protocol: their content may now be erased. False when there is none. */
  acknowledge(unitId: string, protocol: string, now: number): Promise<boolean>;
  close(): Promise<void>;
}


/** Protocol numbers count per calendar year in Brasília time, one sequence per server. */
const PROTOCOL_TIME_ZONE = 'America/Sao_Paulo';

interface MessageRow {
  protocol: string;
  unit: string;
  subject: Subject;
  received_at: number;
  reply_by: number;
  reply_deadline_hours: number;
  payload_hash: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  case_number: string | null;
  text: string | null;
}

function toMessage(r: MessageRow): StoredMessage {
  return {
    protocol: r.protocol,
    unit: r.unit,
    subject: r.subject,
    receivedAt: r.received_at,
    replyBy: r.reply_by,
    replyDeadlineHours: r.reply_deadline_hours,
    name: r.name,
    email: r.email,
    phone: r.phone,
    caseNumber: r.case_number,
    text: r.text,
  };
}

function receiptOf(r: MessageRow): MessageReceipt {
  return {
    protocol: r.protocol,
    receivedAt: new Date(r.received_at).toISOString(),
    replyBy: new Date(r.reply_by).toISOString(),
    replyDeadlineHours: r.reply_deadline_hours,
  };
}

/** A hash of the normalized submission and its unit: what "the same payload" means. */
export function payloadHash(unitId: string, s: MessageSubmission): string {
  const fields = [unitId, s.name, s.email, s.phone ?? null, s.caseNumber ?? null, s.subject, s.text];
  return createHash('sha256').update(JSON.stringify(fields)).digest('base64url');
}

export interface SqliteOutboxOptions {
  /** Database file, or ':memory:'. */
  readonly file: string;
  /** Opens an existing, migrated file read-only (every write then fails, as on a read-only disk). */
  readonly readonly?: boolean;
}

export class SqliteOutbox implements Outbox {
  private readonly db: Db;
  private readonly sql: ReturnType<typeof statements>;

  constructor(options: SqliteOutboxOptions) {
    this.db = new Database(options.file, { readonly: options.readonly ?? false });
    if (options.readonly) this.db.pragma('busy_timeout = 5000');
    else migrate(this.db);
    this.sql = statements(this.db);
  }

  async replay(unitId: string, submission: MessageSubmission): Promise<SubmitResult | undefined> {
    return this.replayNow(unitId, submission);
  }

  private replayNow(unitId: string, submission: MessageSubmission): SubmitResult | undefined {
    const row = this.sql.messageByKey.get(submission.idempotencyKey) as MessageRow | undefined;
    if (!row) return undefined;
    if (row.payload_hash !== payloadHash(unitId, submission)) throw new OutboxError('idempotency_conflict');
    return { created: false, receipt: receiptOf(row) };
  }

  async submit(unit: Unit, submission: MessageSubmission, now: number): Promise<SubmitResult> {
    return this.db.transaction((): SubmitResult => {
      const earlier = this.replayNow(unit.id, submission);
      if (earlier) return earlier;
      const year = zonedParts(now, PROTOCOL_TIME_ZONE).year;
      const last = (this.sql.lastSeq.get(year) as { m: number | null }).m ?? 0;
      const seq = last + 1;
      const row: MessageRow = {
        protocol: `BV-${year}-${String(seq).padStart(6, '0')}`,
        unit: unit.id,
        subject: submission.subject,
        received_at: now,
        reply_by: now + unit.replyDeadlineHours * 3_600_000,
        reply_deadline_hours: unit.replyDeadlineHours,
        payload_hash: payloadHash(unit.id, submission),
        name: submission.name,
        email: submission.email,
        phone: submission.phone ?? null,
        case_number: submission.caseNumber ?? null,
        text: submission.text,
      };
      this.sql.insertMessage.run({ ...row, year, seq, key: submission.idempotencyKey });
      this.sql.insertDelivery.run(row.protocol, 'unit', now);
      this.sql.insertDelivery.run(row.protocol, 'copy', now);
      return { created: true, receipt: receiptOf(row) };
    }).immediate();
  }

  async lease(owner: string, now: number, leaseMs: number, limit: number): Promise<LeasedDelivery[]> {
    // BEGIN IMMEDIATE takes the write lock before reading, so two workers (or processes) on
    // the same file never lease the same row.
    return this.db.transaction((): LeasedDelivery[] => {
      const rows = this.sql.lease.all({ owner, until: now + leaseMs, now, limit }) as { id: number; protocol: string; kind: DeliveryKind; attempts: number }[];
      return rows
        .sort((a, b) => a.id - b.id)
        .map((r) => ({ id: r.id, kind: r.kind, attempts: r.attempts, message: toMessage(this.sql.messageByProtocol.get(r.protocol) as MessageRow) }));
    }).immediate();
  }

  async sent(id: number, now: number): Promise<void> {
    this.finish(this.sql.sent, id, now);
  }

  async written(id: number, now: number): Promise<void> {
    this.finish(this.sql.written, id, now);
  }

  /** Marks a delivery done (whoever holds the lease now: it left, that's what counts) and erases what nothing needs any more. */
  private finish(mark: Statement, id: number, now: number): void {
    const erased = this.db.transaction((): boolean => {
      mark.run(now, id);
      return this.eraseIfDone(id, now);
    }).immediate();
    if (erased) this.flushErased();
  }

  async retry(id: number, owner: string, at: number, error: string): Promise<boolean> {
    return this.sql.retry.run(at, error, id, owner).changes === 1;
  }

  async dead(id: number, owner: string, now: number, error: string): Promise<boolean> {
    return this.sql.dead.run(now, error, id, owner).changes === 1;
  }

  async release(owner: string): Promise<void> {
    this.sql.release.run(owner);
  }

  async undelivered(unitId: string, pendingSince: number): Promise<UndeliveredEntry[]> {
    const rows = this.sql.undelivered.all(unitId, pendingSince) as (MessageRow & { kind: DeliveryKind; status: 'dead' | 'pending'; attempts: number; last_error: string | null })[];
    return rows.map((r) => ({
      protocol: r.protocol,
      recipient: r.kind,
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      receivedAt: new Date(r.received_at).toISOString(),
      replyBy: new Date(r.reply_by).toISOString(),
      subject: r.subject,
      name: r.name,
      email: r.email,
      phone: r.phone,
      caseNumber: r.case_number,
      text: r.text,
    }));
  }

  async acknowledge(unitId: string, protocol: string, now: number): Promise<boolean> {
    const acknowledged = this.db.transaction((): boolean => {
      const dead = this.sql.firstDead.get(unitId, protocol) as { id: number } | undefined;
      if (!dead) return false;
      this.sql.acknowledge.run(now, protocol);
      this.eraseIfDone(dead.id, now);
      return true;
    }).immediate();
    if (acknowledged) this.flushErased();
    return acknowledged;
  }

  /**
   * Erased content must be gone from the disk too, not only from the table: the old page
   * images stay in the WAL until a checkpoint (and freed pages keep their bytes without
   * secure_delete, set in migrate()). Copies them back and truncates the WAL.
   */
  private flushErased(): void {
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A reader holds the WAL: the next erase (or the next start) checkpoints it.
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** Erases the personal content of a delivery's message once nothing needs it any more. */
  private eraseIfDone(deliveryId: number, now: number): boolean {
    return this.sql.erase.run({ now, id: deliveryId }).changes > 0;
  }
}

/** Every statement of the outbox, prepared once per connection. */
function statements(db: Db) {
  return {
    messageByKey: db.prepare(`SELECT * FROM messages WHERE idempotency_key = ?`),
    messageByProtocol: db.prepare(`SELECT * FROM messages WHERE protocol = ?`),
    lastSeq: db.prepare(`SELECT MAX(seq) AS m FROM messages WHERE year = ?`),
    insertMessage: db.prepare(
      `INSERT INTO messages (protocol, year, seq, idempotency_key, payload_hash, unit, subject, received_at, reply_by, reply_deadline_hours,
         name, email, phone, case_number, text)
       VALUES (@protocol, @year, @seq, @key, @payload_hash, @unit, @subject, @received_at, @reply_by, @reply_deadline_hours,
         @name, @email, @phone, @case_number, @text)`,
    ),
    insertDelivery: db.prepare(`INSERT INTO deliveries (protocol, kind, status, next_attempt_at) VALUES (?, ?, 'pending', ?)`),
    lease: db.prepare(
      `UPDATE deliveries SET lease_owner = @owner, lease_until = @until, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM deliveries
         WHERE status = 'pending' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
         ORDER BY next_attempt_at, id LIMIT @limit)
       RETURNING id, protocol, kind, attempts`,
    ),
    sent: db.prepare(`UPDATE deliveries SET status = 'sent', sent_at = ?, lease_owner = NULL, lease_until = NULL, last_error = NULL WHERE id = ? AND status = 'pending'`),
    written: db.prepare(`UPDATE deliveries SET status = 'written', written_at = ?, lease_owner = NULL, lease_until = NULL, last_error = NULL WHERE id = ? AND status = 'pending'`),
    retry: db.prepare(`UPDATE deliveries SET next_attempt_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ? AND status = 'pending'`),
    dead: db.prepare(`UPDATE deliveries SET status = 'dead', dead_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ? AND status = 'pending'`),
    release: db.prepare(`UPDATE deliveries SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ? AND status = 'pending'`),
    undelivered: db.prepare(
      `SELECT d.kind, d.status, d.attempts, d.last_error, m.* FROM deliveries d JOIN messages m ON m.protocol = d.protocol
       WHERE m.unit = ? AND ((d.status = 'dead' AND m.acknowledged_at IS NULL) OR (d.status = 'pending' AND m.received_at < ?))
       ORDER BY m.received_at, d.kind DESC`,
    ),
    firstDead: db.prepare(
      `SELECT d.id FROM deliveries d JOIN messages m ON m.protocol = d.protocol
       WHERE m.unit = ? AND m.protocol = ? AND d.status = 'dead' AND m.acknowledged_at IS NULL LIMIT 1`,
    ),
    acknowledge: db.prepare(`UPDATE messages SET acknowledged_at = ? WHERE protocol = ?`),
    erase: db.prepare(
      `UPDATE messages SET name = NULL, email = NULL, phone = NULL, case_number = NULL, text = NULL, erased_at = @now
       WHERE protocol = (SELECT protocol FROM deliveries WHERE id = @id) AND erased_at IS NULL
         AND NOT EXISTS (
           SELECT 1 FROM deliveries d WHERE d.protocol = messages.protocol
             AND (d.status = 'pending' OR (d.status = 'dead' AND messages.acknowledged_at IS NULL)))`,
    ),
  };
}
