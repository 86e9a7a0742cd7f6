// npm test: builds dist/ (the CLI tests run it), then runs vitest and the lint (scripts/lint.mjs: type check,
// ESLint, knip) side by side: the lint then fills the time vitest's files spend waiting for LibreOffice,
// Chromium or a child process, where run before vitest it would add its whole time. The lint's report is held
// back and printed after vitest's, so the two never interleave. Arguments are passed to vitest (npm test -- test/unit).
// Exits 1 when the build, a test or the lint fails.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

const LINT_RESULTS = '.lint-results.json';
const node = (args, capture) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let out = '';
    if (capture) {
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
    }
    child.on('error', (e) => resolve({ code: 1, out: `${args.join(' ')}: ${e.message}\n` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out }));
  });

rmSync(LINT_RESULTS, { force: true });
const lint = node(['scripts/lint.mjs', '--results', LINT_RESULTS], true);
const build = await node(['scripts/build.mjs'], false);
const tests = build.code === 0 ? await node(['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], false) : build;
const linted = await lint;
process.stdout.write(`\n${linted.out}`);
if (build.code !== 0) process.stdout.write('npm test: the build failed\n');
process.exit(build.code === 0 && tests.code === 0 && linted.code === 0 ? 0 : 1);
