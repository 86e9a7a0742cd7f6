// npm run bench: speed and memory, each as a ratio to a baseline measured in this same run.
import { spawnSync } from 'node:child_process';
import { fmt, pairedTimes, peakMemory } from './lib.mjs';

const node = process.execPath;
const example = 'examples/hoang-viet-2024.yaml';
const suites = process.argv.slice(2);
const want = (s) => suites.length === 0 || suites.includes(s);

if (want('score')) {
  // Paired: each round runs the baseline and every command once, in turn; ratios are medians over rounds.
  const before = process.env.BENCH_BEFORE;
  const runs = Number(process.env.BENCH_SCORE_RUNS ?? 15);
  const commands = [
    ['node -e 0 (baseline)', ['-e', '0']],
    [`cchc score ${example}`, ['dist/cli.js', 'score', example]],
    ['cchc score --json', ['dist/cli.js', 'score', example, '--json']],
    ['cchc --version', ['dist/cli.js', '--version']],
    ...(before ? [[`cchc score [before: ${before}]`, [`${before}/dist/cli.js`, 'score', example]]] : []),
  ];
  const { ms, ratio } = pairedTimes(node, commands.map(([, a]) => a), runs);
  console.log(`== cchc score: end to end against a bare Node start-up; medians of ${runs} paired runs`);
  commands.forEach(([label], i) => console.log(`  ${label.padEnd(44)} ${fmt(ms[i], 1)} ms${i ? ` = ${fmt(ratio[i])}× baseline${i === 1 ? ' (aim ≤ 3×)' : ''}` : ''}`));
  const mem = peakMemory(node, ['dist/cli.js', 'score', example]);
  const bareMem = peakMemory(node, ['-e', '0']);
  console.log(`  peak memory                                  ${fmt(mem, 1)} MiB = ${fmt(mem / bareMem)}× baseline (${fmt(bareMem, 1)} MiB)`);
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
