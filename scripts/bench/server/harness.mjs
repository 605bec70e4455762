// @ts-check
// C. The server processes and the measuring window: forks a server (serve.mjs) per
// measurement, reads its CPU and the machine's, and makes a measurement again when other
// processes on a shared machine disturbed it.
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { fmtRatio, pct } from '../lib/format.mjs';
import { withTimeout } from '../lib/processes.mjs';
import { MAX_ATTEMPTS, OTHERS_LIMIT } from './config.mjs';

/**
 * @typedef {import('./serve.mjs').Spec} Spec
 * @typedef {import('./serve.mjs').Commands} Commands
 * @typedef {import('./serve.mjs').Reply} Reply
 * @typedef {{
 *   port: number,
 *   call<K extends keyof Commands>(cmd: K, ...args: Parameters<Commands[K]>): Promise<Awaited<ReturnType<Commands[K]>>>,
 *   stop(): Promise<unknown>,
 * }} Server
 * What a measuring window reports: wall ms, and the CPU of the server, of this process
 * (the load generator) and of every other process, each as a share of one core.
 * @typedef {{ ms: number, serverCpu: number, loadCpu: number, othersCpu: number }} Window
 */

const serveFile = fileURLToPath(new URL('serve.mjs', import.meta.url));
/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();

/**
 * Forks a server process; resolves once it listens, with `call(cmd, args)` and `stop()`.
 * @param {Spec} spec
 * @returns {Promise<Server>}
 */
export function startServer(spec) {
  const child = fork(serveFile, [JSON.stringify(spec)], { execArgv: ['--expose-gc'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  children.add(child);
  /** @type {Map<number, { resolve: (value: unknown) => void, reject: (error: Error) => void }>} */
  const pending = new Map();
  let seq = 0;
  /** @type {Promise<number | string | null>} */
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  void exited.then((how) => {
    children.delete(child);
    for (const { reject } of pending.values()) reject(new Error(`${spec.kind} server exited (${how})`));
  });
  /** @type {Server['call']} */
  const call = (cmd, ...args) =>
    new Promise((resolve, reject) => {
      const id = ++seq;
      pending.set(id, { resolve: (value) => resolve(/** @type {never} */ (value)), reject });
      child.send({ id, cmd, args: args[0] });
    });
  return new Promise((resolve, reject) => {
    void exited.then((how) => reject(new Error(`${spec.kind} server exited before listening (${how})`)));
    child.on('message', (/** @type {Reply} */ m) => {
      if ('ready' in m) {
        resolve({ port: m.ready, call, stop: () => withTimeout(call('stop').then(() => exited), 15_000, `stopping ${spec.kind}`) });
        return;
      }
      const waiter = pending.get(m.id);
      pending.delete(m.id);
      if ('error' in m) waiter?.reject(new Error(m.error));
      else waiter?.resolve(m.result);
    });
  });
}

/**
 * Runs `fn(server)` against a fresh server process, stopped afterwards.
 * @template T
 * @param {Spec} spec
 * @param {(server: Server) => Promise<T>} fn
 */
export async function withServer(spec, fn) {
  const server = await startServer(spec);
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}

/**
 * Runs `fn(dir)` with a fresh temporary directory under `parent`, removed afterwards.
 * @template T
 * @param {string} parent
 * @param {(dir: string) => Promise<T>} fn
 */
export async function withDataDir(parent, fn) {
  const dir = mkdtempSync(path.join(parent, 'bench-server-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Kills every server process still running (the end of the section, or a crash). */
export function killChildren() {
  for (const child of children) child.kill('SIGKILL');
}

/**
 * CPU ms of a `process.cpuUsage()` reading.
 * @param {{ user: number, system: number }} usage
 */
const cpuMs = (usage) => (usage.user + usage.system) / 1000;

/** CPU ms the whole machine spent busy since boot (/proc/stat, in USER_HZ = 1/100 s); NaN elsewhere. */
function machineBusyMs() {
  try {
    const [user, nice, system, , , irq, softirq, steal] = (readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    return (Number(user) + Number(nice) + Number(system) + Number(irq) + Number(softirq) + Number(steal)) * 10;
  } catch {
    return NaN;
  }
}

/**
 * Starts a measuring window; the function it resolves to ends it, with the wall ms and the
 * CPU of the server, of this process and of every other process, each as a share of one core.
 * @param {Server} server
 * @returns {Promise<() => Promise<Window>>}
 */
export async function cpuWindow(server) {
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
 * @template {{ othersCpu: number }} T
 * @param {string} what
 * @param {() => Promise<T>} measure
 * @returns {Promise<T>}
 */
export async function leastDisturbed(what, measure) {
  /** @type {T | undefined} */
  let result;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const r = await measure();
    if (!result || r.othersCpu < result.othersCpu) result = r;
    if (!(r.othersCpu > OTHERS_LIMIT)) break;
    console.log(`  ${what}: other processes took ${pct(r.othersCpu)} of a core meanwhile${attempt < MAX_ATTEMPTS ? ', measuring again' : ''}`);
  }
  return /** @type {T} */ (result);
}

/**
 * Server CPU µs per item over a measuring window.
 * @param {Window} r
 * @param {number} items
 */
export const usPer = (r, items) => (r.serverCpu * r.ms * 1000) / items;

/**
 * Alternates the order of stock and ours from round to round.
 * @param {number} round
 * @returns {readonly ('stock' | 'ours')[]}
 */
export const kindsInRound = (round) => (round % 2 === 0 ? ['stock', 'ours'] : ['ours', 'stock']);

/**
 * How much worse ours is than stock (1 = equal) against the 1.5× budget; flagged when other
 * processes disturbed even the least disturbed of the measurements behind it.
 * @param {number} worse
 * @param {...{ othersCpu: number }} runs
 */
export function verdict(worse, ...runs) {
  if (!Number.isFinite(worse)) return '–';
  const text = worse <= 1.5 ? `${fmtRatio(worse)} ✓` : `${fmtRatio(worse)} ✗ over 1.5×`;
  const others = Math.max(...runs.map((r) => r.othersCpu));
  return others > OTHERS_LIMIT ? `${text} (disturbed: other processes took ${pct(others)} of a core)` : text;
}

/**
 * The sum of an object's values.
 * @param {Readonly<Record<string, number>>} o
 */
export const sumValues = (o) => Object.values(o).reduce((a, b) => a + b, 0);
