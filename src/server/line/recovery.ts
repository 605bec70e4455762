// After a restart: everyone waiting gets the grace period to reconnect; calls not yet
// answered go back to the head; calls in progress keep their pair; the open hours the server
// was down count as unstaffed (nobody could be served).

import type { LineContext } from './context.js';
import type { DayExpiry } from './expiry.js';

export async function recover(ctx: LineContext, expiry: DayExpiry): Promise<void> {
  const now = ctx.now();
  const { tickets, sessions } = await ctx.store.recover(now);
  for (const t of tickets) ctx.peers.add(t.peerId, t.peerToken);
  for (const s of sessions) {
    ctx.peers.add(s.peerId, s.peerToken);
    ctx.presence.markAwaySinceStart(s.id);
  }
  for (const t of tickets) {
    if (t.status !== 'in-call' || t.sessionId === null) continue;
    const session = await ctx.store.session(t.sessionId);
    if (session) ctx.pairing.pair(t.peerId, session.peerId);
  }
  const last = await ctx.store.lastTick();
  if (last !== undefined && last < now) {
    for (const unit of ctx.units.values()) ctx.unstaffed.add(unit, last, now);
    await ctx.unstaffed.flush(ctx, now);
  }
  await expiry.run(ctx, now);
  const waiting = await ctx.store.countWaiting();
  ctx.logger.log('info', 'line_recovered', { waiting });
}
