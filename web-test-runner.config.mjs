// Browser tests: real headless Chromium (the system's), against the TypeScript source,
// with Lit in development mode so its warnings surface. A small fixture API stands in
// for the server's `GET /api/units/:id` (the real server is tested in Node and in e2e).
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';

const units = JSON.parse(readFileSync(new URL('./test/browser/fixtures/units.json', import.meta.url), 'utf8'));

/** The fixture API. Special ids answer the ways a server can fail. */
function fixtureApi(ctx, next) {
  const match = /^\/api\/units\/([^/?]+)$/.exec(ctx.path);
  if (!match) return next();
  const id = decodeURIComponent(match[1]);
  ctx.set('Access-Control-Allow-Origin', '*');
  if (id === 'erro-500') {
    ctx.status = 500;
    ctx.body = { error: { code: 'internal', message: 'Erro interno' } };
    return undefined;
  }
  if (id === 'nao-json') {
    ctx.status = 200;
    ctx.type = 'text/html';
    ctx.body = '<html>Página de manutenção</html>';
    return undefined;
  }
  if (id === 'invalida') {
    ctx.body = { id: 'invalida', name: 'Unidade inválida', timezone: 'Mars/Olympus', hours: {} };
    return undefined;
  }
  const unit = units.find((u) => u.id === id);
  if (!unit) {
    ctx.status = 404;
    ctx.body = { error: { code: 'unit_not_found', message: 'Unidade não encontrada.' } };
    return undefined;
  }
  ctx.body = unit;
  return undefined;
}

/** Writes the totals for scripts/test.mjs, which adds up every suite. */
function tallyReporter() {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      const walk = (suite) => {
        for (const t of suite.tests) {
          // A skipped test counts as a failure: none may be left behind.
          if (t.passed) passed++;
          else failed++;
        }
        for (const s of suite.suites) walk(s);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        if (!session.passed && (!session.testResults || session.errors?.length)) failed += session.errors?.length || 1;
      }
      mkdirSync('test-results', { recursive: true });
      writeFileSync('test-results/browser.json', JSON.stringify({ passed, failed }));
    },
  };
}

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  middleware: [fixtureApi],
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
