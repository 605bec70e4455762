// @sinonjs/fake-timers, usable in the browser tests.
//
// The library ships as CommonJS only, and the test runner serves node_modules as they are
// (web-test-runner.config.mjs has no CommonJS plugin), so `import FakeTimers from
// '@sinonjs/fake-timers'` fails in Chromium ("does not provide an export named 'default'").
// This loads the library's own file once and runs it with a minimal `require`: in a browser
// its only dependency is `require('@sinonjs/commons').global`, and its optional Node imports
// (timers, perf_hooks, util) are already wrapped in try/catch or guarded by `process`.
// With a CommonJS plugin in the config, this file shrinks to that one import.

import type * as FakeTimersModule from '@sinonjs/fake-timers';
import type { Clock } from '@sinonjs/fake-timers';

/** A clock installed on the page (its `uninstall` restores the real timers). */
export type InstalledClock = Clock;

type FakeTimers = typeof FakeTimersModule;

const libraryUrl = new URL('../../node_modules/@sinonjs/fake-timers/src/fake-timers-src.js', import.meta.url);

async function loadFakeTimers(): Promise<FakeTimers> {
  const response = await fetch(libraryUrl);
  if (!response.ok) throw new Error(`could not load ${libraryUrl.href}: HTTP ${response.status}`);
  const source = await response.text();
  const module = { exports: {} as Partial<FakeTimers> };
  const require = (name: string): unknown => {
    if (name === '@sinonjs/commons') return { global: globalThis };
    throw new Error(`Cannot find module '${name}' (not available in the browser)`);
  };
  const run = new Function('module', 'exports', 'require', `${source}\n//# sourceURL=${libraryUrl.href}`) as (
    module: { exports: Partial<FakeTimers> },
    exports: Partial<FakeTimers>,
    require: (name: string) => unknown,
  ) => void;
  run(module, module.exports, require);
  if (typeof module.exports.install !== 'function') throw new Error('@sinonjs/fake-timers did not export install()');
  return module.exports as FakeTimers;
}

const FakeTimers = await loadFakeTimers();

let installed: InstalledClock | undefined;

/**
 * Pins `Date` to an instant and takes over `setTimeout`/`clearTimeout`. Animation frames,
 * microtasks, `performance`, fetch and IndexedDB stay real, so Lit renders and the fixture
 * API answers as usual. Uninstalled after each test (see helpers.ts).
 */
export function installClock(now: string): InstalledClock {
  uninstallClock();
  installed = FakeTimers.install({ now: new Date(now), toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  return installed;
}

export function uninstallClock(): void {
  installed?.uninstall();
  installed = undefined;
}
