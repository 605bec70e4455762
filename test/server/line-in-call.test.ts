// A call in progress: the citizen hangs up, comes back (reload, reconnection), or the clerk's page closes.
// Run over each store kind (SQLite, and SQLite behind a double answering on a later macrotask).

import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/core/protocol/index.js';
import { turnCredentials, type IceSettings } from '../../src/server/ice.js';
import { DEFAULT_LINE_CONFIG, type ClerkSession } from '../../src/server/line/line.js';
import {
  cleanUpLinesAfterEach,
  type HarnessOptions,
  lineErrorOf,
  LineHarness,
  MINUTE,
  MON_0900,
  overEachStore,
  SECOND,
  tempDbFile,
  UNIT,
} from './line-helpers.js';

cleanUpLinesAfterEach();

const SHOWN_CLERK = { name: 'Maria Souza', unit: '1ª Vara Cível da Comarca de Natal' };
const TURN: IceSettings = {
  stunUrls: ['stun:stun.tjrn.jus.br:3478'],
  turnUrls: ['turns:turn.tjrn.jus.br:5349'],
  turnSecret: 's3cr3t',
  turnTtlSeconds: 3600,
};

/** A clerk, and a citizen in a call with them (answered); the notices cleared. */
async function inCallSetup(options: HarnessOptions = {}): Promise<{ h: LineHarness; clerk: ClerkSession; t1: Ticket; t2: Ticket }> {
  const h = new LineHarness(options);
  const clerk = await h.clerk();
  const t1 = await h.joinPresent();
  const t2 = await h.joinPresent();
  await h.line.callNext(clerk.sessionId);
  await h.line.answer(t1.ticketId);
  h.clearNotices();
  return { h, clerk, t1, t2 };
}

overEachStore(() => {
  describe('a citizen who hangs up during the call', () => {
    it('ends the call for both at once; the clerk still marks the outcome, timed to the hang-up', async () => {
      const h = new LineHarness({ at: MON_0900 });
      const clerk = await h.clerk();
      const t1 = await h.joinPresent();
      const t2 = await h.joinPresent();
      await h.line.callNext(clerk.sessionId);
      await h.line.answer(t1.ticketId);
      await h.advance(3 * MINUTE);
      h.clearNotices();

      await h.line.leave(t1.ticketId);

      expect(h.citizenEvents(t1.ticketId)).toEqual([{ type: 'left' }]);
      expect(h.clerkEvents(clerk.sessionId)).toContainEqual({ type: 'citizen-left', code: 'A-001' });
      expect(h.signalingClosed()).toEqual([t1.peerId]);
      expect(h.line.mayTalk(clerk.peerId, t1.peerId)).toBe(false);
      expect(h.line.verifyPeer(t1.peerId, t1.peerToken)).toBe(false);
      // Not put back in line: the citizen left on purpose.
      expect(await lineErrorOf(() => h.line.callDropped(clerk.sessionId))).toBe('no_call');
      expect((await h.line.unitState(UNIT)).waiting).toBe(1);
      // The clerk is still on this call until the outcome is marked.
      expect(await lineErrorOf(() => h.line.callNext(clerk.sessionId))).toBe('busy');

      await h.advance(2 * MINUTE);
      await h.line.finish(clerk.sessionId, 'attended');
      const [record] = await h.line.attendances(UNIT);
      expect(record).toMatchObject({ outcome: 'attended', durationSeconds: 180, clerkId: 'c1' });
      await h.line.callNext(clerk.sessionId);
      expect(h.calledCodes().at(-1)).toBe('A-002');
      expect(t2.code).toBe('A-002');
    });

    it('tells a clerk who signs back in that the citizen already left the call', async () => {
      const h = new LineHarness({ at: MON_0900 });
      const clerk = await h.clerk();
      const t1 = await h.joinPresent();
      await h.line.callNext(clerk.sessionId);
      await h.line.answer(t1.ticketId);
      await h.line.leave(t1.ticketId);
      await h.line.clerkAway(clerk.sessionId);
      h.clearNotices();
      await h.clerk(); // the clerk's page reloads
      expect(h.clerkEvents(clerk.sessionId).filter((e) => e.type === 'calling' || e.type === 'citizen-left' || e.type === 'answered').map((e) => e.type)).toEqual([
        'calling',
        'citizen-left',
      ]);
    });

    it('records the call as unrecorded when the clerk’s session ends before an outcome', async () => {
      const h = new LineHarness({ at: MON_0900 });
      const clerk = await h.clerk();
      const t1 = await h.joinPresent();
      await h.line.callNext(clerk.sessionId);
      await h.line.answer(t1.ticketId);
      await h.advance(MINUTE);
      await h.line.leave(t1.ticketId);
      await h.line.clerkAway(clerk.sessionId);
      await h.advance(4 * MINUTE, true);
      expect((await h.line.attendances(UNIT)).map((r) => [r.outcome, r.durationSeconds])).toEqual([['unrecorded', 60]]);
      expect((await h.line.unitState(UNIT)).waiting).toBe(0);
    });
  });

  describe('a citizen back during the call (a reload, a reconnection)', () => {
    it('gets in-call with the clerk as in called and whom to answer; the clerk is told the citizen is back', async () => {
      const { h, clerk, t1 } = await inCallSetup();
      await h.line.citizenAway(t1.ticketId);
      await h.advance(5 * SECOND, true);
      await h.line.citizenPresent(t1.ticketId);
      expect(h.citizenEvents(t1.ticketId)).toEqual([
        { type: 'in-call', clerk: SHOWN_CLERK, clerkPeerId: clerk.peerId, ice: { iceServers: [], iceTransportPolicy: 'all' } },
      ]);
      expect(h.clerkEvents(clerk.sessionId).filter((e) => e.type !== 'line')).toEqual([{ type: 'citizen-back', code: 'A-001' }]);
      expect(h.line.mayTalk(t1.peerId, clerk.peerId)).toBe(true);
    });

    it('mints fresh TURN credentials for the resumed call', async () => {
      const { h, clerk, t1 } = await inCallSetup({ ice: TURN });
      const answeredAt = h.clock;
      await h.advance(10 * MINUTE, true);
      await h.line.citizenAway(t1.ticketId);
      await h.line.citizenPresent(t1.ticketId);
      const [event] = h.citizenEventsOf(t1.ticketId, 'in-call');
      expect(event?.clerkPeerId).toBe(clerk.peerId);
      expect(event?.ice).toEqual({
        iceServers: [{ urls: TURN.stunUrls }, { urls: TURN.turnUrls, ...turnCredentials('s3cr3t', h.clock, 3600) }],
        iceTransportPolicy: 'all',
      });
      expect(event?.ice.iceServers[1]?.username).not.toBe(turnCredentials('s3cr3t', answeredAt, 3600).username);
    });

    it('is a return when a newer socket takes over from one still open, and not on a hello with no socket lost', async () => {
      const { h, clerk, t1 } = await inCallSetup();
      await h.line.citizenPresent(t1.ticketId);
      expect(h.citizenEventsOf(t1.ticketId, 'in-call')).toHaveLength(1);
      expect(h.clerkEventsOf(clerk.sessionId, 'citizen-back')).toEqual([]);
      await h.line.citizenPresent(t1.ticketId, true);
      expect(h.citizenEventsOf(t1.ticketId, 'in-call')).toHaveLength(2);
      expect(h.clerkEventsOf(clerk.sessionId, 'citizen-back')).toEqual([{ type: 'citizen-back', code: 'A-001' }]);
    });

    it('tells no clerk when a citizen waiting or being called comes back', async () => {
      const h = new LineHarness();
      const clerk = await h.clerk();
      const t1 = await h.joinPresent();
      const t2 = await h.joinPresent();
      await h.line.callNext(clerk.sessionId);
      for (const t of [t1, t2]) {
        await h.line.citizenAway(t.ticketId);
        await h.line.citizenPresent(t.ticketId);
        await h.line.citizenPresent(t.ticketId, true);
      }
      expect(h.notices.filter((n) => n.to === 'clerk' && n.event.type === 'citizen-back')).toEqual([]);
      expect(h.citizenEventsOf(t1.ticketId, 'called')).toHaveLength(3);
    });

    it('is a return after a server restart: the sockets closed', async () => {
      const file = tempDbFile();
      const { h, clerk, t1 } = await inCallSetup({ file });
      await h.restart();
      await h.clerk();
      h.clearNotices();
      await h.line.citizenPresent(t1.ticketId);
      expect(h.citizenEventsOf(t1.ticketId, 'in-call')).toEqual([
        { type: 'in-call', clerk: SHOWN_CLERK, clerkPeerId: clerk.peerId, ice: { iceServers: [], iceTransportPolicy: 'all' } },
      ]);
      expect(h.clerkEventsOf(clerk.sessionId, 'citizen-back')).toEqual([{ type: 'citizen-back', code: 'A-001' }]);
    });
  });

  describe('a call whose clerk’s page closed', () => {
    it('puts the citizen back at the head after 20 s away, not before; the clerk’s session lives on', async () => {
      const { h, clerk, t1, t2 } = await inCallSetup();
      const t3 = await h.joinPresent();
      await h.line.clerkAway(clerk.sessionId);
      await h.advanceTicking(19 * SECOND, SECOND);
      expect(h.citizenEventsOf(t1.ticketId, 'requeued')).toEqual([]);
      expect(h.line.mayTalk(t1.peerId, clerk.peerId)).toBe(true);
      h.clearNotices();

      await h.advance(1 * SECOND, true);
      expect(h.citizenEvents(t1.ticketId)).toEqual([
        { type: 'requeued' },
        { type: 'waiting', code: 'A-001', position: 1, estimatedWaitMinutes: null, clerksServing: 0 },
      ]);
      expect(h.lastPosition(t2.ticketId)).toBe(2);
      expect(h.lastPosition(t3.ticketId)).toBe(3);
      expect(h.line.mayTalk(t1.peerId, clerk.peerId)).toBe(false);
      expect(h.line.verifyPeer(t1.peerId, t1.peerToken)).toBe(true);
      expect(h.line.verifyPeer(clerk.peerId, clerk.peerToken)).toBe(true);
      // As when the call drops: no attendance recorded; the citizen will be called again.
      expect(await h.line.attendances(UNIT)).toEqual([]);
      expect(h.logger.lines.some((l) => l.includes('line_clerk_gone'))).toBe(true);
      await h.advanceTicking(MINUTE, SECOND);
      expect(h.citizenEventsOf(t1.ticketId, 'requeued')).toHaveLength(1);
    });

    it('puts back a citizen called but not answered yet, without counting a no-show', async () => {
      const h = new LineHarness();
      const clerk = await h.clerk();
      const t1 = await h.joinPresent();
      await h.joinPresent();
      await h.line.callNext(clerk.sessionId);
      await h.line.clerkAway(clerk.sessionId);
      await h.advanceTicking(19 * SECOND, SECOND);
      expect(h.citizenEventsOf(t1.ticketId, 'requeued')).toEqual([]);
      await h.advance(1 * SECOND, true);
      expect(h.citizenEventsOf(t1.ticketId, 'requeued')).toHaveLength(1);
      await h.advanceTicking(MINUTE, SECOND); // past the answer window
      expect(h.citizenEventsOf(t1.ticketId, 'missed')).toEqual([]);
      expect(await h.line.attendances(UNIT)).toEqual([]);
      expect((await h.line.unitState(UNIT)).waiting).toBe(2);
    });

    it('keeps the call when the clerk’s page is back within 20 s: calling and answered again, so the call restarts', async () => {
      const { h, clerk, t1 } = await inCallSetup();
      await h.line.clerkAway(clerk.sessionId);
      await h.advanceTicking(19 * SECOND, SECOND);
      const back = await h.clerk(); // the clerk's page reloads
      expect(back.peerId).toBe(clerk.peerId);
      expect(h.clerkEvents(clerk.sessionId).filter((e) => e.type === 'calling' || e.type === 'answered')).toEqual([
        expect.objectContaining({ type: 'calling', code: 'A-001', citizenPeerId: t1.peerId }),
        { type: 'answered', code: 'A-001' },
      ]);
      // A second drop starts the count again.
      await h.advanceTicking(MINUTE, SECOND);
      await h.line.clerkAway(clerk.sessionId);
      await h.advanceTicking(19 * SECOND, SECOND);
      await h.clerk();
      await h.advanceTicking(5 * MINUTE, SECOND);
      expect(h.citizenEventsOf(t1.ticketId, 'requeued')).toEqual([]);
      expect(h.line.mayTalk(t1.peerId, clerk.peerId)).toBe(true);
    });

    it('leaves a call the citizen hung up to the clerk: not requeued, recorded when the session ends', async () => {
      const { h, clerk, t1 } = await inCallSetup();
      await h.line.leave(t1.ticketId);
      await h.line.clerkAway(clerk.sessionId);
      await h.advanceTicking(MINUTE, SECOND);
      expect(h.citizenEventsOf(t1.ticketId, 'requeued')).toEqual([]);
      expect((await h.line.unitState(UNIT)).waiting).toBe(1);
      await h.advanceTicking(2 * MINUTE, SECOND);
      expect((await h.line.attendances(UNIT)).map((r) => r.outcome)).toEqual(['unrecorded']);
    });

    it('takes its length from the line configuration', async () => {
      expect(DEFAULT_LINE_CONFIG.clerkCallGraceMs).toBe(20_000);
      const { h, clerk, t1 } = await inCallSetup({ config: { clerkCallGraceMs: 45_000 } });
      await h.line.clerkAway(clerk.sessionId);
      await h.advanceTicking(44 * SECOND, SECOND);
      expect(h.citizenEventsOf(t1.ticketId, 'requeued')).toEqual([]);
      await h.advance(1 * SECOND, true);
      expect(h.citizenEventsOf(t1.ticketId, 'requeued')).toHaveLength(1);
    });

    it('gives a clerk cut off by a server restart the session’s grace, not the call’s: the page may take 30 s to reconnect', async () => {
      const file = tempDbFile();
      const { h, clerk, t1 } = await inCallSetup({ file });
      await h.advance(30 * SECOND); // away before the restart too: the restart starts the count again
      await h.line.clerkAway(clerk.sessionId);
      await h.advance(15 * SECOND);
      await h.restart();
      await h.line.citizenPresent(t1.ticketId);
      await h.advanceTicking(30 * SECOND, SECOND);
      expect(h.citizenEventsOf(t1.ticketId, 'requeued')).toEqual([]);
      await h.clerk(); // back after its reconnection backoff
      expect(h.clerkEventsOf(clerk.sessionId, 'answered')).toEqual([{ type: 'answered', code: 'A-001' }]);
      await h.advanceTicking(MINUTE, SECOND);
      expect(h.line.mayTalk(t1.peerId, clerk.peerId)).toBe(true);
      // Once back, a page that closes gets the call's grace again.
      await h.line.clerkAway(clerk.sessionId);
      await h.advanceTicking(20 * SECOND, SECOND);
      expect(h.citizenEventsOf(t1.ticketId, 'requeued')).toHaveLength(1);
    });
  });
});
