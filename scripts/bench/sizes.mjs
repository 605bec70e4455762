// @ts-check
// A. Sizes: the initial chunk (entry + its static imports), the lazy chunks, and reference
// bundles (Lit alone, Lit + @lit/localize, PeerJS) built with vite's API like ours.
import { Buffer } from 'node:buffer';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { dist, root } from './lib/env.mjs';
import { fmtInt, fmtRatio, table } from './lib/format.mjs';
import { onCleanup } from './lib/processes.mjs';

export const BUDGET_GZIP = 20_000;
export const TARGET_GZIP = 15_000;

/**
 * @typedef {{ raw: number, gzip: number, brotli: number }} Sizes
 * @typedef {Sizes & { file: string }} FileSizes
 * @typedef {{ initial: FileSizes[], initialTotal: Sizes, lazy: FileSizes[], parser: string }} DistSizes
 * @typedef {Sizes & { name: string, chunks: number }} Reference
 * @typedef {{ lit: Reference, litLocalize: Reference, peer: Reference, litBenchCode: string }} References
 */

/**
 * Raw, gzip -9 and brotli q11 bytes.
 * @param {string} code
 * @returns {Sizes}
 */
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

/**
 * @param {readonly Sizes[]} list
 * @returns {Sizes}
 */
const sum = (list) => list.reduce((t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip, brotli: t.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });

/**
 * Static and dynamic import specifiers of an ES module. es-module-lexer when installed, else a scan of the leading import statements (rolldown hoists them).
 * @param {string} code
 */
async function moduleImports(code) {
  try {
    // Through a variable: the package is optional, and the type checker must not require it.
    const lexerName = 'es-module-lexer';
    const lexer = /** @type {{ init: Promise<void>, parse(code: string): [{ n: string | undefined, d: number }[]] }} */ (await import(lexerName));
    await lexer.init;
    const [imports] = lexer.parse(code);
    /** @type {string[]} */
    const staticImports = [];
    /** @type {string[]} */
    const dynamicImports = [];
    for (const im of imports) {
      if (im.d === -1 && im.n) staticImports.push(im.n);
      else if (im.d >= 0 && im.n) dynamicImports.push(im.n);
    }
    return { staticImports, dynamicImports, parser: 'es-module-lexer' };
  } catch (error) {
    if (/** @type {{ code?: unknown }} */ (error)?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  }
  /** @type {string[]} */
  const staticImports = [];
  const statement = /^\s*(?:import\s*(?:[\w$]+\s*,?\s*)?(?:\*\s*as\s*[\w$]+|\{[^}]*\})?\s*(?:from\s*)?|export\s*(?:\*(?:\s*as\s*[\w$]+)?|\{[^}]*\})\s*from\s*)(["'])([^"']+)\1\s*;?/;
  let rest = code.replace(/^(?:\s*\/\*[\s\S]*?\*\/|\s*\/\/[^\n]*\n)*/, '');
  for (let m = statement.exec(rest); m; m = statement.exec(rest)) {
    staticImports.push(/** @type {string} */ (m[2]));
    rest = rest.slice(m[0].length);
  }
  const dynamicImports = [...code.matchAll(/\bimport\(\s*(["'`])([^"'`$]+)\1\s*\)/g)].map((m) => /** @type {string} */ (m[2]));
  return { staticImports, dynamicImports, parser: 'leading-import scan' };
}

/**
 * The built files: the initial chunk followed through its static imports, and the lazy rest.
 * @returns {Promise<DistSizes>}
 */
export async function measureDist() {
  const entry = path.join(dist, 'balcao-virtual.js');
  /** @type {FileSizes[]} */
  const initial = [];
  /** @type {Set<string>} */
  const seen = new Set();
  let parser = '';
  /** @param {string} file */
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

/** @typedef {typeof import('vite').build} ViteBuild */

/**
 * Bundles `source` like the widget (vite lib mode, es, full minification); returns its chunks' code.
 * @param {ViteBuild} build
 * @param {string} cacheDir
 * @param {string} name
 * @param {string} source
 */
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
  if (!('output' in result) && !Array.isArray(result)) throw new Error(`vite watched instead of building ${name}`);
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  const chunks = outputs.flatMap((o) => (o.type === 'chunk' ? [o] : []));
  if (chunks.length === 0) throw new Error(`no chunk built for ${name}`);
  return chunks.map((c) => ({ file: c.fileName, isEntry: c.isEntry, code: c.code }));
}

/**
 * Where the reference sources are written: inside node_modules so that 'lit', '@lit/localize'
 * and 'peerjs' resolve from this project; removed at the end of the run.
 */
async function referenceBuilder() {
  const { build } = await import('vite');
  const cacheDir = path.join(root, 'node_modules', '.cache', 'bench');
  const created = mkdirSync(cacheDir, { recursive: true }); // the first directory it made, if any
  onCleanup(() => rmSync(created ?? cacheDir, { recursive: true, force: true }));
  /**
   * @param {string} name
   * @param {string} source
   */
  return (name, source) => bundle(build, cacheDir, name, source);
}

/** The Lit baseline of section B, built like the references (one chunk). */
export async function litBenchCode() {
  const build = await referenceBuilder();
  const litBench = await build('lit-bench', LIT_BENCH_ELEMENT);
  if (litBench.length !== 1 || !litBench[0]) throw new Error('the Lit baseline should be one chunk');
  return litBench[0].code;
}

/** @returns {Promise<References>} */
export async function measureReferences() {
  const build = await referenceBuilder();
  /**
   * @param {string} name
   * @param {string} source
   * @returns {Promise<Reference>}
   */
  const measure = async (name, source) => {
    const chunks = await build(name, source);
    return { name, chunks: chunks.length, ...sum(chunks.map((c) => sizes(c.code))) };
  };
  const lit = await measure('lit-only', LIT_ELEMENT);
  const litLocalize = await measure('lit-localize', LIT_LOCALIZE_ELEMENT);
  const peer = await measure('peerjs-only', PEERJS_ONLY);
  const litBench = await build('lit-bench', LIT_BENCH_ELEMENT);
  if (litBench.length !== 1 || !litBench[0]) throw new Error('the Lit baseline should be one chunk');
  return { lit, litLocalize, peer, litBenchCode: litBench[0].code };
}

/**
 * @param {DistSizes} distSizes
 * @param {References} refs
 */
export function sizeTables(distSizes, refs) {
  const { initial, initialTotal, lazy } = distSizes;
  /**
   * @param {string} label
   * @param {Sizes} s
   */
  const row = (label, s) => [label, fmtInt(s.raw), fmtInt(s.gzip), fmtInt(s.brotli)];
  const headers = ['File', 'Bytes', 'gzip -9', 'brotli q11'];
  const initialTable = table(headers, [...initial.map((f) => row(`\`${f.file}\``, f)), row(`**initial chunk (${initial.length} files)**`, initialTotal)]);
  const lazyTable = lazy.length ? table(headers, lazy.map((f) => row(`\`${f.file}\``, f))) : '_(none)_';
  /** @type {[string, Reference][]} */
  const references = [
    ['Lit element alone', refs.lit],
    ['Lit + @lit/localize', refs.litLocalize],
    ['PeerJS alone', refs.peer],
  ];
  const refTable = table(
    ['Bundle', 'Bytes', 'gzip -9', 'brotli q11', 'initial / this (gzip)', 'initial / this (brotli)'],
    references.map(([label, s]) => [...row(label, s), fmtRatio(initialTotal.gzip / s.gzip), fmtRatio(initialTotal.brotli / s.brotli)]),
  );
  const budgetTable = table(
    ['Initial chunk (gzip)', 'Budget', 'initial / budget', 'Target', 'initial / target', 'Widget code beyond Lit + localize (gzip)'],
    [[fmtInt(initialTotal.gzip), fmtInt(BUDGET_GZIP), fmtRatio(initialTotal.gzip / BUDGET_GZIP), fmtInt(TARGET_GZIP), fmtRatio(initialTotal.gzip / TARGET_GZIP), fmtInt(initialTotal.gzip - refs.litLocalize.gzip)]],
  );
  return { initialTable, lazyTable, refTable, budgetTable };
}

/**
 * Measures A, prints its tables; its section of BENCHMARKS.md, and what B and the summary need.
 * @returns {Promise<{ section: string, distSizes: DistSizes, refs: References }>}
 */
export async function benchSizes() {
  console.log('\n> A. sizes');
  const distSizes = await measureDist();
  const refs = await measureReferences();
  const st = sizeTables(distSizes, refs);
  console.log(`\nInitial chunk (balcao-virtual.js + static imports, parsed with ${distSizes.parser}):\n${st.initialTable}`);
  console.log(`\nLazily loaded chunks:\n${st.lazyTable}`);
  console.log(`\nReference bundles (vite lib mode, es, oxc + full minify):\n${st.refTable}`);
  console.log(`\nBudget:\n${st.budgetTable}`);
  const section = `## A. Sizes

How measured: the built files in \`dist/\` after \`npm run build\`. The initial chunk is
\`dist/balcao-virtual.js\` plus every chunk it imports statically, followed transitively
(import statements parsed with ${distSizes.parser}; dynamic \`import()\` does not count); every
other \`dist/chunks/*.js\` loads lazily. Compressed sizes: node:zlib \`gzipSync\` level 9 and
\`brotliCompressSync\` quality 11, per file, summed over files. The reference bundles are
built in the same run with vite's \`build()\` API as the widget is (lib mode, \`es\`,
\`minify: 'oxc'\`, \`rollupOptions.output.minify: true\`), from the minimal sources in
scripts/bench/sizes.mjs, resolving packages from this project's node_modules.

### Initial chunk (what every court page loads)

${st.initialTable}

### Lazily loaded chunks

${st.lazyTable}

### Reference bundles

${st.refTable}

### Budget

${st.budgetTable}
`;
  return { section, distSizes, refs };
}
