// Measurements of the call through the real elements, printed (no timed assertion), and
// written as JSON to $COUNTER_MEASURE_OUT for `npm run bench` (scripts/bench/call.mjs):
//   npm run build && npx vitest run -c test/e2e/counter/measure.config.ts
//
// - "Entrar" to the first remote video frame: the citizen's court page with the built
//   <balcao-virtual> (a fresh page each call, the browser's cache emptied first, so the call
//   chunk and PeerJS are fetched inside the measured time), the clerk's demo page with
//   <balcao-virtual-atendente>, the real server, relay-only through a private coturn on
//   127.0.0.1 (Chromium gathers no host candidate on loopback). From the click on "Entrar"
//   (the page's clock) to the first frame painted in the call view's remote <video>
//   (requestVideoFrameCallback). Inside: the `answer` to the line, the clerk's element told,
//   both sides' camera and signaling socket, the clerk's call, the citizen's chunk.
// - Next to it, in the same run, alternating: two bare PeerJS pages (peerjs.min.js from
//   the package, test/e2e/harness/peerjs-page.js) through a stock PeerServer (the `peer`
//   package's defaults), the same coturn, relay-only: from `peer.call()` on open peers to
//   the first frame painted at the other side.
// - The gzip size of the call chunk the citizen fetched (dist/), next to PeerJS alone
//   (test/e2e/harness/bundle.ts: its package's ESM bundle, minified, gzip -9).
// - Every script the citizen's page fetched before "Entrar" is checked for PeerJS.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { PeerServer } from 'peer';
import { afterAll, beforeAll, it } from 'vitest';
import type { Unit } from '../../../src/core/unit.js';
import { iceConfigFor } from '../../../src/server/ice.js';
import { chunkSizes } from '../harness/bundle.js';
import { quantile } from '../harness/stats.js';
import { CallPage, startCallPageServer } from '../harness/peerjs-pages.js';
import { callNext, clerkEnds } from './steps.js';
import { Counter, startWorld, type World } from './world.js';

const RUNS = Number(process.env.COUNTER_MEASURE_RUNS ?? 20);
/** What PeerJS's code has and ours without it has not. */
const PEERJS_SIGNATURE = /_PEERJSTEST|0\.peerjs\.com/;

declare global {
  interface Window {
    __entrarAt?: number | null;
    __firstRemoteFrameAt?: number | null;
  }
}

/** Init script: when "Entrar" (#answer) is clicked, and when the first remote frame is painted (a <video> that is not muted: the self view is). */
function markEntrarAndFirstFrame(): void {
  window.__entrarAt = null;
  window.__firstRemoteFrameAt = null;
  document.addEventListener(
    'click',
    (event) => {
      const target = event.composedPath()[0];
      if (target instanceof HTMLElement && target.id === 'answer') window.__entrarAt ??= Date.now();
    },
    true,
  );
  const property = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'srcObject');
  if (!property?.set || !property.get) return;
  const { get, set } = property;
  Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {
    configurable: true,
    enumerable: property.enumerable ?? true,
    get() {
      return get.call(this) as MediaProvider | null;
    },
    set(value: MediaProvider | null) {
      set.call(this, value);
      if (value && this instanceof HTMLVideoElement && !this.muted) {
        this.requestVideoFrameCallback(() => {
          window.__firstRemoteFrameAt ??= Date.now();
        });
      }
    },
  });
}

export interface CounterMeasurements {
  readonly runs: number;
  /** ms, "Entrar" → first remote frame at the citizen, through the real elements. */
  readonly widget: readonly number[];
  /** ms, peer.call() → first remote frame, bare PeerJS through a stock PeerServer. */
  readonly bare: readonly number[];
  /** gzip -9 bytes of the call chunk the citizen's page fetched, and its name. */
  readonly callChunk: { readonly file: string; readonly gzip: number };
  /** gzip -9 bytes of PeerJS alone (its package's ESM bundle, minified). */
  readonly peerjsGzip: number;
  /** Scripts the citizen's pages fetched before "Entrar" (names), and those with PeerJS in them. */
  readonly beforeEntrar: { readonly scripts: readonly string[]; readonly withPeerjs: readonly string[] };
}

async function startStockPeerServer(): Promise<{ port: number; close(): Promise<void> }> {
  let http: Server | undefined;
  const app = PeerServer({ host: '127.0.0.1', port: 0, path: '/peerjs', key: 'balcao' }, (server) => (http = server));
  app.on('error', () => undefined);
  while (!http?.listening) await new Promise((resolve) => setTimeout(resolve, 5));
  const server = http;
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let world: World;
beforeAll(async () => {
  world = await startWorld();
}, 60_000);
afterAll(() => world?.close());

it('measures "Entrar" to the first remote frame through the real elements, next to bare PeerJS', { timeout: 30 * 60_000 }, async (context) => {
  const bare = await startCallPageServer();
  const stock = await startStockPeerServer();
  // Forty-odd joins from one address in a few minutes: more than the default rate limit allows.
  const counter = await Counter.open(world, context, ['--joins-per-address', '1000']);
  const widget: number[] = [];
  const bareTimes: number[] = [];
  const beforeEntrar = new Set<string>();
  const withPeerjs = new Set<string>();
  let callChunk = '';
  try {
    const clerk = await counter.openClerk();
    const relay: Unit = { relayOnly: true } as Unit;
    const ice = (): ReturnType<typeof iceConfigFor> =>
      iceConfigFor({ ...counter.turn.ice, stunUrls: [], turnTtlSeconds: 3_600 }, relay, Date.now());

    const widgetCall = async (): Promise<number> => {
      const citizen = await counter.openCitizen([markEntrarAndFirstFrame]);
      const page = citizen.side.page;
      // A cold cache: the call chunk and PeerJS come over the (loopback) network inside the measured time.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.clearBrowserCache');
      await page.reload({ waitUntil: 'load' });
      await cdp.detach();
      await citizen.answerQuestions(undefined);
      await citizen.button('Entrar na fila').click();
      await counter.until('in the line', () => citizen.heading('Você está na fila').isVisible());
      const code = await citizen.ticketCode();
      await callNext(counter, clerk, citizen, code);
      for (const r of citizen.side.requests) if (r.resourceType === 'script') beforeEntrar.add(new URL(r.url).pathname);
      const fetchedBefore = citizen.side.requests.length;
      await citizen.button('Entrar').click();
      let times: { entrar: number | null | undefined; frame: number | null | undefined } = { entrar: null, frame: null };
      await counter.until('the first remote frame at the citizen', async () => {
        times = await page.evaluate(() => ({ entrar: window.__entrarAt, frame: window.__firstRemoteFrameAt }));
        return typeof times.entrar === 'number' && typeof times.frame === 'number';
      }, 30_000);
      const chunk = citizen.side.requests.slice(fetchedBefore).find((r) => /\/chunks\/citizen-call-[\w-]+\.js$/.test(r.url));
      if (chunk) callChunk = new URL(chunk.url).pathname;
      else throw new Error('the citizen fetched no call chunk after "Entrar"');
      await clerkEnds(counter, clerk, citizen, code);
      await page.close();
      return (times.frame as number) - (times.entrar as number);
    };

    const bareCall = async (): Promise<number> => {
      const [caller, callee] = await Promise.all([CallPage.open(world.clerkBrowser, bare, 'bare caller'), CallPage.open(world.citizenBrowser, bare, 'bare callee')]);
      try {
        const id = (): string => `bare${Math.random().toString(36).slice(2)}`;
        const [callerId, calleeId] = [id(), id()];
        await Promise.all([
          caller.start({ id: callerId, token: 'x', port: stock.port, ice: ice(), audio: true, video: true, autoAnswer: false }),
          callee.start({ id: calleeId, token: 'x', port: stock.port, ice: ice(), audio: true, video: true, autoAnswer: true, expectFrom: callerId }),
        ]);
        await caller.call(calleeId, { data: false });
        const { first } = await callee.waitForRemoteVideo(20_000, 1, 200);
        const started = (await caller.video()).callStartedAt;
        if (started === null || first.firstFrameAt === null) throw new Error('bare PeerJS: no call or no frame');
        return first.firstFrameAt - started;
      } finally {
        await Promise.all([caller.close(), callee.close()]);
      }
    };

    // One of each first, not counted (the browsers' first call warms their caches and processes).
    await widgetCall();
    await bareCall();
    for (let i = 0; i < RUNS; i++) {
      widget.push(await widgetCall());
      bareTimes.push(await bareCall());
      process.stdout.write(`run ${i + 1}/${RUNS}: widget ${widget.at(-1)} ms, bare PeerJS ${bareTimes.at(-1)} ms\n`);
    }
    for (const script of beforeEntrar) {
      const file = path.join(world.publicDir, script);
      if (PEERJS_SIGNATURE.test(readFileSync(file, 'utf8'))) withPeerjs.add(script);
    }
  } finally {
    await stock.close();
    await bare.close();
  }

  const chunkGzip = gzipSync(readFileSync(path.join(world.publicDir, callChunk)), { level: 9 }).length;
  const result: CounterMeasurements = {
    runs: RUNS,
    widget,
    bare: bareTimes,
    callChunk: { file: callChunk, gzip: chunkGzip },
    peerjsGzip: (await chunkSizes()).peerjs,
    beforeEntrar: { scripts: [...beforeEntrar].sort(), withPeerjs: [...withPeerjs].sort() },
  };
  const line = (name: string, xs: readonly number[]): string =>
    `${name}: median ${Math.round(quantile(xs, 0.5))} ms, p95 ${Math.round(quantile(xs, 0.95))} ms (min ${Math.min(...xs)}, max ${Math.max(...xs)})`;
  console.info(
    [
      `"Entrar" → first remote frame, ${RUNS} calls each, relay-only through coturn on 127.0.0.1:`,
      `  ${line('Balcão Virtual (built elements, cold cache)', widget)}`,
      `  ${line('bare PeerJS, stock PeerServer, peer.call() →', bareTimes)}`,
      `  ratio of medians ${(quantile(widget, 0.5) / quantile(bareTimes, 0.5)).toFixed(2)}× (target ≤ 2×)`,
      `call chunk ${callChunk}: ${chunkGzip} B gzip; PeerJS alone ${result.peerjsGzip} B (target ≤ PeerJS + 6000 B)`,
      `scripts before "Entrar": ${result.beforeEntrar.scripts.join(', ')}; with PeerJS: ${result.beforeEntrar.withPeerjs.join(', ') || 'none'}`,
    ].join('\n'),
  );
  if (process.env.COUNTER_MEASURE_OUT) writeFileSync(process.env.COUNTER_MEASURE_OUT, JSON.stringify(result, null, 2));
});
