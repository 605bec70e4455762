// @ts-check
// C. What section C measures, and how much of it. The knobs read from the environment
// default to a full run's values; smaller ones make a quick smoke run.
import path from 'node:path';
import { envCount, envCounts, root } from '../lib/env.mjs';

export const SECTION = '## C. Signaling server: ours and stock PeerServer';
/** The compiled server the children run: a private copy, as a build running meanwhile (another terminal) empties dist/. */
export const CACHE = path.join(root, 'node_modules', '.cache', 'bench-server');
export const SNAPSHOT = path.join(CACHE, 'node');

/** Rounds of each measurement, stock and ours alternating (BENCH_SERVER_ROUNDS). */
export const ROUNDS = envCount('BENCH_SERVER_ROUNDS', 2);
/** A measurement during which other processes used more than this share of a core is made again, up to MAX_ATTEMPTS in all. */
export const OTHERS_LIMIT = 0.25;
export const MAX_ATTEMPTS = 2;
/** Concurrent sockets opened, one row each (BENCH_SERVER_SOCKETS, comma-separated). */
export const SIZES = envCounts('BENCH_SERVER_SOCKETS', [1_000, 5_000, 10_000]);
export const IN_FLIGHT = 200;
/** Descriptors a process needs beyond its N sockets (stdio, IPC, database, libuv). */
export const FD_RESERVE = 256;
export const OFFER_BYTES = 2048;
export const PAIRS = 20;
export const STEADY_RATE = 500;
export const STEADY_SECONDS = 5;
export const WARMUP_SECONDS = 2;
export const WINDOW = 8;
export const MAX_WARMUP_SECONDS = 1;
export const MAX_SECONDS = 4;
export const PROFILE_SECONDS = 2;
/** Ours for the max run: its per-peer-id limit out of the way. */
export const RAISED_RATE = 1_000_000;
/** Citizens waiting at the line's unit while joins are timed (BENCH_LINE_WAITING). */
export const LINE_WAITING = envCount('BENCH_LINE_WAITING', 1_000);
/** Joins timed (BENCH_LINE_JOINS), after LINE_WARMUP discarded. */
export const LINE_JOINS = envCount('BENCH_LINE_JOINS', 300);
export const LINE_WARMUP = 20;
/** Clerk 'line' messages per measured citizen: after the join, the hello and the leave. */
export const LINE_MESSAGES_PER_JOIN = 3;
/** The connection tickets are issued over this many units, so that 10 000 take seconds, not minutes. */
export const TICKET_UNITS = 200;
export const LINE_UNIT = 'bench-linha';
/**
 * What each citizen of the bench asks for when joining.
 * @type {Parameters<NonNullable<import('../../../src/server/server.js').BalcaoServer['line']>['join']>[1]}
 */
export const JOIN = { subject: 'case-info', sealed: false, lawyer: false, libras: false };
