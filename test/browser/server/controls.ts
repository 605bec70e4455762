// The test-only control API of the real server behind the browser suite (real-api.ts, Node
// side): its paths and bodies, typed once for both sides. Normal answers always come from
// the real app; these only set its state up (through its own services), move its clock,
// inject faults and read back what it was sent.
import type { MessageSubmission } from '../../../src/core/protocol/index.js';

export const CONTROL = {
  /** POST: a fresh server (`:memory:` stores, the clock at SERVER_EPOCH): each open unit's line as DEFAULT_LINE (real-api.ts), but its `GET …/line` answering 503 (unavailable) until set up; other faults and the log forgotten. */
  reset: '/__test/reset',
  /** POST `LineSetup` to `${line}/<unit>`: a fresh server whose line of that unit is so. */
  line: '/__test/line',
  /** POST `Fault`: injected; DELETE: all forgotten. */
  faults: '/__test/faults',
  /** GET: every `/api/` request received since the last reset, as `LoggedRequest[]`. */
  requests: '/__test/requests',
  /** GET `?unit=<id>`: `{ token }`, a real clerk token of that unit, signed by the server's secret. */
  clerkToken: '/__test/clerk-token',
  /** POST `MessageSetup` to `${messages}/<unit>`: stored by the real outbox, its e-mails tried by the real worker; answers the `MessageReceipt`. */
  messages: '/__test/messages',
  /** POST: the mail servers take every e-mail again; an hour later (the server's clock moves on) the real worker retries and sends what was pending. */
  mailBack: '/__test/mail-back',
  /** POST to `${acknowledged}/<unit>/<protocol>`: a manager elsewhere resolved that message (the outbox's own acknowledgement). */
  acknowledged: '/__test/acknowledged',
} as const;

/** The server's clock after a reset: a Monday when every fixture unit is open (then runs on). */
export const SERVER_EPOCH = '2026-11-23T13:30:00Z';

/** A unit's line, made by the real line's own steps: clerks sign in, citizens join, an attendance gives the estimate. */
export interface LineSetup {
  readonly waiting: number;
  /** Clerks signed in, present and not paused. */
  readonly clerksServing: number;
  /** The estimate to come out of the unit's history (one attendance of the right length); null: no history. */
  readonly estimatedWaitMinutes: number | null;
  /** The server's clock (ISO); SERVER_EPOCH by default. */
  readonly at?: string;
}

/**
 * What the mail server does with one e-mail: takes it; `refused`: 550, for good (the delivery
 * is dead at once); `unreachable`: no connection (pending; retried later, still unreachable until `CONTROL.mailBack`).
 */
export type MailOutcome = 'delivered' | 'refused' | 'unreachable';

/** A written message as the real outbox stores it, and how its two e-mails fare. */
export interface MessageSetup {
  /** What the citizen wrote (checked by core's checkMessage, as the real route does). */
  readonly message: Pick<MessageSubmission, 'name' | 'email' | 'phone' | 'caseNumber' | 'subject' | 'text'>;
  /** The server's clock when it was received (ISO); its e-mails are tried then, once. */
  readonly receivedAt: string;
  /** The e-mail to the unit's mailbox. */
  readonly unit: MailOutcome;
  /** The citizen's copy. */
  readonly copy: MailOutcome;
}

/** What the next request (or, `sticky`, every request) to `path` answers instead of the app. */
export interface Fault {
  /** The request's path; `*` stands for one path segment. */
  readonly path: string;
  readonly method?: string;
  readonly status: number;
  /** A JSON body… */
  readonly body?: unknown;
  /** …or a body that is not JSON (an HTML maintenance page, say). */
  readonly text?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly sticky?: boolean;
}

export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  /** The query string, without `?`. */
  readonly search: string;
  readonly contentType: string;
  readonly authorization: string;
  /** As sent. */
  readonly body: string;
  /** The status it was answered (by the app or a fault)… */
  readonly status: number;
  /** …and the body, as text. */
  readonly answer: string;
}
