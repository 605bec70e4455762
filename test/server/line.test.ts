// The line (fila) of a unit, through SqliteLine with a fake clock: first come first served,
// closing time, calls and their answer window, grace periods, requeue at the head,
// atomic pops, restarts, the wait estimate, unstaffed minutes and logs without personal data.

import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/core/protocol.js';
import { turnCredentials, type IceSettings } from '../../src/server/ice.js';
import { DEFAULT_LINE_CONFIG, LineError, type ClerkSession } from '../../src/server/line/line.js';
import {
  ALWAYS_OPEN_UNIT,
  CASE_INFO,
  CLERK_FULL_NAME,
  LineHarness,
  MINUTE,
  type HarnessOptions,
  MON_0800,
  MON_0900,
  MON_1400,
  OTHER_UNIT,
  SEALED_LAWYER,
  SECOND,
  TUE_0900,
  UNIT,
  closeAll,
  codes,
  removeTempDirs,
  seededRandom,
  tempDbFile,
} from './line-helpers.js';

afterEach(async () => {
  await closeAll();
  removeTempDirs();
});

/** The LineError code `fn` rejects with, or undefined when it resolves. */
async function lineErrorOf(fn: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof LineError) return error.code;
    throw error;
  }
  return undefined;
}

const BASE64URL_22 = /^[A-Za-z0-9_-]{22,}$/;

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

describe('two clerks calling at once', () => {
  /** Random callNext / answer / finish by `clerks` until the line is empty; the codes in the order called. */
  async function serveAll(
    random: () => number,
    clerks: readonly { h: LineHarness; session: ClerkSession }[],
    onCalling: (code: string) => void,
  ): Promise<number> {
    const inCall = new Map<string, Ticket | true>();
    let iterations = 0;
    let emptyStreak = 0;
    while (emptyStreak < clerks.length * 4 && iterations < 2000) {
      iterations++;
      const pick = clerks[Math.floor(random() * clerks.length)];
      if (!pick) continue;
      const { h, session } = pick;
      if (inCall.has(session.sessionId)) {
        if (random() < 0.5) await h.line.finish(session.sessionId, 'attended');
        else await h.line.finish(session.sessionId, 'redirected-email');
        inCall.delete(session.sessionId);
        continue;
      }
      const before = h.clerkEventsOf(session.sessionId, 'calling').length;
      await h.line.callNext(session.sessionId);
      const calling = h.clerkEventsOf(session.sessionId, 'calling');
      const latest = calling.at(-1);
      if (calling.length > before && latest) {
        onCalling(latest.code);
        inCall.set(session.sessionId, true);
        emptyStreak = 0;
      } else {
        emptyStreak++;
      }
    }
    return iterations;
  }

  it.each([1, 7, 2026])('calls each of 50 people exactly once, in join order (seed %i)', async (seed) => {
    const h = new LineHarness({ at: MON_0800 });
    const tickets = await h.joinMany(50, true);
    const c1 = await h.clerk('c1');
    const c2 = await h.clerk('c2', 'João Batista Pereira');
    const order: string[] = [];
    const iterations = await serveAll(seededRandom(seed), [{ h, session: c1 }, { h, session: c2 }], (code) => order.push(code));

    expect(iterations).toBeGreaterThanOrEqual(100);
    expect(order).toEqual(codes(1, 50));
    for (const t of tickets) expect(h.citizenEventsOf(t.ticketId, 'called')).toHaveLength(1);
    expect(h.calledCodes()).toEqual(codes(1, 50));
    // Both clerks actually worked.
    expect(h.clerkEventsOf(c1.sessionId, 'calling').length).toBeGreaterThan(5);
    expect(h.clerkEventsOf(c2.sessionId, 'calling').length).toBeGreaterThan(5);
    expect((await h.line.unitState(UNIT)).waiting).toBe(0);
  });

  it('never pops the same ticket twice from two SqliteLine instances on the same file', async () => {
    const file = tempDbFile();
    const a = new LineHarness({ file, at: MON_0800 });
    const b = new LineHarness({ file, at: MON_0800 });
    await a.joinMany(50, true);
    const c1 = await a.clerk('c1');
    const c2 = await b.clerk('c2', 'João Batista Pereira');
    const order: string[] = [];
    await serveAll(seededRandom(42), [{ h: a, session: c1 }, { h: b, session: c2 }], (code) => order.push(code));

    expect(order).toEqual(codes(1, 50));
    expect(new Set(order).size).toBe(50);
    expect(a.clerkEventsOf(c1.sessionId, 'calling').length).toBeGreaterThan(5);
    expect(b.clerkEventsOf(c2.sessionId, 'calling').length).toBeGreaterThan(5);
    expect((await b.line.unitState(UNIT)).waiting).toBe(0);
  });

  it('never pops the same ticket twice when four threads race on the same file', async () => {
    const file = tempDbFile();
    const dir = path.dirname(file);
    const main = new LineHarness({ file, at: MON_0900 });
    const tickets = await main.joinMany(50);

    const bundle = await bundleLineForWorkers(dir);
    const workerFile = path.join(dir, 'race-worker.mjs');
    writeFileSync(workerFile, RACE_WORKER);
    const start = new SharedArrayBuffer(4);
    const workers = Array.from(
      { length: 4 },
      (_, i) =>
        new Worker(workerFile, {
          workerData: { bundle: pathToFileURL(bundle).href, file, at: MON_0900, clerkId: `c${i}`, unit: UNIT, start },
        }),
    );
    try {
      const results = workers.map(
        (w) =>
          new Promise<string[]>((resolve, reject) => {
            w.on('message', (m: unknown) => {
              if (isDone(m)) resolve(m.codes);
            });
            w.on('error', reject);
          }),
      );
      await Promise.all(workers.map((w) => once(w, 'message')));
      // Each instance's start-up marked everyone away: the sockets say hello now.
      for (const t of tickets) await main.line.citizenPresent(t.ticketId);
      const flag = new Int32Array(start);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      const perWorker = await Promise.all(results);

      const all = perWorker.flat();
      expect(all).toHaveLength(50);
      expect(new Set(all).size).toBe(50);
      expect([...all].sort()).toEqual(codes(1, 50));
      // FIFO within each clerk: codes only go up.
      for (const list of perWorker) expect(list).toEqual([...list].sort());
      expect((await main.line.unitState(UNIT)).waiting).toBe(0);
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  });
});

function isDone(m: unknown): m is { type: 'done'; codes: string[] } {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'done' && Array.isArray((m as { codes?: unknown }).codes);
}

/** Bundles the real line over SQLite (TypeScript) into one ES module a worker thread can import. */
async function bundleLineForWorkers(dir: string): Promise<string> {
  const esbuild = await import('esbuild');
  const require = createRequire(import.meta.url);
  const betterSqlite = require.resolve('better-sqlite3');
  const root = path.resolve(import.meta.dirname, '../..');
  const outfile = path.join(dir, 'line-bundle.mjs');
  await esbuild.build({
    stdin: {
      contents: [
        `export { openSqliteLine } from './src/server/line/sqlite-line.ts';`,
        `export { parseUnits } from './src/core/index.ts';`,
        `export { silentLogger } from './src/server/logger.ts';`,
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'race-entry.ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
    plugins: [
      {
        name: 'native-better-sqlite3',
        setup(build) {
          build.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: betterSqlite, external: true }));
        },
      },
    ],
  });
  return outfile;
}

/** One clerk per thread, each with its own line (its own SQLite connection) on the same file. */
const RACE_WORKER = `
import { parentPort, workerData } from 'node:worker_threads';
const { openSqliteLine, parseUnits, silentLogger } = await import(workerData.bundle);
const units = new Map(parseUnits([{ id: workerData.unit, name: 'Vara', timezone: 'America/Fortaleza',
  hours: { mon: [['08:00', '14:00']] } }]).map((u) => [u.id, u]));
const line = openSqliteLine({ file: workerData.file, units, logger: silentLogger, now: () => workerData.at,
  config: { answerWindowMs: 60000, graceMs: 180000 } });
const codes = [];
let current = null;
let empty = false;
line.subscribe((n) => {
  if (n.to !== 'clerk') return;
  if (n.event.type === 'calling') { codes.push(n.event.code); current = n.event.code; }
  if (n.event.type === 'line-empty') empty = true;
});
const session = await line.clerkPresent({ clerkId: workerData.clerkId, name: 'Servidor de Teste', unit: workerData.unit });
parentPort.postMessage({ type: 'ready' });
Atomics.wait(new Int32Array(workerData.start), 0, 0);
while (!empty) {
  current = null;
  await line.callNext(session.sessionId);
  if (current !== null) await line.finish(session.sessionId, 'attended');
}
await line.close();
parentPort.postMessage({ type: 'done', codes });
`;

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

describe('tickets tell how long the place is kept without the socket', () => {
  it('gives graceSeconds from the line configuration', async () => {
    const h = new LineHarness({ config: { graceMs: 90_000 } });
    expect((await h.join()).graceSeconds).toBe(90);
  });
});

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
