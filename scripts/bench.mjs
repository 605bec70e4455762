// `npm run bench`: builds, then measures what a court page pays for the widget and prints
// the figures, side by side with a bare Lit element (and PeerJS for scale). Writes the same
// tables to BENCHMARKS.md. A benchmark, not a test: it measures and reports, it fails only
// when something crashes. Only loopback addresses are contacted.
//
// A. Sizes: the initial chunk (entry + its static imports), the lazy chunks, and reference
//    bundles (Lit alone, Lit + @lit/localize, PeerJS) built with vite's API like ours.
// B. Headless Chromium against the real server: wall time and main-thread busy time (from
//    a Chrome trace) from the script's responseEnd to the status rendered, cold and warm,
//    next to a minimal Lit element; cumulative layout shift.
// C. The signaling server next to a stock PeerServer (scripts/bench-server.mjs): connections,
//    memory per connection, relay latency and throughput, the line's join to position. Run
//    before B, while no browser is up; its section goes after B in BENCHMARKS.md.
// D. The call (scripts/bench-call.mjs → test/e2e/counter/measure.ts): "Entrar" to the first
//    remote video frame through the built elements, next to bare PeerJS through a stock
//    PeerServer; the call chunk next to PeerJS alone; no PeerJS before "Entrar". After B.
//
// Environment: CHROMIUM (browser executable, default /usr/bin/chromium), BENCH_RUNS
// (loads per page and cache state, default 20), COUNTER_MEASURE_RUNS (calls of each kind in
// D, default 20), BENCH_DEBUG=1 (per-load figures),
// BENCH_DUMP=file (writes the last trace, for chrome://tracing or Perfetto).

/* global window:readonly, requestAnimationFrame:readonly -- inside page.evaluate(), which runs in the page */

import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { benchCall } from './bench-call.mjs';
import { benchServer } from './bench-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 20));
const BUDGET_GZIP = 20_000;
const TARGET_GZIP = 15_000;
const UNIT = 'vara-civel-natal';
// What a court page can add so that the element has its height before the script runs.
const RESERVE_CSS = ' balcao-virtual:not(:defined) { display: block; min-height: 20rem; }';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// What DevTools' Performance panel records (tasks: RunTask; JS, style, layout, paint) and
// the page's own performance.mark()s. Not 'toplevel' (chatty on every thread of every
// process) nor disabled-by-default-v8.compile (heavy overhead on the very work measured).
const TRACE_CATEGORIES = ['-*', 'disabled-by-default-devtools.timeline', 'devtools.timeline', 'v8.execute', 'blink.user_timing'];

// ---------------------------------------------------------------------------- helpers

const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
const fmtMs = (n) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(1));
const fmtRatio = (n) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '–');

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile. */
function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

function table(headers, rows, align) {
  const a = align ?? headers.map((_, i) => (i === 0 ? 'l' : 'r'));
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(a.map((x) => (x === 'l' ? ':--' : '--:'))), ...rows.map(line)].join('\n');
}

function sizes(code) {
  const buf = Buffer.from(code);
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  };
}

const sum = (list) => list.reduce((t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip, brotli: t.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------- cleanup

const cleanups = [];
let cleaningUp;
function cleanup() {
  cleaningUp ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await withTimeout(Promise.resolve().then(fn), 10_000, 'cleanup');
      } catch (error) {
        console.error('cleanup:', error?.message ?? error);
      }
    }
  })();
  return cleaningUp;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------- 0. build

function runBuild() {
  console.log('> npm run build');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status ?? result.signal})`);
}

// ---------------------------------------------------------------------------- A. sizes

/** Static and dynamic import specifiers of an ES module. es-module-lexer when installed, else a scan of the leading import statements (rolldown hoists them). */
async function moduleImports(code) {
  try {
    const lexer = await import('es-module-lexer');
    await lexer.init;
    const [imports] = lexer.parse(code);
    const staticImports = [];
    const dynamicImports = [];
    for (const im of imports) {
      if (im.d === -1 && im.n) staticImports.push(im.n);
      else if (im.d >= 0 && im.n) dynamicImports.push(im.n);
    }
    return { staticImports, dynamicImports, parser: 'es-module-lexer' };
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  }
  const staticImports = [];
  const statement = /^\s*(?:import\s*(?:[\w$]+\s*,?\s*)?(?:\*\s*as\s*[\w$]+|\{[^}]*\})?\s*(?:from\s*)?|export\s*(?:\*(?:\s*as\s*[\w$]+)?|\{[^}]*\})\s*from\s*)(["'])([^"']+)\1\s*;?/;
  let rest = code.replace(/^(?:\s*\/\*[\s\S]*?\*\/|\s*\/\/[^\n]*\n)*/, '');
  for (let m = statement.exec(rest); m; m = statement.exec(rest)) {
    staticImports.push(m[2]);
    rest = rest.slice(m[0].length);
  }
  const dynamicImports = [...code.matchAll(/\bimport\(\s*(["'`])([^"'`$]+)\1\s*\)/g)].map((m) => m[2]);
  return { staticImports, dynamicImports, parser: 'leading-import scan' };
}

async function measureDist() {
  const entry = path.join(dist, 'balcao-virtual.js');
  const initial = [];
  const seen = new Set();
  let parser = '';
  const visit = async (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    initial.push({ file: path.relative(dist, file), ...sizes(code) });
    const found = await moduleImports(code);
    parser = found.parser;
    for (const spec of found.staticImports) {
      if (!spec.startsWith('.')) throw new Error(`unexpected bare import "${spec}" in ${file}`);
      await visit(path.resolve(path.dirname(file), spec));
    }
  };
  await visit(entry);
  const chunkDir = path.join(dist, 'chunks');
  const lazy = readdirSync(chunkDir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => path.join(chunkDir, f))
    .filter((f) => !seen.has(f))
    .map((f) => ({ file: path.relative(dist, f), ...sizes(readFileSync(f, 'utf8')) }));
  return { initial, initialTotal: sum(initial), lazy, parser };
}

const LIT_ELEMENT = `import { LitElement, html, css } from 'lit';
class X extends LitElement {
  static styles = css\`:host{display:block}\`;
  render() { return html\`<p>hi</p>\`; }
}
customElements.define('x-el', X);
`;

const LIT_LOCALIZE_ELEMENT = `import { LitElement, html, css } from 'lit';
import { msg, configureLocalization } from '@lit/localize';
configureLocalization({ sourceLocale: 'pt-BR', targetLocales: ['en'], loadLocale: async () => ({ templates: {} }) });
class X extends LitElement {
  static styles = css\`:host{display:block}\`;
  render() { return html\`<p>\${msg('x')}</p>\`; }
}
customElements.define('x-el', X);
`;

const PEERJS_ONLY = `import { Peer } from 'peerjs';
window.__p = Peer;
`;

// The browser baseline: the same minimal element, telling the page when it first rendered.
const LIT_BENCH_ELEMENT = `import { LitElement, html, css } from 'lit';
class X extends LitElement {
  static styles = css\`:host{display:block}\`;
  render() { return html\`<p>hi</p>\`; }
  firstUpdated() { this.dispatchEvent(new Event('x-rendered', { bubbles: true, composed: true })); }
}
customElements.define('x-el', X);
`;

/** Bundles `source` like the widget (vite lib mode, es, full minification); returns its chunks' code. */
async function bundle(build, cacheDir, name, source) {
  const entry = path.join(cacheDir, `${name}.js`);
  writeFileSync(entry, source);
  const result = await build({
    root,
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      target: 'es2022',
      minify: 'oxc',
      lib: { entry, formats: ['es'], fileName: () => `${name}.js` },
      rollupOptions: { output: { minify: true } },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  const chunks = outputs.filter((o) => o.type === 'chunk');
  if (chunks.length === 0) throw new Error(`no chunk built for ${name}`);
  return chunks.map((c) => ({ file: c.fileName, isEntry: c.isEntry, code: c.code }));
}

async function measureReferences() {
  const { build } = await import('vite');
  // Inside node_modules so that 'lit', '@lit/localize' and 'peerjs' resolve from this project.
  const cacheDir = path.join(root, 'node_modules', '.cache', 'bench');
  const created = mkdirSync(cacheDir, { recursive: true }); // the first directory it made, if any
  cleanups.push(() => rmSync(created ?? cacheDir, { recursive: true, force: true }));
  const measure = async (name, source) => {
    const chunks = await bundle(build, cacheDir, name, source);
    return { name, chunks: chunks.length, ...sum(chunks.map((c) => sizes(c.code))) };
  };
  const lit = await measure('lit-only', LIT_ELEMENT);
  const litLocalize = await measure('lit-localize', LIT_LOCALIZE_ELEMENT);
  const peer = await measure('peerjs-only', PEERJS_ONLY);
  const litBench = await bundle(build, cacheDir, 'lit-bench', LIT_BENCH_ELEMENT);
  if (litBench.length !== 1) throw new Error('the Lit baseline should be one chunk');
  return { lit, litLocalize, peer, litBenchCode: litBench[0].code };
}

// ---------------------------------------------------------------------------- B. browser

/** Court page: one script tag (from another origin, as in production) and one element between two paragraphs. */
function benchPage({ scriptUrl, tag, attrs, doneEvent, pageCss = '' }) {
  return `<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bench</title>
<link rel="icon" href="data:,">
<style>body { font: 16px/1.5 sans-serif; margin: 1rem; max-width: 40rem; }${pageCss}</style>
<script>
(() => {
  const run = new URLSearchParams(location.search).get('run');
  const r = { run, cls: 0, shifts: [], heights: [] };
  window.__bench = r;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      r.cls += e.value;
      r.shifts.push({ t: e.startTime, v: e.value });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  r.done = new Promise((resolve) => {
    document.addEventListener(${JSON.stringify(doneEvent)}, () => {
      r.tEnd = performance.now();
      performance.mark('bench-end-' + run);
      console.debug('bench-end-' + run);
      resolve();
    }, { once: true });
  });
  customElements.whenDefined(${JSON.stringify(tag)}).then(() => {
    r.tDefined = performance.now();
    return document.querySelector(${JSON.stringify(tag)}).updateComplete;
  }).then(() => { r.tFirstRender = performance.now(); });
})();
</script>
<script type="module" src="${scriptUrl}"></script>
</head>
<body>
<h1>Tribunal de Justiça</h1>
<p>Atendimento ao público. Este parágrafo fica acima do componente.</p>
<${tag} ${attrs}></${tag}>
<script>
// The element's border-box height each time it changes (no forced layout: observed at frames).
new ResizeObserver((entries) => {
  const t = performance.now();
  for (const e of entries) window.__bench.heights.push({ t, h: Math.round(e.borderBoxSize?.[0]?.blockSize ?? e.contentRect.height) });
}).observe(document.currentScript.previousElementSibling);
</script>
<p>Este parágrafo fica abaixo do componente: ele se move se o componente mudar de altura depois de pintado.</p>
</body>
</html>`;
}

function listen(handler) {
  const server = createHttpServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      cleanups.push(
        () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      );
      resolve({ server, origin: `http://127.0.0.1:${server.address().port}` });
    });
  });
}

/** Merges [start, end] intervals and returns their total length inside [from, to]. */
function unionWithin(intervals, from, to) {
  const clipped = intervals
    .map(([s, e]) => [Math.max(s, from), Math.min(e, to)])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let cur;
  for (const iv of clipped) {
    if (!cur || iv[0] > cur[1]) {
      if (cur) total += cur[1] - cur[0];
      cur = [...iv];
    } else cur[1] = Math.max(cur[1], iv[1]);
  }
  if (cur) total += cur[1] - cur[0];
  return total;
}

const JS_EVENTS = new Set(['EvaluateScript', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule', 'v8.run', 'FunctionCall', 'RunMicrotasks', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'V8.Execute']);
const STYLE_LAYOUT_EVENTS = new Set(['UpdateLayoutTree', 'RecalculateStyles', 'Layout']);
const PAINT_EVENTS = new Set(['PrePaint', 'Paint', 'Layerize', 'Commit', 'UpdateLayer', 'CompositeLayers']);

/** Parses a trace into the events of each renderer main thread that made a `bench-end-*` mark. */
function parseTrace(buffer) {
  const parsed = JSON.parse(buffer.toString('utf8'));
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const marks = new Map();
  const navigationStarts = new Map();
  for (const e of events) {
    if (typeof e.name !== 'string' || !String(e.cat).includes('blink.user_timing')) continue;
    if (e.name.startsWith('bench-end-')) marks.set(e.name, e);
    else if (e.name === 'navigationStart' && e.args?.data?.navigationId) navigationStarts.set(e.args.data.navigationId, e);
  }
  const threads = new Map();
  for (const m of marks.values()) threads.set(`${m.pid}:${m.tid}`, []);
  for (const e of events) {
    const list = threads.get(`${e.pid}:${e.tid}`);
    if (list && (e.ph === 'X' || e.ph === 'B' || e.ph === 'E')) list.push(e);
  }
  for (const list of threads.values()) list.sort((x, y) => x.ts - y.ts);
  return { marks, navigationStarts, threads, processes: new Set(events.map((e) => e.pid)).size };
}

/**
 * Main-thread time (ms) in the page's renderer between the script's responseEnd and the
 * page's `bench-end-<run>` mark: busy = union of every duration event on that thread (its
 * tasks, and any scope outside a task), and the JS / style+layout / paint parts of it.
 */
function analyzeLoad(trace, run, responseEnd) {
  const mark = trace.marks.get(`bench-end-${run}`);
  if (!mark) throw new Error(`the mark bench-end-${run} is missing from the trace (trace buffer full?)`);
  // The page's clock (performance.now(), ms since timeOrigin) onto the trace's (µs): the
  // document's navigationStart is its timeOrigin; else the mark's own startTime (0.1 ms).
  const navigationStart = trace.navigationStarts.get(mark.args?.data?.navigationId);
  const startTime = mark.args?.data?.startTime;
  if (!navigationStart && typeof startTime !== 'number') throw new Error('cannot map the page clock onto the trace');
  const origin = navigationStart ? navigationStart.ts : mark.ts - startTime * 1000;
  const from = origin + responseEnd * 1000;
  const to = mark.ts;
  const buckets = { busy: [], js: [], styleLayout: [], paint: [] };
  const open = []; // B/E pairs nest on a thread (E events may carry no name)
  for (const e of trace.threads.get(`${mark.pid}:${mark.tid}`)) {
    let iv;
    let name = e.name;
    if (e.ph === 'X') {
      if (typeof e.dur !== 'number') continue;
      iv = [e.ts, e.ts + e.dur];
    } else if (e.ph === 'B') {
      open.push(e);
      continue;
    } else {
      const begin = open.pop();
      if (!begin) continue;
      name = begin.name;
      iv = [begin.ts, e.ts];
    }
    if (iv[1] <= from || iv[0] >= to) continue;
    buckets.busy.push(iv);
    if (JS_EVENTS.has(name)) buckets.js.push(iv);
    else if (STYLE_LAYOUT_EVENTS.has(name)) buckets.styleLayout.push(iv);
    else if (PAINT_EVENTS.has(name)) buckets.paint.push(iv);
  }
  const ms = (list) => unionWithin(list, from, to) / 1000;
  return { busy: ms(buckets.busy), js: ms(buckets.js), styleLayout: ms(buckets.styleLayout), paint: ms(buckets.paint) };
}

const DEBUG = process.env.BENCH_DEBUG === '1';
let runCounter = 0;

/** Opens a page that records its errors. */
async function newTab(context) {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return { page, errors };
}

/** One load of `target` in `tab`, up to the end event; no Playwright evaluate() inside the measured window. */
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
    throw new Error(`${target.url}: no end event (${newErrors().join('; ') || error.message})`);
  });
  // Two frames more, so that the layout shifts of the frame after the event are reported.
  const r = await page.evaluate(
    async ({ url, run }) => {
      await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, 20))));
      const b = window.__bench;
      if (b.run !== run) throw new Error(`page of run ${b.run}, expected ${run}`);
      const script = performance.getEntriesByName(url, 'resource')[0];
      return {
        responseEnd: script?.responseEnd,
        tEnd: b.tEnd,
        tFirstRender: b.tFirstRender,
        cls: b.cls,
        heights: b.heights.map((x) => x.h).join(' → '),
        heightTimes: b.heights.map((x) => `${x.h}@${(x.t - b.tEnd).toFixed(1)}`).join(' '),
        // When the height changed after its first non-zero value, relative to the end event.
        resized: (() => {
          const first = b.heights.findIndex((x) => x.h > 0);
          const next = first < 0 ? undefined : b.heights.slice(first + 1).find((x) => x.h !== b.heights[first].h);
          return next ? { from: b.heights[first].h, to: next.h, t: next.t - b.tEnd } : undefined;
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

/** Runs `loads` (functions returning a onePageLoad result) inside one trace, then reads each load's window from it. */
async function tracedBatch(browser, loads) {
  const results = [];
  const started = performance.now();
  await browser.startTracing(undefined, { categories: TRACE_CATEGORIES });
  let buffer;
  try {
    for (const load of loads) results.push(await load());
  } finally {
    buffer = await browser.stopTracing();
  }
  const trace = parseTrace(buffer);
  if (process.env.BENCH_DUMP) writeFileSync(process.env.BENCH_DUMP, buffer);
  for (const r of results) {
    Object.assign(r, analyzeLoad(trace, r.run, r.responseEnd));
    if (DEBUG) console.log(`\n#${r.run} ${r.page}: wall ${r.wall.toFixed(1)} busy ${r.busy.toFixed(1)} js ${r.js.toFixed(1)} requests ${r.scriptRequests}+${r.apiRequests} shifts ${r.shifts} heights ${r.heightTimes} (ms from the end event)`);
  }
  if (DEBUG) console.log(`batch of ${loads.length} loads: ${(performance.now() - started).toFixed(0)} ms, trace ${(buffer.length / 2 ** 20).toFixed(1)} MiB, ${trace.processes} processes`);
  return results;
}

const BATCH = 5; // rounds (one load of each page) per trace: fewer start/stop costs, a bounded trace.

async function measureBrowser(litBenchCode) {
  const [{ chromium }, { createServer }, { readConfig }, { memoryLogger }] = await Promise.all([
    import('playwright-core'),
    import(pathToFileURL(path.join(dist, 'node/server/server.js')).href),
    import(pathToFileURL(path.join(dist, 'node/server/config.js')).href),
    import(pathToFileURL(path.join(dist, 'node/server/logger.js')).href),
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

  const pages = {};
  const site = await listen((req, res) => {
    const html = pages[(req.url ?? '').split('?')[0]];
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
  const countingLogger = {
    log(level, event, fields) {
      if (event === 'http') {
        if (fields?.route === 'static') widgetCount.script++;
        else if (String(fields?.route).startsWith('/api/')) widgetCount.api++;
      }
      logger.log(level, event, fields);
    },
  };
  const server = createServer({ ...readConfig(['--port', '0', '--host', '127.0.0.1'], {}), allowedOrigins: [siteOrigin] }, { logger: countingLogger });
  cleanups.push(() => server.stop(1_000));
  const serverUrl = await server.start();

  const widgetScript = new URL('balcao-virtual.js', serverUrl).href;
  const litScript = `${assets.origin}/lit-bench.js`;
  pages['/widget.html'] = benchPage({ scriptUrl: widgetScript, tag: 'balcao-virtual', attrs: `unidade="${UNIT}"`, doneEvent: 'balcao-status-change' });
  pages['/lit.html'] = benchPage({ scriptUrl: litScript, tag: 'x-el', attrs: '', doneEvent: 'x-rendered' });
  pages['/reserved.html'] = benchPage({ scriptUrl: widgetScript, tag: 'balcao-virtual', attrs: `unidade="${UNIT}"`, doneEvent: 'balcao-status-change', pageCss: RESERVE_CSS });
  const targets = {
    widget: { name: 'widget', url: `${siteOrigin}/widget.html`, script: widgetScript, counters: () => ({ ...widgetCount }) },
    lit: { name: 'lit', url: `${siteOrigin}/lit.html`, script: litScript, counters: () => ({ ...litCount }) },
    reserved: { name: 'reserved', url: `${siteOrigin}/reserved.html`, script: widgetScript, counters: () => ({ ...widgetCount }) },
  };

  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  cleanups.push(() => browser.close());
  const browserVersion = browser.version();

  const results = { cold: { widget: [], lit: [] }, warm: { widget: [], lit: [], reserved: [] } };
  const coldLoad = (name) => async () => {
    const context = await browser.newContext();
    try {
      return await onePageLoad(await newTab(context), targets[name]);
    } finally {
      await context.close();
    }
  };
  const store = (mode, list) => {
    for (const r of list) results[mode][r.page].push(r);
  };
  const rounds = (names, load) => {
    const list = [];
    for (let i = 0; i < RUNS; i++) for (const name of names) list.push(load(name));
    return { names, list };
  };
  const inBatches = async (mode, { names, list }) => {
    const size = names.length * BATCH;
    for (let i = 0; i < list.length; i += size) {
      store(mode, await tracedBatch(browser, list.slice(i, i + size)));
      process.stdout.write(`\r${mode} runs ${Math.min(RUNS, (i + size) / names.length)}/${RUNS}`);
    }
    process.stdout.write('\n');
  };

  // Warm-up (discarded): one cold load of each page.
  for (const name of ['widget', 'lit']) await coldLoad(name)();
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
    const names = ['widget', 'lit', 'reserved'];
    const tabs = {};
    for (const name of names) tabs[name] = await newTab(warm);
    for (let i = 0; i < 2; i++) for (const name of names) await onePageLoad(tabs[name], targets[name]);
    await inBatches('warm', rounds(names, (name) => () => onePageLoad(tabs[name], targets[name])));
  } finally {
    await warm.close();
  }
  return { results, browserVersion };
}

// ---------------------------------------------------------------------------- report

function machine() {
  const cpus = os.cpus();
  const version = spawnSync(chromiumPath, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  const chromiumVersion = (version.stdout ?? '').trim() || `unknown (${(version.stderr ?? version.error?.message ?? '').trim().split('\n').pop()})`;
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    chromium: chromiumVersion,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

function sizeTables(distSizes, refs) {
  const { initial, initialTotal, lazy } = distSizes;
  const row = (label, s) => [label, fmtInt(s.raw), fmtInt(s.gzip), fmtInt(s.brotli)];
  const headers = ['File', 'Bytes', 'gzip -9', 'brotli q11'];
  const initialTable = table(headers, [...initial.map((f) => row(`\`${f.file}\``, f)), row(`**initial chunk (${initial.length} files)**`, initialTotal)]);
  const lazyTable = lazy.length ? table(headers, lazy.map((f) => row(`\`${f.file}\``, f))) : '_(none)_';
  const refTable = table(
    ['Bundle', 'Bytes', 'gzip -9', 'brotli q11', 'initial / this (gzip)', 'initial / this (brotli)'],
    [
      ['Lit element alone', refs.lit],
      ['Lit + @lit/localize', refs.litLocalize],
      ['PeerJS alone', refs.peer],
    ].map(([label, s]) => [...row(label, s), fmtRatio(initialTotal.gzip / s.gzip), fmtRatio(initialTotal.brotli / s.brotli)]),
  );
  const budgetTable = table(
    ['Initial chunk (gzip)', 'Budget', 'initial / budget', 'Target', 'initial / target', 'Widget code beyond Lit + localize (gzip)'],
    [[fmtInt(initialTotal.gzip), fmtInt(BUDGET_GZIP), fmtRatio(initialTotal.gzip / BUDGET_GZIP), fmtInt(TARGET_GZIP), fmtRatio(initialTotal.gzip / TARGET_GZIP), fmtInt(initialTotal.gzip - refs.litLocalize.gzip)]],
  );
  return { initialTable, lazyTable, refTable, budgetTable };
}

/** The most frequent value, with its count. */
function mostCommon(list) {
  const counts = new Map();
  for (const x of list) counts.set(x, (counts.get(x) ?? 0) + 1);
  const [value, n] = [...counts].sort((x, y) => y[1] - x[1])[0] ?? ['–', 0];
  return `${value} (${n}/${list.length})`;
}

function timingTables(results) {
  const stat = (runs, key) => [median(runs.map((r) => r[key])), percentile(runs.map((r) => r[key]), 90)];
  const rows = [];
  const ratioRows = [];
  for (const mode of ['cold', 'warm']) {
    const w = results[mode].widget;
    const l = results[mode].lit;
    for (const [label, runs, end] of [
      ['Balcão Virtual', w, 'status rendered'],
      ['Lit element alone', l, 'first render'],
    ]) {
      const [wall, wall90] = stat(runs, 'wall');
      const [busy, busy90] = stat(runs, 'busy');
      const [fr] = stat(runs, 'firstRender');
      rows.push([
        `${mode}: ${label} (→ ${end})`,
        String(runs.length),
        `${fmtMs(wall)} / ${fmtMs(wall90)}`,
        `${fmtMs(busy)} / ${fmtMs(busy90)}`,
        fmtMs(median(runs.map((r) => r.js))),
        fmtMs(median(runs.map((r) => r.styleLayout))),
        fmtMs(median(runs.map((r) => r.paint))),
        fmtMs(fr),
        `${median(runs.map((r) => r.scriptRequests))} + ${median(runs.map((r) => r.apiRequests))}`,
      ]);
    }
    const ratio = (key, p) => (p === 50 ? median(w.map((r) => r[key])) / median(l.map((r) => r[key])) : percentile(w.map((r) => r[key]), p) / percentile(l.map((r) => r[key]), p));
    ratioRows.push([mode, fmtRatio(ratio('wall', 50)), fmtRatio(ratio('wall', 90)), fmtRatio(ratio('busy', 50)), fmtRatio(ratio('busy', 90)), fmtRatio(ratio('firstRender', 50))]);
  }
  const timing = table(
    ['Page (script responseEnd → …)', 'Runs', 'Wall ms (median / p90)', 'Main-thread busy ms (median / p90)', 'of which JS ms', 'style + layout ms', 'paint ms', 'first render ms (median)', 'requests reaching the server: scripts + API (median)'],
    rows,
  );
  const ratios = table(['Cache', 'Wall median', 'Wall p90', 'Busy median', 'Busy p90', 'First render median'], ratioRows);
  const clsRows = [];
  for (const [label, runs] of [
    ['cold: Balcão Virtual', results.cold.widget],
    ['cold: Lit element alone', results.cold.lit],
    ['warm: Balcão Virtual', results.warm.widget],
    ['warm: Lit element alone', results.warm.lit],
    [`warm: Balcão Virtual, page CSS \`balcao-virtual:not(:defined)\` reserving 20rem`, results.warm.reserved],
  ]) {
    clsRows.push([
      label,
      median(runs.map((r) => r.cls)).toFixed(4),
      Math.max(...runs.map((r) => r.cls)).toFixed(4),
      `${runs.filter((r) => r.cls > 0).length}/${runs.length}`,
      fmtMs(median(runs.filter((r) => r.firstShift !== undefined).map((r) => r.firstShift))),
      fmtMs(median(runs.map((r) => r.firstRender))),
      fmtMs(median(runs.map((r) => r.wall))),
      mostCommon(runs.map((r) => r.heights)),
    ]);
  }
  const cls = table(
    ['Page', 'CLS median', 'CLS max', 'loads with a shift', 'first shift, ms after responseEnd (median)', 'first render ms (median)', 'end event ms (median)', 'element heights seen, px (most common)'],
    clsRows,
  );
  return { timing, ratios, cls };
}

function summaryTable(distSizes, refs, results) {
  const total = distSizes.initialTotal;
  const med = (mode, page, key) => median(results[mode][page].map((r) => r[key]));
  const rows = [
    ['Initial chunk, gzip', `${fmtInt(total.gzip)} B`, `${fmtRatio(total.gzip / refs.lit.gzip)} Lit element alone; ${fmtRatio(total.gzip / BUDGET_GZIP)} budget (${fmtInt(BUDGET_GZIP)} B); ${fmtRatio(total.gzip / TARGET_GZIP)} target (${fmtInt(TARGET_GZIP)} B)`],
    ['Initial chunk, brotli', `${fmtInt(total.brotli)} B`, `${fmtRatio(total.brotli / refs.lit.brotli)} Lit element alone`],
  ];
  for (const mode of ['cold', 'warm']) {
    rows.push([
      `${mode}: responseEnd → status, wall (median)`,
      `${fmtMs(med(mode, 'widget', 'wall'))} ms`,
      `${fmtRatio(med(mode, 'widget', 'wall') / med(mode, 'lit', 'wall'))} Lit's first render (${fmtMs(med(mode, 'lit', 'wall'))} ms)`,
    ]);
    rows.push([
      `${mode}: main-thread busy in that window (median)`,
      `${fmtMs(med(mode, 'widget', 'busy'))} ms`,
      `${fmtRatio(med(mode, 'widget', 'busy') / med(mode, 'lit', 'busy'))} Lit's (${fmtMs(med(mode, 'lit', 'busy'))} ms)`,
    ]);
  }
  const all = [...results.cold.widget, ...results.warm.widget];
  const resized = all.filter((r) => r.resized);
  rows.push([
    'Layout shift, widget page (max CLS)',
    Math.max(...all.map((r) => r.cls)).toFixed(4),
    `${all.filter((r) => r.cls > 0).length}/${all.length} loads shifted; with page CSS reserving the undefined element: max ${Math.max(...results.warm.reserved.map((r) => r.cls)).toFixed(4)}`,
  ]);
  rows.push([
    'Element height, px (ResizeObserver, most common)',
    mostCommon(all.map((r) => r.heights)),
    resized.length
      ? (() => {
          const t = median(resized.map((r) => r.resized.t));
          const when = t >= 0 ? `${fmtMs(t)} ms after the status event (the status render)` : `${fmtMs(-t)} ms before the status event`;
          return `changed again after its first non-zero height in ${resized.length}/${all.length} loads (${mostCommon(resized.map((r) => `${r.resized.from} → ${r.resized.to} px`))}), median ${when}`;
        })()
      : `never changed after its first non-zero height (${all.length} loads)`,
  ]);
  return table(['Figure', 'Balcão Virtual', 'Ratio'], rows, ['l', 'r', 'l']);
}

// ---------------------------------------------------------------------------- main

async function main() {
  const started = Date.now();
  runBuild();
  const date = new Date().toISOString();
  const m = machine();

  console.log('\n> A. sizes');
  const distSizes = await measureDist();
  const refs = await measureReferences();
  const st = sizeTables(distSizes, refs);
  console.log(`\nInitial chunk (balcao-virtual.js + static imports, parsed with ${distSizes.parser}):\n${st.initialTable}`);
  console.log(`\nLazily loaded chunks:\n${st.lazyTable}`);
  console.log(`\nReference bundles (vite lib mode, es, oxc + full minify):\n${st.refTable}`);
  console.log(`\nBudget:\n${st.budgetTable}`);

  const signaling = await benchServer();

  console.log(`\n> B. Chromium, ${RUNS} runs per page and cache state`);
  const loadBefore = os.loadavg()[0];
  const { results, browserVersion } = await measureBrowser(refs.litBenchCode);
  const loadAfter = os.loadavg()[0];
  console.log(`load average (1 min) before / after the browser runs: ${loadBefore.toFixed(2)} / ${loadAfter.toFixed(2)} on ${m.cores} cores`);
  const tt = timingTables(results);
  console.log(`\nScript responseEnd → status rendered / first render:\n${tt.timing}`);
  console.log(`\nRatios Balcão Virtual / Lit element alone:\n${tt.ratios}`);
  console.log(`\nCumulative layout shift during load:\n${tt.cls}`);
  const pageErrors = [...new Set(Object.values(results).flatMap((byPage) => Object.values(byPage).flatMap((runs) => runs.flatMap((r) => r.errors))))];
  if (pageErrors.length) console.log(`\nPage errors seen: ${pageErrors.join(' | ')}`);

  const call = benchCall(root);

  const summary = summaryTable(distSizes, refs, results);
  console.log(`\nSummary:\n${summary}`);

  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const md = `# Benchmarks

Written by \`npm run bench\` (scripts/bench.mjs) on ${date}, in ${seconds} s. Regenerate rather than edit.

## Machine

| | |
| :-- | :-- |
| CPU | ${m.cpu} |
| Cores | ${m.cores} |
| Memory | ${m.memory} |
| OS | ${m.os} |
| Node | ${m.node} |
| Chromium | ${m.chromium} (Playwright reports ${browserVersion}) |
| Load average (1 min) before / after the browser runs | ${loadBefore.toFixed(2)} / ${loadAfter.toFixed(2)} |

## Summary

${summary}

## Reference figures from DESIGN.md

Measured on the project's machines (2 cores, Node 20, Chromium 156): Lit element alone
6.3 kB gzip, Lit + @lit/localize 7.4 kB, PeerJS 1.5.5 24 kB. Budget: the initial widget
chunk ≤ 20 kB gzip including Lit (the build fails past it), aim for 15 kB; status visible
after the script loads with a few ms of main-thread work and no layout shift.

## A. Sizes

How measured: the built files in \`dist/\` after \`npm run build\`. The initial chunk is
\`dist/balcao-virtual.js\` plus every chunk it imports statically, followed transitively
(import statements parsed with ${distSizes.parser}; dynamic \`import()\` does not count); every
other \`dist/chunks/*.js\` loads lazily. Compressed sizes: node:zlib \`gzipSync\` level 9 and
\`brotliCompressSync\` quality 11, per file, summed over files. The reference bundles are
built in the same run with vite's \`build()\` API as the widget is (lib mode, \`es\`,
\`minify: 'oxc'\`, \`rollupOptions.output.minify: true\`), from the minimal sources in
scripts/bench.mjs, resolving packages from this project's node_modules.

### Initial chunk (what every court page loads)

${st.initialTable}

### Lazily loaded chunks

${st.lazyTable}

### Reference bundles

${st.refTable}

### Budget

${st.budgetTable}

## B. From script loaded to status rendered (headless Chromium, loopback)

How measured: the real server (\`createServer\` from dist/node/server, unit file
demo/units.json) on 127.0.0.1, and a court page on another loopback origin (allowed by
\`allowedOrigins\`) with one \`<script type="module">\` tag pointing at the server and one
\`<balcao-virtual unidade="${UNIT}">\` between two paragraphs. The baseline page is the
same with the minimal Lit element of section A (plus a \`firstUpdated\` that fires an
event), served from a third loopback origin with the same cache headers and gzip.
Headless Chromium through playwright-core, flags ${CHROMIUM_ARGS.map((a) => `\`${a}\``).join(' ')}.

- The window starts at the entry script's \`responseEnd\` (Resource Timing) and ends when
  the page sees the first \`balcao-status-change\` event (the widget's status rendered;
  for Lit, the event fired in \`firstUpdated\`). For the widget it therefore includes
  fetching its static chunk, compiling and evaluating the modules, the first render
  (loading state), the \`GET /api/units/…\` round trip, the IndexedDB read/write of the saved
  unit and the status render. "First render" is when the element's first
  \`updateComplete\` resolved (the widget's loading state; for Lit the same as the end).
- Wall ms: \`performance.now()\` at the event minus \`responseEnd\`.
- Main-thread busy ms: from a Chrome trace (categories
  ${TRACE_CATEGORIES.filter((c) => c !== '-*').map((c) => `\`${c}\``).join(', ')}, as the
  DevTools Performance panel records), the union of every duration event on the page's
  renderer main thread (its \`RunTask\` tasks and anything outside one) clipped to the window.
  The page's clock is mapped onto the trace's through the document's \`navigationStart\`
  trace event (its \`timeOrigin\`), matched by navigation id. "JS" is the union of
  EvaluateScript / v8.compileModule / v8.evaluateModule / FunctionCall / RunMicrotasks /
  EventDispatch… events, "style + layout" of UpdateLayoutTree / Layout, "paint" of
  PrePaint / Paint / Layerize / Commit, inside the same window. The script sees the end
  through a \`console.debug\` message, so that no Playwright \`evaluate()\` (which compiles
  its utility script on the page's main thread) runs inside the window. Tracing itself adds
  overhead to every task, for both pages alike; one trace covers ${BATCH} rounds of loads.
  CDP \`Performance.getMetrics\` was not used: its counters are cumulative since the document
  started and cannot be cut at \`responseEnd\`.
- Cold: a new browser context per load (empty HTTP cache, no IndexedDB, no V8 code cache,
  a new renderer process). Warm: one context, one tab per page navigated again for each
  load, like a citizen going from page to page of the court's site (scripts and the unit
  answer from the HTTP cache as their Cache-Control allows, the saved unit in IndexedDB,
  V8's code cache, the same renderer process). Discarded warm-up loads before each series
  (one per page cold, two per page warm, so that V8's code cache exists). Pages alternate
  (widget, Lit, widget, …) so that drift affects both alike. ${RUNS} runs each; p90 is
  nearest-rank. The machine's load average is in the table above: other processes on a
  shared machine show up as noise in both pages' figures.

${tt.timing}

Ratios, Balcão Virtual / Lit element alone (ratio of medians, and of p90s):

${tt.ratios}

### Layout shift

How measured: in the same loads, a \`PerformanceObserver\` for \`layout-shift\` entries
(buffered, from the start of the page, inputs excluded), summed per load and read two
frames after the end event; viewport 1280×720. The paragraph below the element moves if
the element changes height after a paint, so any such change shows in the score. A
\`ResizeObserver\` on the element records its border-box height at each change (0 is the
not yet defined element): a height that changes again after the first non-zero one would
mean the status arriving moves the page (Chrome's layout-shift score ignores moves under
3 px, the heights do not). The Lit baseline reserves no height. The last
row is the widget on a page that also has
\`balcao-virtual:not(:defined) { display: block; min-height: 20rem; }\` (warm loads only),
to tell a shift at the element's definition from one caused by the widget's own rendering.

${tt.cls}
${pageErrors.length ? `\nPage errors seen during the runs: ${pageErrors.join(' | ')}\n` : ''}
${signaling}
${call}`;
  writeFileSync(path.join(root, 'BENCHMARKS.md'), md);
  console.log(`\nWrote BENCHMARKS.md (${seconds} s).`);
}

// A hung browser or server must not hang the command.
const watchdog = setTimeout(() => {
  console.error('bench: still running after 25 minutes, giving up');
  process.exitCode = 1;
  void cleanup().finally(() => process.exit(1));
}, 1_500_000);
watchdog.unref();

try {
  await main();
} catch (error) {
  process.exitCode = 1;
  console.error(error);
} finally {
  await cleanup();
}
