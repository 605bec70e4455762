// The test-only control API of the real server behind the browser suite (real-api.ts, Node
// side): its paths and bodies, typed once for both sides. Normal answers always come from
// the real app; these only set its state up (through its own services), move its clock,
// inject faults and read back what it was sent.

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
}
