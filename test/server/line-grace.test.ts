// A citizen whose connection dropped keeps the place for the grace period; a call that fails on the clerk's side puts the citizen back at the head.
// Run over each store kind (SQLite, and SQLite behind a double answering on a later macrotask).

import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/core/protocol/index.js';
import {
  cleanUpLinesAfterEach,
  lineErrorOf,
  LineHarness,
  MINUTE,
  overEachStore,
  SECOND,
  UNIT,
} from './line-helpers.js';

cleanUpLinesAfterEach();

overEachStore(() => {
  describe('the grace period of a citizen whose connection dropped', () => {
    it('keeps the place while away; callNext skips them without moving them from the head', async () => {
      const h = new LineHarness();
      const clerk = await h.clerk();
      const [t1, t2, t3] = [await h.joinPresent(), await h.joinPresent(), await h.joinPresent()] as [Ticket, Ticket, Ticket];
      await h.line.citizenAway(t1.ticketId);
      await h.advance(10 * SECOND, true);

      await h.line.callNext(clerk.sessionId);
      expect(h.clerkEventsOf(clerk.sessionId, 'calling').map((e) => e.code)).toEqual(['A-002']);
      expect(h.citizenEventsOf(t2.ticketId, 'called')).toHaveLength(1);
      expect(h.lineCodes(clerk.sessionId)).toEqual(['A-001', 'A-003']);
      expect(h.clerkEventsOf(clerk.sessionId, 'line').at(-1)?.waiting.map((w) => w.away)).toEqual([true, false]);
      expect(h.lastPosition(t3.ticketId)).toBe(2);
      await h.line.answer(t2.ticketId);

      // Back before the grace period ends (179 s away): still first.
      await h.advanceTicking(169 * SECOND, SECOND);
      expect(h.line.verifyPeer(t1.peerId, t1.peerToken)).toBe(true);
      h.clearNotices();
      await h.line.citizenPresent(t1.ticketId);
      expect(h.citizenEventsOf(t1.ticketId, 'waiting')).toEqual([
        { type: 'waiting', code: 'A-001', position: 1, estimatedWaitMinutes: null, clerksServing: 1 },
      ]);
      await h.line.finish(clerk.sessionId, 'attended');
      await h.line.callNext(clerk.sessionId);
      expect(h.clerkEventsOf(clerk.sessionId, 'calling').map((e) => e.code)).toEqual(['A-001']);
    });

    it('gives the place up after 180 s away: the ticket ends and the others move up', async () => {
      const h = new LineHarness();
      const clerk = await h.clerk();
      const [t1, t2, t3] = [await h.joinPresent(), await h.joinPresent(), await h.joinPresent()] as [Ticket, Ticket, Ticket];
      await h.line.citizenAway(t1.ticketId);
      await h.advanceTicking(179 * SECOND, SECOND);
      expect(h.line.verifyPeer(t1.peerId, t1.peerToken)).toBe(true);
      expect(h.lastPosition(t2.ticketId)).toBe(2);

      await h.advance(1 * SECOND, true);
      expect(h.line.verifyPeer(t1.peerId, t1.peerToken)).toBe(false);
      expect(h.signalingClosed()).toEqual([t1.peerId]);
      expect(h.lastPosition(t2.ticketId)).toBe(1);
      expect(h.lastPosition(t3.ticketId)).toBe(2);
      expect(h.lineCodes(clerk.sessionId)).toEqual(['A-002', 'A-003']);
      expect(await lineErrorOf(() => h.line.citizenPresent(t1.ticketId))).toBe('ticket_not_found');
    });

    it('counts a ticket whose socket never said hello as away: skipped, then dropped after 180 s', async () => {
      // Observed behaviour: the HTTP join alone does not hold a place; the line socket must say hello.
      const h = new LineHarness();
      const clerk = await h.clerk();
      const t1 = await h.join();
      expect(t1.position).toBe(1);
      expect(h.clerkEventsOf(clerk.sessionId, 'line').at(-1)?.waiting).toEqual([expect.objectContaining({ code: 'A-001', away: true })]);
      h.clearNotices();
      await h.line.callNext(clerk.sessionId);
      expect(h.clerkEvents(clerk.sessionId)).toEqual([{ type: 'line-empty' }]);

      await h.advance(179 * SECOND, true);
      expect(h.line.verifyPeer(t1.peerId, t1.peerToken)).toBe(true);
      await h.advance(1 * SECOND, true);
      expect(h.line.verifyPeer(t1.peerId, t1.peerToken)).toBe(false);
      expect((await h.line.unitState(UNIT)).waiting).toBe(0);
    });
  });

  describe('back to the head of the line when the clerk’s side fails', () => {
    it('callDropped puts the citizen in the call back at position 1, ahead of everyone waiting', async () => {
      const h = new LineHarness();
      const clerk = await h.clerk();
      const [t1, t2, t3] = [await h.joinPresent(), await h.joinPresent(), await h.joinPresent()] as [Ticket, Ticket, Ticket];
      await h.line.callNext(clerk.sessionId);
      await h.line.answer(t1.ticketId);
      expect(h.lastPosition(t2.ticketId)).toBe(1);
      h.clearNotices();

      await h.line.callDropped(clerk.sessionId);
      expect(h.citizenEvents(t1.ticketId)).toEqual([
        { type: 'requeued' },
        { type: 'waiting', code: 'A-001', position: 1, estimatedWaitMinutes: null, clerksServing: 1 },
      ]);
      expect(h.lastPosition(t2.ticketId)).toBe(2);
      expect(h.lastPosition(t3.ticketId)).toBe(3);
      expect(h.lineCodes(clerk.sessionId)).toEqual(['A-001', 'A-002', 'A-003']);
      expect(h.line.mayTalk(t1.peerId, clerk.peerId)).toBe(false);
      expect(h.line.verifyPeer(t1.peerId, t1.peerToken)).toBe(true);
      expect(await lineErrorOf(() => h.line.callDropped(clerk.sessionId))).toBe('no_call');

      await h.line.callNext(clerk.sessionId);
      expect(h.clerkEventsOf(clerk.sessionId, 'calling').map((e) => e.code)).toEqual(['A-001']);
    });

    it('keeps the grace period for a requeued citizen whose line socket dropped during the call', async () => {
      const h = new LineHarness();
      const clerk = await h.clerk();
      const t1 = await h.joinPresent();
      await h.joinPresent();
      await h.line.callNext(clerk.sessionId);
      await h.line.answer(t1.ticketId);
      // The line socket drops; the video call itself goes on for 10 minutes.
      await h.line.citizenAway(t1.ticketId);
      await h.advanceTicking(10 * MINUTE, SECOND);
      await h.line.callDropped(clerk.sessionId);
      await h.advance(1 * SECOND, true);
      expect(h.line.verifyPeer(t1.peerId, t1.peerToken)).toBe(true);
      expect(h.lineCodes(clerk.sessionId)).toEqual(['A-001', 'A-002']);
      // Without a hello for a whole grace period after the requeue, the place is given up.
      await h.advanceTicking(179 * SECOND, SECOND);
      expect(h.line.verifyPeer(t1.peerId, t1.peerToken)).toBe(false);
    });

    it('ends a clerk session away past 180 s; its citizen was requeued at the head long before, and only once', async () => {
      const h = new LineHarness();
      const clerk = await h.clerk();
      const t1 = await h.joinPresent();
      const t2 = await h.joinPresent();
      expect(h.lastPosition(t2.ticketId)).toBe(2);
      await h.line.callNext(clerk.sessionId);
      await h.line.answer(t1.ticketId);
      await h.line.clerkAway(clerk.sessionId);
      expect((await h.line.unitState(UNIT)).clerksServing).toBe(0);

      await h.advanceTicking(20 * SECOND, SECOND);
      expect(h.citizenEventsOf(t1.ticketId, 'requeued')).toHaveLength(1);
      await h.advanceTicking(159 * SECOND, SECOND);
      expect(h.line.verifyPeer(clerk.peerId, clerk.peerToken)).toBe(true);
      h.clearNotices();

      await h.advance(1 * SECOND, true);
      expect(h.citizenEvents(t1.ticketId)).toEqual([]);
      expect((await h.line.unitState(UNIT)).waiting).toBe(2);
      expect(h.lastPosition(t2.ticketId)).toBeUndefined(); // nobody moved
      expect(h.notices).toContainEqual({ to: 'signaling', peerId: clerk.peerId, reason: 'clerk session ended' });
      expect(h.line.verifyPeer(clerk.peerId, clerk.peerToken)).toBe(false);
      expect(h.line.mayTalk(t1.peerId, clerk.peerId)).toBe(false);
      expect(await lineErrorOf(() => h.line.callNext(clerk.sessionId))).toBe('unauthorized');

      // Signing in again starts a new session with a new PeerJS id.
      const again = await h.clerk();
      expect(again.sessionId).not.toBe(clerk.sessionId);
      expect(again.peerId).not.toBe(clerk.peerId);
      await h.line.callNext(again.sessionId);
      expect(h.clerkEventsOf(again.sessionId, 'calling').map((e) => e.code)).toEqual(['A-001']);
    });

    it('keeps the same clerk session when the clerk is back within the grace period', async () => {
      const h = new LineHarness();
      const clerk = await h.clerk();
      const t1 = await h.joinPresent();
      await h.line.callNext(clerk.sessionId);
      await h.line.answer(t1.ticketId);
      await h.line.clerkAway(clerk.sessionId);
      await h.advanceTicking(2 * MINUTE, SECOND); // the call went back to the line after 20 s
      h.clearNotices();
      const back = await h.clerk();
      expect([back.sessionId, back.peerId, back.peerToken]).toEqual([clerk.sessionId, clerk.peerId, clerk.peerToken]);
      // No call re-sent: the clerk's page says the attendance ended while it was away.
      expect(h.clerkEvents(clerk.sessionId).map((e) => e.type)).toEqual(['session', 'line']);
      expect(h.lineCodes(clerk.sessionId)).toEqual(['A-001']);
      await h.line.callNext(clerk.sessionId);
      expect(h.clerkEventsOf(clerk.sessionId, 'calling').map((e) => e.code)).toEqual(['A-001']);
    });
  });
});
