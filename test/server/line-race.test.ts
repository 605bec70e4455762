// Two clerks calling at once: each person called exactly once, in order, through one line, two lines on one file, and four threads.
// Run over each store kind (SQLite, and SQLite behind a double answering on a later macrotask).

import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/core/protocol/index.js';
import { type ClerkSession } from '../../src/server/line/line.js';
import {
  cleanUpLinesAfterEach,
  codes,
  LineHarness,
  lineErrorOf,
  MON_0800,
  MON_0900,
  overEachStore,
  seededRandom,
  tempDbFile,
  UNIT,
} from './line-helpers.js';

cleanUpLinesAfterEach();

function isDone(m: unknown): m is { type: 'done'; codes: string[] } {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'done' && Array.isArray((m as { codes?: unknown }).codes);
}

/** Bundles the real line over SQLite (TypeScript) into one ES module a worker thread can import. */
async function bundleLineForWorkers(dir: string): Promise<string> {
  const esbuild = await import('esbuild');
  const require = createRequire(import.meta.url);
  const betterSqlite = require.resolve('better-sqlite3');
  const root = path.resolve(import.meta.dirname, '../..');
  const outfile = path.join(dir, 'line-bundle.mjs');
  await esbuild.build({
    stdin: {
      contents: [
        `export { openSqliteLine } from './src/server/line/sqlite-line.ts';`,
        `export { parseUnits } from './src/core/index.ts';`,
        `export { silentLogger } from './src/server/logger.ts';`,
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'race-entry.ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
    plugins: [
      {
        name: 'native-better-sqlite3',
        setup(build) {
          build.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: betterSqlite, external: true }));
        },
      },
    ],
  });
  return outfile;
}

/** One clerk per thread, each with its own line (its own SQLite connection) on the same file. */
const RACE_WORKER = `
import { parentPort, workerData } from 'node:worker_threads';
const { openSqliteLine, parseUnits, silentLogger } = await import(workerData.bundle);
const units = new Map(parseUnits([{ id: workerData.unit, name: 'Vara', timezone: 'America/Fortaleza',
  hours: { mon: [['08:00', '14:00']] } }]).map((u) => [u.id, u]));
const line = openSqliteLine({ file: workerData.file, units, logger: silentLogger, now: () => workerData.at,
  config: { answerWindowMs: 60000, graceMs: 180000 } });
const codes = [];
let current = null;
let empty = false;
line.subscribe((n) => {
  if (n.to !== 'clerk') return;
  if (n.event.type === 'calling') { codes.push(n.event.code); current = n.event.code; }
  if (n.event.type === 'line-empty') empty = true;
});
const session = await line.clerkPresent({ clerkId: workerData.clerkId, name: 'Servidor de Teste', unit: workerData.unit });
parentPort.postMessage({ type: 'ready' });
Atomics.wait(new Int32Array(workerData.start), 0, 0);
while (!empty) {
  current = null;
  await line.callNext(session.sessionId);
  if (current !== null) await line.finish(session.sessionId, 'attended');
}
await line.close();
parentPort.postMessage({ type: 'done', codes });
`;

overEachStore(() => {
  describe('steps asked for at once', () => {
    it('run one after the other, in the order asked: joins get codes and places in that order', async () => {
      const h = new LineHarness();
      const tickets = await Promise.all([h.join(), h.join(), h.join(), h.join()]);
      expect(tickets.map((t) => [t.code, t.position])).toEqual([
        ['A-001', 1],
        ['A-002', 2],
        ['A-003', 3],
        ['A-004', 4],
      ]);
    });

    it('never give one person to two clerks calling in the same instant', async () => {
      const h = new LineHarness();
      const [t1, t2] = await h.joinMany(2, true);
      const c1 = await h.clerk('c1');
      const c2 = await h.clerk('c2', 'João Batista Pereira');
      await Promise.all([h.line.callNext(c1.sessionId), h.line.callNext(c2.sessionId), h.line.callNext(c1.sessionId).catch(() => 'busy')]);
      expect(h.clerkEventsOf(c1.sessionId, 'calling').map((e) => e.code)).toEqual(['A-001']);
      expect(h.clerkEventsOf(c2.sessionId, 'calling').map((e) => e.code)).toEqual(['A-002']);
      expect(h.citizenEventsOf(t1?.ticketId ?? '', 'called')).toHaveLength(1);
      expect(h.citizenEventsOf(t2?.ticketId ?? '', 'called')).toHaveLength(1);
    });

    it('keep going after a refused one: the next step runs and the refusal reaches only its caller', async () => {
      const h = new LineHarness();
      const clerk = await h.clerk();
      const results = await Promise.allSettled([h.line.finish(clerk.sessionId, 'attended'), h.join()]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
      expect(await lineErrorOf(() => h.line.finish(clerk.sessionId, 'attended'))).toBe('no_call');
      expect((await h.line.unitState(UNIT)).waiting).toBe(1);
    });
  });

  describe('two clerks calling at once', () => {
    /** Random callNext / answer / finish by `clerks` until the line is empty; the codes in the order called. */
    async function serveAll(
      random: () => number,
      clerks: readonly { h: LineHarness; session: ClerkSession }[],
      onCalling: (code: string) => void,
    ): Promise<number> {
      const inCall = new Map<string, Ticket | true>();
      let iterations = 0;
      let emptyStreak = 0;
      while (emptyStreak < clerks.length * 4 && iterations < 2000) {
        iterations++;
        const pick = clerks[Math.floor(random() * clerks.length)];
        if (!pick) continue;
        const { h, session } = pick;
        if (inCall.has(session.sessionId)) {
          if (random() < 0.5) await h.line.finish(session.sessionId, 'attended');
          else await h.line.finish(session.sessionId, 'redirected-email');
          inCall.delete(session.sessionId);
          continue;
        }
        const before = h.clerkEventsOf(session.sessionId, 'calling').length;
        await h.line.callNext(session.sessionId);
        const calling = h.clerkEventsOf(session.sessionId, 'calling');
        const latest = calling.at(-1);
        if (calling.length > before && latest) {
          onCalling(latest.code);
          inCall.set(session.sessionId, true);
          emptyStreak = 0;
        } else {
          emptyStreak++;
        }
      }
      return iterations;
    }

    it.each([1, 7, 2026])('calls each of 50 people exactly once, in join order (seed %i)', async (seed) => {
      const h = new LineHarness({ at: MON_0800 });
      const tickets = await h.joinMany(50, true);
      const c1 = await h.clerk('c1');
      const c2 = await h.clerk('c2', 'João Batista Pereira');
      const order: string[] = [];
      const iterations = await serveAll(seededRandom(seed), [{ h, session: c1 }, { h, session: c2 }], (code) => order.push(code));

      expect(iterations).toBeGreaterThanOrEqual(100);
      expect(order).toEqual(codes(1, 50));
      for (const t of tickets) expect(h.citizenEventsOf(t.ticketId, 'called')).toHaveLength(1);
      expect(h.calledCodes()).toEqual(codes(1, 50));
      // Both clerks actually worked.
      expect(h.clerkEventsOf(c1.sessionId, 'calling').length).toBeGreaterThan(5);
      expect(h.clerkEventsOf(c2.sessionId, 'calling').length).toBeGreaterThan(5);
      expect((await h.line.unitState(UNIT)).waiting).toBe(0);
    });

    it('never pops the same ticket twice from two lines on the same file', async () => {
      const file = tempDbFile();
      const a = new LineHarness({ file, at: MON_0800 });
      const b = new LineHarness({ file, at: MON_0800 });
      await a.joinMany(50, true);
      const c1 = await a.clerk('c1');
      const c2 = await b.clerk('c2', 'João Batista Pereira');
      const order: string[] = [];
      await serveAll(seededRandom(42), [{ h: a, session: c1 }, { h: b, session: c2 }], (code) => order.push(code));

      expect(order).toEqual(codes(1, 50));
      expect(new Set(order).size).toBe(50);
      expect(a.clerkEventsOf(c1.sessionId, 'calling').length).toBeGreaterThan(5);
      expect(b.clerkEventsOf(c2.sessionId, 'calling').length).toBeGreaterThan(5);
      expect((await b.line.unitState(UNIT)).waiting).toBe(0);
    });
  });
});

/** Threads share the SQLite file, not a store double: this one is about SQLite's own locking. */
describe('two clerks calling at once, over SQLite in four threads', () => {
  it('never pops the same ticket twice when four threads race on the same file', async () => {
    const file = tempDbFile();
    const dir = path.dirname(file);
    const main = new LineHarness({ file, at: MON_0900, store: 'sqlite' });
    const tickets = await main.joinMany(50);

    const bundle = await bundleLineForWorkers(dir);
    const workerFile = path.join(dir, 'race-worker.mjs');
    writeFileSync(workerFile, RACE_WORKER);
    const start = new SharedArrayBuffer(4);
    const workers = Array.from(
      { length: 4 },
      (_, i) =>
        new Worker(workerFile, {
          workerData: { bundle: pathToFileURL(bundle).href, file, at: MON_0900, clerkId: `c${i}`, unit: UNIT, start },
        }),
    );
    try {
      const results = workers.map(
        (w) =>
          new Promise<string[]>((resolve, reject) => {
            w.on('message', (m: unknown) => {
              if (isDone(m)) resolve(m.codes);
            });
            w.on('error', reject);
          }),
      );
      await Promise.all(workers.map((w) => once(w, 'message')));
      // Each instance's start-up marked everyone away: the sockets say hello now.
      for (const t of tickets) await main.line.citizenPresent(t.ticketId);
      const flag = new Int32Array(start);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      const perWorker = await Promise.all(results);

      const all = perWorker.flat();
      expect(all).toHaveLength(50);
      expect(new Set(all).size).toBe(50);
      expect([...all].sort()).toEqual(codes(1, 50));
      // FIFO within each clerk: codes only go up.
      for (const list of perWorker) expect(list).toEqual([...list].sort());
      expect((await main.line.unitState(UNIT)).waiting).toBe(0);
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  });
});
