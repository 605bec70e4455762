// @ts-check
// C.3 Line: with LINE_WAITING citizens waiting at one unit and a clerk's socket open (it
// receives the whole line at every change), the time from POST /api/units/:id/queue to
// the first `{type:'waiting'}` on /api/line after hello. Each measured citizen then
// leaves and the next starts once the server has sent the clerk the line after that
// leave, so the line stays at LINE_WAITING and each join meets an idle server. Database
// in os.tmpdir(). Also the time of one `line.tick()`, which runs every second on the
// same event loop as signaling. Stock has no line.
import { Buffer } from 'node:buffer';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { WebSocket } from 'ws';
import { fmt, fmtInt, pct, table } from '../lib/format.mjs';
import { withTimeout } from '../lib/processes.mjs';
import { quantiles } from '../lib/stats.mjs';
import { JOIN, LINE_JOINS, LINE_MESSAGES_PER_JOIN, LINE_UNIT, LINE_WAITING, LINE_WARMUP } from './config.mjs';
import { cpuWindow, withDataDir, withServer } from './harness.mjs';

/**
 * @typedef {{ total: number, post: number, hello: number, position: number }} Join
 * @typedef {{ joins: Join[], cpu: import('./harness.mjs').Window, tickMs: number }} LineRun
 * @typedef {{ ws: WebSocket, until: (type: string, count: number) => Promise<void>, next: (type: string) => Promise<void> }} LineSocket
 */

/**
 * A line socket (/api/line, /api/clerk) once its hello got `expect`; `until(type, n)` waits for the n-th message of that type.
 * @param {string} base
 * @param {string} pathname
 * @param {object} hello
 * @param {string} expect
 * @returns {Promise<LineSocket>}
 */
async function lineSocket(base, pathname, hello, expect) {
  const ws = new WebSocket(new URL(pathname, base.replace(/^http/, 'ws')), { perMessageDeflate: false });
  /** @type {Map<string | undefined, number>} */
  const seen = new Map();
  /** @type {Set<{ type: string, count: number, resolve: () => void }>} */
  const waiters = new Set();
  ws.on('message', (/** @type {Buffer} */ data) => {
    // The type only (every event starts with it): the clerk's whole-line messages are large.
    const type = /^\{"type":"([^"]+)"/.exec(data.toString('latin1', 0, 64))?.[1];
    seen.set(type, (seen.get(type) ?? 0) + 1);
    for (const w of waiters) {
      if (w.type === type && (seen.get(type) ?? 0) >= w.count) {
        waiters.delete(w);
        w.resolve();
      }
    }
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  /**
   * @param {string} type
   * @param {number} count
   */
  const until = (type, count) =>
    withTimeout(
      /** @type {Promise<void>} */ (new Promise((resolve) => ((seen.get(type) ?? 0) >= count ? resolve() : waiters.add({ type, count, resolve })))),
      10_000,
      `line message ${type} #${count}`,
    );
  /** @param {string} type */
  const next = (type) => until(type, (seen.get(type) ?? 0) + 1);
  const first = next(expect);
  ws.send(JSON.stringify(hello));
  await first;
  return { ws, until, next };
}

/**
 * One citizen: joins over HTTP, says hello on /api/line, waits for the position, leaves.
 * @param {string} base
 * @returns {Promise<Join>}
 */
async function timedJoin(base) {
  const started = performance.now();
  const res = await globalThis.fetch(new URL(`api/units/${LINE_UNIT}/queue`, base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(JOIN) });
  if (res.status !== 201) throw new Error(`join answered ${res.status}: ${await res.text()}`);
  const ticket = /** @type {{ ticketId: string, position: number }} */ (await res.json());
  const joined = performance.now();
  const citizen = await lineSocket(base, '/api/line', { type: 'hello', ticketId: ticket.ticketId }, 'waiting');
  const done = performance.now();
  const left = citizen.next('left');
  citizen.ws.send(JSON.stringify({ type: 'leave' }));
  await left;
  citizen.ws.terminate();
  return { total: done - started, post: joined - started, hello: done - joined, position: ticket.position };
}

/**
 * @param {import('./connections.mjs').Context} ctx
 * @returns {Promise<LineRun>}
 */
export async function benchLine(ctx) {
  const { LocalClerkAuth } = /** @type {typeof import('../../../src/server/clerk-auth.js')} */ (await import(pathToFileURL(path.join(ctx.nodeDir, 'server/clerk-auth.js')).href));
  return withDataDir(os.tmpdir(), (dataDir) =>
    withServer({ ...ctx, kind: 'ours', dataDir, units: [LINE_UNIT] }, async (server) => {
      const started = performance.now();
      await withTimeout(server.call('join', { units: [LINE_UNIT], n: LINE_WAITING }), 120_000, 'filling the line');
      console.log(`${fmtInt(LINE_WAITING)} citizens joined in ${fmt((performance.now() - started) / 1000, 1)} s (in the server's process, not measured)`);
      const base = `http://127.0.0.1:${server.port}/`;
      const token = new LocalClerkAuth(Buffer.from(ctx.secret, 'hex')).mint({ unit: LINE_UNIT, name: 'Maria Bench' }, Date.now());
      const clerk = await lineSocket(base, '/api/clerk', { type: 'hello', token }, 'session');
      try {
        let lines = 1; // the line sent with the session
        /** @type {Join[]} */
        const joins = [];
        /** @type {(() => Promise<import('./harness.mjs').Window>) | undefined} */
        let end;
        for (let i = 0; i < LINE_WARMUP + LINE_JOINS; i++) {
          await clerk.until('line', lines);
          if (i === LINE_WARMUP) end = await cpuWindow(server);
          const join = await timedJoin(base);
          if (i >= LINE_WARMUP) joins.push(join);
          lines += LINE_MESSAGES_PER_JOIN;
        }
        if (!end) throw new Error('no join was measured');
        return { joins, cpu: await end(), tickMs: await server.call('tick') };
      } finally {
        clerk.ws.terminate();
      }
    }),
  );
}

/**
 * The table of C.3, the positions the citizens saw, and the CPU meanwhile.
 * @param {LineRun} line
 */
export function lineTable({ joins, cpu }) {
  /**
   * @param {string} label
   * @param {'total' | 'post' | 'hello'} key
   */
  const row = (label, key) => [label, ...quantiles(joins.map((j) => j[key])).map((x) => fmt(x, 1))];
  return {
    table: table(
      ['Ours only (stock has no line)', 'p50 ms', 'p95 ms', 'p99 ms'],
      [row('POST /queue → first `waiting` on /api/line', 'total'), row('of which POST /queue → 201', 'post'), row('of which socket open + hello → `waiting`', 'hello')],
    ),
    positions: [...new Set(joins.map((j) => j.position))].join(', '),
    cpu: `server ${pct(cpu.serverCpu)}, load generator ${pct(cpu.loadCpu)}, other processes ${pct(cpu.othersCpu)} of a core`,
  };
}
