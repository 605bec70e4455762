// What the sockets are told: positions to those waiting, the line to the unit's clerks, the
// call to both sides (the clerk as the citizen sees them, ICE servers minted now).

import { lineOrder } from '../../core/line-order.js';
import { clerkShownName, type ClerkShown, type TicketFlags, type WaitingEntry } from '../../core/protocol/index.js';
import { iceConfigFor } from '../ice.js';
import { unitOf, type LineContext } from './context.js';
import { estimateMinutes, serviceMean } from './estimates.js';
import type { SessionRecord, TicketRecord } from './store.js';

export const flagsOf = (t: TicketRecord): TicketFlags => ({ sealed: t.sealed, lawyer: t.lawyer, libras: t.libras });

/** The clerk as the citizen sees them (TJRN Portaria 38/2021): first name + one surname, and the unit's name. */
function clerkShown(ctx: LineContext, s: SessionRecord): ClerkShown {
  return { name: clerkShownName(s.name), unit: unitOf(ctx, s.unit).name };
}

const iceFor = (ctx: LineContext, unitId: string): ReturnType<typeof iceConfigFor> => iceConfigFor(ctx.ice, unitOf(ctx, unitId), ctx.now());

/** The citizen is being called: by whom, until when. */
export async function sendCalled(ctx: LineContext, t: TicketRecord, session?: SessionRecord): Promise<void> {
  const s = session ?? (t.sessionId ? await ctx.store.session(t.sessionId) : undefined);
  if (!s || t.answerBy === null) return;
  ctx.out.citizen(t.id, {
    type: 'called',
    clerk: clerkShown(ctx, s),
    clerkPeerId: s.peerId,
    answerBy: new Date(t.answerBy).toISOString(),
    ice: iceFor(ctx, t.unit),
  });
}

/** The call is on: whom to answer, with ICE servers minted now (a page resuming the call gets fresh TURN credentials). */
export async function sendInCall(ctx: LineContext, t: TicketRecord): Promise<void> {
  const s = t.sessionId ? await ctx.store.session(t.sessionId) : undefined;
  if (!s) return;
  ctx.out.citizen(t.id, { type: 'in-call', clerk: clerkShown(ctx, s), clerkPeerId: s.peerId, ice: iceFor(ctx, t.unit) });
}

/** The clerk's call: whom, and how far it got. */
export function sendCalling(ctx: LineContext, sessionId: string, t: TicketRecord): void {
  if (t.answerBy === null) return;
  ctx.out.clerk(sessionId, {
    type: 'calling',
    code: t.code,
    subject: t.subject,
    flags: flagsOf(t),
    citizenPeerId: t.peerId,
    answerBy: new Date(t.answerBy).toISOString(),
    ice: iceFor(ctx, t.unit),
  });
  if (t.status === 'in-call') ctx.out.clerk(sessionId, { type: 'answered', code: t.code });
  else if (t.status === 'hung-up') ctx.out.clerk(sessionId, { type: 'citizen-left', code: t.code });
}

/** The line of a unit as `unitChanged` sent it. */
export interface LineShown {
  /** Head first. */
  readonly waiting: readonly TicketRecord[];
  readonly clerksServing: number;
  readonly meanSeconds: number | null;
}

/** The line of a unit changed: new positions to those waiting, the new line to its clerks. */
export async function unitChanged(ctx: LineContext, unitId: string): Promise<LineShown> {
  const waiting = lineOrder(await ctx.store.waiting(unitId));
  const sessions = await ctx.store.openSessions(unitId);
  const serving = sessions.filter((s) => !s.paused && ctx.presence.isPresent(s.id)).length;
  const mean = await serviceMean(ctx, unitId);
  waiting.forEach((t, i) => {
    ctx.out.citizenIfChanged(t.id, {
      type: 'waiting',
      code: t.code,
      position: i + 1,
      estimatedWaitMinutes: estimateMinutes(mean, i + 1, serving),
      clerksServing: serving,
    });
  });
  const entries: WaitingEntry[] = waiting.map((t) => ({
    code: t.code,
    subject: t.subject,
    ...flagsOf(t),
    joinedAt: new Date(t.joinedAt).toISOString(),
    away: t.awaySince !== null,
  }));
  for (const s of sessions) ctx.out.clerk(s.id, { type: 'line', waiting: entries, clerksServing: serving, paused: s.paused });
  return { waiting, clerksServing: serving, meanSeconds: mean };
}
