// The clerk's desk as one state and one pure transition: what <balcao-virtual-atendente>
// knows (signed in or why not, the line, the attendance in progress, what it said last), and
// what each event changes. `next(desk, event)` returns the new desk and the effects to run
// (commands to send, the call to start or end, words to say, where the focus goes); the
// element runs them in one place and renders from the desk. No DOM, no Lit, no clock: the
// events carry what the element observed (whether the socket can send, how a call ended).
// The signed-in steps (the line, the attendance, the commands) are in clerk-desk-steps.ts.
//
//   no-unit | no-token ─ sign-in ─ signing-in ─ session ─ signed-in ─┬─ session of another unit ─ wrong-unit
//                                               │                    └─ close 4001 ─ refused
//                                               └─ close 4001 ─ refused
//   signed-in, the attendance:
//     none ─ call-next ─ (pending) ─ calling ─┬─ answered ─ in-call ─┬─ outcome ─ ended ─ none
//                                             │                      ├─ "a chamada caiu" / call failed ─ none
//                                             │                      └─ citizen-left ─ citizen-left ─ answered ─ in-call
//                                             └─ missed ─ none (the server calls the next one: calling | line-empty)
//     any ─ ended / no_call / replaced / back after a drop with no call re-sent ─ none

import { answered, callEnded, calling, citizenBack, dropped, lineChanged, missed, same, say, sent } from './clerk-desk-steps.js';
import type { ShownIdentification } from './identification.js';
import type { CallingEvent, ClerkCommand, ClerkEvent, ErrorCode, LineEvent, Outcome, SessionEvent } from './protocol/index.js';

/** What the desk shows as the last thing that happened (the element puts it in words). */
export type Notice =
  | { readonly kind: 'missed'; readonly code: string; readonly paused: boolean }
  | { readonly kind: 'line-empty'; readonly away: boolean; readonly missed: MissedNotice | undefined }
  | { readonly kind: 'ended'; readonly code: string; readonly outcome: Outcome }
  /** "A chamada caiu": by the clerk's button, or because the call failed and did not recover. */
  | { readonly kind: 'dropped'; readonly code: string; readonly failed: boolean }
  /** Back after a drop, and the server re-sent no call: the attendance ended meanwhile. */
  | { readonly kind: 'ended-offline'; readonly code: string }
  | { readonly kind: 'shutdown' };

export type MissedNotice = Extract<Notice, { kind: 'missed' }>;

/** The server's last refusal, or a command that could not be sent. */
export type Problem = { readonly kind: 'offline' } | { readonly kind: 'refusal'; readonly code: ErrorCode; readonly message: string };

/** What the element says in its live region. */
export type Say =
  | { readonly kind: 'connected'; readonly name: string; readonly unitName: string }
  | { readonly kind: 'refused' }
  | { readonly kind: 'lost' }
  | { readonly kind: 'restored'; readonly count: number }
  | { readonly kind: 'paused' }
  | { readonly kind: 'resumed' }
  | { readonly kind: 'arrived'; readonly count: number }
  | { readonly kind: 'calling'; readonly code: string; readonly missed: MissedNotice | undefined }
  | { readonly kind: 'answered'; readonly code: string }
  | { readonly kind: 'citizen-left' }
  | { readonly kind: 'identification' }
  | { readonly kind: 'remote-hung-up' }
  | { readonly kind: 'back'; readonly code: string }
  | { readonly kind: 'notice'; readonly notice: Notice }
  | { readonly kind: 'problem'; readonly problem: Problem };

/** The call handed to the call module, as the desk knows it. */
export interface CallOnThisSide {
  /** What the call module said when started: it took over, or video is not available here. */
  readonly result: 'starting' | 'started' | 'unavailable';
  /** Whether the call runs on this side: false once the element was taken off the page. */
  readonly running: boolean;
  /** Whether the media is connected now. */
  readonly connected: boolean;
}

interface AttendanceBase {
  readonly calling: CallingEvent;
  /** The sealed-case identification, as received over the call. Memory only. */
  readonly identification: ShownIdentification | undefined;
  /** "Identidade conferida": the clerk's own check. Memory only. */
  readonly checked: boolean;
  /** The outcome sent, while the server has not confirmed it. */
  readonly ending: Outcome | undefined;
}

/** The attendance in progress, from `calling` until `ended` (or "a chamada caiu"). */
export type Attendance =
  /** Waiting for the citizen's "Entrar". */
  | (AttendanceBase & { readonly phase: 'calling' })
  | (AttendanceBase & {
      readonly phase: 'in-call';
      readonly call: CallOnThisSide;
      /** The call ended on the citizen's side (hung up, page closed) while the attendance goes on. */
      readonly remoteHungUp: boolean;
    })
  /** The citizen hung up: the outcome still to be marked. */
  | (AttendanceBase & { readonly phase: 'citizen-left' });

/** A command sent whose answer is awaited. */
export type Pending = 'call-next' | 'pause' | 'resume';

export interface SignedIn {
  readonly kind: 'signed-in';
  /** The unit the page is for. */
  readonly unit: string;
  readonly session: SessionEvent;
  readonly line: LineEvent | undefined;
  readonly attendance: Attendance | undefined;
  readonly notice: Notice | undefined;
  readonly problem: Problem | undefined;
  readonly pending: Pending | undefined;
  /** Someone joined an empty line: highlighted (and in the tab's title) until the next call or the line empties. */
  readonly alerting: boolean;
  /**
   * Between `session` and the `line` that follows it the server re-sends any call in
   * progress: `resyncing` until that line, noting whether a `calling` came.
   */
  readonly sync: 'live' | 'resyncing' | 'resyncing-saw-calling';
  /** A missed call, said with the next announcement (the server calls the next person right after). */
  readonly missed: MissedNotice | undefined;
  /** The connection came back: said with the next line. */
  readonly restored: boolean;
}

export type ClerkDesk =
  /** The page names no unit (or no server). */
  | { readonly kind: 'no-unit' }
  /** No token from the page, the address or this tab. */
  | { readonly kind: 'no-token' }
  | { readonly kind: 'signing-in'; readonly unit: string; readonly restored: boolean }
  /** The server refused the token (close 4001). */
  | { readonly kind: 'refused' }
  /** A token of another unit: this page is not where that clerk serves. */
  | { readonly kind: 'wrong-unit'; readonly session: SessionEvent }
  | SignedIn;

/** How a call ended on this side, as the element tells it. */
export type CallEnd = 'unavailable' | 'failed' | 'hung-up-remote' | 'other';

export type DeskEvent =
  /** The unit, server or token changed: `unit` undefined when no unit (or server); `token` whether there is one. */
  | { readonly type: 'sign-in'; readonly unit: string | undefined; readonly token: boolean }
  /** The socket was closed with 4001. */
  | { readonly type: 'refused' }
  /** The connection was lost (true) or is back (false). */
  | { readonly type: 'connection'; readonly lost: boolean }
  /** Another tab took the session over (close 4000). */
  | { readonly type: 'replaced' }
  /** The element was taken off the page: its call ends. */
  | { readonly type: 'detached' }
  | ClerkEvent
  // The clerk's actions; `online`: whether the socket can send now.
  | { readonly type: 'call-next'; readonly online: boolean }
  | { readonly type: 'toggle-pause'; readonly online: boolean }
  | { readonly type: 'mark-outcome'; readonly outcome: Outcome; readonly online: boolean }
  | { readonly type: 'drop'; readonly online: boolean }
  | { readonly type: 'check'; readonly checked: boolean }
  // The call module's reports, for the current call only.
  | { readonly type: 'call-result'; readonly started: boolean }
  | { readonly type: 'call-state'; readonly connected: boolean }
  | { readonly type: 'call-ended'; readonly reason: CallEnd; readonly online: boolean }
  | { readonly type: 'identification'; readonly shown: ShownIdentification };

export type DeskEffect =
  | { readonly type: 'send'; readonly command: ClerkCommand }
  /** Start the call of the attendance (ending any call running). */
  | { readonly type: 'start-call' }
  | { readonly type: 'end-call' }
  | { readonly type: 'say'; readonly say: Say }
  | { readonly type: 'focus'; readonly target: 'attendance' | 'call-next' }
  /** The alert's sound (the element plays it if the browser allows). */
  | { readonly type: 'sound' }
  /** Open the clerk socket with the token. */
  | { readonly type: 'connect' }
  | { readonly type: 'stop-connection' }
  | { readonly type: 'reconnect' }
  /** Forget the token kept in this tab. */
  | { readonly type: 'forget-token' }
  /** Follow the unit's undelivered messages (or stop). */
  | { readonly type: 'undelivered'; readonly follow: boolean };

export interface Transition {
  readonly desk: ClerkDesk;
  readonly effects: readonly DeskEffect[];
}

/** Why "Chamar próximo" can't be used now; undefined when it can. */
export type CallNextBlock = 'offline' | 'paused' | 'busy' | 'empty' | 'all-away';

export function callNextBlocked(desk: SignedIn, online: boolean): CallNextBlock | undefined {
  const line = desk.line;
  if (!online || !line) return 'offline';
  if (line.paused) return 'paused';
  if (desk.attendance) return 'busy';
  if (line.waiting.length === 0) return 'empty';
  if (line.waiting.every((w) => w.away)) return 'all-away';
  return undefined;
}

export const INITIAL_DESK: ClerkDesk = { kind: 'no-unit' };


/** The desk after `event`, and what to do. */
export function next(desk: ClerkDesk, event: DeskEvent): Transition {
  switch (event.type) {
    case 'sign-in':
      return signIn(desk, event.unit, event.token);
    case 'refused':
      return {
        desk: { kind: 'refused' },
        effects: [{ type: 'forget-token' }, { type: 'stop-connection' }, { type: 'undelivered', follow: false }, { type: 'end-call' }, say({ kind: 'refused' })],
      };
    case 'connection':
      return connectionChanged(desk, event.lost);
    case 'session':
      return sessionStarted(desk, event);
    case 'error':
      return refusal(desk, event.code, event.message);
    case 'rtc':
    case 'pong':
      // The relay's descriptions go to the call as they are; the pong only keeps the socket alive.
      return same(desk);
    default:
      return desk.kind === 'signed-in' ? signedIn(desk, event) : same(desk);
  }
}

function signIn(desk: ClerkDesk, unit: string | undefined, token: boolean): Transition {
  const effects: DeskEffect[] = [{ type: 'end-call' }, { type: 'undelivered', follow: false }];
  if (unit === undefined) return { desk: { kind: 'no-unit' }, effects: [...effects, { type: 'stop-connection' }] };
  if (!token) return { desk: { kind: 'no-token' }, effects: [...effects, { type: 'stop-connection' }] };
  const restored = (desk.kind === 'signing-in' || desk.kind === 'signed-in') && desk.restored;
  return { desk: { kind: 'signing-in', unit, restored }, effects: [...effects, { type: 'connect' }] };
}

function connectionChanged(desk: ClerkDesk, lost: boolean): Transition {
  if (lost) {
    const next = desk.kind === 'signed-in' ? { ...desk, pending: undefined } : desk;
    return { desk: next, effects: [say({ kind: 'lost' })] };
  }
  if (desk.kind === 'signed-in' || desk.kind === 'signing-in') return same({ ...desk, restored: true });
  return same(desk);
}

function sessionStarted(desk: ClerkDesk, session: SessionEvent): Transition {
  const unit = desk.kind === 'signing-in' || desk.kind === 'signed-in' ? desk.unit : undefined;
  if (unit === undefined) return same(desk);
  if (session.unit !== unit) {
    const effects: DeskEffect[] = [{ type: 'forget-token' }, { type: 'stop-connection' }, { type: 'undelivered', follow: false }];
    if (desk.kind === 'signed-in' && desk.attendance) effects.push({ type: 'end-call' });
    return { desk: { kind: 'wrong-unit', session }, effects };
  }
  const base: SignedIn =
    desk.kind === 'signed-in'
      ? desk
      : {
          kind: 'signed-in',
          unit,
          session,
          line: undefined,
          attendance: undefined,
          notice: undefined,
          problem: undefined,
          pending: undefined,
          alerting: false,
          sync: 'live',
          missed: undefined,
          restored: desk.kind === 'signing-in' && desk.restored,
        };
  const effects: DeskEffect[] = [];
  if (desk.kind !== 'signed-in') effects.push(say({ kind: 'connected', name: session.name, unitName: session.unitName }));
  effects.push({ type: 'undelivered', follow: true });
  return { desk: { ...base, session, pending: undefined, sync: 'resyncing' }, effects };
}

function refusal(desk: ClerkDesk, code: ErrorCode, message: string): Transition {
  if (code === 'unauthorized') {
    // Before the session: the token is refused (close 4001 follows). After: the session
    // ended on the server (away too long); signing in again starts a new one.
    return { desk, effects: desk.kind === 'signed-in' ? [{ type: 'reconnect' }] : [] };
  }
  const problem: Problem = { kind: 'refusal', code, message };
  if (desk.kind !== 'signed-in') return { desk, effects: [say({ kind: 'problem', problem })] };
  const a = desk.attendance;
  const effects: DeskEffect[] = [];
  let attendance = a;
  if (code === 'no_call' && a) {
    // The attendance is already over for the server.
    effects.push({ type: 'end-call' });
    attendance = undefined;
  } else if (a?.ending) {
    attendance = { ...a, ending: undefined };
  }
  effects.push(say({ kind: 'problem', problem }));
  return { desk: { ...desk, pending: undefined, attendance, problem }, effects };
}

type SignedInEvent = Exclude<DeskEvent, { type: 'sign-in' | 'refused' | 'connection' | 'session' | 'error' | 'rtc' | 'pong' }>;

function signedIn(desk: SignedIn, event: SignedInEvent): Transition {
  switch (event.type) {
    case 'replaced':
      // The other tab has the call now: this one lets go of it.
      return { desk: { ...desk, attendance: undefined, alerting: false }, effects: desk.attendance ? [{ type: 'end-call' }] : [] };
    case 'detached': {
      const a = desk.attendance;
      const attendance = a?.phase === 'in-call' ? { ...a, call: { ...a.call, running: false, connected: false } } : a;
      return { desk: { ...desk, attendance, alerting: false }, effects: [{ type: 'end-call' }] };
    }
    case 'line':
      return lineChanged(desk, event);
    case 'calling':
      return calling(desk, event);
    case 'answered':
      return answered(desk, event.code);
    case 'missed':
      return missed(desk, event.code);
    case 'line-empty': {
      // Nobody present to call: either the line is empty, or everyone in it is away.
      const away = desk.line?.waiting.some((w) => w.away) === true;
      const notice: Notice = { kind: 'line-empty', away, missed: desk.missed };
      return { desk: { ...desk, pending: undefined, notice, missed: undefined }, effects: [say({ kind: 'notice', notice })] };
    }
    case 'citizen-left': {
      const a = desk.attendance;
      if (!a || a.calling.code !== event.code) return same(desk);
      const { calling, identification, checked, ending } = a;
      return {
        desk: { ...desk, attendance: { phase: 'citizen-left', calling, identification, checked, ending } },
        effects: [{ type: 'end-call' }, { type: 'focus', target: 'attendance' }, say({ kind: 'citizen-left' })],
      };
    }
    case 'citizen-back':
      return citizenBack(desk, event.code);
    case 'ended': {
      const a = desk.attendance;
      if (a && a.calling.code !== event.code) return same(desk);
      const notice: Notice = { kind: 'ended', code: event.code, outcome: event.outcome };
      return {
        desk: { ...desk, attendance: undefined, notice },
        effects: [{ type: 'end-call' }, { type: 'focus', target: 'call-next' }, say({ kind: 'notice', notice })],
      };
    }
    case 'shutdown':
      return same({ ...desk, notice: { kind: 'shutdown' } });
    case 'call-next':
      if (desk.pending === 'call-next' || callNextBlocked(desk, event.online) !== undefined) return same(desk);
      return sent(desk, { type: 'call-next' }, true, { pending: 'call-next', notice: undefined, alerting: false });
    case 'toggle-pause': {
      const paused = desk.line?.paused;
      if (paused === undefined || desk.pending === 'pause' || desk.pending === 'resume') return same(desk);
      const command = paused ? 'resume' : 'pause';
      return sent(desk, { type: command }, event.online, { pending: command });
    }
    case 'mark-outcome': {
      const a = desk.attendance;
      if (!a || a.ending) return same(desk);
      return sent(desk, { type: 'outcome', outcome: event.outcome }, event.online, { attendance: { ...a, ending: event.outcome } });
    }
    case 'drop':
      return dropped(desk, event.online, false);
    case 'check': {
      const a = desk.attendance;
      return a ? same({ ...desk, attendance: { ...a, checked: event.checked } }) : same(desk);
    }
    case 'call-result': {
      const a = desk.attendance;
      if (a?.phase !== 'in-call' || !a.call.running) return same(desk);
      return same({ ...desk, attendance: { ...a, call: { ...a.call, result: event.started ? 'started' : 'unavailable' } } });
    }
    case 'call-state': {
      const a = desk.attendance;
      if (a?.phase !== 'in-call' || !a.call.running) return same(desk);
      return same({ ...desk, attendance: { ...a, call: { ...a.call, connected: event.connected } } });
    }
    case 'call-ended':
      return callEnded(desk, event.reason, event.online);
    case 'identification': {
      const a = desk.attendance;
      if (!a) return same(desk);
      return { desk: { ...desk, attendance: { ...a, identification: event.shown, checked: false } }, effects: [say({ kind: 'identification' })] };
    }
  }
}

/** The next instant the desk's text changes: the countdown's next second, else a waiting time's next minute. */
export function nextTextChange(desk: ClerkDesk, now: number): number | undefined {
  if (desk.kind !== 'signed-in') return undefined;
  const a = desk.attendance;
  if (a?.phase === 'calling') {
    const left = Date.parse(a.calling.answerBy) - now;
    if (left > 0) return now + (left % 1000 || 1000);
  }
  let soonest: number | undefined;
  for (const entry of desk.line?.waiting ?? []) {
    const joined = Date.parse(entry.joinedAt);
    const at = joined + (Math.floor(Math.max(0, now - joined) / 60_000) + 1) * 60_000;
    if (soonest === undefined || at < soonest) soonest = at;
  }
  return soonest;
}
