// The two requests of the line: joining (`POST api/units/:id/queue`) and leaving on purpose
// (`POST api/tickets/:id/leave`, used when the line socket is down). The join body is built
// from the four flags the server takes, field by field: no personal data can ride along.

import type { JoinRequest, Ticket } from '../../core/protocol/http.js';
import { FETCH_TIMEOUT_MS, unitUrl } from '../../ui/server-api.js';
import { parseJoinAnswer, type SavedTicket } from './ticket-store.js';

export type JoinResult =
  | { readonly ok: true; readonly ticket: SavedTicket; readonly answer: Ticket }
  | {
      readonly ok: false;
      /** The server's error code (`unit_closed`, `line_full`, `rate_limited`, `bad_request`…); `offline` without an answer. */
      readonly code: string;
      /** The server's message, in Portuguese, when it sent one. */
      readonly message: string | undefined;
    };

async function post(url: URL, body: string | undefined, signal: AbortSignal | undefined): Promise<Response | undefined> {
  const timeout = AbortSignal.timeout(FETCH_TIMEOUT_MS);
  try {
    return await fetch(url, {
      method: 'POST',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
      ...(body === undefined ? {} : { body }),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch {
    return undefined;
  }
}

export async function joinLine(server: URL, unitId: string, request: JoinRequest, signal: AbortSignal): Promise<JoinResult> {
  const body: JoinRequest = { subject: request.subject, sealed: request.sealed, lawyer: request.lawyer, libras: request.libras };
  const response = await post(unitUrl(server, unitId, '/queue'), JSON.stringify(body), signal);
  if (!response) return { ok: false, code: 'offline', message: undefined };
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  if (response.status === 201) {
    const parsed = parseJoinAnswer(json);
    return parsed ? { ok: true, ...parsed } : { ok: false, code: 'bad_answer', message: undefined };
  }
  const error = typeof json === 'object' && json !== null ? (json as { error?: { code?: unknown; message?: unknown } }).error : undefined;
  const code = typeof error?.code === 'string' ? error.code : [502, 503, 504].includes(response.status) ? 'unavailable' : 'bad_answer';
  return { ok: false, code, message: typeof error?.message === 'string' ? error.message : undefined };
}

/** Leaves the line without the socket; resolves whether the server took it. */
export async function leaveLine(server: URL, ticketId: string): Promise<boolean> {
  const response = await post(new URL(`api/tickets/${encodeURIComponent(ticketId)}/leave`, server), undefined, undefined);
  return response?.status === 204;
}
