import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { diskCatalogs } from '../../src/io/catalog-source.js';
import type { UnitScore } from '../../src/core/pipeline.js';
import { scoreFile } from '../../src/workbook/unit-file.js';
import { appraiseScored, type AppraisedUnit } from '../../src/core/appraisal/apply.js';
import { readAppraisalYaml } from '../../src/io/appraisal-file.js';
import { formWorkbook } from '../../src/workbook/form.js';
import { saveWorkbook } from '../../src/xlsx/excel.js';
import { ROOT } from '../e2e/cli.js';

export const MINI = join(ROOT, 'test/fixtures/mini/unit.yaml');
export const MINI_CATALOG = join(ROOT, 'test/fixtures/mini/mini-2024.yaml');

export function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'cchc-xlsx-'));
}

export async function scored(path = MINI, catalog?: string): Promise<Required<Pick<UnitScore, 'result' | 'flat'>> & UnitScore> {
  const u = await scoreFile(path, diskCatalogs(), catalog === undefined ? undefined : { ref: catalog, fromDir: process.cwd() });
  if (!u.result || !u.flat) throw new Error(JSON.stringify(u.findings));
  return u as Required<Pick<UnitScore, 'result' | 'flat'>> & UnitScore;
}

/** The form of `unit` with its final appraisal from `overlay`, written into `dir`. */
export async function appraisedForm(unit: string, overlay: string, dir: string): Promise<{ out: string; au: AppraisedUnit }> {
  const u = await scored(unit);
  const a = appraiseScored({ result: u.result, flat: u.flat, evidence: u.evidence.evidence! }, await readAppraisalYaml(overlay), 'final');
  if (!a.appraised) throw new Error(JSON.stringify(a.findings));
  const out = join(dir, `${unit.split('/').pop()}.xlsx`);
  const problems = await saveWorkbook(await formWorkbook(u.result, u.flat, u.evidence.evidence!, a.appraised), out, []);
  if (problems.length) throw new Error(JSON.stringify(problems));
  return { out, au: a.appraised };
}

export async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Every formula cell of a sheet: address → { formula, result }. */
export function formulas(ws: ExcelJS.Worksheet): Map<string, { formula: string; result: unknown }> {
  const out = new Map<string, { formula: string; result: unknown }>();
  ws.eachRow((row) =>
    row.eachCell((c) => {
      if (c.formula) out.set(c.address, { formula: c.formula, result: c.result });
    }),
  );
  return out;
}

/**
 * The first row whose column `col` (A by default) holds exactly `text`. Throws when there is none: a
 * row number of −1 would still give a cell (exceljs reads `G-1` as G1, the page header), and a check
 * of a missing row would look at another one.
 */
export function rowOf(ws: ExcelJS.Worksheet, text: string, col = 'A'): number {
  let found = -1;
  ws.eachRow((row, n) => {
    const v = row.getCell(col).value;
    if (found < 0 && typeof v === 'string' && v === text) found = n;
  });
  if (found < 0) throw new Error(`no row of '${ws.name}' has "${text}" in column ${col}`);
  return found;
}

/** The raw XML of the n-th worksheet (1-based), for what exceljs does not read back. */
export async function sheetXml(file: string, n: number): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  return zip.file(`xl/worksheets/sheet${n}.xml`)!.async('string');
}

/**
 * Numeric cells (formula results included) that a reader with English regional settings would see with a
 * decimal point: a decimal format not tagged Vietnamese ([$-42A]), or no format on a number with decimals.
 */
export function pointFormatted(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) =>
    row.eachCell((c) => {
      const v = c.value;
      const n = typeof v === 'number' ? v : typeof v === 'object' && v !== null && 'formula' in v ? (v as { result?: unknown }).result : undefined;
      if (typeof n !== 'number') return;
      const fmt = c.numFmt ?? 'General';
      const bad = fmt === 'General' ? !Number.isInteger(n) : /[.]/.test(fmt.replace(/"[^"]*"/g, '')) && !fmt.startsWith('[$-42A]');
      if (bad) out.push(`${c.address}: ${n} as ${fmt}`);
    }),
  );
  return out;
}

/** Text cells that show a number with a decimal point ("0.5"): criterion codes ("1.2.3") and file paths aside. */
export function decimalPoints(ws: ExcelJS.Worksheet, skipCols: string[] = []): string[] {
  const out: string[] = [];
  ws.eachRow((row) =>
    row.eachCell((c) => {
      if (typeof c.value !== 'string' || skipCols.includes(c.address.replace(/\d+$/, ''))) return;
      const t = c.value
        .replace(/\b\d+(\.\d+){2,}\b/g, '') // codes with two dots and more
        .replace(/tiêu chí [\d.]+/g, '')
        .replace(/\S+\.(ya?ml|xlsx|json)(:\d+)*/g, '');
      if (/\d\.\d/.test(t)) out.push(`${c.address}: ${c.value}`);
    }),
  );
  return out;
}
