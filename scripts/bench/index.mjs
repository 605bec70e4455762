// @ts-check
// `npm run bench`: builds, then measures what a court page pays for the widget and prints
// the figures, side by side with a bare Lit element (and PeerJS for scale). Writes the same
// tables to BENCHMARKS.md. A benchmark, not a test: it measures and reports, it fails only
// when something crashes. Only loopback addresses are contacted.
//
// A. Sizes (sizes.mjs): the initial chunk (entry + its static imports), the lazy chunks,
//    and reference bundles (Lit alone, Lit + @lit/localize, PeerJS) built with vite's API
//    like ours.
// B. Headless Chromium against the real server (status/): wall time and main-thread busy
//    time (from a Chrome trace) from the script's responseEnd to the status rendered, cold
//    and warm, next to a minimal Lit element; cumulative layout shift.
// C. The signaling server next to a stock PeerServer (server/): connections, memory per
//    connection, relay latency and throughput, the line's join to position. Run before B,
//    while no browser is up; its section goes after B in BENCHMARKS.md.
// D. The call (call.mjs → test/e2e/counter/measure.ts): "Entrar" to the first remote video
//    frame through the built elements, next to bare PeerJS through a stock PeerServer; the
//    call chunk next to PeerJS alone; no PeerJS before "Entrar". After B.
// lib/ holds what the sections share: statistics, formatting, processes and clean-up,
// the machine, the environment.
//
// `node scripts/bench/index.mjs C` (or any of A B C D) runs only those sections, prints
// their tables and replaces only their sections in the report (the machine table and the
// summary stay as they were). C alone compiles the Node part itself instead of the whole
// build.
//
// Environment: CHROMIUM (browser executable, default /usr/bin/chromium), BENCH_OUT (the
// report, default BENCHMARKS.md), BENCH_RUNS (loads per page and cache state in B, default
// 20), COUNTER_MEASURE_RUNS (calls of each kind in D, default 20), BENCH_SERVER_ROUNDS
// (rounds of each measurement in C, default 2), BENCH_SERVER_SOCKETS (concurrent sockets
// in C, default 1000,5000,10000), BENCH_LINE_WAITING and BENCH_LINE_JOINS (citizens waiting
// and joins timed in C, default 1000 and 300), BENCH_DEBUG=1 (per-load figures in B),
// BENCH_DUMP=file (writes B's last trace, for chrome://tracing or Perfetto). A smoke run:
//   BENCH_OUT=/tmp/bench.md BENCH_RUNS=1 COUNTER_MEASURE_RUNS=1 BENCH_SERVER_ROUNDS=1 \
//   BENCH_SERVER_SOCKETS=1000 BENCH_LINE_WAITING=100 BENCH_LINE_JOINS=20 npm run bench
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchCall } from './call.mjs';
import { outFile, root } from './lib/env.mjs';
import { replaceSection } from './lib/format.mjs';
import { machine } from './lib/machine.mjs';
import { cleanup, guardRun, npm, npx, onCleanup, runOrThrow } from './lib/processes.mjs';
import { CACHE } from './server/config.mjs';
import { killChildren } from './server/harness.mjs';
import { benchServer, SNAPSHOT } from './server/index.mjs';
import { benchSizes, litBenchCode } from './sizes.mjs';
import { benchStatus } from './status/index.mjs';
import { summaryTable } from './status/report.mjs';

const LETTERS = ['A', 'B', 'C', 'D'];

/** The sections asked for on the command line; all of them when none is named. */
function sections() {
  const asked = process.argv.slice(2).map((a) => a.toUpperCase());
  const unknown = asked.filter((a) => !LETTERS.includes(a));
  if (unknown.length) throw new Error(`unknown section ${unknown.join(', ')}: name any of ${LETTERS.join(' ')}, or none for all`);
  return new Set(asked.length ? asked : LETTERS);
}

async function main() {
  const wanted = sections();
  const all = LETTERS.every((letter) => wanted.has(letter));
  const started = Date.now();
  onCleanup(() => rmSync(CACHE, { recursive: true, force: true }));
  onCleanup(killChildren);
  if (wanted.has('A') || wanted.has('B') || wanted.has('D')) {
    console.log('> npm run build');
    runOrThrow('npm run build', npm, ['run', 'build']);
  } else {
    // C alone: the Node part compiled straight into the servers' private copy.
    console.log('> tsc -p scripts/tsconfig.node.json');
    runOrThrow('tsc', npx, ['tsc', '-p', 'scripts/tsconfig.node.json', '--outDir', SNAPSHOT, '--declaration', 'false', '--sourceMap', 'false']);
  }
  const date = new Date().toISOString();
  const m = all ? machine() : undefined;

  const sizes = wanted.has('A') ? await benchSizes() : undefined;
  const signaling = wanted.has('C') ? await benchServer(wanted.has('A') || wanted.has('B') || wanted.has('D') ? {} : { nodeDir: SNAPSHOT }) : undefined;
  const status = wanted.has('B') ? await benchStatus(sizes?.refs.litBenchCode ?? (await litBenchCode())) : undefined;
  const call = wanted.has('D') ? benchCall(root) : undefined;
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  // The report's name as given, or relative to the working directory when inside it.
  const relative = path.relative(process.cwd(), outFile);
  const shown = relative && !relative.startsWith('..') ? relative : outFile;

  if (!all || !m || !sizes || !status || signaling === undefined || call === undefined) {
    let report = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '# Benchmarks\n';
    /** @type {[string, string | undefined][]} */
    const parts = [
      ['A', sizes?.section],
      ['B', status?.section],
      ['C', signaling],
      ['D', call],
    ];
    for (const [letter, section] of parts) if (section !== undefined) report = replaceSection(report, letter, section);
    writeFileSync(outFile, report);
    console.log(`\nUpdated section${wanted.size > 1 ? 's' : ''} ${[...wanted].sort().join(', ')} of ${shown} (${seconds} s).`);
    return;
  }

  const summary = summaryTable(sizes.distSizes, sizes.refs, status.results);
  console.log(`\nSummary:\n${summary}`);
  const md = `# Benchmarks

Written by \`npm run bench\` (scripts/bench/index.mjs) on ${date}, in ${seconds} s. Regenerate rather than edit.

## Machine

| | |
| :-- | :-- |
| CPU | ${m.cpu} |
| Cores | ${m.cores} |
| Memory | ${m.memory} |
| OS | ${m.os} |
| Node | ${m.node} |
| Chromium | ${m.chromium} (Playwright reports ${status.browserVersion}) |
| Load average (1 min) before / after the browser runs | ${status.loadBefore.toFixed(2)} / ${status.loadAfter.toFixed(2)} |

## Summary

${summary}

## Reference figures from DESIGN.md

Measured on the project's machines (2 cores, Node 20, Chromium 156): Lit element alone
6.3 kB gzip, Lit + @lit/localize 7.4 kB, PeerJS 1.5.5 24 kB. Budget: the initial widget
chunk ≤ 20 kB gzip including Lit (the build fails past it), aim for 15 kB; status visible
after the script loads with a few ms of main-thread work and no layout shift.

${[sizes.section, status.section, signaling, call].join('\n')}`;
  writeFileSync(outFile, md);
  console.log(`\nWrote ${shown} (${seconds} s).`);
}

// A hung browser or server must not hang the command.
guardRun(25);

try {
  await main();
} catch (error) {
  process.exitCode = 1;
  console.error(error);
} finally {
  await cleanup();
}
