// Bare PeerJS pages (no src/call): two headless Chromiums in a real PeerJS call, for the
// webrtc suite and the measurements' reference.
//
// - `startCallPageServer()`: a tiny static server on 127.0.0.1 serving the test page, the
//   PeerJS 1.5.5 bundle from node_modules (peerjs.min.js: a classic script that sets
//   `window.Peer`) and peerjs-page.js (the page's side, `window.callTest`). Add its `origin`
//   to the Balcão server's `allowedOrigins`: the signaling upgrade checks Origin.
// - One Chromium per side: chromium.ts's `launchCallBrowser()` (the flags that
//   keep WebRTC on loopback, and why each one).
// - `CallPage`: one side. `start()` gets the media and opens PeerJS with our server's
//   host/port/path/key/token and the `ice` the line handed out; `call()` (the clerk)
//   calls with its stream and opens a data connection; the other side answers
//   automatically with its own stream. `waitForRemoteVideo()` proves frames are painted
//   (requestVideoFrameCallback count and currentTime both advance); `stats()` reads the
//   selected candidate pair and `getConfiguration()`. Every HTTP request and WebSocket
//   the page opens is recorded (recorded-page.ts) for the loopback-only assertion.
//
// The remote <video> is muted: autoplay without a gesture needs it, and audio is checked
// in getStats (inbound-rtp audio packets and samples), not by ear.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IceConfig } from '../../../src/core/protocol/index.js';
import { packageRoot } from '../../../src/server/config.js';
import type { CallBrowser } from './chromium.js';
import { RecordedPage, newTab } from './recorded-page.js';
import { html, startStaticServer, type StaticServer } from './static-server.js';

const here = path.dirname(fileURLToPath(import.meta.url));

const PAGE = `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>call test</title>
<link rel="icon" href="data:,">
<script src="/peerjs.min.js"></script>
<script src="/peerjs-page.js"></script></head>
<body><video id="local" muted playsinline autoplay></video><video id="remote" muted playsinline autoplay></video></body></html>`;

export type CallPageServer = StaticServer;

/** Serves the test page, peerjs.min.js and peerjs-page.js on 127.0.0.1 (a random port). */
export function startCallPageServer(): Promise<CallPageServer> {
  return startStaticServer(
    new Map([
      ['/', html(PAGE)],
      ['/peerjs.min.js', { type: 'text/javascript', body: readFileSync(path.join(packageRoot, 'node_modules', 'peerjs', 'dist', 'peerjs.min.js')) }],
      ['/peerjs-page.js', { type: 'text/javascript', body: readFileSync(path.join(here, 'peerjs-page.js')) }],
    ]),
  );
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

/** What the page exposes as `window.callTest` (peerjs-page.js). */
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
export class CallPage extends RecordedPage {
  /** A new page of `browser` on the test page, PeerJS loaded. */
  static async open(browser: CallBrowser, pages: CallPageServer, label: string): Promise<CallPage> {
    const page = await newTab(browser);
    const side = new CallPage(label, page);
    await page.goto(pages.url, { waitUntil: 'load' });
    await page.waitForFunction(() => typeof window.callTest === 'object' && typeof (window as unknown as { Peer?: unknown }).Peer === 'function');
    return side;
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
}
