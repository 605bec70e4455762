// @ts-check
// C. The server process: `node --expose-gc scripts/bench/server/serve.mjs <spec JSON>`,
// forked by harness.mjs. Starts one server (ours, from the compiled copy, or a stock
// PeerServer), tells its parent the port, and answers commands over IPC, so that the
// server's RSS and CPU are its own.
import { Buffer } from 'node:buffer';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout } from 'node:timers';
import { pathToFileURL } from 'node:url';
import { sleep } from '../lib/processes.mjs';
import { JOIN } from './config.mjs';

/**
 * What the parent sends to start a server.
 * @typedef {{ kind: 'stock' } | {
 *   kind: 'ours', nodeDir: string, secret: string, dataDir: string, units: readonly string[],
 *   signaling?: { messagesPerSecond: number } | undefined,
 * }} Spec
 * @typedef {[id: string, token: string]} PeerIds
 * @typedef {{ citizen: PeerIds, clerk: PeerIds }} Pair
 * The commands a server process answers; stock has only the last four.
 * @typedef {{
 *   join(args: { units: readonly string[], n: number }): Promise<PeerIds[]>,
 *   pairs(args: { unit: string, k: number }): Promise<Pair[]>,
 *   tick(): Promise<number>,
 *   memory(): { rss: number, heapUsed: number },
 *   cpu(): { user: number, system: number, at: number },
 *   profile(args: { seconds: number }): Promise<Record<string, number>>,
 *   stop(): Promise<boolean>,
 * }} Commands
 * @typedef {{ id: number, cmd: keyof Commands, args: unknown }} Request
 * @typedef {{ ready: number } | { id: number, result: unknown } | { id: number, error: string }} Reply
 */

const ALL_DAY = Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [['00:00', '24:00']]]));

/**
 * Where a sample's self time goes, by the module of its function.
 * @param {{ url: string, functionName: string }} frame
 */
function category(frame) {
  const { url, functionName } = frame;
  if (functionName === '(garbage collector)') return 'gc';
  if (url.includes('/node_modules/peer/')) return 'peer';
  if (url.includes('/node_modules/ws/')) return 'ws';
  if (/\/server\/(signaling|rate-limit|line\/)/.test(url)) return 'guard';
  if (url.startsWith('node:') || ['writev', 'writeBuffer', 'writeUtf8String', 'utf8Slice', 'isUtf8'].includes(functionName)) return 'node';
  return 'other';
}

/**
 * A sampling CPU profile of this process, summed by category (ms); idle time left out.
 * @param {number} seconds
 */
async function profile(seconds) {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 250 });
    await session.post('Profiler.start');
    await sleep(seconds * 1000);
    const { profile: p } = await session.post('Profiler.stop');
    /** @type {Map<number, number>} */
    const ms = new Map((p.samples ?? []).map((id) => [id, 0]));
    (p.samples ?? []).forEach((id, i) => ms.set(id, (ms.get(id) ?? 0) + (p.timeDeltas?.[i] ?? 0) / 1000));
    /** @type {Record<string, number>} */
    const sums = {};
    for (const node of p.nodes) {
      const self = ms.get(node.id);
      if (self === undefined || node.callFrame.functionName === '(idle)') continue;
      const c = category(node.callFrame);
      sums[c] = (sums[c] ?? 0) + self;
    }
    return sums;
  } finally {
    session.disconnect();
  }
}

/**
 * Ours: `createServer` from the compiled copy, with its production defaults.
 * @param {Extract<Spec, { kind: 'ours' }>} spec
 */
async function startOurs(spec) {
  const [{ createServer }, { LocalClerkAuth }, { parseUnits }] = await Promise.all([
    /** @type {Promise<typeof import('../../../src/server/server.js')>} */ (import(pathToFileURL(path.join(spec.nodeDir, 'server/server.js')).href)),
    /** @type {Promise<typeof import('../../../src/server/clerk-auth.js')>} */ (import(pathToFileURL(path.join(spec.nodeDir, 'server/clerk-auth.js')).href)),
    /** @type {Promise<typeof import('../../../src/core/index.js')>} */ (import(pathToFileURL(path.join(spec.nodeDir, 'core/index.js')).href)),
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
    ...(spec.signaling ? { signaling: spec.signaling } : {}),
  });
  const url = await server.start();
  const line = server.line;
  if (!line) throw new Error('the server started without a line');
  /**
   * @param {{ peerId: string, peerToken: string }} t
   * @returns {PeerIds}
   */
  const peer = (t) => [t.peerId, t.peerToken];
  // Each line call awaited: the same whether the line answers now or with a promise.
  return {
    port: Number(url.port),
    commands: {
      /**
       * Joins `n` tickets round-robin over `units`; their PeerJS ids and tokens.
       * @param {{ units: readonly string[], n: number }} args
       */
      join: async ({ units: ids, n }) => {
        /** @type {PeerIds[]} */
        const peers = [];
        for (let i = 0; i < n; i++) peers.push(peer(await line.join(/** @type {string} */ (ids[i % ids.length]), JOIN)));
        return peers;
      },
      /**
       * `k` citizens, each called by a clerk of their own and in the call: pairs of [id, token].
       * @param {{ unit: string, k: number }} args
       */
      pairs: async ({ unit, k }) => {
        /** @type {Pair[]} */
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

/** Stock: `PeerServer` of the `peer` package, with room for the largest row. */
async function startStock() {
  const { PeerServer } = await import('peer');
  /** @type {import('node:http').Server | undefined} */
  let http;
  const peerServer = PeerServer({ port: 0, host: '127.0.0.1', path: '/', concurrent_limit: 20_000 }, (s) => (http = s));
  peerServer.on('error', () => {});
  while (!http?.listening) await sleep(5);
  const listening = http;
  const { port } = /** @type {import('node:net').AddressInfo} */ (listening.address());
  return { port, commands: {}, stop: () => /** @type {Promise<void>} */ (new Promise((resolve) => listening.close(() => resolve()))) };
}

/**
 * @param {Reply} reply
 */
const send = (reply) => process.send?.(reply);

/** Starts one server and answers commands over IPC. */
async function serve() {
  const spec = /** @type {Spec} */ (JSON.parse(process.argv[2] ?? '{}'));
  const server = spec.kind === 'ours' ? await startOurs(spec) : await startStock();
  process.on('disconnect', () => process.exit(0));
  /** @type {Partial<Commands>} */
  const commands = {
    ...server.commands,
    memory: () => {
      for (let i = 0; i < 3; i++) /** @type {() => void} */ (globalThis.gc)();
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
  process.on('message', async (/** @type {Request} */ { id, cmd, args }) => {
    try {
      const command = /** @type {((args: unknown) => unknown) | undefined} */ (commands[cmd]);
      if (!command) throw new TypeError(`commands[cmd] is not a function: ${cmd}`);
      send({ id, result: await command(args) });
    } catch (error) {
      send({ id, error: String((error instanceof Error && error.stack) || error) });
    }
  });
  send({ ready: server.port });
}

await serve();
