// The citizen's flow: the pure transition `next(flow, event)` over the union of flow-state.ts
// (the map is in that module's header). Returns the same object when an event means nothing
// in a state: the element then does nothing at all. Tested arrow by arrow in
// test/unit/citizen-flow.test.ts.

import type {
  Answers,
  BeforeView,
  CallView,
  CalledView,
  CitizenFlow,
  ExitedView,
  FlowEvent,
  Leave,
  LineView,
  Screen,
  TriageView,
  View,
  WriteView,
} from './flow-state.js';

const NO_LEAVE: Leave = { confirming: false, pending: false, failed: false };

function view(flow: CitizenFlow, v: View): CitizenFlow {
  return { ...flow, view: v };
}

function triage(): TriageView {
  return { screen: 'triage', unanswered: false };
}

function before(): BeforeView {
  return { screen: 'before', joining: false, joinError: undefined };
}

function isUnder(v: View): v is Exclude<View, WriteView | ExitedView> {
  return v.screen !== 'write' && v.screen !== 'exited';
}

/** A screen shown again ("Voltar" from the form): the questions without their error. */
function again(v: Exclude<View, WriteView | ExitedView>): View {
  return v.screen === 'triage' || v.screen === 'sealed' || v.screen === 'lawyer' ? { ...v, unanswered: false } : v;
}

/** Whether the answers are enough to go straight to the screen before the line. */
function known(a: Answers): boolean {
  return a.topic === 'other' || (a.topic === 'case-info' && a.sealed !== undefined && (!a.sealed || a.identification !== undefined));
}

/** The call started by "Entrar" (`gesture`) or by the server's `in-call`. */
function startCall(held: LineView | CalledView | CallView, resumed: CallView['resumed'], gesture: boolean): CallView {
  const called = held.screen === 'line' ? undefined : held.called;
  const clerkPeerId = called?.clerkPeerId ?? resumed?.clerkPeerId ?? held.ticket.clerkPeerId;
  const ice = called?.ice ?? resumed?.ice;
  const attempt = clerkPeerId && ice ? { clerkPeerId, clerk: called?.clerk ?? resumed?.clerk, ice, gesture } : undefined;
  return {
    screen: 'call',
    ticket: held.ticket,
    place: held.place,
    leave: held.leave,
    called,
    resumed,
    attempt,
    // Without the clerk's ICE servers, after a reload: "Voltando para a chamada…" until `in-call`.
    result: attempt ? undefined : ice ? 'unavailable' : undefined,
    end: undefined,
  };
}

function toLine(held: LineView | CalledView | CallView, requeued: boolean): LineView {
  return { screen: 'line', ticket: held.ticket, place: held.place, leave: held.leave, requeued };
}

/** The transition for `event` in `flow`; the same object when the event means nothing there. */
export function next(flow: CitizenFlow, event: FlowEvent): CitizenFlow {
  const v = flow.view;
  const a = flow.answers;
  switch (event.type) {
    case 'topic':
      return v.screen === 'triage' ? { answers: { ...a, topic: event.topic }, view: { ...v, unanswered: false } } : flow;
    case 'libras':
      return v.screen === 'triage' ? { ...flow, answers: { ...a, libras: event.on } } : flow;
    case 'submit-triage': {
      if (v.screen !== 'triage') return flow;
      const t = a.topic;
      if (t === '') return view(flow, { screen: 'triage', unanswered: true });
      if (t === 'pje' || t === 'petition') return view(flow, { screen: t, fromWrite: undefined });
      return view(flow, { screen: t === 'case-info' ? 'sealed' : 'lawyer', unanswered: false });
    }
    case 'yes-no':
      if (v.screen !== 'sealed' && v.screen !== 'lawyer') return flow;
      return {
        answers: v.screen === 'sealed' ? { ...a, sealed: event.answer } : { ...a, lawyer: event.answer },
        view: { ...v, unanswered: false },
      };
    case 'submit-question': {
      if (v.screen !== 'sealed' && v.screen !== 'lawyer') return flow;
      const answer = a[v.screen];
      if (answer === undefined) return view(flow, { ...v, unanswered: true });
      if (v.screen === 'lawyer') return view(flow, before());
      return view(flow, answer ? { screen: 'identification' } : { screen: 'lawyer', unanswered: false });
    }
    case 'identified':
      return v.screen === 'identification' ? { answers: { ...a, identification: event.identification }, view: before() } : flow;
    case 'back':
      return back(flow);
    case 'exit':
      // With a place in the line (from the message form), the place stays kept in this tab.
      return v.screen === 'exited' ? flow : view(flow, { screen: 'exited', left: false });
    case 'write':
      return v.screen === 'write' || v.screen === 'exited' ? flow : view(flow, { screen: 'write', from: v });
    case 'redirect':
      return v.screen === 'write' ? view(flow, { screen: event.topic, fromWrite: v }) : flow;
    case 'join-again':
      return v.screen === 'missed' || v.screen === 'done' || v.screen === 'expired' || v.screen === 'lost'
        ? view(flow, known(a) ? before() : triage())
        : flow;
    case 'resume':
      return v.screen === 'triage' || (v.screen === 'write' && !v.from)
        ? view(flow, { screen: 'line', ticket: event.ticket, place: undefined, leave: NO_LEAVE, requeued: false })
        : flow;
    case 'join':
      if (v.screen !== 'before' || v.joining || (a.topic !== 'case-info' && a.topic !== 'other')) return flow;
      return view(flow, { screen: 'before', joining: true, joinError: undefined });
    default:
      return beneath(flow, event);
  }
}

/** "Voltar": the screen before this one, by the answers given. */
function back(flow: CitizenFlow): CitizenFlow {
  const v = flow.view;
  const a = flow.answers;
  switch (v.screen) {
    case 'sealed':
      return view(flow, triage());
    case 'lawyer':
      return view(flow, a.topic === 'case-info' ? { screen: 'sealed', unanswered: false } : triage());
    case 'identification':
      return view(flow, { screen: 'sealed', unanswered: false });
    case 'before':
      if (v.joining) return flow;
      return view(flow, a.topic === 'case-info' && a.sealed ? { screen: 'identification' } : { screen: 'lawyer', unanswered: false });
    case 'pje':
    case 'petition':
      return view(flow, v.fromWrite ?? triage());
    case 'write':
      return view(flow, v.from ? again(v.from) : { screen: 'exited', left: false });
    default:
      return flow;
  }
}

/**
 * Events of the line, the join request and the call: applied to the screen under the
 * message form too. The form stays while that screen stays; it gives way when the line
 * moves on (called, requeued, ended) and when the call must start again (`in-call`).
 */
function beneath(flow: CitizenFlow, event: FlowEvent): CitizenFlow {
  const v = flow.view;
  if (v.screen === 'write' || ((v.screen === 'pje' || v.screen === 'petition') && v.fromWrite)) {
    const write = v.screen === 'write' ? v : v.fromWrite;
    const from = write?.from;
    if (!from) return flow;
    const result = here({ ...flow, view: from }, event, v.screen);
    if (result.view === from) return flow;
    // A new screen, the call starting again, or the line again after a call: shown instead of the form.
    if (!isUnder(result.view) || result.view.screen !== from.screen || event.type === 'in-call' || event.type === 'requeued') return result;
    const under: WriteView = { screen: 'write', from: result.view };
    return view(result, v.screen === 'write' ? under : { ...v, fromWrite: under });
  }
  return here(flow, event, v.screen);
}

/** An event of the line, the join request or the call on the screen `flow.view`, shown as `top`. */
function here(flow: CitizenFlow, event: FlowEvent, top: Screen): CitizenFlow {
  const v = flow.view;
  if (v.screen === 'before') {
    if (!v.joining) return flow;
    if (event.type === 'joined') return view(flow, { screen: 'line', ticket: event.ticket, place: event.place, leave: NO_LEAVE, requeued: false });
    if (event.type === 'join-failed') return view(flow, { screen: 'before', joining: false, joinError: event.error });
    return flow;
  }
  if (v.screen !== 'line' && v.screen !== 'called' && v.screen !== 'call') return flow;
  switch (event.type) {
    case 'waiting': {
      const place = { position: event.position, estimatedWaitMinutes: event.estimatedWaitMinutes, clerksServing: event.clerksServing };
      // Called, and then back to waiting: the clerk withdrew the call.
      return view(flow, v.screen === 'called' ? toLine({ ...v, place }, false) : { ...v, place });
    }
    case 'called': {
      // The same call again (the server repeats it after a reconnection): nothing new.
      if (top === 'called' && v.screen === 'called' && v.called.clerkPeerId === event.clerkPeerId && v.called.answerBy === event.answerBy) return flow;
      return view(flow, {
        screen: 'called',
        ticket: { ...v.ticket, clerkPeerId: event.clerkPeerId },
        place: v.place,
        leave: { ...v.leave, confirming: false },
        called: event,
        answerError: false,
      });
    }
    case 'in-call': {
      const resumed = { clerkPeerId: event.clerkPeerId, clerk: event.clerk, ice: event.ice };
      // During the call (a socket that came back): whom to answer, kept; otherwise the call starts again.
      if (top === 'call' && v.screen === 'call') return view(flow, { ...v, resumed });
      return view(flow, startCall(v, resumed, false));
    }
    case 'answer':
      return v.screen === 'called' ? view(flow, startCall(v, undefined, true)) : flow;
    case 'answer-failed':
      return v.screen === 'called' ? view(flow, { ...v, answerError: true }) : flow;
    case 'call-result':
      return v.screen === 'call' && v.attempt ? view(flow, { ...v, result: event.result }) : flow;
    case 'call-ended':
      if (v.screen !== 'call' || !v.attempt) return flow;
      if (event.reason === 'unavailable') return view(flow, { ...v, result: 'unavailable' });
      // "Encerrar chamada": the attendance is over for this citizen; the clerk marks the outcome.
      if (event.reason === 'hung-up-local') return done(flow);
      // Otherwise the line says what comes next: `done` or `requeued`.
      return view(flow, { ...v, end: event.reason });
    case 'requeued':
      return view(flow, toLine(v, true));
    case 'ask-leave':
      return view(flow, { ...v, leave: { ...v.leave, confirming: true, failed: false } });
    case 'cancel-leave':
      return view(flow, { ...v, leave: { ...v.leave, confirming: false, failed: false } });
    case 'leaving':
      return v.leave.pending ? flow : view(flow, { ...v, leave: { ...v.leave, pending: true, failed: false } });
    case 'leave-failed':
      return view(flow, { ...v, leave: { ...v.leave, pending: false, failed: true } });
    case 'left':
      return view(flow, { screen: 'exited', left: true });
    case 'missed':
    case 'expired':
      return view(flow, { screen: event.type });
    case 'done':
      return done(flow);
    case 'error':
      // After "missed" or "expired" the server also says the ticket is gone: already said.
      return event.code === 'ticket_not_found' ? view(flow, { screen: 'lost' }) : flow;
    default:
      return flow;
  }
}

/** The call is over: the identification has served its purpose. */
function done(flow: CitizenFlow): CitizenFlow {
  return { answers: { ...flow.answers, identification: undefined }, view: { screen: 'done' } };
}
