// Measurements of the call module, printed (no timed assertion):
//   npx vitest run -c test/e2e/call/measure.config.ts
//
// - Size: src/call bundled with PeerJS vs PeerJS alone, minified, gzip -9 (the budget in
//   DESIGN.md: the call chunk ≤ PeerJS + 6 kB).
// - Set-up time, 10 calls each, alternating, same server, coturn and browsers (relay-only,
//   640×480 fake camera): from the clerk's `startClerkCall()` (which also opens the
//   signaling socket) and from the moment its peer is open (the call placed), to the first
//   remote frame painted at the citizen and at the clerk; and the same for bare PeerJS (the
//   committed spike, test/e2e/webrtc: `peer.call()` on an open peer → first frame). The
//   budget: ≤ 2× bare PeerJS.
import type WebSocket from 'ws';
import { it } from 'vitest';
import type { CalledEvent, ClerkEvent, Ticket } from '../../../src/core/protocol/index.js';
import { connectLine } from '../../server/line-client.js';
import { chunkSizes } from '../harness/bundle.js';
import { median } from '../harness/stats.js';
import { CallPage, startCallPageServer, type CallPageServer } from '../harness/peerjs-pages.js';
import { auth, pairUp, Scope, startWorld, UNIT, type Setup, type World } from './scenario.js';

const RUNS = Number(process.env.CALL_MEASURE_RUNS ?? 10);

const summary = (xs: readonly number[]): string => `median ${Math.round(median(xs))} ms (min ${Math.min(...xs)}, max ${Math.max(...xs)})`;

interface Sample {
  /** From the clerk's start (session) or peer.call() (bare) to the first frame painted at the citizen / at the clerk. */
  readonly citizen: number;
  readonly clerk: number;
  /** Session only: from the clerk's peer open (the call placed) to the first frame at the citizen. */
  readonly fromCall?: number;
}

async function sessionCall(scope: Scope, setup: Setup): Promise<Sample> {
  const { clerk, citizen } = await pairUp(scope, setup, { audio: true, video: true, width: 640 });
  await Promise.all([clerk.waitForRemoteVideo(20_000, 1), citizen.waitForRemoteVideo(20_000, 1)]);
  const { startedAt } = await clerk.snapshot();
  const opened = (await clerk.log()).find((e) => e.type === 'signaling' && e.detail === 'open')?.at ?? NaN;
  const [atCitizen, atClerk] = await Promise.all([citizen.video(), clerk.video()]);
  await clerk.control('hangUp');
  await citizen.waitForEnd(5_000);
  await clerk.lineSend({ type: 'outcome', outcome: 'attended' });
  await scope.closePages();
  return { citizen: (atCitizen.firstFrameAt ?? NaN) - startedAt, clerk: (atClerk.firstFrameAt ?? NaN) - startedAt, fromCall: (atCitizen.firstFrameAt ?? NaN) - opened };
}

async function bareCall(world: World, setup: Setup, pages: CallPageServer): Promise<Sample> {
  const sockets: WebSocket[] = [];
  const res = await fetch(new URL(`api/units/${UNIT}/queue`, setup.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ subject: 'case-info', sealed: false, lawyer: false, libras: false }),
  });
  const ticket = (await res.json()) as Ticket;
  const citizenLine = await connectLine(setup.url, '/api/line', { type: 'hello', ticketId: ticket.ticketId }, sockets);
  await citizenLine.next('waiting');
  const clerkLine = await connectLine(setup.url, '/api/clerk', { type: 'hello', token: auth.mint({ unit: UNIT, name: 'Maria Aparecida Souza' }, Date.now()) }, sockets);
  const session = await clerkLine.next<Extract<ClerkEvent, { type: 'session' }>>('session');
  clerkLine.send({ type: 'call-next' });
  const called = await citizenLine.next<CalledEvent>('called');
  const calling = await clerkLine.next<Extract<ClerkEvent, { type: 'calling' }>>('calling');
  const [clerk, citizen] = await Promise.all([CallPage.open(world.clerkBrowser, pages, 'clerk'), CallPage.open(world.citizenBrowser, pages, 'citizen')]);
  try {
    const port = Number(setup.url.port);
    await Promise.all([
      clerk.start({ id: session.peerId, token: session.peerToken, port, ice: calling.ice, audio: true, video: true, autoAnswer: false }),
      citizen.start({ id: ticket.peerId, token: ticket.peerToken, port, ice: called.ice, audio: true, video: true, autoAnswer: true, expectFrom: session.peerId }),
    ]);
    citizenLine.send({ type: 'answer' });
    await clerkLine.next('answered');
    await clerk.call(ticket.peerId);
    const [atCitizen, atClerk] = await Promise.all([citizen.waitForRemoteVideo(20_000, 1, 1_000), clerk.waitForRemoteVideo(20_000, 1, 1_000)]);
    const start = atClerk.first.callStartedAt ?? NaN;
    await clerk.hangUp();
    clerkLine.send({ type: 'outcome', outcome: 'attended' });
    return { citizen: (atCitizen.first.firstFrameAt ?? NaN) - start, clerk: (atClerk.first.firstFrameAt ?? NaN) - start };
  } finally {
    await Promise.all([clerk.close(), citizen.close()]);
    for (const ws of sockets) ws.terminate();
  }
}

it('measures the call chunk and the call set-up', async (context) => {
  const sizes = await chunkSizes();
  console.info(
    `call chunk (src/call + PeerJS, esbuild minified, gzip -9): ${sizes.call} B; PeerJS alone: ${sizes.peerjs} B; ` +
      `difference ${sizes.call - sizes.peerjs} B (budget 6000 B)`,
  );

  const world = await startWorld();
  const bare = await startCallPageServer();
  try {
    const scope = new Scope(world, context);
    const setup = await scope.setup([bare.origin]);
    const session: Sample[] = [];
    const peerjs: Sample[] = [];
    // One of each first, not counted (the browsers' first call warms caches).
    await sessionCall(scope, setup);
    await bareCall(world, setup, bare);
    for (let i = 0; i < RUNS; i++) {
      session.push(await sessionCall(scope, setup));
      peerjs.push(await bareCall(world, setup, bare));
    }
    const ratio = median(session.map((s) => s.citizen)) / median(peerjs.map((s) => s.citizen));
    console.info(
      [
        `call set-up, ${RUNS} calls each, relay-only through coturn on 127.0.0.1, 640×480:`,
        `  src/call, startClerkCall() → first frame at the citizen: ${summary(session.map((s) => s.citizen))}; at the clerk: ${summary(session.map((s) => s.clerk))}`,
        `  src/call, clerk's peer open (call placed) → first frame at the citizen: ${summary(session.map((s) => s.fromCall ?? NaN))}`,
        `  bare PeerJS, peer.call() → first frame at the citizen: ${summary(peerjs.map((s) => s.citizen))}; at the clerk: ${summary(peerjs.map((s) => s.clerk))}`,
        `  ratio (citizen, medians): ${ratio.toFixed(2)}× bare PeerJS (budget 2×)`,
      ].join('\n'),
    );
  } finally {
    await world.close();
    await bare.close();
  }
});
