// The signed-in desk's steps for `next` (src/core/clerk-desk.ts, where the states, events
// and effects are): the line, calling, answering, missing, the call dropped or ended, and
// the commands that need the socket.

import type { Attendance, CallEnd, CallOnThisSide, ClerkDesk, DeskEffect, MissedNotice, Notice, Problem, Say, SignedIn, Transition } from './clerk-desk.js';
import type { CallingEvent, ClerkCommand, LineEvent } from './protocol/index.js';

export const say = (s: Say): DeskEffect => ({ type: 'say', say: s });
export const same = (desk: ClerkDesk): Transition => ({ desk, effects: [] });

/** A command to send: with `changes` when the socket can send it, else the problem said. */
export function sent(desk: SignedIn, command: ClerkCommand, online: boolean, changes: Partial<SignedIn>, effects: DeskEffect[] = []): Transition {
  if (!online) {
    const problem: Problem = { kind: 'offline' };
    return { desk: { ...desk, problem }, effects: [say({ kind: 'problem', problem })] };
  }
  return { desk: { ...desk, ...changes, problem: undefined }, effects: [{ type: 'send', command }, ...effects] };
}

export function lineChanged(desk: SignedIn, line: LineEvent): Transition {
  const previous = desk.line;
  const effects: DeskEffect[] = [];
  let { attendance, notice, pending, alerting, restored } = desk;
  if (desk.sync !== 'live') {
    // Back after a drop, and the server re-sent no call: the attendance ended meanwhile.
    if (attendance && desk.sync !== 'resyncing-saw-calling') {
      effects.push({ type: 'end-call' });
      notice = { kind: 'ended-offline', code: attendance.calling.code };
      attendance = undefined;
    }
  }
  if ((pending === 'pause' && line.paused) || (pending === 'resume' && !line.paused)) pending = undefined;
  if (previous && previous.paused !== line.paused) effects.push(say({ kind: line.paused ? 'paused' : 'resumed' }));
  const count = line.waiting.length;
  if (count === 0) {
    alerting = false;
  } else if (previous?.waiting.length === 0) {
    alerting = true;
    // No sound while paused (the clerk is away) or in an attendance (it would cut into the call).
    if (!line.paused && !attendance) effects.push({ type: 'sound' });
    effects.push(say({ kind: 'arrived', count }));
  }
  if (restored) {
    restored = false;
    effects.push(say({ kind: 'restored', count }));
  }
  return { desk: { ...desk, line, sync: 'live', attendance, notice, pending, alerting, restored }, effects };
}

export function calling(desk: SignedIn, event: CallingEvent): Transition {
  const sync = desk.sync === 'live' ? 'live' : 'resyncing-saw-calling';
  const current = desk.attendance;
  if (current && current.calling.code === event.code && current.calling.citizenPeerId === event.citizenPeerId) {
    // The same call again (after a reconnection): nothing new, and the call goes on.
    return same({ ...desk, sync, pending: undefined, attendance: { ...current, calling: event } });
  }
  const effects: DeskEffect[] = current ? [{ type: 'end-call' }] : [];
  effects.push({ type: 'focus', target: 'attendance' }, say({ kind: 'calling', code: event.code, missed: desk.missed }));
  const attendance: Attendance = { phase: 'calling', calling: event, identification: undefined, checked: false, ending: undefined };
  return { desk: { ...desk, sync, pending: undefined, attendance, alerting: false, missed: undefined }, effects };
}

const STARTING: CallOnThisSide = { result: 'starting', running: true, connected: false };

export function answered(desk: SignedIn, code: string): Transition {
  const a = desk.attendance;
  if (!a || a.calling.code !== code) return same(desk);
  // Answered again after a reconnection: the call goes on (unless this element let it go).
  if (a.phase === 'in-call' && a.call.running) return same(desk);
  const { calling, identification, checked, ending } = a;
  const remoteHungUp = a.phase === 'in-call' && a.remoteHungUp;
  return {
    desk: { ...desk, notice: undefined, attendance: { phase: 'in-call', calling, identification, checked, ending, call: STARTING, remoteHungUp } },
    effects: [{ type: 'focus', target: 'attendance' }, say({ kind: 'answered', code }), { type: 'start-call' }],
  };
}

export function missed(desk: SignedIn, code: string): Transition {
  const a = desk.attendance;
  const over = a !== undefined && a.calling.code === code;
  const notice: MissedNotice = { kind: 'missed', code, paused: desk.line?.paused === true };
  const effects: DeskEffect[] = over ? [{ type: 'end-call' }] : [];
  effects.push(say({ kind: 'notice', notice }));
  return { desk: { ...desk, attendance: over ? undefined : a, notice, missed: notice }, effects };
}

/** The citizen's page came back during the call (a reload): call again, unless the call is still up. */
export function citizenBack(desk: SignedIn, code: string): Transition {
  const a = desk.attendance;
  if (a?.phase !== 'in-call' || a.calling.code !== code || a.ending) return same(desk);
  if (a.call.connected) return same(desk);
  return {
    desk: { ...desk, notice: undefined, attendance: { ...a, remoteHungUp: false, call: STARTING } },
    effects: [say({ kind: 'back', code }), { type: 'start-call' }],
  };
}

/** "A chamada caiu": the server puts the citizen back at the head of the line and says so with the line. */
export function dropped(desk: SignedIn, online: boolean, failed: boolean): Transition {
  const a = desk.attendance;
  if (a?.phase !== 'in-call' || a.ending) return same(desk);
  const notice: Notice = { kind: 'dropped', code: a.calling.code, failed };
  return sent(desk, { type: 'call-dropped' }, online, { attendance: undefined, notice }, [
    { type: 'end-call' },
    { type: 'focus', target: 'call-next' },
    say({ kind: 'notice', notice }),
  ]);
}

/** The call ended on this side while the attendance goes on. */
export function callEnded(desk: SignedIn, reason: CallEnd, online: boolean): Transition {
  const a = desk.attendance;
  if (a?.phase !== 'in-call' || !a.call.running) return same(desk);
  const call: CallOnThisSide = { ...a.call, connected: false };
  const ended: SignedIn = { ...desk, attendance: { ...a, call } };
  switch (reason) {
    case 'unavailable':
      return same({ ...desk, attendance: { ...a, call: { ...call, result: 'unavailable' } } });
    case 'failed':
      // Not recovered: the citizen goes back to the head of the line at once, rather than
      // waiting for the clerk to find the button.
      return a.ending ? same(ended) : dropped(ended, online, true);
    case 'hung-up-remote':
      return { desk: { ...desk, attendance: { ...a, call, remoteHungUp: true } }, effects: [say({ kind: 'remote-hung-up' })] };
    case 'other':
      return same(ended);
  }
}
