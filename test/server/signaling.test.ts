// The PeerJS signaling server, wired as production wires it: `signaling.app` mounted at
// /peerjs in an Express app, and the HTTP server's 'upgrade' routed by pathname.

import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../../src/server/logger.js';
import type { PeerDirectory } from '../../src/server/peer-directory.js';
import { createSignaling, type Signaling, type SignalingOptions } from '../../src/server/signaling.js';
import { connectDeadPeer, connectPeer, ORIGIN, receivedWithin, refusedStatus, type PeerClient, type PeerParams } from './peer-client.js';

/** The line, as far as signaling sees it: issued ids with their tokens, and pairs. */
class FakeDirectory implements PeerDirectory {
  readonly tokens = new Map<string, Set<string>>();
  readonly pairs = new Set<string>();
  readonly secrets: string[] = [];
  private checks = 0;
  private readonly checkWaiters: (() => void)[] = [];

  issue(): PeerParams {
    const id = `bv-${randomUUID()}`;
    const token = randomUUID();
    this.tokens.set(id, new Set([token]));
    this.secrets.push(id, token);
    return { id, token };
  }
  /** A second valid token for the same id (a clerk session re-issued, say). */
  reissue(id: string): PeerParams {
    const token = randomUUID();
    this.tokens.get(id)?.add(token);
    this.secrets.push(token);
    return { id, token };
  }
  revoke(id: string): void {
    this.tokens.delete(id);
  }
  pair(a: string, b: string): void {
    this.pairs.add(`${a} ${b}`);
    this.pairs.add(`${b} ${a}`);
  }
  verifyPeer(id: string, token: string): boolean {
    return this.tokens.get(id)?.has(token) ?? false;
  }
  mayTalk(src: string, dst: string): boolean {
    this.checks += 1;
    for (const w of this.checkWaiters.splice(0)) w();
    return this.pairs.has(`${src} ${dst}`);
  }
  /** Resolves once `mayTalk` has been asked `n` times in all. */
  async asked(n: number): Promise<void> {
    while (this.checks < n) await new Promise<void>((resolve) => this.checkWaiters.push(resolve));
  }
}

interface Harness {
  readonly port: number;
  readonly signaling: Signaling;
  readonly directory: FakeDirectory;
  readonly logs: string[];
  readonly http: Server;
}

let current: Harness | undefined;
const clients: PeerClient[] = [];

async function start(options: Partial<Omit<SignalingOptions, 'directory' | 'logger'>> = {}): Promise<Harness> {
  const directory = new FakeDirectory();
  const logger = memoryLogger();
  const http = createServer();
  const signaling = createSignaling(http, {
    directory,
    logger,
    originAllowed: (origin) => origin === ORIGIN,
    ...options,
  });
  const app = express();
  app.use('/peerjs', signaling.app);
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'not_found' } });
  });
  http.on('request', app);
  http.on('upgrade', (req, socket, head: Buffer) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (pathname === '/peerjs/peerjs') signaling.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  current = { port, signaling, directory, logs: logger.lines, http };
  return current;
}

async function peer(h: Harness, params: PeerParams): Promise<PeerClient> {
  const client = await connectPeer(h.port, params);
  clients.push(client);
  return client;
}

/** Two fresh peers, paired, with an OFFER relayed from one to the other: signaling works. */
async function expectRelayWorks(h: Harness): Promise<void> {
  const a = h.directory.issue();
  const b = h.directory.issue();
  h.directory.pair(a.id, b.id);
  const ca = await peer(h, a);
  const cb = await peer(h, b);
  ca.send({ type: 'OFFER', dst: b.id, payload: { sdp: 'v=0', connectionId: 'mc_1' } });
  expect(await cb.next()).toEqual({ type: 'OFFER', src: a.id, dst: b.id, payload: { sdp: 'v=0', connectionId: 'mc_1' } });
  await Promise.all([ca.close(), cb.close()]);
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  const h = current;
  current = undefined;
  if (!h) return;
  await h.signaling.close();
  await new Promise<void>((resolve) => h.http.close(() => resolve()));
  // Logs carry event names, reasons and counts: never an id or a token.
  const text = h.logs.join('');
  for (const secret of h.directory.secrets) expect(text).not.toContain(secret);
});

describe('relay', () => {
  it("relays OFFER, ANSWER and CANDIDATE between paired peers, with the sender's true id as src", async () => {
    const h = await start();
    const a = h.directory.issue();
    const b = h.directory.issue();
    h.directory.pair(a.id, b.id);
    const ca = await peer(h, a);
    const cb = await peer(h, b);
    expect(h.signaling.connections).toBe(2);
    expect(h.signaling.upgradePath).toBe('/peerjs/peerjs');

    ca.send({ type: 'HEARTBEAT' });
    ca.send({ type: 'OFFER', src: 'bv-the-clerk-id', dst: b.id, payload: { sdp: 'offer' }, extra: 'dropped' });
    expect(await cb.next()).toEqual({ type: 'OFFER', src: a.id, dst: b.id, payload: { sdp: 'offer' } });
    cb.send({ type: 'ANSWER', dst: a.id, payload: { sdp: 'answer' } });
    expect(await ca.next()).toEqual({ type: 'ANSWER', src: b.id, dst: a.id, payload: { sdp: 'answer' } });
    cb.send({ type: 'CANDIDATE', dst: a.id, payload: { candidate: 'c' } });
    expect(await ca.next()).toMatchObject({ type: 'CANDIDATE', src: b.id });
    expect(cb.unread).toEqual([]); // the heartbeat was not relayed anywhere
  });

  it('queues a message for a paired peer not connected yet, and delivers it when it connects', async () => {
    const h = await start();
    const a = h.directory.issue();
    const b = h.directory.issue();
    h.directory.pair(a.id, b.id);
    const ca = await peer(h, a);
    ca.send({ type: 'OFFER', dst: b.id, payload: { sdp: 'early' } });
    ca.send({ type: 'HEARTBEAT' });
    // The heartbeat came after the OFFER on the same socket: the OFFER is queued by now.
    const cb = await peer(h, b);
    expect(await cb.next()).toEqual({ type: 'OFFER', src: a.id, dst: b.id, payload: { sdp: 'early' } });
  });

  it('drops (and counts) messages to a peer the sender is not paired with, without closing', async () => {
    const h = await start();
    const a = h.directory.issue();
    const b = h.directory.issue();
    const ca = await peer(h, a);
    const cb = await peer(h, b);
    ca.send({ type: 'OFFER', dst: b.id, payload: 'first' });
    ca.send({ type: 'CANDIDATE', dst: b.id, payload: 'second' });
    await h.directory.asked(2);
    // The caller of a dropped OFFER is told the peer is unavailable (PeerJS: "peer-unavailable"), once.
    expect(await ca.next()).toEqual({ type: 'EXPIRE', src: b.id });
    h.directory.pair(a.id, b.id);
    ca.send({ type: 'OFFER', dst: b.id, payload: 'third' });
    expect(await cb.next()).toMatchObject({ type: 'OFFER', src: a.id, payload: 'third' });
    expect(ca.ws.readyState).toBe(ca.ws.OPEN);
    expect(ca.unread, 'nothing for the CANDIDATE, nothing relayed back').toEqual([]);
    expect(h.logs.some((l) => l.includes('"signaling_dropped"') && l.includes('"count":1'))).toBe(true);
    await h.signaling.close(); // resolves once every socket has closed, and logged it
    expect(h.logs.some((l) => l.includes('"signaling_closed"') && l.includes('"dropped":2'))).toBe(true);
  });
});

describe('upgrade checks', () => {
  it('refuses an id the server did not issue, a wrong token, a wrong or missing key, and missing params with 401', async () => {
    const h = await start();
    const a = h.directory.issue();
    expect(await refusedStatus(h.port, { id: 'bv-chosen-by-the-client', token: a.token })).toBe(401);
    expect(await refusedStatus(h.port, { id: a.id, token: randomUUID() })).toBe(401);
    expect(await refusedStatus(h.port, { ...a, key: 'peerjs' })).toBe(401);
    expect(await refusedStatus(h.port, { ...a, key: '' })).toBe(401);
    expect(await refusedStatus(h.port, { id: a.id, token: '' })).toBe(401);
    expect(await refusedStatus(h.port, { id: 'x'.repeat(5000), token: a.token })).toBe(401);
    expect(h.signaling.connections).toBe(0);
    for (const reason of ['peer', 'key', 'params']) {
      expect(h.logs.some((l) => l.includes('"signaling_refused"') && l.includes(`"reason":"${reason}"`))).toBe(true);
    }
    await expectRelayWorks(h);
  });

  it('writes a flood of forged upgrades as counts: the first at once, then one line a minute with the count since', async () => {
    const h = await start();
    const a = h.directory.issue();
    const refused = (): { reason: string; count: number }[] =>
      h.logs.filter((l) => l.includes('"signaling_refused"')).map((l) => JSON.parse(l) as { reason: string; count: number }).map(({ reason, count }) => ({ reason, count }));
    const clock = vi.spyOn(Date, 'now');
    try {
      for (let i = 0; i < 120; i++) expect(await refusedStatus(h.port, { id: `bv-forged-${i}`, token: a.token })).toBe(401);
      expect(refused()).toEqual([{ reason: 'peer', count: 1 }]);
      // A minute later, the next one writes how many came meanwhile (itself included).
      const later = Date.now() + 60_000;
      clock.mockImplementation(() => later);
      expect(await refusedStatus(h.port, { id: 'bv-forged-later', token: a.token })).toBe(401);
      expect(refused()).toEqual([
        { reason: 'peer', count: 1 },
        { reason: 'peer', count: 120 },
      ]);
    } finally {
      clock.mockRestore();
    }
    await expectRelayWorks(h);
  });

  it('refuses an origin not allowed, and no origin when the policy says so, with 403', async () => {
    const h = await start();
    const a = h.directory.issue();
    expect(await refusedStatus(h.port, { ...a, origin: 'https://evil.example' })).toBe(403);
    expect(await refusedStatus(h.port, { ...a, origin: null })).toBe(403);
    expect(h.logs.some((l) => l.includes('"reason":"origin"'))).toBe(true);
    await expectRelayWorks(h);
  });

  it('lets the policy accept a non-browser client without Origin', async () => {
    const h = await start({ originAllowed: (origin) => origin === undefined || origin === ORIGIN });
    const a = h.directory.issue();
    const client = await peer(h, { ...a, origin: null });
    expect(client.ws.readyState).toBe(client.ws.OPEN);
  });

  it('refuses with 503 beyond the concurrent limit, but still lets a connected id reconnect', async () => {
    const h = await start({ concurrentLimit: 1 });
    const a = h.directory.issue();
    const b = h.directory.issue();
    const ca = await peer(h, a);
    expect(await refusedStatus(h.port, b)).toBe(503);
    const ca2 = await peer(h, a);
    expect((await ca.closed).code).toBe(4000);
    expect(ca2.ws.readyState).toBe(ca2.ws.OPEN);
    expect(h.signaling.connections).toBe(1);
  });

  it('leaves other paths to the caller (destroyed here)', async () => {
    const h = await start();
    const a = h.directory.issue();
    await expect(connectPeer(h.port, { ...a, path: '/peerjs/other' })).rejects.toThrow(/socket hang up/);
  });
});

describe('bad frames', () => {
  const cases: [string, (dst: string) => string | Buffer, number][] = [
    ['non-JSON', () => 'not json {', 1008],
    ['a JSON string', () => '"x"', 1008],
    ['JSON null', () => 'null', 1008],
    ['a JSON number', () => '123', 1008],
    ['a JSON array', (dst) => JSON.stringify([{ type: 'OFFER', dst }]), 1008],
    ['an unknown type', (dst) => JSON.stringify({ type: 'EXPIRE', dst }), 1008],
    ['a server-only type', () => JSON.stringify({ type: 'OPEN' }), 1008],
    ['no type', (dst) => JSON.stringify({ dst, payload: 1 }), 1008],
    ['a relay without dst', () => JSON.stringify({ type: 'LEAVE' }), 1008],
    ['a relay with a non-string dst', () => JSON.stringify({ type: 'OFFER', dst: { id: 1 } }), 1008],
    ['a binary frame', () => Buffer.from('{"type":"HEARTBEAT"}'), 1008],
    ['a frame over 16 KiB', (dst) => JSON.stringify({ type: 'OFFER', dst, payload: 'x'.repeat(17 * 1024) }), 1009],
  ];

  it.each(cases)('closes the socket on %s; the server lives on and relays', async (_name, frame, code) => {
    const h = await start();
    const a = h.directory.issue();
    const b = h.directory.issue();
    h.directory.pair(a.id, b.id);
    const ca = await peer(h, a);
    const cb = await peer(h, b);
    const data = frame(b.id);
    ca.sendRaw(data, Buffer.isBuffer(data));
    expect((await ca.closed).code).toBe(code);
    expect(cb.unread).toEqual([]);
    expect(cb.ws.readyState).toBe(cb.ws.OPEN);
    await expectRelayWorks(h);
    expect(h.logs.some((l) => l.includes(code === 1009 ? '"signaling_error"' : '"signaling_violation"'))).toBe(true);
  });

  it('closes a socket that sends faster than its token bucket allows (1008)', async () => {
    const h = await start({ messagesPerSecond: 1 });
    const a = h.directory.issue();
    const ca = await peer(h, a);
    for (let i = 0; i < 10; i++) ca.send({ type: 'HEARTBEAT' });
    expect(await ca.closed).toEqual({ code: 1008, reason: 'rate' });
    expect(h.logs.some((l) => l.includes('"reason":"rate"'))).toBe(true);
    await expectRelayWorks(h);
  });

  it('keeps a peer id\'s budget across its sockets: reconnecting after each burst does not refill it', async () => {
    const h = await start({ messagesPerSecond: 2 });
    const a = h.directory.issue();
    const b = h.directory.issue();
    h.directory.pair(a.id, b.id);
    const cb = await peer(h, b);
    // A burst of twice the rate (4) goes through, then the socket closes itself.
    const first = await peer(h, a);
    for (let i = 0; i < 4; i++) first.send({ type: 'CANDIDATE', dst: b.id, payload: i });
    for (let i = 0; i < 4; i++) expect(await cb.next()).toMatchObject({ payload: i });
    await first.close();
    // At once again with the same id: the budget is what the first socket left (nothing), not a fresh burst.
    const second = await peer(h, a);
    second.send({ type: 'CANDIDATE', dst: b.id, payload: 'again' });
    expect(await second.closed).toEqual({ code: 1008, reason: 'rate' });
    expect(await receivedWithin(cb, 200)).toEqual([]);
    // The line ended that peer: a new ticket's id starts with a full budget.
    h.signaling.disconnect(a.id, 'ended');
    await expectRelayWorks(h);
  });

  it('lets a burst of 100 messages through at the default rate', async () => {
    const h = await start();
    const a = h.directory.issue();
    const b = h.directory.issue();
    h.directory.pair(a.id, b.id);
    const ca = await peer(h, a);
    const cb = await peer(h, b);
    for (let i = 0; i < 100; i++) ca.send({ type: 'CANDIDATE', dst: b.id, payload: i });
    for (let i = 0; i < 100; i++) expect(await cb.next()).toMatchObject({ payload: i });
    expect(ca.ws.readyState).toBe(ca.ws.OPEN);
  });
});

describe('one socket per id', () => {
  it('closes the old socket with 4000 before a newer one with the same id takes over', async () => {
    const h = await start();
    const a = h.directory.issue();
    const b = h.directory.issue();
    h.directory.pair(a.id, b.id);
    const old = await peer(h, a);
    const cb = await peer(h, b);
    let oldClosedFirst = false;
    void old.closed.then(() => (oldClosedFirst = true));
    const fresh = await peer(h, a);
    expect(oldClosedFirst).toBe(true);
    expect(await old.closed).toEqual({ code: 4000, reason: 'replaced by a newer connection' });
    cb.send({ type: 'OFFER', dst: a.id, payload: 'to the new socket' });
    expect(await fresh.next()).toMatchObject({ type: 'OFFER', src: b.id, payload: 'to the new socket' });
    expect(h.signaling.connections).toBe(2);
    expect(h.logs.some((l) => l.includes('"signaling_replaced"'))).toBe(true);
  });

  it('takes over with another valid token too (stock PeerServer answers ID-TAKEN)', async () => {
    const h = await start();
    const a = h.directory.issue();
    const old = await peer(h, a);
    const fresh = await peer(h, h.directory.reissue(a.id));
    expect((await old.closed).code).toBe(4000);
    expect(fresh.ws.readyState).toBe(fresh.ws.OPEN);
  });

  it('cuts an old socket that never answers the close after replaceTimeoutMs', async () => {
    const h = await start({ replaceTimeoutMs: 50 });
    const a = h.directory.issue();
    const dead = await connectDeadPeer(h.port, a);
    const fresh = await peer(h, a);
    await dead.closed;
    expect(fresh.ws.readyState).toBe(fresh.ws.OPEN);
    expect(h.signaling.connections).toBe(1);
  });
});

describe('HTTP part', () => {
  it('answers 404 to id generation and peer discovery, and sends no CORS headers', async () => {
    const h = await start();
    const base = `http://127.0.0.1:${h.port}/peerjs`;
    const id = await fetch(`${base}/balcao/id`, { headers: { origin: ORIGIN } });
    expect(id.status).toBe(404);
    expect(await id.text()).not.toMatch(/^[0-9a-f-]{36}$/);
    expect(id.headers.get('access-control-allow-origin')).toBeNull();
    const peers = await fetch(`${base}/balcao/peers`);
    expect(peers.status).toBe(404);
    expect(await fetch(`${base}/peerjs/id`).then((r) => r.status)).toBe(404);
    const info = await fetch(`${base}/`, { headers: { origin: 'https://evil.example' } });
    expect(info.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('disconnect and close', () => {
  it('disconnect() closes the peer with 4001 and the reason; a revoked token cannot come back', async () => {
    const h = await start();
    const a = h.directory.issue();
    const b = h.directory.issue();
    const ca = await peer(h, a);
    const cb = await peer(h, b);
    h.directory.revoke(a.id);
    h.signaling.disconnect(a.id, 'ticket ended');
    expect(await ca.closed).toEqual({ code: 4001, reason: 'ticket ended' });
    expect(h.signaling.connections).toBe(1);
    expect(await refusedStatus(h.port, a)).toBe(401);
    h.signaling.disconnect('bv-not-connected', 'nothing to do');
    expect(cb.ws.readyState).toBe(cb.ws.OPEN);
  });

  it('close() sends 1001 to every socket, refuses new ones with 503 and resolves', async () => {
    const h = await start();
    const a = h.directory.issue();
    const b = h.directory.issue();
    const ca = await peer(h, a);
    const cb = await peer(h, b);
    await h.signaling.close();
    expect((await ca.closed).code).toBe(1001);
    expect((await cb.closed).code).toBe(1001);
    expect(h.signaling.connections).toBe(0);
    expect(await refusedStatus(h.port, a)).toBe(503);
    await h.signaling.close(); // idempotent
  });

  it("stops PeerServer's timers on close()", async () => {
    const timeouts = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timeouts();
    const signaling = createSignaling(createServer(), {
      directory: new FakeDirectory(),
      logger: memoryLogger(),
      originAllowed: () => true,
    });
    expect(timeouts()).toBe(before + 2); // message expiry and the dead-connection check
    await signaling.close();
    expect(timeouts()).toBe(before);
  });
});
