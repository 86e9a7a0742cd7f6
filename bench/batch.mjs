// `cchc batch` over a synthetic province of 3,321 communes (and 10,000, national scale), against the
// floor of reading and parsing the same files with the `yaml` package on one core, in the same run.
// Every ratio is a median of paired runs: the floor and the measured command run one after the other,
// so a slow moment of a shared machine weighs on both alike.
//   node bench/batch.mjs                 (or from bench/run.mjs: runBatchBench())
//   node bench/batch.mjs --floor <dir>   the floor itself, run as a child process
// BENCH_BATCH_RUNS=n pairs per figure (default 3; BENCH_FORMS_RUNS for --forms, the longest); BENCH_BEFORE=<dir of another cchc checkout, built>
// measures that cchc in the same pairs (floor, before, now) to show what changed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median, peakMemory } from './lib.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const UNITS = 3321;
const NATIONAL = 10000;
const provinceDir = (n) => join(ROOT, n === UNITS ? '.bench/province' : `.bench/province-${n}`);

function yamlFiles(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) yamlFiles(join(dir, e.name), out);
    else if (e.name.endsWith('.yaml')) out.push(join(dir, e.name));
  }
  return out;
}

/** The floor: read every file and parse it with `yaml`, one core, nothing else. */
async function floor(dir) {
  const { parse } = await import('yaml');
  const { readFileSync } = await import('node:fs');
  let items = 0;
  for (const f of yamlFiles(dir)) items += Object.keys(parse(readFileSync(f, 'utf8')).items ?? {}).length;
  process.stdout.write(`${items}\n`);
}

function ensureProvince(n) {
  const dir = provinceDir(n);
  if (existsSync(dir) && yamlFiles(dir).length === n) return dir;
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/gen-province.mjs'), 'province', dir, String(n)], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not generate the province');
  return dir;
}

/** Wall time of one run, in ms, and its peak resident memory (MiB, from GNU time); exit 0 and 1 are both normal. */
function run(args) {
  const t = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, mib: Number(r.stderr.trim().split('\n').pop()) / 1024 };
}

/**
 * `runs` rounds of [floor, ...commands] one after the other; per command the median of its time over
 * the floor of the same round, the median time and the median peak memory. `before(i)` runs before
 * each command of round i (to empty an output folder, say), outside the timing.
 */
function paired(floorArgs, commands, runs, before = () => {}) {
  const ratios = commands.map(() => []);
  const times = commands.map(() => []);
  const mems = commands.map(() => []);
  const floors = [];
  for (let i = 0; i < runs; i++) {
    const f = run(floorArgs);
    floors.push(f.ms);
    commands.forEach((args, j) => {
      before(j);
      const r = run(args);
      ratios[j].push(r.ms / f.ms);
      times[j].push(r.ms);
      mems[j].push(r.mib);
    });
  }
  return { floorMs: median(floors), results: commands.map((_, j) => ({ ratio: median(ratios[j]), ms: median(times[j]), mib: median(mems[j]) })) };
}

export async function runBatchBench({ runs = Number(process.env.BENCH_BATCH_RUNS ?? 3), before = process.env.BENCH_BEFORE } = {}) {
  if (!existsSync(join(ROOT, 'dist/batch-worker.js'))) throw new Error('build first: node scripts/build.mjs');
  const province = ensureProvince(UNITS);
  const jobs = availableParallelism();
  const out = mkdtempSync(join(tmpdir(), 'cchc-bench-batch-'));
  const clis = [['now', join(ROOT, 'dist/cli.js')], ...(before ? [['before', resolve(before, 'dist/cli.js')]] : [])];
  const floorArgs = (dir) => [fileURLToPath(import.meta.url), '--floor', dir];
  const label = (name, who) => (before ? `${name} [${who}]` : name);
  const line = (name, r, aim) => `  ${name.padEnd(44)} ${fmt(r.ms / 1000)} s = ${fmt(r.ratio)}× floor; peak ${fmt(r.mib, 0)} MiB${aim ? ` (aim ≤ ${aim}×)` : ''}`;

  console.log(`== cchc batch: ${UNITS} communes, ${jobs} cores; medians of ${runs} paired runs (floor, then each command), ratios to the floor of the same pair`);
  const floorMem = run(floorArgs(province)).mib;

  // Text ranking, and a re-run over a --cache filled beforehand (nothing changed).
  // (--cache is this cchc's: an older one may not have it.)
  const cache = join(out, 'cache');
  run([clis[0][1], 'batch', province, '-q', '--cache', cache]);
  const text = paired(floorArgs(province), [...clis.map(([, cli]) => [cli, 'batch', province, '-q']), [clis[0][1], 'batch', province, '-q', '--cache', cache]], runs);
  console.log(`  ${'floor: read + yaml.parse, 1 core'.padEnd(44)} ${fmt(text.floorMs / 1000)} s; peak ${fmt(floorMem, 0)} MiB`);
  clis.forEach(([who], i) => console.log(line(label('cchc batch (text ranking)', who), text.results[i], '0,75')));
  console.log(line(label('cchc batch --cache, nothing changed', 'now'), text.results[clis.length], '0,1'));

  // The ranking workbook, and its memory against the number of units (a third of the districts, all).
  const districts = readdirSync(province).filter((d) => d.startsWith('huyen-')).sort();
  const third = districts.slice(0, Math.ceil(districts.length / 3)).map((d) => join(province, d));
  const thirdUnits = third.reduce((n, d) => n + yamlFiles(d).length, 0);
  const xlsx = paired(floorArgs(province), clis.map(([, cli]) => [cli, 'batch', province, '-q', '--xlsx', join(out, 'xep-hang.xlsx')]), runs);
  clis.forEach(([who, cli], i) => {
    const r = xlsx.results[i];
    const small = run([cli, 'batch', ...third, '-q', '--xlsx', join(out, 'xep-hang-third.xlsx')]).mib;
    console.log(line(label('cchc batch --xlsx', who), r, '1,5'));
    console.log(`    memory with the number of units: ${fmt(small, 0)} MiB for ${thirdUnits}, ${fmt(r.mib, 0)} MiB for ${UNITS} (${fmt(((r.mib - small) * 1024) / (UNITS - thirdUnits), 1)} KiB a unit more)`);
  });

  // One form per unit (the folder emptied before each run, outside the timing).
  const formsDir = (j) => join(out, `bieu-${j}`);
  const formRuns = Number(process.env.BENCH_FORMS_RUNS ?? runs);
  const forms = paired(floorArgs(province), clis.map(([, cli], j) => [cli, 'batch', province, '-q', '--forms', formsDir(j)]), formRuns, (j) =>
    rmSync(formsDir(j), { recursive: true, force: true }),
  );
  clis.forEach(([who], i) => console.log(line(label(`cchc batch --forms (one form per unit; ${formRuns} pair${formRuns > 1 ? 's' : ''})`, who), forms.results[i], '3')));

  // National scale: the same commands on 10,000 units (one pair each), so that growth is visible.
  if (process.env.BENCH_NATIONAL !== '0') {
    const national = ensureProvince(NATIONAL);
    const cli = clis[0][1];
    const nat = paired(floorArgs(national), [[cli, 'batch', national, '-q'], [cli, 'batch', national, '-q', '--xlsx', join(out, 'xep-hang-10000.xlsx')]], 1);
    console.log(`== national scale: ${NATIONAL} communes (one pair, this cchc): floor ${fmt(nat.floorMs / 1000)} s`);
    console.log(line(`cchc batch, ${NATIONAL} units`, nat.results[0]));
    console.log(line(`cchc batch --xlsx, ${NATIONAL} units`, nat.results[1]));
  }
  rmSync(out, { recursive: true, force: true });

  const held = (mode) => {
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/summary-size.ts', mode, ...yamlFiles(province).slice(0, 100)], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`bench/summary-size.ts: ${r.stderr}`);
    return Number(r.stdout.trim()) / 1024;
  };
  console.log(`  held by the main thread per unit summary: ${fmt(held('intern'), 1)} KiB (${fmt(held('plain'), 1)} KiB without interning shared strings)`);
}

if (process.argv[2] === '--floor') await floor(process.argv[3]);
else if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runBatchBench();
