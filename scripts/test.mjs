#!/usr/bin/env node
// `npm test`: builds (the size budget is part of the build), type-checks, lints, runs the
// Node suites (vitest: unit, server, e2e) and the browser suite (web-test-runner in
// Chromium), and ends with one line: "N passed, N failed" over all of them.
//
// Two stages. First, two lanes at once, one per core (none needs the other's output): the
// build, the README check and the Node unit and server suites in one, the typecheck and the
// lint in the other. Their outputs go to test-results/<step>.log as they come and are printed
// whole as each step ends. Then, one after the other, the suites that drive real browsers and
// measure calls: the e2e suite (the built scripts) and the browser suite.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = 'test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const env = { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' };

/** The steps running now, with what they said so far when held: printed if this process is stopped. */
const running = new Map();

/**
 * Runs `command`; `held`: its output written to test-results/<slug>.log as it comes and
 * printed in one block when it ends (steps that run at once), otherwise streamed. Resolves
 * to whether it exited 0 and its seconds.
 */
function run(label, command, args, held) {
  const started = Date.now();
  const header = `\n=== ${label}: ${command} ${args.join(' ')}`;
  if (!held) console.log(header);
  const child = spawn(command, args, { stdio: held ? ['ignore', 'pipe', 'pipe'] : 'inherit', env });
  const chunks = [];
  const log = held ? createWriteStream(`${results}/${label.replace(/\W+/g, '-').replace(/^-|-$/g, '')}.log`) : undefined;
  const keep = (chunk) => {
    chunks.push(chunk);
    log?.write(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  running.set(child, { header, chunks, held });
  return new Promise((resolve) => {
    child.on('error', (error) => (held ? keep(Buffer.from(`${error.message}\n`)) : console.log(error.message)));
    child.on('close', (code) => {
      running.delete(child);
      log?.end();
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (held) process.stdout.write(`${header}\n${Buffer.concat(chunks).toString()}`);
      resolve({ ok: code === 0, seconds });
    });
  });
}

// Stopped (Ctrl-C, a CI timeout): what the held steps said so far, and no step left running.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const [child, { header, chunks, held }] of running) {
      if (held) process.stdout.write(`${header} (stopped)\n${Buffer.concat(chunks).toString()}`);
      child.kill('SIGTERM');
    }
    console.log(`\nStopped by ${signal}.`);
    process.exit(1);
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
  try {
    if (existsSync(file)) counts = count(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    console.log(`${label}: its results (${file}) could not be read: ${error.message}`);
  }
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
  (async () => {
    const ok = await check('build (with the size budget)', npm, ['run', 'build', '--silent'], true);
    await check('README API tables up to date', 'node', ['scripts/readme-api.mjs', '--check'], true);
    await suite('vitest (unit, server)', npx, vitest(['unit', 'server'], 'vitest-unit.json'), `${results}/vitest-unit.json`, vitestCounts, true);
    return ok;
  })(),
  (async () => {
    await check('typecheck', npm, ['run', 'typecheck', '--silent'], true);
    await check('lint', npm, ['run', 'lint', '--silent'], true);
  })(),
]);
lines.push(`  (the steps above, in two lanes at once: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
if (!built) console.log('\nThe build failed: the end-to-end tests will fail too.');
await suite('vitest (e2e)', npx, vitest(['e2e'], 'vitest-e2e.json'), `${results}/vitest-e2e.json`, vitestCounts, false);
await suite('web-test-runner (Chromium)', npx, ['web-test-runner'], `${results}/browser.json`, (r) => r, false);

console.log(`\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
