// Writes the browser suite's totals for scripts/test.mjs, which adds up every suite.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Reporter, TestSuiteResult } from '@web/test-runner';

export function tallyReporter(): Reporter {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      const walk = (suite: TestSuiteResult): void => {
        for (const t of suite.tests) {
          // A skipped test counts as a failure: none may be left behind.
          if (t.passed) passed++;
          else failed++;
        }
        for (const s of suite.suites) walk(s);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        if (!session.passed && (!session.testResults || session.errors.length)) failed += session.errors.length || 1;
      }
      mkdirSync('test-results', { recursive: true });
      writeFileSync('test-results/browser.json', JSON.stringify({ passed, failed }));
    },
  };
}
