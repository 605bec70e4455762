// The data directory's lock (src/server/data-lock.ts) and the server's start-up order: the
// lock, then the port, then the data. (Across processes, and after a SIGKILL:
// test/e2e/data-dir-process.test.ts.)
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { createServer as createNetServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataLock, DataDirBusyError, LOCK_FILE, lockFilesOnly, type DataLock } from '../../src/server/data-lock.js';
import { parseUnits } from '../../src/core/index.js';
import { memoryLogger } from '../../src/server/logger.js';
import { createServer, type BalcaoServer } from '../../src/server/server.js';
import { testConfig, unitsJson } from './helpers.js';

const units = new Map(parseUnits(unitsJson).map((u) => [u.id, u]));
const held: DataLock[] = [];
const servers: BalcaoServer[] = [];

afterEach(async () => {
  for (const lock of held.splice(0)) lock.release();
  for (const server of servers.splice(0)) await server.stop();
});

const freshDir = (): string => path.join(mkdtempSync(path.join(tmpdir(), 'balcao-lock-')), 'data');

describe('acquireDataLock', () => {
  it('creates the directory, and refuses a second holder at once with a message naming it', () => {
    const dir = freshDir();
    const first = acquireDataLock(dir);
    held.push(first);
    expect(first.dir).toBe(dir);
    expect(first.previous).toBeUndefined();
    expect(lockFilesOnly(readdirSync(dir))).toEqual([LOCK_FILE]);
    const started = Date.now();
    expect(() => acquireDataLock(dir)).toThrow(DataDirBusyError);
    expect(() => acquireDataLock(dir)).toThrow(`O diretório de dados ${dir} já está em uso por outro processo`);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('is free again once released, and the next holder learns the previous one stopped', () => {
    const dir = freshDir();
    let clock = 1_000;
    const first = acquireDataLock(dir, () => clock);
    clock = 5_000;
    first.release();
    first.release(); // idempotent
    const second = acquireDataLock(dir, () => clock);
    held.push(second);
    expect(second.previous).toEqual({ pid: process.pid, startedAt: 1_000, stoppedAt: 5_000 });
  });
});

describe('the server on a data directory', () => {
  it('refuses to start on a directory another server holds, and the first one keeps serving', async () => {
    const config = testConfig();
    const first = createServer(config, { units, logger: memoryLogger() });
    servers.push(first);
    const url = await first.start();
    await expect(createServer(config, { units, logger: memoryLogger() }).start()).rejects.toThrow(DataDirBusyError);
    expect((await fetch(new URL('api/units/vara-civel-natal', url))).status).toBe(200);
    await first.stop();
    const again = createServer(config, { units, logger: memoryLogger() });
    servers.push(again);
    await again.start();
  });

  it('fails on a port already in use before opening the data, and frees the directory', async () => {
    const blocker: Server = createNetServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const config = testConfig({ dataDir: freshDir() });
    try {
      await expect(createServer({ ...config, port }, { units, logger: memoryLogger() }).start()).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      blocker.close();
    }
    expect(lockFilesOnly(readdirSync(config.dataDir))).toEqual([LOCK_FILE]);
    const server = createServer(config, { units, logger: memoryLogger() });
    servers.push(server);
    await server.start();
    for (const file of ['balcao.sqlite', 'outbox.sqlite', 'clerk-secret']) expect(existsSync(path.join(config.dataDir, file))).toBe(true);
  });
});
