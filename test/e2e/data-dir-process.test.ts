// One server per data directory, with the built server as processes (`node
// dist/node/server/main.js`, what `npm start` runs): a second process on the same DATA_DIR
// exits non-zero saying so while the first keeps serving the one line; after a SIGKILL (no
// clean stop) a new process starts on that directory at once; a port already taken stops the
// process before the data directory's databases are created or touched.
//
// Run: `npm run build && npx vitest run test/e2e/data-dir-process.test.ts` (part of `npm test`).

import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import type { Ticket } from '../../src/core/protocol/index.js';
import { LOCK_FILE, lockFilesOnly } from '../../src/server/data-lock.js';
import { connectLine } from '../server/line-client.js';
import { freePort } from '../server/smtp-sink.js';
import { startBuiltServer, type Running } from './harness/built-server.js';
import { EVERY_DAY } from './harness/units.js';

const UNIT = 'vara-unica-trava';
const UNITS = [{ id: UNIT, name: 'Vara Única (teste da trava)', timezone: 'America/Fortaleza', hours: EVERY_DAY, holidays: 'none', email: 'vara@tribunal.example.jus.br' }];

const children: ChildProcess[] = [];
const sockets: WebSocket[] = [];

afterEach(() => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function unitsFile(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'balcao-units-')), 'units.json');
  writeFileSync(file, JSON.stringify(UNITS));
  return file;
}

/** The production recipe: no demo, SMTP configured (nothing listens there; no message is written here). */
async function startProcess(dataDir: string, units: string, port = 0): Promise<Running> {
  const args = ['--port', String(port), '--host', '127.0.0.1', '--data', dataDir, '--units', units, '--no-demo'];
  return startBuiltServer(args, { SMTP_URL: `smtp://127.0.0.1:${await freePort()}`, MAIL_FROM: 'balcao@tribunal.example.jus.br' }, children);
}

async function join(url: URL): Promise<Ticket> {
  const res = await fetch(new URL(`api/units/${UNIT}/queue`, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ subject: 'other', sealed: false, lawyer: false, libras: false }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Ticket;
}

/** Every file of `dir` but the lock (and its journal), with its size and modification time. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    lockFilesOnly(readdirSync(dir))
      .filter((file) => file !== LOCK_FILE)
      .map((file) => {
        const stat = statSync(path.join(dir, file));
        return [file, `${stat.size} ${stat.mtimeMs}`];
      }),
  );
}

async function blockedPort(): Promise<{ port: number; close: () => void }> {
  const blocker: Server = createNetServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  return { port: (blocker.address() as { port: number }).port, close: () => blocker.close() };
}

describe('the data directory', () => {
  it('is held by one process: a second exits 1 saying so, the first keeps serving; after a SIGKILL a new one starts', { timeout: 30_000 }, async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'balcao-lock-proc-')), 'data');
    const units = unitsFile();
    const first = await startProcess(dataDir, units);
    const waiting = await join(first.url);

    await expect(startProcess(dataDir, units)).rejects.toThrow(/^exited 1: O diretório de dados \S+ já está em uso por outro processo do Balcão Virtual\./);

    // The first one still serves the one line: the next citizen comes after the first.
    const next = await join(first.url);
    const citizen = await connectLine(first.url, '/api/line', { type: 'hello', ticketId: next.ticketId }, sockets);
    expect(await citizen.next('waiting')).toMatchObject({ position: 2 });

    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const second = await startProcess(dataDir, units);
    expect(second.stderr()).toContain('"event":"previous_process_not_stopped"');
    const back = await connectLine(second.url, '/api/line', { type: 'hello', ticketId: waiting.ticketId }, sockets);
    expect(await back.next('waiting')).toMatchObject({ code: waiting.code, position: 1 });

    // Its data after a crash and a restart: a port clash on it leaves every file as it was.
    second.child.kill('SIGKILL');
    await second.exited;
    const before = snapshot(dataDir);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['balcao.sqlite', 'outbox.sqlite', 'clerk-secret']));
    const blocker = await blockedPort();
    try {
      await expect(startProcess(dataDir, units, blocker.port)).rejects.toThrow(new RegExp(`^exited 1: [^]*A porta ${blocker.port} já está em uso`));
    } finally {
      blocker.close();
    }
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('is not touched when the port is taken: the process stops before creating its databases', { timeout: 30_000 }, async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'balcao-port-proc-')), 'data');
    const blocker = await blockedPort();
    try {
      await expect(startProcess(dataDir, unitsFile(), blocker.port)).rejects.toThrow(new RegExp(`^exited 1: [^]*A porta ${blocker.port} já está em uso`));
    } finally {
      blocker.close();
    }
    expect(lockFilesOnly(readdirSync(dataDir))).toEqual([LOCK_FILE]);
  });
});
