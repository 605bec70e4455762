// The citizen's flow as data (src/widget/flow/flow-state.ts): every arrow of `next`, and
// the events each screen ignores (the same object back: no transition, no effect).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CalledEvent } from '../../src/core/protocol/index.js';
import {
  callOf,
  givesUp,
  heldOf,
  initialFlow,
  joiningOf,
  joinRequest,
  ticketOf,
  type Answers,
  type CitizenFlow,
  type FlowEvent,
  type View,
} from '../../src/widget/flow/flow-state.js';
import { next } from '../../src/widget/flow/flow-next.js';
import type { Identification } from '../../src/widget/flow/identification.js';
import type { SavedTicket } from '../../src/widget/flow/ticket-store.js';

const ticket: SavedTicket = { ticketId: 't-1', code: 'A-001', unit: 'vara', peerId: 'citizen-peer-1', peerToken: 'tok', answerWindowSeconds: 60, graceSeconds: 60 };
const place = { position: 3, estimatedWaitMinutes: 12, clerksServing: 1 };
const ice = { iceServers: [{ urls: ['turn:turn.example:3478'], username: 'u', credential: 'c' }], iceTransportPolicy: 'relay' as const };
const clerk = { name: 'Maria Souza', unit: '1ª Vara' };
const called: CalledEvent = { type: 'called', clerk, clerkPeerId: 'clerk-peer-1', answerBy: '2026-11-23T12:01:00.000Z', ice };
const inCall = { type: 'in-call', clerk, clerkPeerId: 'clerk-peer-2', ice } as const;
const identification: Identification = { name: 'Ana Lima', cpf: '52998224725', role: 'party', caseNumber: '0000000-00.0000.0.00.0000' };
const noLeave = { confirming: false, pending: false, failed: false };

const answers = (a: Partial<Answers> = {}): Answers => ({ ...initialFlow(undefined).answers, ...a });
const at = (view: View, a: Partial<Answers> = {}): CitizenFlow => ({ answers: answers(a), view });
const run = (flow: CitizenFlow, ...events: FlowEvent[]): CitizenFlow => events.reduce(next, flow);

const line = (extra: Partial<Extract<View, { screen: 'line' }>> = {}): View => ({ screen: 'line', ticket, place, leave: noLeave, requeued: false, ...extra });
const calledView = (): View => ({ screen: 'called', ticket: { ...ticket, clerkPeerId: called.clerkPeerId }, place, leave: noLeave, called, answerError: false });
const inCallFlow = (): CitizenFlow => run(at(calledView()), { type: 'answer' });
const before = (): View => ({ screen: 'before', joining: false, joinError: undefined });
const ignores = (flow: CitizenFlow, ...events: FlowEvent[]): void => {
  for (const event of events) expect(next(flow, event), event.type).toBe(flow);
};

describe('the first screen', () => {
  it('is the triage, or the message form from a closed counter', () => {
    expect(initialFlow(undefined).view).toEqual({ screen: 'triage', unanswered: false });
    expect(initialFlow('write').view).toEqual({ screen: 'write', from: undefined });
  });
  it('resume: a ticket kept in this tab goes back to the line, from either', () => {
    for (const start of [undefined, 'write'] as const) {
      expect(next(initialFlow(start), { type: 'resume', ticket }).view).toEqual({ screen: 'line', ticket, place: undefined, leave: noLeave, requeued: false });
    }
  });
});

describe('triage', () => {
  const triage = initialFlow(undefined);
  it('unanswered: stays, saying so; a topic clears it', () => {
    const unanswered = next(triage, { type: 'submit-triage' });
    expect(unanswered.view).toEqual({ screen: 'triage', unanswered: true });
    expect(next(unanswered, { type: 'topic', topic: 'other' }).view).toEqual({ screen: 'triage', unanswered: false });
  });
  it('→ pje, → petition (never the line)', () => {
    expect(run(triage, { type: 'topic', topic: 'pje' }, { type: 'submit-triage' }).view).toEqual({ screen: 'pje', fromWrite: undefined });
    expect(run(triage, { type: 'topic', topic: 'petition' }, { type: 'submit-triage' }).view).toEqual({ screen: 'petition', fromWrite: undefined });
  });
  it('→ sealed (case-info), → lawyer (other); Libras kept', () => {
    const f = run(triage, { type: 'topic', topic: 'case-info' }, { type: 'libras', on: true }, { type: 'submit-triage' });
    expect(f.view).toEqual({ screen: 'sealed', unanswered: false });
    expect(f.answers).toMatchObject({ topic: 'case-info', libras: true });
    expect(run(triage, { type: 'topic', topic: 'other' }, { type: 'submit-triage' }).view).toEqual({ screen: 'lawyer', unanswered: false });
  });
  it('→ write ("Prefiro escrever"), and back to it', () => {
    const w = next(triage, { type: 'write' });
    expect(w.view).toEqual({ screen: 'write', from: triage.view });
    expect(next(w, { type: 'back' }).view).toEqual(triage.view);
  });
  it('→ exited ("Voltar")', () => {
    expect(next(triage, { type: 'exit' }).view).toEqual({ screen: 'exited', left: false });
  });
  it('ignores what belongs elsewhere', () => {
    ignores(triage, { type: 'back' }, { type: 'yes-no', answer: true }, { type: 'submit-question' }, { type: 'join' }, { type: 'join-again' }, { type: 'identified', identification });
    ignores(triage, { type: 'waiting', code: 'A-001', ...place }, called, inCall, { type: 'left' }, { type: 'done', outcome: 'attended' }, { type: 'answer' });
  });
});

describe('the two questions', () => {
  const sealed = at({ screen: 'sealed', unanswered: false }, { topic: 'case-info' });
  it('unanswered: stays, saying so', () => {
    expect(next(sealed, { type: 'submit-question' }).view).toEqual({ screen: 'sealed', unanswered: true });
  });
  it('sealed yes → identification; no → lawyer; Voltar → triage', () => {
    expect(run(sealed, { type: 'yes-no', answer: true }, { type: 'submit-question' }).view).toEqual({ screen: 'identification' });
    const no = run(sealed, { type: 'yes-no', answer: false }, { type: 'submit-question' });
    expect(no.view).toEqual({ screen: 'lawyer', unanswered: false });
    expect(no.answers.sealed).toBe(false);
    expect(next(sealed, { type: 'back' }).view).toEqual({ screen: 'triage', unanswered: false });
  });
  it('lawyer → before; Voltar → sealed (case-info) or triage (other)', () => {
    const lawyer = at({ screen: 'lawyer', unanswered: false }, { topic: 'other' });
    const yes = run(lawyer, { type: 'yes-no', answer: true }, { type: 'submit-question' });
    expect(yes.view).toEqual(before());
    expect(yes.answers.lawyer).toBe(true);
    expect(next(lawyer, { type: 'back' }).view).toEqual({ screen: 'triage', unanswered: false });
    expect(next({ ...lawyer, answers: answers({ topic: 'case-info' }) }, { type: 'back' }).view).toEqual({ screen: 'sealed', unanswered: false });
  });
  it('identification → before (the identification kept); Voltar → sealed', () => {
    const id = at({ screen: 'identification' }, { topic: 'case-info', sealed: true });
    const done = next(id, { type: 'identified', identification });
    expect(done.view).toEqual(before());
    expect(done.answers.identification).toBe(identification);
    expect(next(id, { type: 'back' }).view).toEqual({ screen: 'sealed', unanswered: false });
  });
});

describe('before the line', () => {
  const b = at(before(), { topic: 'other', lawyer: false });
  it('join → joining; joined → line; the request counts as busy', () => {
    const joining = next(b, { type: 'join' });
    expect(joining.view).toEqual({ screen: 'before', joining: true, joinError: undefined });
    expect(joiningOf(joining.view)).toBe(true);
    ignores(joining, { type: 'join' }, { type: 'back' });
    expect(next(joining, { type: 'joined', ticket, place }).view).toEqual(line());
  });
  it('join-failed → before with the error; join again clears it', () => {
    const error = { ok: false, code: 'line_full', message: undefined } as const;
    const failed = run(b, { type: 'join' }, { type: 'join-failed', error });
    expect(failed.view).toEqual({ screen: 'before', joining: false, joinError: error });
    expect(next(failed, { type: 'join' }).view).toEqual({ screen: 'before', joining: true, joinError: undefined });
  });
  it('never joins without a subject of the line; ignores a join answer nobody asked for', () => {
    ignores(at(before(), { topic: 'pje' }), { type: 'join' });
    ignores(b, { type: 'joined', ticket, place }, { type: 'join-failed', error: { ok: false, code: 'offline', message: undefined } });
  });
  it('Voltar → identification (sealed) or lawyer', () => {
    expect(next(b, { type: 'back' }).view).toEqual({ screen: 'lawyer', unanswered: false });
    expect(next(at(before(), { topic: 'case-info', sealed: true }), { type: 'back' }).view).toEqual({ screen: 'identification' });
  });
  it('→ write while joining: the form stays over it, and gives way to the line', () => {
    const w = run(b, { type: 'join' }, { type: 'write' });
    expect(joiningOf(w.view)).toBe(true);
    expect(next(w, { type: 'joined', ticket, place }).view).toEqual(line());
    const failed = next(w, { type: 'join-failed', error: { ok: false, code: 'offline', message: undefined } });
    expect(failed.view).toMatchObject({ screen: 'write', from: { screen: 'before', joining: false } });
  });
});

describe('in the line', () => {
  const l = at(line());
  it('waiting: the place changes, the screen stays', () => {
    expect(next(l, { type: 'waiting', code: 'A-001', position: 1, estimatedWaitMinutes: 2, clerksServing: 0 }).view).toEqual(
      line({ place: { position: 1, estimatedWaitMinutes: 2, clerksServing: 0 } }),
    );
  });
  it('line → called: the ticket keeps the clerk, a leave being asked is dropped', () => {
    const asked = next(l, { type: 'ask-leave' });
    const c = next(asked, called);
    expect(c.view).toEqual(calledView());
    expect(ticketOf(c.view)?.clerkPeerId).toBe(called.clerkPeerId);
  });
  it('line → call on a resumed in-call (reload during the call), with the fresh ICE servers', () => {
    const c = next(at(line({ ticket: { ...ticket, clerkPeerId: 'clerk-peer-2' } })), inCall);
    expect(c.view).toMatchObject({ screen: 'call', attempt: { clerkPeerId: 'clerk-peer-2', clerk, ice, gesture: false }, result: undefined });
  });
  it('requeued on the line: says so, stays', () => {
    expect(next(l, { type: 'requeued' }).view).toEqual(line({ requeued: true }));
  });
  it('→ missed, done, expired, lost (ticket_not_found), and out (left)', () => {
    expect(next(l, { type: 'missed' }).view).toEqual({ screen: 'missed' });
    expect(next(l, { type: 'expired' }).view).toEqual({ screen: 'expired' });
    expect(next(l, { type: 'done', outcome: 'attended' }).view).toEqual({ screen: 'done' });
    expect(next(l, { type: 'error', code: 'ticket_not_found', message: '' }).view).toEqual({ screen: 'lost' });
    expect(next(l, { type: 'left' }).view).toEqual({ screen: 'exited', left: true });
    for (const end of ['missed', 'expired', 'left'] as const) expect(ticketOf(next(l, { type: end }).view)).toBeUndefined();
  });
  it('Sair da fila: asked, cancelled, pending (once), refused', () => {
    const asked = next(l, { type: 'ask-leave' });
    expect(heldOf(asked.view)?.leave).toEqual({ confirming: true, pending: false, failed: false });
    expect(heldOf(next(asked, { type: 'cancel-leave' }).view)?.leave).toEqual(noLeave);
    const pending = next(asked, { type: 'leaving' });
    expect(heldOf(pending.view)?.leave).toEqual({ confirming: true, pending: true, failed: false });
    ignores(pending, { type: 'leaving' });
    expect(heldOf(next(pending, { type: 'leave-failed' }).view)?.leave).toEqual({ confirming: true, pending: false, failed: true });
  });
  it('ignores other errors, a call result with no call, and the questions', () => {
    ignores(l, { type: 'error', code: 'rate_limited', message: '' }, { type: 'call-result', result: 'started' }, { type: 'answer' }, { type: 'back' }, { type: 'join' }, { type: 'join-again' });
  });
  it('line → write (nobody serving): the line follows underneath; back to it; a call takes over', () => {
    const w = next(l, { type: 'write' });
    const moved = next(w, { type: 'waiting', code: 'A-001', position: 1, estimatedWaitMinutes: 1, clerksServing: 1 });
    expect(moved.view).toMatchObject({ screen: 'write', from: { screen: 'line', place: { position: 1 } } });
    expect(next(moved, { type: 'back' }).view).toMatchObject({ screen: 'line', place: { position: 1 } });
    expect(next(w, called).view.screen).toBe('called');
    expect(next(w, { type: 'requeued' }).view).toEqual(line({ requeued: true }));
    expect(next(w, { type: 'done', outcome: 'attended' }).view).toEqual({ screen: 'done' });
    // "Voltar ao início" after sending: to the status, the place kept in this tab.
    const out = next(w, { type: 'exit' });
    expect(out.view).toEqual({ screen: 'exited', left: false });
    expect(givesUp(w.view, out.view)).toBe(false);
    expect(givesUp(w.view, next(w, { type: 'left' }).view)).toBe(true);
    expect(givesUp(w.view, next(w, { type: 'expired' }).view)).toBe(true);
    expect(givesUp(w.view, next(w, called).view)).toBe(false);
  });
});

describe('called', () => {
  const c = at(calledView());
  it('called → line on waiting (the call withdrawn)', () => {
    expect(next(c, { type: 'waiting', code: 'A-001', ...place }).view).toEqual(line({ ticket: { ...ticket, clerkPeerId: called.clerkPeerId } }));
  });
  it('the same call again is ignored; another one replaces it', () => {
    ignores(c, called);
    const again = { ...called, answerBy: '2026-11-23T12:05:00.000Z' };
    expect(next(c, again).view).toMatchObject({ screen: 'called', called: again });
  });
  it('called → call on "Entrar", in the click', () => {
    expect(next(c, { type: 'answer' }).view).toMatchObject({
      screen: 'call',
      called,
      attempt: { clerkPeerId: called.clerkPeerId, clerk, ice, gesture: true },
      result: undefined,
      end: undefined,
    });
  });
  it('"Entrar" without the line: says so, stays', () => {
    expect(next(c, { type: 'answer-failed' }).view).toMatchObject({ screen: 'called', answerError: true });
  });
  it('called → line (requeued), → call (in-call), → missed', () => {
    expect(next(c, { type: 'requeued' }).view).toMatchObject({ screen: 'line', requeued: true });
    expect(next(c, inCall).view).toMatchObject({ screen: 'call', attempt: { clerkPeerId: called.clerkPeerId, gesture: false } });
    expect(next(c, { type: 'missed' }).view).toEqual({ screen: 'missed' });
  });
});

describe('the call', () => {
  const call = inCallFlow();
  it('the call module answers: started, unavailable', () => {
    expect(next(call, { type: 'call-result', result: 'started' }).view).toMatchObject({ screen: 'call', result: 'started' });
    expect(next(call, { type: 'call-ended', reason: 'unavailable' }).view).toMatchObject({ screen: 'call', result: 'unavailable' });
  });
  it('ended on this side: the view says how, until the line says what comes next', () => {
    expect(next(call, { type: 'call-ended', reason: 'failed' }).view).toMatchObject({ screen: 'call', end: 'failed' });
    expect(next(call, { type: 'call-ended', reason: 'hung-up-remote' }).view).toMatchObject({ screen: 'call', end: 'hung-up-remote' });
  });
  it('"Encerrar chamada" → done, and the identification forgotten', () => {
    const f = next({ ...call, answers: answers({ topic: 'case-info', sealed: true, identification }) }, { type: 'call-ended', reason: 'hung-up-local' });
    expect(f.view).toEqual({ screen: 'done' });
    expect(f.answers.identification).toBeUndefined();
    expect(f.answers.sealed).toBe(true);
  });
  it('done from the line forgets the identification too', () => {
    const f = next({ ...call, answers: answers({ identification }) }, { type: 'done', outcome: 'attended' });
    expect(f.answers.identification).toBeUndefined();
  });
  it('call → line on requeued (the call dropped)', () => {
    expect(next(call, { type: 'requeued' }).view).toMatchObject({ screen: 'line', requeued: true });
    expect(callOf(next(call, { type: 'requeued' }).view)).toBeUndefined();
  });
  it('in-call during the call: whom to answer is kept, the call is not started again', () => {
    const f = next(call, inCall);
    expect(f.view).toMatchObject({ screen: 'call', resumed: { clerkPeerId: 'clerk-peer-2' } });
    expect(callOf(f.view)?.attempt).toBe(callOf(call.view)?.attempt);
  });
  it('call → called (a new call), waiting keeps the call', () => {
    expect(next(call, { ...called, answerBy: '2026-11-23T12:09:00.000Z' }).view.screen).toBe('called');
    expect(next(call, { type: 'waiting', code: 'A-001', ...place, position: 1 }).view).toMatchObject({ screen: 'call', place: { position: 1 } });
  });
  it('call → write (the call failed): the call stays under the form; in-call starts it again', () => {
    const w = run(call, { type: 'call-result', result: 'started' }, { type: 'call-ended', reason: 'failed' }, { type: 'write' });
    expect(callOf(w.view)?.end).toBe('failed');
    const ended = next(w, { type: 'call-ended', reason: 'failed' });
    expect(ended.view.screen).toBe('write');
    const restarted = next(w, inCall);
    expect(restarted.view).toMatchObject({ screen: 'call', attempt: { gesture: false }, result: undefined, end: undefined });
    expect(next(w, { type: 'requeued' }).view).toMatchObject({ screen: 'line', requeued: true });
  });
  it('a reload without ICE servers: "Voltando para a chamada…" (no attempt)', () => {
    const f = next(at(line()), { type: 'answer' });
    expect(f.view.screen).toBe('line');
    const resumed = next(at({ ...(calledView() as Extract<View, { screen: 'called' }>), called: { ...called, ice: undefined as never } }), { type: 'answer' });
    expect(resumed.view).toMatchObject({ screen: 'call', attempt: undefined, result: undefined });
  });
  it('ignores call answers with no attempt', () => {
    const none = next(at({ ...(calledView() as Extract<View, { screen: 'called' }>), called: { ...called, ice: undefined as never } }), { type: 'answer' });
    ignores(none, { type: 'call-result', result: 'started' }, { type: 'call-ended', reason: 'failed' });
  });
});

describe('the message form and the redirects', () => {
  const w = initialFlow('write');
  it('write → pje, petition; pje/petition → back to the form', () => {
    for (const topic of ['pje', 'petition'] as const) {
      const r = next(w, { type: 'redirect', topic });
      expect(r.view).toEqual({ screen: topic, fromWrite: w.view });
      expect(next(r, { type: 'back' }).view).toEqual(w.view);
    }
  });
  it('opened from the status: Voltar → exited', () => {
    expect(next(w, { type: 'back' }).view).toEqual({ screen: 'exited', left: false });
  });
  it('a redirect over the form over the line: the line follows underneath', () => {
    const r = run(at(line()), { type: 'write' }, { type: 'redirect', topic: 'pje' });
    const moved = next(r, { type: 'waiting', code: 'A-001', ...place, position: 2 });
    expect(moved.view).toMatchObject({ screen: 'pje', fromWrite: { screen: 'write', from: { screen: 'line', place: { position: 2 } } } });
    expect(next(r, called).view.screen).toBe('called');
  });
  it('ignores redirects elsewhere and a second form', () => {
    ignores(w, { type: 'write' });
    ignores(initialFlow(undefined), { type: 'redirect', topic: 'pje' });
  });
});

describe('the endings', () => {
  for (const screen of ['missed', 'done', 'expired', 'lost'] as const) {
    it(`${screen} → before (answers known), → triage (not), → write, → exited`, () => {
      expect(next(at({ screen }, { topic: 'other', lawyer: false }), { type: 'join-again' }).view).toEqual(before());
      expect(next(at({ screen }, { topic: 'case-info', sealed: false }), { type: 'join-again' }).view).toEqual(before());
      expect(next(at({ screen }, { topic: 'case-info', sealed: true, identification }), { type: 'join-again' }).view).toEqual(before());
      expect(next(at({ screen }, { topic: 'case-info', sealed: true }), { type: 'join-again' }).view).toEqual({ screen: 'triage', unanswered: false });
      expect(next(at({ screen }), { type: 'write' }).view).toEqual({ screen: 'write', from: { screen } });
      expect(next(at({ screen }), { type: 'exit' }).view).toEqual({ screen: 'exited', left: false });
    });
    it(`${screen} ignores the line that is gone`, () => {
      ignores(at({ screen }), { type: 'waiting', code: 'A-001', ...place }, called, inCall, { type: 'requeued' }, { type: 'left' }, { type: 'error', code: 'ticket_not_found', message: '' }, { type: 'back' });
    });
  }
  it('exited ignores everything', () => {
    const gone = at({ screen: 'exited', left: true });
    ignores(gone, { type: 'write' }, { type: 'back' }, called, { type: 'resume', ticket });
  });
});

describe('the join request', () => {
  it('the four flags from the answers; a sealed case takes the lawyer from the identification', () => {
    expect(joinRequest(answers({ topic: 'other', lawyer: true, libras: true }))).toEqual({ subject: 'other', sealed: false, lawyer: true, libras: true });
    expect(joinRequest(answers({ topic: 'case-info', sealed: false, lawyer: false }))).toEqual({ subject: 'case-info', sealed: false, lawyer: false, libras: false });
    const asLawyer = { ...identification, role: 'lawyer' as const, oab: 'RN 12345' };
    expect(joinRequest(answers({ topic: 'case-info', sealed: true, lawyer: false, identification: asLawyer }))).toEqual({ subject: 'case-info', sealed: true, lawyer: true, libras: false });
    expect(joinRequest(answers({ topic: 'case-info', sealed: true, lawyer: true, identification }))).toEqual({ subject: 'case-info', sealed: true, lawyer: false, libras: false });
  });
});

describe('flow-state.ts', () => {
  it('imports types only (no DOM, no Lit at run time)', () => {
    const source = readFileSync(new URL('../../src/widget/flow/flow-state.ts', import.meta.url), 'utf8');
    const imports = source.split('\n').filter((l) => l.startsWith('import '));
    expect(imports.length).toBeGreaterThan(0);
    for (const l of imports) expect(l).toMatch(/^import type /);
  });
});
