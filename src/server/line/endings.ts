// How a ticket leaves the line or a call: ended (recorded as an attendance when there is an
// outcome), hung up by the citizen, or put back at the head after a failed call.

import { ticketEventTarget } from '../../core/ticket-lifecycle.js';
import type { LineContext } from './context.js';
import type { AttendanceOutcome, SessionRecord, TicketEnding, TicketRecord } from './store.js';

/** The ticket's peer can no longer signal: unpaired, forgotten, its signaling socket closed. */
export function forgetPeer(ctx: LineContext, t: TicketRecord, reason: string): void {
  ctx.pairing.unpair(t.peerId);
  ctx.peers.remove(t.peerId);
  ctx.out.forgetPosition(t.id);
  ctx.out.signaling(t.peerId, reason);
}

/** Ends the ticket; false (and nothing done) when the lifecycle refuses the event from its status now. */
export async function endTicket(
  ctx: LineContext,
  t: TicketRecord,
  event: TicketEnding['event'],
  outcome?: AttendanceOutcome,
  session?: SessionRecord,
): Promise<boolean> {
  // A call the citizen hung up ended then, not when the clerk marked the outcome.
  const endedAt = t.endedAt ?? ctx.now();
  const attendance = outcome
    ? {
        unit: t.unit,
        subject: t.subject,
        sealed: t.sealed,
        lawyer: t.lawyer,
        libras: t.libras,
        joinedAt: t.joinedAt,
        calledAt: t.calledAt,
        startedAt: t.startedAt,
        endedAt,
        waitSeconds: t.calledAt === null ? null : (t.calledAt - t.joinedAt) / 1000,
        durationSeconds: t.startedAt === null ? null : (endedAt - t.startedAt) / 1000,
        outcome,
        clerkId: session?.clerkId ?? null,
      }
    : null;
  if (!(await ctx.store.end(t.id, { event, endedAt, outcome: outcome ?? null, attendance }))) return false;
  forgetPeer(ctx, t, 'ticket ended');
  ctx.logger.log('info', 'line_end', { unit: t.unit, status: ticketEventTarget(event), ...(outcome ? { outcome } : {}) });
  return true;
}

/** The citizen left during the call: the call ends for both; the clerk still marks the outcome. */
export async function hangUp(ctx: LineContext, t: TicketRecord): Promise<void> {
  if (!(await ctx.store.hangUp(t.id, ctx.now()))) return;
  forgetPeer(ctx, t, 'ticket ended');
  ctx.out.citizen(t.id, { type: 'left' });
  if (t.sessionId) ctx.out.clerk(t.sessionId, { type: 'citizen-left', code: t.code });
  ctx.logger.log('info', 'line_hang_up', { unit: t.unit });
}

/** A call (answered or not) failed on the clerk's side: back at the head, and the citizen told ("a chamada caiu"). */
export async function requeueCall(ctx: LineContext, t: TicketRecord): Promise<boolean> {
  if (!(await ctx.store.requeue(t.id, ctx.now()))) return false;
  ctx.pairing.unpair(t.peerId);
  ctx.out.citizen(t.id, { type: 'requeued' });
  ctx.out.forgetPosition(t.id);
  return true;
}
