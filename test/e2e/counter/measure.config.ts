// `npx vitest run -c test/e2e/counter/measure.config.ts` (after `npm run build`): the call's
// measurements through the real elements (measure.ts), run by `npm run bench`; kept out of
// `npm test` (forty calls take minutes and assert nothing).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/counter/measure.ts'],
    environment: 'node',
    testTimeout: 30 * 60_000,
    hookTimeout: 120_000,
  },
});
