// The clerk's desk (src/core/clerk-desk.ts, its steps in clerk-desk-steps.ts): every arrow
// of `next`, and the events each state ignores (same desk, no effects).

import { describe, expect, it } from 'vitest';
import {
  callNextBlocked,
  INITIAL_DESK,
  next,
  nextTextChange,
  type Attendance,
  type ClerkDesk,
  type DeskEvent,
  type SignedIn,
} from '../../src/core/clerk-desk.js';
import type { ShownIdentification } from '../../src/core/identification.js';
import type { CallingEvent, LineEvent, SessionEvent, WaitingEntry } from '../../src/core/protocol/index.js';

const session: SessionEvent = { type: 'session', peerId: 'clerk-peer', peerToken: 'peer-token', name: 'Maria Souza', unit: 'vara', unitName: '1ª Vara' };

function entry(code: string, away = false): WaitingEntry {
  return { code, subject: 'case-info', joinedAt: '2026-12-07T12:00:00.000Z', away, sealed: false, lawyer: false, libras: false };
}

function line(codes: string[], paused = false, away = false): LineEvent {
  return { type: 'line', waiting: codes.map((c) => entry(c, away)), clerksServing: 1, paused };
}

function calling(code = 'A-001', citizenPeerId = 'citizen-1'): CallingEvent {
  return {
    type: 'calling',
    code,
    flags: { sealed: true, lawyer: false, libras: false },
    subject: 'case-info',
    citizenPeerId,
    answerBy: '2026-12-07T12:01:00.000Z',
    ice: { iceServers: [], iceTransportPolicy: 'relay' },
  };
}

const shown: ShownIdentification = {
  name: 'Joana Silva',
  cpf: { text: '529.982.247-25', valid: true },
  role: 'party',
  oab: undefined,
  caseNumber: { text: '0000001-42.2026.8.20.0001', valid: true },
};

function desk(changes: Partial<SignedIn> = {}): SignedIn {
  return {
    kind: 'signed-in',
    unit: 'vara',
    session,
    line: line(['A-001']),
    attendance: undefined,
    notice: undefined,
    problem: undefined,
    pending: undefined,
    alerting: false,
    sync: 'live',
    missed: undefined,
    restored: false,
    ...changes,
  };
}

const base = { calling: calling(), identification: undefined, checked: false, ending: undefined } as const;
const inCalling: Attendance = { phase: 'calling', ...base };
const inCall: Attendance = { phase: 'in-call', ...base, call: { result: 'started', running: true, connected: true }, remoteHungUp: false };
const citizenLeft: Attendance = { phase: 'citizen-left', ...base };
/** In the call, with no call on this side any more (the element was taken off the page). */
const detachedCall: Attendance = { ...inCall, call: { result: 'started', running: false, connected: false } };

const signingIn: ClerkDesk = { kind: 'signing-in', unit: 'vara', restored: false };

/** The desk after `event`, asserting it is signed in. */
function signedIn(from: ClerkDesk, event: DeskEvent): { desk: SignedIn; effects: ReturnType<typeof next>['effects'] } {
  const t = next(from, event);
  if (t.desk.kind !== 'signed-in') throw new Error(`expected signed-in, got ${t.desk.kind}`);
  return { desk: t.desk, effects: t.effects };
}

describe('signing in', () => {
  it('starts with no unit', () => {
    expect(INITIAL_DESK).toEqual({ kind: 'no-unit' });
  });

  it('no unit (or no server): no-unit, the connection stopped', () => {
    expect(next(desk({ attendance: inCall }), { type: 'sign-in', unit: undefined, token: true })).toEqual({
      desk: { kind: 'no-unit' },
      effects: [{ type: 'end-call' }, { type: 'undelivered', follow: false }, { type: 'stop-connection' }],
    });
  });

  it('a unit but no token: no-token, the connection stopped', () => {
    expect(next(INITIAL_DESK, { type: 'sign-in', unit: 'vara', token: false })).toEqual({
      desk: { kind: 'no-token' },
      effects: [{ type: 'end-call' }, { type: 'undelivered', follow: false }, { type: 'stop-connection' }],
    });
  });

  it('a unit and a token: signing-in, connecting; everything of the last session forgotten', () => {
    expect(next(desk({ attendance: inCall, alerting: true }), { type: 'sign-in', unit: 'vara', token: true })).toEqual({
      desk: { kind: 'signing-in', unit: 'vara', restored: false },
      effects: [{ type: 'end-call' }, { type: 'undelivered', follow: false }, { type: 'connect' }],
    });
  });

  it('a connection back not yet said is still said after signing in again', () => {
    expect(next(desk({ restored: true }), { type: 'sign-in', unit: 'vara', token: true }).desk).toEqual({ kind: 'signing-in', unit: 'vara', restored: true });
  });

  it('the session of the page\'s unit: signed-in, said once, the undelivered messages followed, resyncing', () => {
    const { desk: d, effects } = signedIn({ kind: 'signing-in', unit: 'vara', restored: true }, session);
    expect(d).toEqual(desk({ line: undefined, sync: 'resyncing', restored: true }));
    expect(effects).toEqual([{ type: 'say', say: { kind: 'connected', name: 'Maria Souza', unitName: '1ª Vara' } }, { type: 'undelivered', follow: true }]);
  });

  it('the session again after a reconnection: not said again; the line and the attendance kept until the next line', () => {
    const before = desk({ attendance: inCall, pending: 'pause', notice: { kind: 'shutdown' } });
    const { desk: d, effects } = signedIn(before, session);
    expect(d).toEqual({ ...before, pending: undefined, sync: 'resyncing' });
    expect(effects).toEqual([{ type: 'undelivered', follow: true }]);
  });

  it('a session of another unit: wrong-unit, the token forgotten, stopped', () => {
    const other: SessionEvent = { ...session, unit: 'outra', unitName: 'Outra Vara' };
    expect(next(signingIn, other)).toEqual({
      desk: { kind: 'wrong-unit', session: other },
      effects: [{ type: 'forget-token' }, { type: 'stop-connection' }, { type: 'undelivered', follow: false }],
    });
    expect(next(desk({ attendance: inCall }), other).effects).toContainEqual({ type: 'end-call' });
  });

  it('close 4001: refused, the token forgotten, not retried, said', () => {
    for (const from of [signingIn, desk({ attendance: inCall })]) {
      expect(next(from, { type: 'refused' })).toEqual({
        desk: { kind: 'refused' },
        effects: [
          { type: 'forget-token' },
          { type: 'stop-connection' },
          { type: 'undelivered', follow: false },
          { type: 'end-call' },
          { type: 'say', say: { kind: 'refused' } },
        ],
      });
    }
  });

  it('error unauthorized: before the session nothing (4001 follows); after it, signs in again', () => {
    expect(next(signingIn, { type: 'error', code: 'unauthorized', message: 'x' })).toEqual({ desk: signingIn, effects: [] });
    const d = desk();
    expect(next(d, { type: 'error', code: 'unauthorized', message: 'x' })).toEqual({ desk: d, effects: [{ type: 'reconnect' }] });
  });

  it('another error before the session: only said', () => {
    expect(next(signingIn, { type: 'error', code: 'rate_limited', message: 'x' })).toEqual({
      desk: signingIn,
      effects: [{ type: 'say', say: { kind: 'problem', problem: { kind: 'refusal', code: 'rate_limited', message: 'x' } } }],
    });
  });
});

describe('the connection', () => {
  it('lost: said, and the command awaited forgotten', () => {
    expect(next(desk({ pending: 'call-next' }), { type: 'connection', lost: true })).toEqual({
      desk: desk(),
      effects: [{ type: 'say', say: { kind: 'lost' } }],
    });
    expect(next(signingIn, { type: 'connection', lost: true })).toEqual({ desk: signingIn, effects: [{ type: 'say', say: { kind: 'lost' } }] });
  });

  it('back: said with the next line, with the count', () => {
    const back = next(desk(), { type: 'connection', lost: false });
    expect(back).toEqual({ desk: desk({ restored: true }), effects: [] });
    const { desk: d, effects } = signedIn(back.desk, line(['A-001', 'A-002']));
    expect(d.restored).toBe(false);
    expect(effects).toEqual([{ type: 'say', say: { kind: 'restored', count: 2 } }]);
    expect(next(signingIn, { type: 'connection', lost: false }).desk).toEqual({ ...signingIn, restored: true });
  });

  it('another tab took over: the attendance and its call let go, the alert stopped', () => {
    expect(next(desk({ attendance: inCall, alerting: true }), { type: 'replaced' })).toEqual({ desk: desk(), effects: [{ type: 'end-call' }] });
    expect(next(desk({ alerting: true }), { type: 'replaced' })).toEqual({ desk: desk(), effects: [] });
  });

  it('the element taken off the page: its call ends, the attendance and what the call module said stay (answered again, it calls again)', () => {
    const { desk: d, effects } = signedIn(desk({ attendance: inCall, alerting: true }), { type: 'detached' });
    expect(d).toEqual(desk({ attendance: detachedCall }));
    expect(effects).toEqual([{ type: 'end-call' }]);
    const calling1 = signedIn(desk({ attendance: inCalling }), { type: 'detached' });
    expect(calling1.desk.attendance).toEqual(inCalling);
  });
});

describe('the line', () => {
  it('the first line: kept, live, no alert', () => {
    const { desk: d, effects } = signedIn(desk({ line: undefined, sync: 'resyncing' }), line(['A-001']));
    expect(d).toEqual(desk());
    expect(effects).toEqual([]);
  });

  it('after a reconnection with no call re-sent: the attendance ended meanwhile', () => {
    const { desk: d, effects } = signedIn(desk({ attendance: inCall, sync: 'resyncing' }), line([]));
    expect(d).toEqual(desk({ line: line([]), notice: { kind: 'ended-offline', code: 'A-001' } }));
    expect(effects).toEqual([{ type: 'end-call' }]);
  });

  it('after a reconnection that re-sent the call: the attendance goes on', () => {
    const d = signedIn(desk({ attendance: inCall, sync: 'resyncing-saw-calling' }), line([])).desk;
    expect(d.attendance).toEqual(inCall);
    expect(d.sync).toBe('live');
  });

  it('the pause or resume awaited is confirmed by the line', () => {
    expect(signedIn(desk({ pending: 'pause' }), line(['A-001'], true)).desk.pending).toBe(undefined);
    expect(signedIn(desk({ pending: 'resume', line: line(['A-001'], true) }), line(['A-001'])).desk.pending).toBe(undefined);
    expect(signedIn(desk({ pending: 'pause' }), line(['A-001'])).desk.pending).toBe('pause');
    expect(signedIn(desk({ pending: 'call-next' }), line(['A-001'], true)).desk.pending).toBe('call-next');
  });

  it('paused or resumed: said', () => {
    expect(next(desk(), line(['A-001'], true)).effects).toEqual([{ type: 'say', say: { kind: 'paused' } }]);
    expect(next(desk({ line: line(['A-001'], true) }), line(['A-001'])).effects).toEqual([{ type: 'say', say: { kind: 'resumed' } }]);
  });

  it('someone joins an empty line: alert, sound, said', () => {
    const { desk: d, effects } = signedIn(desk({ line: line([]) }), line(['A-001']));
    expect(d.alerting).toBe(true);
    expect(effects).toEqual([{ type: 'sound' }, { type: 'say', say: { kind: 'arrived', count: 1 } }]);
    expect(next(desk({ line: line([]) }), line(['A-001', 'A-002'])).effects).toContainEqual({ type: 'say', say: { kind: 'arrived', count: 2 } });
  });

  it('no sound while paused or in an attendance', () => {
    expect(next(desk({ line: line([], true) }), line(['A-001'], true)).effects).not.toContainEqual({ type: 'sound' });
    const { desk: d, effects } = signedIn(desk({ line: line([]), attendance: inCall }), line(['A-002']));
    expect(d.alerting).toBe(true);
    expect(effects).toEqual([{ type: 'say', say: { kind: 'arrived', count: 1 } }]);
  });

  it('more people while alerting: still alerting, nothing said; the line empties: the alert stops', () => {
    expect(next(desk({ alerting: true }), line(['A-001', 'A-002']))).toEqual({ desk: desk({ alerting: true, line: line(['A-001', 'A-002']) }), effects: [] });
    expect(signedIn(desk({ alerting: true }), line([])).desk.alerting).toBe(false);
  });
});

describe('calling and answering', () => {
  it('calling: the attendance starts, the alert stops, the focus goes to it, said', () => {
    const { desk: d, effects } = signedIn(desk({ pending: 'call-next', alerting: true }), calling());
    expect(d).toEqual(desk({ attendance: inCalling }));
    expect(effects).toEqual([{ type: 'focus', target: 'attendance' }, { type: 'say', say: { kind: 'calling', code: 'A-001', missed: undefined } }]);
  });

  it('calling after a missed one: both said together, once', () => {
    const missed = { kind: 'missed', code: 'A-000', paused: false } as const;
    const { desk: d, effects } = signedIn(desk({ missed }), calling());
    expect(d.missed).toBe(undefined);
    expect(effects).toContainEqual({ type: 'say', say: { kind: 'calling', code: 'A-001', missed } });
  });

  it('the same call again (a reconnection): the attendance and its call go on', () => {
    const again = { ...calling(), answerBy: '2026-12-07T12:02:00.000Z' };
    const missed = { kind: 'missed', code: 'A-000', paused: false } as const;
    expect(next(desk({ attendance: inCall, sync: 'resyncing', pending: 'call-next', missed }), again)).toEqual({
      desk: desk({ attendance: { ...inCall, calling: again }, sync: 'resyncing-saw-calling', missed }),
      effects: [],
    });
  });

  it('another call while one is on: the old one ends first', () => {
    const { desk: d, effects } = signedIn(desk({ attendance: inCall }), calling('A-002', 'citizen-2'));
    expect(d.attendance).toEqual({ ...inCalling, calling: calling('A-002', 'citizen-2') });
    expect(effects[0]).toEqual({ type: 'end-call' });
  });

  it('answered: in the call, the call started, focus and words', () => {
    const { desk: d, effects } = signedIn(desk({ attendance: inCalling, notice: { kind: 'shutdown' } }), { type: 'answered', code: 'A-001' });
    expect(d).toEqual(desk({ attendance: { ...inCall, call: { result: 'starting', running: true, connected: false } } }));
    expect(effects).toEqual([{ type: 'focus', target: 'attendance' }, { type: 'say', say: { kind: 'answered', code: 'A-001' } }, { type: 'start-call' }]);
  });

  it('answered after the citizen left, or with no call on this side: in the call again', () => {
    expect(signedIn(desk({ attendance: citizenLeft }), { type: 'answered', code: 'A-001' }).desk.attendance?.phase).toBe('in-call');
    const { desk: d, effects } = signedIn(desk({ attendance: { ...detachedCall, remoteHungUp: true } }), { type: 'answered', code: 'A-001' });
    expect(d.attendance).toEqual({ ...inCall, call: { result: 'starting', running: true, connected: false }, remoteHungUp: true });
    expect(effects).toContainEqual({ type: 'start-call' });
  });

  it('answered: ignored for another code, with no attendance, or with the call on', () => {
    for (const d of [desk({ attendance: inCalling }), desk(), desk({ attendance: inCall })]) {
      const code = d.attendance ? (d.attendance.phase === 'calling' ? 'A-999' : 'A-001') : 'A-001';
      expect(next(d, { type: 'answered', code })).toEqual({ desk: d, effects: [] });
    }
  });

  it('missed: the attendance ends, said now and with the next call', () => {
    const notice = { kind: 'missed', code: 'A-001', paused: false } as const;
    expect(next(desk({ attendance: inCalling }), { type: 'missed', code: 'A-001' })).toEqual({
      desk: desk({ notice, missed: notice }),
      effects: [{ type: 'end-call' }, { type: 'say', say: { kind: 'notice', notice } }],
    });
    const paused = signedIn(desk({ line: line(['A-002'], true) }), { type: 'missed', code: 'A-001' });
    expect(paused.desk.notice).toEqual({ kind: 'missed', code: 'A-001', paused: true });
    expect(signedIn(desk({ attendance: inCall }), { type: 'missed', code: 'A-009' }).desk.attendance).toEqual(inCall);
  });

  it('line-empty: nobody (or only people away) to call; with the missed call before it', () => {
    const missed = { kind: 'missed', code: 'A-000', paused: false } as const;
    const notice = { kind: 'line-empty', away: false, missed } as const;
    expect(next(desk({ pending: 'call-next', missed }), { type: 'line-empty' })).toEqual({
      desk: desk({ notice }),
      effects: [{ type: 'say', say: { kind: 'notice', notice } }],
    });
    expect(signedIn(desk({ line: line(['A-001'], false, true) }), { type: 'line-empty' }).desk.notice).toEqual({ kind: 'line-empty', away: true, missed: undefined });
  });
});

describe('during the call', () => {
  it('citizen-left: the call ends, the outcome still to mark', () => {
    const identified = { ...inCall, identification: shown, checked: true };
    expect(next(desk({ attendance: identified }), { type: 'citizen-left', code: 'A-001' })).toEqual({
      desk: desk({ attendance: { ...citizenLeft, identification: shown, checked: true } }),
      effects: [{ type: 'end-call' }, { type: 'focus', target: 'attendance' }, { type: 'say', say: { kind: 'citizen-left' } }],
    });
    const d = desk({ attendance: inCall });
    expect(next(d, { type: 'citizen-left', code: 'A-009' })).toEqual({ desk: d, effects: [] });
    expect(next(desk(), { type: 'citizen-left', code: 'A-001' })).toEqual({ desk: desk(), effects: [] });
  });

  it('citizen-back with the call down: called again', () => {
    const down: Attendance = { ...inCall, call: { result: 'started', running: true, connected: false }, remoteHungUp: true };
    expect(next(desk({ attendance: down, notice: { kind: 'shutdown' } }), { type: 'citizen-back', code: 'A-001' })).toEqual({
      desk: desk({ attendance: { ...inCall, call: { result: 'starting', running: true, connected: false } } }),
      effects: [{ type: 'say', say: { kind: 'back', code: 'A-001' } }, { type: 'start-call' }],
    });
  });

  it('citizen-back with no call on this side: called again', () => {
    const { desk: d, effects } = signedIn(desk({ attendance: detachedCall }), { type: 'citizen-back', code: 'A-001' });
    expect(d.attendance).toEqual({ ...inCall, call: { result: 'starting', running: true, connected: false } });
    expect(effects).toContainEqual({ type: 'start-call' });
  });

  it('citizen-back: ignored with the call up, while ending, before the answer, or for another code', () => {
    for (const [a, code] of [
      [inCall, 'A-001'],
      [{ ...inCall, call: { result: 'started', running: true, connected: false }, ending: 'attended' }, 'A-001'],
      [inCalling, 'A-001'],
      [detachedCall, 'A-009'],
    ] as const) {
      const d = desk({ attendance: a });
      expect(next(d, { type: 'citizen-back', code })).toEqual({ desk: d, effects: [] });
    }
  });

  it('ended: the attendance is over, the focus back on "Chamar próximo"', () => {
    const notice = { kind: 'ended', code: 'A-001', outcome: 'attended' } as const;
    const effects = [{ type: 'end-call' }, { type: 'focus', target: 'call-next' }, { type: 'say', say: { kind: 'notice', notice } }];
    expect(next(desk({ attendance: { ...inCall, ending: 'attended' } }), { type: 'ended', code: 'A-001', outcome: 'attended' })).toEqual({ desk: desk({ notice }), effects });
    expect(next(desk(), { type: 'ended', code: 'A-001', outcome: 'attended' })).toEqual({ desk: desk({ notice }), effects });
    const other = desk({ attendance: inCall });
    expect(next(other, { type: 'ended', code: 'A-009', outcome: 'attended' })).toEqual({ desk: other, effects: [] });
  });

  it('shutdown: said as the last thing that happened', () => {
    expect(next(desk(), { type: 'shutdown' })).toEqual({ desk: desk({ notice: { kind: 'shutdown' } }), effects: [] });
  });

  it('a refusal: the problem said, the command awaited and the outcome sent forgotten', () => {
    const problem = { kind: 'refusal', code: 'busy', message: 'm' } as const;
    expect(next(desk({ pending: 'call-next', attendance: { ...inCall, ending: 'attended' } }), { type: 'error', code: 'busy', message: 'm' })).toEqual({
      desk: desk({ attendance: inCall, problem }),
      effects: [{ type: 'say', say: { kind: 'problem', problem } }],
    });
  });

  it('no_call: the attendance was already over for the server', () => {
    const problem = { kind: 'refusal', code: 'no_call', message: 'm' } as const;
    expect(next(desk({ attendance: inCall }), { type: 'error', code: 'no_call', message: 'm' })).toEqual({
      desk: desk({ problem }),
      effects: [{ type: 'end-call' }, { type: 'say', say: { kind: 'problem', problem } }],
    });
  });
});

describe("the clerk's actions", () => {
  it('callNextBlocked: offline, paused, busy, empty, everyone away; else free', () => {
    expect(callNextBlocked(desk(), false)).toBe('offline');
    expect(callNextBlocked(desk({ line: undefined }), true)).toBe('offline');
    expect(callNextBlocked(desk({ line: line(['A-001'], true) }), true)).toBe('paused');
    expect(callNextBlocked(desk({ attendance: inCalling }), true)).toBe('busy');
    expect(callNextBlocked(desk({ line: line([]) }), true)).toBe('empty');
    expect(callNextBlocked(desk({ line: line(['A-001'], false, true) }), true)).toBe('all-away');
    expect(callNextBlocked(desk(), true)).toBe(undefined);
  });

  it('call-next: sent, awaited; the last notice, the alert and the problem cleared', () => {
    expect(next(desk({ notice: { kind: 'shutdown' }, alerting: true, problem: { kind: 'offline' } }), { type: 'call-next', online: true })).toEqual({
      desk: desk({ pending: 'call-next' }),
      effects: [{ type: 'send', command: { type: 'call-next' } }],
    });
  });

  it('call-next: ignored while blocked or already awaited', () => {
    for (const [d, online] of [
      [desk(), false],
      [desk({ line: line([]) }), true],
      [desk({ attendance: inCalling }), true],
      [desk({ pending: 'call-next' }), true],
    ] as const) {
      expect(next(d, { type: 'call-next', online })).toEqual({ desk: d, effects: [] });
    }
  });

  it('toggle-pause: pause or resume sent and awaited; offline, the problem said', () => {
    expect(next(desk({ problem: { kind: 'offline' } }), { type: 'toggle-pause', online: true })).toEqual({
      desk: desk({ pending: 'pause' }),
      effects: [{ type: 'send', command: { type: 'pause' } }],
    });
    expect(next(desk({ line: line([], true) }), { type: 'toggle-pause', online: true }).effects).toEqual([{ type: 'send', command: { type: 'resume' } }]);
    expect(next(desk(), { type: 'toggle-pause', online: false })).toEqual({
      desk: desk({ problem: { kind: 'offline' } }),
      effects: [{ type: 'say', say: { kind: 'problem', problem: { kind: 'offline' } } }],
    });
  });

  it('toggle-pause: ignored before the line or while one is awaited', () => {
    for (const d of [desk({ line: undefined }), desk({ pending: 'pause' }), desk({ pending: 'resume' })]) {
      expect(next(d, { type: 'toggle-pause', online: true })).toEqual({ desk: d, effects: [] });
    }
  });

  it('an outcome: sent, ending; offline, the problem said; ignored while ending or with no attendance', () => {
    expect(next(desk({ attendance: inCall }), { type: 'mark-outcome', outcome: 'attended', online: true })).toEqual({
      desk: desk({ attendance: { ...inCall, ending: 'attended' } }),
      effects: [{ type: 'send', command: { type: 'outcome', outcome: 'attended' } }],
    });
    expect(signedIn(desk({ attendance: inCall }), { type: 'mark-outcome', outcome: 'attended', online: false }).desk.problem).toEqual({ kind: 'offline' });
    for (const d of [desk({ attendance: { ...inCall, ending: 'no-show' } }), desk()]) {
      expect(next(d, { type: 'mark-outcome', outcome: 'attended', online: true })).toEqual({ desk: d, effects: [] });
    }
  });

  it('"A chamada caiu": sent, the attendance over, the citizen back at the head of the line', () => {
    const notice = { kind: 'dropped', code: 'A-001', failed: false } as const;
    expect(next(desk({ attendance: inCall }), { type: 'drop', online: true })).toEqual({
      desk: desk({ notice }),
      effects: [
        { type: 'send', command: { type: 'call-dropped' } },
        { type: 'end-call' },
        { type: 'focus', target: 'call-next' },
        { type: 'say', say: { kind: 'notice', notice } },
      ],
    });
    expect(next(desk({ attendance: inCall }), { type: 'drop', online: false }).desk).toEqual(desk({ attendance: inCall, problem: { kind: 'offline' } }));
  });

  it('"A chamada caiu": ignored outside the call or while ending', () => {
    for (const a of [inCalling, citizenLeft, { ...inCall, ending: 'attended' } as const, undefined]) {
      const d = desk({ attendance: a });
      expect(next(d, { type: 'drop', online: true })).toEqual({ desk: d, effects: [] });
    }
  });

  it('"Identidade conferida": kept in the attendance; ignored with none', () => {
    expect(next(desk({ attendance: inCalling }), { type: 'check', checked: true })).toEqual({ desk: desk({ attendance: { ...inCalling, checked: true } }), effects: [] });
    expect(next(desk(), { type: 'check', checked: true })).toEqual({ desk: desk(), effects: [] });
  });
});

describe("the call module's reports", () => {
  const starting = desk({ attendance: { ...inCall, call: { result: 'starting', running: true, connected: false } } });

  it('started or unavailable', () => {
    expect(signedIn(starting, { type: 'call-result', started: true }).desk.attendance).toEqual({ ...inCall, call: { result: 'started', running: true, connected: false } });
    expect(signedIn(starting, { type: 'call-result', started: false }).desk.attendance).toEqual({ ...inCall, call: { result: 'unavailable', running: true, connected: false } });
  });

  it('connected or not', () => {
    expect(signedIn(starting, { type: 'call-state', connected: true }).desk.attendance).toEqual({ ...inCall, call: { result: 'starting', running: true, connected: true } });
  });

  it('the identification: shown, to be checked again, said', () => {
    expect(next(desk({ attendance: { ...inCall, checked: true } }), { type: 'identification', shown })).toEqual({
      desk: desk({ attendance: { ...inCall, identification: shown, checked: false } }),
      effects: [{ type: 'say', say: { kind: 'identification' } }],
    });
  });

  it('ended unavailable: video not available', () => {
    expect(next(desk({ attendance: inCall }), { type: 'call-ended', reason: 'unavailable', online: true })).toEqual({
      desk: desk({ attendance: { ...inCall, call: { result: 'unavailable', running: true, connected: false } } }),
      effects: [],
    });
  });

  it('ended failed: the citizen back at the head of the line at once (offline: the problem said)', () => {
    const notice = { kind: 'dropped', code: 'A-001', failed: true } as const;
    const t = next(desk({ attendance: inCall }), { type: 'call-ended', reason: 'failed', online: true });
    expect(t.desk).toEqual(desk({ notice }));
    expect(t.effects[0]).toEqual({ type: 'send', command: { type: 'call-dropped' } });
    const offline = signedIn(desk({ attendance: inCall }), { type: 'call-ended', reason: 'failed', online: false });
    expect(offline.desk).toEqual(desk({ attendance: { ...inCall, call: { result: 'started', running: true, connected: false } }, problem: { kind: 'offline' } }));
    const ending = desk({ attendance: { ...inCall, ending: 'attended' } });
    expect(next(ending, { type: 'call-ended', reason: 'failed', online: true })).toEqual({
      desk: desk({ attendance: { ...inCall, ending: 'attended', call: { result: 'started', running: true, connected: false } } }),
      effects: [],
    });
  });

  it('ended by the citizen: the attendance goes on, said', () => {
    expect(next(desk({ attendance: inCall }), { type: 'call-ended', reason: 'hung-up-remote', online: true })).toEqual({
      desk: desk({ attendance: { ...inCall, call: { result: 'started', running: true, connected: false }, remoteHungUp: true } }),
      effects: [{ type: 'say', say: { kind: 'remote-hung-up' } }],
    });
  });

  it('ended otherwise: only no longer connected', () => {
    expect(next(desk({ attendance: inCall }), { type: 'call-ended', reason: 'other', online: true })).toEqual({
      desk: desk({ attendance: { ...inCall, call: { result: 'started', running: true, connected: false } } }),
      effects: [],
    });
  });

  it('ignored with no call on this side', () => {
    const events: DeskEvent[] = [
      { type: 'call-result', started: true },
      { type: 'call-state', connected: true },
      { type: 'call-ended', reason: 'failed', online: true },
    ];
    for (const a of [inCalling, citizenLeft, detachedCall, undefined]) {
      const d = desk({ attendance: a });
      for (const event of events) expect(next(d, event)).toEqual({ desk: d, effects: [] });
    }
    expect(next(desk(), { type: 'identification', shown })).toEqual({ desk: desk(), effects: [] });
  });
});

describe('events a state ignores', () => {
  const relayed: DeskEvent[] = [
    { type: 'rtc', description: { type: 'offer', sdp: 'v=0' } },
    { type: 'pong' },
  ];
  const signedInOnly: DeskEvent[] = [
    { type: 'replaced' },
    { type: 'detached' },
    line(['A-001']),
    calling(),
    { type: 'answered', code: 'A-001' },
    { type: 'missed', code: 'A-001' },
    { type: 'line-empty' },
    { type: 'citizen-left', code: 'A-001' },
    { type: 'citizen-back', code: 'A-001' },
    { type: 'ended', code: 'A-001', outcome: 'attended' },
    { type: 'shutdown' },
    { type: 'call-next', online: true },
    { type: 'toggle-pause', online: true },
    { type: 'mark-outcome', outcome: 'attended', online: true },
    { type: 'drop', online: true },
    { type: 'check', checked: true },
    { type: 'call-result', started: true },
    { type: 'call-state', connected: true },
    { type: 'call-ended', reason: 'failed', online: true },
    { type: 'identification', shown },
  ];
  const before: ClerkDesk[] = [{ kind: 'no-unit' }, { kind: 'no-token' }, signingIn, { kind: 'refused' }, { kind: 'wrong-unit', session }];

  it.each(before.map((d) => [d.kind, d] as const))('%s: the desk\'s events, the relay and the pong', (_, d) => {
    for (const event of [...signedInOnly, ...relayed]) expect(next(d, event), event.type).toEqual({ desk: d, effects: [] });
  });

  it.each(before.filter((d) => d.kind !== 'signing-in').map((d) => [d.kind, d] as const))('%s: a session (nothing is followed)', (_, d) => {
    expect(next(d, session)).toEqual({ desk: d, effects: [] });
  });

  it('the connection back when nothing is followed', () => {
    for (const d of [{ kind: 'no-unit' }, { kind: 'refused' }] as const) expect(next(d, { type: 'connection', lost: false })).toEqual({ desk: d, effects: [] });
  });

  it('signed in: the relay and the pong', () => {
    const d = desk({ attendance: inCall });
    for (const event of relayed) expect(next(d, event)).toEqual({ desk: d, effects: [] });
  });
});

describe('nextTextChange: when the desk\'s text changes next', () => {
  const at = (iso: string): number => Date.parse(iso);

  it('is never while not signed in', () => {
    expect(nextTextChange(INITIAL_DESK, at('2026-12-07T12:00:30Z'))).toBe(undefined);
    expect(nextTextChange(signingIn, at('2026-12-07T12:00:30Z'))).toBe(undefined);
  });

  it('is the countdown\'s next whole second while calling', () => {
    // answerBy 12:01:00.000; at 12:00:30.250 the countdown shows 30 s until 12:00:31.000.
    expect(nextTextChange(desk({ attendance: inCalling }), at('2026-12-07T12:00:30.250Z'))).toBe(at('2026-12-07T12:00:31.000Z'));
    expect(nextTextChange(desk({ attendance: inCalling }), at('2026-12-07T12:00:59Z'))).toBe(at('2026-12-07T12:01:00Z'));
  });

  it('is the next whole minute of the longest wait once the countdown is over, and during a call', () => {
    // A-001 joined at 12:00:00: its waiting time turns at each whole minute after that.
    expect(nextTextChange(desk({ attendance: inCalling }), at('2026-12-07T12:01:05Z'))).toBe(at('2026-12-07T12:02:00Z'));
    expect(nextTextChange(desk({ attendance: inCall }), at('2026-12-07T12:00:10Z'))).toBe(at('2026-12-07T12:01:00Z'));
  });

  it('takes the soonest of several waits, and is never with nobody waiting', () => {
    const two: LineEvent = { ...line([]), waiting: [entry('A-001'), { ...entry('A-002'), joinedAt: '2026-12-07T12:00:40.000Z' }] };
    expect(nextTextChange(desk({ line: two }), at('2026-12-07T12:01:10Z'))).toBe(at('2026-12-07T12:01:40Z'));
    expect(nextTextChange(desk({ line: line([]) }), at('2026-12-07T12:01:10Z'))).toBe(undefined);
  });
});
