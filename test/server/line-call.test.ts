// A call through the real server's line sockets when one side's page goes away: the
// citizen's page coming back (reload, reconnection, another tab) resumes the call; the
// clerk's page closing puts the citizen back at the head of the line after a short grace.
// Run over each store kind (SQLite, and SQLite behind a double answering on a later macrotask).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { parseUnits } from '../../src/core/index.js';
import type { CitizenEvent, ClerkEvent, InCallEvent, Ticket } from '../../src/core/protocol/index.js';
import { LocalClerkAuth } from '../../src/server/clerk-auth.js';
import { turnCredentials, type IceSettings } from '../../src/server/ice.js';
import { memoryLogger } from '../../src/server/logger.js';
import { createServer, type BalcaoServer } from '../../src/server/server.js';
import { testConfig, unitsJson } from './helpers.js';
import { connectLine, type LineClient } from './line-client.js';
import { overEachStore, testStore } from './line-helpers.js';

const MONDAY_NOON = Date.parse('2026-11-23T15:00:00Z'); // 12:00 in Natal (UTC−3)
const SECOND = 1000;
const auth = new LocalClerkAuth(Buffer.alloc(32, 7));
const units = new Map(parseUnits([{ ...unitsJson[0], hours: { mon: [['08:00', '14:00']] } }]).map((u) => [u.id, u]));
const TURN: IceSettings = {
  stunUrls: ['stun:stun.tjrn.jus.br:3478'],
  turnUrls: ['turns:turn.tjrn.jus.br:5349'],
  turnSecret: 's3cr3t',
  turnTtlSeconds: 3600,
};

let server: BalcaoServer | undefined;
let clock = MONDAY_NOON;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await server?.stop();
  server = undefined;
});

type Waiting = Extract<CitizenEvent, { type: 'waiting' }>;
type Session = Extract<ClerkEvent, { type: 'session' }>;

/** A server whose deadlines move only when the test ticks the line. */
async function start(): Promise<URL> {
  clock = MONDAY_NOON;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'balcao-call-'));
  server = createServer(testConfig({ dataDir, ice: TURN }), {
    units,
    auth,
    logger: memoryLogger(),
    now: () => clock,
    tickMs: 60_000,
    lineStore: testStore(path.join(dataDir, 'balcao.sqlite')),
  });
  return server.start();
}

async function tick(): Promise<void> {
  await server?.line?.tick();
}

async function join(url: URL): Promise<Ticket> {
  const res = await fetch(new URL('api/units/vara-civel-natal/queue', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ subject: 'case-info' }),
  });
  return (await res.json()) as Ticket;
}

function citizen(url: URL, ticket: Ticket): Promise<LineClient> {
  return connectLine(url, '/api/line', { type: 'hello', ticketId: ticket.ticketId }, sockets);
}

function clerk(url: URL): Promise<LineClient> {
  return connectLine(url, '/api/clerk', { type: 'hello', token: auth.mint({ unit: 'vara-civel-natal', name: 'Maria Aparecida Souza' }, clock) }, sockets);
}

/** Everything the server sent `client` so far (a ping's pong comes after it), taken. */
async function drain(client: LineClient): Promise<{ type: string }[]> {
  client.send({ type: 'ping' });
  await client.next('pong');
  return client.received.splice(0) as { type: string }[];
}

/** A clerk in a call with A-001 (answered), and A-002 waiting with its socket open. */
async function inCall(url: URL) {
  const t1 = await join(url);
  const t2 = await join(url);
  const c1 = await citizen(url, t1);
  const c2 = await citizen(url, t2);
  const desk = await clerk(url);
  const session = await desk.next<Session>('session');
  desk.send({ type: 'call-next' });
  const called = await c1.next<Extract<CitizenEvent, { type: 'called' }>>('called');
  c1.send({ type: 'answer' });
  const answered = await c1.next<InCallEvent>('in-call');
  await desk.next('answered');
  const [, , afterAnswer] = await Promise.all([drain(c1), drain(c2), drain(desk)]);
  return { t1, t2, c1, c2, desk, session, called, answered, afterAnswer };
}

overEachStore(() => {
  describe('a citizen whose line socket comes back during the call', () => {
    it('gets in-call with the clerk as in called and fresh TURN credentials; the clerk, and only then, gets citizen-back', async () => {
      const url = await start();
      const answeredAt = clock;
      const { t1, c1, desk, session, called, answered, afterAnswer } = await inCall(url);
      const clerkShown = { name: 'Maria Souza', unit: '1ª Vara Cível da Comarca de Natal' };
      expect(called.clerk).toEqual(clerkShown);
      expect(answered).toEqual({
        type: 'in-call',
        clerk: clerkShown,
        clerkPeerId: session.peerId,
        ice: {
          iceServers: [{ urls: TURN.stunUrls }, { urls: TURN.turnUrls, ...turnCredentials('s3cr3t', answeredAt, 3600) }],
          iceTransportPolicy: 'all',
        },
      });
      // The first connection, right after answering, is no return.
      expect(afterAnswer.map((e) => e.type)).not.toContain('citizen-back');

      clock += 10 * 60 * SECOND;
      c1.ws.close();
      await desk.next('line'); // the server saw the socket go
      const back = await citizen(url, t1);
      const resumed = await back.next<InCallEvent>('in-call');
      expect(resumed.clerk).toEqual(clerkShown);
      expect(resumed.clerkPeerId).toBe(session.peerId);
      expect(resumed.ice.iceServers[1]).toEqual({ urls: TURN.turnUrls, ...turnCredentials('s3cr3t', clock, 3600) });
      expect(resumed.ice.iceServers[1]?.credential).not.toBe(answered.ice.iceServers[1]?.credential);
      expect(await desk.next('citizen-back')).toEqual({ type: 'citizen-back', code: 'A-001' });
      expect(server?.line?.mayTalk(t1.peerId, session.peerId)).toBe(true);
    });

    it('tells the clerk when another socket takes the ticket over from one still open', async () => {
      const url = await start();
      const { t1, c1, desk } = await inCall(url);
      const closed = new Promise<number>((resolve) => c1.ws.once('close', (code) => resolve(code)));
      const other = await citizen(url, t1);
      await other.next('in-call');
      expect(await closed).toBe(4000);
      expect(await desk.next('citizen-back')).toEqual({ type: 'citizen-back', code: 'A-001' });
    });

    it('tells no clerk when a waiting citizen’s socket comes back', async () => {
      const url = await start();
      const { t2, c2, desk } = await inCall(url);
      c2.ws.close();
      await desk.next('line');
      const back = await citizen(url, t2);
      await back.next('waiting');
      await desk.next('line');
      expect((await drain(desk)).map((e) => e.type)).not.toContain('citizen-back');
    });
  });

  describe('a clerk whose page closes during the call', () => {
    it('puts the citizen back at the head of the line after 20 s, not before, and keeps the clerk’s session', async () => {
      const url = await start();
      const { c1, c2, desk, session, t1 } = await inCall(url);
      desk.ws.close();
      expect((await c2.next<Waiting>('waiting')).clerksServing).toBe(0); // the server saw the socket go

      clock += 19 * SECOND;
      await tick();
      expect((await drain(c1)).map((e) => e.type)).toEqual([]);
      expect(server?.line?.mayTalk(t1.peerId, session.peerId)).toBe(true);

      clock += 1 * SECOND;
      await tick();
      expect(await c1.next('requeued')).toEqual({ type: 'requeued' });
      expect(await c1.next<Waiting>('waiting')).toMatchObject({ code: 'A-001', position: 1 });
      expect(await c2.next<Waiting>('waiting')).toMatchObject({ code: 'A-002', position: 2 });
      expect(server?.line?.mayTalk(t1.peerId, session.peerId)).toBe(false);

      // The clerk signs back in later: the same session, no call re-sent, A-001 at the head.
      clock += 60 * SECOND;
      await tick();
      const again = await clerk(url);
      expect((await again.next<Session>('session')).peerId).toBe(session.peerId);
      const line = await again.next<Extract<ClerkEvent, { type: 'line' }>>('line');
      expect(line.waiting.map((w) => w.code)).toEqual(['A-001', 'A-002']);
      expect((await drain(again)).map((e) => e.type)).not.toContain('calling');
    });

    it('keeps the call when the clerk’s page is back within 20 s, and sends calling and answered again', async () => {
      const url = await start();
      const { c1, c2, desk, t1 } = await inCall(url);
      desk.ws.close();
      expect((await c2.next<Waiting>('waiting')).clerksServing).toBe(0);
      clock += 19 * SECOND;
      await tick();

      const again = await clerk(url);
      await again.next('session');
      expect(await again.next<Extract<ClerkEvent, { type: 'calling' }>>('calling')).toMatchObject({ code: 'A-001', citizenPeerId: t1.peerId });
      expect(await again.next('answered')).toEqual({ type: 'answered', code: 'A-001' });
      clock += 60 * SECOND;
      await tick();
      expect((await drain(c1)).map((e) => e.type)).toEqual([]);
    });
  });
});
