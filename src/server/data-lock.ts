// The data directory's lock: one server process per DATA_DIR. Two processes on one
// directory would each keep their own line in memory over the same database, and a clerk on
// one would call a citizen waiting on the other.
//
// The lock is SQLite's own (fcntl) lock on `<dataDir>/instance.lock`, a small database
// opened in `locking_mode=EXCLUSIVE` and written to: SQLite then keeps the file's exclusive
// lock until the connection closes, and the operating system drops it when the process ends
// in any way (SIGKILL, a crash, a reboot), so a stale lock cannot outlive its process and no
// pid is ever guessed at (a pid file's number may belong to another process after a reboot).
// better-sqlite3 is already the server's driver: no new dependency, no polling, no mtime.
// Within one process, SQLite tracks its locks per connection too: a second acquire fails there
// as well.
//
// While held, the file records the holder (pid, start time) and, on release, the stop time:
// whoever acquires it next knows that the previous holder is gone, and whether it stopped
// cleanly. While it is held no other process writes in the directory: whatever leases the
// holder finds at start (the outbox's) belong to a process that is gone and can be given back.
//
// Like every fcntl lock, it holds on local file systems (and NFS with a working lock
// manager); deleting the file while a server runs defeats it.

import Database, { type Database as Db } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'instance.lock';

/** `files` without the lock's own rollback journal (kept beside it while the lock is held). */
export function lockFilesOnly(files: readonly string[]): string[] {
  return files.filter((file) => file !== `${LOCK_FILE}-journal`);
}

/** The process that held the directory before this one (gone: its lock was free). */
export interface PreviousHolder {
  readonly pid: number;
  /** When it acquired the lock (ms since the epoch). */
  readonly startedAt: number;
  /** When it released the lock, or undefined when it ended without releasing it (killed, crashed). */
  readonly stoppedAt: number | undefined;
}

export interface DataLock {
  readonly dir: string;
  /** The previous holder, or undefined on the directory's first use. */
  readonly previous: PreviousHolder | undefined;
  /** Records the stop and frees the directory; idempotent. */
  release(): void;
}

/** Another process (or another server in this one) holds the directory. */
export class DataDirBusyError extends Error {
  override readonly name = 'DataDirBusyError';
  constructor(readonly dir: string) {
    super(
      `O diretório de dados ${dir} já está em uso por outro processo do Balcão Virtual. ` +
        'Dois processos no mesmo diretório dividiriam a fila: pare o outro processo, ou use outro diretório com --data (DATA_DIR).',
    );
  }
}

interface HolderRow {
  pid: number;
  started_at: number;
  stopped_at: number | null;
}

/**
 * Takes the exclusive lock of `dir` (created if missing), before anything else in it is
 * opened; throws DataDirBusyError at once (no waiting) when it is held.
 */
export function acquireDataLock(dir: string, now: () => number = Date.now): DataLock {
  const resolved = path.resolve(dir);
  mkdirSync(resolved, { recursive: true, mode: 0o700 });
  const db: Db = new Database(path.join(resolved, LOCK_FILE), { timeout: 0 });
  let previous: PreviousHolder | undefined;
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The EXCLUSIVE lock is the very first thing asked for, before any read: two processes
    // starting at the same instant would otherwise both hold a shared lock from a read, and
    // each refuse the other. locking_mode keeps it until close(). The default (rollback)
    // journal: a power cut mid-write leaves a readable file.
    db.transaction(() => {
      db.exec('CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER NOT NULL, started_at INTEGER NOT NULL, stopped_at INTEGER)');
      const row = db.prepare('SELECT pid, started_at, stopped_at FROM holder WHERE id = 1').get() as HolderRow | undefined;
      previous = row && { pid: row.pid, startedAt: row.started_at, stoppedAt: row.stopped_at ?? undefined };
      db.prepare('INSERT OR REPLACE INTO holder (id, pid, started_at, stopped_at) VALUES (1, ?, ?, NULL)').run(process.pid, now());
    }).exclusive();
  } catch (error) {
    db.close();
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code)) throw new DataDirBusyError(resolved);
    throw error;
  }
  let released = false;
  return {
    dir: resolved,
    previous,
    release() {
      if (released) return;
      released = true;
      try {
        db.prepare('UPDATE holder SET stopped_at = ? WHERE id = 1').run(now());
      } finally {
        db.close();
      }
    },
  };
}
