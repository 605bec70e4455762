// The line through the real server: HTTP joins, the citizen's and the clerk's sockets,
// over each store kind (SQLite, and SQLite behind a double answering on a later macrotask).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseUnits } from '../../src/core/index.js';
import type { CitizenEvent, ClerkEvent, Ticket } from '../../src/core/protocol/index.js';
import { LocalClerkAuth } from '../../src/server/clerk-auth.js';
import { memoryLogger } from '../../src/server/logger.js';
import { createServer, type BalcaoServer, type ServerOptions } from '../../src/server/server.js';
import { testConfig, unitsJson } from './helpers.js';
import { connectLine } from './line-client.js';
import { overEachStore, testStore } from './line-helpers.js';

const MONDAY_NOON = Date.parse('2026-11-23T15:00:00Z'); // 12:00 in Natal (UTC−3)
const secret = Buffer.alloc(32, 7);
const auth = new LocalClerkAuth(secret);
const units = new Map(
  parseUnits([{ ...unitsJson[0], hours: { mon: [['08:00', '14:00']], tue: [['08:00', '14:00']] } }]).map((u) => [u.id, u]),
);

let server: BalcaoServer | undefined;
let clock = MONDAY_NOON;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await server?.stop();
  server = undefined;
});

/** The server's options: the test clock, deadlines moved only by the test, the line's store of the kind under test. */
function options(dataDir: string, logger = memoryLogger()): ServerOptions {
  return { units, auth, logger, now: () => clock, tickMs: 60_000, lineStore: testStore(path.join(dataDir, 'balcao.sqlite')) };
}

async function start(dataDir = mkdtempSync(path.join(tmpdir(), 'balcao-q-')), joinsPerAddress = 20) {
  clock = MONDAY_NOON;
  const logger = memoryLogger();
  server = createServer(testConfig({ dataDir, joinsPerAddress }), options(dataDir, logger));
  const url = await server.start();
  return { url, logs: logger.lines, dataDir };
}

async function join(url: URL, body: unknown = { subject: 'case-info', sealed: true, lawyer: false, libras: false }) {
  return fetch(new URL('api/units/vara-civel-natal/queue', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function connect(url: URL, pathname: string, hello: object) {
  return connectLine(url, pathname, hello, sockets);
}

overEachStore(() => {
  describe('POST /api/units/:id/queue', () => {
    it('answers a ticket with an unguessable id, a code, position and a PeerJS id and token', async () => {
      const { url } = await start();
      const res = await join(url);
      expect(res.status).toBe(201);
      const ticket = (await res.json()) as Ticket;
      expect(ticket.code).toBe('A-001');
      expect(ticket.position).toBe(1);
      expect(ticket.estimatedWaitMinutes).toBeNull();
      expect(ticket.clerksServing).toBe(0);
      expect(ticket.ticketId).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(ticket.peerId).toMatch(/^bv[0-9a-f]{32}$/);
      expect(ticket.peerToken.length).toBeGreaterThanOrEqual(24);
      expect(ticket.answerWindowSeconds).toBe(60);
    });

    it('keeps the place for the configured grace period and caps the line at the configured size', async () => {
      clock = MONDAY_NOON;
      const logger = memoryLogger();
      const config = testConfig({ graceMs: 120_000, maxWaitingPerUnit: 2 });
      server = createServer(config, options(config.dataDir, logger));
      const url = await server.start();
      const first = (await (await join(url)).json()) as Ticket;
      expect(first.graceSeconds).toBe(120);
      expect((await join(url)).status).toBe(201);
      const full = await join(url);
      expect(full.status).toBe(503);
      expect(((await full.json()) as { error: { code: string } }).error.code).toBe('line_full');
    });

    it('refuses personal data in the body, naming the field', async () => {
      const { url } = await start();
      const res = await join(url, { subject: 'case-info', cpf: '52998224725' });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('bad_request');
      expect(body.error.message).toContain('campo: cpf');
    });

    it('refuses bodies that are not JSON or too large', async () => {
      const { url } = await start();
      const notJson = await fetch(new URL('api/units/vara-civel-natal/queue', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{nope',
      });
      expect(notJson.status).toBe(400);
      const huge = await join(url, { subject: 'other', pad: 'x'.repeat(5000) });
      expect(huge.status).toBe(413);
      expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('too_large');
    });

    it('refuses a closed unit with 409 and a plain message, and an unknown one with 404', async () => {
      const { url } = await start();
      clock = Date.parse('2026-11-23T17:00:00Z'); // 14:00 in Natal: closed
      const closed = await join(url);
      expect(closed.status).toBe(409);
      const body = (await closed.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('unit_closed');
      expect(body.error.message).toMatch(/fechado agora/);
      const unknown = await fetch(new URL('api/units/nao-existe/queue', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ subject: 'other' }),
      });
      expect(unknown.status).toBe(404);
    });

    it('limits joins per client address', async () => {
      const { url } = await start(undefined, 3);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await join(url)).status);
      expect(statuses).toEqual([201, 201, 201, 429]);
    });

    it('tells before joining how many clerks serve now', async () => {
      const { url } = await start();
      const state = (await (await fetch(new URL('api/units/vara-civel-natal/line', url))).json()) as Record<string, unknown>;
      expect(state).toEqual({ open: true, waiting: 0, clerksServing: 0, estimatedWaitMinutes: null });
    });
  });

  describe('the citizen and the clerk sockets', () => {
    it('carry the line from joining to the end of the attendance, with no personal data in the logs', async () => {
      const { url, logs } = await start();
      const ticket = (await (await join(url)).json()) as Ticket;
      const citizen = await connect(url, '/api/line', { type: 'hello', ticketId: ticket.ticketId });
      const waiting = await citizen.next<Extract<CitizenEvent, { type: 'waiting' }>>('waiting');
      expect(waiting).toMatchObject({ code: 'A-001', position: 1, clerksServing: 0 });

      const token = auth.mint({ unit: 'vara-civel-natal', name: 'Maria Aparecida Souza' }, clock);
      const clerk = await connect(url, '/api/clerk', { type: 'hello', token });
      const session = await clerk.next<Extract<ClerkEvent, { type: 'session' }>>('session');
      expect(session.name).toBe('Maria Souza');
      expect(session.unitName).toBe('1ª Vara Cível da Comarca de Natal');
      const line = await clerk.next<Extract<ClerkEvent, { type: 'line' }>>('line');
      expect(line.waiting.map((w) => [w.code, w.sealed])).toEqual([['A-001', true]]);
      // The citizen learns that a clerk is now serving.
      expect((await citizen.next<Extract<CitizenEvent, { type: 'waiting' }>>('waiting')).clerksServing).toBe(1);

      clerk.ws.send(JSON.stringify({ type: 'call-next' }));
      const called = await citizen.next<Extract<CitizenEvent, { type: 'called' }>>('called');
      expect(called.clerk).toEqual({ name: 'Maria Souza', unit: '1ª Vara Cível da Comarca de Natal' });
      expect(called.clerkPeerId).toBe(session.peerId);
      expect(Date.parse(called.answerBy) - clock).toBe(60_000);
      const calling = await clerk.next<Extract<ClerkEvent, { type: 'calling' }>>('calling');
      expect(calling.citizenPeerId).toBe(ticket.peerId);
      expect(server?.line?.mayTalk(ticket.peerId, session.peerId)).toBe(true);

      citizen.ws.send(JSON.stringify({ type: 'answer' }));
      await citizen.next('in-call');
      await clerk.next('answered');
      clock += 5 * 60_000;
      clerk.ws.send(JSON.stringify({ type: 'outcome', outcome: 'attended' }));
      expect(await citizen.next('done')).toEqual({ type: 'done', outcome: 'attended' });
      expect(server?.line?.mayTalk(ticket.peerId, session.peerId)).toBe(false);

      const all = logs.join('\n');
      for (const secretText of [ticket.ticketId, ticket.peerToken, ticket.peerId, session.peerId, token, 'Maria', 'Aparecida']) {
        expect(all).not.toContain(secretText);
      }
    });

    it('relays session descriptions (ICE restart) between the two sides of a call in progress only', async () => {
      const { url } = await start();
      const ticket = (await (await join(url)).json()) as Ticket;
      const citizen = await connect(url, '/api/line', { type: 'hello', ticketId: ticket.ticketId });
      const token = auth.mint({ unit: 'vara-civel-natal', name: 'Maria Souza' }, clock);
      const clerk = await connect(url, '/api/clerk', { type: 'hello', token });
      await clerk.next('session');
      const offer = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };

      clerk.ws.send(JSON.stringify({ type: 'rtc', description: offer }));
      expect(await clerk.next('error')).toMatchObject({ code: 'no_call' });
      clerk.ws.send(JSON.stringify({ type: 'call-next' }));
      await citizen.next('called');
      citizen.ws.send(JSON.stringify({ type: 'rtc', description: offer }));
      expect(await citizen.next('error')).toMatchObject({ code: 'no_call' });

      citizen.ws.send(JSON.stringify({ type: 'answer' }));
      await clerk.next('answered');
      clerk.ws.send(JSON.stringify({ type: 'rtc', description: offer, extra: 'dropped' }));
      expect(await citizen.next('rtc')).toEqual({ type: 'rtc', description: offer });
      citizen.ws.send(JSON.stringify({ type: 'rtc', description: { type: 'answer', sdp: 'v=0\r\n' } }));
      expect(await clerk.next('rtc')).toEqual({ type: 'rtc', description: { type: 'answer', sdp: 'v=0\r\n' } });
      // Not a description: refused, never relayed.
      clerk.ws.send(JSON.stringify({ type: 'rtc', description: { type: 'pranswer', sdp: 'x' } }));
      expect(await clerk.next('error')).toMatchObject({ code: 'bad_request' });
      clerk.ws.send(JSON.stringify({ type: 'rtc', description: { type: 'offer', sdp: 'x'.repeat(12_001) } }));
      expect(await clerk.next('error')).toMatchObject({ code: 'bad_request' });
      expect(citizen.received.filter((m) => (m as { type: string }).type === 'rtc')).toEqual([]);
    });

    it('refuses a forged, an expired and a malformed clerk token', async () => {
      const { url } = await start();
      const forged = new LocalClerkAuth(Buffer.alloc(32, 9)).mint({ unit: 'vara-civel-natal', name: 'Maria Souza' }, clock);
      const expired = auth.mint({ unit: 'vara-civel-natal', name: 'Maria Souza' }, clock - 13 * 3600_000, 12);
      for (const token of [forged, expired, 'bvc1.abc.def', 'x']) {
        const clerk = await connect(url, '/api/clerk', { type: 'hello', token });
        const closed = new Promise<number>((resolve) => clerk.ws.once('close', (code) => resolve(code)));
        expect(await clerk.next('error')).toMatchObject({ code: 'unauthorized' });
        expect(await closed).toBe(4001);
      }
    });

    it('refuses an unknown ticket and commands before hello', async () => {
      const { url } = await start();
      const citizen = await connect(url, '/api/line', { type: 'hello', ticketId: 'AAAAAAAAAAAAAAAAAAAAAAAA' });
      expect(await citizen.next('error')).toMatchObject({ code: 'ticket_not_found' });
      const other = await connect(url, '/api/line', { type: 'answer' });
      expect(await other.next('error')).toMatchObject({ code: 'ticket_not_found' });
    });

    it('answers a non-JSON message with an error, and closes on oversize frames and floods', async () => {
      const { url } = await start();
      const ticket = (await (await join(url)).json()) as Ticket;
      const citizen = await connect(url, '/api/line', { type: 'hello', ticketId: ticket.ticketId });
      await citizen.next('waiting');
      citizen.ws.send('{not json');
      expect(await citizen.next('error')).toMatchObject({ code: 'bad_request' });

      const closedBy = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      const big = await connect(url, '/api/line', { type: 'hello', ticketId: ticket.ticketId });
      await big.next('waiting');
      const bigClosed = closedBy(big.ws);
      big.ws.send('x'.repeat(20 * 1024));
      expect(await bigClosed).toBe(1009);

      const flood = await connect(url, '/api/line', { type: 'hello', ticketId: ticket.ticketId });
      await flood.next('waiting');
      const floodClosed = closedBy(flood.ws);
      for (let i = 0; i < 60; i++) flood.ws.send(JSON.stringify({ type: 'ping' }));
      expect(await floodClosed).toBe(1008);
      // The server goes on serving.
      expect((await join(url)).status).toBe(201);
    });

    it('refuses sockets from origins not allowed', async () => {
      const { url } = await start();
      const ws = new WebSocket(new URL('/api/line', url.href.replace('http', 'ws')), { headers: { origin: 'https://evil.example' } });
      ws.on('error', () => {});
      const status = await new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
      expect(status).toBe(403);
    });

    it('keeps the line across a restart: same people, same order, same codes', async () => {
      const { url, dataDir } = await start();
      const tickets: Ticket[] = [];
      for (let i = 0; i < 4; i++) tickets.push((await (await join(url)).json()) as Ticket);
      await server?.stop();
      server = createServer(testConfig({ dataDir }), options(dataDir));
      const url2 = await server.start();
      for (const [i, t] of tickets.entries()) {
        const citizen = await connect(url2, '/api/line', { type: 'hello', ticketId: t.ticketId });
        expect(await citizen.next('waiting')).toMatchObject({ code: `A-00${i + 1}`, position: i + 1 });
        expect(server.line?.verifyPeer(t.peerId, t.peerToken)).toBe(true);
      }
    });

    it('tells connected sockets when the server stops', async () => {
      const { url } = await start();
      const ticket = (await (await join(url)).json()) as Ticket;
      const citizen = await connect(url, '/api/line', { type: 'hello', ticketId: ticket.ticketId });
      await citizen.next('waiting');
      const closed = new Promise<number>((resolve) => citizen.ws.once('close', (code) => resolve(code)));
      await server?.stop();
      server = undefined;
      expect(await citizen.next('shutdown')).toEqual({ type: 'shutdown' });
      expect(await closed).toBe(1012);
    });
  });
});
