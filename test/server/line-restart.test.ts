// A restart with people in line, unstaffed time across gaps and restarts, and the end of the unit's day.
// Run over each store kind (SQLite, and SQLite behind a double answering on a later macrotask).

import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/core/protocol/index.js';
import {
  ALWAYS_OPEN_UNIT,
  CASE_INFO,
  cleanUpLinesAfterEach,
  lineErrorOf,
  LineHarness,
  MINUTE,
  MON_0900,
  MON_1400,
  OTHER_UNIT,
  overEachStore,
  SECOND,
  tempDbFile,
  TUE_0900,
  UNIT,
} from './line-helpers.js';

cleanUpLinesAfterEach();

overEachStore(() => {
  describe('a restart with people in line', () => {
    it('keeps codes, order, peer ids, calls in progress and gives everyone the grace period again', async () => {
      const file = tempDbFile();
      const h = new LineHarness({ file, at: MON_0900 });
      const c1 = await h.clerk('c1');
      const c2 = await h.clerk('c2', 'João Batista Pereira');
      const [t1, t2, t3, t4, t5] = [await h.joinPresent(), await h.joinPresent(), await h.joinPresent(), await h.join(), await h.join()] as [
        Ticket,
        Ticket,
        Ticket,
        Ticket,
        Ticket,
      ];
      await h.line.callNext(c1.sessionId);
      await h.line.answer(t1.ticketId); // in call
      await h.advance(90 * SECOND);
      await h.line.callNext(c2.sessionId); // A-002, called but not answered
      await h.advance(30 * SECOND); // 09:02: t4 and t5 have been away (no hello) for 120 s

      await h.restart();
      h.clearNotices();

      for (const t of [t1, t2, t3, t4, t5]) expect(h.line.verifyPeer(t.peerId, t.peerToken)).toBe(true);
      for (const c of [c1, c2]) expect(h.line.verifyPeer(c.peerId, c.peerToken)).toBe(true);
      // The call in progress keeps its pairing; the unanswered call is undone.
      expect(h.line.mayTalk(t1.peerId, c1.peerId)).toBe(true);
      expect(h.line.mayTalk(c1.peerId, t1.peerId)).toBe(true);
      expect(h.line.mayTalk(t2.peerId, c2.peerId)).toBe(false);

      // The clerks come back to the same sessions; the line is A-002 (back at the head), A-003, A-004, A-005.
      const back1 = await h.clerk('c1');
      expect(back1.peerId).toBe(c1.peerId);
      expect(h.clerkEvents(c1.sessionId).filter((e) => e.type === 'calling' || e.type === 'answered')).toEqual([
        expect.objectContaining({ type: 'calling', code: 'A-001', citizenPeerId: t1.peerId }),
        { type: 'answered', code: 'A-001' },
      ]);
      const back2 = await h.clerk('c2', 'João Batista Pereira');
      expect(back2.peerId).toBe(c2.peerId);
      expect(h.lineCodes(c2.sessionId)).toEqual(['A-002', 'A-003', 'A-004', 'A-005']);
      expect(h.clerkEventsOf(c2.sessionId, 'calling')).toEqual([]);

      // Nobody has said hello yet, so nobody can be called; within 180 s nobody loses the place.
      await h.line.callNext(c2.sessionId);
      expect(h.clerkEvents(c2.sessionId).at(-1)).toEqual({ type: 'line-empty' });
      await h.advanceTicking(100 * SECOND, SECOND);
      await h.line.citizenPresent(t3.ticketId);
      expect(h.citizenEventsOf(t3.ticketId, 'waiting').at(-1)?.position).toBe(2);
      await h.advanceTicking(79 * SECOND, SECOND);
      for (const t of [t1, t2, t3, t4, t5]) expect(h.line.verifyPeer(t.peerId, t.peerToken)).toBe(true);

      // At 180 s after the restart, those who never came back are gone.
      await h.advance(1 * SECOND, true);
      expect([t2, t4, t5].map((t) => h.line.verifyPeer(t.peerId, t.peerToken))).toEqual([false, false, false]);
      expect(h.line.verifyPeer(t3.peerId, t3.peerToken)).toBe(true);
      expect(h.line.verifyPeer(t1.peerId, t1.peerToken)).toBe(true); // in a call: the clerk ends it
      expect(h.lineCodes(c2.sessionId)).toEqual(['A-003']);

      // Codes continue after the restart.
      expect((await h.join()).code).toBe('A-006');
    });

    it('puts calls not yet answered at a restart back at the head in their original order', async () => {
      const file = tempDbFile();
      const h = new LineHarness({ file, at: MON_0900 });
      const c1 = await h.clerk('c1');
      const c2 = await h.clerk('c2', 'João Batista Pereira');
      const tickets = [await h.joinPresent(), await h.joinPresent(), await h.joinPresent()];
      await h.line.callNext(c1.sessionId);
      await h.line.callNext(c2.sessionId);
      await h.restart();
      for (const t of tickets) await h.line.citizenPresent(t.ticketId);
      expect(tickets.map((t) => h.lastPosition(t.ticketId))).toEqual([1, 2, 3]);
      await h.clerk('c1');
      expect(h.lineCodes(c1.sessionId)).toEqual(['A-001', 'A-002', 'A-003']);
      await h.line.callNext(c1.sessionId);
      expect(h.clerkEventsOf(c1.sessionId, 'calling').at(-1)?.code).toBe('A-001');
    });

    it('requeues the citizen of a call in progress when its clerk never comes back after the restart', async () => {
      const file = tempDbFile();
      const h = new LineHarness({ file, at: MON_0900 });
      const c1 = await h.clerk('c1');
      const t1 = await h.joinPresent();
      const t2 = await h.joinPresent();
      await h.line.callNext(c1.sessionId);
      await h.line.answer(t1.ticketId);
      await h.restart();
      await h.line.citizenPresent(t1.ticketId);
      await h.line.citizenPresent(t2.ticketId);
      h.clearNotices();
      await h.advanceTicking(180 * SECOND, SECOND);
      expect(h.citizenEventsOf(t1.ticketId, 'requeued')).toHaveLength(1);
      expect(h.lastPosition(t1.ticketId)).toBe(1);
      expect(h.lastPosition(t2.ticketId)).toBe(2);
      expect(h.line.verifyPeer(c1.peerId, c1.peerToken)).toBe(false);
      expect(h.signalingClosed()).toContain(c1.peerId);
    });
  });

  describe('unstaffed time across gaps and restarts', () => {
    it('counts a long gap between ticks by the timetable, not by the tick', async () => {
      const h = new LineHarness({ at: MON_0900 });
      await h.line.tick();
      await h.advance(30 * MINUTE, true); // the process was suspended for 30 minutes while open
      expect(await h.line.unstaffedMinutes(UNIT)).toEqual([{ day: '2026-11-23', minutes: 30 }]);
      h.clock = MON_1400 + 60 * MINUTE; // 09:30 → 15:00: only the 4.5 h until closing count
      await h.line.tick();
      expect(await h.line.unstaffedMinutes(UNIT)).toEqual([{ day: '2026-11-23', minutes: 300 }]);
    });

    it('counts the open hours the server was down, and keeps the tally across restarts', async () => {
      const file = tempDbFile();
      const h = new LineHarness({ file, at: MON_0900 });
      await h.advanceTicking(10 * MINUTE, MINUTE);
      await h.line.close();
      h.clock = MON_0900 + 70 * MINUTE; // down for an hour
      await h.restart();
      expect(await h.line.unstaffedMinutes(UNIT)).toEqual([{ day: '2026-11-23', minutes: 70 }]);
      expect(await h.line.unstaffedMinutes(OTHER_UNIT)).toEqual([{ day: '2026-11-23', minutes: 70 }]);
      // A clerk serving: no more unstaffed time, even across a flush.
      await h.clerk();
      await h.advanceTicking(2 * MINUTE, SECOND);
      await h.restart();
      expect(await h.line.unstaffedMinutes(UNIT)).toEqual([{ day: '2026-11-23', minutes: 70 }]);
    });
  });

  describe('the end of the unit’s day', () => {
    it('takes out of the line, and tells, whoever still waits at midnight after a closed evening', async () => {
      const h = new LineHarness({ at: MON_1400 - 10 * MINUTE });
      const t1 = await h.joinPresent();
      const t2 = await h.joinPresent();
      await h.advanceTicking(4 * 60 * MINUTE, MINUTE); // 13:50 → 17:50: after closing, still in line
      expect((await h.line.unitState(UNIT)).waiting).toBe(2);
      h.clearNotices();
      h.clock = Date.parse('2026-11-24T03:00:30Z'); // 00:00:30 on Tuesday in Natal
      await h.line.tick();
      expect(h.citizenEvents(t1.ticketId)).toEqual([{ type: 'expired' }]);
      expect(h.citizenEvents(t2.ticketId)).toEqual([{ type: 'expired' }]);
      expect(h.signalingClosed()).toEqual([t1.peerId, t2.peerId]);
      expect((await h.line.unitState(UNIT)).waiting).toBe(0);
      // Tuesday's line starts empty; a reconnecting page learns why its place is gone.
      h.clearNotices();
      expect(await lineErrorOf(() => h.line.citizenPresent(t1.ticketId))).toBe('ticket_not_found');
      expect(h.citizenEvents(t1.ticketId)).toEqual([{ type: 'expired' }]);
    });

    it('keeps the line of a unit open across midnight (24-hour duty)', async () => {
      const h = new LineHarness({ at: Date.parse('2026-11-24T04:50:00Z') }); // 23:50 in Rio Branco
      const t1 = await h.joinPresent(CASE_INFO, ALWAYS_OPEN_UNIT);
      await h.advanceTicking(20 * MINUTE, MINUTE); // past local midnight
      expect(h.citizenEventsOf(t1.ticketId, 'expired')).toEqual([]);
      expect((await h.line.unitState(ALWAYS_OPEN_UNIT)).waiting).toBe(1);
    });

    it('expires stale tickets found on start-up, after a night with the server down', async () => {
      const file = tempDbFile();
      const h = new LineHarness({ file, at: MON_1400 - 5 * MINUTE });
      const t1 = await h.join();
      await h.line.close();
      h.clock = TUE_0900;
      await h.restart();
      expect((await h.line.unitState(UNIT)).waiting).toBe(0);
      expect(h.line.verifyPeer(t1.peerId, t1.peerToken)).toBe(false);
    });
  });
});
