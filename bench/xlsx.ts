// Issue 3 benchmark: writing the self-assessment form, against scoring alone, in one process and run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diskCatalogs } from '../src/io/catalog-source.js';
import { scoreFile } from '../src/workbook/unit-file.js';
import { formBytes, formWorkbook } from '../src/workbook/form.js';
import { saveWorkbook, workbookBytes, writeAtomically } from '../src/xlsx/excel.js';
import type { Provenance } from '../src/io/provenance.js';

const fmt = (x: number, d = 2) => x.toFixed(d).replace('.', ',');

export async function runXlsxBench(example: string, forms = 1000): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-bench-'));
  const cache = diskCatalogs();
  const first = await scoreFile(example, cache);
  if (!first.result || !first.flat || !first.evidence.evidence) throw new Error('example does not score');
  const { result, flat } = first;
  const evidence = first.evidence.evidence;
  await workbookBytes(await formWorkbook(result, flat, evidence)); // warm-up: exceljs loaded
  const prov: Provenance = { cchc: 'bench', catalog: { id: flat.catalog.id, sha256: null }, inputs: [{ file: example, sha256: null }] };
  // What score --xlsx and batch --forms write: the form's own writer (src/xlsx/form-parts.ts), exceljs where it is not sure.
  const write = async (out: string) => writeAtomically(out, await formBytes(result, flat, evidence, undefined, prov), []);

  const time = async (n: number, f: (i: number) => Promise<unknown>) => {
    const t = performance.now();
    for (let i = 0; i < n; i++) await f(i);
    return (performance.now() - t) / n;
  };
  const scoreMs = await time(200, () => scoreFile(example, cache));
  const viaExceljs = await time(20, async (i) => saveWorkbook(await formWorkbook(result, flat, evidence), join(dir, `e${i}.xlsx`), []));
  const oneForm = await time(20, (i) => write(join(dir, `f${i}.xlsx`)));
  const t = performance.now();
  for (let i = 0; i < forms; i++) await write(join(dir, `u${i}.xlsx`));
  const total = performance.now() - t;
  const rss = process.memoryUsage().rss / 2 ** 20;
  rmSync(dir, { recursive: true, force: true });

  console.log('== Excel form (issue 3): against scoring one unit (read + parse + score), same process');
  console.log(`  score one unit (baseline)      ${fmt(scoreMs)} ms`);
  console.log(`  write the example form         ${fmt(oneForm)} ms = ${fmt(oneForm / scoreMs)}× baseline (through exceljs: ${fmt(viaExceljs)} ms = ${fmt(viaExceljs / scoreMs)}×)`);
  console.log(`  write ${forms} forms             ${fmt(total / 1000)} s (${fmt(total / forms)} ms each = ${fmt(total / forms / scoreMs)}× baseline); RSS ${fmt(rss, 0)} MiB`);
}

const example = process.argv[2] ?? 'examples/hoang-viet-2024.yaml';
await runXlsxBench(example, Number(process.argv[3] ?? 1000));
