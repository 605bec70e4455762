// @ts-check
// B. The tables of section B and the summary at the top of BENCHMARKS.md.
import { BUDGET_GZIP, TARGET_GZIP } from '../sizes.mjs';
import { fmtInt, fmtMs, fmtRatio, table } from '../lib/format.mjs';
import { median, mostCommon, percentile } from '../lib/stats.mjs';

/**
 * @typedef {import('./measure.mjs').Measured} Measured
 * @typedef {import('./measure.mjs').Results} Results
 * @typedef {'wall' | 'busy' | 'js' | 'styleLayout' | 'paint' | 'firstRender' | 'scriptRequests' | 'apiRequests' | 'cls'} Figure
 */

/**
 * @param {readonly Measured[]} runs
 * @param {Figure} key
 */
const values = (runs, key) => runs.map((r) => r[key]);

/** @param {Results} results */
export function timingTables(results) {
  /**
   * @param {readonly Measured[]} runs
   * @param {Figure} key
   */
  const stat = (runs, key) => [median(values(runs, key)), percentile(values(runs, key), 90)];
  /** @type {string[][]} */
  const rows = [];
  /** @type {string[][]} */
  const ratioRows = [];
  for (const mode of /** @type {const} */ (['cold', 'warm'])) {
    const w = results[mode].widget;
    const l = results[mode].lit;
    /** @type {[string, Measured[], string][]} */
    const pages = [
      ['Balcão Virtual', w, 'status rendered'],
      ['Lit element alone', l, 'first render'],
    ];
    for (const [label, runs, end] of pages) {
      const [wall, wall90] = stat(runs, 'wall');
      const [busy, busy90] = stat(runs, 'busy');
      const [fr] = stat(runs, 'firstRender');
      rows.push([
        `${mode}: ${label} (→ ${end})`,
        String(runs.length),
        `${fmtMs(wall)} / ${fmtMs(wall90)}`,
        `${fmtMs(busy)} / ${fmtMs(busy90)}`,
        fmtMs(median(values(runs, 'js'))),
        fmtMs(median(values(runs, 'styleLayout'))),
        fmtMs(median(values(runs, 'paint'))),
        fmtMs(fr),
        `${median(values(runs, 'scriptRequests'))} + ${median(values(runs, 'apiRequests'))}`,
      ]);
    }
    /**
     * @param {Figure} key
     * @param {50 | 90} p
     */
    const ratio = (key, p) => (p === 50 ? median(values(w, key)) / median(values(l, key)) : percentile(values(w, key), p) / percentile(values(l, key), p));
    ratioRows.push([mode, fmtRatio(ratio('wall', 50)), fmtRatio(ratio('wall', 90)), fmtRatio(ratio('busy', 50)), fmtRatio(ratio('busy', 90)), fmtRatio(ratio('firstRender', 50))]);
  }
  const timing = table(
    ['Page (script responseEnd → …)', 'Runs', 'Wall ms (median / p90)', 'Main-thread busy ms (median / p90)', 'of which JS ms', 'style + layout ms', 'paint ms', 'first render ms (median)', 'requests reaching the server: scripts + API (median)'],
    rows,
  );
  const ratios = table(['Cache', 'Wall median', 'Wall p90', 'Busy median', 'Busy p90', 'First render median'], ratioRows);
  /** @type {string[][]} */
  const clsRows = [];
  /** @type {[string, Measured[]][]} */
  const series = [
    ['cold: Balcão Virtual', results.cold.widget],
    ['cold: Lit element alone', results.cold.lit],
    ['warm: Balcão Virtual', results.warm.widget],
    ['warm: Lit element alone', results.warm.lit],
    [`warm: Balcão Virtual, page CSS \`balcao-virtual:not(:defined)\` reserving 20rem`, results.warm.reserved],
  ];
  for (const [label, runs] of series) {
    clsRows.push([
      label,
      median(values(runs, 'cls')).toFixed(4),
      Math.max(...values(runs, 'cls')).toFixed(4),
      `${runs.filter((r) => r.cls > 0).length}/${runs.length}`,
      fmtMs(median(runs.flatMap((r) => (r.firstShift === undefined ? [] : [r.firstShift])))),
      fmtMs(median(values(runs, 'firstRender'))),
      fmtMs(median(values(runs, 'wall'))),
      mostCommon(runs.map((r) => r.heights)),
    ]);
  }
  const cls = table(
    ['Page', 'CLS median', 'CLS max', 'loads with a shift', 'first shift, ms after responseEnd (median)', 'first render ms (median)', 'end event ms (median)', 'element heights seen, px (most common)'],
    clsRows,
  );
  return { timing, ratios, cls };
}

/**
 * The summary at the top of BENCHMARKS.md: sections A and B in a few rows.
 * @param {import('../sizes.mjs').DistSizes} distSizes
 * @param {import('../sizes.mjs').References} refs
 * @param {Results} results
 */
export function summaryTable(distSizes, refs, results) {
  const total = distSizes.initialTotal;
  /**
   * @param {'cold' | 'warm'} mode
   * @param {'widget' | 'lit'} page
   * @param {Figure} key
   */
  const med = (mode, page, key) => median(values(results[mode][page], key));
  const rows = [
    ['Initial chunk, gzip', `${fmtInt(total.gzip)} B`, `${fmtRatio(total.gzip / refs.lit.gzip)} Lit element alone; ${fmtRatio(total.gzip / BUDGET_GZIP)} budget (${fmtInt(BUDGET_GZIP)} B); ${fmtRatio(total.gzip / TARGET_GZIP)} target (${fmtInt(TARGET_GZIP)} B)`],
    ['Initial chunk, brotli', `${fmtInt(total.brotli)} B`, `${fmtRatio(total.brotli / refs.lit.brotli)} Lit element alone`],
  ];
  for (const mode of /** @type {const} */ (['cold', 'warm'])) {
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
  const resized = all.flatMap((r) => (r.resized ? [r.resized] : []));
  rows.push([
    'Layout shift, widget page (max CLS)',
    Math.max(...values(all, 'cls')).toFixed(4),
    `${all.filter((r) => r.cls > 0).length}/${all.length} loads shifted; with page CSS reserving the undefined element: max ${Math.max(...values(results.warm.reserved, 'cls')).toFixed(4)}`,
  ]);
  rows.push([
    'Element height, px (ResizeObserver, most common)',
    mostCommon(all.map((r) => r.heights)),
    resized.length
      ? (() => {
          const t = median(resized.map((r) => r.t));
          const when = t >= 0 ? `${fmtMs(t)} ms after the status event (the status render)` : `${fmtMs(-t)} ms before the status event`;
          return `changed again after its first non-zero height in ${resized.length}/${all.length} loads (${mostCommon(resized.map((r) => `${r.from} → ${r.to} px`))}), median ${when}`;
        })()
      : `never changed after its first non-zero height (${all.length} loads)`,
  ]);
  return table(['Figure', 'Balcão Virtual', 'Ratio'], rows, ['l', 'r', 'l']);
}
