// Joining and leaving the line: joins refused when the unit is closed by its timetable or the
// line is full; everyone already in line is still served after closing (TJRN Portaria
// 38/2021 art. 5 §2). Codes count per unit and local day, …

import { isoDate, localDayNumber, openingStatus } from '../../core/index.js';
import type { JoinRequest, Ticket } from '../../core/protocol/index.js';
import { autoCallNext } from './calling.js';
import { unitOf, type LineContext } from './context.js';
import { endTicket, hangUp } from './endings.js';
import { LineError } from './line.js';
import { estimateMinutes } from './estimates.js';
import { unitChanged } from './notices.js';
import { newPeerId, secret } from './presence.js';

const codeOf = (seq: number): string => `A-${String(seq).padStart(3, '0')}`;

export async function join(ctx: LineContext, unitId: string, request: JoinRequest): Promise<Ticket> {
  const unit = unitOf(ctx, unitId);
  const now = ctx.now();
  if (!openingStatus(unit, new Date(now)).open) throw new LineError('unit_closed');
  const t = await ctx.store.join(
    {
      id: secret(18),
      unit: unitId,
      day: isoDate(localDayNumber(now, unit.timezone)),
      peerId: newPeerId(),
      peerToken: secret(18),
      subject: request.subject,
      sealed: request.sealed,
      lawyer: request.lawyer,
      libras: request.libras,
      joinedAt: now,
    },
    ctx.config.maxWaitingPerUnit,
    codeOf,
  );
  if (t === 'full') throw new LineError('line_full');
  ctx.peers.add(t.peerId, t.peerToken);
  ctx.logger.log('info', 'line_join', { unit: unitId, sealed: t.sealed, libras: t.libras });
  // The line as it now goes out to everyone gives the new ticket its place too.
  const line = await unitChanged(ctx, unitId);
  const ahead = line.waiting.findIndex((w) => w.id === t.id);
  const position = ahead === -1 ? line.waiting.length + 1 : ahead + 1;
  return {
    ticketId: t.id,
    code: t.code,
    unit: unitId,
    peerId: t.peerId,
    peerToken: t.peerToken,
    answerWindowSeconds: Math.round(ctx.config.answerWindowMs / 1000),
    graceSeconds: Math.round(ctx.config.graceMs / 1000),
    position,
    estimatedWaitMinutes: estimateMinutes(line.meanSeconds, position, line.clerksServing),
    clerksServing: line.clerksServing,
  };
}

/** Leaves on purpose: the place is freed at once; during a call, the call ends for both. */
export async function leave(ctx: LineContext, ticketId: string): Promise<void> {
  const t = await ctx.store.ticket(ticketId);
  if (t?.status === 'in-call') return hangUp(ctx, t);
  if (!t || !(await endTicket(ctx, t, 'leave'))) return;
  ctx.out.citizen(t.id, { type: 'left' });
  if (t.sessionId) {
    ctx.out.clerk(t.sessionId, { type: 'missed', code: t.code });
    await autoCallNext(ctx, t.sessionId);
  }
  await unitChanged(ctx, t.unit);
}
