// The pages of the counter test, driven through the real elements: the court's page with
// <balcao-virtual> (the citizen) and the clerk's page with <balcao-virtual-atendente>, each
// in its own Chromium. Every page records what it sent and received (each request with its
// body, each WebSocket and its frames both ways) and, through an init script that wraps
// RTCPeerConnection, each configuration handed to WebRTC, the signaling and ICE gathering
// states of each connection (a second offer is an ICE restart; a connection that never
// gathered never sent a packet) and, on demand, the selected candidate pair and inbound RTP.
//
// The call view (<balcao-virtual-chamada>) is the same on both sides: `CallView` reads it.
// Locators pierce the open shadow roots (Playwright's CSS engine does), so
// `balcao-virtual-chamada video.remote-video` finds the video three shadow roots down.

import type { Locator, Page, WebSocket } from 'playwright-core';
import { isLoopbackUrl, type CallBrowser } from '../webrtc/call-pages.js';

/** What the init script keeps about one RTCPeerConnection of the page. */
export interface RtcConnectionRecord {
  /** The configuration given to `new RTCPeerConnection(…)`, as JSON (credentials included: ours are time-limited TURN ones). */
  readonly configuration: unknown;
  /** Every signaling state it went through: a second `have-local-offer` / `have-remote-offer` is an ICE restart. */
  readonly signaling: string[];
  /** Every ICE gathering state it went through: only `new` means it never gathered a candidate (so never sent a packet). */
  readonly gathering: string[];
  /** Its signaling state when read (`closed` once closed). */
  readonly now?: string;
}

export interface RtcRecord {
  readonly connections: RtcConnectionRecord[];
}

export interface CandidateSeen {
  readonly type: string;
  readonly address: string;
}

export interface ConnectionSeen {
  readonly connectionState: string;
  readonly local: CandidateSeen | null;
  readonly remote: CandidateSeen | null;
  /** inbound-rtp per kind: packets received (and frames decoded for video). */
  readonly inbound: readonly { kind: string; packets: number; frames: number }[];
}

declare global {
  interface Window {
    __balcaoRtc?: RtcRecord;
    __balcaoPeerConnections?: RTCPeerConnection[];
    __balcaoFrames?: WeakMap<HTMLVideoElement, number>;
  }
}

/**
 * Runs in every page before its scripts: `RTCPeerConnection` becomes a Proxy that records
 * each configuration, signaling and gathering states, then builds the real thing
 * (`instanceof`, statics and PeerJS's own wrapping keep working). No class syntax: the
 * function is sent to the browser as text.
 */
export function recordPeerConnections(): void {
  const Native = window.RTCPeerConnection;
  if (typeof Native !== 'function' || window.__balcaoRtc) return;
  const record: RtcRecord = { connections: [] };
  const connections: RTCPeerConnection[] = [];
  window.__balcaoRtc = record;
  window.__balcaoPeerConnections = connections;
  window.RTCPeerConnection = new Proxy(Native, {
    construct(target, args, newTarget) {
      const pc = Reflect.construct(target, args, newTarget) as RTCPeerConnection;
      const entry = { configuration: JSON.parse(JSON.stringify(args[0] ?? null)) as unknown, signaling: [pc.signalingState as string], gathering: [pc.iceGatheringState as string] };
      record.connections.push(entry);
      connections.push(pc);
      pc.addEventListener('signalingstatechange', () => entry.signaling.push(pc.signalingState));
      pc.addEventListener('icegatheringstatechange', () => entry.gathering.push(pc.iceGatheringState));
      return pc;
    },
  });
}

/** The page's RTC record, each connection with its state now. */
function readRtc(): RtcRecord {
  const pcs = window.__balcaoPeerConnections ?? [];
  return { connections: (window.__balcaoRtc?.connections ?? []).map((c, i) => ({ ...c, now: pcs[i]?.signalingState ?? 'unknown' })) };
}

/** Init script: getUserMedia refuses whenever video is asked for (NotAllowedError, as a blocked camera); the microphone alone works. */
export function denyCamera(): void {
  const devices = navigator.mediaDevices;
  const real = devices.getUserMedia.bind(devices);
  devices.getUserMedia = (constraints?: MediaStreamConstraints) =>
    constraints?.video ? Promise.reject(new DOMException('Permission denied', 'NotAllowedError')) : real(constraints);
}

/** Init script: every getUserMedia refuses (NotAllowedError), as when both the camera and the microphone are blocked. */
export function denyCameraAndMicrophone(): void {
  navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
}

/** The page's text as a person sees it, shadow roots included (hidden elements, styles and scripts left out). */
function visibleText(): string {
  const parts: string[] = [];
  const walk = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.textContent?.replace(/\s+/g, ' ').trim();
      if (text) parts.push(text);
      return;
    }
    if (node instanceof Element) {
      if (['STYLE', 'SCRIPT', 'TEMPLATE'].includes(node.tagName) || (node instanceof HTMLElement && node.hidden)) return;
      if (node.shadowRoot) return walk(node.shadowRoot);
    }
    node.childNodes.forEach(walk);
  };
  walk(document.body);
  return parts.join(' ');
}

/** Every connected RTCPeerConnection of the page: its selected candidate pair and what it receives. */
async function connectionsSeen(): Promise<ConnectionSeen[]> {
  const seen: ConnectionSeen[] = [];
  for (const pc of window.__balcaoPeerConnections ?? []) {
    if (pc.connectionState === 'closed') continue;
    const stats = await pc.getStats();
    let pairId: string | undefined;
    const inbound: { kind: string; packets: number; frames: number }[] = [];
    stats.forEach((s: { type: string; selectedCandidatePairId?: string; kind?: string; packetsReceived?: number; framesDecoded?: number }) => {
      if (s.type === 'transport' && s.selectedCandidatePairId) pairId = s.selectedCandidatePairId;
      if (s.type === 'inbound-rtp') inbound.push({ kind: s.kind ?? '', packets: s.packetsReceived ?? 0, frames: s.framesDecoded ?? 0 });
    });
    const pair = pairId ? (stats.get(pairId) as { localCandidateId: string; remoteCandidateId: string } | undefined) : undefined;
    const candidate = (id: string | undefined): CandidateSeen | null => {
      const c = id ? (stats.get(id) as { candidateType: string; address?: string; ip?: string } | undefined) : undefined;
      return c ? { type: c.candidateType, address: c.address ?? c.ip ?? '' } : null;
    };
    seen.push({ connectionState: pc.connectionState, local: candidate(pair?.localCandidateId), remote: candidate(pair?.remoteCandidateId), inbound });
  }
  return seen;
}

export interface VideoSeen {
  readonly width: number;
  readonly currentTime: number;
  readonly paused: boolean;
  readonly hidden: boolean;
  /** Frames painted since the test first looked (requestVideoFrameCallback). */
  readonly frames: number;
}

/** A locator's text, spaces folded; '' while it is not on the page. */
async function textOf(locator: Locator): Promise<string> {
  if ((await locator.count()) === 0) return '';
  return ((await locator.first().textContent({ timeout: 2_000 }).catch(() => '')) ?? '').replace(/\s+/g, ' ').trim();
}

/** Reads a <video>, and from the first read on counts its painted frames. */
function readVideo(video: HTMLVideoElement): VideoSeen {
  const counts = (window.__balcaoFrames ??= new WeakMap());
  if (!counts.has(video)) {
    counts.set(video, 0);
    const tick = (): void => {
      counts.set(video, (counts.get(video) ?? 0) + 1);
      video.requestVideoFrameCallback(tick);
    };
    video.requestVideoFrameCallback(tick);
  }
  return { width: video.videoWidth, currentTime: video.currentTime, paused: video.paused, hidden: video.hidden, frames: counts.get(video) ?? 0 };
}

export interface Sent {
  readonly url: string;
  readonly body: string;
  readonly resourceType: string;
}

export interface FrameSeen {
  readonly url: string;
  readonly direction: 'sent' | 'received';
  readonly payload: string;
  /** Date.now() in the test when Playwright reported it. */
  readonly at: number;
}

/** One page of one browser, with everything it sent and received. */
export class RecordedPage {
  readonly requests: Sent[] = [];
  readonly sockets: WebSocket[] = [];
  readonly frames: FrameSeen[] = [];
  /** Uncaught exceptions of the page. */
  readonly pageErrors: string[] = [];
  /** console.error lines (the browser's own network errors among them). */
  readonly consoleErrors: string[] = [];
  /** What `rtc()` said just before the page closed (a closed page can't be asked). */
  private rtcAtClose: RtcRecord | undefined;

  constructor(
    readonly label: string,
    readonly page: Page,
  ) {
    page.on('request', (r) => this.requests.push({ url: r.url(), body: r.postData() ?? '', resourceType: r.resourceType() }));
    page.on('websocket', (socket) => {
      this.sockets.push(socket);
      const keep = (direction: FrameSeen['direction']) => (frame: { payload: string | Buffer }) => {
        this.frames.push({ url: socket.url(), direction, payload: String(frame.payload), at: Date.now() });
      };
      socket.on('framesent', keep('sent'));
      socket.on('framereceived', keep('received'));
    });
    page.on('pageerror', (e) => this.pageErrors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') this.consoleErrors.push(m.text());
    });
  }

  static async open(browser: CallBrowser, label: string, url: string, initScripts: readonly (() => void)[] = []): Promise<RecordedPage> {
    const page = await browser.context.newPage();
    for (const script of initScripts) await page.addInitScript(script);
    const side = new RecordedPage(label, page);
    await page.goto(url, { waitUntil: 'load' });
    return side;
  }

  /** What the page shows (shadow roots included), or why it can't be read. */
  async text(): Promise<string> {
    if (this.page.isClosed()) return '(page closed)';
    return this.page.evaluate(visibleText).catch((e: unknown) => `(unreadable: ${String(e)})`);
  }

  rtc(): Promise<RtcRecord> {
    return this.page.evaluate(readRtc);
  }

  connections(): Promise<ConnectionSeen[]> {
    return this.page.evaluate(connectionsSeen);
  }

  /** The video's state, or undefined while it is not on the page. */
  async video(video: Locator): Promise<VideoSeen | undefined> {
    if ((await video.count()) === 0) return undefined;
    return video.evaluate(readVideo, undefined, { timeout: 2_000 }).catch(() => undefined);
  }

  /** Sockets opened to `pathname` (e.g. '/peerjs/peerjs'), in order. */
  socketsTo(pathname: string): WebSocket[] {
    return this.sockets.filter((s) => new URL(s.url()).pathname === pathname);
  }

  /** Every place `needle` appears in what the page sent or received: request URLs and bodies, WebSocket URLs and frames. */
  leaks(needle: string): string[] {
    return [
      ...this.requests.filter((r) => r.url.includes(needle) || r.body.includes(needle)).map((r) => `${this.label} request ${r.url}`),
      ...this.sockets.filter((s) => s.url().includes(needle)).map((s) => `${this.label} socket ${s.url()}`),
      ...this.frames.filter((f) => f.payload.includes(needle)).map((f) => `${this.label} ${f.direction} on ${f.url}: ${f.payload.slice(0, 160)}`),
    ];
  }

  /** Every URL the page opened that is not on one of `hosts` (`127.0.0.1:port`); data: and blob: URLs aside. */
  trafficOutside(hosts: readonly string[]): string[] {
    return [...this.requests.map((r) => r.url), ...this.sockets.map((s) => s.url())].filter((url) => {
      const parsed = new URL(url);
      if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return false;
      return !isLoopbackUrl(url) || !hosts.includes(parsed.host);
    });
  }

  /** The RTC record, read now, or as it was when the page closed. */
  async rtcRecord(): Promise<RtcRecord> {
    return this.page.isClosed() ? (this.rtcAtClose ?? { connections: [] }) : this.rtc();
  }

  /** Closes the tab (page.close(): the page gets 'pagehide', as when a person closes it), keeping its RTC record. */
  async close(): Promise<void> {
    if (this.page.isClosed()) return;
    this.rtcAtClose = await this.rtc().catch(() => undefined);
    await this.page.close();
  }
}

/** <balcao-virtual-chamada>, as either side sees it. */
export class CallView {
  readonly root: Locator;

  constructor(
    readonly side: RecordedPage,
    host: Locator,
  ) {
    this.root = host.locator('balcao-virtual-chamada');
  }

  get remoteVideo(): Locator {
    return this.root.locator('video.remote-video');
  }

  /** The state line: "Chamada conectada", "Conexão instável. Tentando reconectar…", "Chamada encerrada", and why. */
  state(): Promise<string> {
    return textOf(this.root.locator('[part="call-state"]'));
  }

  /** The words where the other side's picture would be (its name, "Só áudio", "Câmera desligada"). */
  remotePlaceholder(): Promise<string> {
    return textOf(this.root.locator('[part="call-remote"] .placeholder'));
  }

  /** What this side's own small view says when it shows no picture ("Só áudio: sua câmera está desligada"). */
  selfNote(): Promise<string> {
    return textOf(this.root.locator('[part="call-self"] .self-off'));
  }

  /** The note shown while the signaling server is away ("A chamada continua. Reconectando ao Balcão Virtual…"). */
  signalingNote(): Promise<string> {
    return textOf(this.root.locator('#signaling-note'));
  }

  video(): Promise<VideoSeen | undefined> {
    return this.side.video(this.remoteVideo);
  }

  /** Writes a message in the call's chat and sends it. */
  async say(text: string): Promise<void> {
    await this.root.getByLabel('Escreva uma mensagem').fill(text);
    await this.root.getByRole('button', { name: 'Enviar', exact: true }).click();
  }

  /** The messages of the other side shown in the chat. */
  async heard(): Promise<string[]> {
    return (await this.root.locator('li.theirs .text').allTextContents()).map((t) => t.trim());
  }

  /** "Encerrar chamada", then "Sim, encerrar". */
  async hangUp(): Promise<void> {
    await this.root.getByRole('button', { name: 'Encerrar chamada' }).click();
    await this.root.getByRole('button', { name: 'Sim, encerrar' }).click();
  }
}

/** A person's sealed-case identification, as typed in the form. */
export interface Identity {
  readonly name: string;
  readonly cpf: string;
  readonly role: 'Parte no processo' | 'Outra pessoa';
  readonly caseNumber: string;
}

/** The court's page with <balcao-virtual>. */
export class CitizenPage {
  readonly widget: Locator;
  readonly call: CallView;

  constructor(readonly side: RecordedPage) {
    this.widget = side.page.locator('balcao-virtual');
    this.call = new CallView(side, this.widget);
  }

  heading(name: string): Locator {
    return this.widget.getByRole('heading', { name, exact: true });
  }

  button(name: string): Locator {
    return this.widget.getByRole('button', { name, exact: true });
  }

  /** The flow's note next to the call ("A unidade encerrou a chamada…", "A câmera está bloqueada…"). */
  flowNotes(): Promise<string[]> {
    return this.widget.locator('balcao-virtual-fluxo').locator('p.notice').allTextContents();
  }

  /** "Entrar no Balcão Virtual", the triage, the sealed-case questions (and the identification), up to the screen before the line. */
  async answerQuestions(identity: Identity | undefined): Promise<void> {
    await this.button('Entrar no Balcão Virtual').click();
    await this.widget.getByRole('radio', { name: identity ? 'Informação sobre um processo' : 'Outro assunto' }).check();
    await this.button('Continuar').click();
    if (identity) {
      await this.heading('O processo tramita em segredo de justiça?').waitFor();
      await this.widget.getByRole('radio', { name: 'Sim', exact: true }).check();
      await this.button('Continuar').click();
      await this.heading('Sua identificação').waitFor();
      await this.widget.locator('#name').fill(identity.name);
      await this.widget.locator('#cpf').fill(identity.cpf);
      await this.widget.getByRole('radio', { name: identity.role }).check();
      await this.widget.locator('#caseNumber').fill(identity.caseNumber);
    } else {
      await this.heading('Você é advogado(a)?').waitFor();
      await this.widget.getByRole('radio', { name: 'Não', exact: true }).check();
    }
    await this.button('Continuar').click();
    await this.heading('Antes de entrar na fila').waitFor();
  }

  /** "Testar câmera e microfone" (its verdict: `deviceStatus()`). */
  async testDevices(): Promise<void> {
    await this.button('Testar câmera e microfone').click();
  }

  /** The device check's verdict ("Câmera e microfone ligados…", "O navegador bloqueou a câmera."). */
  deviceStatus(): Promise<string> {
    return textOf(this.widget.locator('#device-status'));
  }

  /** The number the person got ("A-001"). */
  ticketCode(): Promise<string> {
    return textOf(this.widget.locator('[part="ticket"]'));
  }

  /** "Você é a próxima pessoa a ser chamada.", "Há 2 pessoas na sua frente." */
  position(): Promise<string> {
    return textOf(this.widget.locator('p.position'));
  }
}

/** The clerk's page with <balcao-virtual-atendente>. */
export class ClerkPage {
  readonly element: Locator;
  readonly call: CallView;

  constructor(readonly side: RecordedPage) {
    this.element = side.page.locator('balcao-virtual-atendente');
    this.call = new CallView(side, this.element);
  }

  button(name: string): Locator {
    return this.element.getByRole('button', { name, exact: true });
  }

  heading(name: string): Locator {
    return this.element.getByRole('heading', { name, exact: true });
  }

  /** The header's state: "Conectado · atendendo", "Sem conexão. Tentando reconectar…". */
  connectionState(): Promise<string> {
    return textOf(this.element.locator('header p.state'));
  }

  /** Whether "Chamar próximo" can be pressed now (someone present in the line, no attendance in progress). */
  async canCallNext(): Promise<boolean> {
    const button = this.button('Chamar próximo');
    return (await button.count()) === 1 && (await button.getAttribute('aria-disabled')) === 'false';
  }

  /** The sealed-case identification panel's text ('' when absent). */
  identification(): Promise<string> {
    return textOf(this.element.locator('[part="identification"]'));
  }

  /** The notice of the last attendance ("Atendimento A-001 encerrado: Atendido."). */
  lastNotice(): Promise<string> {
    return textOf(this.element.locator('#last'));
  }
}
