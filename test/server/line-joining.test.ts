// Joining and leaving the line: codes and positions, unguessable ids, closing time, unknown units, the size cap and the grace the ticket tells.
// Run over each store kind (SQLite, and SQLite behind a double answering on a later macrotask).

import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/core/protocol/index.js';
import {
  ALWAYS_OPEN_UNIT,
  CASE_INFO,
  CLERK_FULL_NAME,
  cleanUpLinesAfterEach,
  lineErrorOf,
  LineHarness,
  MINUTE,
  MON_0800,
  MON_0900,
  MON_1400,
  OTHER_UNIT,
  overEachStore,
  SECOND,
  TUE_0900,
  UNIT,
} from './line-helpers.js';

cleanUpLinesAfterEach();

const BASE64URL_22 = /^[A-Za-z0-9_-]{22,}$/;

overEachStore(() => {
  describe('joining and leaving the line', () => {
    it('gives the codes A-001, A-002, A-003 and the positions 1, 2, 3 in join order', async () => {
      const h = new LineHarness();
      const tickets = [await h.join(), await h.join(), await h.join()];
      expect(tickets.map((t) => t.code)).toEqual(['A-001', 'A-002', 'A-003']);
      expect(tickets.map((t) => t.position)).toEqual([1, 2, 3]);
      expect(tickets.map((t) => t.unit)).toEqual([UNIT, UNIT, UNIT]);
      expect(tickets[0]?.answerWindowSeconds).toBe(60);
      expect(tickets[0]?.estimatedWaitMinutes).toBeNull();
      expect(tickets[0]?.clerksServing).toBe(0);
    });

    it('counts codes per unit and starts again at A-001 on the next local day', async () => {
      const h = new LineHarness({ at: MON_0900 });
      expect([(await h.join()).code, (await h.join()).code]).toEqual(['A-001', 'A-002']);
      expect((await h.join(CASE_INFO, OTHER_UNIT)).code).toBe('A-001');
      expect((await h.join()).code).toBe('A-003');
      h.clock = TUE_0900;
      expect((await h.join()).code).toBe('A-001');
      expect((await h.join(CASE_INFO, OTHER_UNIT)).code).toBe('A-001');
    });

    it('judges the day of the codes on the unit’s local date, not the UTC date', async () => {
      // Rio Branco is UTC−5: 02:00Z on the 24th is still 21:00 on the 23rd there.
      const h = new LineHarness({ at: Date.parse('2026-11-23T23:00:00Z') });
      expect((await h.join(CASE_INFO, ALWAYS_OPEN_UNIT)).code).toBe('A-001');
      h.clock = Date.parse('2026-11-24T02:00:00Z');
      expect((await h.join(CASE_INFO, ALWAYS_OPEN_UNIT)).code).toBe('A-002');
      h.clock = Date.parse('2026-11-24T05:30:00Z'); // 00:30 on the 24th in Rio Branco
      expect((await h.join(CASE_INFO, ALWAYS_OPEN_UNIT)).code).toBe('A-001');
    });

    it('issues unguessable, distinct ticket ids, peer ids and peer tokens', async () => {
      const h = new LineHarness();
      const tickets = await h.joinMany(20);
      const secrets = tickets.flatMap((t) => [t.ticketId, t.peerToken]);
      for (const secret of secrets) expect(secret).toMatch(BASE64URL_22);
      for (const t of tickets) expect(t.peerId.length).toBeGreaterThanOrEqual(22);
      const all = tickets.flatMap((t) => [t.ticketId, t.peerId, t.peerToken]);
      expect(new Set(all).size).toBe(all.length);
      // Nothing about the ticket is derived from its code or order.
      for (const t of tickets) expect(t.ticketId).not.toContain(t.code);
    });

    it('frees the place at once on leave: the others move up and the one who left is told', async () => {
      const h = new LineHarness();
      const [t1, t2, t3] = [await h.joinPresent(), await h.joinPresent(), await h.joinPresent()] as [Ticket, Ticket, Ticket];
      expect(h.lastPosition(t3.ticketId)).toBe(3);
      h.clearNotices();

      await h.line.leave(t1.ticketId);

      expect(h.citizenEvents(t1.ticketId)).toEqual([{ type: 'left' }]);
      expect(h.citizenEventsOf(t2.ticketId, 'waiting')).toEqual([
        { type: 'waiting', code: 'A-002', position: 1, estimatedWaitMinutes: null, clerksServing: 0 },
      ]);
      expect(h.citizenEventsOf(t3.ticketId, 'waiting')).toEqual([
        { type: 'waiting', code: 'A-003', position: 2, estimatedWaitMinutes: null, clerksServing: 0 },
      ]);
      expect(h.signalingClosed()).toEqual([t1.peerId]);
      expect((await h.line.unitState(UNIT)).waiting).toBe(2);
      // A new person goes to the end, with the next code.
      const t4 = await h.join();
      expect([t4.code, t4.position]).toEqual(['A-004', 3]);
    });

    it('verifies a live ticket’s peer id with its own token only, and not after leaving', async () => {
      const h = new LineHarness();
      const t1 = await h.join();
      const t2 = await h.join();
      expect(h.line.verifyPeer(t1.peerId, t1.peerToken)).toBe(true);
      expect(h.line.verifyPeer(t1.peerId, t2.peerToken)).toBe(false);
      // The same token with its last character changed (to one it is not).
      const last = t1.peerToken.at(-1) === 'x' ? 'y' : 'x';
      expect(h.line.verifyPeer(t1.peerId, `${t1.peerToken.slice(0, -1)}${last}`)).toBe(false);
      expect(h.line.verifyPeer(t1.peerId, '')).toBe(false);
      expect(h.line.verifyPeer('bv-made-up-peer-id', t1.peerToken)).toBe(false);

      await h.line.leave(t1.ticketId);
      expect(h.line.verifyPeer(t1.peerId, t1.peerToken)).toBe(false);
      expect(h.line.verifyPeer(t2.peerId, t2.peerToken)).toBe(true);
      expect(await lineErrorOf(() => h.line.citizenPresent(t1.ticketId))).toBe('ticket_not_found');
    });
  });

  describe('closing time and limits (TJRN Portaria 38/2021 art. 5 §2)', () => {
    it('accepts a join at 13:59:59 and refuses one at 14:00:00 local time', async () => {
      const h = new LineHarness({ at: MON_1400 - SECOND });
      expect((await h.join()).code).toBe('A-001');
      h.clock = MON_1400;
      expect(await lineErrorOf(() => h.join())).toBe('unit_closed');
      expect(await h.line.unitState(UNIT)).toMatchObject({ open: false, waiting: 1 });
      h.clock = MON_0800 - SECOND;
      expect(await lineErrorOf(() => h.join())).toBe('unit_closed');
    });

    it('still serves, after closing, the person who joined before closing', async () => {
      const h = new LineHarness({ at: MON_1400 - MINUTE });
      const t1 = await h.joinPresent();
      await h.advanceTicking(31 * MINUTE, MINUTE); // 14:30, the socket stays connected
      expect((await h.line.unitState(UNIT)).open).toBe(false);
      const clerk = await h.clerk();
      await h.line.callNext(clerk.sessionId);
      expect(h.clerkEventsOf(clerk.sessionId, 'calling').map((e) => e.code)).toEqual(['A-001']);
      expect(h.citizenEventsOf(t1.ticketId, 'called')).toHaveLength(1);
    });

    it('refuses unknown units', async () => {
      const h = new LineHarness();
      expect(await lineErrorOf(() => h.join(CASE_INFO, 'vara-que-nao-existe'))).toBe('unit_not_found');
      expect(await lineErrorOf(() => h.line.unitState('vara-que-nao-existe'))).toBe('unit_not_found');
      expect(await lineErrorOf(() => h.clerk('c1', CLERK_FULL_NAME, 'vara-que-nao-existe'))).toBe('unit_not_found');
    });

    it('refuses a join past maxWaitingPerUnit, per unit, and takes one again when a place frees up', async () => {
      const h = new LineHarness({ config: { maxWaitingPerUnit: 3 } });
      const [t1] = [await h.join(), await h.join(), await h.join()];
      expect(await lineErrorOf(() => h.join())).toBe('line_full');
      expect((await h.join(CASE_INFO, OTHER_UNIT)).code).toBe('A-001');
      await h.line.leave(t1?.ticketId ?? '');
      expect((await h.join()).code).toBe('A-004');
    });
  });

  describe('tickets tell how long the place is kept without the socket', () => {
    it('gives graceSeconds from the line configuration', async () => {
      const h = new LineHarness({ config: { graceMs: 90_000 } });
      expect((await h.join()).graceSeconds).toBe(90);
    });
  });
});
