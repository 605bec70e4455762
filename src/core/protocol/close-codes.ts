// The WebSocket close codes the server uses (4000–4999 are the application's), on the line
// sockets (`/api/line`, `/api/clerk`) and the signaling socket (`/peerjs`). One table, as
// peerjs-server's enums.ts: the server closes with these, the pages and the call read them.

import type { ErrorCode } from './errors.js';

export const CloseCode = {
  /** Another socket took this ticket, clerk session or peer id over: not retried, so two tabs never fight. */
  replaced: 4000,
  /** Signaling: the line ended the ticket or the clerk's session. */
  ended: 4001,
  /** Clerk socket: the token is invalid or expired (the `unauthorized` error said so just before). */
  unauthorized: 4001,
  /** Line socket: the ticket is not in the line (the `ticket_not_found` error said so just before). */
  ticketNotFound: 4004,
  /** No hello within the first seconds. */
  helloExpected: 4008,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** The close code that follows a refused hello on a line socket, for the two refusals that end it; undefined for the others. */
export function closeCodeFor(code: ErrorCode): CloseCode | undefined {
  return code === 'unauthorized' ? CloseCode.unauthorized : code === 'ticket_not_found' ? CloseCode.ticketNotFound : undefined;
}
