// Issue 4 benchmark: `cchc batch` over a synthetic province of 3,321 communes, against the floor of
// reading and parsing the same files with the `yaml` package on one core, in the same run.
//   node bench/batch.mjs            (or from bench/run.mjs: runBatchBench())
//   node bench/batch.mjs --floor <dir>   the floor itself, run as a child process
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median, peakMemory } from './lib.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const PROVINCE = join(ROOT, '.bench/province');
const UNITS = 3321;

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
  let items = 0;
  for (const f of yamlFiles(dir)) items += Object.keys(parse(readFileSync(f, 'utf8')).items ?? {}).length;
  process.stdout.write(`${items}\n`);
}

function ensureProvince() {
  if (existsSync(PROVINCE) && yamlFiles(PROVINCE).length === UNITS) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/gen-province.mjs'), 'province', PROVINCE, String(UNITS)], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not generate the province');
}

/** Wall time of one run, in ms; exit 0 and 1 are both normal for cchc batch. */
function wall(args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

export async function runBatchBench({ runs = Number(process.env.BENCH_BATCH_RUNS ?? 3) } = {}) {
  if (!existsSync(join(ROOT, 'dist/batch-worker.js'))) throw new Error('build first: node scripts/build.mjs');
  ensureProvince();
  const jobs = availableParallelism();
  const out = mkdtempSync(join(tmpdir(), 'cchc-bench-batch-'));
  const cli = join(ROOT, 'dist/cli.js');
  const floorArgs = [fileURLToPath(import.meta.url), '--floor', PROVINCE];
  const text = [cli, 'batch', PROVINCE, '-q'];
  const xlsx = [...text, '--xlsx', join(out, 'xep-hang.xlsx')];
  const forms = [...text, '--forms', join(out, 'bieu')];

  // Floor and text ranking alternate, so a slow moment of the machine weighs on both alike.
  wall(floorArgs);
  const f = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    f.push(wall(floorArgs));
    b.push(wall(text));
  }
  const floorMs = median(f);
  const textMs = median(b);
  const xlsxMs = wall(xlsx);
  const formsMs = wall(forms);
  // Memory against the number of units: the same command on the first third of the districts.
  const districts = readdirSync(PROVINCE).filter((d) => d.startsWith('huyen-')).sort();
  const third = districts.slice(0, Math.ceil(districts.length / 3)).map((d) => join(PROVINCE, d));
  const thirdUnits = third.reduce((n, d) => n + yamlFiles(d).length, 0);
  const mem = {
    third: peakMemory(process.execPath, [cli, 'batch', ...third, '-q'], { cwd: ROOT }),
    floor: peakMemory(process.execPath, floorArgs, { cwd: ROOT }),
    text: peakMemory(process.execPath, text, { cwd: ROOT }),
    xlsx: peakMemory(process.execPath, xlsx, { cwd: ROOT }),
    forms: peakMemory(process.execPath, forms, { cwd: ROOT }),
  };
  rmSync(out, { recursive: true, force: true });

  const target = 1.5 / jobs;
  const line = (label, ms, m) => `  ${label.padEnd(34)} ${fmt(ms / 1000)} s = ${fmt(ms / floorMs)}× floor; peak ${fmt(m, 0)} MiB`;
  console.log(`== cchc batch (issue 4): ${UNITS} communes, ${jobs} cores; medians of ${runs} runs, ratios to the floor`);
  console.log(line('floor: read + yaml.parse, 1 core', floorMs, mem.floor));
  console.log(`${line('cchc batch (text ranking)', textMs, mem.text)} (aim ≤ ${fmt(target)}× = 1,5 × floor ÷ ${jobs} jobs)`);
  console.log(line('cchc batch --xlsx', xlsxMs, mem.xlsx));
  console.log(line('cchc batch --forms (one form per unit)', formsMs, mem.forms));
  const perUnit = ((mem.text - mem.third) * 1024) / (UNITS - thirdUnits);
  console.log(`  memory with the number of units: peak ${fmt(mem.third, 0)} MiB for ${thirdUnits} units, ${fmt(mem.text, 0)} MiB for ${UNITS} (${fmt(perUnit, 1)} KiB a unit more)`);
  const held = (mode) => {
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/summary-size.ts', mode, ...yamlFiles(PROVINCE).slice(0, 100)], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`bench/summary-size.ts: ${r.stderr}`);
    return Number(r.stdout.trim()) / 1024;
  };
  console.log(`  held by the main thread per unit summary: ${fmt(held('intern'), 1)} KiB (${fmt(held('plain'), 1)} KiB without interning shared strings); the rest of the peak is the workers' heaps`);
}

if (process.argv[2] === '--floor') await floor(process.argv[3]);
else if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runBatchBench();
