// @ts-check
// B. Headless Chromium against the real server: page loads, each timed from the script's
// responseEnd to the status rendered, cold and warm, next to a minimal Lit element.

/* global window:readonly, requestAnimationFrame:readonly -- inside page.evaluate(), which runs in the page */

import { writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout } from 'node:timers';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromiumPath, dist, envCount } from '../lib/env.mjs';
import { onCleanup } from '../lib/processes.mjs';
import { benchPage, RESERVE_CSS, UNIT } from './page.mjs';
import { analyzeLoad, parseTrace, TRACE_CATEGORIES } from './trace.mjs';

/** Loads per page and cache state. */
export const RUNS = envCount('BENCH_RUNS', 20);
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Rounds (one load of each page) per trace: fewer start/stop costs, a bounded trace. */
export const BATCH = 5;
const DEBUG = process.env.BENCH_DEBUG === '1';

/**
 * @typedef {'widget' | 'lit' | 'reserved'} PageName
 * @typedef {{ script: number, api: number }} Counters requests that reached a server
 * @typedef {{ name: PageName, url: string, script: string, counters: () => Counters }} Target
 * @typedef {{ page: import('playwright-core').Page, errors: string[] }} Tab
 * @typedef {{
 *   run: number, page: PageName, responseEnd: number, wall: number, firstRender: number,
 *   scriptRequests: number, apiRequests: number, cls: number, heights: string,
 *   firstShift: number | undefined, shifts: string, heightTimes: string,
 *   resized: { from: number, to: number, t: number } | undefined, errors: string[],
 * }} Load
 * @typedef {Load & import('./trace.mjs').MainThread} Measured
 * @typedef {{ cold: { widget: Measured[], lit: Measured[] }, warm: { widget: Measured[], lit: Measured[], reserved: Measured[] } }} Results
 * What the page's inline script records (window.__bench).
 * @typedef {{
 *   run: string, cls: number, shifts: { t: number, v: number }[], heights: { t: number, h: number }[],
 *   tEnd: number, tFirstRender: number,
 * }} PageRecord
 */

/**
 * An HTTP server on a free loopback port, closed at the end of the run.
 * @param {import('node:http').RequestListener} handler
 * @returns {Promise<{ server: import('node:http').Server, origin: string }>}
 */
function listen(handler) {
  const server = createHttpServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      onCleanup(
        () =>
          new Promise((done) => {
            server.close(() => done(undefined));
            server.closeAllConnections();
          }),
      );
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

let runCounter = 0;

/**
 * Opens a page that records its errors.
 * @param {import('playwright-core').BrowserContext} context
 * @returns {Promise<Tab>}
 */
async function newTab(context) {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return { page, errors };
}

/**
 * One load of `target` in `tab`, up to the end event; no Playwright evaluate() inside the measured window.
 * @param {Tab} tab
 * @param {Target} target
 * @returns {Promise<Load>}
 */
async function onePageLoad(tab, target) {
  const { page } = tab;
  const run = ++runCounter;
  const firstError = tab.errors.length;
  const newErrors = () => tab.errors.slice(firstError);
  const before = target.counters();
  // The end of the window is seen through a console message: page.evaluate() would
  // inject and compile Playwright's utility script on the main thread during the window.
  const ended = page.waitForEvent('console', { predicate: (m) => m.text() === `bench-end-${run}`, timeout: 15_000 });
  ended.catch(() => {});
  await page.goto(`${target.url}?run=${run}`, { waitUntil: 'commit' });
  await ended.catch((error) => {
    throw new Error(`${target.url}: no end event (${newErrors().join('; ') || (error instanceof Error ? error.message : String(error))})`);
  });
  // Two frames more, so that the layout shifts of the frame after the event are reported.
  const r = await page.evaluate(
    async ({ url, run }) => {
      await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, 20))));
      const b = /** @type {{ __bench: PageRecord }} */ (/** @type {unknown} */ (window)).__bench;
      if (b.run !== run) throw new Error(`page of run ${b.run}, expected ${run}`);
      const script = /** @type {PerformanceResourceTiming | undefined} */ (performance.getEntriesByName(url, 'resource')[0]);
      return {
        responseEnd: script?.responseEnd,
        tEnd: b.tEnd,
        tFirstRender: b.tFirstRender,
        cls: b.cls,
        heights: b.heights.map((x) => x.h).join(' → '),
        heightTimes: b.heights.map((x) => `${x.h}@${(x.t - b.tEnd).toFixed(1)}`).join(' '),
        // When the height changed after its first non-zero value, relative to the end event.
        resized: (() => {
          const first = b.heights.find((x) => x.h > 0);
          const next = first === undefined ? undefined : b.heights.slice(b.heights.indexOf(first) + 1).find((x) => x.h !== first.h);
          return first && next ? { from: first.h, to: next.h, t: next.t - b.tEnd } : undefined;
        })(),
        firstShift: b.shifts[0]?.t,
        shifts: b.shifts.map((s) => `${(s.t - b.tEnd).toFixed(1)}:${s.v.toFixed(4)}`).join(' '),
      };
    },
    { url: target.script, run: String(run) },
  );
  if (typeof r.responseEnd !== 'number') throw new Error(`no resource timing entry for ${target.script}`);
  const after = target.counters();
  return {
    run,
    page: target.name,
    responseEnd: r.responseEnd,
    wall: r.tEnd - r.responseEnd,
    firstRender: r.tFirstRender - r.responseEnd,
    scriptRequests: after.script - before.script,
    apiRequests: after.api - before.api,
    cls: r.cls,
    heights: r.heights,
    firstShift: r.firstShift === undefined ? undefined : r.firstShift - r.responseEnd,
    shifts: r.shifts,
    heightTimes: r.heightTimes,
    resized: r.resized,
    errors: newErrors(),
  };
}

/**
 * Runs `loads` inside one trace, then reads each load's window from it.
 * @param {import('playwright-core').Browser} browser
 * @param {readonly (() => Promise<Load>)[]} loads
 * @returns {Promise<Measured[]>}
 */
async function tracedBatch(browser, loads) {
  /** @type {Load[]} */
  const results = [];
  const started = performance.now();
  await browser.startTracing(undefined, { categories: TRACE_CATEGORIES });
  /** @type {Buffer} */
  let buffer;
  try {
    for (const load of loads) results.push(await load());
  } finally {
    buffer = await browser.stopTracing();
  }
  const trace = parseTrace(buffer);
  if (process.env.BENCH_DUMP) writeFileSync(process.env.BENCH_DUMP, buffer);
  const measured = results.map((load) => ({ ...load, ...analyzeLoad(trace, load.run, load.responseEnd) }));
  for (const r of measured) {
    if (DEBUG) console.log(`\n#${r.run} ${r.page}: wall ${r.wall.toFixed(1)} busy ${r.busy.toFixed(1)} js ${r.js.toFixed(1)} requests ${r.scriptRequests}+${r.apiRequests} shifts ${r.shifts} heights ${r.heightTimes} (ms from the end event)`);
  }
  if (DEBUG) console.log(`batch of ${loads.length} loads: ${(performance.now() - started).toFixed(0)} ms, trace ${(buffer.length / 2 ** 20).toFixed(1)} MiB, ${trace.processes} processes`);
  return measured;
}

/**
 * The real server (from dist/) and the court pages on loopback; every load of section B.
 * @param {string} litBenchCode the Lit baseline's script (sizes.mjs)
 * @returns {Promise<{ results: Results, browserVersion: string }>}
 */
export async function measureBrowser(litBenchCode) {
  const [{ chromium }, { createServer }, { readConfig }, { memoryLogger }] = await Promise.all([
    import('playwright-core'),
    /** @type {Promise<typeof import('../../../src/server/server.js')>} */ (import(pathToFileURL(path.join(dist, 'node/server/server.js')).href)),
    /** @type {Promise<typeof import('../../../src/server/config.js')>} */ (import(pathToFileURL(path.join(dist, 'node/server/config.js')).href)),
    /** @type {Promise<typeof import('../../../src/server/logger.js')>} */ (import(pathToFileURL(path.join(dist, 'node/server/logger.js')).href)),
  ]);

  // Another origin serving the Lit baseline's script, like the widget's server does.
  const litGzip = gzipSync(litBenchCode, { level: 9 });
  let siteOrigin = '';
  const litCount = { script: 0, api: 0 };
  const assets = await listen((req, res) => {
    if (req.url !== '/lit-bench.js') {
      res.writeHead(404).end();
      return;
    }
    litCount.script++;
    const gz = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    res.writeHead(200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300, must-revalidate',
      'access-control-allow-origin': siteOrigin,
      'cross-origin-resource-policy': 'cross-origin',
      vary: 'Origin, Accept-Encoding',
      ...(gz ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(gz ? litGzip : litBenchCode);
  });

  /** @type {Record<string, string>} */
  const pages = {};
  const site = await listen((req, res) => {
    const html = pages[(req.url ?? '').split('?')[0] ?? ''];
    if (!html) {
      res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  });
  siteOrigin = site.origin;

  // Counts the requests that reach the server (the others came from the browser's cache).
  const widgetCount = { script: 0, api: 0 };
  const logger = memoryLogger();
  /** @type {import('../../../src/server/logger.js').Logger} */
  const countingLogger = {
    log(level, event, fields) {
      if (event === 'http') {
        if (fields?.route === 'static') widgetCount.script++;
        else if (String(fields?.route).startsWith('/api/')) widgetCount.api++;
      }
      logger.log(level, event, fields);
    },
  };
  const server = createServer({ ...readConfig(['--port', '0', '--host', '127.0.0.1', '--demo'], {}), allowedOrigins: [siteOrigin] }, { logger: countingLogger });
  onCleanup(() => server.stop(1_000));
  const serverUrl = await server.start();

  const widgetScript = new URL('balcao-virtual.js', serverUrl).href;
  const litScript = `${assets.origin}/lit-bench.js`;
  pages['/widget.html'] = benchPage({ scriptUrl: widgetScript, tag: 'balcao-virtual', attrs: `unidade="${UNIT}"`, doneEvent: 'balcao-status-change' });
  pages['/lit.html'] = benchPage({ scriptUrl: litScript, tag: 'x-el', attrs: '', doneEvent: 'x-rendered' });
  pages['/reserved.html'] = benchPage({ scriptUrl: widgetScript, tag: 'balcao-virtual', attrs: `unidade="${UNIT}"`, doneEvent: 'balcao-status-change', pageCss: RESERVE_CSS });
  /** @type {Record<PageName, Target>} */
  const targets = {
    widget: { name: 'widget', url: `${siteOrigin}/widget.html`, script: widgetScript, counters: () => ({ ...widgetCount }) },
    lit: { name: 'lit', url: `${siteOrigin}/lit.html`, script: litScript, counters: () => ({ ...litCount }) },
    reserved: { name: 'reserved', url: `${siteOrigin}/reserved.html`, script: widgetScript, counters: () => ({ ...widgetCount }) },
  };

  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  onCleanup(() => browser.close());
  const browserVersion = browser.version();

  /** @type {Results} */
  const results = { cold: { widget: [], lit: [] }, warm: { widget: [], lit: [], reserved: [] } };
  /** @param {PageName} name */
  const coldLoad = (name) => async () => {
    const context = await browser.newContext();
    try {
      return await onePageLoad(await newTab(context), targets[name]);
    } finally {
      await context.close();
    }
  };
  /**
   * @param {'cold' | 'warm'} mode
   * @param {readonly Measured[]} list
   */
  const store = (mode, list) => {
    /** @type {Partial<Record<PageName, Measured[]>>} */
    const byPage = results[mode];
    for (const r of list) {
      const runs = byPage[r.page];
      if (!runs) throw new Error(`no ${mode} series for the page ${r.page}`);
      runs.push(r);
    }
  };
  /**
   * @param {readonly PageName[]} names
   * @param {(name: PageName) => () => Promise<Load>} load
   */
  const rounds = (names, load) => {
    /** @type {(() => Promise<Load>)[]} */
    const list = [];
    for (let i = 0; i < RUNS; i++) for (const name of names) list.push(load(name));
    return { names, list };
  };
  /**
   * @param {'cold' | 'warm'} mode
   * @param {{ names: readonly PageName[], list: readonly (() => Promise<Load>)[] }} series
   */
  const inBatches = async (mode, { names, list }) => {
    const size = names.length * BATCH;
    for (let i = 0; i < list.length; i += size) {
      store(mode, await tracedBatch(browser, list.slice(i, i + size)));
      process.stdout.write(`\r${mode} runs ${Math.min(RUNS, (i + size) / names.length)}/${RUNS}`);
    }
    process.stdout.write('\n');
  };

  // Warm-up (discarded): one cold load of each page.
  for (const name of /** @type {const} */ (['widget', 'lit'])) await coldLoad(name)();
  // Cold: a new context per load (empty HTTP cache, no IndexedDB, no V8 code cache).
  await inBatches('cold', rounds(['widget', 'lit'], coldLoad));
  // Warm: one context and one tab per page, navigated again for each load, as a citizen
  // going from page to page of the court's site (HTTP cache, the widget's saved unit in
  // IndexedDB, V8's code cache). Not a new tab per load: closed tabs leave renderer
  // processes shutting down, and Chrome's tracing then waits seconds for them.
  // Also, for layout shift only, the widget on a page that reserves its height before
  // the element is defined.
  const warm = await browser.newContext();
  try {
    /** @type {readonly PageName[]} */
    const names = ['widget', 'lit', 'reserved'];
    /** @type {Partial<Record<PageName, Tab>>} */
    const tabs = {};
    for (const name of names) tabs[name] = await newTab(warm);
    /** @param {PageName} name */
    const tab = (name) => /** @type {Tab} */ (tabs[name]);
    for (let i = 0; i < 2; i++) for (const name of names) await onePageLoad(tab(name), targets[name]);
    await inBatches('warm', rounds(names, (name) => () => onePageLoad(tab(name), targets[name])));
  } finally {
    await warm.close();
  }
  return { results, browserVersion };
}
