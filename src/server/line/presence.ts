// Who is connected: a citizen's or a clerk's socket says hello (the current state goes out)
// or drops (the place, or the session, is kept for the grace period); a clerk pauses.

import { randomBytes } from 'node:crypto';
import { clerkShownName } from '../../core/protocol/index.js';
import { LIVE_TICKET_STATUSES } from '../../core/ticket-lifecycle.js';
import type { ClerkIdentity } from '../clerk-auth.js';
import { unitOf, type LineContext } from './context.js';
import { activeSession } from './calling.js';
import { LineError, type ClerkSession } from './line.js';
import { sendCalled, sendCalling, sendInCall, unitChanged } from './notices.js';
import type { SessionRecord } from './store.js';

export const secret = (bytes: number): string => randomBytes(bytes).toString('base64url');
export const newPeerId = (): string => `bv${randomBytes(16).toString('hex')}`;

export async function citizenPresent(ctx: LineContext, ticketId: string, replacing: boolean): Promise<void> {
  const t = await ctx.store.ticket(ticketId);
  if (!t || !LIVE_TICKET_STATUSES.includes(t.status)) {
    // Back after the place was lost while away: say why before refusing.
    if (t?.status === 'expired' || t?.status === 'missed') ctx.out.citizen(t.id, { type: t.status });
    throw new LineError('ticket_not_found');
  }
  // A return (the socket had closed, or a newer one takes over), not the first hello.
  const back = replacing || t.awaySince !== null;
  // A first hello finds the ticket present already: no write (each one pays an fsync).
  if (t.awaySince !== null) await ctx.store.setTicketAway(t.id, null);
  // A waiting ticket's place goes out with the unit's line below, to this socket too.
  ctx.out.forgetPosition(t.id);
  if (t.status === 'called') await sendCalled(ctx, t);
  else if (t.status === 'in-call') {
    await sendInCall(ctx, t);
    // The page that answered may be gone with its call: the clerk's page calls again.
    if (back && t.sessionId) ctx.out.clerk(t.sessionId, { type: 'citizen-back', code: t.code });
  }
  await unitChanged(ctx, t.unit);
}

export async function citizenAway(ctx: LineContext, ticketId: string): Promise<void> {
  const t = await ctx.store.ticket(ticketId);
  if (!t || !LIVE_TICKET_STATUSES.includes(t.status)) return;
  await ctx.store.setTicketAway(t.id, ctx.now());
  await unitChanged(ctx, t.unit);
}

/** A clerk signs in (or back in): the same session and PeerJS id while it lasts. */
export async function clerkPresent(ctx: LineContext, identity: ClerkIdentity): Promise<ClerkSession> {
  const unit = unitOf(ctx, identity.unit);
  let s = await ctx.store.openSessionOf(identity.clerkId, identity.unit);
  if (!s) {
    const created: SessionRecord = {
      id: secret(18),
      clerkId: identity.clerkId,
      name: identity.name,
      unit: identity.unit,
      peerId: newPeerId(),
      peerToken: secret(18),
      paused: false,
      createdAt: ctx.now(),
      awaySince: null,
      endedAt: null,
    };
    await ctx.store.createSession(created);
    ctx.peers.add(created.peerId, created.peerToken);
    s = created;
  } else {
    await ctx.store.setSessionAway(s.id, null);
  }
  ctx.presence.arrive(s.id);
  ctx.logger.log('info', 'clerk_present', { unit: s.unit });
  ctx.out.clerk(s.id, {
    type: 'session',
    peerId: s.peerId,
    peerToken: s.peerToken,
    name: clerkShownName(s.name),
    unit: s.unit,
    unitName: unit.name,
  });
  const current = await ctx.store.currentTicket(s.id);
  if (current) sendCalling(ctx, s.id, current);
  await unitChanged(ctx, s.unit);
  return { sessionId: s.id, peerId: s.peerId, peerToken: s.peerToken, identity };
}

export async function clerkAway(ctx: LineContext, sessionId: string): Promise<void> {
  const s = await ctx.store.session(sessionId);
  if (!s || s.endedAt !== null) return;
  ctx.presence.leave(s.id);
  await ctx.store.setSessionAway(s.id, ctx.now());
  await unitChanged(ctx, s.unit);
}

export async function setPaused(ctx: LineContext, sessionId: string, paused: boolean): Promise<void> {
  const s = await activeSession(ctx, sessionId);
  await ctx.store.setPaused(s.id, paused);
  await unitChanged(ctx, s.unit);
}
