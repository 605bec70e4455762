// One browser page with everything it sent and received: each request (with its body and
// resource type), each WebSocket and its frames both ways, its uncaught errors and console
// errors. The suites' page drivers extend it (call/pages.ts's CallSide, webrtc's CallPage,
// counter/pages.ts's ProductPage), so a test can prove what never travels through the server
// (a CPF, a name) and that nothing leaves 127.0.0.1.

import type { Page, WebSocket } from 'playwright-core';
import { isLoopbackUrl, type CallBrowser } from './chromium.js';

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

/** A new tab of `browser` with `initScripts` (run before the page's own scripts), not yet navigated. */
export async function newTab(browser: CallBrowser, initScripts: readonly (() => void)[] = []): Promise<Page> {
  const page = await browser.context.newPage();
  for (const script of initScripts) await page.addInitScript(script);
  return page;
}

export class RecordedPage {
  readonly requests: Sent[] = [];
  readonly sockets: WebSocket[] = [];
  readonly frames: FrameSeen[] = [];
  /** Uncaught exceptions and console errors, in order. */
  readonly errors: string[] = [];
  /** Uncaught exceptions of the page. */
  readonly pageErrors: string[] = [];
  /** console.error lines (the browser's own network errors among them). */
  readonly consoleErrors: string[] = [];

  /** Starts recording `page` (before it navigates, to see everything). */
  constructor(
    readonly label: string,
    readonly page: Page,
  ) {
    page.on('request', (r) => this.requests.push({ url: r.url(), body: r.postData() ?? '', resourceType: r.resourceType() }));
    page.on('websocket', (socket) => {
      this.sockets.push(socket);
      const keep = (direction: FrameSeen['direction']) => (frame: { payload: string | Buffer }) => {
        this.frames.push({ url: socket.url(), direction, payload: typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('utf8'), at: Date.now() });
      };
      socket.on('framesent', keep('sent'));
      socket.on('framereceived', keep('received'));
    });
    page.on('pageerror', (e) => {
      this.pageErrors.push(String(e));
      this.errors.push(String(e));
    });
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      this.consoleErrors.push(m.text());
      this.errors.push(m.text());
    });
  }

  /** The URLs of the WebSockets the page opened, in order. */
  get websockets(): string[] {
    return this.sockets.map((s) => s.url());
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
      ...this.frames.filter((f) => f.payload.includes(needle) || f.url.includes(needle)).map((f) => `${this.label} ${f.direction} on ${f.url}: ${f.payload.slice(0, 200)}`),
    ];
  }

  /** Every URL the page opened whose host is not a loopback address literal. */
  nonLoopbackTraffic(): string[] {
    return [...this.requests.map((r) => r.url), ...this.websockets].filter((url) => !isLoopbackUrl(url));
  }

  /** Every URL the page opened that is not on one of `hosts` (`127.0.0.1:port`); data: and blob: URLs aside. */
  trafficOutside(hosts: readonly string[]): string[] {
    return [...this.requests.map((r) => r.url), ...this.websockets].filter((url) => {
      const parsed = new URL(url);
      if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return false;
      return !isLoopbackUrl(url) || !hosts.includes(parsed.host);
    });
  }

  /** Closes the tab (page.close(): the page gets 'pagehide', as when a person closes it). Idempotent. */
  async close(): Promise<void> {
    if (!this.page.isClosed()) await this.page.close();
  }
}
