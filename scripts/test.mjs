#!/usr/bin/env node
// `npm test`: builds (the size budget is part of the build), type-checks, lints, runs the
// Node suites (vitest: unit, server, e2e) and the browser suite (web-test-runner in
// Chromium), and ends with one line: "N passed, N failed" over all of them.
//
// Two stages. First, at once (none of them needs another's output, and none measures time
// with a tight bound): the build then the README check, the typecheck, the lint, and the
// Node unit and server suites; their outputs are held and printed whole as each ends. Then,
// one after the other, the suites that drive real browsers and measure calls: the e2e suite
// (the built scripts) and the browser suite.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = 'test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const env = { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' };

/**
 * Runs `command`; `held`: its output kept and printed in one block when it ends (steps that
 * run at once), otherwise streamed. Resolves to whether it exited 0 and its seconds.
 */
function run(label, command, args, held) {
  const started = Date.now();
  const header = `\n=== ${label}: ${command} ${args.join(' ')}`;
  if (!held) console.log(header);
  const child = spawn(command, args, { stdio: held ? ['ignore', 'pipe', 'pipe'] : 'inherit', env });
  const chunks = [];
  child.stdout?.on('data', (chunk) => chunks.push(chunk));
  child.stderr?.on('data', (chunk) => chunks.push(chunk));
  return new Promise((resolve) => {
    child.on('error', (error) => chunks.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (held) process.stdout.write(`${header}\n${Buffer.concat(chunks).toString()}`);
      resolve({ ok: code === 0, seconds });
    });
  });
}

const lines = [];
let passed = 0;
let failed = 0;

/** A step that is one check (build, typecheck, lint). */
async function check(label, command, args, held) {
  const { ok, seconds } = await run(label, command, args, held);
  ok ? passed++ : failed++;
  lines.push(`${label}: ${ok ? 'ok' : 'FAILED'} (${seconds} s)`);
  return ok;
}

/** A test suite that writes its own counts to `file`. */
async function suite(label, command, args, file, count, held) {
  const { ok, seconds } = await run(label, command, args, held);
  let counts = { passed: 0, failed: 0 };
  if (existsSync(file)) counts = count(JSON.parse(readFileSync(file, 'utf8')));
  // A runner that crashed before reporting still counts as a failure.
  if (!ok && counts.failed === 0) counts.failed = 1;
  passed += counts.passed;
  failed += counts.failed;
  lines.push(`${label}: ${counts.passed} passed, ${counts.failed} failed (${seconds} s)`);
}

const vitestCounts = (r) => ({
  passed: r.numPassedTests ?? 0,
  failed: (r.numFailedTests ?? 0) + (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
});
const vitest = (projects, file) => [
  'vitest',
  'run',
  ...projects.flatMap((p) => ['--project', p]),
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${results}/${file}`,
];

const started = Date.now();
const [built] = await Promise.all([
  check('build (with the size budget)', npm, ['run', 'build', '--silent'], true).then(async (ok) => {
    await check('README API tables up to date', 'node', ['scripts/readme-api.mjs', '--check'], true);
    return ok;
  }),
  check('typecheck', npm, ['run', 'typecheck', '--silent'], true),
  check('lint', npm, ['run', 'lint', '--silent'], true),
  suite('vitest (unit, server)', npx, vitest(['unit', 'server'], 'vitest-unit.json'), `${results}/vitest-unit.json`, vitestCounts, true),
]);
lines.push(`  (the steps above ran at once: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
if (!built) console.log('\nThe build failed: the end-to-end tests will fail too.');
await suite('vitest (e2e)', npx, vitest(['e2e'], 'vitest-e2e.json'), `${results}/vitest-e2e.json`, vitestCounts, false);
await suite('web-test-runner (Chromium)', npx, ['web-test-runner'], `${results}/browser.json`, (r) => r, false);

console.log(`\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
