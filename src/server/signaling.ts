// The PeerJS signaling server: stock `peer` 1.0.2 (ExpressPeerServer), fenced in.
//
// What stock `peer` does wrong (see PITFALLS.md, "PeerServer"):
// - One malformed frame kills the process: non-JSON, or JSON that is not an object, makes
//   it emit `error` on its Express app, and with no listener Node exits.
// - No authentication: clients choose their own ids (anyone can take the clerk's id), a
//   known token silently takes over a session (the old socket is never told), any client
//   may send OFFER/CANDIDATE to any id (bypassing the line), any Origin is accepted and
//   CORS reflects any origin. `GET /:key/id` hands out ids.
// - No `maxPayload` (ws's 100 MiB default), and messages to absent peers are queued in
//   memory for ~5–6 s: one big OFFER costs hundreds of MiB.
// - Its `ws` server attaches to the HTTP server's 'upgrade' event, which breaks any
//   other WebSocket server on the same HTTP server.
// - Its two timers (message expiry, dead-connection check) can't be stopped.
//
// What this module changes, through the `createWebSocketServer` hook (typed in
// peer.d.ts, absent from the README):
// - `ws` runs with `noServer: true`: the caller routes `${path}/peerjs` upgrades to
//   `handleUpgrade`, which checks Origin, key, and id + token against the line
//   (`PeerDirectory.verifyPeer`) BEFORE the handshake, answering 401/403/503 otherwise.
//   Ids come only from the line; `GET …/:key/id` and `/peers` answer 404.
// - `maxPayload` 16 KiB (oversize: close 1009). A socket subclass filters every frame
//   before PeerServer sees it: a token bucket, then JSON object, known type and a `dst`
//   the line paired the sender with (`mayTalk`); violations close with 1008, messages to
//   a peer no longer paired are dropped and counted.
// - A second socket for the same id closes the old one with 4000 first, then takes over.
// - `error` is always listened to; `close()` closes every socket and stops the timers.
// - Logs carry event names, reasons and counts: never ids, tokens or addresses. The
//   token still travels in the URL query (the PeerJS client puts it there): don't let a
//   reverse proxy log query strings on this path.

import { createHook } from 'node:async_hooks';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import express, { type Express, type Response } from 'express';
import { ExpressPeerServer } from 'peer';
import { WebSocket, WebSocketServer, type RawData, type Server as WsServer } from 'ws';
import { CloseCode, isRecord } from '../core/protocol/index.js';
import { countedWarning, type Logger } from './logger.js';
import type { PeerDirectory } from './peer-directory.js';
import { tokenBucket } from './rate-limit.js';
import { refuseUpgrade } from './upgrade-refusal.js';

export interface SignalingOptions {
  /** Who may connect (`verifyPeer`) and who may talk to whom (`mayTalk`). */
  readonly directory: PeerDirectory;
  /** Structured logs: event names, reasons and counts only. */
  readonly logger: Logger;
  /** PeerJS key; `'balcao'` by default. */
  readonly key?: string;
  /** Where the caller mounts `app`; `'/peerjs'` by default. Gives `upgradePath`. */
  readonly path?: string;
  /** Largest frame accepted; 16 KiB by default (an SDP offer is a few KiB). */
  readonly maxPayloadBytes?: number;
  /** Sustained messages per second per socket (token bucket, burst twice that); 50 by default. */
  readonly messagesPerSecond?: number;
  /** Open sockets at most; 20 000 by default. */
  readonly concurrentLimit?: number;
  /** How long a replaced socket gets to finish its closing handshake before it is cut; 1 s by default. */
  readonly replaceTimeoutMs?: number;
  /** Checked at every upgrade; `origin` is undefined for non-browser clients. */
  readonly originAllowed: (origin: string | undefined, req: IncomingMessage) => boolean;
}

export interface Signaling {
  /**
   * PeerServer's HTTP part, to mount at `options.path` (`app.use('/peerjs', signaling.app)`),
   * before any catch-all 404. Discovery is off and `GET …/:key/id` answers 404: ids come
   * only from the line. PeerServer is already wired (mounted inside this app).
   */
  readonly app: Express;
  /** `${path}/peerjs`: the pathname whose upgrades go to `handleUpgrade` (`/peerjs/peerjs`). */
  readonly upgradePath: string;
  /**
   * For the HTTP server's 'upgrade' event when the pathname is `${path}/peerjs`. Checks
   * Origin, key, id and token before the handshake; refuses with an HTTP response
   * (401 bad key/id/token, 403 origin, 409 superseded, 503 full or closing) otherwise.
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes a peer's socket (code 4001) with a reason: the line ended its ticket or session. */
  disconnect(peerId: string, reason: string): void;
  /** Open signaling sockets (not counting those closing). */
  readonly connections: number;
  /** Refuses new sockets, closes every socket (1001 going away) and stops PeerServer's timers. */
  close(): Promise<void>;
}

const RELAYED = new Set(['OFFER', 'ANSWER', 'CANDIDATE', 'LEAVE']);
const MAX_PARAM_LENGTH = 1024;

/** A ws socket whose 'message' events pass `guard` first (PeerServer's listener never sees what it drops). */
class GuardedSocket extends WebSocket {
  guard: ((data: RawData, isBinary: boolean) => boolean) | undefined;

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'message') {
      const [data, isBinary] = args;
      if (!this.guard || !this.guard(data as RawData, isBinary === true)) return false;
    }
    return super.emit(event, ...args);
  }
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/** A close reason fits in 123 bytes of UTF-8. */
function closeReason(reason: string): string {
  let r = reason;
  while (Buffer.byteLength(r) > 123) r = r.slice(0, -1);
  return r;
}

/** An EXPIRE is not queued for a client with this much unread already. */
const EXPIRE_BACKLOG_BYTES = 16 * 1024;

/** 1, 10, 100…: the counts at which a repeated event is logged again. */
const isPowerOfTen = (n: number): boolean => Number.isInteger(Math.log10(n));

function destroySocket(this: Duplex): void {
  this.destroy();
}

function errorKind(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return typeof code === 'string' ? code : error.name;
  }
  return 'unknown';
}

/**
 * Tracks the timers PeerServer starts while `capture` runs, and the ones they schedule in
 * turn (each of its loops re-arms itself from its own callback), so `stop()` can clear
 * them: peer 1.0.2 gives no handle on them.
 */
function timerTracker(): { capture<T>(fn: () => T): T; stop(): void } {
  const owned = new Map<number, NodeJS.Timeout>();
  let capturing = false;
  const hook = createHook({
    init(asyncId, type, triggerAsyncId, resource) {
      if (type === 'Timeout' && (capturing || owned.has(triggerAsyncId))) owned.set(asyncId, resource as NodeJS.Timeout);
    },
    destroy(asyncId) {
      owned.delete(asyncId);
    },
  });
  hook.enable();
  return {
    capture(fn) {
      capturing = true;
      try {
        return fn();
      } finally {
        capturing = false;
      }
    },
    stop() {
      hook.disable();
      for (const timer of owned.values()) clearTimeout(timer);
      owned.clear();
    },
  };
}

export function createSignaling(server: HttpServer | HttpsServer, options: SignalingOptions): Signaling {
  const { directory, logger } = options;
  const key = options.key ?? 'balcao';
  const maxPayload = options.maxPayloadBytes ?? 16 * 1024;
  const rate = options.messagesPerSecond ?? 50;
  const concurrentLimit = options.concurrentLimit ?? 20_000;
  const replaceTimeoutMs = options.replaceTimeoutMs ?? 1_000;

  /** Open sockets by peer id. */
  const live = new Map<string, GuardedSocket>();
  /** Upgrades waiting for the socket they replace to close, by peer id. */
  const pending = new Map<string, Duplex>();
  const closedPromises = new WeakMap<GuardedSocket, Promise<void>>();
  let closing = false;
  let closed: Promise<void> | undefined;

  let wss: WsServer<typeof GuardedSocket> | undefined;
  const peerServer = ExpressPeerServer(server, {
    path: '/',
    key,
    allow_discovery: false,
    concurrent_limit: concurrentLimit,
    alive_timeout: 60_000,
    // No CORS headers: our clients never call PeerServer's HTTP API (stock reflects any origin).
    corsOptions: { origin: false },
    // Our own server: no `server`/`path` (the caller routes upgrades), a size cap, and the
    // socket class that filters frames.
    createWebSocketServer: () => {
      wss = new WebSocketServer<typeof GuardedSocket>({
        noServer: true,
        maxPayload,
        clientTracking: true,
        perMessageDeflate: false,
        WebSocket: GuardedSocket,
      });
      return wss;
    },
  });
  // A malformed frame that got through, or a socket error (oversize frame: ws closes
  // with 1009 and reports here), must never kill the process.
  peerServer.on('error', (error: unknown) => logger.log('warn', 'signaling_error', { kind: errorKind(error) }));

  const notFound = (res: Response): void => {
    res.status(404).json({ error: { code: 'not_found', message: 'Endereço não encontrado.' } });
  };
  const app = express();
  app.disable('x-powered-by');
  app.get('/:key/id', (_req, res) => notFound(res));
  app.get('/:key/peers', (_req, res) => notFound(res));
  // PeerServer wires its WebSocket server and starts its timers on 'mount': here, now.
  const timers = timerTracker();
  timers.capture(() => app.use(peerServer));
  const socketServer = wss;
  if (!socketServer) throw new Error('PeerServer did not create its WebSocket server');

  /** Resolves when `ws` has closed; the first call closes it with `code`, cutting it after `replaceTimeoutMs`. */
  function closeSocket(ws: GuardedSocket, code: number, reason: string): Promise<void> {
    let done = closedPromises.get(ws);
    if (!done) {
      done = new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        const timer = setTimeout(() => ws.terminate(), replaceTimeoutMs);
        ws.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      closedPromises.set(ws, done);
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close(code, closeReason(reason));
    }
    return done;
  }

  /**
   * The message budget of each peer id, kept across its sockets: reconnecting after every
   * close does not refill it. Forgotten when the line ends the peer (`disconnect`), and, past
   * the concurrent limit, for ids with no socket.
   */
  const budgets = new Map<string, () => boolean>();
  function budgetOf(id: string): () => boolean {
    let budget = budgets.get(id);
    if (!budget) {
      if (budgets.size >= concurrentLimit) for (const known of budgets.keys()) if (!live.has(known)) budgets.delete(known);
      budget = tokenBucket(rate, rate * 2);
      budgets.set(id, budget);
    }
    return budget;
  }

  function guardFor(ws: GuardedSocket, src: string): (data: RawData, isBinary: boolean) => boolean {
    const allowed = budgetOf(src);
    let dropped = 0;
    const violation = (reason: string): false => {
      logger.log('warn', 'signaling_violation', { reason });
      ws.close(1008, reason);
      return false;
    };
    ws.once('close', (code: number) => logger.log('info', 'signaling_closed', { code, dropped }));
    return (data, isBinary) => {
      if (closing || ws.readyState !== WebSocket.OPEN) return false;
      if (!allowed()) return violation('rate');
      if (isBinary) return violation('binary');
      let message: unknown;
      try {
        message = JSON.parse(rawToString(data));
      } catch {
        return violation('not_json');
      }
      if (!isRecord(message)) return violation('not_object');
      const { type, dst } = message;
      if (type === 'HEARTBEAT') return true;
      if (typeof type !== 'string' || !RELAYED.has(type)) return violation('type');
      if (typeof dst !== 'string' || dst === '' || dst.length > MAX_PARAM_LENGTH) return violation('dst');
      if (!directory.mayTalk(src, dst)) {
        // Not a violation: the pairing may have ended a moment ago.
        dropped += 1;
        if (isPowerOfTen(dropped)) logger.log('info', 'signaling_dropped', { reason: 'not_paired', count: dropped });
        // The caller is told, as PeerServer tells it of a peer that never came (PeerJS: the
        // error "peer-unavailable"), whether that peer exists or not: nothing to learn from it.
        // Not to a client that does not read: nothing piles up in the server for it.
        if (type === 'OFFER' && ws.bufferedAmount < EXPIRE_BACKLOG_BYTES) ws.send(JSON.stringify({ type: 'EXPIRE', src: dst }));
        return false;
      }
      return true;
    };
  }

  function accept(ws: GuardedSocket, id: string, req: IncomingMessage): void {
    ws.on('error', () => {}); // PeerServer listens too, and reports it as 'error' (logged above).
    ws.guard = guardFor(ws, id);
    live.set(id, ws);
    ws.once('close', () => {
      if (live.get(id) === ws) live.delete(id);
    });
    if (closing) {
      void closeSocket(ws, 1001, 'server going away');
      return;
    }
    socketServer?.emit('connection', ws, req);
    logger.log('info', 'signaling_open', { connections: live.size });
  }

  /** Keeps `socket` as the upgrade pending for `id` until it completes or closes. */
  function holdPending(id: string, socket: Duplex): void {
    pending.set(id, socket);
    socket.once('close', () => {
      if (pending.get(id) === socket) pending.delete(id);
    });
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Listeners that outlive this call are made outside its scope: a closure here would keep
    // the request and its head buffer alive for the whole connection (kilobytes per socket).
    socket.on('error', destroySocket);
    if (closing) return deny(socket, 503, 'closing');
    if (!options.originAllowed(req.headers.origin, req)) return deny(socket, 403, 'origin');
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    if (query.get('key') !== key) return deny(socket, 401, 'key');
    const id = query.get('id');
    const token = query.get('token');
    if (!id || !token || id.length > MAX_PARAM_LENGTH || token.length > MAX_PARAM_LENGTH) return deny(socket, 401, 'params');
    if (!directory.verifyPeer(id, token)) return deny(socket, 401, 'peer');
    if (!live.has(id) && !pending.has(id) && live.size + pending.size >= concurrentLimit) return deny(socket, 503, 'full');

    const earlier = pending.get(id);
    if (earlier) {
      logger.log('info', 'signaling_refused', { reason: 'superseded' });
      refuseUpgrade(earlier, 409);
    }
    holdPending(id, socket);

    const proceed = (): void => {
      if (pending.get(id) !== socket) return; // superseded meanwhile (and refused)
      pending.delete(id);
      if (closing) return deny(socket, 503, 'closing');
      socketServer?.handleUpgrade(req, socket, head, (ws) => accept(ws, id, req));
    };
    const old = live.get(id);
    if (!old) return proceed();
    // Never a silent takeover: the old socket is told, and gone (so PeerServer forgets
    // it), before the new one completes its handshake.
    logger.log('info', 'signaling_replaced');
    void closeSocket(old, CloseCode.replaced, 'replaced by a newer connection').then(proceed);
  }

  /** Refusals logged as counts by reason (a flood of forged upgrades writes a line a minute). */
  const refused = countedWarning(logger, 'signaling_refused');
  function deny(socket: Duplex, status: number, reason: string): void {
    refused(reason);
    refuseUpgrade(socket, status);
  }

  return {
    app,
    upgradePath: `${(options.path ?? '/peerjs').replace(/\/+$/, '')}/peerjs`,
    handleUpgrade,
    disconnect(peerId, reason) {
      budgets.delete(peerId);
      const waiting = pending.get(peerId);
      if (waiting) {
        pending.delete(peerId);
        refuseUpgrade(waiting, 401);
      }
      const ws = live.get(peerId);
      if (!ws) return;
      logger.log('info', 'signaling_disconnect');
      void closeSocket(ws, CloseCode.ended, reason);
    },
    get connections() {
      let open = 0;
      for (const ws of live.values()) if (ws.readyState === WebSocket.OPEN) open += 1;
      return open;
    },
    close() {
      closed ??= (async () => {
        closing = true;
        for (const socket of pending.values()) refuseUpgrade(socket, 503);
        pending.clear();
        await Promise.all([...socketServer.clients].map((ws) => closeSocket(ws, 1001, 'server going away')));
        await new Promise<void>((resolve) => socketServer.close(() => resolve()));
        timers.stop();
        logger.log('info', 'signaling_stopped');
      })();
      return closed;
    },
  };
}
