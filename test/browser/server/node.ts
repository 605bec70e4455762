// What web-test-runner.config.mjs loads (bundled by esbuild, as Node runs no TypeScript): the
// real server behind the suite and the totals' reporter.
export { realApi, stopRealApi } from './real-api.js';
export { tallyReporter } from './tally-reporter.js';
