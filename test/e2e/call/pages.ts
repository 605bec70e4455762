// The Node side of the call tests: a static server on 127.0.0.1 for the test page and its
// bundle (bundle.ts), and `CallSide`, one browser page driving window.harness. Every HTTP
// request (with its body) and every WebSocket frame, sent and received, of the page is
// recorded, so a test can prove what never travels through the server (the CPF) and that
// nothing leaves 127.0.0.1.
//
// Browsers come from ../webrtc/call-pages.ts (`launchCallBrowser`: one Chromium per side,
// fake camera and microphone, the flags that keep WebRTC on loopback; see that file).

import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import type { CallState, EndReason } from '../../../src/call/index.js';
import { isLoopbackUrl, type CallBrowser } from '../webrtc/call-pages.js';
import { bundleHarness } from './bundle.js';
import type { ConnectionInfo, Control, HarnessApi, LogEntry, SessionSnapshot, StartOptions, VideoState } from './harness-api.js';

const PAGE = `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>call test</title>
<link rel="icon" href="data:,">
<script type="module" src="/harness.js"></script></head>
<body><video id="remote" muted playsinline autoplay></video></body></html>`;

export interface PageServer {
  /** `http://127.0.0.1:<port>`: the Balcão server's `allowedOrigins`. */
  readonly origin: string;
  readonly url: string;
  close(): Promise<void>;
}

export async function startPageServer(): Promise<PageServer> {
  const harness = await bundleHarness();
  const files = new Map([
    ['/', { type: 'text/html; charset=utf-8', body: PAGE }],
    ['/harness.js', { type: 'text/javascript', body: harness }],
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

export interface Frame {
  readonly url: string;
  readonly direction: 'sent' | 'received';
  readonly payload: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

type Api = HarnessApi;

export class CallSide {
  /** Every request URL (and body, if any) the page made. */
  readonly requests: { readonly url: string; readonly body: string }[] = [];
  readonly websockets: string[] = [];
  readonly frames: Frame[] = [];
  readonly errors: string[] = [];

  private constructor(
    readonly label: string,
    readonly page: Page,
  ) {
    page.on('request', (r) => this.requests.push({ url: r.url(), body: r.postData() ?? '' }));
    page.on('websocket', (ws) => {
      this.websockets.push(ws.url());
      const record = (direction: Frame['direction']) => (frame: { payload: string | Buffer }) =>
        this.frames.push({ url: ws.url(), direction, payload: typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('utf8') });
      ws.on('framesent', record('sent'));
      ws.on('framereceived', record('received'));
    });
    page.on('pageerror', (e) => this.errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(m.text());
    });
  }

  static async open(browser: CallBrowser, pages: PageServer, label: string): Promise<CallSide> {
    const page = await browser.context.newPage();
    const side = new CallSide(label, page);
    await page.goto(pages.url, { waitUntil: 'load' });
    await page.waitForFunction(() => typeof window.harness === 'object');
    return side;
  }

  private call<K extends keyof Api>(name: K, ...args: Parameters<Api[K]>): Promise<Awaited<ReturnType<Api[K]>>> {
    const payload: [string, unknown[]] = [name, args];
    const result: Promise<unknown> = this.page.evaluate(([n, a]) => (window.harness[n as keyof Api] as (...x: unknown[]) => unknown)(...a), payload);
    return result as Promise<Awaited<ReturnType<Api[K]>>>;
  }

  connectLine(path: '/api/line' | '/api/clerk', server: URL, hello: object): Promise<void> {
    return this.call('connectLine', path, server.href, hello);
  }

  lineSend(message: object): Promise<void> {
    return this.call('lineSend', message);
  }

  /** Waits for the first line message of `type` (received since the socket opened) and returns it. */
  async lineMessage<T>(type: string, timeoutMs = 10_000): Promise<T> {
    const handle = await this.page.waitForFunction((t) => window.harness.lineMessages().find((m) => m.type === t) ?? false, type, { timeout: timeoutMs, polling: 50 });
    return (await handle.jsonValue()) as T;
  }

  getMedia(audio: boolean, video: boolean, width?: number): Promise<string[]> {
    return width === undefined ? this.call('getMedia', audio, video) : this.call('getMedia', audio, video, width);
  }

  start(options: StartOptions): Promise<void> {
    return this.call('start', options);
  }

  startIntruder(options: StartOptions): Promise<void> {
    return this.call('startIntruder', options);
  }

  snapshot(): Promise<SessionSnapshot> {
    return this.call('snapshot');
  }

  log(): Promise<readonly LogEntry[]> {
    return this.call('log');
  }

  video(): Promise<VideoState> {
    return this.call('video');
  }

  connection(): Promise<ConnectionInfo | null> {
    return this.call('connection');
  }

  diagnostics(): Promise<string> {
    return this.call('diagnostics');
  }

  sendChat(text: string): Promise<boolean> {
    return this.call('sendChat', text);
  }

  control(control: Control): Promise<void> {
    return this.call('control', control);
  }

  /** The session states logged so far, in order. */
  async states(): Promise<CallState[]> {
    return (await this.log()).filter((e) => e.type === 'state').map((e) => e.detail as CallState);
  }

  /** Resolves with the log entry of the first event of `type` (and `detail`, if given). */
  async waitForLog(type: string, detail?: string, timeoutMs = 15_000): Promise<LogEntry> {
    try {
      const handle = await this.page.waitForFunction(
        ([t, d]) => window.harness.log().find((e) => e.type === t && (d === null || e.detail === d)) ?? false,
        [type, detail ?? null] as const,
        { timeout: timeoutMs, polling: 50 },
      );
      return (await handle.jsonValue()) as LogEntry;
    } catch (error) {
      throw new Error(`${this.label}: no '${type}${detail ? ` ${detail}` : ''}' within ${timeoutMs} ms; log: ${JSON.stringify(await this.log().catch(() => []))}`, { cause: error });
    }
  }

  waitForState(state: CallState, timeoutMs = 15_000): Promise<LogEntry> {
    return this.waitForLog('state', state, timeoutMs);
  }

  async waitForEnd(timeoutMs = 15_000): Promise<{ reason: EndReason; at: number }> {
    const entry = await this.waitForLog('ended', undefined, timeoutMs);
    return { reason: entry.detail as EndReason, at: entry.at };
  }

  /**
   * Waits until the remote video plays: a size, and `minFrames` more frames painted from now
   * on with the media clock advancing (after a recovery the sender ramps up again: a fixed
   * short sample would be too strict).
   */
  async waitForRemoteVideo(timeoutMs = 20_000, minFrames = 10): Promise<{ first: VideoState; later: VideoState }> {
    const first = await this.video();
    try {
      await this.page.waitForFunction(
        ([painted, time, n]) => {
          // (Synchronous: waitForFunction takes a returned promise for a truthy answer.)
          const v = window.harness.video();
          return v.videoWidth > 0 && !v.paused && v.painted >= painted + n && v.currentTime > time;
        },
        [first.painted, first.currentTime, minFrames] as const,
        { timeout: timeoutMs, polling: 50 },
      );
    } catch (error) {
      throw new Error(`${this.label}: remote video did not play: ${JSON.stringify({ first, now: await this.video() })}\n${await this.diagnostics()}\nlog ${JSON.stringify(await this.log())}`, {
        cause: error,
      });
    }
    return { first, later: await this.video() };
  }

  /** Waits until the data channel delivered `text` from the other side. */
  async waitForChat(text: string, timeoutMs = 10_000): Promise<void> {
    await this.page.waitForFunction((t) => window.harness.snapshot().chat.some((m) => m.from === 'remote' && m.text === t), text, { timeout: timeoutMs, polling: 50 });
  }

  /** Sends chat, retrying until the channel is open. */
  async chat(text: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.sendChat(text))) {
      if (Date.now() > deadline) throw new Error(`${this.label}: chat channel never opened`);
      await sleep(50);
    }
  }

  /** Every URL the page opened whose host is not a loopback address literal. */
  nonLoopbackTraffic(): string[] {
    return [...this.requests.map((r) => r.url), ...this.websockets].filter((url) => !isLoopbackUrl(url));
  }

  /** Whether `needle` appears in any request (URL or body) or WebSocket frame of this page. */
  leaks(needle: string): string[] {
    return [
      ...this.requests.filter((r) => r.url.includes(needle) || r.body.includes(needle)).map((r) => `request ${r.url}`),
      ...this.frames.filter((f) => f.payload.includes(needle) || f.url.includes(needle)).map((f) => `${f.direction} on ${f.url}: ${f.payload.slice(0, 200)}`),
    ];
  }

  async close(): Promise<void> {
    if (!this.page.isClosed()) await this.page.close();
  }
}
