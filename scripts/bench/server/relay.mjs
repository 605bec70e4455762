// @ts-check
// C.2 Relay: PAIRS citizen → clerk pairs; a 2 kB OFFER carries its send time (this
// process's performance.now(); this process also receives it), so latency is one way,
// server and both loopback hops included. Steady: STEADY_RATE msg/s in all (ours at its
// default per-peer-id limit). Max: closed loop, WINDOW messages in flight per pair, so
// the server never waits for work; ours with its per-socket rate limit raised (a
// policy, not capacity). Then PROFILE_SECONDS more under a sampling profile (node:inspector
// in the server process), summed by module: where a relayed message's CPU goes.
import { Buffer } from 'node:buffer';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fmt, fmtInt, fmtRatio, pct, table } from '../lib/format.mjs';
import { loadAverage } from '../lib/machine.mjs';
import { sleep } from '../lib/processes.mjs';
import { best, quantiles } from '../lib/stats.mjs';
import { IN_FLIGHT, LINE_UNIT, MAX_SECONDS, MAX_WARMUP_SECONDS, OFFER_BYTES, PAIRS, PROFILE_SECONDS, RAISED_RATE, ROUNDS, STEADY_RATE, STEADY_SECONDS, WARMUP_SECONDS, WINDOW } from './config.mjs';
import { cpuWindow, kindsInRound, leastDisturbed, sumValues, usPer, verdict, withDataDir, withServer } from './harness.mjs';
import { closeAll, madeUpPeer, openAll, peerUrl } from './sockets.mjs';

/**
 * @typedef {import('./harness.mjs').Server} Server
 * @typedef {import('./harness.mjs').Window} Window
 * @typedef {{ onRelayed: (pair: number, latencyMs: number) => void, send: (pair: number) => void, close: () => Promise<void> }} Relay
 * @typedef {Window & { sent: number, latencies: number[] }} SteadyRun
 * @typedef {Window & { latencies: number[], rate: number, profile: Record<string, number>, profileRate: number, profileOthersCpu: number }} MaxRun
 * @typedef {{ steady: { stock: SteadyRun[], ours: SteadyRun[] }, max: { stock: MaxRun[], ours: MaxRun[] } }} RelayRuns
 */

const SDP_LINE = 'a=candidate:1 1 udp 2122260223 192.0.2.10 54400 typ host generation 0 network-id 1\\r\\n';

/**
 * A function of the send time returning a PeerJS OFFER to `dst` of exactly OFFER_BYTES
 * bytes, as a Buffer (sent as a text frame): a copy of a template with the time written in.
 * @param {string} dst
 * @returns {(t: number) => Buffer}
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

/**
 * The send time carried by a relayed OFFER.
 * @param {Buffer} data
 */
function sentAt(data) {
  const i = data.indexOf('"t":');
  return Number(data.toString('latin1', i + 4, data.indexOf(',', i)));
}

/**
 * Opens the pairs' sockets; `relay.onRelayed(pairIndex, latencyMs)` is called for each OFFER a clerk receives.
 * @param {'stock' | 'ours'} kind
 * @param {number} port
 * @param {readonly import('./serve.mjs').Pair[]} pairs
 * @returns {Promise<Relay>}
 */
async function connectPairs(kind, port, pairs) {
  const urls = pairs.flatMap((p) => [peerUrl(kind, port, p.citizen), peerUrl(kind, port, p.clerk)]);
  const { sockets } = await openAll(urls, IN_FLIGHT);
  /** @param {number} i */
  const socket = (i) => /** @type {import('ws').WebSocket} */ (sockets[i]);
  /** @type {Relay} */
  const relay = { onRelayed: () => {}, send: () => {}, close: () => closeAll(sockets) };
  const links = pairs.map((p, i) => {
    socket(2 * i + 1).on('message', (/** @type {Buffer} */ data) => relay.onRelayed(i, performance.now() - sentAt(data)));
    return { citizen: socket(2 * i), offer: offerTo(p.clerk[0]) };
  });
  relay.send = (i) => {
    const link = /** @type {(typeof links)[number]} */ (links[i]);
    link.citizen.send(link.offer(performance.now()), { binary: false });
  };
  return relay;
}

/**
 * Waits until `received()` reaches `sent`, or `ms` passed.
 * @param {() => number} received
 * @param {number} sent
 * @param {number} ms
 */
async function drain(received, sent, ms) {
  const deadline = performance.now() + ms;
  while (received() < sent && performance.now() < deadline) await sleep(5);
}

/**
 * STEADY_RATE messages per second spread over the pairs, for `seconds`; one-way latencies.
 * @param {Relay} relay
 * @param {number} seconds
 * @param {Server} server
 * @returns {Promise<SteadyRun>}
 */
async function steadyRun(relay, seconds, server) {
  /** @type {number[]} */
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
 * @param {Relay} relay
 * @param {Server} server
 * @returns {Promise<MaxRun>}
 */
async function maxRun(relay, server) {
  let running = true;
  let sent = 0;
  let received = 0;
  /** @type {number[] | null} */
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
  /** @type {number[]} */
  const measured = [];
  latencies = measured;
  await sleep(MAX_SECONDS * 1000);
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

/**
 * One round of one server: a fresh process, the pairs, then the steady or the max run.
 * @template {'steady' | 'max'} M
 * @param {import('./connections.mjs').Context} ctx
 * @param {'stock' | 'ours'} kind
 * @param {M} mode
 * @returns {Promise<M extends 'max' ? MaxRun : SteadyRun>}
 */
async function relayRun(ctx, kind, mode) {
  const signaling = kind === 'ours' && mode === 'max' ? { messagesPerSecond: RAISED_RATE } : undefined;
  const result = await withDataDir(os.tmpdir(), (dataDir) =>
    withServer(kind === 'ours' ? { ...ctx, kind, dataDir, units: [LINE_UNIT], signaling } : { kind }, async (server) => {
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
  return /** @type {M extends 'max' ? MaxRun : SteadyRun} */ (result);
}

/**
 * @param {import('./connections.mjs').Context} ctx
 * @returns {Promise<RelayRuns>}
 */
export async function benchRelay(ctx) {
  /** @type {RelayRuns} */
  const runs = { steady: { stock: [], ours: [] }, max: { stock: [], ours: [] } };
  /** @param {{ latencies: readonly number[] }} r */
  const q = (r) => quantiles(r.latencies).map((x) => fmt(x)).join(' / ');
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of kindsInRound(round)) runs.steady[kind].push(await leastDisturbed(`${kind}, steady`, () => relayRun(ctx, kind, 'steady')));
    /** @param {'stock' | 'ours'} kind */
    const last = (kind) => /** @type {SteadyRun} */ (runs.steady[kind].at(-1));
    console.log(`steady round ${round + 1}, p50/p95/p99 ms: stock ${q(last('stock'))}; ours ${q(last('ours'))} (load average ${loadAverage()})`);
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of kindsInRound(round)) runs.max[kind].push(await leastDisturbed(`${kind}, max`, () => relayRun(ctx, kind, 'max')));
    /** @param {'stock' | 'ours'} kind */
    const last = (kind) => /** @type {MaxRun} */ (runs.max[kind].at(-1));
    /** @param {'stock' | 'ours'} kind */
    const rate = (kind) => `${fmtInt(last(kind).rate)} msg/s, `;
    console.log(`max round ${round + 1}, p50/p95/p99 ms: stock ${rate('stock')}${q(last('stock'))}; ours ${rate('ours')}${q(last('ours'))} (load average ${loadAverage()})`);
  }
  return runs;
}

const PROFILE_CATEGORIES = [
  ['node', 'Node: sockets, streams, writev'],
  ['ws', 'ws: frames in and out'],
  ['peer', 'PeerServer: JSON.parse, JSON.stringify, routing'],
  ['guard', "ours' guard: JSON.parse, type, rate, pairing"],
  ['gc', 'garbage collector'],
  ['other', 'other'],
];

/**
 * The tables of C.2: latency, throughput, and where the server's CPU goes.
 * @param {RelayRuns} runs
 */
export function relayTables({ steady, max }) {
  /** @param {readonly (SteadyRun | MaxRun)[]} runs */
  const pool = (runs) => ({
    latencies: runs.flatMap((r) => r.latencies),
    sent: runs.reduce((n, r) => n + ('sent' in r ? r.sent : r.latencies.length), 0),
    othersCpu: Math.max(...runs.map((r) => r.othersCpu)),
  });
  /** @typedef {ReturnType<typeof pool>} Pooled */
  /**
   * @param {string} label
   * @param {Pooled} stock
   * @param {Pooled} ours
   */
  const row = (label, stock, ours) => {
    const [s, o] = [quantiles(stock.latencies), quantiles(ours.latencies)];
    const ratios = o.map((x, i) => x / /** @type {number} */ (s[i]));
    /** @param {Pooled} r */
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
  /** @param {MaxRun} r */
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
      ...PROFILE_CATEGORIES.map(([key = '', label = '']) => [label, fmt(s.profile[key] ?? 0), fmt(o.profile[key] ?? 0), fmt((o.profile[key] ?? 0) - (s.profile[key] ?? 0))]),
      ['total (server CPU while profiled)', fmt(sumValues(s.profile)), fmt(sumValues(o.profile)), fmt(sumValues(o.profile) - sumValues(s.profile))],
      ['rate while profiled, msg/s', fmtInt(s.profileRate), fmtInt(o.profileRate), ''],
      ['other processes while profiled, share of one core', pct(s.profileOthersCpu), pct(o.profileOthersCpu), ''],
    ],
  );
  return { latency, throughput, where };
}
