// The built server as a process (`node dist/node/server/main.js`, what `npm start` runs):
// a whole attendance with every log line captured from its stderr, then SIGTERM — clients
// are told, the store is flushed, the process exits 0, and a restart finds the line.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import type { ClerkEvent, Ticket } from '../../src/core/protocol/index.js';
import { LocalClerkAuth, loadOrCreateSecret } from '../../src/server/clerk-auth.js';
import { connectLine } from '../server/line-client.js';
import { ORIGIN, connectPeer } from '../server/peer-client.js';
import { startBuiltServer, type Running } from './harness/built-server.js';

const UNIT = 'plantao-judiciario'; // the demo's 24-hour unit: open whenever the test runs

const children: ChildProcess[] = [];
const sockets: WebSocket[] = [];

afterEach(() => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function startProcess(dataDir: string): Promise<Running> {
  return startBuiltServer(['--port', '0', '--host', '127.0.0.1', '--data', dataDir, '--no-demo', '--allowed-origins', ORIGIN], { MAIL_TRANSPORT: 'files' }, children);
}

async function join(url: URL, body: object): Promise<Ticket> {
  const res = await fetch(new URL(`api/units/${UNIT}/queue`, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Ticket;
}

describe('the server process', () => {
  it('logs a whole attendance without personal data, and stops cleanly on SIGTERM', { timeout: 30_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'balcao-proc-'));
    const first = await startProcess(dataDir);
    const served = await join(first.url, { subject: 'case-info', sealed: true, lawyer: true, libras: false });
    const waiting = await join(first.url, { subject: 'other', sealed: false, lawyer: false, libras: true });
    const citizen = await connectLine(first.url, '/api/line', { type: 'hello', ticketId: served.ticketId }, sockets);
    await citizen.next('waiting');
    const other = await connectLine(first.url, '/api/line', { type: 'hello', ticketId: waiting.ticketId }, sockets);
    await other.next('waiting');

    const token = new LocalClerkAuth(await loadOrCreateSecret(dataDir)).mint({ unit: UNIT, name: 'Maria Aparecida Souza' }, Date.now());
    const clerk = await connectLine(first.url, '/api/clerk', { type: 'hello', token }, sockets);
    const session = await clerk.next<Extract<ClerkEvent, { type: 'session' }>>('session');
    const port = Number(first.url.port);
    const citizenPeer = await connectPeer(port, { id: served.peerId, token: served.peerToken });
    const clerkPeer = await connectPeer(port, { id: session.peerId, token: session.peerToken });
    clerk.send({ type: 'call-next' });
    await citizen.next('called');
    clerkPeer.send({ type: 'OFFER', dst: served.peerId, payload: { sdp: { type: 'offer', sdp: 'v=0\r\n' } } });
    expect(await citizenPeer.next()).toMatchObject({ type: 'OFFER', src: session.peerId });
    citizen.send({ type: 'answer' });
    await clerk.next('answered');
    clerk.send({ type: 'outcome', outcome: 'attended' });
    await citizen.next('done');
    citizenPeer.sendRaw('not json at all');
    await citizenPeer.closed;

    first.child.kill('SIGTERM');
    expect(await other.next('shutdown')).toEqual({ type: 'shutdown' });
    expect((await clerkPeer.closed).code).toBe(1001);
    expect(await first.exited).toBe(0);

    const logs = first.stderr();
    const events = logs
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { event: string }).event);
    expect(events).toEqual(expect.arrayContaining(['server_started', 'line_join', 'line_call', 'line_end', 'signaling_open', 'server_stopped']));
    for (const secret of [served.ticketId, served.peerId, served.peerToken, waiting.ticketId, session.peerId, session.peerToken, token, 'Maria', 'Aparecida', '127.0.0.1']) {
      expect(logs).not.toContain(secret);
    }

    // Flushed and found again: the one still waiting keeps the place and the code.
    const second = await startProcess(dataDir);
    const back = await connectLine(second.url, '/api/line', { type: 'hello', ticketId: waiting.ticketId }, sockets);
    expect(await back.next('waiting')).toMatchObject({ code: waiting.code, position: 1 });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
