// The line's WebSockets: `/api/line` for a citizen's ticket, `/api/clerk` for a clerk.
// Chosen over SSE because both sides talk back (answer, leave, call next, outcomes) and
// the socket's life is the presence the grace period needs. The first message
// authenticates (ticket id or clerk token): secrets never travel in the URL, where
// proxies log them.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  CloseCode,
  closeCodeFor,
  ERROR_MESSAGES,
  parseCitizenCommand,
  parseClerkCommand,
  type CitizenEvent,
  type ClerkEvent,
  type ErrorCode,
} from '../core/protocol/index.js';
import type { ClerkAuth } from './clerk-auth.js';
import { LineError, type Line, type LineNotice } from './line/line.js';
import type { Logger } from './logger.js';
import { tokenBucket } from './rate-limit.js';

const HELLO_TIMEOUT_MS = 10_000;
const PING_INTERVAL_MS = 25_000;
/** Room for a session description (MAX_SDP_LENGTH) in JSON. */
const MAX_PAYLOAD = 16 * 1024;

export interface LineSockets {
  handleUpgrade(kind: 'citizen' | 'clerk', req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Tells every socket the server is going away (code 1012), then closes them. */
  close(): void;
  readonly connections: number;
}

type Kind = 'citizen' | 'clerk';

/**
 * Which socket speaks for a ticket (or a clerk session) on this server: the notices of the
 * line go to it. Process memory (a `Map`) today.
 */
export interface SocketDirectory<S> {
  get(id: string): S | undefined;
  set(id: string, socket: S): void;
  delete(id: string): void;
}

export function createLineSockets(line: Line, auth: ClerkAuth, logger: Logger, now: () => number = Date.now): LineSockets {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD, clientTracking: true });
  const citizens: SocketDirectory<WebSocket> = new Map<string, WebSocket>();
  const clerks: SocketDirectory<WebSocket> = new Map<string, WebSocket>();
  const alive = new WeakMap<WebSocket, boolean>();
  /** Set when the server stops: closing sockets then must not touch the line (its store closes next). */
  let closing = false;

  const unsubscribe = line.subscribe((notice: LineNotice) => {
    if (notice.to === 'citizen') send(citizens.get(notice.ticketId), notice.event);
    else if (notice.to === 'clerk') send(clerks.get(notice.sessionId), notice.event);
  });

  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, PING_INTERVAL_MS);
  pinger.unref();

  function send(ws: WebSocket | undefined, event: CitizenEvent | ClerkEvent): void {
    if (ws && ws.readyState === ws.OPEN) ws.send(JSON.stringify(event));
  }

  /** Tells the socket why, and closes it with `close` when given (the page stops reconnecting). */
  function fail(ws: WebSocket, code: ErrorCode, close?: CloseCode): void {
    send(ws, { type: 'error', code, message: ERROR_MESSAGES[code] });
    if (close !== undefined) ws.close(close, code);
  }

  function parse(data: RawData): unknown {
    try {
      return JSON.parse(data.toString());
    } catch {
      return undefined;
    }
  }

  function attach(ws: WebSocket, kind: Kind): void {
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('error', () => ws.terminate());
    const allowed = tokenBucket(5, 20, now);
    const helloTimer = setTimeout(() => ws.close(CloseCode.helloExpected, 'hello expected'), HELLO_TIMEOUT_MS);
    let id: string | undefined;

    /**
     * The socket's messages (and its close) are handled one after the other, in order: each
     * waits for the line to finish the previous one.
     */
    let chain: Promise<void> = Promise.resolve();
    const then = (work: () => Promise<void>): void => {
      chain = chain.then(work).catch((error: unknown) => report(ws, error, id));
    };

    ws.on('close', () => {
      clearTimeout(helloTimer);
      then(async () => {
        if (!id || closing) return;
        if (kind === 'citizen' && citizens.get(id) === ws) {
          citizens.delete(id);
          await line.citizenAway(id);
        } else if (kind === 'clerk' && clerks.get(id) === ws) {
          clerks.delete(id);
          await line.clerkAway(id);
        }
      });
    });

    ws.on('message', (data, isBinary) => {
      if (closing) return;
      if (isBinary || !allowed()) {
        ws.close(1008, isBinary ? 'text only' : 'too many messages');
        return;
      }
      const json = parse(data);
      then(async () => {
        if (closing) return;
        if (kind === 'citizen') await onCitizen(json);
        else await onClerk(json);
      });
    });

    async function onCitizen(json: unknown): Promise<void> {
      const command = parseCitizenCommand(json);
      if (!command) return fail(ws, 'bad_request');
      if (command.type === 'hello') {
        if (id) return;
        const ticketId = command.ticketId;
        const previous = citizens.get(ticketId);
        // Registered first, so the state that citizenPresent sends reaches this socket.
        citizens.set(ticketId, ws);
        try {
          // Taking over from a socket still open (a reload or a new network the server had
          // not noticed yet, another tab) is a return too: the clerk is told during a call.
          await line.citizenPresent(ticketId, previous !== undefined && previous !== ws);
        } catch (error) {
          if (citizens.get(ticketId) === ws) {
            if (previous) citizens.set(ticketId, previous);
            else citizens.delete(ticketId);
          }
          throw error;
        }
        id = ticketId;
        clearTimeout(helloTimer);
        if (previous && previous !== ws) previous.close(CloseCode.replaced, 'replaced by a newer connection');
        return;
      }
      if (!id) return fail(ws, 'ticket_not_found', CloseCode.ticketNotFound);
      if (command.type === 'ping') return send(ws, { type: 'pong' });
      if (command.type === 'answer') return line.answer(id);
      if (command.type === 'leave') return line.leave(id);
      if (command.type === 'rtc') return line.relayFromCitizen(id, command.description);
    }

    async function onClerk(json: unknown): Promise<void> {
      const command = parseClerkCommand(json);
      if (!command) return fail(ws, 'bad_request');
      if (command.type === 'hello') {
        if (id) return;
        const identity = auth.verify(command.token, now());
        if (!identity) return fail(ws, 'unauthorized', CloseCode.unauthorized);
        clearTimeout(helloTimer);
        // The first call finds or creates the session; the second, with the socket
        // registered, sends it the session, the line and any call in progress.
        const session = await line.clerkPresent(identity);
        const sessionId = session.sessionId;
        id = sessionId;
        const previous = clerks.get(sessionId);
        clerks.set(sessionId, ws);
        if (previous && previous !== ws) previous.close(CloseCode.replaced, 'replaced by a newer connection');
        await line.clerkPresent(identity);
        return;
      }
      if (!id) return fail(ws, 'unauthorized', CloseCode.unauthorized);
      switch (command.type) {
        case 'ping':
          return send(ws, { type: 'pong' });
        case 'call-next':
          return line.callNext(id);
        case 'outcome':
          return line.finish(id, command.outcome);
        case 'call-dropped':
          return line.callDropped(id);
        case 'pause':
          return line.setPaused(id, true);
        case 'resume':
          return line.setPaused(id, false);
        case 'rtc':
          return line.relayFromClerk(id, command.description);
      }
    }
  }

  /** A refused or failed step: the error message to the socket; a failed hello closes it. */
  function report(ws: WebSocket, error: unknown, id: string | undefined): void {
    if (error instanceof LineError) {
      // Before the hello is accepted, a refusal ends the socket; after it, the page is told only.
      fail(ws, error.code, id ? undefined : closeCodeFor(error.code));
      return;
    }
    logger.log('error', 'line_socket_failed', { kind: error instanceof Error ? error.name : 'unknown' });
    fail(ws, 'unavailable');
  }

  return {
    handleUpgrade(kind, req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => attach(ws, kind));
    },
    close() {
      closing = true;
      clearInterval(pinger);
      unsubscribe();
      for (const ws of wss.clients) {
        send(ws, { type: 'shutdown' });
        ws.close(1012, 'server restarting');
      }
      wss.close();
    },
    get connections() {
      return wss.clients.size;
    },
  };
}
