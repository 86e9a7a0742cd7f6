// What the batch's main thread holds per unit: the heap taken by 3,321 unit summaries as workers send
// them (structured clones of the given units' summaries, in turn), with and without interning the
// strings units share. Summaries differ mostly by how many sub-criteria lost points.
//   node --expose-gc --import tsx bench/summary-size.ts <intern|plain> <unit.yaml...>
import { scoreForBatch } from '../src/batch/summarize.js';
import { diskCatalogs } from '../src/io/catalog-source.js';
import { Interner } from '../src/core/batch/intern.js';
import type { FileOutcome } from '../src/core/batch/types.js';

const [mode, ...files] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!files.length || !gc) throw new Error('usage: node --expose-gc --import tsx bench/summary-size.ts <intern|plain> <unit.yaml...>');
const cache = diskCatalogs();
const units: FileOutcome[] = [];
for (const f of files) {
  const { outcome } = await scoreForBatch(f, cache);
  if (outcome.kind === 'unit') units.push(outcome);
}
if (!units.length) throw new Error('no valid unit among the files');
const N = 3321;
const interner = new Interner();
gc();
const before = process.memoryUsage().heapUsed;
const held: FileOutcome[] = [];
for (let i = 0; i < N; i++) {
  const copy = structuredClone(units[i % units.length]!);
  held.push(mode === 'intern' ? interner.outcome(copy) : copy);
}
gc();
process.stdout.write(`${Math.round((process.memoryUsage().heapUsed - before) / held.length)}\n`);
