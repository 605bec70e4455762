// The citizen's ticket in this tab's sessionStorage, so that a reload (or a phone that
// discards the tab) goes back to the same place in the line. Only what the line needs, picked
// field by field: never the identification of a sealed case, which lives in memory only.
// sessionStorage, not localStorage: it ends with the tab, and is not shared with other tabs.

import { isCount } from '../../core/protocol/guards.js';
import { isText } from '../../core/protocol/text-guards.js';
import { MAX_TICKET_TEXT_LENGTH, parseTicket, type Ticket } from '../../core/protocol/http.js';

/** The join answer's fields the line needs again after a reload (not the position: the socket says it). */
export type SavedTicket = Pick<Ticket, 'ticketId' | 'code' | 'unit' | 'peerId' | 'peerToken' | 'answerWindowSeconds' | 'graceSeconds'> & {
  /** The calling clerk's PeerJS id, once called (so a reload during the call can reach them). */
  readonly clerkPeerId?: string;
};

const isField = (v: unknown): v is string => isText(v, MAX_TICKET_TEXT_LENGTH);
const isSeconds = (v: unknown): v is number => isCount(v) && v > 0;

/** The fields of a saved ticket in a ticket (or a stored value), or undefined when one is missing. */
export function pickTicket(value: unknown): SavedTicket | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const t = value as Partial<Record<keyof SavedTicket, unknown>>;
  if (![t.ticketId, t.code, t.unit, t.peerId, t.peerToken].every(isField)) return undefined;
  if (!isSeconds(t.answerWindowSeconds) || !isSeconds(t.graceSeconds)) return undefined;
  if (t.clerkPeerId !== undefined && !isField(t.clerkPeerId)) return undefined;
  return {
    ticketId: t.ticketId as string,
    code: t.code as string,
    unit: t.unit as string,
    peerId: t.peerId as string,
    peerToken: t.peerToken as string,
    answerWindowSeconds: t.answerWindowSeconds,
    graceSeconds: t.graceSeconds,
    ...(t.clerkPeerId === undefined ? {} : { clerkPeerId: t.clerkPeerId }),
  };
}

/** A join answer (201) as a ticket and the position it came with, or undefined when it is not one. */
export function parseJoinAnswer(json: unknown): { ticket: SavedTicket; answer: Ticket } | undefined {
  const answer = parseTicket(json);
  const ticket = answer ? pickTicket(answer) : undefined;
  return answer && ticket ? { ticket, answer } : undefined;
}

export function readTicket(key: string): SavedTicket | undefined {
  try {
    const text = sessionStorage.getItem(key);
    return text === null ? undefined : pickTicket(JSON.parse(text));
  } catch {
    return undefined;
  }
}

export function saveTicket(key: string, ticket: SavedTicket): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(pickTicket(ticket)));
  } catch {
    // Storage full or blocked: the line still works in this page, only a reload loses it.
  }
}

export function forgetTicket(key: string): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Nothing to forget.
  }
}
