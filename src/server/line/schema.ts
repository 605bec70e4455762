// SQLite schema of the line, migrated on start. One file under ./data/ by default.
// Nothing personal is stored: tickets hold codes, flags and times; clerk sessions hold the
// clerk's name because citizens are shown it (TJRN Portaria 38/2021) — attendance
// records keep only the clerk's id.

import type { Database } from 'better-sqlite3';

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE tickets (
     id TEXT PRIMARY KEY,
     unit TEXT NOT NULL,
     day TEXT NOT NULL,
     seq INTEGER NOT NULL,
     code TEXT NOT NULL,
     peer_id TEXT NOT NULL UNIQUE,
     peer_token TEXT NOT NULL,
     subject TEXT NOT NULL,
     sealed INTEGER NOT NULL,
     lawyer INTEGER NOT NULL,
     libras INTEGER NOT NULL,
     status TEXT NOT NULL,
     order_key REAL NOT NULL,
     joined_at INTEGER NOT NULL,
     called_at INTEGER,
     answer_by INTEGER,
     started_at INTEGER,
     ended_at INTEGER,
     session_id TEXT,
     away_since INTEGER,
     outcome TEXT,
     UNIQUE (unit, day, seq)
   );
   CREATE INDEX tickets_line ON tickets (unit, status, order_key);
   CREATE TABLE clerk_sessions (
     id TEXT PRIMARY KEY,
     clerk_id TEXT NOT NULL,
     name TEXT NOT NULL,
     unit TEXT NOT NULL,
     peer_id TEXT NOT NULL UNIQUE,
     peer_token TEXT NOT NULL,
     paused INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL,
     away_since INTEGER,
     ended_at INTEGER
   );
   CREATE INDEX clerk_sessions_unit ON clerk_sessions (unit, ended_at);
   CREATE TABLE attendances (
     id INTEGER PRIMARY KEY,
     unit TEXT NOT NULL,
     subject TEXT NOT NULL,
     sealed INTEGER NOT NULL,
     lawyer INTEGER NOT NULL,
     libras INTEGER NOT NULL,
     joined_at INTEGER NOT NULL,
     called_at INTEGER,
     started_at INTEGER,
     ended_at INTEGER NOT NULL,
     wait_seconds REAL,
     duration_seconds REAL,
     outcome TEXT NOT NULL,
     clerk_id TEXT
   );
   CREATE INDEX attendances_unit ON attendances (unit, ended_at);
   CREATE TABLE unstaffed (
     unit TEXT NOT NULL,
     day TEXT NOT NULL,
     seconds REAL NOT NULL,
     PRIMARY KEY (unit, day)
   );`,
  // When the line last ticked: after a restart, the time the server was down counts as
  // open hours without a clerk (nobody could be served).
  `CREATE TABLE meta (
     key TEXT PRIMARY KEY,
     value INTEGER NOT NULL
   );`,
];

/** Brings a database to the current schema, one transaction per migration. */
export function migrate(db: Database): number {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < MIGRATIONS.length; version++) {
    const sql = MIGRATIONS[version] ?? '';
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return MIGRATIONS.length;
}
