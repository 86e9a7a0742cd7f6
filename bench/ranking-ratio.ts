// The ranking workbook (batch --xlsx) against the floor, paired in one process: the floor (read +
// yaml.parse of every unit file) then the workbook of those units, written in memory (exceljs's workbook,
// saved as every other workbook) or streamed (as batch --xlsx writes it); medians of 5 pairs each.
//   node --import tsx bench/ranking-ratio.ts <province dir from scripts/gen-province.mjs>
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { catalogMeta, scoreForBatch } from '../src/batch/summarize.js';
import { buildReport } from '../src/core/batch/report.js';
import type { CatalogMeta, FileOutcome } from '../src/core/batch/types.js';
import { diskCatalogs } from '../src/io/catalog-source.js';
import { writeRanking } from '../src/workbook/ranking.js';
import { saveWorkbook } from '../src/xlsx/excel.js';
import { memoryBook, saveStreamed } from '../src/xlsx/stream-writer.js';
const root = process.argv[2]!;
const files: string[] = [];
for (const d of readdirSync(root)) for (const f of readdirSync(join(root, d))) files.push(join(root, d, f));
const cache = diskCatalogs();
const outcomes: FileOutcome[] = [];
const catalogs = new Map<string, CatalogMeta>();
for (const f of files) {
  const s = await scoreForBatch(f, cache);
  if (s.outcome.kind !== 'unit' || !s.unit?.flat) continue;
  outcomes.push(s.outcome);
  catalogs.set(s.outcome.unit.catalogKey, catalogMeta(s.unit.flat));
}
const report = buildReport(outcomes, [], catalogs, { groupBy: null });
const dir = mkdtempSync(join(tmpdir(), 'cchc-bench-'));
const time = async (f: () => unknown) => { const t = performance.now(); await f(); return performance.now() - t; };
const floor = () => {
  let n = 0;
  for (const f of files) n += Object.keys((parse(readFileSync(f, 'utf8')) as { items?: object }).items ?? {}).length;
  return n;
};
const mem = async () => { const b = await memoryBook(); await writeRanking(report, b); await saveWorkbook(b.workbook, join(dir, 'm.xlsx'), []); };
const str = () => saveStreamed(join(dir, 's.xlsx'), [], undefined, (b) => writeRanking(report, b));
await mem(); await str();
const r: Record<string, number[]> = { mem: [], str: [] };
for (let i = 0; i < 5; i++) { const f = await time(floor); r.mem!.push((await time(mem)) / f); const f2 = await time(floor); r.str!.push((await time(str)) / f2); }
const med = (x: number[]) => [...x].sort((a, b) => a - b)[2]!.toFixed(2);
console.log(`${outcomes.length} units: writing the ranking workbook ÷ floor (read + yaml.parse of the same files), medians of 5 pairs: in memory ${med(r.mem!)}, streamed ${med(r.str!)}`, r);
rmSync(dir, { recursive: true, force: true });
