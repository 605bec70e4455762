// The citizen's line socket (`/api/line`) while holding a ticket: says hello with the
// ticket, passes the server's messages on, pings every 20 s, and reconnects with backoff
// and jitter for as long as the ticket is held (line-connection.ts, shared with the clerk's
// element): past the grace period the place may be lost, and the server says so when the
// socket comes back. Removing the element closes the socket and leaves the place alone
// (only "Sair da fila" leaves the line).

import type { ReactiveControllerHost } from 'lit';
import { CloseCode } from '../../core/protocol/close-codes.js';
import { parseCitizenEvent, type CitizenCommand, type CitizenEvent } from '../../core/protocol/line.js';
import { LineConnection } from '../../ui/line-connection.js';
import { lineSocketUrl } from '../../ui/line-socket.js';
import type { SavedTicket } from './ticket-store.js';

export class QueueController extends LineConnection<CitizenCommand, CitizenEvent> {
  constructor(
    host: ReactiveControllerHost,
    /** Each message of the server, parsed; unknown messages are dropped. */
    onEvent: (event: CitizenEvent) => void,
    /** The connection was lost (true) or is back (false). */
    onConnectionChange: (lost: boolean) => void,
  ) {
    super(host, { parse: parseCitizenEvent, onEvent, onConnectionChange, finalCodes: [CloseCode.ticketNotFound] });
  }

  /** Follows a ticket: connects now. */
  follow(server: URL, ticket: SavedTicket): void {
    this.open(lineSocketUrl(server, 'api/line'), { type: 'hello', ticketId: ticket.ticketId }, ticket.graceSeconds * 1000);
  }
}
