#!/usr/bin/env node
// `npm test`: builds (the size budget is part of the build), type-checks, lints, runs the
// Node suites (vitest: unit, server, e2e) and the browser suite (web-test-runner in
// Chromium), and ends with one line: "N passed, N failed" over all of them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = 'test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

let passed = 0;
let failed = 0;
const lines = [];

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: result.status === 0, seconds };
}

/** A step that is one check (build, typecheck, lint). */
function check(label, command, args) {
  const { ok, seconds } = run(label, command, args);
  ok ? passed++ : failed++;
  lines.push(`${label}: ${ok ? 'ok' : 'FAILED'} (${seconds} s)`);
  return ok;
}

/** A test suite that writes its own counts. */
function suite(label, command, args, file, count) {
  const { ok, seconds } = run(label, command, args);
  let counts = { passed: 0, failed: 0 };
  if (existsSync(file)) counts = count(JSON.parse(readFileSync(file, 'utf8')));
  // A runner that crashed before reporting still counts as a failure.
  if (!ok && counts.failed === 0) counts.failed = 1;
  passed += counts.passed;
  failed += counts.failed;
  lines.push(`${label}: ${counts.passed} passed, ${counts.failed} failed (${seconds} s)`);
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const built = check('build (with the size budget)', 'npm', ['run', 'build', '--silent']);
check('typecheck', 'npm', ['run', 'typecheck', '--silent']);
check('lint', 'npm', ['run', 'lint', '--silent']);
check('README API tables up to date', 'node', ['scripts/readme-api.mjs', '--check']);
if (!built) console.log('\nThe build failed: the end-to-end tests will fail too.');
suite('vitest (unit, server, e2e)', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/vitest.json`], `${results}/vitest.json`, (r) => ({
  passed: r.numPassedTests ?? 0,
  failed: (r.numFailedTests ?? 0) + (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
}));
suite('web-test-runner (Chromium)', npx, ['web-test-runner'], `${results}/browser.json`, (r) => r);

console.log(`\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
