// Raw PeerJS-protocol clients over `ws`, for signaling tests: what the PeerJS browser
// client sends (`/peerjs/peerjs?key=…&id=…&token=…`), without WebRTC.

import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { WebSocket } from 'ws';

export const ORIGIN = 'https://www.tjrn.jus.br';

export interface PeerParams {
  readonly id: string;
  readonly token: string;
  readonly key?: string;
  /** `null`: no Origin header (a non-browser client). */
  readonly origin?: string | null;
  readonly path?: string;
}

export interface Closed {
  readonly code: number;
  readonly reason: string;
}

export interface PeerClient {
  readonly ws: WebSocket;
  /** The next server message not read yet (waits for it). */
  next(): Promise<Record<string, unknown>>;
  /** Messages received and not read by next(). */
  readonly unread: readonly Record<string, unknown>[];
  send(message: unknown): void;
  sendRaw(data: string | Buffer, binary?: boolean): void;
  /** Resolves when the socket closes, with the code and reason the client saw. */
  readonly closed: Promise<Closed>;
  close(): Promise<Closed>;
}

export function peerUrl(port: number, { id, token, key = 'balcao', path = '/peerjs/peerjs' }: PeerParams): string {
  const q = new URLSearchParams({ key, id, token, version: '1.5.5' });
  return `ws://127.0.0.1:${port}${path}?${q.toString()}`;
}

function open(port: number, params: PeerParams): WebSocket {
  const origin = params.origin === undefined ? ORIGIN : params.origin;
  return new WebSocket(peerUrl(port, params), origin === null ? {} : { headers: { origin } });
}

/** Connects and resolves once the server has sent `{"type":"OPEN"}`. */
export function connectPeer(port: number, params: PeerParams): Promise<PeerClient> {
  const ws = open(port, params);
  const unread: Record<string, unknown>[] = [];
  const waiters: ((m: Record<string, unknown>) => void)[] = [];
  const closed = new Promise<Closed>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  return new Promise<PeerClient>((resolve, reject) => {
    let opened = false;
    ws.on('error', (error) => {
      if (!opened) reject(error);
    });
    ws.on('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode ?? 0}`)));
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      if (!opened) {
        if (message.type === 'OPEN') {
          opened = true;
          resolve(client);
        } else reject(new Error(`first message: ${JSON.stringify(message)}`));
        return;
      }
      const waiter = waiters.shift();
      if (waiter) waiter(message);
      else unread.push(message);
    });
    void closed.then(({ code }) => {
      if (!opened) reject(new Error(`closed before OPEN: ${code}`));
    });
    const client: PeerClient = {
      ws,
      unread,
      next: () => {
        const m = unread.shift();
        return m ? Promise.resolve(m) : new Promise((r) => waiters.push(r));
      },
      send: (message) => ws.send(JSON.stringify(message)),
      sendRaw: (data, binary = false) => ws.send(data, { binary }),
      closed,
      close: () => {
        ws.close(1000);
        return closed;
      },
    };
  });
}

/** Resolves with the HTTP status the server answered the upgrade with; rejects if it opened. */
export function refusedStatus(port: number, params: PeerParams): Promise<number> {
  const ws = open(port, params);
  return new Promise<number>((resolve, reject) => {
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.on('open', () => {
      ws.terminate();
      reject(new Error('the server accepted the connection'));
    });
    ws.on('error', (error) => reject(error));
  });
}

/**
 * A PeerJS peer whose network died: it completes the handshake, then never answers again
 * (no close frame back). Resolves once the server's OPEN arrived.
 */
export function connectDeadPeer(port: number, params: PeerParams): Promise<{ closed: Promise<void> }> {
  const socket = connect(port, '127.0.0.1');
  const q = new URLSearchParams({ key: params.key ?? 'balcao', id: params.id, token: params.token });
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('error', () => {});
  socket.write(
    [
      `GET /peerjs/peerjs?${q.toString()} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      `Origin: ${params.origin ?? ORIGIN}`,
      '',
      '',
    ].join('\r\n'),
  );
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString('latin1');
      if (!seen.startsWith('HTTP/1.1 101')) {
        if (seen.includes('\r\n')) reject(new Error(seen.split('\r\n')[0]));
        return;
      }
      if (seen.includes('"OPEN"')) {
        socket.off('data', onData);
        socket.resume(); // dead: whatever comes next is ignored, nothing is answered
        resolve({ closed });
      }
    };
    socket.on('data', onData);
  });
}

/** What `p` received and did not read, after waiting `ms` (to show nothing came). */
export async function receivedWithin(p: PeerClient, ms: number): Promise<readonly Record<string, unknown>[]> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return p.unread;
}
