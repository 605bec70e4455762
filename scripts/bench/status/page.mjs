// @ts-check
// B. The court pages the browser loads: one script tag (from another origin, as in production)
// and one element between two paragraphs, recording what the measurement reads back.

/** The unit the widget's page asks for (demo/units.json). */
export const UNIT = 'vara-civel-natal';
// What a court page can add so that the element has its height before the script runs.
export const RESERVE_CSS = ' balcao-virtual:not(:defined) { display: block; min-height: 20rem; }';

/**
 * Court page: one script tag (from another origin, as in production) and one element between two paragraphs.
 * @param {{ scriptUrl: string, tag: string, attrs: string, doneEvent: string, pageCss?: string }} page
 */
export function benchPage({ scriptUrl, tag, attrs, doneEvent, pageCss = '' }) {
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
