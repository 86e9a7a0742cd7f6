import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKBOOK_LIMITS, sniffWorkbook } from '../../src/xlsx/workbook-guard.js';
import { diskCatalogs } from '../../src/io/catalog-source.js';
import { readTemplate } from '../../src/workbook/read-template.js';
import { expectNoStackTrace } from '../e2e/cli.js';
import { cli } from '../cli/run.js';
import { entry, manyRows, workbookParts, zip, zipBomb } from './hostile.js';
import { tmp } from './support.js';

const SHEET = (body: string, before = '') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${before}<sheetData>${body}</sheetData>` +
  '</worksheet>';

async function refused(bytes: Buffer, name = 'x.xlsx') {
  const file = join(tmp(), name);
  writeFileSync(file, bytes);
  const { loaded } = await readTemplate(file, name, diskCatalogs());
  return loaded.findings;
}

describe('hostile workbooks are refused before exceljs reads them', () => {
  let million: Buffer;
  beforeAll(() => {
    million = manyRows(1_000_000);
  }, 120_000);

  it('a million rows (under the 5 MiB file limit): refused by the sheet dimension', async () => {
    expect(million.length).toBeLessThan(5 * 1024 * 1024);
    const fs = await refused(million);
    expect(fs).toEqual([expect.objectContaining({ code: 'xlsx.too_big', file: 'x.xlsx', args: { limit: 'rows', found: 1_000_000, max: WORKBOOK_LIMITS.rows, part: 'Sheet1' } })]);
  });

  it('rows counted even when the sheet declares no dimension', async () => {
    const fs = await refused(manyRows(WORKBOOK_LIMITS.rows + 1, false));
    expect(fs.map((f) => [f.code, f.args.limit, f.args.found])).toEqual([['xlsx.too_big', 'rows', WORKBOOK_LIMITS.rows + 1]]);
  });

  it('a zip bomb (1 MB → 1 GiB): refused from the sizes the zip declares', async () => {
    const bomb = zipBomb(1024);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const fs = await refused(bomb, 'bom.xlsx');
    expect(fs.map((f) => [f.code, f.file, f.args.limit])).toEqual([['xlsx.too_big', 'bom.xlsx', 'inflated']]);
  });

  it('a part compressed a thousand times, small enough in total: refused by its ratio', async () => {
    const fs = await refused(zipBomb(8));
    expect(fs.map((f) => [f.code, f.args.limit, f.args.part])).toEqual([['xlsx.too_big', 'ratio', 'Sheet1']]);
    expect(sniffWorkbook(zipBomb(8))).toEqual({ kind: 'too_big', limit: 'ratio', found: expect.any(Number), max: WORKBOOK_LIMITS.ratio, part: 'Sheet1' });
  });

  it('a zip bomb whose directory lies about its size: refused while inflating, at the declared size', async () => {
    const fs = await refused(zipBomb(1024, 1024 * 1024));
    expect(fs).toEqual([expect.objectContaining({ code: 'xlsx.too_big', args: { limit: 'declared', found: 1024 * 1024, max: 1024 * 1024, part: 'Sheet1' } })]);
  });

  it('a merged range or a data validation over a whole sheet (exceljs makes an entry per cell)', async () => {
    const merge = SHEET('<row r="1"><c r="A1"><v>1</v></c></row>').replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>');
    const fs = await refused(zip(workbookParts(entry('xl/worksheets/sheet1.xml', merge))));
    expect(fs.map((f) => [f.code, f.args.limit, f.args.part])).toEqual([['xlsx.too_big', 'area', 'Sheet1']]);
    const validation = SHEET('<row r="1"><c r="A1"><v>1</v></c></row>').replace(
      '</sheetData>',
      '</sheetData><dataValidations count="1"><dataValidation type="whole" sqref="E5 E1:E1048576"><formula1>0</formula1></dataValidation></dataValidations>',
    );
    expect(sniffWorkbook(zip(workbookParts(entry('xl/worksheets/sheet1.xml', validation))))).toMatchObject({ kind: 'too_big', limit: 'area', found: 1_048_577 });
  });

  it('rows and cells are counted over all sheets together', async () => {
    const rows = (count: number, cells: number) => {
      let body = '';
      const cols = Array.from({ length: cells }, (_, i) => `${i >= 26 ? String.fromCharCode(64 + Math.floor(i / 26)) : ''}${String.fromCharCode(65 + (i % 26))}`);
      for (let r = 1; r <= count; r++) body += `<row r="${r}">${cols.map((c) => `<c r="${c}${r}"><v>${r}</v></c>`).join('')}</row>`;
      return entry('xl/worksheets/sheet.xml', SHEET(body));
    };
    const manySheets = zip(workbookParts(...Array.from({ length: 5 }, () => rows(4_500, 1))));
    expect((await refused(manySheets)).map((f) => [f.code, f.args])).toEqual([['xlsx.too_big', { limit: 'rows', found: 22_500, max: WORKBOOK_LIMITS.totalRows }]]);
    const wide = zip(workbookParts(rows(2_000, 60), rows(2_000, 60)));
    expect((await refused(wide)).map((f) => [f.code, f.args])).toEqual([['xlsx.too_big', { limit: 'cells', found: 240_000, max: WORKBOOK_LIMITS.cells }]]);
  });

  it('too many parts in the zip', async () => {
    const parts = workbookParts(entry('xl/worksheets/sheet1.xml', SHEET('')));
    for (let i = 0; parts.length <= WORKBOOK_LIMITS.entries; i++) parts.push(entry(`xl/media/x${i}.bin`, 'x'));
    expect((await refused(zip(parts))).map((f) => [f.code, f.args.limit])).toEqual([['xlsx.too_big', 'entries']]);
  });

  it('through the CLI: exit 2, the file named, no stack trace', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bom.xlsx'), zipBomb(1024));
    writeFileSync(join(dir, 'trieu-dong.xlsx'), million);
    // batch lists every invalid file; with not one unit ranked the run is unusable: exit 2.
    for (const [args, where, code] of [
      [['score', 'bom.xlsx'], 'stderr', 2],
      [['import', 'trieu-dong.xlsx'], 'stderr', 2],
      [['validate', 'bom.xlsx', 'trieu-dong.xlsx'], 'stdout', 2],
      [['batch', 'bom.xlsx', 'trieu-dong.xlsx'], 'stderr', 2],
    ] as const) {
      const run = await cli([...args], { cwd: dir });
      expect(run.code, args.join(' ')).toBe(code);
      expectNoStackTrace(run);
      for (const f of args.slice(1)) expect(run[where]).toMatch(new RegExp(`${f.replace('.', '\\.')}: (lỗi|error): .*\\(xlsx\\.too_big\\)`));
    }
  });
});
