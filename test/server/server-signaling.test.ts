// PeerJS signaling mounted in the real server: only ids the line issued connect, and a
// citizen and a clerk exchange messages only while the line pairs them.
import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { parseUnits } from '../../src/core/index.js';
import type { ClerkEvent, Ticket } from '../../src/core/protocol/index.js';
import { LocalClerkAuth } from '../../src/server/clerk-auth.js';
import { request } from 'node:http';
import { memoryLogger } from '../../src/server/logger.js';
import { createServer, type BalcaoServer } from '../../src/server/server.js';
import { testConfig, unitsJson } from './helpers.js';
import { connectLine } from './line-client.js';
import { connectPeer, receivedWithin, refusedStatus, type PeerClient } from './peer-client.js';

const MONDAY_NOON = Date.parse('2026-11-23T15:00:00Z'); // 12:00 in Natal
const auth = new LocalClerkAuth(Buffer.alloc(32, 3));
const units = new Map(parseUnits(unitsJson).map((u) => [u.id, u]));

let server: BalcaoServer | undefined;
let logs: string[] = [];
const sockets: WebSocket[] = [];
const peers: PeerClient[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const p of peers.splice(0)) p.ws.terminate();
  await server?.stop(500);
  server = undefined;
});

async function start() {
  const logger = memoryLogger();
  logs = logger.lines;
  server = createServer(testConfig(), { units, auth, logger, now: () => MONDAY_NOON, tickMs: 60_000 });
  const url = await server.start();
  return { url, port: Number(url.port) };
}

async function join(url: URL): Promise<Ticket> {
  const res = await fetch(new URL('api/units/vara-civel-natal/queue', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ subject: 'case-info', sealed: false, lawyer: true, libras: false }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Ticket;
}

async function peer(port: number, id: string, token: string): Promise<PeerClient> {
  const p = await connectPeer(port, { id, token });
  peers.push(p);
  return p;
}

/** A signed-in clerk: its line socket and its session (with its PeerJS id and token). */
async function clerk(url: URL) {
  const token = auth.mint({ unit: 'vara-civel-natal', name: 'Maria Aparecida Souza' }, MONDAY_NOON);
  const socket = await connectLine(url, '/api/clerk', { type: 'hello', token }, sockets);
  const session = await socket.next<Extract<ClerkEvent, { type: 'session' }>>('session');
  return { socket, session, token };
}

const offer = (dst: string) => ({ type: 'OFFER', dst, payload: { sdp: { type: 'offer', sdp: 'v=0\r\n' }, type: 'media', connectionId: 'mc_1' } });

/** The status a WebSocket upgrade of `path` from `origin` gets. */
function upgradeStatus(port: number, path: string, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Connection: 'Upgrade', Upgrade: 'websocket', Origin: origin, 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('upgrade', () => reject(new Error('upgraded')));
    req.on('error', reject);
    req.end();
  });
}

describe('signaling in the real server', () => {
  it('lets a ticket and a clerk session connect with their ids and tokens, and nobody else', async () => {
    const { url, port } = await start();
    const ticket = await join(url);
    const { session } = await clerk(url);
    await peer(port, ticket.peerId, ticket.peerToken);
    await peer(port, session.peerId, session.peerToken);
    expect(await refusedStatus(port, { id: 'bv' + '0'.repeat(32), token: ticket.peerToken })).toBe(401);
    expect(await refusedStatus(port, { id: ticket.peerId, token: session.peerToken })).toBe(401);
    expect(await refusedStatus(port, { id: ticket.peerId, token: ticket.peerToken, key: 'peerjs' })).toBe(401);
    expect(await refusedStatus(port, { id: ticket.peerId, token: ticket.peerToken, origin: 'https://evil.example' })).toBe(403);
    // Discovery and id handout are off.
    expect((await fetch(new URL('peerjs/balcao/peers', url))).status).toBe(404);
    expect((await fetch(new URL('peerjs/balcao/id', url))).status).toBe(404);
  });

  it('writes a flood of line and clerk upgrades from a foreign origin as one line, with its count', async () => {
    const { port } = await start();
    for (let i = 0; i < 30; i++) expect(await upgradeStatus(port, i % 2 ? '/api/line' : '/api/clerk', 'https://evil.example')).toBe(403);
    const refused = logs.filter((l) => l.includes('"upgrade_refused"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(refused.map(({ reason, count }) => ({ reason, count }))).toEqual([{ reason: 'origin', count: 1 }]);
  });

  it('relays an offer only once the clerk called that ticket, and closes the citizen socket when the ticket ends', async () => {
    const { url, port } = await start();
    const ticket = await join(url);
    const citizenLine = await connectLine(url, '/api/line', { type: 'hello', ticketId: ticket.ticketId }, sockets);
    await citizenLine.next('waiting');
    const { socket, session } = await clerk(url);
    const citizen = await peer(port, ticket.peerId, ticket.peerToken);
    const desk = await peer(port, session.peerId, session.peerToken);

    desk.send(offer(ticket.peerId));
    expect(await receivedWithin(citizen, 300)).toEqual([]);
    // Told at once that the citizen is not there for it (PeerJS: "peer-unavailable"; the clerk's call module calls again).
    expect(await desk.next()).toEqual({ type: 'EXPIRE', src: ticket.peerId });

    socket.send({ type: 'call-next' });
    await citizenLine.next('called');
    desk.send(offer(ticket.peerId));
    expect(await citizen.next()).toMatchObject({ type: 'OFFER', src: session.peerId });
    citizen.send({ type: 'ANSWER', dst: session.peerId, payload: { sdp: { type: 'answer', sdp: 'v=0\r\n' } } });
    expect(await desk.next()).toMatchObject({ type: 'ANSWER', src: ticket.peerId });

    citizenLine.send({ type: 'answer' });
    await citizenLine.next('in-call');
    socket.send({ type: 'outcome', outcome: 'attended' });
    expect(await citizen.closed).toMatchObject({ code: 4001 });
    // The clerk's signaling socket stays for the next call.
    expect(desk.ws.readyState).toBe(desk.ws.OPEN);
    expect(await refusedStatus(port, { id: ticket.peerId, token: ticket.peerToken })).toBe(401);
  });

  it('closes the socket of a citizen who leaves', async () => {
    const { url, port } = await start();
    const ticket = await join(url);
    const citizen = await peer(port, ticket.peerId, ticket.peerToken);
    const res = await fetch(new URL(`api/tickets/${ticket.ticketId}/leave`, url), { method: 'POST' });
    expect(res.status).toBe(204);
    expect((await citizen.closed).code).toBe(4001);
  });

  it('drops a malformed frame with its socket and keeps serving', async () => {
    const { url, port } = await start();
    const ticket = await join(url);
    const citizen = await peer(port, ticket.peerId, ticket.peerToken);
    citizen.sendRaw('{not json');
    expect((await citizen.closed).code).toBe(1008);
    const again = await peer(port, ticket.peerId, ticket.peerToken);
    again.sendRaw(Buffer.alloc(64 * 1024, 'a'));
    expect((await again.closed).code).toBe(1009);
    expect((await fetch(new URL('api/units/vara-civel-natal', url))).status).toBe(200);
    expect(logs.join('\n')).toContain('signaling_violation');
  });

  it('closes signaling sockets when the server stops, and logs no ids or tokens', async () => {
    const { url, port } = await start();
    const ticket = await join(url);
    const { session, token } = await clerk(url);
    const citizen = await peer(port, ticket.peerId, ticket.peerToken);
    await server?.stop(500);
    server = undefined;
    expect((await citizen.closed).code).toBe(1001);
    const all = logs.join('\n');
    for (const secret of [ticket.ticketId, ticket.peerId, ticket.peerToken, session.peerId, session.peerToken, token, 'Maria']) {
      expect(all).not.toContain(secret);
    }
    expect(all).toContain('signaling_stopped');
  });
});
