// The clerk socket (`/api/clerk`): says hello with the clerk's token as its first message
// (never in the URL), passes the server's messages on, pings every 20 s, and reconnects with
// backoff and jitter when the connection drops or the server restarts (src/ui/line-connection.ts,
// shared with the citizen's flow). Two closes stop it: 4000, another tab of the same clerk
// took the session over (until "Usar esta aba"), and 4001, the token was refused.

import type { ReactiveControllerHost } from 'lit';
import { parseClerkEvent, type ClerkCommand, type ClerkEvent } from '../core/protocol/clerk.js';
import { CloseCode } from '../core/protocol/close-codes.js';
import { LineConnection } from '../ui/line-connection.js';
import { lineSocketUrl } from '../ui/line-socket.js';

export class ClerkConnection extends LineConnection<ClerkCommand, ClerkEvent> {
  constructor(
    host: ReactiveControllerHost,
    onEvent: (event: ClerkEvent) => void,
    onConnectionChange: (lost: boolean) => void,
    onRefused: () => void,
    onReplaced: () => void,
  ) {
    super(host, { parse: parseClerkEvent, onEvent, onConnectionChange, finalCodes: [CloseCode.unauthorized], onFinalClose: onRefused, onReplaced });
  }

  /** Signs in at a server with a token: connects now, and again after every drop. */
  signIn(server: URL, token: string): void {
    this.open(lineSocketUrl(server, 'api/clerk'), { type: 'hello', token });
  }
}
