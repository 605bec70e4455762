// @ts-check
// B. Headless Chromium against the real server: wall time and main-thread busy time (from
// a Chrome trace) from the script's responseEnd to the status rendered, cold and warm,
// next to a minimal Lit element; cumulative layout shift.
import os from 'node:os';
import { BATCH, CHROMIUM_ARGS, measureBrowser, RUNS } from './measure.mjs';
import { UNIT } from './page.mjs';
import { timingTables } from './report.mjs';
import { TRACE_CATEGORIES } from './trace.mjs';

/**
 * Measures B, prints its tables; its section of BENCHMARKS.md, and what the summary and the machine table need.
 * @param {string} litBenchCode the Lit baseline's script (sizes.mjs)
 */
export async function benchStatus(litBenchCode) {
  console.log(`\n> B. Chromium, ${RUNS} runs per page and cache state`);
  const cores = os.cpus().length;
  const loadBefore = /** @type {number} */ (os.loadavg()[0]);
  const { results, browserVersion } = await measureBrowser(litBenchCode);
  const loadAfter = /** @type {number} */ (os.loadavg()[0]);
  console.log(`load average (1 min) before / after the browser runs: ${loadBefore.toFixed(2)} / ${loadAfter.toFixed(2)} on ${cores} cores`);
  const tt = timingTables(results);
  console.log(`\nScript responseEnd → status rendered / first render:\n${tt.timing}`);
  console.log(`\nRatios Balcão Virtual / Lit element alone:\n${tt.ratios}`);
  console.log(`\nCumulative layout shift during load:\n${tt.cls}`);
  const pageErrors = [...new Set([...Object.values(results.cold), ...Object.values(results.warm)].flatMap((runs) => runs.flatMap((r) => r.errors)))];
  if (pageErrors.length) console.log(`\nPage errors seen: ${pageErrors.join(' | ')}`);
  const section = `## B. From script loaded to status rendered (headless Chromium, loopback)

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
${pageErrors.length ? `\nPage errors seen during the runs: ${pageErrors.join(' | ')}\n` : ''}`;
  return { section, results, browserVersion, loadBefore, loadAfter };
}
