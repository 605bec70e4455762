// The call module (src/call) end to end: two headless Chromiums (one per side, fake camera
// and microphone), the real Balcão server (line + fenced PeerJS signaling), and a private
// coturn on 127.0.0.1 at a relay-only unit, so nothing leaves loopback.
//
// Run: `npx vitest run test/e2e/call` (part of `npm test`; no build needed: the page's
// script is bundled here with esbuild from src/call and PeerJS). Needs the Debian packages
// `chromium` and `coturn`.
//
// How each page is wired, as the product will be: the page opens its own line socket
// (`/api/line` with the ticket, `/api/clerk` with the clerk token; a real WebSocket that
// says hello again after a server restart) and hands it to the CallSession as the relay of
// the ICE restart descriptions (page-script.ts). Node only plays the citizen's "join the line"
// POST and mints the clerk's token. Every request and WebSocket frame of both pages is
// recorded (pages.ts): the sealed-case CPF must be in none of them (it travels only on the
// call's data channel), and every URL, ICE server and candidate is on 127.0.0.1.
//
// Cases: the whole call (video both ways, chat, identification, switches, quality, hang-up);
// an audio-only citizen and the line ending the call; another tab taking the citizen's peer
// id over ('replaced'); coturn killed for 8 s (ICE restart over the line relay); the Balcão
// server restarted mid-call (media goes on, signaling comes back), then the clerk's page
// closed (page.close(): 'pagehide' says goodbye); the clerk's renderer crashed (no goodbye:
// the citizen's session ends by itself, ~18 s with the production timings).
//
// Measured here (2 vCPU shared with other suites, load average 4–10), 5 runs of the file,
// all passed, 59–65 s each (the crash case alone ~20 s): coturn killed → both sides
// `reconnecting` 5.0–6.1 s; coturn back → `connected` 0.3–1.3 s (one ICE restart, a
// 6.25 kB offer with one relay candidate); clerk's hang-up → citizen ended 15–66 ms; server
// back → both peers on signaling again 1.5–3.5 s; crash → citizen `failed` 17.5–18.1 s.
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { CallState } from '../../../src/call/index.js';
import type { CallSide } from './pages.js';
import type { RestartableTurn } from '../harness/turn.js';
import { pairUp, Scope, sleep, startWorld, type World } from './scenario.js';

/** A valid CPF (check digits right), as the identification form would send it: 11 digits. */
const CPF = '52998224725';
const IDENTIFICATION = { name: 'José Pereira Teste', cpf: CPF, role: 'party', caseNumber: '0801234-56.2026.8.20.5001' } as const;

/** How long coturn stays down in the recovery case (CALL_OUTAGE_MS to try longer ones). */
const OUTAGE_MS = Number(process.env.CALL_OUTAGE_MS ?? 8_000);

let world: World;
beforeAll(async () => {
  world = await startWorld();
}, 60_000);
afterAll(() => world?.close());

const scopeOf = (context: TestContext): Scope => new Scope(world, context);

/** Video painting on both sides (on failure, both sides' RTP stats: the sender's tell why). */
async function playing(clerk: CallSide, citizen: CallSide): Promise<void> {
  try {
    await Promise.all([clerk.waitForRemoteVideo(), citizen.waitForRemoteVideo()]);
  } catch (error) {
    throw new Error(`${String(error)}\n--- clerk\n${await clerk.diagnostics()}\n--- citizen\n${await citizen.diagnostics()}`, { cause: error });
  }
}

/** Connected both ways, and video painting on both sides. */
async function connected(clerk: CallSide, citizen: CallSide): Promise<void> {
  await Promise.all([clerk.waitForState('connected'), citizen.waitForState('connected')]);
  await playing(clerk, citizen);
}

/** Relay only, through our TURN only, on 127.0.0.1 only. */
async function expectRelayedOnLoopback(side: CallSide, turn: RestartableTurn): Promise<void> {
  const info = await side.connection();
  expect(info, side.label).not.toBeNull();
  expect(info?.iceTransportPolicy, side.label).toBe('relay');
  expect(info?.iceServerUrls, side.label).toEqual([turn.url]);
  expect(info?.selected, side.label).toMatchObject({ local: { type: 'relay', address: '127.0.0.1' }, remote: { type: 'relay', address: '127.0.0.1' } });
  for (const c of info?.candidates ?? []) expect(c, side.label).toMatchObject({ type: 'relay', address: '127.0.0.1' });
}

function expectLoopbackOnly(...sides: CallSide[]): void {
  for (const side of sides) {
    expect(side.nonLoopbackTraffic(), side.label).toEqual([]);
    expect(side.websockets.length, side.label).toBeGreaterThan(0);
  }
}

/** Video frames painted on `side` over `ms` (> 0: the picture moves). */
async function framesOver(side: CallSide, ms: number): Promise<number> {
  const before = (await side.video()).painted;
  await sleep(ms);
  return (await side.video()).painted - before;
}

function sequence(states: CallState[]): string {
  return states.join(' → ');
}

describe('a call with src/call between two Chromiums through coturn on 127.0.0.1', () => {
  it('connects with video both ways, carries chat, identification and switches on the data channel only, and hangs up for both', { timeout: 45_000 }, async (context) => {
    const scope = scopeOf(context);
    const setup = await scope.setup();
    const { clerk, citizen } = await pairUp(scope, setup, { audio: true, video: true, identification: IDENTIFICATION });
    await connected(clerk, citizen);
    for (const side of [clerk, citizen]) {
      expect((await side.video()).remoteTracks, side.label).toEqual(['audio:live', 'video:live']);
      // PeerJS says 'stream' once per track: the session says it once.
      expect((await side.snapshot()).remoteStreams, side.label).toBe(1);
    }

    await clerk.chat('Bom dia! Em que posso ajudar?');
    await citizen.waitForChat('Bom dia! Em que posso ajudar?');
    await citizen.chat('Quero saber do meu processo.');
    await clerk.waitForChat('Quero saber do meu processo.');

    // The identification reached the clerk, over the data channel: never a frame or request.
    await expect.poll(async () => (await clerk.snapshot()).identification, { timeout: 5_000 }).toEqual(IDENTIFICATION);
    expect((await citizen.snapshot()).identification).toBeNull();

    // Switches reach the other side (to show "microfone desligado" / an avatar).
    await expect.poll(async () => (await clerk.snapshot()).remoteMedia).toEqual({ microphone: true, camera: true, audioOnly: false });
    await citizen.control('muteMic');
    await citizen.control('cameraOff');
    await expect.poll(async () => (await clerk.snapshot()).remoteMedia).toEqual({ microphone: false, camera: false, audioOnly: false });
    await citizen.control('unmuteMic');
    await citizen.control('cameraOn');
    await expect.poll(async () => (await clerk.snapshot()).remoteMedia).toEqual({ microphone: true, camera: true, audioOnly: false });

    // Quality every 3 s while connected; on loopback it is good.
    await expect.poll(async () => (await clerk.snapshot()).quality.length, { timeout: 8_000 }).toBeGreaterThan(0);
    expect((await clerk.snapshot()).quality.at(-1)).toBe('good');

    for (const side of [clerk, citizen]) await expectRelayedOnLoopback(side, setup.turn);

    const hungUpAt = Date.now();
    await clerk.control('hangUp');
    const [atClerk, atCitizen] = await Promise.all([clerk.waitForEnd(2_000), citizen.waitForEnd(5_000)]);
    expect(atClerk.reason).toBe('hung-up-local');
    expect(atCitizen.reason).toBe('hung-up-remote');
    await clerk.lineSend({ type: 'outcome', outcome: 'attended' });
    await citizen.lineMessage('done');

    for (const side of [clerk, citizen]) {
      expect(side.leaks(CPF), side.label).toEqual([]);
      expect(side.leaks('529.982.247-25'), side.label).toEqual([]);
      expect(side.leaks(IDENTIFICATION.name), side.label).toEqual([]);
      expect(side.errors, side.label).toEqual([]);
    }
    // The relay frames are there to be searched: the line socket carried hello, called, answer…
    expect(citizen.frames.some((f) => f.url.endsWith('/api/line') && f.payload.includes('"answer"'))).toBe(true);
    expectLoopbackOnly(clerk, citizen);
    console.info(`call: hang-up → citizen ended ${atCitizen.at - hungUpAt} ms`);
  });

  it('serves a citizen without a camera, tells the clerk going audio only, and ends when the line ends the ticket', { timeout: 45_000 }, async (context) => {
    const scope = scopeOf(context);
    const setup = await scope.setup();
    const { clerk, citizen } = await pairUp(scope, setup, { audio: true, video: false });
    await Promise.all([clerk.waitForState('connected'), citizen.waitForState('connected')]);
    await citizen.waitForRemoteVideo();
    await expect.poll(async () => (await clerk.video()).remoteTracks).toEqual(['audio:live']);
    await expect.poll(async () => (await clerk.snapshot()).remoteMedia).toEqual({ microphone: true, camera: false, audioOnly: true });

    await clerk.control('switchToAudioOnly');
    await expect.poll(async () => (await citizen.snapshot()).remoteMedia).toEqual({ microphone: true, camera: false, audioOnly: true });
    // The clerk's camera is off for good: the citizen's picture stops.
    await sleep(300);
    expect(await framesOver(citizen, 700)).toBe(0);

    // The clerk marks the outcome without hanging up first: the line ends the ticket ('done',
    // signaling closed with 4001) and the citizen's session ends; its goodbye ends the clerk's.
    await clerk.lineSend({ type: 'outcome', outcome: 'attended' });
    const [atCitizen, atClerk] = await Promise.all([citizen.waitForEnd(5_000), clerk.waitForEnd(5_000)]);
    expect(atCitizen.reason).toBe('line-ended');
    expect(atClerk.reason).toBe('hung-up-remote');
    for (const side of [clerk, citizen]) expect(side.errors, side.label).toEqual([]);
    expectLoopbackOnly(clerk, citizen);
  });

  it('ends a tab whose peer id another tab took over, without fighting back', { timeout: 45_000 }, async (context) => {
    const scope = scopeOf(context);
    const setup = await scope.setup();
    const { clerk, citizen, citizenStart } = await pairUp(scope, setup, { audio: true, video: true });
    await Promise.all([clerk.waitForState('connected'), citizen.waitForState('connected')]);
    const other = await scope.open(world.citizenBrowser, 'citizen (other tab)');
    await other.startIntruder(citizenStart);
    const end = await citizen.waitForEnd(5_000);
    expect(end.reason).toBe('replaced');
    expect((await clerk.waitForEnd(5_000)).reason).toBe('hung-up-remote');
    // The replaced tab did not take the id back: the other tab stays on signaling.
    await sleep(1_000);
    expect((await other.log()).filter((e) => e.type === 'intruder-ended' || (e.type === 'intruder-signaling' && e.detail === 'reconnecting'))).toEqual([]);
  });
});

describe('a call with src/call when the network, the server or the other page goes away', () => {
  it(`comes back after coturn is down for ${OUTAGE_MS / 1000} s, by an ICE restart over the line relay`, { timeout: 60_000 + OUTAGE_MS }, async (context) => {
    const scope = scopeOf(context);
    const setup = await scope.setup();
    const { clerk, citizen } = await pairUp(scope, setup, { audio: true, video: true });
    await connected(clerk, citizen);

    await setup.turn.kill();
    const killedAt = Date.now();
    const [clerkTrouble, citizenTrouble] = await Promise.all([clerk.waitForState('reconnecting', 15_000), citizen.waitForState('reconnecting', 15_000)]);
    await sleep(Math.max(0, killedAt + OUTAGE_MS - Date.now()));
    await setup.turn.start();
    const restartedAt = Date.now();

    await Promise.all([
      clerk.page.waitForFunction(() => window.harness.log().filter((e) => e.type === 'state' && e.detail === 'connected').length >= 2, undefined, { timeout: 30_000 }),
      citizen.page.waitForFunction(() => window.harness.log().filter((e) => e.type === 'state' && e.detail === 'connected').length >= 2, undefined, { timeout: 30_000 }),
    ]).catch(async (error: unknown) => {
      throw new Error(`no recovery: clerk ${JSON.stringify(await clerk.log())}\ncitizen ${JSON.stringify(await citizen.log())}\n${setup.turn.log().slice(-2000)}`, { cause: error });
    });
    const backAt = Math.max(...(await Promise.all([clerk.log(), citizen.log()])).map((log) => log.filter((e) => e.type === 'state' && e.detail === 'connected').at(-1)?.at ?? NaN));
    for (const side of [clerk, citizen]) expect(sequence(await side.states()), side.label).toBe('connected → reconnecting → connected');

    // The way back was an ICE restart whose descriptions went over the line sockets.
    expect((await clerk.snapshot()).iceRestarts).toBeGreaterThanOrEqual(1);
    const rtcSent = (side: CallSide, path: string, type: string): number =>
      side.frames.filter((f) => f.direction === 'sent' && f.url.endsWith(path) && f.payload.includes('"type":"rtc"') && f.payload.includes(`"type":"${type}"`)).length;
    expect(rtcSent(clerk, '/api/clerk', 'offer')).toBeGreaterThanOrEqual(1);
    expect(rtcSent(citizen, '/api/line', 'answer')).toBeGreaterThanOrEqual(1);
    const offers = clerk.frames.filter((f) => f.direction === 'sent' && f.url.endsWith('/api/clerk') && f.payload.includes('"offer"'));
    const offerSizes = offers.map((f) => `${f.payload.length} chars, ${f.payload.split('a=candidate').length - 1} candidates`);

    await playing(clerk, citizen);
    const videoBackAt = Date.now();
    await clerk.chat('Voltou?');
    await citizen.waitForChat('Voltou?');
    for (const side of [clerk, citizen]) await expectRelayedOnLoopback(side, setup.turn);

    await citizen.control('hangUp');
    const [atClerk, atCitizen] = await Promise.all([clerk.waitForEnd(5_000), citizen.waitForEnd(2_000)]);
    expect(atCitizen.reason).toBe('hung-up-local');
    expect(atClerk.reason).toBe('hung-up-remote');
    expectLoopbackOnly(clerk, citizen);
    console.info(
      `call recovery: coturn killed → reconnecting clerk ${clerkTrouble.at - killedAt} ms, citizen ${citizenTrouble.at - killedAt} ms; ` +
        `coturn back → connected ${backAt - restartedAt} ms, video playing both ways again ${videoBackAt - restartedAt} ms; ICE restarts ${(await clerk.snapshot()).iceRestarts}; relayed offers ${offerSizes.length} (${offerSizes.join('; ')})`,
    );
  });

  it('keeps the media going while the Balcão server restarts, reconnects to signaling, and ends when the clerk closes the page', { timeout: 60_000 }, async (context) => {
    const scope = scopeOf(context);
    const setup = await scope.setup();
    const { clerk, citizen } = await pairUp(scope, setup, { audio: true, video: true });
    await connected(clerk, citizen);

    let serverBack = false;
    const restarting = setup.restart(3_000).then(() => (serverBack = true));
    await Promise.all([clerk.waitForLog('signaling', 'reconnecting', 5_000), citizen.waitForLog('signaling', 'reconnecting', 5_000)]);
    // The server is down: the picture still moves, both ways, chat goes on, and the call is still on.
    await Promise.all([clerk.waitForRemoteVideo(3_000, 3), citizen.waitForRemoteVideo(3_000, 3)]);
    await clerk.chat('Ainda me ouve?');
    await citizen.waitForChat('Ainda me ouve?', 2_000);
    expect(serverBack, 'the server came back before the checks: make the downtime longer').toBe(false);
    for (const side of [clerk, citizen]) expect((await side.snapshot()).state, side.label).toBe('connected');
    await restarting;
    const restartedAt = Date.now();

    const reopened = (side: CallSide): Promise<unknown> =>
      side.page.waitForFunction(() => window.harness.log().filter((e) => e.type === 'signaling' && e.detail === 'open').length >= 2, undefined, { timeout: 20_000, polling: 50 });
    await Promise.all([reopened(clerk), reopened(citizen)]);
    const reopenedAt = Date.now();
    // The line sockets are back too (the harness says hello again), and the call never dropped.
    for (const side of [clerk, citizen]) expect(sequence(await side.states()), side.label).toBe('connected');
    await citizen.waitForRemoteVideo(5_000, 3);
    expectLoopbackOnly(clerk, citizen);

    // The clerk closes the tab (page.close()): 'pagehide' says goodbye, the citizen knows at once.
    const closedAt = Date.now();
    await clerk.close();
    const end = await citizen.waitForEnd(5_000);
    expect(end.reason).toBe('hung-up-remote');
    expect(end.at - closedAt).toBeLessThan(2_000);
    console.info(`call signaling: server back → both peers open again ${reopenedAt - restartedAt} ms; clerk's page closed → citizen ended ${end.at - closedAt} ms`);
  });

  it("ends the citizen's session by itself when the clerk's page vanishes (renderer crash: no goodbye)", { timeout: 45_000 }, async (context) => {
    const scope = scopeOf(context);
    const setup = await scope.setup();
    const { clerk, citizen } = await pairUp(scope, setup, { audio: true, video: true });
    await connected(clerk, citizen);
    // Page.crash kills the renderer: no pagehide, no goodbye, no close; the packets just stop.
    const cdp = await clerk.page.context().newCDPSession(clerk.page);
    const crashed = new Promise<void>((resolve) => clerk.page.once('crash', () => resolve()));
    const vanishedAt = Date.now();
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;
    const [reconnecting, end] = await Promise.all([citizen.waitForState('reconnecting', 15_000), citizen.waitForEnd(30_000)]);
    expect(['hung-up-remote', 'failed']).toContain(end.reason);
    expect(end.at - vanishedAt).toBeLessThan(22_000);
    expectLoopbackOnly(citizen);
    console.info(`call: clerk's page crashed → citizen reconnecting after ${reconnecting.at - vanishedAt} ms, ended '${end.reason}' after ${end.at - vanishedAt} ms`);
  });
});
