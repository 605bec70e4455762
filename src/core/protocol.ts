// The line's wire protocol, shared by the widget, the clerk's element and the server.
// Nothing here carries personal data: no name, CPF, case number, e-mail or phone of a
// citizen ever travels through the server (sealed-case identification goes peer to peer).

/** What the attendance is about; only these enter the line (PJe problems and petitions are redirected before). */
export const SUBJECTS = ['case-info', 'other'] as const;
export type Subject = (typeof SUBJECTS)[number];

export interface TicketFlags {
  /** The case is sealed (segredo de justiça): the clerk must check who is asking. */
  readonly sealed: boolean;
  /** The citizen is a lawyer. */
  readonly lawyer: boolean;
  /** The citizen needs a Libras (Brazilian Sign Language) interpreter. */
  readonly libras: boolean;
}

/** Body of `POST /api/units/:id/queue`. */
export interface JoinRequest extends TicketFlags {
  readonly subject: Subject;
}

export const OUTCOMES = ['attended', 'no-show', 'redirected-email', 'redirected-pje'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Where a citizen stands in the line. */
export interface LinePosition {
  /** 1 = next to be called. */
  readonly position: number;
  /** Minutes, or null when there is no basis for an estimate yet ("sem estimativa ainda"). */
  readonly estimatedWaitMinutes: number | null;
  /** Clerks signed in and not paused at the unit now. */
  readonly clerksServing: number;
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

/** The clerk as shown to the citizen: first name + one surname, and the unit (TJRN Portaria 38/2021). */
export interface ClerkShown {
  readonly name: string;
  readonly unit: string;
}

/** One ICE server as RTCPeerConnection takes it: the court's STUN/TURN, with time-limited TURN credentials. */
export interface IceServer {
  readonly urls: readonly string[];
  readonly username?: string;
  readonly credential?: string;
}

/** What both sides of a call pass to PeerJS (`config`): only the court's servers, never a public default. */
export interface IceConfig {
  readonly iceServers: readonly IceServer[];
  /** `relay` when the unit requires calls through the TURN relay (neither side sees the other's address). */
  readonly iceTransportPolicy: 'all' | 'relay';
}

/**
 * A session description relayed between the two sides of a call in progress, over the
 * line sockets: for an ICE restart (PeerJS can't renegotiate a connection). Sent whole,
 * after ICE gathering, so no candidates travel separately.
 */
export interface RtcDescription {
  readonly type: 'offer' | 'answer';
  readonly sdp: string;
}

/** Longest SDP relayed (a two-track offer with relay candidates is 3–6 kB). */
export const MAX_SDP_LENGTH = 12_000;

/** Messages from the citizen's browser on the line socket (`/api/line`). */
export type CitizenCommand =
  | { readonly type: 'hello'; readonly ticketId: string }
  | { readonly type: 'rtc'; readonly description: RtcDescription }
  | { readonly type: 'answer' }
  | { readonly type: 'leave' }
  | { readonly type: 'ping' };

/** Messages to the citizen's browser. */
export type CitizenEvent =
  | ({ readonly type: 'waiting'; readonly code: string } & LinePosition)
  | {
      readonly type: 'called';
      readonly clerk: ClerkShown;
      readonly clerkPeerId: string;
      /** ISO instant by which "Entrar" must be pressed. */
      readonly answerBy: string;
      readonly ice: IceConfig;
    }
  /**
   * The call is on: after "Entrar", and again whenever the line socket says hello during the
   * call (a reload, a reconnection), with what the page needs to answer the clerk again: the
   * clerk as in `called` and fresh ICE servers (new TURN credentials).
   */
  | {
      readonly type: 'in-call';
      readonly clerk: ClerkShown;
      readonly clerkPeerId: string;
      readonly ice: IceConfig;
    }
  /** From the clerk, during the call. */
  | { readonly type: 'rtc'; readonly description: RtcDescription }
  /** Not answered in time: out of the line. */
  | { readonly type: 'missed' }
  /** The clerk's side failed: back at the head of the line. */
  | { readonly type: 'requeued' }
  | { readonly type: 'done'; readonly outcome: Outcome }
  | { readonly type: 'left' }
  /** The unit's day ended before the citizen was called: out of the line (write, or come back tomorrow). */
  | { readonly type: 'expired' }
  | { readonly type: 'pong' }
  /** The server is restarting: reconnect in a moment, the place is kept. */
  | { readonly type: 'shutdown' }
  | { readonly type: 'error'; readonly code: ErrorCode; readonly message: string };

/** The `called` message: a clerk is calling this citizen. */
export type CalledEvent = Extract<CitizenEvent, { type: 'called' }>;
/** The `in-call` message: the call is on, and whom to answer. */
export type InCallEvent = Extract<CitizenEvent, { type: 'in-call' }>;

/** Messages from the clerk's element on the clerk socket (`/api/clerk`). */
export type ClerkCommand =
  | { readonly type: 'hello'; readonly token: string }
  | { readonly type: 'rtc'; readonly description: RtcDescription }
  | { readonly type: 'call-next' }
  | { readonly type: 'outcome'; readonly outcome: Outcome }
  /** The call failed on the clerk's side: the citizen goes back to the head of the line. */
  | { readonly type: 'call-dropped' }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'ping' };

export interface WaitingEntry extends TicketFlags {
  readonly code: string;
  readonly subject: Subject;
  /** ISO instant the citizen joined. */
  readonly joinedAt: string;
  /** Whether the citizen's connection is down (within the grace period). */
  readonly away: boolean;
}

/** Messages to the clerk's element. */
export type ClerkEvent =
  | {
      readonly type: 'session';
      readonly peerId: string;
      readonly peerToken: string;
      readonly name: string;
      readonly unit: string;
      readonly unitName: string;
    }
  | {
      readonly type: 'line';
      readonly waiting: readonly WaitingEntry[];
      readonly clerksServing: number;
      readonly paused: boolean;
    }
  | {
      readonly type: 'calling';
      readonly code: string;
      readonly flags: TicketFlags;
      readonly subject: Subject;
      readonly citizenPeerId: string;
      readonly answerBy: string;
      readonly ice: IceConfig;
    }
  | { readonly type: 'answered'; readonly code: string }
  | { readonly type: 'missed'; readonly code: string }
  | { readonly type: 'line-empty' }
  /** From the citizen, during the call. */
  | { readonly type: 'rtc'; readonly description: RtcDescription }
  /** The citizen left during the call: the call is over, the outcome still to be marked. */
  | { readonly type: 'citizen-left'; readonly code: string }
  /**
   * The citizen's line socket is back during the call (a reload, a reconnection, another tab
   * taking the ticket over): their page waits for the clerk's call again.
   */
  | { readonly type: 'citizen-back'; readonly code: string }
  | { readonly type: 'ended'; readonly code: string; readonly outcome: Outcome }
  | { readonly type: 'pong' }
  | { readonly type: 'shutdown' }
  | { readonly type: 'error'; readonly code: ErrorCode; readonly message: string };

export const ERROR_MESSAGES = {
  bad_request: 'O pedido veio incompleto ou com dados inválidos. Recarregue a página e tente de novo.',
  unit_not_found: 'Unidade não encontrada no Balcão Virtual.',
  unit_closed: 'O Balcão Virtual desta unidade está fechado agora. Veja o horário de atendimento ou escreva para a unidade.',
  line_full: 'A fila desta unidade está cheia agora. Tente de novo em alguns minutos ou escreva para a unidade.',
  rate_limited: 'Muitas tentativas seguidas deste endereço. Espere alguns minutos e tente de novo.',
  ticket_not_found: 'Esta senha não está mais na fila. Entre na fila de novo se ainda precisar de atendimento.',
  not_called: 'Ainda não é a sua vez.',
  unauthorized: 'Acesso de servidor inválido ou vencido. Peça um novo acesso à administração do Balcão Virtual.',
  forbidden_origin: 'Esta página não está autorizada a usar o Balcão Virtual deste tribunal.',
  no_call: 'Não há atendimento em andamento.',
  busy: 'Termine o atendimento atual antes de chamar a próxima pessoa.',
  paused: 'Seu atendimento está pausado. Retome para chamar a próxima pessoa.',
  too_large: 'Mensagem grande demais.',
  unavailable: 'O Balcão Virtual está indisponível agora. Tente de novo em alguns minutos.',
  idempotency_conflict: 'Esta mensagem já foi registrada com outro conteúdo. Recarregue a página e escreva de novo.',
  no_mailbox: 'Esta unidade ainda não recebe mensagens escritas pelo Balcão Virtual. Ligue para a unidade ou procure o atendimento presencial.',
  forbidden_unit: 'Este acesso de servidor é de outra unidade. Entre com o acesso da unidade que você atende.',
  message_not_found: 'Protocolo não encontrado entre as mensagens não entregues desta unidade. Atualize a lista.',
} as const;
export type ErrorCode = keyof typeof ERROR_MESSAGES;

type Parsed<T> = { ok: true; value: T } | { ok: false; field: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates a join body. Unknown fields are refused, so personal data can't slip in. */
export function parseJoinRequest(json: unknown): Parsed<JoinRequest> {
  if (!isRecord(json)) return { ok: false, field: '(corpo)' };
  for (const key of Object.keys(json)) {
    if (!['subject', 'sealed', 'lawyer', 'libras'].includes(key)) return { ok: false, field: key };
  }
  const { subject, sealed = false, lawyer = false, libras = false } = json;
  if (typeof subject !== 'string' || !(SUBJECTS as readonly string[]).includes(subject)) return { ok: false, field: 'subject' };
  if (typeof sealed !== 'boolean') return { ok: false, field: 'sealed' };
  if (typeof lawyer !== 'boolean') return { ok: false, field: 'lawyer' };
  if (typeof libras !== 'boolean') return { ok: false, field: 'libras' };
  return { ok: true, value: { subject: subject as Subject, sealed, lawyer, libras } };
}

const ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export function parseCitizenCommand(json: unknown): CitizenCommand | null {
  if (!isRecord(json) || typeof json.type !== 'string') return null;
  switch (json.type) {
    case 'hello':
      return typeof json.ticketId === 'string' && ID_PATTERN.test(json.ticketId) ? { type: 'hello', ticketId: json.ticketId } : null;
    case 'answer':
    case 'leave':
    case 'ping':
      return { type: json.type };
    case 'rtc':
      return rtcCommand(json);
    default:
      return null;
  }
}

/** `{ type: 'rtc', description: { type: 'offer' | 'answer', sdp } }` with nothing else kept. */
export function parseRtcDescription(json: unknown): RtcDescription | null {
  if (!isRecord(json) || (json.type !== 'offer' && json.type !== 'answer')) return null;
  if (typeof json.sdp !== 'string' || json.sdp.length === 0 || json.sdp.length > MAX_SDP_LENGTH) return null;
  return { type: json.type, sdp: json.sdp };
}

function rtcCommand(json: Record<string, unknown>): { type: 'rtc'; description: RtcDescription } | null {
  const description = parseRtcDescription(json.description);
  return description ? { type: 'rtc', description } : null;
}

export function parseClerkCommand(json: unknown): ClerkCommand | null {
  if (!isRecord(json) || typeof json.type !== 'string') return null;
  switch (json.type) {
    case 'hello':
      return typeof json.token === 'string' && json.token.length <= 2048 ? { type: 'hello', token: json.token } : null;
    case 'outcome':
      return typeof json.outcome === 'string' && (OUTCOMES as readonly string[]).includes(json.outcome)
        ? { type: 'outcome', outcome: json.outcome as Outcome }
        : null;
    case 'call-next':
    case 'call-dropped':
    case 'pause':
    case 'resume':
    case 'ping':
      return { type: json.type };
    case 'rtc':
      return rtcCommand(json);
    default:
      return null;
  }
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function isText(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= max;
}

/** An ICE configuration as the court's server sends it (`called`, `in-call`, `calling`), or null. */
export function parseIce(json: unknown): IceConfig | null {
  if (!isRecord(json) || !Array.isArray(json.iceServers)) return null;
  if (json.iceTransportPolicy !== 'all' && json.iceTransportPolicy !== 'relay') return null;
  const iceServers: IceServer[] = [];
  for (const server of json.iceServers as unknown[]) {
    if (!isRecord(server) || !Array.isArray(server.urls) || !server.urls.every((u) => isText(u, 512))) return null;
    if (server.username !== undefined && typeof server.username !== 'string') return null;
    if (server.credential !== undefined && typeof server.credential !== 'string') return null;
    iceServers.push({
      urls: [...(server.urls as string[])],
      ...(server.username === undefined ? {} : { username: server.username }),
      ...(server.credential === undefined ? {} : { credential: server.credential }),
    });
  }
  return { iceServers, iceTransportPolicy: json.iceTransportPolicy };
}

function parseClerkShown(json: unknown): ClerkShown | null {
  return isRecord(json) && isText(json.name, 200) && isText(json.unit, 200) ? { name: json.name, unit: json.unit } : null;
}

/**
 * A message from the line socket as the citizen's browser reads it, or null when it is not
 * one (unknown type, missing or wrong fields). Only the fields of each type are kept.
 */
export function parseCitizenEvent(json: unknown): CitizenEvent | null {
  if (!isRecord(json) || typeof json.type !== 'string') return null;
  switch (json.type) {
    case 'rtc':
      // The clerk's session description during a call (ICE restart), for the call's relay.
      return rtcCommand(json);
    case 'waiting': {
      const { code, position, estimatedWaitMinutes, clerksServing } = json;
      if (!isText(code, 16) || !isCount(position) || position < 1 || !isCount(clerksServing)) return null;
      if (estimatedWaitMinutes !== null && !isCount(estimatedWaitMinutes)) return null;
      return { type: 'waiting', code, position, estimatedWaitMinutes, clerksServing };
    }
    case 'called': {
      const { clerkPeerId, answerBy } = json;
      const clerk = parseClerkShown(json.clerk);
      const ice = parseIce(json.ice);
      if (!clerk || !isText(clerkPeerId, 128) || !isText(answerBy, 40) || Number.isNaN(Date.parse(answerBy)) || !ice) return null;
      return { type: 'called', clerk, clerkPeerId, answerBy, ice };
    }
    case 'in-call': {
      const { clerkPeerId } = json;
      const clerk = parseClerkShown(json.clerk);
      const ice = parseIce(json.ice);
      if (!clerk || !isText(clerkPeerId, 128) || !ice) return null;
      return { type: 'in-call', clerk, clerkPeerId, ice };
    }
    case 'done':
      return typeof json.outcome === 'string' && (OUTCOMES as readonly string[]).includes(json.outcome)
        ? { type: 'done', outcome: json.outcome as Outcome }
        : null;
    case 'error':
      return typeof json.code === 'string' && Object.hasOwn(ERROR_MESSAGES, json.code) && typeof json.message === 'string'
        ? { type: 'error', code: json.code as ErrorCode, message: json.message }
        : null;
    case 'missed':
    case 'requeued':
    case 'left':
    case 'expired':
    case 'pong':
    case 'shutdown':
      return { type: json.type };
    default:
      return null;
  }
}

/** "Maria Aparecida da Silva Souza" → "Maria Souza": first name + one surname (the last). */
export function clerkShownName(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  const first = words[0] ?? '';
  const particles = new Set(['da', 'de', 'do', 'das', 'dos', 'e']);
  const last = [...words.slice(1)].reverse().find((w) => !particles.has(w.toLowerCase()));
  return last ? `${first} ${last}` : first;
}
