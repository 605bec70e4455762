// The citizen's ticket in this tab's sessionStorage, so that a reload (or a phone that
// discards the tab) goes back to the same place in the line. Only what the line needs, picked
// field by field: never the identification of a sealed case, which lives in memory only.
// sessionStorage, not localStorage: it ends with the tab, and is not shared with other tabs.

import type { Ticket } from '../../core/protocol.js';

export interface SavedTicket {
  readonly ticketId: string;
  readonly code: string;
  readonly unit: string;
  readonly peerId: string;
  readonly peerToken: string;
  readonly answerWindowSeconds: number;
  readonly graceSeconds: number;
  /** The calling clerk's PeerJS id, once called (so a reload during the call can reach them). */
  readonly clerkPeerId?: string;
}

function isText(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= 256;
}

function isSeconds(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

/** The fields of a saved ticket in a ticket (or a stored value), or undefined when one is missing. */
export function pickTicket(value: unknown): SavedTicket | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const t = value as Partial<Record<keyof SavedTicket, unknown>>;
  if (![t.ticketId, t.code, t.unit, t.peerId, t.peerToken].every(isText)) return undefined;
  if (!isSeconds(t.answerWindowSeconds) || !isSeconds(t.graceSeconds)) return undefined;
  if (t.clerkPeerId !== undefined && !isText(t.clerkPeerId)) return undefined;
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
export function parseTicket(json: unknown): { ticket: SavedTicket; answer: Ticket } | undefined {
  const ticket = pickTicket(json);
  if (!ticket) return undefined;
  const t = json as Partial<Record<keyof Ticket, unknown>>;
  const count = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (!count(t.position) || t.position < 1 || !count(t.clerksServing)) return undefined;
  if (t.estimatedWaitMinutes !== null && !count(t.estimatedWaitMinutes)) return undefined;
  return { ticket, answer: json as Ticket };
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
