// @ts-check
// Time limits, commands run to completion, and the clean-up that every run ends with, also
// when interrupted: a hung browser or server must not hang the command, nor outlive it.
import { spawnSync } from 'node:child_process';
import { clearTimeout, setTimeout } from 'node:timers';
import { root } from './env.mjs';

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `promise`, or a rejection naming `what` after `ms`.
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} what
 * @returns {Promise<T>}
 */
export function withTimeout(promise, ms, what) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  return Promise.race([
    promise,
    /** @type {Promise<never>} */ (
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
      })
    ),
  ]).finally(() => clearTimeout(timer));
}

/** @type {(() => unknown)[]} */
const cleanups = [];
/** @type {Promise<void> | undefined} */
let cleaningUp;

/**
 * Runs `fn` at the end of the run (last registered, first run), whatever happened.
 * @param {() => unknown} fn
 */
export function onCleanup(fn) {
  cleanups.push(fn);
}

/** Runs every registered clean-up once, each within 10 s; later calls wait for the same. */
export function cleanup() {
  cleaningUp ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await withTimeout(Promise.resolve().then(fn), 10_000, 'cleanup');
      } catch (error) {
        console.error('cleanup:', error instanceof Error ? error.message : error);
      }
    }
  })();
  return cleaningUp;
}

/**
 * Ctrl-C (or a kill) cleans up before exiting; a run still going after `minutes` gives up.
 * @param {number} minutes
 */
export function guardRun(minutes) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      console.error(`\n${signal}: cleaning up`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${minutes} minutes, giving up`);
    process.exitCode = 1;
    void cleanup().finally(() => process.exit(1));
  }, minutes * 60_000);
  watchdog.unref();
}

/**
 * Runs `command args` in the project's root with the console attached; throws when it fails.
 * @param {string} label how the failure names it
 * @param {string} command
 * @param {readonly string[]} args
 */
export function runOrThrow(label, command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${label} failed (exit ${result.status ?? result.signal})`);
}

/** The npm and npx executables' names on this platform. */
export const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
export const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
