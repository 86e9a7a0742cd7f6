// npm run bench: speed and memory, each as a ratio to a baseline measured in this same run.
import { spawnSync } from 'node:child_process';
import { fmt, peakMemory, timeCommand } from './lib.mjs';

const node = process.execPath;
const example = 'examples/hoang-viet-2024.yaml';
const suites = process.argv.slice(2);
const want = (s) => suites.length === 0 || suites.includes(s);

if (want('score')) {
  console.log('== cchc score (issue 2): end to end against a bare Node start-up');
  const bare = timeCommand(node, ['-e', '0']);
  const text = timeCommand(node, ['dist/cli.js', 'score', example]);
  const json = timeCommand(node, ['dist/cli.js', 'score', example, '--json']);
  const mem = peakMemory(node, ['dist/cli.js', 'score', example]);
  const bareMem = peakMemory(node, ['-e', '0']);
  console.log(`  node -e 0 (baseline)        ${fmt(bare, 1)} ms`);
  console.log(`  cchc score ${example}  ${fmt(text, 1)} ms  = ${fmt(text / bare)}× baseline (aim ≤ 4×)`);
  console.log(`  cchc score --json           ${fmt(json, 1)} ms  = ${fmt(json / bare)}× baseline`);
  console.log(`  peak memory                 ${fmt(mem, 1)} MiB = ${fmt(mem / bareMem)}× baseline (${fmt(bareMem, 1)} MiB)`);
}

if (want('xlsx')) {
  // In-process (tsx runs the TypeScript sources directly): forms per second against scoring alone.
  spawnSync(node, ['--import', 'tsx', 'bench/xlsx.ts', example, process.env.BENCH_FORMS ?? '1000'], { stdio: 'inherit' });
}

if (want('batch')) {
  const { runBatchBench } = await import('./batch.mjs');
  await runBatchBench();
}

for (const s of suites) if (!['score', 'xlsx', 'batch'].includes(s)) console.log(`(unknown suite ${s})`);
