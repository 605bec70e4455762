// The Node side of the call tests: the test page and its script (page-script.ts, bundled
// with src/call and PeerJS by ../harness/bundle.ts) on a static server on 127.0.0.1, and
// `CallSide`, one browser page driving window.harness. Every HTTP request (with its body)
// and every WebSocket frame, sent and received, of the page is recorded
// (../harness/recorded-page.ts), so a test can prove what never travels through the server
// (the CPF) and that nothing leaves 127.0.0.1.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallState, EndReason } from '../../../src/call/index.js';
import { bundlePage } from '../harness/bundle.js';
import type { CallBrowser } from '../harness/chromium.js';
import { RecordedPage, newTab } from '../harness/recorded-page.js';
import { html, startStaticServer, type StaticServer } from '../harness/static-server.js';
import type { ConnectionInfo, Control, HarnessApi, LogEntry, SessionSnapshot, StartOptions, VideoState } from './page-api.js';

const PAGE = `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>call test</title>
<link rel="icon" href="data:,">
<script type="module" src="/harness.js"></script></head>
<body><video id="remote" muted playsinline autoplay></video></body></html>`;

export type PageServer = StaticServer;

/** The test page and its bundled script; its `origin` is the Balcão server's `allowedOrigins`. */
export async function startPageServer(): Promise<PageServer> {
  const script = await bundlePage(path.join(path.dirname(fileURLToPath(import.meta.url)), 'page-script.ts'));
  return startStaticServer(
    new Map([
      ['/', html(PAGE)],
      ['/harness.js', { type: 'text/javascript', body: script }],
    ]),
  );
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

type Api = HarnessApi;

export class CallSide extends RecordedPage {
  static async open(browser: CallBrowser, pages: PageServer, label: string): Promise<CallSide> {
    const page = await newTab(browser);
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
}
