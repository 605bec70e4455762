// @ts-check
// D. The call, through the real elements, next to bare PeerJS through a stock PeerServer.
// The measuring is test/e2e/counter/measure.ts (two Chromiums, the real server, a private
// coturn: run by vitest, which compiles the TypeScript); this runs it in a child process,
// reads its JSON and writes the section.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { envCount } from './lib/env.mjs';
import { npx } from './lib/processes.mjs';
import { interpolated } from './lib/stats.mjs';

/** @param {number} x */
const ms = (x) => `${Math.round(x)} ms`;
/** @param {number} x */
const bytes = (x) => `${x.toLocaleString('en-US')} B`;

/**
 * Runs the measurements (needs dist/ built) and returns section D of BENCHMARKS.md.
 * @param {string} root the project's root
 * @param {number} [runs] calls of each kind (COUNTER_MEASURE_RUNS, 20 by default)
 */
export function benchCall(root, runs = envCount('COUNTER_MEASURE_RUNS', 20)) {
  console.log(`\n> D. the call: "Entrar" → first remote frame, ${runs} calls each`);
  const dir = mkdtempSync(path.join(tmpdir(), 'balcao-bench-call-'));
  const out = path.join(dir, 'call.json');
  const loadBefore = /** @type {number} */ (loadavg()[0]);
  try {
    const run = spawnSync(npx, ['vitest', 'run', '-c', 'test/e2e/counter/measure.config.ts'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, COUNTER_MEASURE_OUT: out, COUNTER_MEASURE_RUNS: String(runs) },
    });
    if (run.status !== 0) return `## D. The call\n\nThe measurement failed (vitest exited with ${run.status}); see the console output of \`npm run bench\`.\n`;
    const r = /** @type {import('../../test/e2e/counter/measure.js').CounterMeasurements} */ (JSON.parse(readFileSync(out, 'utf8')));
    const load = `Load average (1 min) before / after: ${loadBefore.toFixed(2)} / ${/** @type {number} */ (loadavg()[0]).toFixed(2)} on 2 cores; other work on the machine slows both columns, alternately.`;
    /**
     * @param {string} name
     * @param {readonly number[]} xs
     */
    const row = (name, xs) => `| ${name} | ${ms(interpolated(xs, 0.5))} | ${ms(interpolated(xs, 0.95))} | ${ms(Math.min(...xs))} | ${ms(Math.max(...xs))} |`;
    const ratio = interpolated(r.widget, 0.5) / interpolated(r.bare, 0.5);
    const ratio95 = interpolated(r.widget, 0.95) / interpolated(r.bare, 0.95);
    const over = r.callChunk.gzip - r.peerjsGzip;
    return `## D. The call: from "Entrar" to the first remote video frame

How measured (test/e2e/counter/measure.ts, run by this script through vitest): two
headless Chromiums (one per side, fake camera 640×480 and microphone), the real server
(\`createServer\`, the built scripts from dist/), a private coturn on 127.0.0.1 and a
relay-only unit (Chromium gathers no host candidate on loopback, so both columns go through
the same relay). Balcão Virtual: the court's page with the built \`<balcao-virtual>\` in a
fresh tab for each call, the browser's HTTP cache emptied first (CDP
\`Network.clearBrowserCache\`), joined the line; the clerk's demo page with
\`<balcao-virtual-atendente>\` pressed "Chamar próximo"; from the citizen's click on
"Entrar" (the page's clock, in a capturing listener) to the first frame painted in the call
view's remote \`<video>\` (\`requestVideoFrameCallback\`). Inside that time: the \`answer\`
to the line and the clerk's element told, the citizen's call chunk and PeerJS fetched and
evaluated, both cameras opened, both signaling sockets opened (tokens checked), the
clerk's call, ICE through the relay, DTLS, the first decoded frame. Bare PeerJS: two pages
with \`peerjs.min.js\` from the package, a stock \`PeerServer\` (the \`peer\` package,
path \`/peerjs\`), the same coturn, relay-only, peers already open; from \`peer.call()\`
(no data connection) to the first frame painted at the other side. ${r.runs} calls each,
alternating, after one discarded call of each; p95 interpolated. ${load}

| From the click / call to the first remote frame | median | p95 | min | max |
| :-- | --: | --: | --: | --: |
${row('Balcão Virtual, "Entrar" (cold cache)', r.widget)}
${row('bare PeerJS, stock PeerServer, `peer.call()`', r.bare)}

Ratio Balcão Virtual / bare PeerJS: ${ratio.toFixed(2)}× at the median, ${ratio95.toFixed(2)}× at p95 (target ≤ 2×: ${ratio <= 2 ? 'met' : 'not met'}).

| Call chunk | gzip -9 |
| :-- | --: |
| \`${r.callChunk.file}\` (the citizen's, as fetched after "Entrar") | ${bytes(r.callChunk.gzip)} |
| PeerJS alone (its package's ESM bundle, esbuild minified) | ${bytes(r.peerjsGzip)} |
| difference | ${over >= 0 ? '+' : ''}${bytes(over)} (target ≤ +6,000 B: ${over <= 6000 ? 'met' : 'not met'}) |

The call chunk is smaller than PeerJS alone because the build replaces webrtc-adapter (and
its \`sdp\`) with its browser detection, the only part PeerJS uses (README, design notes).

Scripts the citizen's pages fetched before "Entrar": ${r.beforeEntrar.scripts.map((s) => `\`${s}\``).join(', ')}; with PeerJS in them: ${r.beforeEntrar.withPeerjs.length ? r.beforeEntrar.withPeerjs.map((s) => `\`${s}\``).join(', ') : 'none'} (checked for PeerJS's own strings, \`_PEERJSTEST\` and \`0.peerjs.com\`; the e2e test asserts it too).
`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
