// Calls: a clerk calls the head of the line (the present people, in `lineOrder`), the
// citizen answers, the clerk marks the outcome or the call drops; session descriptions are
// relayed between the two sides of a call in progress.

import { lineOrder } from '../../core/line-order.js';
import type { Outcome, RtcDescription } from '../../core/protocol/index.js';
import type { LineContext } from './context.js';
import { endTicket, requeueCall } from './endings.js';
import { LineError } from './line.js';
import { sendCalled, sendCalling, sendInCall, unitChanged } from './notices.js';
import type { SessionRecord } from './store.js';

export async function activeSession(ctx: LineContext, sessionId: string): Promise<SessionRecord> {
  const s = await ctx.store.session(sessionId);
  if (!s || s.endedAt !== null) throw new LineError('unauthorized');
  return s;
}

export async function callNext(ctx: LineContext, sessionId: string): Promise<void> {
  const s = await activeSession(ctx, sessionId);
  if (s.paused) throw new LineError('paused');
  if (await ctx.store.currentTicket(s.id)) throw new LineError('busy');
  const now = ctx.now();
  // The head of the line (present people first, in order) becomes this clerk's call. The
  // store's update is conditional (still waiting, still present, the clerk still free): one
  // taken meanwhile by another clerk is skipped, so no one is called twice.
  for (const head of lineOrder(await ctx.store.waiting(s.unit))) {
    if (head.awaySince !== null) continue;
    const result = await ctx.store.call(head.id, s.id, now, now + ctx.config.answerWindowMs);
    if (!result.ok) {
      if (result.reason === 'busy') throw new LineError('busy');
      continue;
    }
    const t = result.ticket;
    ctx.pairing.pair(t.peerId, s.peerId);
    ctx.logger.log('info', 'line_call', { unit: s.unit, waitSeconds: Math.round((now - t.joinedAt) / 1000) });
    await sendCalled(ctx, t, s);
    sendCalling(ctx, s.id, t);
    await unitChanged(ctx, s.unit);
    return;
  }
  ctx.out.clerk(s.id, { type: 'line-empty' });
}

/** After a missed call or a leave: the clerk's next call, when still serving. */
export async function autoCallNext(ctx: LineContext, sessionId: string): Promise<void> {
  const s = await ctx.store.session(sessionId);
  if (!s || s.endedAt !== null || s.paused || !ctx.presence.isPresent(s.id)) return;
  await callNext(ctx, s.id);
}

/** "Entrar": the citizen answers the call. */
export async function answer(ctx: LineContext, ticketId: string): Promise<void> {
  const t = await ctx.store.ticket(ticketId);
  if (!t) throw new LineError('ticket_not_found');
  if (t.status === 'in-call') return;
  // The lifecycle decides: only a ticket being called can answer.
  const answered = await ctx.store.answer(t.id, ctx.now());
  if (!answered?.sessionId) throw new LineError('not_called');
  await sendInCall(ctx, answered);
  ctx.out.clerk(answered.sessionId, { type: 'answered', code: t.code });
}

export async function finish(ctx: LineContext, sessionId: string, outcome: Outcome): Promise<void> {
  const s = await activeSession(ctx, sessionId);
  const t = await ctx.store.currentTicket(s.id);
  if (!t || !(await endTicket(ctx, t, 'finish', outcome, s))) throw new LineError('no_call');
  ctx.out.citizen(t.id, { type: 'done', outcome });
  ctx.out.clerk(s.id, { type: 'ended', code: t.code, outcome });
  await unitChanged(ctx, s.unit);
}

/** The call failed on the clerk's side: the citizen goes back to the head of the line. */
export async function callDropped(ctx: LineContext, sessionId: string): Promise<void> {
  const s = await activeSession(ctx, sessionId);
  const t = await ctx.store.currentTicket(s.id);
  // A citizen who hung up on purpose is not put back in line (the lifecycle has no requeue
  // from hung-up): the clerk marks the outcome.
  if (!t || !(await requeueCall(ctx, t))) throw new LineError('no_call');
  await unitChanged(ctx, s.unit);
}

export async function relayFromCitizen(ctx: LineContext, ticketId: string, description: RtcDescription): Promise<void> {
  const t = await ctx.store.ticket(ticketId);
  if (t?.status !== 'in-call' || !t.sessionId) throw new LineError('no_call');
  ctx.out.clerk(t.sessionId, { type: 'rtc', description });
}

export async function relayFromClerk(ctx: LineContext, sessionId: string, description: RtcDescription): Promise<void> {
  const s = await activeSession(ctx, sessionId);
  const t = await ctx.store.currentTicket(s.id);
  if (t?.status !== 'in-call') throw new LineError('no_call');
  ctx.out.citizen(t.id, { type: 'rtc', description });
}
