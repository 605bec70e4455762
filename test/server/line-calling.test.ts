// Calling the next person and the answer window.
// Run over each store kind (SQLite, and SQLite behind a double answering on a later macrotask).

import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/core/protocol/index.js';
import { type ClerkSession } from '../../src/server/line/line.js';
import {
  cleanUpLinesAfterEach,
  lineErrorOf,
  LineHarness,
  MINUTE,
  MON_0900,
  overEachStore,
  SEALED_LAWYER,
  SECOND,
  UNIT,
} from './line-helpers.js';

cleanUpLinesAfterEach();

overEachStore(() => {
  describe('calling the next person', () => {
    async function calledSetup(): Promise<{ h: LineHarness; clerk: ClerkSession; t1: Ticket; t2: Ticket }> {
      const h = new LineHarness();
      const clerk = await h.clerk();
      const t1 = await h.joinPresent(SEALED_LAWYER);
      const t2 = await h.joinPresent();
      h.clearNotices();
      await h.line.callNext(clerk.sessionId);
      return { h, clerk, t1, t2 };
    }

    it('shows the clerk as first name + last surname, and tells the clerk who is coming', async () => {
      const h = new LineHarness();
      const clerk = await h.clerk();
      expect(h.clerkEventsOf(clerk.sessionId, 'session')).toEqual([
        {
          type: 'session',
          peerId: clerk.peerId,
          peerToken: clerk.peerToken,
          name: 'Maria Souza',
          unit: UNIT,
          unitName: '1ª Vara Cível da Comarca de Natal',
        },
      ]);
      const t1 = await h.joinPresent(SEALED_LAWYER);
      await h.line.callNext(clerk.sessionId);
      const answerBy = new Date(MON_0900 + 60_000).toISOString();

      expect(h.citizenEventsOf(t1.ticketId, 'called')).toEqual([
        {
          type: 'called',
          clerk: { name: 'Maria Souza', unit: '1ª Vara Cível da Comarca de Natal' },
          clerkPeerId: clerk.peerId,
          answerBy,
          // No STUN/TURN configured: an empty list, never PeerJS's public defaults.
          ice: { iceServers: [], iceTransportPolicy: 'all' },
        },
      ]);
      expect(h.clerkEventsOf(clerk.sessionId, 'calling')).toEqual([
        {
          type: 'calling',
          code: 'A-001',
          subject: 'case-info',
          flags: { sealed: true, lawyer: true, libras: false },
          citizenPeerId: t1.peerId,
          answerBy,
          ice: { iceServers: [], iceTransportPolicy: 'all' },
        },
      ]);
    });

    it('lets only the called citizen and that clerk signal each other', async () => {
      const { h, clerk, t1, t2 } = await calledSetup();
      expect(h.line.mayTalk(t1.peerId, clerk.peerId)).toBe(true);
      expect(h.line.mayTalk(clerk.peerId, t1.peerId)).toBe(true);
      expect(h.line.mayTalk(t2.peerId, clerk.peerId)).toBe(false);
      expect(h.line.mayTalk(clerk.peerId, t2.peerId)).toBe(false);
      expect(h.line.mayTalk(t1.peerId, t2.peerId)).toBe(false);
      expect(h.line.mayTalk(t2.peerId, t1.peerId)).toBe(false);
      expect(h.line.mayTalk(t1.peerId, t1.peerId)).toBe(false);
      const other = await h.clerk('c2', 'João Batista Pereira');
      expect(h.line.mayTalk(t1.peerId, other.peerId)).toBe(false);
      expect(h.line.mayTalk(other.peerId, t1.peerId)).toBe(false);
    });

    it('answer starts the call; finish ends it for both sides and closes the ticket', async () => {
      const { h, clerk, t1, t2 } = await calledSetup();
      expect(await lineErrorOf(() => h.line.answer(t2.ticketId))).toBe('not_called');
      await h.line.answer(t1.ticketId);
      expect(h.citizenEvents(t1.ticketId).at(-1)).toEqual({
        type: 'in-call',
        clerk: { name: 'Maria Souza', unit: '1ª Vara Cível da Comarca de Natal' },
        clerkPeerId: clerk.peerId,
        ice: { iceServers: [], iceTransportPolicy: 'all' },
      });
      expect(h.clerkEvents(clerk.sessionId).at(-1)).toEqual({ type: 'answered', code: 'A-001' });
      // The first connection, right after answering, is no return.
      expect(h.clerkEventsOf(clerk.sessionId, 'citizen-back')).toEqual([]);

      await h.advance(5 * MINUTE);
      await h.line.finish(clerk.sessionId, 'attended');
      expect(h.citizenEvents(t1.ticketId).at(-1)).toEqual({ type: 'done', outcome: 'attended' });
      expect(h.clerkEventsOf(clerk.sessionId, 'ended')).toEqual([{ type: 'ended', code: 'A-001', outcome: 'attended' }]);
      expect(h.line.mayTalk(t1.peerId, clerk.peerId)).toBe(false);
      expect(h.line.mayTalk(clerk.peerId, t1.peerId)).toBe(false);
      expect(h.line.verifyPeer(t1.peerId, t1.peerToken)).toBe(false);
      expect(h.signalingClosed()).toEqual([t1.peerId]);
      // The clerk's session lives on.
      expect(h.line.verifyPeer(clerk.peerId, clerk.peerToken)).toBe(true);
      expect(await lineErrorOf(() => h.line.finish(clerk.sessionId, 'attended'))).toBe('no_call');
      expect(await lineErrorOf(() => h.line.answer(t1.ticketId))).toBe('not_called');
    });

    it('refuses callNext while busy or paused, and says so when the line is empty', async () => {
      const { h, clerk } = await calledSetup();
      expect(await lineErrorOf(() => h.line.callNext(clerk.sessionId))).toBe('busy');
      await h.line.finish(clerk.sessionId, 'no-show');
      await h.line.setPaused(clerk.sessionId, true);
      expect(await lineErrorOf(() => h.line.callNext(clerk.sessionId))).toBe('paused');
      await h.line.setPaused(clerk.sessionId, false);
      await h.line.callNext(clerk.sessionId);
      await h.line.finish(clerk.sessionId, 'attended');
      h.clearNotices();
      await h.line.callNext(clerk.sessionId);
      expect(h.clerkEvents(clerk.sessionId)).toEqual([{ type: 'line-empty' }]);
      expect(await lineErrorOf(() => h.line.callNext('no-such-session'))).toBe('unauthorized');
    });
  });

  describe('the answer window', () => {
    it('keeps the call for 59 s; at 60 s the citizen is out and the clerk gets the next person', async () => {
      const h = new LineHarness();
      const clerk = await h.clerk();
      const t1 = await h.joinPresent();
      const t2 = await h.joinPresent();
      await h.line.callNext(clerk.sessionId);
      h.clearNotices();

      await h.advance(59 * SECOND, true);
      expect(h.notices.filter((n) => n.to !== 'clerk' || n.event.type !== 'line')).toEqual([]);
      expect(h.line.verifyPeer(t1.peerId, t1.peerToken)).toBe(true);

      await h.advance(1 * SECOND, true);
      expect(h.citizenEvents(t1.ticketId)).toEqual([{ type: 'missed' }]);
      const toClerk = h.clerkEvents(clerk.sessionId).filter((e) => e.type !== 'line');
      expect(toClerk.map((e) => e.type)).toEqual(['missed', 'calling']);
      expect(toClerk[0]).toEqual({ type: 'missed', code: 'A-001' });
      expect(toClerk[1]).toMatchObject({ type: 'calling', code: 'A-002', citizenPeerId: t2.peerId });
      expect(h.citizenEventsOf(t2.ticketId, 'called')).toEqual([
        expect.objectContaining({ answerBy: new Date(h.clock + 60 * SECOND).toISOString() }),
      ]);
      expect(h.line.verifyPeer(t1.peerId, t1.peerToken)).toBe(false);
      expect(h.line.mayTalk(t1.peerId, clerk.peerId)).toBe(false);
      expect(h.line.mayTalk(t2.peerId, clerk.peerId)).toBe(true);
    });

    it('does not miss a citizen who answered in time', async () => {
      const h = new LineHarness();
      const clerk = await h.clerk();
      const t1 = await h.joinPresent();
      await h.line.callNext(clerk.sessionId);
      await h.advance(30 * SECOND, true);
      await h.line.answer(t1.ticketId);
      await h.advanceTicking(5 * MINUTE, SECOND);
      expect(h.citizenEventsOf(t1.ticketId, 'missed')).toEqual([]);
      expect(h.line.mayTalk(t1.peerId, clerk.peerId)).toBe(true);
    });

    it('does not hand a paused clerk the next person after a miss', async () => {
      const h = new LineHarness();
      const clerk = await h.clerk();
      await h.joinPresent();
      await h.joinPresent();
      await h.line.callNext(clerk.sessionId);
      await h.line.setPaused(clerk.sessionId, true);
      await h.advance(60 * SECOND, true);
      expect(h.clerkEventsOf(clerk.sessionId, 'calling').map((e) => e.code)).toEqual(['A-001']);
      expect((await h.line.unitState(UNIT)).waiting).toBe(1);
    });
  });
});
