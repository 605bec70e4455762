// The citizen's flow after "Entrar", as data: one union of screens (`View`), the answers
// given on the way (`Answers`), the events (`FlowEvent`), and what the element reads from
// them; the transitions are the pure `next(flow, event)` in flow-next.ts. No DOM, no Lit, no
// timers: every arrow is tested in Node (test/unit/citizen-flow.test.ts). <balcao-virtual-fluxo>
// holds one `CitizenFlow`, changes it only through `next` and runs the effects of each
// transition (focus, the saved ticket, the line socket, the turn's alert, the call).
//
// The map, arrow by arrow (the tests name each one):
//   triage → pje | petition | sealed | lawyer | write; sealed → identification | lawyer;
//   lawyer → before; identification → before; "Voltar" walks back by the answers.
//   before → line (joined); line → called → call; called → line (`waiting`: the call was
//   withdrawn); call → line (`requeued`); line | called → call (`in-call`: a reload during
//   the call); line | called | call → called (a new call); any of the three → missed | done
//   | expired | lost, or out to the status (`left`); endings → before | triage (again).
//   Any screen → write ("Escrever uma mensagem", wherever video can't happen); write →
//   the screen it was opened on ("Voltar"), or out to the status; write → pje | petition →
//   write. The form is laid over that screen (`from`), which keeps following the line
//   underneath and gives way when the line moves on (called, requeued, ended, `in-call`).

import type { EndReason } from '../../call/types.js';
import type { CalledEvent, CitizenEvent, ClerkShown, IceConfig, JoinRequest, LinePosition, Subject } from '../../core/protocol/index.js';
import type { CallStartResult } from '../../call/citizen-seam.js';
import type { Identification } from './identification.js';
import type { JoinResult } from './queue-api.js';
import type { SavedTicket } from './ticket-store.js';

/** The triage's answer: the two subjects of the line, and the two that never reach it. */
export type Topic = Subject | 'pje' | 'petition';

/** What the citizen answered before the line; kept across screens (and for "Entrar na fila de novo"). */
export interface Answers {
  readonly topic: Topic | '';
  readonly libras: boolean;
  readonly sealed: boolean | undefined;
  readonly lawyer: boolean | undefined;
  /** The sealed-case identification, checked; memory only, until the call is over. */
  readonly identification: Identification | undefined;
}

export type Place = Pick<LinePosition, 'position' | 'estimatedWaitMinutes' | 'clerksServing'>;

export type JoinFailure = Extract<JoinResult, { ok: false }>;

/** "Sair da fila": asked, on its way, refused. */
export interface Leave {
  readonly confirming: boolean;
  readonly pending: boolean;
  readonly failed: boolean;
}

/** The call to start: whom, with which ICE servers, and whether in the click of "Entrar". */
export interface CallAttempt {
  readonly clerkPeerId: string;
  readonly clerk: ClerkShown | undefined;
  readonly ice: IceConfig;
  readonly gesture: boolean;
}

/** The server's `in-call`: the clerk, and fresh ICE servers. */
export interface Resumed {
  readonly clerkPeerId: string;
  readonly clerk: ClerkShown;
  readonly ice: IceConfig;
}

/** What line, called and call share: the place held in the line. */
interface Held {
  readonly ticket: SavedTicket;
  readonly place: Place | undefined;
  readonly leave: Leave;
}

export interface TriageView {
  readonly screen: 'triage';
  readonly unanswered: boolean;
}
export interface QuestionView {
  readonly screen: 'sealed' | 'lawyer';
  readonly unanswered: boolean;
}
export interface RedirectView {
  readonly screen: 'pje' | 'petition';
  /** Opened from the message form: "Voltar" goes back to it. */
  readonly fromWrite: WriteView | undefined;
}
export interface IdentificationView {
  readonly screen: 'identification';
}
export interface BeforeView {
  readonly screen: 'before';
  readonly joining: boolean;
  readonly joinError: JoinFailure | undefined;
}
export interface LineView extends Held {
  readonly screen: 'line';
  /** Back at the head of the line after a call that dropped. */
  readonly requeued: boolean;
}
export interface CalledView extends Held {
  readonly screen: 'called';
  readonly called: CalledEvent;
  /** "Entrar" could not reach the line. */
  readonly answerError: boolean;
}
export interface CallView extends Held {
  readonly screen: 'call';
  /** The call that was answered; undefined when resumed after a reload. */
  readonly called: CalledEvent | undefined;
  /** The server's `in-call`: whom to answer again after a reload or a reconnection. */
  readonly resumed: Resumed | undefined;
  /** Undefined when the clerk or the ICE servers are not known yet (the server's `in-call` brings them). */
  readonly attempt: CallAttempt | undefined;
  /** What the call module said when started; undefined until then. */
  readonly result: CallStartResult | undefined;
  /** How the call ended on this side, while the line has not said what comes next. */
  readonly end: EndReason | undefined;
}
export interface EndingView {
  readonly screen: 'missed' | 'done' | 'expired' | 'lost';
}
export interface WriteView {
  readonly screen: 'write';
  /** The screen the form was opened on ("Voltar" goes back to it); undefined: opened from the status. */
  readonly from: Exclude<View, WriteView | ExitedView> | undefined;
}
/** Back to the status (the host removes the flow). */
export interface ExitedView {
  readonly screen: 'exited';
  /** Out of the line on purpose: "Você saiu da fila." */
  readonly left: boolean;
}

export type View =
  | TriageView
  | RedirectView
  | QuestionView
  | IdentificationView
  | BeforeView
  | LineView
  | CalledView
  | CallView
  | EndingView
  | WriteView
  | ExitedView;

export type Screen = View['screen'];

export interface CitizenFlow {
  readonly answers: Answers;
  readonly view: View;
}

/** What the citizen does, and what the line, the join request and the call module answer. */
export type FlowEvent =
  | Exclude<CitizenEvent, { type: 'rtc' | 'pong' | 'shutdown' }>
  | { readonly type: 'topic'; readonly topic: Topic }
  | { readonly type: 'libras'; readonly on: boolean }
  | { readonly type: 'submit-triage' }
  | { readonly type: 'yes-no'; readonly answer: boolean }
  | { readonly type: 'submit-question' }
  | { readonly type: 'identified'; readonly identification: Identification | undefined }
  | { readonly type: 'back' }
  | { readonly type: 'exit' }
  | { readonly type: 'write' }
  | { readonly type: 'redirect'; readonly topic: 'pje' | 'petition' }
  | { readonly type: 'join' }
  | { readonly type: 'joined'; readonly ticket: SavedTicket; readonly place: Place }
  | { readonly type: 'join-failed'; readonly error: JoinFailure }
  | { readonly type: 'join-again' }
  | { readonly type: 'resume'; readonly ticket: SavedTicket }
  | { readonly type: 'ask-leave' }
  | { readonly type: 'cancel-leave' }
  | { readonly type: 'leaving' }
  | { readonly type: 'leave-failed' }
  | { readonly type: 'answer' }
  | { readonly type: 'answer-failed' }
  | { readonly type: 'call-result'; readonly result: CallStartResult }
  | { readonly type: 'call-ended'; readonly reason: EndReason | 'unavailable' };

/** The first state: the triage, or the message form (a closed counter's status), or the line for a ticket kept in this tab. */
export function initialFlow(start: 'write' | undefined): CitizenFlow {
  return {
    answers: { topic: '', libras: false, sealed: undefined, lawyer: undefined, identification: undefined },
    view: start === 'write' ? { screen: 'write', from: undefined } : { screen: 'triage', unanswered: false },
  };
}

/** The place held in the line, whatever is shown over it; undefined when none. */
export function heldOf(view: View): LineView | CalledView | CallView | undefined {
  const under = underlying(view);
  return under?.screen === 'line' || under?.screen === 'called' || under?.screen === 'call' ? under : undefined;
}

/** The ticket held, whatever is shown over it. */
export function ticketOf(view: View): SavedTicket | undefined {
  return heldOf(view)?.ticket;
}

/** The call under way (its attempt), whatever is shown over it. */
export function callOf(view: View): CallView | undefined {
  const held = heldOf(view);
  return held?.screen === 'call' ? held : undefined;
}

/** Whether the place held in `before` is given up in `after` (ended, or left; not by going back to the status). */
export function givesUp(before: View, after: View): boolean {
  return ticketOf(before) !== undefined && ticketOf(after) === undefined && !(after.screen === 'exited' && !after.left);
}

/** Whether the join request is under way, whatever is shown over it. */
export function joiningOf(view: View): boolean {
  const under = underlying(view);
  return under?.screen === 'before' && under.joining;
}

/** The join request's four flags, from the answers (nothing personal can ride along). */
export function joinRequest(a: Answers): JoinRequest {
  const subject = a.topic === 'case-info' ? 'case-info' : 'other';
  const sealed = subject === 'case-info' && a.sealed === true;
  return { subject, sealed, lawyer: sealed ? a.identification?.role === 'lawyer' : a.lawyer === true, libras: a.libras };
}

/** The screen under the message form (and a redirect opened from it). */
function underlying(view: View): Exclude<View, WriteView | ExitedView> | undefined {
  if (view.screen === 'write') return view.from;
  if ((view.screen === 'pje' || view.screen === 'petition') && view.fromWrite) return view.fromWrite.from;
  return view.screen === 'exited' ? undefined : view;
}
