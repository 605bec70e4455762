// The citizen's line socket (`/api/line`) while holding a ticket: says hello with the
// ticket, passes the server's messages on, pings every 20 s, and when the connection drops
// (a phone changing networks, a server restart) reconnects with exponential backoff and
// jitter, for as long as the ticket is held: past the grace period the place may be lost,
// and the server says so when the socket comes back. Removing the element closes the
// socket and leaves the place alone (only "Sair da fila" leaves the line).

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { parseCitizenEvent, type CitizenCommand, type CitizenEvent } from '../../core/protocol.js';
import { lineSocketUrl, openLineSocket, type LineSocket } from './line-socket.js';
import type { SavedTicket } from './ticket-store.js';

export const PING_INTERVAL_MS = 20_000;
/** No message for this long (the server answers every ping): the connection is dead. */
export const SILENCE_LIMIT_MS = 50_000;
export const RECONNECT_BASE_MS = 1_000;
export const RECONNECT_MAX_MS = 30_000;
/** Close codes of the server: the ticket is not in the line; another tab took the ticket over. */
const CLOSE_TICKET_NOT_FOUND = 4004;
const CLOSE_REPLACED = 4000;

export type Connection =
  /** No ticket followed. */
  | 'idle'
  | 'connecting'
  | 'open'
  /** Lost; trying again after a delay. */
  | 'retrying'
  /** Another tab or window opened the same ticket: not retried until asked. */
  | 'replaced';

/** The delay before reconnection attempt `attempt` (0, 1, 2…): 1 s, 2 s, 4 s… up to 30 s, each between half and all of it. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  return Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** attempt) * (0.5 + random() / 2);
}

export class QueueController implements ReactiveController {
  connection: Connection = 'idle';
  /** When the connection was lost (epoch ms); undefined while it works. */
  lostAt: number | undefined;
  private ticket: SavedTicket | undefined;
  private url: string | undefined;
  private socket: LineSocket | undefined;
  private socketListeners: AbortController | undefined;
  private hostListeners: AbortController | undefined;
  private pingTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private lastMessageAt = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Each message of the server, parsed; unknown messages are dropped. */
    private readonly onEvent: (event: CitizenEvent) => void,
    /** The connection was lost (true) or is back (false). */
    private readonly onConnectionChange: (lost: boolean) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.hostListeners = new AbortController();
    const { signal } = this.hostListeners;
    const soon = (): void => {
      if (this.connection === 'retrying') this.connect();
    };
    window.addEventListener('online', soon, { signal });
    document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && soon(), { signal });
    if (this.ticket && this.connection === 'idle') this.connect();
  }

  hostDisconnected(): void {
    this.hostListeners?.abort();
    this.hostListeners = undefined;
    this.closeSocket();
    this.clearTimers();
    this.connection = 'idle';
  }

  /** Follows a ticket: connects now. */
  follow(server: URL, ticket: SavedTicket): void {
    this.ticket = ticket;
    this.url = lineSocketUrl(server);
    this.attempt = 0;
    this.lostAt = undefined;
    if (this.hostListeners) this.connect();
  }

  /** Stops following (the ticket ended): closes the socket; the server is not told anything. */
  stop(): void {
    this.ticket = undefined;
    this.lostAt = undefined;
    this.closeSocket();
    this.clearTimers();
    this.connection = 'idle';
    this.host.requestUpdate();
  }

  /** Sends a command if the socket is open; returns whether it was sent. */
  send(command: CitizenCommand): boolean {
    const socket = this.socket;
    if (!socket || this.connection !== 'open' || socket.readyState !== 1) return false;
    socket.send(JSON.stringify(command));
    return true;
  }

  /** Whether the connection has been down for longer than the ticket's grace period. */
  graceExceeded(now = Date.now()): boolean {
    return this.lostAt !== undefined && this.ticket !== undefined && now - this.lostAt >= this.ticket.graceSeconds * 1000;
  }

  /** Connects again now (after another tab took the ticket, or a "Tentar de novo"). */
  reconnect(): void {
    if (this.ticket) this.connect();
  }

  private connect(): void {
    const url = this.url;
    if (!this.ticket || !url || !this.hostListeners) return;
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
        const ticket = this.ticket;
        if (!ticket) return;
        this.connection = 'open';
        this.lastMessageAt = Date.now();
        socket.send(JSON.stringify({ type: 'hello', ticketId: ticket.ticketId } satisfies CitizenCommand));
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
        if (!this.ticket) return;
        if (code === CLOSE_TICKET_NOT_FOUND) {
          // The server said why just before ("error", "missed" or "expired"); nothing to retry.
          this.clearTimers();
          this.connection = 'idle';
          this.host.requestUpdate();
        } else if (code === CLOSE_REPLACED) {
          this.clearTimers();
          this.connection = 'replaced';
          this.host.requestUpdate();
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
    const event = parseCitizenEvent(json);
    if (!event) return;
    if (event.type !== 'error' && event.type !== 'pong' && this.lostAt !== undefined) {
      this.lostAt = undefined;
      this.attempt = 0;
      clearTimeout(this.graceTimer);
      this.graceTimer = undefined;
      this.onConnectionChange(false);
    }
    this.onEvent(event);
  }

  /** The connection is gone: try again after a while, and say so once. */
  private dropped(): void {
    this.closeSocket();
    clearTimeout(this.pingTimer);
    this.pingTimer = undefined;
    if (!this.ticket) return;
    this.connection = 'retrying';
    if (this.lostAt === undefined) {
      this.lostAt = Date.now();
      const grace = this.ticket.graceSeconds * 1000;
      // One update when the grace period runs out, so the page can say the place may be lost.
      this.graceTimer = setTimeout(() => {
        this.graceTimer = undefined;
        this.host.requestUpdate();
      }, grace);
      this.onConnectionChange(true);
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
