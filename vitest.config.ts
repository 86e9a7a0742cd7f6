import { defineConfig } from 'vitest/config';

/** Files that replace a module with vi.mock: they need a module cache of their own. */
const MOCKING = ['test/xlsx/one-zip-pass.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    pool: 'forks',
    // Two test files at a time on two cores (vitest's default is cores − 1: one at a time here), so one
    // file's CPU work fills the time another waits for LibreOffice, Chromium, npm or a child process.
    maxWorkers: 2,
    // The JSON report is what .ci/run reads to print its closing "Tests: N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
    projects: [
      {
        extends: true,
        // Files share one module cache per worker: importing the sources (exceljs, zod, yaml) once per worker
        // instead of once per file halves npm test (measured on a clean clone, 2 cores: 136 s → 57 s of vitest).
        // Tests must therefore leave no process state behind (cwd, env): test/cli/run.ts restores both.
        test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: MOCKING, isolate: false },
      },
      { extends: true, test: { name: 'isolated', include: MOCKING } },
    ],
  },
});
