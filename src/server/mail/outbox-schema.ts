// The outbox's schema: its migrations, in order (the file's user_version counts those run),
// and the pragmas every connection that writes sets.

import type { Database as Db } from 'better-sqlite3';

/** Each entry runs once, in one transaction, in order; never edit one that has shipped. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE messages (
     protocol TEXT PRIMARY KEY,
     year INTEGER NOT NULL,
     seq INTEGER NOT NULL,
     idempotency_key TEXT NOT NULL UNIQUE,
     payload_hash TEXT NOT NULL,
     unit TEXT NOT NULL,
     subject TEXT NOT NULL,
     received_at INTEGER NOT NULL,
     reply_by INTEGER NOT NULL,
     reply_deadline_hours INTEGER NOT NULL,
     name TEXT,
     email TEXT,
     phone TEXT,
     case_number TEXT,
     text TEXT,
     acknowledged_at INTEGER,
     erased_at INTEGER,
     UNIQUE (year, seq)
   );
   CREATE INDEX messages_unit ON messages (unit, received_at);
   CREATE TABLE deliveries (
     id INTEGER PRIMARY KEY,
     protocol TEXT NOT NULL REFERENCES messages (protocol),
     kind TEXT NOT NULL CHECK (kind IN ('unit', 'copy')),
     status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'dead')),
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER NOT NULL,
     lease_owner TEXT,
     lease_until INTEGER,
     last_error TEXT,
     sent_at INTEGER,
     dead_at INTEGER,
     UNIQUE (protocol, kind)
   );
   CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);`,
  // 2: a delivery the files transport wrote is `written`, apart from `sent` (SQLite changes a
  // CHECK only by rebuilding the table; nothing references deliveries).
  `CREATE TABLE deliveries_new (
     id INTEGER PRIMARY KEY,
     protocol TEXT NOT NULL REFERENCES messages (protocol),
     kind TEXT NOT NULL CHECK (kind IN ('unit', 'copy')),
     status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'written', 'dead')),
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER NOT NULL,
     lease_owner TEXT,
     lease_until INTEGER,
     last_error TEXT,
     sent_at INTEGER,
     written_at INTEGER,
     dead_at INTEGER,
     UNIQUE (protocol, kind)
   );
   INSERT INTO deliveries_new (id, protocol, kind, status, attempts, next_attempt_at, lease_owner, lease_until, last_error, sent_at, dead_at)
     SELECT id, protocol, kind, status, attempts, next_attempt_at, lease_owner, lease_until, last_error, sent_at, dead_at FROM deliveries;
   DROP TABLE deliveries;
   ALTER TABLE deliveries_new RENAME TO deliveries;
   CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);`,
];

/** Brings the outbox database to the current schema; durable writes before "recebido". */
export function migrate(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Erased personal content is overwritten with zeros on disk, not only unlinked.
  db.pragma('secure_delete = ON');
  const current = db.pragma('user_version', { simple: true }) as number;
  // A file a newer release migrated (then rolled back to this one): never run on a schema not known here.
  if (current > MIGRATIONS.length) {
    throw new Error(`A caixa de saída (outbox) tem o esquema ${current}, mais novo que o desta versão (${MIGRATIONS.length}): volte à versão mais nova do Balcão Virtual.`);
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    const sql = MIGRATIONS[version] ?? '';
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
