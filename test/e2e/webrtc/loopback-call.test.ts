// A real call, end to end, on loopback only: the Balcão server (line + fenced PeerJS
// signaling), a private coturn on 127.0.0.1 (../harness/turn.ts), and two headless
// Chromiums, one for the clerk and one for the citizen, on bare PeerJS pages
// (../harness/peerjs-pages.ts, peerjs-page.js), at a `relayOnly` unit.
//
// Run: `npx vitest run test/e2e/webrtc` (also part of `npm test`; no build needed). Needs
// the Debian packages `chromium` and `coturn`; nothing is skipped: without coturn the
// suite fails with "apt-get install -y coturn". For a kernel-enforced guarantee that nothing
// leaves loopback, run it in a private network namespace (works unprivileged here, with
// user namespaces, and as root):
//   unshare -rn sh -c 'ip link set lo up && npx vitest run test/e2e/webrtc'
//
// Flow, as the product runs it: join the line (ticket with peerId/peerToken) → clerk
// signs in (session with peerId/peerToken) → both open PeerJS → `call-next` → the citizen
// gets `called` (clerkPeerId, ice), the clerk gets `calling` (citizenPeerId, ice) → the
// citizen says `answer` → the clerk gets `answered` and calls with PeerJS (media + data);
// the citizen's page answers with its own stream → video plays both ways → chat both ways
// → the clerk hangs up → `outcome`.
//
// What this checks beyond "it connects": every request and WebSocket of both pages goes
// to 127.0.0.1; each RTCPeerConnection was configured with only the TURN at 127.0.0.1 and
// `iceTransportPolicy: 'relay'`, gathered only relay candidates at 127.0.0.1, and selected a
// relay–relay pair; remote video paints frames and audio packets arrive on both sides.
//
// Why a relay and not host candidates: Chromium gathers no host candidate on loopback,
// and `--allow-loopback-in-peer-connection` changes nothing in Chromium 156 (two pages
// still gather only 192.0.2.2 and fd00::2, and connect through 192.0.2.2: not allowed).
// In a network namespace with only `lo` there is no host candidate at all, but this relay
// setup works there unchanged (TURN sockets bind to the wildcard address). Relay-only
// through coturn needs no root and is what a court's `relayOnly` unit does in production.
//
// Measured here (Chromium 156, coturn 4.6.1, PeerJS 1.5.5, 2 vCPU; each call prints a
// "webrtc timings" line), 10 runs of this file, all passed: from the clerk's
// `peer.call()` to the first remote frame painted, p50 0.31 s at the citizen and at the
// clerk (0.27–0.60 s), over TURN/TCP p50 0.32 s; the remote 'close' after a hang-up
// p50 27 ms (media) and 38 ms (data). With the machine loaded (load average 9) p50 0.37 s,
// one TCP call 0.9 s. The file takes ≈ 15 s (two Chromiums, two coturns).
//
// PeerJS 1.5.5 behaviour found here, for the product's call module:
// - Let the clerk call. An offer carries only the caller's tracks: an audio-only citizen
//   who calls receives no video from the clerk, unless `call()` passes
//   `{ constraints: { offerToReceiveAudio: true, offerToReceiveVideo: true } }`. When the
//   clerk calls, a citizen answering with audio only (or nothing) still gets the video.
// - 'stream' fires once per remote track (twice for audio + video) with the same stream.
// - A hang-up (`MediaConnection.close()`, `DataConnection.close()`) reaches the other side
//   as 'close' in tens of ms (through a data channel PeerJS adds to media connections).
// - `peer.destroy()` skips every second connection to the same peer (it removes from the
//   array it iterates): with a media and a data connection, the data connection stays
//   open on both sides (RTCPeerConnection 'connected', TURN allocation alive). Close each
//   connection yourself before `destroy()`.
// - A page that vanishes (tab closed, crash) gives the other side no 'close' and no
//   'error': its RTCPeerConnection goes 'disconnected' after ~5 s and 'failed' after ~15 s;
//   watch `connectionState` yourself.
// - The line ending the ticket (`outcome` → 'done', signaling socket closed 4001) does not
//   end the call: the citizen's Peer emits 'error' (network) and 'disconnected', media keeps
//   flowing. The call module must close its connections on 'done'.
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { parseUnits } from '../../../src/core/index.js';
import type { CitizenEvent, ClerkEvent, Ticket } from '../../../src/core/protocol/index.js';
import { LocalClerkAuth } from '../../../src/server/clerk-auth.js';
import { memoryLogger } from '../../../src/server/logger.js';
import { createServer, type BalcaoServer } from '../../../src/server/server.js';
import { testConfig } from '../../server/helpers.js';
import { connectLine, type LineClient } from '../../server/line-client.js';
import { launchCallBrowser, type CallBrowser } from '../harness/chromium.js';
import { startTurn, type TurnServer } from '../harness/turn.js';
import { EVERY_DAY } from '../harness/units.js';
import { CallPage, startCallPageServer, type CallPageServer, type ConnectionStats } from '../harness/peerjs-pages.js';

const UNIT = 'plantao-relay';
const units = new Map(
  parseUnits([{ id: UNIT, name: 'Plantão Judiciário (relay)', timezone: 'America/Fortaleza', holidays: 'none', relayOnly: true, hours: EVERY_DAY }]).map((u) => [u.id, u]),
);
const auth = new LocalClerkAuth(randomBytes(32));

let pages: CallPageServer;
let clerkBrowser: CallBrowser;
let citizenBrowser: CallBrowser;
const sockets: WebSocket[] = [];
const opened: CallPage[] = [];

/** The Balcão server whose ICE configuration is one private coturn. */
interface Setup {
  readonly turn: TurnServer;
  readonly server: BalcaoServer;
  readonly url: URL;
}

async function startSetup(transport: 'udp' | 'tcp'): Promise<Setup> {
  const turn = await startTurn({ transport });
  const server = createServer(testConfig({ allowedOrigins: [pages.origin], ice: turn.ice }), { units, auth, logger: memoryLogger() });
  return { turn, server, url: await server.start() };
}

async function stopSetup(setup: Setup | undefined): Promise<void> {
  await setup?.server.stop(500);
  await setup?.turn.stop();
}

beforeAll(async () => {
  [pages, clerkBrowser, citizenBrowser] = await Promise.all([startCallPageServer(), launchCallBrowser(), launchCallBrowser()]);
}, 60_000);

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await Promise.all(opened.splice(0).map((p) => p.close()));
});

afterAll(async () => {
  await Promise.all([clerkBrowser?.close(), citizenBrowser?.close()]);
  await pages?.close();
});

interface Paired {
  readonly clerk: CallPage;
  readonly citizen: CallPage;
  readonly clerkLine: LineClient;
  readonly citizenLine: LineClient;
  readonly ticket: Ticket;
  readonly called: Extract<CitizenEvent, { type: 'called' }>;
  readonly calling: Extract<ClerkEvent, { type: 'calling' }>;
}

/** A ticket and a clerk, both pages on PeerJS, called and answered on the line: ready for the clerk's PeerJS call. */
async function pairUp({ url }: Setup, citizenMedia: { audio: boolean; video: boolean }): Promise<Paired> {
  const res = await fetch(new URL(`api/units/${UNIT}/queue`, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ subject: 'case-info', sealed: false, lawyer: false, libras: false }),
  });
  expect(res.status).toBe(201);
  const ticket = (await res.json()) as Ticket;
  const citizenLine = await connectLine(url, '/api/line', { type: 'hello', ticketId: ticket.ticketId }, sockets);
  await citizenLine.next('waiting');
  const token = auth.mint({ unit: UNIT, name: 'Maria Aparecida Souza' }, Date.now());
  const clerkLine = await connectLine(url, '/api/clerk', { type: 'hello', token }, sockets);
  const session = await clerkLine.next<Extract<ClerkEvent, { type: 'session' }>>('session');

  clerkLine.send({ type: 'call-next' });
  const called = await citizenLine.next<Extract<CitizenEvent, { type: 'called' }>>('called');
  const calling = await clerkLine.next<Extract<ClerkEvent, { type: 'calling' }>>('calling');
  expect(calling.citizenPeerId).toBe(ticket.peerId);
  expect(called.clerkPeerId).toBe(session.peerId);

  const port = Number(url.port);
  const [clerk, citizen] = await Promise.all([CallPage.open(clerkBrowser, pages, 'clerk'), CallPage.open(citizenBrowser, pages, 'citizen')]);
  opened.push(clerk, citizen);
  await Promise.all([
    clerk.start({ id: session.peerId, token: session.peerToken, port, ice: calling.ice, audio: true, video: true, autoAnswer: false }),
    citizen.start({ id: ticket.peerId, token: ticket.peerToken, port, ice: called.ice, ...citizenMedia, autoAnswer: true, expectFrom: session.peerId }),
  ]);
  citizenLine.send({ type: 'answer' });
  await citizenLine.next('in-call');
  await clerkLine.next('answered');
  return { clerk, citizen, clerkLine, citizenLine, ticket, called, calling };
}

/** Relay only, through our TURN only, on 127.0.0.1 only. */
function expectRelayedOnLoopback(turn: TurnServer, stats: ConnectionStats | null, who: string): void {
  expect(stats, who).not.toBeNull();
  if (!stats) return;
  expect(stats.configuration.iceTransportPolicy, who).toBe('relay');
  expect(stats.configuration.iceServers.flatMap((s) => s.urls), who).toEqual([turn.url]);
  expect(stats.selected, who).toMatchObject({ local: { type: 'relay', address: '127.0.0.1' }, remote: { type: 'relay', address: '127.0.0.1' } });
  expect(stats.localCandidates.length, who).toBeGreaterThan(0);
  for (const c of [...stats.localCandidates, ...stats.remoteCandidates]) expect(c, who).toMatchObject({ type: 'relay', address: '127.0.0.1' });
}

function expectLoopbackTrafficOnly(...sides: CallPage[]): void {
  for (const side of sides) {
    expect(side.nonLoopbackTraffic(), side.label).toEqual([]);
    expect(side.websockets.length, side.label).toBeGreaterThan(0);
    expect(side.errors, side.label).toEqual([]);
  }
}

const ms = (from: number | null, to: number | null): number => (from === null || to === null ? NaN : to - from);

describe('a call between two Chromiums through coturn on 127.0.0.1 (TURN over UDP)', () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await startSetup('udp');
  }, 30_000);
  afterAll(() => stopSetup(setup));

  it('plays video both ways, carries chat both ways, hangs up, and never leaves loopback', { timeout: 60_000 }, async () => {
    const { clerk, citizen, clerkLine, citizenLine, ticket, called, calling } = await pairUp(setup, { audio: true, video: true });
    // Each side gets its own time-limited credentials for this relay only (minted separately:
    // the expiry second may differ).
    for (const ice of [called.ice, calling.ice]) {
      expect(ice).toEqual({ iceTransportPolicy: 'relay', iceServers: [{ urls: [setup.turn.url], username: expect.stringMatching(/^\d+:bv$/), credential: expect.any(String) }] });
    }

    await clerk.call(ticket.peerId);
    const [atCitizen, atClerk] = await Promise.all([citizen.waitForRemoteVideo(), clerk.waitForRemoteVideo()]);
    // 640×480 captured; the encoder may start smaller under load, so only "a picture".
    expect(atCitizen.first.videoWidth).toBeGreaterThan(0);
    expect(atClerk.first.videoWidth).toBeGreaterThan(0);
    expect(atCitizen.later.remoteTracks).toEqual(['audio:live', 'video:live']);
    await Promise.all([citizen.waitForInbound('audio'), clerk.waitForInbound('audio')]);

    await clerk.send('Bom dia! Em que posso ajudar?');
    await citizen.waitForChat('Bom dia! Em que posso ajudar?');
    await citizen.send('Quero saber do meu processo.');
    await clerk.waitForChat('Quero saber do meu processo.');

    for (const [side, which] of [[clerk, 'media'], [clerk, 'data'], [citizen, 'media'], [citizen, 'data']] as const) {
      expectRelayedOnLoopback(setup.turn, await side.stats(which), `${side.label} ${which}`);
    }

    const hungUpAt = Date.now();
    await clerk.hangUp();
    const [mediaClosed, dataClosed] = await Promise.all([citizen.waitForEvent('media-close'), citizen.waitForEvent('data-close')]);
    clerkLine.send({ type: 'outcome', outcome: 'attended' });
    expect(await citizenLine.next('done')).toEqual({ type: 'done', outcome: 'attended' });
    expectLoopbackTrafficOnly(clerk, citizen);

    console.info(
      `webrtc timings (TURN/UDP): call→first frame citizen ${ms(atClerk.first.callStartedAt, atCitizen.first.firstFrameAt)} ms, ` +
        `clerk ${ms(atClerk.first.callStartedAt, atClerk.first.firstFrameAt)} ms; ` +
        `hang-up→remote close media ${mediaClosed.at - hungUpAt} ms, data ${dataClosed.at - hungUpAt} ms`,
    );
  });

  it('lets a citizen without a camera (audio only) see and hear the clerk, and be heard', { timeout: 60_000 }, async () => {
    const { clerk, citizen, clerkLine, ticket } = await pairUp(setup, { audio: true, video: false });
    await clerk.call(ticket.peerId, { data: false });
    const { later } = await citizen.waitForRemoteVideo();
    expect(later.remoteTracks).toEqual(['audio:live', 'video:live']);
    await Promise.all([citizen.waitForInbound('audio'), clerk.waitForInbound('audio')]);
    // The clerk receives the citizen's audio and no video track at all.
    await expect.poll(async () => (await clerk.video()).remoteTracks).toEqual(['audio:live']);
    expect((await clerk.stats('media'))?.inbound.find((r) => r.kind === 'video')?.packets ?? 0).toBe(0);
    expectRelayedOnLoopback(setup.turn, await citizen.stats('media'), 'citizen media');
    await clerk.hangUp();
    await citizen.waitForEvent('media-close');
    clerkLine.send({ type: 'outcome', outcome: 'attended' });
    expectLoopbackTrafficOnly(clerk, citizen);
  });
});

describe('a call through coturn on 127.0.0.1 over TCP (a court whose firewall blocks UDP)', () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await startSetup('tcp');
  }, 30_000);
  afterAll(() => stopSetup(setup));

  it('reaches the relay over TCP and plays video both ways', { timeout: 60_000 }, async () => {
    const { clerk, citizen, clerkLine, ticket } = await pairUp(setup, { audio: true, video: true });
    await clerk.call(ticket.peerId, { data: false });
    const [atCitizen, atClerk] = await Promise.all([citizen.waitForRemoteVideo(), clerk.waitForRemoteVideo()]);
    console.info(
      `webrtc timings (TURN/TCP): call→first frame citizen ${ms(atClerk.first.callStartedAt, atCitizen.first.firstFrameAt)} ms, ` +
        `clerk ${ms(atClerk.first.callStartedAt, atClerk.first.firstFrameAt)} ms`,
    );
    for (const side of [clerk, citizen]) {
      const stats = await side.stats('media');
      expectRelayedOnLoopback(setup.turn, stats, side.label);
      expect(stats?.selected?.local.relayProtocol, side.label).toBe('tcp');
    }
    await clerk.hangUp();
    await citizen.waitForEvent('media-close');
    clerkLine.send({ type: 'outcome', outcome: 'attended' });
    expectLoopbackTrafficOnly(clerk, citizen);
  });
});
