// `npx vitest run -c test/e2e/call/measure.config.ts`: the call measurements (measure.ts),
// kept out of `npm test` (ten calls of each kind take a minute and assert nothing).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/call/measure.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
