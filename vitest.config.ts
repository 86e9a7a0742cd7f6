import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // Two test files at a time on two cores (vitest's default is cores − 1: one at a time here), so one
    // file's CPU work fills the time another waits for LibreOffice, Chromium, npm or a child process.
    maxWorkers: 2,
    // The JSON report is what .ci/run reads to print its closing "Tests: N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
  },
});
