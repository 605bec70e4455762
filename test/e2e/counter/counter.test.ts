// The Balcão Virtual end to end, through the real elements: the built scripts (dist/, from
// `npm run build`) served by the real server, the court's page with <balcao-virtual> in one
// headless Chromium and the clerk's demo page with <balcao-virtual-atendente> in another,
// a real call between them relayed by a private coturn on 127.0.0.1 (a relay-only unit:
// Chromium gathers no host candidate on loopback), and the real server's line, clerk
// sessions and PeerJS signaling. Nothing is faked but the camera and microphone.
//
// Run: `npm run build && npx vitest run test/e2e/counter` (part of `npm test`, which builds
// first). Needs the Debian packages `chromium` and `coturn`.
//
// Cases: the whole attendance of a sealed case (identification to the clerk over the call
// only, chat, hang-up, outcome, an attendance record without personal data, every byte on
// 127.0.0.1, no PeerJS before "Entrar"); a citizen whose camera is blocked (audio only);
// the Balcão server restarted mid-call; coturn down for a few seconds (ICE restart); the
// clerk closing the tab (back to the head of the line after the clerk call grace, called
// again by the clerk's new tab).

import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { AttendanceRecord } from '../../../src/server/line/line.js';
import { denyCamera, type VideoSeen } from './page-scripts.js';
import type { ProductPage } from './pages.js';
import { callNext, clerkEnds, enterCall, joinLine, playing, stateIs } from './steps.js';
import { CLERK_CALL_GRACE_SECONDS, CLERK_NAME, Counter, UNIT, startWorld, type Needles, type World } from './world.js';

/** A sealed case's identification as the person types it: CPF and case number as bare digits (the clerk sees them formatted). */
const IDENTITY = { name: 'Joana Maria da Silva Teste', cpf: '52998224725', role: 'Parte no processo', caseNumber: '00000014220268200001' } as const;
const CPF_FORMATTED = '529.982.247-25';
const CASE_FORMATTED = '0000001-42.2026.8.20.0001';
/** What must never reach the server, a log, a request, a frame or the database. */
const PERSONAL: Needles = {
  name: IDENTITY.name,
  'CPF (digits)': IDENTITY.cpf,
  'CPF (formatted)': CPF_FORMATTED,
  'case number (digits)': IDENTITY.caseNumber,
  'case number (formatted)': CASE_FORMATTED,
};

/** How long coturn stays down at least in the network case. */
const OUTAGE_MS = 5_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let world: World;
beforeAll(async () => {
  world = await startWorld();
}, 60_000);
afterAll(() => world?.close());

const open = (context: TestContext): Promise<Counter> => Counter.open(world, context);

/** Each open page's connected call: the selected pair is relay ↔ relay on 127.0.0.1. */
async function expectRelayedOnLoopback(...sides: ProductPage[]): Promise<void> {
  for (const side of sides) {
    const connected = (await side.connections()).filter((c) => c.connectionState === 'connected');
    expect(connected.length, `${side.label}: a connected RTCPeerConnection`).toBeGreaterThan(0);
    for (const c of connected) {
      expect(c.local, side.label).toEqual({ type: 'relay', address: '127.0.0.1' });
      expect(c.remote, side.label).toEqual({ type: 'relay', address: '127.0.0.1' });
    }
  }
}

/**
 * Everything every page of the test opened is on this server or the court's site (both on
 * 127.0.0.1), nothing names PeerJS's cloud or Google, and every RTCPeerConnection that could
 * send a packet (it gathered candidates or negotiated) was given our coturn only,
 * relay-only. Any other one must be closed without ever having gathered a candidate (so it
 * sent nothing anywhere): that is PeerJS 1.5.5's feature probe, which its module runs when
 * the call chunk loads (`util.supports`: `new RTCPeerConnection(DEFAULT_CONFIG)`, with
 * Google STUN and PeerJS's public TURN and password, a data channel, then `close()`).
 */
async function expectConfined(counter: Counter): Promise<void> {
  for (const side of counter.pages) {
    expect(side.trafficOutside(counter.hosts), `${side.label}: traffic off the test's hosts`).toEqual([]);
    const urls = [...side.requests.map((r) => r.url), ...side.sockets.map((s) => s.url())];
    expect(urls.filter((u) => /peerjs\.com|google/i.test(u)), side.label).toEqual([]);
    expect(side.sockets.length, `${side.label}: the line socket at least`).toBeGreaterThan(0);
    const { connections } = await side.rtcRecord();
    const used = connections.filter((c) => c.gathering.some((g) => g !== 'new') || c.signaling.some((s) => s !== 'stable' && s !== 'closed'));
    expect(used.length, `${side.label}: the call's RTCPeerConnection`).toBeGreaterThan(0);
    for (const c of used) {
      expect(c.configuration, `${side.label}: RTCPeerConnection configuration`).toEqual({
        iceServers: [{ urls: [counter.turn.url], username: expect.stringMatching(/^\d+:bv$/), credential: expect.any(String) }],
        iceTransportPolicy: 'relay',
      });
    }
    // PeerJS's own `supports` check (when the call chunk loads) builds one more, which never
    // gathers: with our build it has no ICE server at all (its public defaults are removed).
    for (const c of connections.filter((c) => !used.includes(c))) {
      expect(c, `${side.label}: an RTCPeerConnection outside the call must never gather and must be closed`).toMatchObject({ gathering: ['new'], now: 'closed' });
      expect((c.configuration as { iceServers?: unknown }).iceServers, `${side.label}: no public ICE server, ever`).toEqual([]);
    }
  }
}

/** No uncaught exception on any page. */
function expectNoPageErrors(counter: Counter): void {
  for (const side of counter.pages) expect(side.pageErrors, side.label).toEqual([]);
}

/** The unit's one attendance, as the server recorded it. */
async function onlyAttendance(counter: Counter): Promise<AttendanceRecord> {
  const records = (await counter.server.line?.attendances(UNIT)) ?? [];
  expect(records, 'attendance records').toHaveLength(1);
  return records[0] as AttendanceRecord;
}

/** Sockets of a page to PeerJS's signaling path, and whether the newest is open. */
function peerSockets(side: ProductPage): { count: number; open: boolean } {
  const sockets = side.socketsTo('/peerjs/peerjs');
  return { count: sockets.length, open: sockets.at(-1)?.isClosed() === false };
}

/** The text of every script the page fetched among `urls`, fetched again from Node. */
async function scriptTexts(urls: readonly string[]): Promise<{ url: string; text: string }[]> {
  return Promise.all([...new Set(urls)].map(async (url) => ({ url, text: await (await fetch(url)).text() })));
}

/** PeerJS's signature in a script: its name, and its default cloud host. */
const isPeerJs = (text: string): boolean => text.includes('0.peerjs.com') || /peerjs/i.test(text);

describe('the Balcão Virtual through its real elements, in two Chromiums, against the real server', () => {
  it(
    'serves a sealed case from the triage to the attendance record, with the identification only on the call and every byte on 127.0.0.1',
    { timeout: 70_000 },
    async (context) => {
      const counter = await open(context);
      const clerk = await counter.openClerk();
      const citizen = await counter.openCitizen();

      const code = await joinLine(counter, citizen, 'Câmera e microfone ligados. Confira sua imagem e fale algo.', IDENTITY, async () => {
        // The preview plays the fake camera, and the microphone has its meter.
        const preview = citizen.widget.locator('.preview video');
        let seen: VideoSeen | undefined;
        await counter.until(() => `the device check's preview plays (${JSON.stringify(seen)})`, async () => {
          seen = await citizen.side.video(preview);
          return Boolean(seen && seen.width > 0 && !seen.paused && seen.frames > 3);
        });
        expect(await citizen.widget.locator('#mic-level').isVisible()).toBe(true);
      });
      expect(code).toMatch(/^[A-Z]-\d{3}$/);
      await callNext(counter, clerk, citizen, code);
      // Until "Entrar": the status, the flow and the line; no PeerJS, no call chunk.
      const scriptsBefore = citizen.side.requests.filter((r) => r.resourceType === 'script').map((r) => r.url);
      await enterCall(counter, clerk, citizen, code);
      const callStartedAt = Date.now();

      // The identification arrived over the call and shows formatted; the clerk's check works.
      let panel = '';
      await counter.until(() => `the identification in the clerk's panel (it says "${panel}")`, async () => (panel = await clerk.identification()).includes(CPF_FORMATTED));
      expect(panel).toContain(IDENTITY.name);
      expect(panel).toContain(`CPF ${CPF_FORMATTED}`);
      expect(panel).toContain('Qualidade Parte no processo');
      expect(panel).toContain(`Processo ${CASE_FORMATTED}`);
      expect(panel).not.toMatch(/inválid/);
      const checked = clerk.element.getByRole('checkbox', { name: 'Identidade conferida' });
      expect(await checked.isChecked()).toBe(false);
      await checked.check();
      expect(await checked.isChecked()).toBe(true);

      // Chat both ways through the call view.
      await clerk.call.say('Bom dia! Em que posso ajudar?');
      await counter.until('the citizen reads the clerk\'s message', async () => (await citizen.call.heard()).includes('Bom dia! Em que posso ajudar?'));
      await citizen.call.say('Quero saber da audiência do meu processo.');
      await counter.until('the clerk reads the citizen\'s message', async () => (await clerk.call.heard()).includes('Quero saber da audiência do meu processo.'));

      await expectRelayedOnLoopback(citizen.side, clerk.side);
      await clerkEnds(counter, clerk, citizen, code);

      // The attendance is on record, with nothing personal in it.
      const record = await onlyAttendance(counter);
      expect(record).toMatchObject({ unit: UNIT, subject: 'case-info', sealed: true, lawyer: false, libras: false, outcome: 'attended' });
      expect(record.clerkId).toEqual(expect.any(String));
      expect(record.durationSeconds).toBeGreaterThan(0);
      expect(record.durationSeconds).toBeLessThan((Date.now() - callStartedAt) / 1000 + 30);

      // The personal data never left the call: not in a request, a frame, a WebRTC configuration, the log or the database.
      expect(counter.dataFiles()).toContain('balcao.sqlite');
      expect(counter.dataFilesContaining(PERSONAL), 'personal data in the data directory').toEqual([]);
      for (const [what, needle] of Object.entries(PERSONAL)) {
        for (const side of counter.pages) {
          expect(side.leaks(needle), `${what} in ${side.label}'s traffic`).toEqual([]);
          expect(JSON.stringify(await side.rtcRecord()), `${what} in ${side.label}'s RTCPeerConnection configurations`).not.toContain(needle);
        }
        expect(counter.logs.filter((line) => line.includes(needle)), `${what} in the server's log`).toEqual([]);
      }
      // …and the searches do find what is there: the line socket's answer, the ticket's code in
      // the clerk's frames, the clerk's name (kept on purpose: citizens are shown it) in the database, the outcome in the log.
      expect(citizen.side.frames.some((f) => new URL(f.url).pathname === '/api/line' && f.direction === 'sent' && f.payload.includes('"answer"'))).toBe(true);
      expect(clerk.side.leaks(code).length).toBeGreaterThan(0);
      expect(counter.dataFilesContaining({ 'the clerk': CLERK_NAME }).length).toBeGreaterThan(0);
      expect(counter.logs.some((line) => line.includes('"line_end"') && line.includes('"attended"'))).toBe(true);

      // PeerJS came with "Entrar", not before.
      const before = await scriptTexts(scriptsBefore);
      expect(before.length, 'scripts fetched before "Entrar"').toBeGreaterThan(1);
      expect(before.filter((s) => isPeerJs(s.text)).map((s) => s.url), 'PeerJS fetched before "Entrar"').toEqual([]);
      const after = await scriptTexts(citizen.side.requests.filter((r) => r.resourceType === 'script').map((r) => r.url).slice(scriptsBefore.length));
      expect(after.filter((s) => isPeerJs(s.text)).length, 'the call chunk with PeerJS, after "Entrar"').toBeGreaterThan(0);

      await expectConfined(counter);
      expectNoPageErrors(counter);
      for (const side of counter.pages) expect(side.consoleErrors, side.label).toEqual([]);
    },
  );

  it('serves a citizen whose camera is blocked: the check says how to allow it, the call goes audio only, the clerk is told', { timeout: 60_000 }, async (context) => {
    const counter = await open(context);
    const clerk = await counter.openClerk();
    const citizen = await counter.openCitizen([denyCamera]);

    const code = await joinLine(counter, citizen, 'O navegador bloqueou a câmera.', undefined, async () => {
      // The guidance: how to allow the camera, that joining with the microphone alone works; the microphone is on, no preview.
      const steps = (await citizen.widget.locator('#allow-steps li').allTextContents()).map((t) => t.trim());
      expect(steps, 'the steps to allow the camera').toHaveLength(4);
      expect(steps).toContain('Em "Câmera" e "Microfone", escolha "Permitir".');
      expect(await citizen.side.text()).toContain('Se preferir, entre na fila só com o microfone: a pessoa que atender vai ouvir você, mas não vai ver.');
      expect(await citizen.button('Testar de novo').isVisible()).toBe(true);
      expect(await citizen.widget.locator('#mic-level').isVisible()).toBe(true);
      expect(await citizen.widget.locator('.preview video').count()).toBe(0);
    });
    await callNext(counter, clerk, citizen, code);
    await enterCall(counter, clerk, citizen, code, false);

    await counter.until("the citizen's flow says the call goes on with audio only", async () =>
      (await citizen.flowNotes()).includes('A câmera está bloqueada neste navegador: a chamada segue só com áudio. Você continua vendo e ouvindo a unidade.'),
    );
    expect(await citizen.call.selfNote()).toBe('Só áudio: sua câmera está desligada');
    let placeholder = '';
    await counter.until(() => `the clerk's view says the citizen is audio only (it says "${placeholder}")`, async () => (placeholder = await clerk.call.remotePlaceholder()).includes('Só áudio'));
    expect((await clerk.call.video())?.hidden, "the clerk's remote video is hidden").toBe(true);
    // The clerk hears the citizen (audio packets), and gets no picture.
    let inbound = '';
    await counter.until(
      () => `the clerk receives the citizen's audio and no video (${inbound})`,
      async () => {
        const received = (await clerk.side.connections()).flatMap((c) => c.inbound);
        inbound = JSON.stringify(received);
        return received.some((r) => r.kind === 'audio' && r.packets > 20) && received.every((r) => r.kind !== 'video' || r.frames === 0);
      },
    );
    // The citizen still sees the clerk.
    await playing(counter, citizen.call, "the citizen still sees the clerk's video");
    await expectRelayedOnLoopback(citizen.side, clerk.side);

    // This time the citizen hangs up: their screen ends at once, the clerk marks the outcome.
    await citizen.call.hangUp();
    await counter.until('the citizen sees "Atendimento encerrado"', () => citizen.heading('Atendimento encerrado').isVisible(), 5_000);
    await counter.until(`the clerk sees that ${code} left the call`, () => clerk.heading(`O cidadão saiu da chamada: ${code}`).isVisible(), 5_000);
    await clerk.button('Atendido').click();
    await counter.until('the clerk sees the attendance ended', async () => (await clerk.lastNotice()) === `Atendimento ${code} encerrado: Atendido.`);
    expect(await onlyAttendance(counter)).toMatchObject({ subject: 'other', sealed: false, outcome: 'attended' });
    await expectConfined(counter);
    expectNoPageErrors(counter);
  });

  it('keeps the call up while the Balcão server restarts, with video both ways; both pages get back to signaling and the line', { timeout: 75_000 }, async (context) => {
    const counter = await open(context);
    const clerk = await counter.openClerk();
    const citizen = await counter.openCitizen();
    const code = await joinLine(counter, citizen, 'Câmera e microfone ligados. Confira sua imagem e fale algo.');
    await callNext(counter, clerk, citizen, code);
    await enterCall(counter, clerk, citizen, code);
    const sockets = { citizen: peerSockets(citizen.side).count, clerk: peerSockets(clerk.side).count };
    expect(sockets).toEqual({ citizen: 1, clerk: 1 });

    let downFor = 0;
    await counter.restartServer(async () => {
      const stoppedAt = Date.now();
      const note = 'A chamada continua. Reconectando ao Balcão Virtual…';
      await counter.until('both call views say the server is reconnecting', async () => (await citizen.call.signalingNote()) === note && (await clerk.call.signalingNote()) === note);
      await counter.until("the clerk's header says the connection is lost", async () => (await clerk.connectionState()) === 'Sem conexão. Tentando reconectar…');
      // The server is down: the pictures still move both ways, chat goes on, the call is still on.
      await Promise.all([playing(counter, citizen.call, 'citizen, server down', 30), playing(counter, clerk.call, 'clerk, server down', 30)]);
      await clerk.call.say('Ainda me ouve?');
      await counter.until('the citizen reads the message sent while the server is down', async () => (await citizen.call.heard()).includes('Ainda me ouve?'), 5_000);
      for (const view of [citizen.call, clerk.call]) expect(await view.state()).toBe('Chamada conectada');
      downFor = Date.now() - stoppedAt;
    });
    const restartedAt = Date.now();

    // A new PeerJS socket on each page, open; the line sockets back; the note gone.
    await counter.until(
      () => `a new /peerjs socket open on each page (${JSON.stringify({ citizen: peerSockets(citizen.side), clerk: peerSockets(clerk.side) })})`,
      async () => [citizen.side, clerk.side].every((side, i) => peerSockets(side).count > [sockets.citizen, sockets.clerk][i]! && peerSockets(side).open),
      30_000,
    );
    const signalingBackAt = Date.now();
    await counter.until('the call views no longer say the server is reconnecting', async () => (await citizen.call.signalingNote()) === '' && (await clerk.call.signalingNote()) === '', 10_000);
    await counter.until("the clerk's header says connected again", async () => (await clerk.connectionState()) === 'Conectado · atendendo', 30_000);
    // The call never dropped: connected all along, video both ways, no ICE restart was needed.
    for (const view of [citizen.call, clerk.call]) expect(await view.state()).toBe('Chamada conectada');
    await Promise.all([playing(counter, citizen.call, 'citizen, server back'), playing(counter, clerk.call, 'clerk, server back')]);
    await expectRelayedOnLoopback(citizen.side, clerk.side);
    expect((await clerk.side.rtcRecord()).connections.flatMap((c) => c.signaling).filter((s) => s === 'have-local-offer')).toHaveLength(1);

    // Once the citizen's line socket is back too, the attendance ends as usual.
    await counter.until("the citizen's line socket is back", async () => citizen.side.socketsTo('/api/line').filter((s) => !s.isClosed()).length === 1, 30_000);
    await clerkEnds(counter, clerk, citizen, code);
    expect(await onlyAttendance(counter)).toMatchObject({ outcome: 'attended' });
    await expectConfined(counter);
    expectNoPageErrors(counter);
    console.info(`counter: server down ${downFor} ms (checks during the outage); server back → both PeerJS sockets open again ${signalingBackAt - restartedAt} ms`);
  });

  it('recovers the call by an ICE restart after the relay (the network) is gone for a few seconds', { timeout: 75_000 }, async (context) => {
    const counter = await open(context);
    const clerk = await counter.openClerk();
    const citizen = await counter.openCitizen();
    const code = await joinLine(counter, citizen, 'Câmera e microfone ligados. Confira sua imagem e fale algo.');
    await callNext(counter, clerk, citizen, code);
    await enterCall(counter, clerk, citizen, code);

    await counter.turn.kill();
    const killedAt = Date.now();
    const trouble = 'Conexão instável. Tentando reconectar…';
    await Promise.all([stateIs(counter, citizen.call, 'citizen', trouble, 20_000), stateIs(counter, clerk.call, 'clerk', trouble, 20_000)]);
    const reconnectingAt = Date.now();
    await sleep(Math.max(0, killedAt + OUTAGE_MS - Date.now()));
    await counter.turn.start();
    const backAt = Date.now();

    await Promise.all([stateIs(counter, citizen.call, 'citizen', 'Chamada conectada', 30_000), stateIs(counter, clerk.call, 'clerk', 'Chamada conectada', 30_000)]);
    const connectedAt = Date.now();
    await Promise.all([playing(counter, citizen.call, 'citizen, after the outage'), playing(counter, clerk.call, 'clerk, after the outage')]);
    const videoAt = Date.now();

    // The way back was an ICE restart: an offer from the clerk and an answer from the citizen over the line sockets…
    const relayed = (side: ProductPage, pathname: string, type: string): number =>
      side.frames.filter((f) => f.direction === 'sent' && new URL(f.url).pathname === pathname && f.payload.includes('"type":"rtc"') && f.payload.includes(`"type":"${type}"`)).length;
    expect(relayed(clerk.side, '/api/clerk', 'offer'), 'ICE restart offers on the clerk socket').toBeGreaterThanOrEqual(1);
    expect(relayed(citizen.side, '/api/line', 'answer'), 'ICE restart answers on the line socket').toBeGreaterThanOrEqual(1);
    // …which the RTCPeerConnections saw as a second offer.
    const offers = async (side: ProductPage, state: string): Promise<number> => (await side.rtcRecord()).connections.flatMap((c) => c.signaling).filter((s) => s === state).length;
    expect(await offers(clerk.side, 'have-local-offer')).toBeGreaterThanOrEqual(2);
    expect(await offers(citizen.side, 'have-remote-offer')).toBeGreaterThanOrEqual(2);
    await expectRelayedOnLoopback(citizen.side, clerk.side);

    await citizen.call.say('Voltou a imagem.');
    await counter.until("the clerk reads the citizen's message after the outage", async () => (await clerk.call.heard()).includes('Voltou a imagem.'));
    await clerkEnds(counter, clerk, citizen, code);
    expect(await onlyAttendance(counter)).toMatchObject({ outcome: 'attended' });
    await expectConfined(counter);
    expectNoPageErrors(counter);
    console.info(
      `counter: coturn down ${backAt - killedAt} ms; killed → both views reconnecting ${reconnectingAt - killedAt} ms; ` +
        `coturn back → both connected ${connectedAt - backAt} ms, video both ways ${videoAt - backAt} ms`,
    );
  });

  it("puts the citizen back at the head of the line when the clerk closes the tab mid-call, and the clerk's new tab calls them again", { timeout: 75_000 }, async (context) => {
    const counter = await open(context);
    const clerk = await counter.openClerk();
    const citizen = await counter.openCitizen();
    const code = await joinLine(counter, citizen, 'Câmera e microfone ligados. Confira sua imagem e fale algo.');
    await callNext(counter, clerk, citizen, code);
    await enterCall(counter, clerk, citizen, code);

    // page.close(): the tab goes ('pagehide': the call says goodbye).
    const closedAt = Date.now();
    await clerk.side.close();
    await stateIs(counter, citizen.call, 'citizen', 'Chamada encerrada A outra pessoa saiu da chamada.', 5_000);
    const endedAt = Date.now();
    await counter.until("the citizen's flow says to wait for the unit", async () => (await citizen.flowNotes()).includes('A unidade encerrou a chamada. Aguarde um instante nesta página.'));

    // After the clerk call grace: back in the line, at its head.
    await counter.until(
      'the citizen is back at the head of the line',
      async () =>
        (await citizen.heading('Você está na fila').isVisible()) &&
        (await citizen.side.text()).includes('Você voltou para o início da fila.') &&
        (await citizen.position()) === 'Você é a próxima pessoa a ser chamada.',
      CLERK_CALL_GRACE_SECONDS * 1000 + 10_000,
    );
    const requeued = citizen.side.frames.find((f) => f.direction === 'received' && f.payload.includes('"type":"requeued"'));
    expect(requeued, 'a "requeued" message on the line socket').toBeDefined();
    const requeuedAfter = (requeued?.at ?? 0) - closedAt;
    expect(requeuedAfter, 'not before the clerk call grace').toBeGreaterThanOrEqual(CLERK_CALL_GRACE_SECONDS * 1000 - 200);
    expect(await citizen.ticketCode()).toBe(code);
    expect((await counter.server.line?.unitState(UNIT))?.waiting).toBe(1);
    expect(await counter.server.line?.attendances(UNIT)).toEqual([]);

    // The clerk opens the page again (the same access): the same person is called, and served.
    const again = await counter.openClerk();
    await callNext(counter, again, citizen, code);
    await enterCall(counter, again, citizen, code);
    await again.call.say('Desculpe, a aba fechou. Continuando.');
    await counter.until("the citizen reads the clerk's message in the new call", async () => (await citizen.call.heard()).includes('Desculpe, a aba fechou. Continuando.'));
    await expectRelayedOnLoopback(citizen.side, again.side);
    await clerkEnds(counter, again, citizen, code);
    expect(await onlyAttendance(counter)).toMatchObject({ outcome: 'attended' });
    await expectConfined(counter);
    expectNoPageErrors(counter);
    console.info(`counter: clerk's tab closed → citizen's call ended ${endedAt - closedAt} ms, back at the head of the line ${requeuedAfter} ms (clerk call grace ${CLERK_CALL_GRACE_SECONDS} s)`);
  });
});
