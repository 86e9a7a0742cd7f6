// The ranking workbook (batch --xlsx) alone: the time to write it and, with GNU time, the peak memory of
// a process that holds a report of N units and writes it nowhere, in memory (exceljs's workbook, saved
// as every other workbook) or streamed (as batch --xlsx writes it). Peak(N) − peak(none, N) is what the
// writer costs; its growth with N shows whether memory is flat.
//   /usr/bin/time -f %M node --import tsx bench/ranking-memory.ts <none|memory|stream> <N> <unit.yaml...>
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogMeta, scoreForBatch } from '../src/batch/summarize.js';
import { buildReport } from '../src/core/batch/report.js';
import type { CatalogMeta, FileOutcome } from '../src/core/batch/types.js';
import { diskCatalogs } from '../src/io/catalog-source.js';
import { writeRanking } from '../src/workbook/ranking.js';
import { saveWorkbook } from '../src/xlsx/excel.js';
import { memoryBook, saveStreamed } from '../src/xlsx/stream-writer.js';

const [mode, n, ...files] = process.argv.slice(2);
const N = Number(n);
if (!['none', 'memory', 'stream'].includes(mode ?? '') || !N || !files.length) throw new Error('usage: ranking-memory.ts <none|memory|stream> <N> <unit.yaml...>');
const cache = diskCatalogs();
const units: FileOutcome[] = [];
const catalogs = new Map<string, CatalogMeta>();
for (const f of files) {
  const s = await scoreForBatch(f, cache);
  if (s.outcome.kind !== 'unit' || !s.unit?.flat) continue;
  units.push(s.outcome);
  catalogs.set(s.outcome.unit.catalogKey, catalogMeta(s.unit.flat));
}
if (!units.length) throw new Error('no valid unit among the files');
const outcomes: FileOutcome[] = Array.from({ length: N }, (_, i) => {
  const u = structuredClone(units[i % units.length]!) as Extract<FileOutcome, { kind: 'unit' }>;
  Object.assign(u.unit, { code: String(100000 + i), name: `UBND xã Thử ${i}`, file: `f${i}.yaml`, path: `f${i}.yaml` });
  return u;
});
const report = buildReport(outcomes, [], catalogs, { groupBy: null });
const dir = mkdtempSync(join(tmpdir(), 'cchc-bench-'));
const t = performance.now();
const cpu = process.cpuUsage();
if (mode === 'memory') {
  const book = await memoryBook();
  await writeRanking(report, book);
  await saveWorkbook(book.workbook, join(dir, 'x.xlsx'), []);
} else if (mode === 'stream') {
  await saveStreamed(join(dir, 'x.xlsx'), [], undefined, (book) => writeRanking(report, book));
}
const used = process.cpuUsage(cpu);
console.error(`${mode ?? ''} ${N}: ${(performance.now() - t).toFixed(0)} ms, CPU ${((used.user + used.system) / 1000).toFixed(0)} ms`);
rmSync(dir, { recursive: true, force: true });
