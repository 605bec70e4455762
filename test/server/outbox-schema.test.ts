// The outbox's schema migrations: a file from before the `written` status keeps its rows,
// their statuses and leases, and takes the new status afterwards.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/server/mail/outbox-schema.js';
import { SqliteOutbox } from '../../src/server/mail/outbox.js';
import { freshDataDir, readOutbox, UNIT } from './mail-helpers.js';

const opened: SqliteOutbox[] = [];
afterEach(async () => {
  for (const outbox of opened.splice(0)) await outbox.close();
});

/** An outbox file as the first schema left it: one message, one delivery sent, one pending. */
function firstSchemaFile(): string {
  const dir = freshDataDir();
  const db = new Database(path.join(dir, 'outbox.sqlite'));
  db.exec(MIGRATIONS[0] ?? '');
  db.pragma('user_version = 1');
  db.prepare(
    `INSERT INTO messages (protocol, year, seq, idempotency_key, payload_hash, unit, subject, received_at, reply_by, reply_deadline_hours, name, email, text)
     VALUES ('BV-2026-000001', 2026, 1, 'k1', 'h', ?, 'other', 1000, 2000, 48, 'Maria Quitéria', 'maria@example.com', 'Olá')`,
  ).run(UNIT);
  db.prepare(`INSERT INTO deliveries (protocol, kind, status, attempts, next_attempt_at, sent_at) VALUES ('BV-2026-000001', 'unit', 'sent', 1, 1000, 1500)`).run();
  db.prepare(`INSERT INTO deliveries (protocol, kind, status, attempts, next_attempt_at, last_error) VALUES ('BV-2026-000001', 'copy', 'pending', 2, 1000, 'ECONNECTION')`).run();
  db.close();
  return dir;
}

describe('the outbox schema', () => {
  it('migrates a first-schema file: rows kept, the written status taken afterwards', async () => {
    const dir = firstSchemaFile();
    const outbox = new SqliteOutbox({ file: path.join(dir, 'outbox.sqlite') });
    opened.push(outbox);
    const rows = (): unknown[] => readOutbox(dir, (db) => db.prepare('SELECT id, kind, status, attempts, last_error, sent_at, written_at FROM deliveries ORDER BY id').all());
    expect(rows()).toEqual([
      { id: 1, kind: 'unit', status: 'sent', attempts: 1, last_error: null, sent_at: 1500, written_at: null },
      { id: 2, kind: 'copy', status: 'pending', attempts: 2, last_error: 'ECONNECTION', sent_at: null, written_at: null },
    ]);
    expect(readOutbox(dir, (db) => db.pragma('user_version', { simple: true }))).toBe(MIGRATIONS.length);
    const [leased] = await outbox.lease('w', 5000, 1000, 10);
    expect(leased).toMatchObject({ id: 2, kind: 'copy', attempts: 3, message: { name: 'Maria Quitéria' } });
    await outbox.written(2, 6000);
    expect(rows()[1]).toMatchObject({ status: 'written', written_at: 6000, sent_at: null });
    // Both deliveries done: the content is erased, as after sending.
    expect(readOutbox(dir, (db) => db.prepare('SELECT name, email, text FROM messages').get())).toEqual({ name: null, email: null, text: null });
    expect(await outbox.undelivered(UNIT, 10_000)).toEqual([]);
  });
});

describe('a file from a newer release', () => {
  it('is refused, saying so, and left as it was (a rollback never runs on a schema it does not know)', () => {
    const dir = freshDataDir();
    const file = path.join(dir, 'outbox.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => new SqliteOutbox({ file })).toThrow(`mais novo que o desta versão (${MIGRATIONS.length})`);
    const after = new Database(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 1);
    after.close();
  });
});
