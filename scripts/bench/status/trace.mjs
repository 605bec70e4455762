// @ts-check
// B. Main-thread time from a Chrome trace: the page's renderer main thread, cut to the
// window between the script's responseEnd and the page's end mark.

// What DevTools' Performance panel records (tasks: RunTask; JS, style, layout, paint) and
// the page's own performance.mark()s. Not 'toplevel' (chatty on every thread of every
// process) nor disabled-by-default-v8.compile (heavy overhead on the very work measured).
export const TRACE_CATEGORIES = ['-*', 'disabled-by-default-devtools.timeline', 'devtools.timeline', 'v8.execute', 'blink.user_timing'];

const JS_EVENTS = new Set(['EvaluateScript', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule', 'v8.run', 'FunctionCall', 'RunMicrotasks', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'V8.Execute']);
const STYLE_LAYOUT_EVENTS = new Set(['UpdateLayoutTree', 'RecalculateStyles', 'Layout']);
const PAINT_EVENTS = new Set(['PrePaint', 'Paint', 'Layerize', 'Commit', 'UpdateLayer', 'CompositeLayers']);

/**
 * One event of Chrome's trace format, as far as it is read here.
 * @typedef {{
 *   name?: string, cat?: string, ph?: string, ts: number, dur?: number, pid: number, tid: number,
 *   args?: { data?: { navigationId?: string, startTime?: number } },
 * }} TraceEvent
 * @typedef {{ marks: Map<string, TraceEvent>, navigationStarts: Map<string, TraceEvent>, threads: Map<string, TraceEvent[]>, processes: number }} Trace
 * @typedef {{ busy: number, js: number, styleLayout: number, paint: number }} MainThread
 * @typedef {[number, number]} Interval
 */

/**
 * Merges [start, end] intervals and returns their total length inside [from, to].
 * @param {readonly Interval[]} intervals
 * @param {number} from
 * @param {number} to
 */
export function unionWithin(intervals, from, to) {
  const clipped = intervals
    .map(([s, e]) => /** @type {Interval} */ ([Math.max(s, from), Math.min(e, to)]))
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  /** @type {Interval | undefined} */
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

/**
 * Parses a trace into the events of each renderer main thread that made a `bench-end-*` mark.
 * @param {Buffer} buffer
 * @returns {Trace}
 */
export function parseTrace(buffer) {
  const parsed = /** @type {TraceEvent[] | { traceEvents: TraceEvent[] }} */ (JSON.parse(buffer.toString('utf8')));
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  /** @type {Map<string, TraceEvent>} */
  const marks = new Map();
  /** @type {Map<string, TraceEvent>} */
  const navigationStarts = new Map();
  for (const e of events) {
    if (typeof e.name !== 'string' || !String(e.cat).includes('blink.user_timing')) continue;
    if (e.name.startsWith('bench-end-')) marks.set(e.name, e);
    else if (e.name === 'navigationStart' && e.args?.data?.navigationId) navigationStarts.set(e.args.data.navigationId, e);
  }
  /** @type {Map<string, TraceEvent[]>} */
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
 * @param {Trace} trace
 * @param {number} run
 * @param {number} responseEnd ms on the page's clock
 * @returns {MainThread}
 */
export function analyzeLoad(trace, run, responseEnd) {
  const mark = trace.marks.get(`bench-end-${run}`);
  if (!mark) throw new Error(`the mark bench-end-${run} is missing from the trace (trace buffer full?)`);
  // The page's clock (performance.now(), ms since timeOrigin) onto the trace's (µs): the
  // document's navigationStart is its timeOrigin; else the mark's own startTime (0.1 ms).
  const navigationId = mark.args?.data?.navigationId;
  const navigationStart = navigationId === undefined ? undefined : trace.navigationStarts.get(navigationId);
  const startTime = mark.args?.data?.startTime;
  /** @type {number} */
  let origin;
  if (navigationStart) origin = navigationStart.ts;
  else if (typeof startTime === 'number') origin = mark.ts - startTime * 1000;
  else throw new Error('cannot map the page clock onto the trace');
  const from = origin + responseEnd * 1000;
  const to = mark.ts;
  /** @type {{ busy: Interval[], js: Interval[], styleLayout: Interval[], paint: Interval[] }} */
  const buckets = { busy: [], js: [], styleLayout: [], paint: [] };
  /** @type {TraceEvent[]} */
  const open = []; // B/E pairs nest on a thread (E events may carry no name)
  for (const e of trace.threads.get(`${mark.pid}:${mark.tid}`) ?? []) {
    /** @type {Interval} */
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
    if (name === undefined) continue;
    if (JS_EVENTS.has(name)) buckets.js.push(iv);
    else if (STYLE_LAYOUT_EVENTS.has(name)) buckets.styleLayout.push(iv);
    else if (PAINT_EVENTS.has(name)) buckets.paint.push(iv);
  }
  /** @param {Interval[]} list */
  const ms = (list) => unionWithin(list, from, to) / 1000;
  return { busy: ms(buckets.busy), js: ms(buckets.js), styleLayout: ms(buckets.styleLayout), paint: ms(buckets.paint) };
}
