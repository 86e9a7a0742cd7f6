import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { CatalogCache } from '../../src/io/load.js';
import { scoreFile, type UnitScore } from '../../src/commands/load-unit.js';
import { ROOT } from '../e2e/cli.js';

export const MINI = join(ROOT, 'test/fixtures/mini/unit.yaml');
export const MINI_CATALOG = join(ROOT, 'test/fixtures/mini/mini-2024.yaml');

export function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'cchc-xlsx-'));
}

export async function scored(path = MINI, catalog?: string): Promise<Required<Pick<UnitScore, 'result' | 'index'>> & UnitScore> {
  const u = await scoreFile(path, new CatalogCache(), catalog);
  if (!u.result || !u.index) throw new Error(JSON.stringify(u.findings));
  return u as Required<Pick<UnitScore, 'result' | 'index'>> & UnitScore;
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

/** The row whose column A holds `label` text (or column B when `col` is B). */
export function rowOf(ws: ExcelJS.Worksheet, text: string, col = 'A'): number {
  let found = -1;
  ws.eachRow((row, n) => {
    const v = row.getCell(col).value;
    if (found < 0 && typeof v === 'string' && v === text) found = n;
  });
  return found;
}
