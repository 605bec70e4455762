// @ts-check
// C.1 Connections: a fresh server process per size and round; N PeerJS sockets with
// IN_FLIGHT handshakes in flight, each done when the server's `{"type":"OPEN"}` arrives;
// the time from the first request to the last OPEN, and the server's RSS and heap after
// forced GCs before and after, per connection. A size is skipped, and says so, when the
// descriptor limit of a process (each side holds N) is too low for it.
import { existsSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fmt, fmtInt, fmtRatio, pct, table } from '../lib/format.mjs';
import { loadAverage } from '../lib/machine.mjs';
import { sleep, withTimeout } from '../lib/processes.mjs';
import { best, mean } from '../lib/stats.mjs';
import { FD_RESERVE, IN_FLIGHT, LINE_UNIT, ROUNDS, SIZES, TICKET_UNITS } from './config.mjs';
import { cpuWindow, kindsInRound, leastDisturbed, usPer, verdict, withDataDir, withServer } from './harness.mjs';
import { closeAll, madeUpPeer, openAll, peerUrl } from './sockets.mjs';

/**
 * What every server of ours needs besides its data and units: the compiled copy and the clerk-token secret.
 * @typedef {{ nodeDir: string, secret: string }} Context
 * @typedef {import('./harness.mjs').Window & { rss: number, heap: number }} Opening
 * @typedef {{ size: number, stock: Opening[], ours: Opening[] }} SizeResult
 * @typedef {{ results: SizeResult[], skipped: number[], manyUnitsTickMs?: number }} Connections
 */

/**
 * Issues the connection tickets once, over TICKET_UNITS units, into the database in `dataDir`; each ours server then starts on it.
 * @param {Context} ctx
 * @param {string} dataDir
 * @param {number} n
 */
async function issueTickets(ctx, dataDir, n) {
  const units = Array.from({ length: TICKET_UNITS }, (_, i) => `bench-${i}`);
  return withServer({ ...ctx, kind: 'ours', dataDir, units }, async (factory) => ({
    peers: await withTimeout(factory.call('join', { units, n }), 120_000, 'issuing tickets'),
    tickMs: await factory.call('tick'),
  }));
}

/**
 * @param {'stock' | 'ours'} kind
 * @param {number} size
 * @param {import('./serve.mjs').Spec} spec
 * @param {readonly import('./serve.mjs').PeerIds[]} peers
 * @returns {Promise<Opening>}
 */
async function measureConnections(kind, size, spec, peers) {
  return withServer(spec, async (server) => {
    const before = await server.call('memory');
    const end = await cpuWindow(server);
    const { sockets, ms } = await openAll(
      peers.slice(0, size).map((p) => peerUrl(kind, server.port, p)),
      IN_FLIGHT,
    );
    const cpu = await end();
    await sleep(300); // handshakes settled, 'connection' handlers done
    const after = await server.call('memory');
    await closeAll(sockets);
    return { ...cpu, ms, rss: (after.rss - before.rss) / size, heap: (after.heapUsed - before.heapUsed) / size };
  });
}

/** Issuing tickets is not measured: their database goes to /dev/shm when there is one. */
const TICKETS_PARENT = existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();

/**
 * @param {Context} ctx
 * @param {number} limit descriptors per process
 * @returns {Promise<Connections>}
 */
export async function benchConnections(ctx, limit) {
  const sizes = SIZES.filter((n) => n + FD_RESERVE <= limit);
  const skipped = SIZES.filter((n) => !sizes.includes(n));
  /** @type {SizeResult[]} */
  const results = sizes.map((size) => ({ size, stock: [], ours: [] }));
  if (sizes.length === 0) return { results, skipped };
  const largest = Math.max(...sizes);
  return withDataDir(TICKETS_PARENT, async (dataDir) => {
    process.stdout.write(`issuing ${fmtInt(largest)} tickets for ours (not measured)… `);
    const started = performance.now();
    const tickets = await issueTickets(ctx, dataDir, largest);
    console.log(`${fmt((performance.now() - started) / 1000, 1)} s`);
    // The measuring server loads one unit: the tickets stay valid (they are in its database),
    // and the line's per-second tick, whose cost grows with units (reported apart), stays out.
    /** @type {Record<'stock' | 'ours', import('./serve.mjs').Spec>} */
    const specs = { stock: { kind: 'stock' }, ours: { ...ctx, kind: 'ours', dataDir, units: [LINE_UNIT] } };
    const peers = { stock: Array.from({ length: largest }, madeUpPeer), ours: tickets.peers };
    for (let round = 0; round < ROUNDS; round++) {
      for (const r of results) {
        for (const kind of kindsInRound(round)) {
          r[kind].push(await leastDisturbed(`${kind}, ${fmtInt(r.size)} sockets`, () => measureConnections(kind, r.size, specs[kind], peers[kind])));
        }
        /** @param {'stock' | 'ours'} kind */
        const last = (kind) => /** @type {Opening} */ (r[kind].at(-1));
        console.log(`round ${round + 1}, ${fmtInt(r.size)} sockets: stock ${fmtInt(last('stock').ms)} ms, ours ${fmtInt(last('ours').ms)} ms (load average ${loadAverage()})`);
      }
    }
    return { results, skipped, manyUnitsTickMs: tickets.tickMs };
  });
}

/** @param {import('./harness.mjs').Window} r */
const shares = (r) => `${pct(r.serverCpu)}, ${pct(r.loadCpu)}, ${pct(r.othersCpu)}`;

/**
 * The tables of C.1: time to open, memory per connection, and a note on the sizes.
 * @param {Connections} connections
 * @param {number} limit
 */
export function connectionTables({ results, skipped }, limit) {
  const rows = results.map(({ size, stock, ours }) => ({ size, stock: best(stock, 'ms'), ours: best(ours, 'ms'), stockRuns: stock, oursRuns: ours }));
  const open = table(
    ['Concurrent sockets', 'Stock: time to open', 'Ours', 'Ours / stock', 'Within 1.5×', 'Opened/s, stock / ours', 'Server CPU µs per socket, stock / ours', 'CPU share: server, load generator, other processes (stock; ours)'],
    rows.map(({ size, stock, ours }) => [
      fmtInt(size),
      `${fmtInt(stock.ms)} ms`,
      `${fmtInt(ours.ms)} ms`,
      fmtRatio(ours.ms / stock.ms),
      verdict(ours.ms / stock.ms, stock, ours),
      `${fmtInt(size / (stock.ms / 1000))} / ${fmtInt(size / (ours.ms / 1000))}`,
      `${fmtInt(usPer(stock, size))} / ${fmtInt(usPer(ours, size))}`,
      `${shares(stock)}; ${shares(ours)}`,
    ]),
  );
  /**
   * @param {readonly Opening[]} runs
   * @param {'rss' | 'heap'} key
   */
  const kib = (runs, key) => mean(runs.map((r) => r[key])) / 1024;
  const memory = table(
    ['Concurrent sockets', 'Stock: RSS / conn', 'Ours: RSS / conn', 'Ours / stock', 'Within 1.5×', 'Stock: heap / conn', 'Ours: heap / conn', 'Ours / stock (heap)'],
    rows.map(({ size, stockRuns, oursRuns }) => {
      const [sr, or, sh, oh] = [kib(stockRuns, 'rss'), kib(oursRuns, 'rss'), kib(stockRuns, 'heap'), kib(oursRuns, 'heap')];
      return [fmtInt(size), `${fmt(sr)} KiB`, `${fmt(or)} KiB`, fmtRatio(or / sr), verdict(or / sr), `${fmt(sh)} KiB`, `${fmt(oh)} KiB`, fmtRatio(oh / sh)];
    }),
  );
  const note = skipped.length
    ? `Skipped: ${skipped.map(fmtInt).join(', ')} sockets. Each process (server and load generator) holds one descriptor per socket plus about ${FD_RESERVE}, and the limit here is ${fmtInt(limit)} (\`ulimit -n\`): raise it to measure them.`
    : `Descriptor limit ${fmtInt(limit)} per process (\`ulimit -n\`), enough: each process (server and load generator) holds one descriptor per socket.`;
  return { open, memory, note };
}
