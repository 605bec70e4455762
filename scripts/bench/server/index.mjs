// @ts-check
// C. The signaling server side by side with a stock `peer` 1.0.2 PeerServer, in one run on
// this machine (connections.mjs, relay.mjs, line.mjs). The servers run a private copy of
// the compiled code in node_modules/.cache (a build in another terminal empties dist/).
// About three minutes on a quiet machine, up to twice that on a busy one (disturbed
// measurements are made again). Only 127.0.0.1 is contacted.
//
// Each server runs in a child process of its own (serve.mjs, under `node --expose-gc`), so
// its RSS and CPU are its own; this process is the load generator (2 cores: one for the
// server, one for the load). Ours is `createServer` with its production defaults unless a
// row says otherwise, logging JSON lines to /dev/null; stock is
// `PeerServer({ concurrent_limit: 20 000 })` with an 'error' listener. Ours accepts only
// ids the line issued: its process issues tickets (`line.join`) and pairs citizens with
// clerks (`clerkPresent`, `callNext`, `answer`) and sends ids and tokens over IPC; stock
// takes any id, so the load generator makes them up. Other processes on a shared machine
// add noise: every figure is measured in ROUNDS rounds with stock and ours alternating
// (times and rates: the best round; latencies: the rounds pooled), the CPU other processes
// used during each measurement is reported (/proc/stat minus ours), and a measurement they
// disturbed (over OTHERS_LIMIT of a core) is made again, keeping the least disturbed.
import { randomBytes } from 'node:crypto';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dist, root } from '../lib/env.mjs';
import { fmt, fmtInt, pct } from '../lib/format.mjs';
import { descriptorLimit, loadAverage } from '../lib/machine.mjs';
import { best, mean } from '../lib/stats.mjs';
import {
  CACHE,
  IN_FLIGHT,
  LINE_JOINS,
  LINE_WAITING,
  LINE_WARMUP,
  MAX_ATTEMPTS,
  MAX_SECONDS,
  MAX_WARMUP_SECONDS,
  OFFER_BYTES,
  OTHERS_LIMIT,
  PAIRS,
  PROFILE_SECONDS,
  RAISED_RATE,
  ROUNDS,
  SECTION,
  SNAPSHOT,
  STEADY_RATE,
  STEADY_SECONDS,
  TICKET_UNITS,
  WARMUP_SECONDS,
  WINDOW,
} from './config.mjs';
import { benchConnections, connectionTables } from './connections.mjs';
import { killChildren, usPer } from './harness.mjs';
import { benchLine, lineTable } from './line.mjs';
import { benchRelay, relayTables } from './relay.mjs';

/**
 * What limits the signaling figures, from what this run measured.
 * @param {import('./connections.mjs').Connections} connections
 * @param {import('./relay.mjs').RelayRuns} relay
 * @param {import('./line.mjs').LineRun} line
 */
export function limitsNote(connections, { max }, line) {
  /** @param {import('./harness.mjs').Window} r */
  const bound = (r) => {
    if (r.serverCpu >= 0.9) return 'the server (its core busy)';
    if (r.loadCpu >= 0.9) return 'the load generator (its core busy)';
    if (r.othersCpu >= OTHERS_LIMIT) return `other processes (they took ${pct(r.othersCpu)} of a core)`;
    return 'neither process alone (both below 90 % of a core)';
  };
  const largest = connections.results.at(-1);
  /** @type {string[]} */
  const lines = [];
  if (largest) {
    const [s, o] = [best(largest.stock, 'ms'), best(largest.ours, 'ms')];
    /** @param {readonly import('./connections.mjs').Opening[]} runs */
    const heap = (runs) => mean(runs.map((r) => r.heap)) / 1024;
    lines.push(
      `Opening ${fmtInt(largest.size)} sockets was limited for stock by ${bound(s)}, with the server at ${pct(s.serverCpu)} and the load generator at ${pct(s.loadCpu)}; for ours by ${bound(o)}, at ${pct(o.serverCpu)} and ${pct(o.loadCpu)}. Ours spent ${fmtInt(usPer(o, largest.size))} µs of server CPU per socket against stock's ${fmtInt(usPer(s, largest.size))} µs: the same \`ws\` handshake and PeerServer registration, plus its Origin, key and token checks against the line, the guard's set-up and a log line. It kept ${fmt(heap(largest.ours) - heap(largest.stock))} KiB more V8 heap per socket (${fmt(heap(largest.ours))} against ${fmt(heap(largest.stock))} KiB): the guard's closures and rate bucket, its extra listeners, and whatever those closures keep alive.`,
    );
  }
  const [s, o] = [best(max.stock, 'rate', true), best(max.ours, 'rate', true)];
  /** @param {string} key */
  const both = (key) => `${fmt(s.profile[key] ?? 0)} / ${fmt(o.profile[key] ?? 0)} µs`;
  // Both parse every frame when PeerServer still does most of its stock work next to the guard.
  const twice = (o.profile.peer ?? 0) > 0.5 * (s.profile.peer ?? 0) && (o.profile.guard ?? 0) > 0.2 * (s.profile.peer ?? 0);
  lines.push(
    `At the maximum relay rate stock was limited by ${bound(s)}, with the server at ${pct(s.serverCpu)} and the load generator at ${pct(s.loadCpu)}; ours by ${bound(o)}, at ${pct(o.serverCpu)} and ${pct(o.loadCpu)}. Per relayed message (stock / ours, from the profile): Node's sockets and streams, mostly one \`writev\` system call per message, ${both('node')}; PeerServer's JSON.parse, JSON.stringify and routing ${both('peer')}; ours' guard (JSON.parse, type, rate and pairing checks) ${both('guard')}.${twice ? ' So ours parses every frame twice: once in its guard, once more in PeerServer.' : ''}`,
    `The line runs on the same event loop: one \`line.tick()\` (every second) took ${fmt(line.tickMs)} ms with one 24-hour unit, a clerk serving and ${fmtInt(LINE_WAITING)} waiting${Number.isFinite(connections.manyUnitsTickMs) ? `, and ${fmt(connections.manyUnitsTickMs ?? NaN)} ms with ${TICKET_UNITS} 24-hour units and no clerk` : ''}; signaling messages arriving meanwhile wait that long.`,
  );
  return lines.join('\n\n');
}

/** @param {number} limit */
function machineLine(limit) {
  const cpus = os.cpus();
  const peer = /** @type {{ version: string }} */ (JSON.parse(readFileSync(path.join(root, 'node_modules', 'peer', 'package.json'), 'utf8'))).version;
  return `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, peer ${peer}, descriptor limit ${fmtInt(limit)}`;
}

/**
 * Measures 1, 2 and 3 against (a copy of) the server compiled in `nodeDir`; prints the tables and returns this section of BENCHMARKS.md.
 * @param {{ nodeDir?: string }} [options]
 */
export async function benchServer({ nodeDir = path.join(dist, 'node') } = {}) {
  const started = Date.now();
  const limit = descriptorLimit();
  const ctx = { nodeDir: SNAPSHOT, secret: randomBytes(32).toString('hex') };
  const loadBefore = loadAverage();
  try {
    if (nodeDir !== SNAPSHOT) cpSync(nodeDir, SNAPSHOT, { recursive: true });
    console.log(`\n> C. signaling server, ours and stock (${machineLine(limit)}; load average ${loadBefore})`);
    const connections = await benchConnections(ctx, limit);
    const relay = await benchRelay(ctx);
    const line = await benchLine(ctx);
    const loadAfter = loadAverage();
    const ct = connectionTables(connections, limit);
    const rt = relayTables(relay);
    const lt = lineTable(line);
    const limits = limitsNote(connections, relay, line);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    console.log(`\nTime to open concurrent signaling sockets (best of ${ROUNDS}):\n${ct.open}\n${ct.note}`);
    console.log(`\nServer memory per connection (mean of ${ROUNDS}):\n${ct.memory}`);
    console.log(`\nRelay latency of a 2 kB OFFER, one way (${ROUNDS} rounds pooled):\n${rt.latency}`);
    console.log(`\nRelay throughput:\n${rt.throughput}\n\n${rt.where}`);
    console.log(`\nJoin to position with ${fmtInt(LINE_WAITING)} waiting:\n${lt.table}`);
    console.log(`\n${limits}\n\n(section C: ${seconds} s; load average before / after ${loadBefore} / ${loadAfter})`);
    return `${SECTION}

Written by scripts/bench/server/index.mjs on ${new Date().toISOString()}, in ${seconds} s: ${machineLine(limit)}.
Load average (1 min) before / after: ${loadBefore} / ${loadAfter} (other processes on a shared machine show up as noise).

How measured: each server in a child process of its own (\`node --expose-gc\`), the load
generator in the parent, all on 127.0.0.1, ${ROUNDS} rounds with stock and ours alternating
(times and rates: the best round; memory: the mean; latencies: all rounds pooled).
"Other processes" is the machine's busy time (/proc/stat) minus the server's and the load
generator's during a measurement; one during which they took more than ${pct(OTHERS_LIMIT)}
of a core is made again (${MAX_ATTEMPTS} attempts at most), keeping the least disturbed.
Ours: \`createServer\` compiled from src/server, with its production defaults unless a row
says otherwise (per-peer-id limit 50 msg/s burst 100, frames ≤ 16 KiB, 20 000 sockets, JSON
logs to /dev/null). Stock: \`PeerServer\` of \`peer\` with \`concurrent_limit: 20000\` (its default
5 000 would refuse the 10 000 row) and an 'error' listener. Ours accepts only ids the line
issued: tickets and clerk sessions are made in its process (\`line.join\`, \`clerkPresent\`,
\`callNext\`, \`answer\`), outside every figure; stock takes any id. Ratios are ours / stock;
"within 1.5×" compares how much worse ours is (for throughput, stock / ours) with the
budget in DESIGN.md. The load generator's sockets skip masking (zero key) and UTF-8
checks, so that making the load costs less than serving it.

### Time to open concurrent signaling sockets

A fresh server process per size and round; ${IN_FLIGHT} WebSocket handshakes in flight, each
done when the server's \`{"type":"OPEN"}\` arrives; from the first request to the last OPEN.
Ours checks each id and token against the line: the tickets were issued once, over
${TICKET_UNITS} units, by an earlier process on the same database; the measuring process loads
one unit, so that the line's per-second tick (its cost grows with units, see below) stays out
of this figure. CPU is each process's user + system time over the opening.

${ct.open}

${ct.note}

### Server memory per connection

RSS and V8 heap used of the server process after three forced GCs, before and 300 ms after
the sockets above opened, divided by their number (ours' tickets already existed). At
1,000 sockets the RSS row is mostly V8's young generation, which grows by megabytes with
the rate of allocation whatever the number of sockets (a fixed cost, divided by few
sockets); the heap row is the one per connection. Run with \`--max-semi-space-size=1\` on
both servers, that row gave 1.31× (9.91 / 7.56 KiB), and 1.28× at 10,000.

${ct.memory}

### Relay latency and throughput

${PAIRS} citizen → clerk pairs (ours: each pair in a call, so the line lets it talk). Every
message is a ${OFFER_BYTES}-byte PeerJS OFFER carrying its send time; latency is one way,
from \`ws.send\` in the load generator to the clerk's socket receiving it there (server and
both loopback hops). Steady: ${STEADY_RATE} msg/s spread over the pairs (${STEADY_RATE / PAIRS} msg/s
per socket, within ours' default limit), ${STEADY_SECONDS} s per round after ${WARMUP_SECONDS} s
of warm-up. Max: closed loop, each OFFER a clerk receives sends the pair's next, ${WINDOW} in
flight per pair, so the server never waits for work; ${MAX_SECONDS} s per round after
${MAX_WARMUP_SECONDS} s. For this run ours' per-peer-id rate limit is raised to
${fmtInt(RAISED_RATE)} msg/s: it is a policy per peer id (a citizen sends a handful of
messages per call), not the server's capacity. Server CPU is its process's user + system
time over the window. Then ${PROFILE_SECONDS} s more at the same load under a sampling
profile (node:inspector, 250 µs) in the server process: self time by module, per message
relayed meanwhile (the profiler slows both servers a little).

${rt.latency}

${rt.throughput}

${rt.where}

### Line: join to position

${fmtInt(LINE_WAITING)} citizens waiting at one 24-hour unit (joined in the server's process)
and a clerk's socket open (it receives the whole line at every change). Then ${LINE_JOINS}
citizens one after another (after ${LINE_WARMUP} discarded): POST /api/units/:id/queue, open
/api/line, hello, first \`{type:'waiting'}\`; each then leaves, and the next starts once the
clerk has the line after that leave, so each join meets an idle server and the line stays
at ${fmtInt(LINE_WAITING)}. Positions seen: ${lt.positions}. The database (WAL,
synchronous=FULL) is in os.tmpdir() on this machine's disk: every change pays an fsync.
CPU meanwhile: ${lt.cpu}.

${lt.table}

### What limits it

${limits}
`;
  } finally {
    killChildren();
    rmSync(CACHE, { recursive: true, force: true });
  }
}

/** The server copy runs from SNAPSHOT: the section alone compiles the Node part straight into it. */
export { SNAPSHOT };
