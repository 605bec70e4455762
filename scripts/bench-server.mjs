// The signaling server side by side with a stock `peer` 1.0.2 PeerServer, in one run on
// this machine. Called by scripts/bench.mjs (`npm run bench`, after its build), which adds
// the returned section to BENCHMARKS.md. `node scripts/bench-server.mjs` alone compiles the
// Node part itself, prints the tables and replaces only this section (its heading to the
// end of the file) in BENCHMARKS.md. Either way the servers run a private copy of the
// compiled code in node_modules/.cache (a build in another terminal empties dist/). About
// three minutes on a quiet machine, up to twice that on a busy one (disturbed
// measurements are made again). A benchmark, not a test: it measures
// and reports, it fails only when something crashes. Only 127.0.0.1 is contacted.
//
// Each server runs in a child process of its own (this file with `--serve`, under
// `node --expose-gc`), so its RSS and CPU are its own; this process is the load generator
// (2 cores: one for the server, one for the load). Ours is `createServer` with its
// production defaults unless a row says otherwise, logging JSON lines to /dev/null; stock
// is `PeerServer({ concurrent_limit: 20 000 })` with an 'error' listener. Ours accepts only
// ids the line issued: its process issues tickets (`line.join`) and pairs citizens with
// clerks (`clerkPresent`, `callNext`, `answer`) and sends ids and tokens over IPC; stock
// takes any id, so the load generator makes them up. Other processes on a shared machine
// add noise: every figure is measured in ROUNDS rounds with stock and ours alternating
// (times and rates: the best round; latencies: the rounds pooled), the CPU other processes
// used during each measurement is reported (/proc/stat minus ours), and a measurement they
// disturbed (over OTHERS_LIMIT of a core) is made again, keeping the least disturbed.
//
// 1. Connections: a fresh server process per size and round; N PeerJS sockets with
//    IN_FLIGHT handshakes in flight, each done when the server's `{"type":"OPEN"}` arrives;
//    the time from the first request to the last OPEN, and the server's RSS and heap after
//    forced GCs before and after, per connection. A size is skipped, and says so, when the
//    descriptor limit of a process (each side holds N) is too low for it.
// 2. Relay: PAIRS citizen → clerk pairs; a 2 kB OFFER carries its send time (this
//    process's performance.now(); this process also receives it), so latency is one way,
//    server and both loopback hops included. Steady: STEADY_RATE msg/s in all (ours at its
//    default per-socket limit). Max: closed loop, WINDOW messages in flight per pair, so
//    the server never waits for work; ours with its per-socket rate limit raised (a
//    policy, not capacity). Then PROFILE_SECONDS more under a sampling profile (node:inspector
//    in the server process), summed by module: where a relayed message's CPU goes.
// 3. Line: with LINE_WAITING citizens waiting at one unit and a clerk's socket open (it
//    receives the whole line at every change), the time from POST /api/units/:id/queue to
//    the first `{type:'waiting'}` on /api/line after hello. Each measured citizen then
//    leaves and the next starts once the server has sent the clerk the line after that
//    leave, so the line stays at LINE_WAITING and each join meets an idle server. Database
//    in os.tmpdir(). Also the time of one `line.tick()`, which runs every second on the
//    same event loop as signaling. Stock has no line.

import { Buffer } from 'node:buffer';
import { fork, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath, pathToFileURL, URLSearchParams } from 'node:url';
import { WebSocket } from 'ws';

const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), '..');
const SECTION = '## C. Signaling server: ours and stock PeerServer';
/** The compiled server the children run: a private copy, as a build running meanwhile (another terminal) empties dist/. */
const CACHE = path.join(root, 'node_modules', '.cache', 'bench-server');
const SNAPSHOT = path.join(CACHE, 'node');

const ROUNDS = 2;
/** A measurement during which other processes used more than this share of a core is made again, up to MAX_ATTEMPTS in all. */
const OTHERS_LIMIT = 0.25;
const MAX_ATTEMPTS = 2;
const SIZES = [1_000, 5_000, 10_000];
const IN_FLIGHT = 200;
/** Descriptors a process needs beyond its N sockets (stdio, IPC, database, libuv). */
const FD_RESERVE = 256;
const OFFER_BYTES = 2048;
const PAIRS = 20;
const STEADY_RATE = 500;
const STEADY_SECONDS = 5;
const WARMUP_SECONDS = 2;
const WINDOW = 8;
const MAX_WARMUP_SECONDS = 1;
const MAX_SECONDS = 4;
const PROFILE_SECONDS = 2;
/** Ours for the max run: its per-socket limit out of the way. */
const RAISED_RATE = 1_000_000;
const LINE_WAITING = 1_000;
const LINE_JOINS = 300;
const LINE_WARMUP = 20;
/** Clerk 'line' messages per measured citizen: after the join, the hello and the leave. */
const LINE_MESSAGES_PER_JOIN = 3;
/** The connection tickets are issued over this many units, so that 10 000 take seconds, not minutes. */
const TICKET_UNITS = 200;
const LINE_UNIT = 'bench-linha';
const JOIN = { subject: 'case-info', sealed: false, lawyer: false, libras: false };
const ALL_DAY = Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [['00:00', '24:00']]]));

// ---------------------------------------------------------------------------- helpers

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const fmtInt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const fmt = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const fmtRatio = (n) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '–');
const pct = (x) => `${fmt(x * 100, 0)} %`;
const loadAverage = () => os.loadavg()[0].toFixed(2);

/** Nearest-rank percentile. */
function percentile(values, p) {
  const s = Float64Array.from(values).sort();
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const quantiles = (values) => [50, 95, 99].map((p) => percentile(values, p));
const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
/** The round with the lowest (or highest) `key`. */
const best = (runs, key, highest = false) => runs.reduce((a, b) => ((highest ? b[key] > a[key] : b[key] < a[key]) ? b : a));

function table(headers, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map((_, i) => (i === 0 ? ':--' : '--:'))), ...rows.map(line)].join('\n');
}

/**
 * How much worse ours is than stock (1 = equal) against the 1.5× budget; flagged when other
 * processes disturbed even the least disturbed of the measurements behind it.
 */
function verdict(worse, ...runs) {
  if (!Number.isFinite(worse)) return '–';
  const text = worse <= 1.5 ? `${fmtRatio(worse)} ✓` : `${fmtRatio(worse)} ✗ over 1.5×`;
  const others = Math.max(...runs.map((r) => r.othersCpu));
  return others > OTHERS_LIMIT ? `${text} (disturbed: other processes took ${pct(others)} of a core)` : text;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Soft limit on open files, as a child process inherits it (Node raises its own to the hard limit). */
function descriptorLimit() {
  const out = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout?.trim();
  return out === 'unlimited' ? Infinity : Number(out);
}

const sumValues = (o) => Object.values(o).reduce((a, b) => a + b, 0);
/** Server CPU µs per item over a measuring window (see cpuWindow). */
const usPer = (r, items) => (r.serverCpu * r.ms * 1000) / items;

/** Alternates the order of stock and ours from round to round. */
const kindsInRound = (round) => (round % 2 === 0 ? ['stock', 'ours'] : ['ours', 'stock']);

// ---------------------------------------------------------------------------- the server process

/** Where a sample's self time goes, by the module of its function. */
function category(frame) {
  const { url, functionName } = frame;
  if (functionName === '(garbage collector)') return 'gc';
  if (url.includes('/node_modules/peer/')) return 'peer';
  if (url.includes('/node_modules/ws/')) return 'ws';
  if (/\/server\/(signaling|rate-limit|line\/)/.test(url)) return 'guard';
  if (url.startsWith('node:') || ['writev', 'writeBuffer', 'writeUtf8String', 'utf8Slice', 'isUtf8'].includes(functionName)) return 'node';
  return 'other';
}

/** A sampling CPU profile of this process, summed by category (ms); idle time left out. */
async function profile(seconds) {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 250 });
    await session.post('Profiler.start');
    await sleep(seconds * 1000);
    const { profile: p } = await session.post('Profiler.stop');
    const ms = new Map(p.samples.map((id) => [id, 0]));
    p.samples.forEach((id, i) => ms.set(id, ms.get(id) + (p.timeDeltas[i] ?? 0) / 1000));
    const sums = {};
    for (const node of p.nodes) {
      if (!ms.has(node.id) || node.callFrame.functionName === '(idle)') continue;
      const c = category(node.callFrame);
      sums[c] = (sums[c] ?? 0) + ms.get(node.id);
    }
    return sums;
  } finally {
    session.disconnect();
  }
}

async function startOurs(spec) {
  const [{ createServer }, { LocalClerkAuth }, { parseUnits }] = await Promise.all([
    import(pathToFileURL(path.join(spec.nodeDir, 'server/server.js')).href),
    import(pathToFileURL(path.join(spec.nodeDir, 'server/clerk-auth.js')).href),
    import(pathToFileURL(path.join(spec.nodeDir, 'core/index.js')).href),
  ]);
  const units = parseUnits(spec.units.map((id) => ({ id, name: `Unidade ${id}`, timezone: 'America/Fortaleza', hours: ALL_DAY, holidays: 'none' })));
  const config = {
    port: 0,
    host: '127.0.0.1',
    unitsFile: '/nonexistent/units.json',
    allowedOrigins: [],
    publicDir: spec.dataDir,
    demoDir: undefined,
    dataDir: spec.dataDir,
    joinsPerAddress: 1_000_000,
    trustProxy: false,
  };
  const server = createServer(config, {
    units: new Map(units.map((u) => [u.id, u])),
    auth: new LocalClerkAuth(Buffer.from(spec.secret, 'hex')),
    // Room for every ticket, and nobody loses the place during the run.
    lineConfig: { maxWaitingPerUnit: 20_000, graceMs: 3_600_000 },
    signaling: spec.signaling,
  });
  const url = await server.start();
  const line = server.line;
  const peer = (t) => [t.peerId, t.peerToken];
  return {
    port: Number(url.port),
    commands: {
      /** Joins `n` tickets round-robin over `units`; their PeerJS ids and tokens. */
      join: async ({ units: ids, n }) => {
        const peers = [];
        for (let i = 0; i < n; i++) peers.push(peer(await line.join(ids[i % ids.length], JOIN)));
        return peers;
      },
      /** `k` citizens, each called by a clerk of their own and in the call: pairs of [id, token]. */
      pairs: async ({ unit, k }) => {
        const pairs = [];
        for (let i = 0; i < k; i++) {
          const ticket = await line.join(unit, JOIN);
          await line.citizenPresent(ticket.ticketId);
          const session = await line.clerkPresent({ clerkId: `bench-clerk-${i}`, name: `Servidora ${i}`, unit });
          await line.callNext(session.sessionId);
          await line.answer(ticket.ticketId);
          pairs.push({ citizen: peer(ticket), clerk: peer(session) });
        }
        return pairs;
      },
      /** Mean ms of one `line.tick()`, the work the server does every second. */
      tick: async () => {
        const started = performance.now();
        for (let i = 0; i < 10; i++) await line.tick();
        return (performance.now() - started) / 10;
      },
    },
    stop: () => server.stop(1_000),
  };
}

async function startStock() {
  const { PeerServer } = await import('peer');
  let http;
  const peerServer = PeerServer({ port: 0, host: '127.0.0.1', path: '/', concurrent_limit: 20_000 }, (s) => (http = s));
  peerServer.on('error', () => {});
  while (!http?.listening) await sleep(5);
  return { port: http.address().port, commands: {}, stop: () => new Promise((resolve) => http.close(() => resolve())) };
}

/** Child process: starts one server and answers commands over IPC. */
async function serve() {
  const spec = JSON.parse(process.argv[3]);
  const server = spec.kind === 'ours' ? await startOurs(spec) : await startStock();
  process.on('disconnect', () => process.exit(0));
  const commands = {
    ...server.commands,
    memory: () => {
      for (let i = 0; i < 3; i++) globalThis.gc();
      const { rss, heapUsed } = process.memoryUsage();
      return { rss, heapUsed };
    },
    cpu: () => ({ ...process.cpuUsage(), at: performance.now() }),
    profile: ({ seconds }) => profile(seconds),
    stop: async () => {
      await server.stop();
      setTimeout(() => process.exit(0), 0);
      return true;
    },
  };
  process.on('message', async ({ id, cmd, args }) => {
    try {
      process.send({ id, result: await commands[cmd](args) });
    } catch (error) {
      process.send({ id, error: String(error?.stack ?? error) });
    }
  });
  process.send({ ready: server.port });
}

// ---------------------------------------------------------------------------- the load generator

const children = new Set();

/** Forks a server process; resolves once it listens, with `call(cmd, args)` and `stop()`. */
function startServer(spec) {
  const child = fork(self, ['--serve', JSON.stringify(spec)], { execArgv: ['--expose-gc'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  children.add(child);
  const pending = new Map();
  let seq = 0;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  void exited.then((how) => {
    children.delete(child);
    for (const { reject } of pending.values()) reject(new Error(`${spec.kind} server exited (${how})`));
  });
  const call = (cmd, args) =>
    new Promise((resolve, reject) => {
      const id = ++seq;
      pending.set(id, { resolve, reject });
      child.send({ id, cmd, args });
    });
  return new Promise((resolve, reject) => {
    void exited.then((how) => reject(new Error(`${spec.kind} server exited before listening (${how})`)));
    child.on('message', (m) => {
      if (m.ready) {
        resolve({ port: m.ready, call, stop: () => withTimeout(call('stop').then(() => exited), 15_000, `stopping ${spec.kind}`) });
        return;
      }
      const waiter = pending.get(m.id);
      pending.delete(m.id);
      if (m.error) waiter?.reject(new Error(m.error));
      else waiter?.resolve(m.result);
    });
  });
}

/** Runs `fn(server)` against a fresh server process, stopped afterwards. */
async function withServer(spec, fn) {
  const server = await startServer(spec);
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}

/** Runs `fn(dir)` with a fresh temporary directory under `parent`, removed afterwards. */
async function withDataDir(parent, fn) {
  const dir = mkdtempSync(path.join(parent, 'bench-server-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function killChildren() {
  for (const child of children) child.kill('SIGKILL');
}

/** CPU ms of a `process.cpuUsage()` reading. */
const cpuMs = (usage) => (usage.user + usage.system) / 1000;

/** CPU ms the whole machine spent busy since boot (/proc/stat, in USER_HZ = 1/100 s); NaN elsewhere. */
function machineBusyMs() {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
    return (user + nice + system + irq + softirq + steal) * 10;
  } catch {
    return NaN;
  }
}

/**
 * Starts a measuring window; the function it resolves to ends it, with the wall ms and the
 * CPU of the server, of this process and of every other process, each as a share of one core.
 */
async function cpuWindow(server) {
  const serverBefore = await server.call('cpu');
  const machineBefore = machineBusyMs();
  const loadBefore = process.cpuUsage();
  const started = performance.now();
  return async () => {
    const ms = performance.now() - started;
    const load = cpuMs(process.cpuUsage(loadBefore));
    const machine = machineBusyMs() - machineBefore;
    const serverAfter = await server.call('cpu');
    const used = cpuMs(serverAfter) - cpuMs(serverBefore);
    return { ms, serverCpu: used / (serverAfter.at - serverBefore.at), loadCpu: load / ms, othersCpu: Math.max(0, machine - used - load) / ms };
  };
}

/**
 * Runs `measure` again when other processes took more than OTHERS_LIMIT of a core meanwhile
 * (a shared machine), at most MAX_ATTEMPTS times in all; the least disturbed attempt.
 */
async function leastDisturbed(what, measure) {
  let result;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const r = await measure();
    if (!result || r.othersCpu < result.othersCpu) result = r;
    if (!(r.othersCpu > OTHERS_LIMIT)) break;
    console.log(`  ${what}: other processes took ${pct(r.othersCpu)} of a core meanwhile${attempt < MAX_ATTEMPTS ? ', measuring again' : ''}`);
  }
  return result;
}

const peerUrl = (kind, port, [id, token]) => {
  const key = kind === 'ours' ? 'balcao' : 'peerjs';
  const pathname = kind === 'ours' ? '/peerjs/peerjs' : '/peerjs';
  return `ws://127.0.0.1:${port}${pathname}?${new URLSearchParams({ key, id, token, version: '1.5.5' })}`;
};

/**
 * The load generator's sockets: a zero masking key (ws then skips masking) and no UTF-8
 * check of what they receive, so that making the load costs less than serving it.
 */
const LOAD_SOCKET = { perMessageDeflate: false, skipUTF8Validation: true, generateMask: (mask) => mask.fill(0) };

/** Ids and tokens shaped like the line's, for stock (which takes any). */
const madeUpPeer = () => [`bv${randomBytes(16).toString('hex')}`, randomBytes(18).toString('base64url')];

/** A PeerJS-protocol socket, resolved when the server's first message, OPEN, arrives. */
function openPeer(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, LOAD_SOCKET);
    ws.once('message', (data) => {
      if (String(data).includes('"OPEN"')) resolve(ws);
      else reject(new Error(`first message: ${String(data).slice(0, 200)}`));
    });
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
    ws.once('error', reject);
    ws.once('close', (code) => reject(new Error(`closed before OPEN: ${code}`)));
  });
}

/** Opens every url, `inFlight` handshakes at a time; the sockets in the urls' order and the wall time. */
async function openAll(urls, inFlight) {
  const sockets = new Array(urls.length);
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const i = next++;
      sockets[i] = await openPeer(urls[i]);
    }
  };
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: Math.min(inFlight, urls.length) }, worker));
  } catch (error) {
    for (const ws of sockets) ws?.terminate();
    throw error;
  }
  return { sockets, ms: performance.now() - started };
}

async function closeAll(sockets) {
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) return resolve();
          ws.once('close', resolve);
          ws.terminate();
        }),
    ),
  );
}

// ---------------------------------------------------------------------------- 1. connections

/** Issues the connection tickets once, over TICKET_UNITS units, into the database in `dataDir`; each ours server then starts on it. */
async function issueTickets(ctx, dataDir, n) {
  const units = Array.from({ length: TICKET_UNITS }, (_, i) => `bench-${i}`);
  return withServer({ ...ctx, kind: 'ours', dataDir, units }, async (factory) => ({
    peers: await withTimeout(factory.call('join', { units, n }), 120_000, 'issuing tickets'),
    tickMs: await factory.call('tick'),
  }));
}

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

async function benchConnections(ctx, limit) {
  const sizes = SIZES.filter((n) => n + FD_RESERVE <= limit);
  const skipped = SIZES.filter((n) => !sizes.includes(n));
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
    const specs = { stock: { kind: 'stock' }, ours: { ...ctx, kind: 'ours', dataDir, units: [LINE_UNIT] } };
    const peers = { stock: Array.from({ length: largest }, madeUpPeer), ours: tickets.peers };
    for (let round = 0; round < ROUNDS; round++) {
      for (const r of results) {
        for (const kind of kindsInRound(round)) {
          r[kind].push(await leastDisturbed(`${kind}, ${fmtInt(r.size)} sockets`, () => measureConnections(kind, r.size, specs[kind], peers[kind])));
        }
        const last = (kind) => r[kind].at(-1);
        console.log(`round ${round + 1}, ${fmtInt(r.size)} sockets: stock ${fmtInt(last('stock').ms)} ms, ours ${fmtInt(last('ours').ms)} ms (load average ${loadAverage()})`);
      }
    }
    return { results, skipped, manyUnitsTickMs: tickets.tickMs };
  });
}

// ---------------------------------------------------------------------------- 2. relay

const SDP_LINE = 'a=candidate:1 1 udp 2122260223 192.0.2.10 54400 typ host generation 0 network-id 1\\r\\n';

/**
 * A function of the send time returning a PeerJS OFFER to `dst` of exactly OFFER_BYTES
 * bytes, as a Buffer (sent as a text frame): a copy of a template with the time written in.
 */
function offerTo(dst) {
  const head = `{"type":"OFFER","dst":"${dst}","payload":{"t":`;
  const middle = ',"type":"media","connectionId":"mc_bench0000000000","sdp":{"type":"offer","sdp":"v=0\\r\\n';
  const end = '"}}}';
  const room = OFFER_BYTES - head.length - 12 - middle.length - end.length;
  const sdp = SDP_LINE.repeat(Math.floor(room / SDP_LINE.length)) + 'a'.repeat(room % SDP_LINE.length);
  const template = Buffer.from(`${head}${' '.repeat(12)}${middle}${sdp}${end}`, 'latin1');
  return (t) => {
    const buf = Buffer.allocUnsafe(template.length);
    template.copy(buf);
    // Right-aligned in 12 characters: JSON allows the spaces before a number.
    buf.write(t.toFixed(3).padStart(12, ' '), head.length, 'latin1');
    return buf;
  };
}

/** The send time carried by a relayed OFFER. */
function sentAt(data) {
  const i = data.indexOf('"t":');
  return Number(data.toString('latin1', i + 4, data.indexOf(',', i)));
}

/** Opens the pairs' sockets; `relay.onRelayed(pairIndex, latencyMs)` is called for each OFFER a clerk receives. */
async function connectPairs(kind, port, pairs) {
  const urls = pairs.flatMap((p) => [peerUrl(kind, port, p.citizen), peerUrl(kind, port, p.clerk)]);
  const { sockets } = await openAll(urls, IN_FLIGHT);
  const relay = { onRelayed: () => {} };
  const links = pairs.map((p, i) => {
    sockets[2 * i + 1].on('message', (data) => relay.onRelayed(i, performance.now() - sentAt(data)));
    return { citizen: sockets[2 * i], offer: offerTo(p.clerk[0]) };
  });
  relay.send = (i) => links[i].citizen.send(links[i].offer(performance.now()), { binary: false });
  relay.close = () => closeAll(sockets);
  return relay;
}

/** Waits until `received()` reaches `sent`, or `ms` passed. */
async function drain(received, sent, ms) {
  const deadline = performance.now() + ms;
  while (received() < sent && performance.now() < deadline) await sleep(5);
}

/** STEADY_RATE messages per second spread over the pairs, for `seconds`; one-way latencies. */
async function steadyRun(relay, seconds, server) {
  const latencies = [];
  relay.onRelayed = (_i, ms) => latencies.push(ms);
  const total = STEADY_RATE * seconds;
  const end = await cpuWindow(server);
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * STEADY_RATE));
    for (; sent < due; sent++) relay.send(sent % PAIRS);
    await sleep(1);
  }
  await drain(() => latencies.length, sent, 3_000);
  return { ...(await end()), sent, latencies };
}

/**
 * Closed loop, WINDOW messages in flight per pair: after a warm-up, MAX_SECONDS measured
 * (rate, latencies, CPU of both processes), then PROFILE_SECONDS under the server's profiler.
 */
async function maxRun(relay, server) {
  let running = true;
  let sent = 0;
  let received = 0;
  let latencies = null;
  relay.onRelayed = (i, ms) => {
    received++;
    latencies?.push(ms);
    if (running) {
      relay.send(i);
      sent++;
    }
  };
  for (let w = 0; w < WINDOW; w++) for (let i = 0; i < PAIRS; i++, sent++) relay.send(i);
  await sleep(MAX_WARMUP_SECONDS * 1000);
  const end = await cpuWindow(server);
  latencies = [];
  await sleep(MAX_SECONDS * 1000);
  const measured = latencies;
  latencies = null;
  const cpu = await end();
  const receivedBefore = received;
  const endProfile = await cpuWindow(server);
  const profile = await server.call('profile', { seconds: PROFILE_SECONDS });
  const profiled = received - receivedBefore;
  const profileCpu = await endProfile();
  running = false;
  await drain(() => received, sent, 3_000);
  return {
    ...cpu,
    latencies: measured,
    rate: measured.length / (cpu.ms / 1000),
    // The server's CPU µs per message relayed while profiling, split as the samples were.
    profile: Object.fromEntries(Object.entries(profile).map(([c, ms]) => [c, (ms / sumValues(profile)) * usPer(profileCpu, profiled)])),
    profileRate: profiled / (profileCpu.ms / 1000),
    profileOthersCpu: profileCpu.othersCpu,
  };
}

async function relayRun(ctx, kind, mode) {
  const signaling = kind === 'ours' && mode === 'max' ? { messagesPerSecond: RAISED_RATE } : undefined;
  return withDataDir(os.tmpdir(), (dataDir) =>
    withServer({ ...ctx, kind, dataDir, units: [LINE_UNIT], signaling }, async (server) => {
      const pairs = kind === 'ours' ? await server.call('pairs', { unit: LINE_UNIT, k: PAIRS }) : Array.from({ length: PAIRS }, () => ({ citizen: madeUpPeer(), clerk: madeUpPeer() }));
      const relay = await connectPairs(kind, server.port, pairs);
      try {
        if (mode === 'max') return await maxRun(relay, server);
        await steadyRun(relay, WARMUP_SECONDS, server);
        return await steadyRun(relay, STEADY_SECONDS, server);
      } finally {
        await relay.close();
      }
    }),
  );
}

async function benchRelay(ctx) {
  const runs = { steady: { stock: [], ours: [] }, max: { stock: [], ours: [] } };
  const q = (r) => quantiles(r.latencies).map((x) => fmt(x)).join(' / ');
  for (const mode of ['steady', 'max']) {
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of kindsInRound(round)) runs[mode][kind].push(await leastDisturbed(`${kind}, ${mode}`, () => relayRun(ctx, kind, mode)));
      const last = (kind) => runs[mode][kind].at(-1);
      const rate = (kind) => (mode === 'max' ? `${fmtInt(last(kind).rate)} msg/s, ` : '');
      console.log(`${mode} round ${round + 1}, p50/p95/p99 ms: stock ${rate('stock')}${q(last('stock'))}; ours ${rate('ours')}${q(last('ours'))} (load average ${loadAverage()})`);
    }
  }
  return runs;
}

// ---------------------------------------------------------------------------- 3. line

/** A line socket (/api/line, /api/clerk) once its hello got `expect`; `until(type, n)` waits for the n-th message of that type. */
async function lineSocket(base, pathname, hello, expect) {
  const ws = new WebSocket(new URL(pathname, base.replace(/^http/, 'ws')), { perMessageDeflate: false });
  const seen = new Map();
  const waiters = new Set();
  ws.on('message', (data) => {
    // The type only (every event starts with it): the clerk's whole-line messages are large.
    const type = /^\{"type":"([^"]+)"/.exec(data.toString('latin1', 0, 64))?.[1];
    seen.set(type, (seen.get(type) ?? 0) + 1);
    for (const w of waiters) {
      if (w.type === type && seen.get(type) >= w.count) {
        waiters.delete(w);
        w.resolve();
      }
    }
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const until = (type, count) =>
    withTimeout(
      new Promise((resolve) => ((seen.get(type) ?? 0) >= count ? resolve() : waiters.add({ type, count, resolve }))),
      10_000,
      `line message ${type} #${count}`,
    );
  const next = (type) => until(type, (seen.get(type) ?? 0) + 1);
  const first = next(expect);
  ws.send(JSON.stringify(hello));
  await first;
  return { ws, until, next };
}

/** One citizen: joins over HTTP, says hello on /api/line, waits for the position, leaves. */
async function timedJoin(base) {
  const started = performance.now();
  const res = await globalThis.fetch(new URL(`api/units/${LINE_UNIT}/queue`, base), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(JOIN) });
  if (res.status !== 201) throw new Error(`join answered ${res.status}: ${await res.text()}`);
  const ticket = await res.json();
  const joined = performance.now();
  const citizen = await lineSocket(base, '/api/line', { type: 'hello', ticketId: ticket.ticketId }, 'waiting');
  const done = performance.now();
  const left = citizen.next('left');
  citizen.ws.send(JSON.stringify({ type: 'leave' }));
  await left;
  citizen.ws.terminate();
  return { total: done - started, post: joined - started, hello: done - joined, position: ticket.position };
}

async function benchLine(ctx) {
  const { LocalClerkAuth } = await import(pathToFileURL(path.join(ctx.nodeDir, 'server/clerk-auth.js')).href);
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
        const joins = [];
        let end;
        for (let i = 0; i < LINE_WARMUP + LINE_JOINS; i++) {
          await clerk.until('line', lines);
          if (i === LINE_WARMUP) end = await cpuWindow(server);
          const join = await timedJoin(base);
          if (i >= LINE_WARMUP) joins.push(join);
          lines += LINE_MESSAGES_PER_JOIN;
        }
        return { joins, cpu: await end(), tickMs: await server.call('tick') };
      } finally {
        clerk.ws.terminate();
      }
    }),
  );
}

// ---------------------------------------------------------------------------- report

const shares = (r) => `${pct(r.serverCpu)}, ${pct(r.loadCpu)}, ${pct(r.othersCpu)}`;

function connectionTables({ results, skipped }, limit) {
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

const PROFILE_CATEGORIES = [
  ['node', 'Node: sockets, streams, writev'],
  ['ws', 'ws: frames in and out'],
  ['peer', 'PeerServer: JSON.parse, JSON.stringify, routing'],
  ['guard', "ours' guard: JSON.parse, type, rate, pairing"],
  ['gc', 'garbage collector'],
  ['other', 'other'],
];

function relayTables({ steady, max }) {
  const pool = (runs) => ({
    latencies: runs.flatMap((r) => r.latencies),
    sent: runs.reduce((n, r) => n + (r.sent ?? r.latencies.length), 0),
    othersCpu: Math.max(...runs.map((r) => r.othersCpu)),
  });
  const row = (label, stock, ours) => {
    const [s, o] = [quantiles(stock.latencies), quantiles(ours.latencies)];
    const ratios = o.map((x, i) => x / s[i]);
    const count = (r) => (r.sent === r.latencies.length ? fmtInt(r.sent) : `${fmtInt(r.latencies.length)} of ${fmtInt(r.sent)}`);
    return [label, s.map((x) => fmt(x)).join(' / '), o.map((x) => fmt(x)).join(' / '), ratios.map(fmtRatio).join(' / '), verdict(Math.max(...ratios), stock, ours), `${count(stock)}, ${count(ours)}`, `${pct(stock.othersCpu)} / ${pct(ours.othersCpu)}`];
  };
  const latency = table(
    ['Load', 'Stock p50 / p95 / p99 ms', 'Ours p50 / p95 / p99 ms', 'Ours / stock', 'Within 1.5× (worst)', 'Messages (stock, ours)', 'Other processes, most in a round (stock / ours)'],
    [
      row(`steady ${STEADY_RATE} msg/s (ours: default limits)`, pool(steady.stock), pool(steady.ours)),
      row(`max, ${WINDOW} in flight per pair (ours: rate limit raised)`, pool(max.stock), pool(max.ours)),
    ],
  );
  const [s, o] = [best(max.stock, 'rate', true), best(max.ours, 'rate', true)];
  const us = (r) => usPer(r, r.latencies.length);
  const throughput = table(
    ['Max rate (closed loop), best round', 'Stock', 'Ours', 'Ours / stock', 'Within 1.5× (stock / ours)'],
    [
      ['relayed 2 kB OFFERs per second', fmtInt(s.rate), fmtInt(o.rate), fmtRatio(o.rate / s.rate), verdict(s.rate / o.rate, s, o)],
      ['in each round', max.stock.map((r) => fmtInt(r.rate)).join(', '), max.ours.map((r) => fmtInt(r.rate)).join(', '), '', ''],
      ['server CPU, share of one core', pct(s.serverCpu), pct(o.serverCpu), '', ''],
      ['load generator CPU, share of one core', pct(s.loadCpu), pct(o.loadCpu), '', ''],
      ['other processes, share of one core', pct(s.othersCpu), pct(o.othersCpu), '', ''],
      ['server CPU µs per relayed message', fmt(us(s)), fmt(us(o)), fmtRatio(us(o) / us(s)), ''],
    ],
  );
  const where = table(
    ['Server CPU µs per relayed message, split by profile (best rounds)', 'Stock', 'Ours', 'Ours − stock'],
    [
      ...PROFILE_CATEGORIES.map(([key, label]) => [label, fmt(s.profile[key] ?? 0), fmt(o.profile[key] ?? 0), fmt((o.profile[key] ?? 0) - (s.profile[key] ?? 0))]),
      ['total (server CPU while profiled)', fmt(sumValues(s.profile)), fmt(sumValues(o.profile)), fmt(sumValues(o.profile) - sumValues(s.profile))],
      ['rate while profiled, msg/s', fmtInt(s.profileRate), fmtInt(o.profileRate), ''],
      ['other processes while profiled, share of one core', pct(s.profileOthersCpu), pct(o.profileOthersCpu), ''],
    ],
  );
  return { latency, throughput, where };
}

function lineTable({ joins, cpu }) {
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

/** What limits the signaling figures, from what this run measured. */
function limitsNote(connections, { max }, line) {
  const bound = (r) => {
    if (r.serverCpu >= 0.9) return 'the server (its core busy)';
    if (r.loadCpu >= 0.9) return 'the load generator (its core busy)';
    if (r.othersCpu >= OTHERS_LIMIT) return `other processes (they took ${pct(r.othersCpu)} of a core)`;
    return 'neither process alone (both below 90 % of a core)';
  };
  const largest = connections.results.at(-1);
  const lines = [];
  if (largest) {
    const [s, o] = [best(largest.stock, 'ms'), best(largest.ours, 'ms')];
    const heap = (runs) => mean(runs.map((r) => r.heap)) / 1024;
    lines.push(
      `Opening ${fmtInt(largest.size)} sockets was limited for stock by ${bound(s)}, with the server at ${pct(s.serverCpu)} and the load generator at ${pct(s.loadCpu)}; for ours by ${bound(o)}, at ${pct(o.serverCpu)} and ${pct(o.loadCpu)}. Ours spent ${fmtInt(usPer(o, largest.size))} µs of server CPU per socket against stock's ${fmtInt(usPer(s, largest.size))} µs: the same \`ws\` handshake and PeerServer registration, plus its Origin, key and token checks against the line, the guard's set-up and a log line. It kept ${fmt(heap(largest.ours) - heap(largest.stock))} KiB more V8 heap per socket (${fmt(heap(largest.ours))} against ${fmt(heap(largest.stock))} KiB): the guard's closures and rate bucket, its extra listeners, and whatever those closures keep alive.`,
    );
  }
  const [s, o] = [best(max.stock, 'rate', true), best(max.ours, 'rate', true)];
  const both = (key) => `${fmt(s.profile[key] ?? 0)} / ${fmt(o.profile[key] ?? 0)} µs`;
  // Both parse every frame when PeerServer still does most of its stock work next to the guard.
  const twice = (o.profile.peer ?? 0) > 0.5 * (s.profile.peer ?? 0) && (o.profile.guard ?? 0) > 0.2 * (s.profile.peer ?? 0);
  lines.push(
    `At the maximum relay rate stock was limited by ${bound(s)}, with the server at ${pct(s.serverCpu)} and the load generator at ${pct(s.loadCpu)}; ours by ${bound(o)}, at ${pct(o.serverCpu)} and ${pct(o.loadCpu)}. Per relayed message (stock / ours, from the profile): Node's sockets and streams, mostly one \`writev\` system call per message, ${both('node')}; PeerServer's JSON.parse, JSON.stringify and routing ${both('peer')}; ours' guard (JSON.parse, type, rate and pairing checks) ${both('guard')}.${twice ? ' So ours parses every frame twice: once in its guard, once more in PeerServer.' : ''}`,
    `The line runs on the same event loop: one \`line.tick()\` (every second) took ${fmt(line.tickMs)} ms with one 24-hour unit, a clerk serving and ${fmtInt(LINE_WAITING)} waiting${Number.isFinite(connections.manyUnitsTickMs) ? `, and ${fmt(connections.manyUnitsTickMs)} ms with ${TICKET_UNITS} 24-hour units and no clerk` : ''}; signaling messages arriving meanwhile wait that long.`,
  );
  return lines.join('\n\n');
}

function machineLine(limit) {
  const cpus = os.cpus();
  const peer = JSON.parse(readFileSync(path.join(root, 'node_modules', 'peer', 'package.json'), 'utf8')).version;
  return `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, peer ${peer}, descriptor limit ${fmtInt(limit)}`;
}

// ---------------------------------------------------------------------------- main

/** Measures 1, 2 and 3 against (a copy of) the server compiled in `nodeDir`; prints the tables and returns this section of BENCHMARKS.md. */
export async function benchServer({ nodeDir = path.join(root, 'dist', 'node') } = {}) {
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

Written by scripts/bench-server.mjs on ${new Date().toISOString()}, in ${seconds} s: ${machineLine(limit)}.
Load average (1 min) before / after: ${loadBefore} / ${loadAfter} (other processes on a shared machine show up as noise).

How measured: each server in a child process of its own (\`node --expose-gc\`), the load
generator in the parent, all on 127.0.0.1, ${ROUNDS} rounds with stock and ours alternating
(times and rates: the best round; memory: the mean; latencies: all rounds pooled).
"Other processes" is the machine's busy time (/proc/stat) minus the server's and the load
generator's during a measurement; one during which they took more than ${pct(OTHERS_LIMIT)}
of a core is made again (${MAX_ATTEMPTS} attempts at most), keeping the least disturbed.
Ours: \`createServer\` compiled from src/server, with its production defaults unless a row
says otherwise (per-socket limit 50 msg/s burst 100, frames ≤ 16 KiB, 20 000 sockets, JSON
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
the sockets above opened, divided by their number (ours' tickets already existed).

${ct.memory}

### Relay latency and throughput

${PAIRS} citizen → clerk pairs (ours: each pair in a call, so the line lets it talk). Every
message is a ${OFFER_BYTES}-byte PeerJS OFFER carrying its send time; latency is one way,
from \`ws.send\` in the load generator to the clerk's socket receiving it there (server and
both loopback hops). Steady: ${STEADY_RATE} msg/s spread over the pairs (${STEADY_RATE / PAIRS} msg/s
per socket, within ours' default limit), ${STEADY_SECONDS} s per round after ${WARMUP_SECONDS} s
of warm-up. Max: closed loop, each OFFER a clerk receives sends the pair's next, ${WINDOW} in
flight per pair, so the server never waits for work; ${MAX_SECONDS} s per round after
${MAX_WARMUP_SECONDS} s. For this run ours' per-socket rate limit is raised to
${fmtInt(RAISED_RATE)} msg/s: it is a policy per socket (a citizen sends a handful of
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

/** Standalone: compiles the Node part straight into the private copy, runs, and replaces this section of BENCHMARKS.md. */
async function standalone() {
  const result = spawnSync('npx', ['tsc', '-p', 'scripts/tsconfig.node.json', '--outDir', SNAPSHOT, '--declaration', 'false', '--sourceMap', 'false'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`tsc failed (exit ${result.status ?? result.signal})`);
  const section = await benchServer({ nodeDir: SNAPSHOT });
  const file = path.join(root, 'BENCHMARKS.md');
  const current = readFileSync(file, 'utf8');
  const at = current.indexOf(SECTION);
  writeFileSync(file, `${at < 0 ? `${current.trimEnd()}\n\n` : current.slice(0, at)}${section}`);
  console.log('\nUpdated the signaling section of BENCHMARKS.md.');
}

if (process.argv[2] === '--serve') {
  await serve();
} else if (process.argv[1] === self) {
  try {
    await standalone();
  } catch (error) {
    process.exitCode = 1;
    console.error(error);
  } finally {
    killChildren();
    rmSync(CACHE, { recursive: true, force: true });
  }
}
