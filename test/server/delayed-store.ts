// A store double for the line's rules: the real SQLite store behind it, every call started
// and resolved on a later macrotask, as a networked store (PostgreSQL, Redis) would. It
// keeps no rule of its own: it only proves the rules hold no transaction across an `await`
// and don't rely on a store answering at once.

import type { LineStore } from '../../src/server/line/store.js';

const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** `call` run on a later macrotask, its result given on another one. */
async function later<T>(call: () => Promise<T>): Promise<T> {
  await macrotask();
  try {
    return await call();
  } finally {
    await macrotask();
  }
}

export function delayedStore(inner: LineStore): LineStore {
  return {
    join: (ticket, maxWaiting, code) => later(() => inner.join(ticket, maxWaiting, code)),
    ticket: (id) => later(() => inner.ticket(id)),
    waiting: (unit) => later(() => inner.waiting(unit)),
    countWaiting: (unit) => later(() => inner.countWaiting(unit)),
    currentTicket: (sessionId) => later(() => inner.currentTicket(sessionId)),
    call: (ticketId, sessionId, calledAt, answerBy) => later(() => inner.call(ticketId, sessionId, calledAt, answerBy)),
    answer: (ticketId, startedAt) => later(() => inner.answer(ticketId, startedAt)),
    hangUp: (ticketId, endedAt) => later(() => inner.hangUp(ticketId, endedAt)),
    requeue: (ticketId, now) => later(() => inner.requeue(ticketId, now)),
    end: (ticketId, ending) => later(() => inner.end(ticketId, ending)),
    setTicketAway: (ticketId, since) => later(() => inner.setTicketAway(ticketId, since)),
    strandedCalls: (awayBefore) => later(() => inner.strandedCalls(awayBefore)),
    unansweredCalls: (now) => later(() => inner.unansweredCalls(now)),
    awayWaiting: (awayBefore) => later(() => inner.awayWaiting(awayBefore)),
    staleWaiting: (unit, day) => later(() => inner.staleWaiting(unit, day)),
    session: (id) => later(() => inner.session(id)),
    openSessionOf: (clerkId, unit) => later(() => inner.openSessionOf(clerkId, unit)),
    openSessions: (unit) => later(() => inner.openSessions(unit)),
    awaySessions: (awayBefore) => later(() => inner.awaySessions(awayBefore)),
    createSession: (session) => later(() => inner.createSession(session)),
    setSessionAway: (sessionId, since) => later(() => inner.setSessionAway(sessionId, since)),
    setPaused: (sessionId, paused) => later(() => inner.setPaused(sessionId, paused)),
    endSession: (sessionId, endedAt) => later(() => inner.endSession(sessionId, endedAt)),
    recover: (now) => later(() => inner.recover(now)),
    recentDurations: (unit, limit) => later(() => inner.recentDurations(unit, limit)),
    attendances: (unit, limit) => later(() => inner.attendances(unit, limit)),
    unstaffed: (unit) => later(() => inner.unstaffed(unit)),
    flushUnstaffed: (add, lastTick) => later(() => inner.flushUnstaffed(add, lastTick)),
    lastTick: () => later(() => inner.lastTick()),
    close: () => later(() => inner.close()),
  };
}
