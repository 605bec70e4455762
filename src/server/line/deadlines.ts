// The deadlines, checked about once a second: calls whose clerk's page is gone, unanswered
// calls, citizens and clerks away past their grace period.

import { autoCallNext } from './calling.js';
import type { LineContext } from './context.js';
import { endTicket, requeueCall } from './endings.js';
import { unitChanged } from './notices.js';
import type { SessionRecord } from './store.js';

export async function checkDeadlines(ctx: LineContext, now: number): Promise<void> {
  // Calls whose clerk's page is gone (a closed tab, a crash) past the call's grace: the
  // citizen goes back to the head, as when the call drops; the session keeps its own grace.
  for (const t of await ctx.store.strandedCalls(now - ctx.config.clerkCallGraceMs)) {
    if (t.sessionId === null || ctx.presence.isAwaySinceStart(t.sessionId)) continue;
    if (!(await requeueCall(ctx, t))) continue;
    ctx.logger.log('info', 'line_clerk_gone', { unit: t.unit, status: t.status });
    await unitChanged(ctx, t.unit);
  }
  // Unanswered calls: out of the line; the clerk moves on to the next person.
  for (const t of await ctx.store.unansweredCalls(now)) {
    const session = t.sessionId ? await ctx.store.session(t.sessionId) : undefined;
    if (!(await endTicket(ctx, t, 'miss', 'no-show', session))) continue;
    ctx.out.citizen(t.id, { type: 'missed' });
    if (session) {
      ctx.out.clerk(session.id, { type: 'missed', code: t.code });
      await autoCallNext(ctx, session.id);
    }
    await unitChanged(ctx, t.unit);
  }
  // Citizens away past the grace period lose the place.
  const limit = now - ctx.config.graceMs;
  for (const t of await ctx.store.awayWaiting(limit)) {
    if (await endTicket(ctx, t, 'abandon')) await unitChanged(ctx, t.unit);
  }
  // Clerks away past the grace period: the session ends; a citizen in a call with them goes back to the head.
  for (const s of await ctx.store.awaySessions(limit)) await endSession(ctx, s, now);
}

/** A clerk session ends (away past the grace period): its caller goes back to the head, a hung-up call is recorded. */
async function endSession(ctx: LineContext, s: SessionRecord, now: number): Promise<void> {
  const t = await ctx.store.currentTicket(s.id);
  if (t?.status === 'hung-up') await endTicket(ctx, t, 'finish', 'unrecorded', s);
  else if (t) await requeueCall(ctx, t);
  await ctx.store.endSession(s.id, now);
  ctx.presence.forget(s.id);
  ctx.peers.remove(s.peerId);
  ctx.out.signaling(s.peerId, 'clerk session ended');
  await unitChanged(ctx, s.unit);
}
