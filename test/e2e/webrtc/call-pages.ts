// Two headless Chromiums in a real PeerJS call, for end-to-end tests.
//
// - `startCallPageServer()`: a tiny static server on 127.0.0.1 serving the test page, the
//   PeerJS 1.5.5 bundle from node_modules (peerjs.min.js: a classic script that sets
//   `window.Peer`) and call-page.js (the page's side, `window.callTest`). Add its `origin`
//   to the Balcão server's `allowedOrigins`: the signaling upgrade checks Origin.
// - `launchCallBrowser()`: one Chromium per side (separate processes and profiles, as two
//   computers would be), with fake camera and microphone; a persistent context, so the
//   profile's Local State can carry a chrome://flags entry (below).
// - `CallPage`: one side. `start()` gets the media and opens PeerJS with our server's
//   host/port/path/key/token and the `ice` the line handed out; `call()` (the clerk)
//   calls with its stream and opens a data connection; the other side answers
//   automatically with its own stream. `waitForRemoteVideo()` proves frames are painted
//   (requestVideoFrameCallback count and currentTime both advance); `stats()` reads the
//   selected candidate pair and `getConfiguration()`. Every HTTP request and WebSocket
//   the page opens is recorded (`requests`, `websockets`) for the loopback-only assertion.
//
// Chromium (156, Debian's /usr/bin/chromium) flags, each checked with tcpdump on every
// interface during the whole suite: with all of them, not one packet had a non-loopback
// source or destination.
// - `--no-sandbox --disable-gpu --use-fake-device-for-media-stream
//   --use-fake-ui-for-media-stream`: headless as root, fake camera/microphone, no prompt.
// - `--webrtc-ip-handling-policy=default_public_interface_only`: without it Chromium binds
//   its ICE sockets to each interface address (192.0.2.2 on eth0 here) and sends to the TURN
//   at 127.0.0.1 from there, so coturn answers to 192.0.2.2. With it the sockets bind to the
//   wildcard address and the kernel picks 127.0.0.1: loopback to loopback.
// - `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1`: even with Playwright's
//   defaults (--disable-background-networking, --disable-component-update, …) this
//   Chromium looks up accounts.google.com and update.googleapis.com at start-up (DNS to
//   the machine's resolver). No name resolves now; IP literals still work. A test that
//   needs a TURN *name* must add its own rule.
// - chrome://flags `enable-webrtc-hide-local-ips-with-mdns@2` (WebRtcHideLocalIpsWithMdns
//   off), written to the profile's Local State: otherwise every page with an
//   RTCPeerConnection joins the mDNS group 224.0.0.251 (IGMP reports on eth0), though a
//   relay-only call has no host candidate to hide. Passing `--disable-features=…` instead
//   replaces the list Playwright passes (the last flag wins; Chromium then resumed the
//   network-time queries to clients2.google.com that Playwright turns off); Local State
//   entries are merged into it. `launchCallBrowser()` checks chrome://version for the merge.
// Not avoidable without a network namespace: Chromium's P2P code connect()s (no datagram)
// UDP sockets to 8.8.8.8 and 2001:4860:4860::8888 to learn the default local addresses;
// the route lookup may make the kernel probe the IPv6 router (one neighbour solicitation,
// at most once a minute). Seen in 1 of 5 captured runs; nothing is sent to those addresses.
//
// The remote <video> is muted: autoplay without a gesture needs it, and audio is checked
// in getStats (inbound-rtp audio packets and samples), not by ear.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { IceConfig } from '../../../src/core/protocol/index.js';
import { packageRoot } from '../../../src/server/config.js';

export const CHROMIUM_PATH = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** The command-line flags every call test needs; see the top of this file for why each one. */
export const CALL_CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--webrtc-ip-handling-policy=default_public_interface_only',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/**
 * chrome://flags entries, written to the profile's Local State before launch: Chromium
 * merges them into the `--disable-features` list Playwright passes (a second
 * `--disable-features` flag would replace that list instead).
 */
export const CALL_CHROMIUM_LAB_FLAGS: readonly string[] = ['enable-webrtc-hide-local-ips-with-mdns@2'];

/** One Chromium process with its own temporary profile: one side of a call, as its own computer. */
export interface CallBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchCallBrowser(extraArgs: readonly string[] = []): Promise<CallBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'balcao-call-chromium-'));
  writeFileSync(path.join(profile, 'Local State'), JSON.stringify({ browser: { enabled_labs_experiments: CALL_CHROMIUM_LAB_FLAGS } }));
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: [...CALL_CHROMIUM_FLAGS, ...extraArgs] });
    // Chromium ignores a Local State it cannot read: check that the merge happened.
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('chrome://version');
    const commandLine = (await page.locator('#command_line').textContent()) ?? '';
    await page.close();
    if (!/--disable-features=\S*\bWebRtcHideLocalIpsWithMdns\b/.test(commandLine)) {
      await context.close();
      throw new Error(`Chromium did not apply the chrome://flags entries from Local State; its command line: ${commandLine}`);
    }
    return {
      context,
      close: async () => {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));

const PAGE = `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>call test</title>
<link rel="icon" href="data:,">
<script src="/peerjs.min.js"></script>
<script src="/call-page.js"></script></head>
<body><video id="local" muted playsinline autoplay></video><video id="remote" muted playsinline autoplay></video></body></html>`;

export interface CallPageServer {
  /** `http://127.0.0.1:<port>`: add it to the server's `allowedOrigins`. */
  readonly origin: string;
  readonly url: string;
  close(): Promise<void>;
}

/** Serves the test page, peerjs.min.js and call-page.js on 127.0.0.1 (a random port). */
export async function startCallPageServer(): Promise<CallPageServer> {
  const files = new Map<string, { type: string; body: Buffer | string }>([
    ['/', { type: 'text/html; charset=utf-8', body: PAGE }],
    ['/peerjs.min.js', { type: 'text/javascript', body: readFileSync(path.join(packageRoot, 'node_modules', 'peerjs', 'dist', 'peerjs.min.js')) }],
    ['/call-page.js', { type: 'text/javascript', body: readFileSync(path.join(here, 'call-page.js')) }],
  ]);
  const server: Server = createHttpServer((req, res) => {
    const file = files.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!file || req.method !== 'GET') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: `${origin}/`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Whether a URL's host is a loopback address literal (127.0.0.0/8 or ::1); names such as localhost are not. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '[::1]';
}

export interface StartOptions {
  readonly id: string;
  readonly token: string;
  /** The Balcão server (host 127.0.0.1). */
  readonly port: number;
  /** The ICE configuration the line handed this side ('called' / 'calling'). */
  readonly ice: IceConfig;
  readonly audio: boolean;
  readonly video: boolean;
  /** Answer an incoming call at once with the local stream (the citizen's "Entrar"). */
  readonly autoAnswer: boolean;
  /** The peer id calls are expected from (logged with 'call-received'). */
  readonly expectFrom?: string;
}

export interface CallEvent {
  readonly at: number;
  readonly type: string;
  readonly detail?: string;
}

export interface VideoState {
  readonly videoWidth: number;
  readonly videoHeight: number;
  readonly currentTime: number;
  readonly paused: boolean;
  /** Frames painted so far (requestVideoFrameCallback). */
  readonly frames: number;
  readonly mediaTime: number;
  /** Date.now() of the first painted frame, or null. */
  readonly firstFrameAt: number | null;
  /** Date.now() when this page called, or null (the side that answered). */
  readonly callStartedAt: number | null;
  /** How many times PeerJS emitted 'stream' (once per remote track). */
  readonly streamEvents: number;
  /** `kind:readyState` of the remote stream's tracks. */
  readonly remoteTracks: readonly string[];
}

export interface CandidateInfo {
  readonly type: string;
  readonly address: string;
  readonly port: number;
  readonly protocol: string;
  readonly relayProtocol?: string;
  readonly url?: string;
}

export interface InboundRtp {
  readonly kind: 'audio' | 'video';
  readonly packets: number;
  readonly bytes: number;
  readonly framesDecoded: number;
  readonly samples: number;
  readonly energy: number;
}

export interface ConnectionStats {
  readonly configuration: {
    readonly iceTransportPolicy: RTCIceTransportPolicy;
    readonly iceServers: readonly { readonly urls: readonly string[]; readonly username?: string }[];
  };
  readonly selected: { readonly local: CandidateInfo; readonly remote: CandidateInfo; readonly state: string } | null;
  readonly localCandidates: readonly CandidateInfo[];
  readonly remoteCandidates: readonly CandidateInfo[];
  readonly inbound: readonly InboundRtp[];
  readonly connectionState: RTCPeerConnectionState;
  readonly iceConnectionState: RTCIceConnectionState;
}

/** What the page exposes as `window.callTest` (call-page.js). */
interface CallTestApi {
  start(options: StartOptions & { host: string }): Promise<void>;
  call(dst: string, options: { data: boolean; constraints?: RTCOfferOptions }): void;
  stats(which: 'media' | 'data'): Promise<ConnectionStats | null>;
  video(): VideoState;
  send(text: string): void;
  chat(): unknown[];
  events(): CallEvent[];
  dataOpen(): boolean;
  hangUp(): void;
  destroy(): void;
}

declare global {
  interface Window {
    callTest: CallTestApi;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One side of a call: a page of its own browser context, with the traffic it opened. */
export class CallPage {
  /** Every HTTP(S) request URL and WebSocket URL the page opened, in order. */
  readonly requests: string[] = [];
  readonly websockets: string[] = [];
  /** Uncaught page errors and console errors. */
  readonly errors: string[] = [];

  private constructor(
    readonly label: string,
    readonly page: Page,
  ) {
    page.on('request', (r) => this.requests.push(r.url()));
    page.on('websocket', (ws) => this.websockets.push(ws.url()));
    page.on('pageerror', (e) => this.errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(m.text());
    });
  }

  /** A new page of `browser` on the test page, PeerJS loaded. */
  static async open(browser: CallBrowser, pages: CallPageServer, label: string): Promise<CallPage> {
    const page = await browser.context.newPage();
    const side = new CallPage(label, page);
    await page.goto(pages.url, { waitUntil: 'load' });
    await page.waitForFunction(() => typeof window.callTest === 'object' && typeof (window as unknown as { Peer?: unknown }).Peer === 'function');
    return side;
  }

  /** Every URL the page opened whose host is not a loopback address literal. */
  nonLoopbackTraffic(): string[] {
    return [...this.requests, ...this.websockets].filter((url) => !isLoopbackUrl(url));
  }

  /** Gets the media and connects to the signaling server; resolves on PeerJS 'open'. */
  start(options: StartOptions): Promise<void> {
    return this.page.evaluate((o) => window.callTest.start(o), { ...options, host: '127.0.0.1' });
  }

  /** Calls `dst` with the local stream, and (by default) opens a data connection to it. */
  call(dst: string, options: { data?: boolean; constraints?: RTCOfferOptions } = {}): Promise<void> {
    return this.page.evaluate(([d, o]) => window.callTest.call(d, o), [dst, { data: options.data ?? true, ...(options.constraints ? { constraints: options.constraints } : {}) }] as const);
  }

  video(): Promise<VideoState> {
    return this.page.evaluate(() => window.callTest.video());
  }

  stats(which: 'media' | 'data' = 'media'): Promise<ConnectionStats | null> {
    return this.page.evaluate((w) => window.callTest.stats(w), which);
  }

  events(): Promise<CallEvent[]> {
    return this.page.evaluate(() => window.callTest.events());
  }

  chat(): Promise<unknown[]> {
    return this.page.evaluate(() => window.callTest.chat());
  }

  /** Sends a text message on the data connection (waits until it is open). */
  async send(text: string, timeoutMs = 15_000): Promise<void> {
    await this.page.waitForFunction(() => window.callTest.dataOpen(), undefined, { timeout: timeoutMs });
    await this.page.evaluate((t) => window.callTest.send(t), text);
  }

  /** Resolves when the data connection delivered `text`. */
  async waitForChat(text: string, timeoutMs = 15_000): Promise<void> {
    await this.page.waitForFunction((t) => window.callTest.chat().includes(t), text, { timeout: timeoutMs });
  }

  /** Resolves with the time of the first event of `type` (waits for it). */
  async waitForEvent(type: string, timeoutMs = 15_000): Promise<CallEvent> {
    const handle = await this.page.waitForFunction((t) => window.callTest.events().find((e) => e.type === t) ?? false, type, { timeout: timeoutMs });
    return (await handle.jsonValue()) as CallEvent;
  }

  /**
   * Waits until the remote video really plays: a decoded size, at least `minFrames` frames
   * painted, then frames and currentTime still advancing `sampleMs` later.
   * Returns the state at the first check and the later sample.
   */
  async waitForRemoteVideo(timeoutMs = 20_000, minFrames = 10, sampleMs = 500): Promise<{ first: VideoState; later: VideoState }> {
    try {
      await this.page.waitForFunction((n) => {
        const v = window.callTest.video();
        return v.videoWidth > 0 && v.frames >= n && !v.paused;
      }, minFrames, { timeout: timeoutMs, polling: 50 });
    } catch (error) {
      throw new Error(`${this.label}: remote video did not play within ${timeoutMs} ms: ${JSON.stringify(await this.video())}\nevents: ${JSON.stringify(await this.events())}`, { cause: error });
    }
    const first = await this.video();
    await sleep(sampleMs);
    const later = await this.video();
    if (!(later.frames > first.frames && later.currentTime > first.currentTime)) {
      throw new Error(`${this.label}: remote video stalled: ${JSON.stringify({ first, later })}`);
    }
    return { first, later };
  }

  /** Waits until inbound RTP of `kind` has `minPackets` packets (e.g. audio flowing). */
  async waitForInbound(kind: 'audio' | 'video', minPackets = 20, timeoutMs = 15_000): Promise<InboundRtp> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const inbound = (await this.stats('media'))?.inbound.find((r) => r.kind === kind);
      if (inbound && inbound.packets >= minPackets) return inbound;
      if (Date.now() > deadline) throw new Error(`${this.label}: no inbound ${kind} (${JSON.stringify(inbound)})`);
      await sleep(100);
    }
  }

  /** Closes the media and data connections (PeerJS `close()`). */
  hangUp(): Promise<void> {
    return this.page.evaluate(() => window.callTest.hangUp());
  }

  /** `peer.destroy()`: closes every connection and the signaling socket. */
  destroy(): Promise<void> {
    return this.page.evaluate(() => window.callTest.destroy());
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
