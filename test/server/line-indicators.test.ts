// The unit's indicators: the estimated wait, minutes open with no clerk serving, and logs without personal data.
// Run over each store kind (SQLite, and SQLite behind a double answering on a later macrotask).

import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/core/protocol/index.js';
import {
  CLERK_FULL_NAME,
  cleanUpLinesAfterEach,
  LineHarness,
  MINUTE,
  MON_0900,
  MON_1400,
  OTHER_UNIT,
  overEachStore,
  SEALED_LAWYER,
  SECOND,
  tempDbFile,
  TUE_0900,
  UNIT,
} from './line-helpers.js';

cleanUpLinesAfterEach();

overEachStore(() => {
  describe('the estimated wait', () => {
    it('is null without history, then follows the mean service time and the clerks serving', async () => {
      const h = new LineHarness({ at: MON_0900 });
      const c1 = await h.clerk('c1');
      const first = await h.joinPresent();
      expect(first.estimatedWaitMinutes).toBeNull(); // "sem estimativa ainda"
      expect(await h.line.unitState(UNIT)).toEqual({ open: true, waiting: 1, clerksServing: 1, estimatedWaitMinutes: null });

      // Two attendances: 4 and 6 minutes (mean 300 s).
      await h.line.callNext(c1.sessionId);
      await h.line.answer(first.ticketId);
      await h.advance(240 * SECOND);
      await h.line.finish(c1.sessionId, 'attended');
      const second = await h.joinPresent();
      await h.line.callNext(c1.sessionId);
      await h.line.answer(second.ticketId);
      await h.advance(360 * SECOND);
      await h.line.finish(c1.sessionId, 'attended');

      await h.joinPresent(); // position 1
      const t = await h.joinPresent(); // position 2
      expect([t.position, t.estimatedWaitMinutes, t.clerksServing]).toEqual([2, 10, 1]); // ceil(300 × 2 / 1 / 60)
      expect(await h.line.unitState(UNIT)).toEqual({ open: true, waiting: 2, clerksServing: 1, estimatedWaitMinutes: 15 });

      const c2 = await h.clerk('c2', 'João Batista Pereira');
      expect(h.citizenEventsOf(t.ticketId, 'waiting').at(-1)).toEqual({
        type: 'waiting',
        code: t.code,
        position: 2,
        estimatedWaitMinutes: 5,
        clerksServing: 2,
      });
      expect(await h.line.unitState(UNIT)).toEqual({ open: true, waiting: 2, clerksServing: 2, estimatedWaitMinutes: 8 });

      await h.line.setPaused(c1.sessionId, true);
      await h.line.clerkAway(c2.sessionId);
      expect(h.citizenEventsOf(t.ticketId, 'waiting').at(-1)).toMatchObject({ position: 2, estimatedWaitMinutes: null, clerksServing: 0 });
      expect(await h.line.unitState(UNIT)).toEqual({ open: true, waiting: 2, clerksServing: 0, estimatedWaitMinutes: null });
    });

    it('ignores attendances that were not video attendances (no-shows, redirections)', async () => {
      const h = new LineHarness({ at: MON_0900 });
      const c1 = await h.clerk('c1');
      const t1 = await h.joinPresent();
      await h.line.callNext(c1.sessionId);
      await h.line.answer(t1.ticketId);
      await h.advance(600 * SECOND);
      await h.line.finish(c1.sessionId, 'redirected-email');
      expect((await h.line.unitState(UNIT)).estimatedWaitMinutes).toBeNull();
    });
  });

  describe('minutes open with no clerk serving', () => {
    it('grows while open without a serving clerk, per unit and per local day', async () => {
      const h = new LineHarness({ at: MON_0900 });
      await h.advanceTicking(10 * MINUTE, MINUTE);
      expect(await h.line.unstaffedMinutes(UNIT)).toEqual([{ day: '2026-11-23', minutes: 10 }]);

      const clerk = await h.clerk();
      await h.advanceTicking(10 * MINUTE, MINUTE);
      expect(await h.line.unstaffedMinutes(UNIT)).toEqual([{ day: '2026-11-23', minutes: 10 }]);
      expect(await h.line.unstaffedMinutes(OTHER_UNIT)).toEqual([{ day: '2026-11-23', minutes: 20 }]);

      await h.line.setPaused(clerk.sessionId, true);
      await h.advanceTicking(5 * MINUTE, MINUTE);
      expect(await h.line.unstaffedMinutes(UNIT)).toEqual([{ day: '2026-11-23', minutes: 15 }]);

      await h.line.setPaused(clerk.sessionId, false);
      await h.advanceTicking(5 * MINUTE, MINUTE);
      expect(await h.line.unstaffedMinutes(UNIT)).toEqual([{ day: '2026-11-23', minutes: 15 }]);

      await h.line.clerkAway(clerk.sessionId);
      await h.advanceTicking(2 * MINUTE, MINUTE);
      expect(await h.line.unstaffedMinutes(UNIT)).toEqual([{ day: '2026-11-23', minutes: 17 }]);
    });

    it('does not grow outside public hours', async () => {
      const h = new LineHarness({ at: MON_1400 - 2 * MINUTE });
      await h.advanceTicking(30 * MINUTE, SECOND); // 13:58 → 14:28
      expect(await h.line.unstaffedMinutes(UNIT)).toEqual([{ day: '2026-11-23', minutes: 2 }]);
      h.clock = TUE_0900 - 2 * 60 * MINUTE; // Tuesday 07:00: a long gap is not counted
      await h.line.tick();
      await h.advanceTicking(60 * MINUTE - SECOND, SECOND); // 07:00 → 07:59:59, still closed
      expect(await h.line.unstaffedMinutes(UNIT)).toEqual([{ day: '2026-11-23', minutes: 2 }]);
      await h.advanceTicking(3 * MINUTE + SECOND, SECOND);
      expect(await h.line.unstaffedMinutes(UNIT)).toEqual([
        { day: '2026-11-23', minutes: 2 },
        { day: '2026-11-24', minutes: 3 },
      ]);
    });
  });

  describe('logs without personal data', () => {
    it('never logs ticket ids, peer ids, tokens, session ids or the clerk’s name', async () => {
      const file = tempDbFile();
      const h = new LineHarness({ file, at: MON_0900 });
      const clerk = await h.line.clerkPresent({ clerkId: 'clerk-7f3a9c', name: CLERK_FULL_NAME, unit: UNIT });
      const other = await h.line.clerkPresent({ clerkId: 'clerk-b81d2e', name: 'João Batista Pereira', unit: UNIT });
      const tickets = [await h.joinPresent(SEALED_LAWYER), await h.joinPresent(), await h.joinPresent(), await h.join(), await h.joinPresent()];
      const [t1, , t3] = tickets as [Ticket, Ticket, Ticket];
      await h.line.callNext(clerk.sessionId);
      await h.line.answer(t1.ticketId);
      await h.line.callDropped(clerk.sessionId);
      await h.line.callNext(clerk.sessionId);
      await h.line.answer(t1.ticketId);
      await h.advance(4 * MINUTE);
      await h.line.finish(clerk.sessionId, 'attended');
      await h.line.callNext(other.sessionId); // t2, never answers
      await h.line.leave(t3.ticketId);
      await h.advanceTicking(2 * MINUTE, SECOND); // t2 missed, next one called
      await h.restart();
      await h.line.clerkAway(clerk.sessionId);
      await h.advanceTicking(4 * MINUTE, SECOND); // sessions and tickets time out
      h.line.subscribe(() => {
        throw new Error(`listener failed for ${CLERK_FULL_NAME}`);
      });
      await h.joinPresent();

      const logs = h.logger.lines.join('\n');
      expect(h.logger.lines.length).toBeGreaterThan(10);
      for (const line of h.logger.lines) expect(JSON.parse(line)).toHaveProperty('event');
      const secrets = [
        ...tickets.flatMap((t) => [t.ticketId, t.peerId, t.peerToken]),
        ...[clerk, other].flatMap((c) => [c.sessionId, c.peerId, c.peerToken]),
        'clerk-7f3a9c',
        'clerk-b81d2e',
        CLERK_FULL_NAME,
        'Maria',
        'Aparecida',
        'Souza',
        'João',
        'Pereira',
      ];
      for (const secret of secrets) expect(logs).not.toContain(secret);
      expect(logs).toContain('line_listener_failed');
    });
  });
});
