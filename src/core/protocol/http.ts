// The HTTP bodies of the line and of the written channel's staff list: what the server
// answers and the page reads, with their parsers. No personal data, except the undelivered
// list, which the unit's staff see with the clerk's token (never logged, stored or announced).

import { isSubject, type Subject, type TicketFlags } from './attendance.js';
import { isCount, isRecord } from './guards.js';
import { isText } from './text-guards.js';
import type { LinePosition } from './line.js';

/** Body of `POST /api/units/:id/queue`. */
export interface JoinRequest extends TicketFlags {
  readonly subject: Subject;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; field: string };

const JOIN_KEYS: readonly string[] = ['subject', 'sealed', 'lawyer', 'libras'];

/** Validates a join body. Unknown fields are refused, so personal data can't slip in. */
export function parseJoinRequest(json: unknown): Parsed<JoinRequest> {
  if (!isRecord(json)) return { ok: false, field: '(body)' };
  for (const key of Object.keys(json)) {
    if (!JOIN_KEYS.includes(key)) return { ok: false, field: key };
  }
  const { subject, sealed = false, lawyer = false, libras = false } = json;
  if (!isSubject(subject)) return { ok: false, field: 'subject' };
  if (typeof sealed !== 'boolean') return { ok: false, field: 'sealed' };
  if (typeof lawyer !== 'boolean') return { ok: false, field: 'lawyer' };
  if (typeof libras !== 'boolean') return { ok: false, field: 'libras' };
  return { ok: true, value: { subject, sealed, lawyer, libras } };
}

/** Answer of `POST /api/units/:id/queue` (201). The ticket id and the peer token are secrets of this citizen. */
export interface Ticket extends LinePosition {
  readonly ticketId: string;
  /** Short code shown to the citizen and the clerk, per unit per day: "A-014". */
  readonly code: string;
  readonly unit: string;
  /** The PeerJS id the server issued to this ticket, and its token. */
  readonly peerId: string;
  readonly peerToken: string;
  /** When the citizen must answer a call, once called. */
  readonly answerWindowSeconds: number;
  /**
   * How long the place is kept without the line socket: say hello on `/api/line` within
   * this many seconds of joining (and of any disconnection) or the place is lost.
   */
  readonly graceSeconds: number;
}

/** Longest text field of a ticket (ids, tokens, code, unit). */
export const MAX_TICKET_TEXT_LENGTH = 256;
const isTicketText = (v: unknown): v is string => isText(v, MAX_TICKET_TEXT_LENGTH);
const isSeconds = (v: unknown): v is number => isCount(v) && v > 0;

/** A join answer as the page reads it, only its fields kept, or null when it is not one. */
export function parseTicket(json: unknown): Ticket | null {
  if (!isRecord(json)) return null;
  const { ticketId, code, unit, peerId, peerToken, answerWindowSeconds, graceSeconds, position, estimatedWaitMinutes, clerksServing } = json;
  if (!isTicketText(ticketId) || !isTicketText(code) || !isTicketText(unit) || !isTicketText(peerId) || !isTicketText(peerToken)) return null;
  if (!isSeconds(answerWindowSeconds) || !isSeconds(graceSeconds)) return null;
  if (!isCount(position) || position < 1 || !isCount(clerksServing)) return null;
  if (estimatedWaitMinutes !== null && !isCount(estimatedWaitMinutes)) return null;
  return { ticketId, code, unit, peerId, peerToken, answerWindowSeconds, graceSeconds, position, estimatedWaitMinutes, clerksServing };
}

/** Which e-mail of a written message: to the unit's mailbox, or the copy (receipt) to the citizen. */
export type DeliveryKind = 'unit' | 'copy';

/**
 * One row of `GET /api/units/:id/messages/undelivered` (`{ messages: [...] }`): a delivery of
 * a message that did not (yet) reach its recipient. Content fields are null once erased.
 */
export interface UndeliveredEntry {
  readonly protocol: string;
  /** `unit`: the unit's mailbox never got it; `copy`: the citizen's receipt did not go out. */
  readonly recipient: DeliveryKind;
  /** `dead`: given up (permanent refusal); `pending`: still retrying, for longer than the alert threshold. */
  readonly status: 'dead' | 'pending';
  readonly attempts: number;
  /** The last error's code (e.g. `smtp_550`, `ECONNECTION`), never the server's text. */
  readonly lastError: string | null;
  readonly receivedAt: string;
  readonly replyBy: string;
  readonly subject: Subject;
  readonly name: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly caseNumber: string | null;
  readonly text: string | null;
}

/** Why a message is listed: which e-mail and how it stands. */
export type UndeliveredReason = Pick<UndeliveredEntry, 'recipient' | 'status'>;

/** One message as the staff see it: its undelivered rows grouped under its protocol. */
export type UndeliveredMessage = Pick<UndeliveredEntry, 'protocol' | 'receivedAt' | 'replyBy' | 'name' | 'email' | 'phone' | 'caseNumber' | 'text'> & {
  readonly reasons: readonly UndeliveredReason[];
};

const textOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The server's `{ messages: [...] }` grouped by protocol (in the order first listed); undefined when it is not that. */
export function parseUndelivered(json: unknown): UndeliveredMessage[] | undefined {
  if (!isRecord(json) || !Array.isArray(json.messages)) return undefined;
  const byProtocol = new Map<string, UndeliveredMessage>();
  for (const e of json.messages as unknown[]) {
    if (typeof e !== 'object' || e === null) return undefined;
    const { protocol, recipient, status, receivedAt, replyBy, name, email, phone, caseNumber, text } = e as Record<string, unknown>;
    if (typeof protocol !== 'string' || typeof receivedAt !== 'string' || typeof replyBy !== 'string') return undefined;
    if ((recipient !== 'unit' && recipient !== 'copy') || (status !== 'dead' && status !== 'pending')) return undefined;
    const reason: UndeliveredReason = { recipient, status };
    const known = byProtocol.get(protocol);
    byProtocol.set(
      protocol,
      known
        ? { ...known, reasons: [...known.reasons, reason] }
        : {
            protocol,
            receivedAt,
            replyBy,
            reasons: [reason],
            name: textOrNull(name),
            email: textOrNull(email),
            phone: textOrNull(phone),
            caseNumber: textOrNull(caseNumber),
            text: textOrNull(text),
          },
    );
  }
  return [...byProtocol.values()];
}
