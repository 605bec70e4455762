// A line socket that stays up, shared by the citizen's flow (`/api/line`, QueueController)
// and the clerk's element (`/api/clerk`): says hello with its secret as the first message
// (never in the URL, where proxies log it), passes the server's messages on, pings every
// 20 s, and when the connection drops (a phone changing networks, a server restart)
// reconnects with exponential backoff and jitter for as long as it is followed. Two close
// codes stop it: 4000, another tab took the same ticket or clerk session over (not retried
// until the person asks, so two tabs never fight), and the caller's final codes (the
// server said why just before: the ticket is gone, the clerk's access is refused).
// Removing the element closes the socket.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CloseCode } from '../core/protocol/close-codes.js';
import { openLineSocket, type LineSocket } from './line-socket.js';
import { ONLINE, SHOWN, onPageWake } from './page-wake.js';

export const PING_INTERVAL_MS = 20_000;
/** No message for this long (the server answers every ping): the connection is dead. */
export const SILENCE_LIMIT_MS = 50_000;
export const RECONNECT_BASE_MS = 1_000;
export const RECONNECT_MAX_MS = 30_000;

export type Connection =
  /** Nothing followed (or stopped by a final close code). */
  | 'idle'
  | 'connecting'
  | 'open'
  /** Lost; trying again after a delay. */
  | 'retrying'
  /** Another tab or window opened the same ticket or session: not retried until asked. */
  | 'replaced';

/** The delay before reconnection attempt `attempt` (0, 1, 2…): 1 s, 2 s, 4 s… up to 30 s, each between half and all of it. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  return Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** attempt) * (0.5 + random() / 2);
}

export interface LineConnectionOptions<E> {
  /** A server message as the element reads it, or null to drop it (unknown or malformed). */
  readonly parse: (json: unknown) => E | null;
  /** Each message of the server, parsed. */
  readonly onEvent: (event: E) => void;
  /** The connection was lost (true) or is back (false: the first message after reconnecting). */
  readonly onConnectionChange: (lost: boolean) => void;
  /** Close codes after which nothing is retried: the server said why in its last message. */
  readonly finalCodes: readonly number[];
  /** The socket was closed with one of `finalCodes`. */
  readonly onFinalClose?: (code: number) => void;
  /** Another tab or window took over (close 4000): nothing is retried until `reconnect`. */
  readonly onReplaced?: () => void;
}

/** The heartbeat both line sockets understand. */
interface Ping {
  readonly type: 'ping';
}

interface Target<C> {
  readonly url: string;
  readonly hello: C;
  /** How long the server keeps the place (or session) without the socket; undefined when not known. */
  readonly graceMs: number | undefined;
}

export class LineConnection<C extends { readonly type: string }, E extends { readonly type: string }> implements ReactiveController {
  connection: Connection = 'idle';
  /** When the connection was lost (epoch ms); undefined while it works. */
  lostAt: number | undefined;
  private target: Target<C> | undefined;
  private socket: LineSocket | undefined;
  private socketListeners: AbortController | undefined;
  private hostListeners: AbortController | undefined;
  private pingTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private lastMessageAt = 0;

  constructor(
    protected readonly host: ReactiveControllerHost,
    private readonly options: LineConnectionOptions<E>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.hostListeners = new AbortController();
    // The page shown again, or the connection back: a socket waiting to retry tries now.
    const soon = (): void => {
      if (this.connection === 'retrying') this.connect();
    };
    onPageWake(soon, this.hostListeners.signal, SHOWN | ONLINE);
    if (this.target && this.connection === 'idle') this.connect();
  }

  hostDisconnected(): void {
    this.hostListeners?.abort();
    this.hostListeners = undefined;
    this.closeSocket();
    this.clearTimers();
    this.connection = 'idle';
  }

  /** Whether something is followed (`open` was called and not `stop`). */
  get following(): boolean {
    return this.target !== undefined;
  }

  /** Follows a socket: connects now (or once the host is connected), saying `hello` first. */
  open(url: string, hello: C, graceMs?: number): void {
    this.target = { url, hello, graceMs };
    this.attempt = 0;
    this.lostAt = undefined;
    if (this.hostListeners) this.connect();
  }

  /** Stops following: closes the socket; the server is not told anything. */
  stop(): void {
    this.target = undefined;
    this.lostAt = undefined;
    this.closeSocket();
    this.clearTimers();
    this.connection = 'idle';
    this.host.requestUpdate();
  }

  /** Whether `send` would send now. */
  get canSend(): boolean {
    return this.socket !== undefined && this.connection === 'open' && this.socket.readyState === 1;
  }

  /** Sends a command if the socket is open; returns whether it was sent. */
  send(command: C | Ping): boolean {
    if (!this.socket || !this.canSend) return false;
    this.socket.send(JSON.stringify(command));
    return true;
  }

  /** Whether the connection has been down for longer than the grace period given to `open`. */
  graceExceeded(now = Date.now()): boolean {
    const grace = this.target?.graceMs;
    return this.lostAt !== undefined && grace !== undefined && now - this.lostAt >= grace;
  }

  /** Connects again now (after another tab took over, or a "Tentar de novo"). */
  reconnect(): void {
    if (this.target) this.connect();
  }

  private connect(): void {
    const url = this.target?.url;
    if (!this.target || !url || !this.hostListeners) return;
    this.closeSocket();
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.connection = 'connecting';
    let socket: LineSocket;
    try {
      socket = openLineSocket(url);
    } catch {
      this.dropped();
      return;
    }
    this.socket = socket;
    const listeners = new AbortController();
    this.socketListeners = listeners;
    const { signal } = listeners;
    socket.addEventListener(
      'open',
      () => {
        const target = this.target;
        if (!target) return;
        this.connection = 'open';
        this.lastMessageAt = Date.now();
        socket.send(JSON.stringify(target.hello));
        this.armPing();
        this.host.requestUpdate();
      },
      { signal },
    );
    socket.addEventListener('message', (event) => this.received((event as MessageEvent).data), { signal });
    socket.addEventListener(
      'close',
      (event) => {
        const code = (event as CloseEvent).code;
        this.socketListeners?.abort();
        this.socketListeners = undefined;
        this.socket = undefined;
        if (!this.target) return;
        if (this.options.finalCodes.includes(code)) {
          this.clearTimers();
          this.connection = 'idle';
          this.host.requestUpdate();
          this.options.onFinalClose?.(code);
        } else if (code === CloseCode.replaced) {
          this.clearTimers();
          this.connection = 'replaced';
          this.host.requestUpdate();
          this.options.onReplaced?.();
        } else {
          this.dropped();
        }
      },
      { signal },
    );
  }

  private received(data: unknown): void {
    this.lastMessageAt = Date.now();
    let json: unknown;
    try {
      json = typeof data === 'string' ? JSON.parse(data) : undefined;
    } catch {
      json = undefined;
    }
    const event = this.options.parse(json);
    if (!event) return;
    if (event.type !== 'error' && event.type !== 'pong' && this.lostAt !== undefined) {
      this.lostAt = undefined;
      this.attempt = 0;
      clearTimeout(this.graceTimer);
      this.graceTimer = undefined;
      this.options.onConnectionChange(false);
    }
    this.options.onEvent(event);
  }

  /** The connection is gone: try again after a while, and say so once. */
  private dropped(): void {
    this.closeSocket();
    clearTimeout(this.pingTimer);
    this.pingTimer = undefined;
    const target = this.target;
    if (!target) return;
    this.connection = 'retrying';
    if (this.lostAt === undefined) {
      this.lostAt = Date.now();
      // One update when the grace period runs out, so the page can say the place may be lost.
      if (target.graceMs !== undefined) {
        this.graceTimer = setTimeout(() => {
          this.graceTimer = undefined;
          this.host.requestUpdate();
        }, target.graceMs);
      }
      this.options.onConnectionChange(true);
    }
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connect();
    }, reconnectDelay(this.attempt++));
    this.host.requestUpdate();
  }

  private armPing(): void {
    clearTimeout(this.pingTimer);
    this.pingTimer = setTimeout(() => {
      this.pingTimer = undefined;
      if (Date.now() - this.lastMessageAt > SILENCE_LIMIT_MS) {
        this.dropped();
        return;
      }
      this.send({ type: 'ping' });
      this.armPing();
    }, PING_INTERVAL_MS);
  }

  private closeSocket(): void {
    this.socketListeners?.abort();
    this.socketListeners = undefined;
    const socket = this.socket;
    this.socket = undefined;
    if (socket && socket.readyState < 2) {
      try {
        socket.close(1000, 'bye');
      } catch {
        // Already closing.
      }
    }
  }

  private clearTimers(): void {
    for (const timer of [this.pingTimer, this.retryTimer, this.graceTimer]) clearTimeout(timer);
    this.pingTimer = undefined;
    this.retryTimer = undefined;
    this.graceTimer = undefined;
  }
}
