// Browser tests: real headless Chromium (the system's), against the TypeScript source, with
// Lit in development mode so its warnings surface. Every `/api/` request goes to the real
// server (createServer over SQLite `:memory:` stores, run in this process): see
// test/browser/server/ (real-api.ts, and controls.ts for what the tests may drive).
import { build } from 'esbuild';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';

// Node runs no TypeScript: the server side is bundled first (packages stay external).
const bundle = 'test-results/browser-server.mjs';
await build({ entryPoints: ['test/browser/server/node.ts'], outfile: bundle, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
const { realApi, stopRealApi, tallyReporter } = await import(`./${bundle}`);

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), { name: 'real-api', serverStop: stopRealApi }],
  middleware: [realApi],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--use-fake-device-for-media-stream',
          '--use-fake-ui-for-media-stream',
        ],
      },
    }),
  ],
  // One page at a time: a second page would be a hidden tab, with no animation frames and slowed timers.
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), tallyReporter()],
};
