import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { templateWorkbook } from '../../src/export/template.js';
import { INPUT_SHEET, META_SHEET, choices } from '../../src/export/template-layout.js';
import { saveWorkbook } from '../../src/export/xlsx.js';
import { CatalogCache } from '../../src/io/load.js';
import { readTemplate } from '../../src/io/read-template.js';
import { scoreEvidence } from '../../src/commands/load-unit.js';
import { MINI, MINI_CATALOG, readBack, rowOf, scored, tmp } from './support.js';
import { ROOT } from '../e2e/cli.js';

async function writeTemplate(prefill = true) {
  const u = await scored();
  const out = join(tmp(), 'mau.xlsx');
  expect(await saveWorkbook(await templateWorkbook(u.index, prefill ? u.evidence.evidence : undefined), out, [])).toEqual([]);
  return { out, u };
}

async function read(file: string) {
  return readTemplate(file, 'mau.xlsx', new CatalogCache(), MINI_CATALOG);
}

/** Opens a template, applies an edit as a person would in a spreadsheet program, saves it again. */
async function edit(file: string, change: (wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = await readBack(file);
  change(wb, wb.getWorksheet(INPUT_SHEET)!);
  const out = file.replace(/\.xlsx$/, '-edited.xlsx');
  await wb.xlsx.writeFile(out);
  return out;
}

describe('fill-in template', () => {
  it('has instructions, unit, input and hidden meta sheets', async () => {
    const { out } = await writeTemplate(false);
    const wb = await readBack(out);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['Hướng dẫn', 'visible'],
      ['Đơn vị', 'visible'],
      ['Tự đánh giá', 'visible'],
      ['_cchc', 'hidden'],
    ]);
    const meta = wb.getWorksheet(META_SHEET)!;
    expect([meta.getCell('B1').value, meta.getCell('B2').value, meta.getCell('B3').value]).toEqual(['1', 'mini-2024', 2024]);
  });

  it('gives input cells validation and locks everything else', async () => {
    const { out } = await writeTemplate(false);
    const ws = (await readBack(out)).getWorksheet(INPUT_SHEET)!;
    const dv = (code: string, col = 'E') => ws.getCell(`${col}${rowOf(ws, code)}`).dataValidation;
    expect(dv('1.1.1')).toMatchObject({ type: 'list', formulae: [expect.stringMatching(/^'_cchc'!\$[A-Z]\$2:\$[A-Z]\$4$/)] });
    expect(dv('1.3')).toMatchObject({ type: 'list' });
    expect(dv('1.2')).toMatchObject({ type: 'whole', operator: 'between', formulae: [0, 1000000] });
    expect(dv('2.2')).toMatchObject({ type: 'decimal', formulae: [0, 100] });
    expect(dv('2.1', 'F')).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual' });
    expect(dv('2.4', 'J')).toMatchObject({ type: 'decimal', formulae: [0, 1] });
    const r = rowOf(ws, '2.1');
    expect(ws.getCell(`E${r}`).protection?.locked).toBe(false);
    expect(ws.getCell(`B${r}`).protection?.locked ?? true).toBe(true);
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
  });

  it('round-trips: evidence → pre-filled template → import gives the same evidence and score', async () => {
    const { out, u } = await writeTemplate();
    const { loaded } = await read(out);
    expect(loaded.findings).toEqual([]);
    expect({ ...loaded.evidence, catalog: 'x' }).toEqual({ ...u.evidence.evidence, catalog: 'x' });
    const again = await scoreEvidence(loaded, new CatalogCache(), MINI_CATALOG);
    expect(again.result).toEqual(u.result);
  });

  it('round-trips the shipped example too: 60 items, choices of many kinds, plain and structured citations', async () => {
    const u = await scored(join(ROOT, 'examples/hoang-viet-2024.yaml'));
    const out = join(tmp(), 'hoang-viet.xlsx');
    expect(await saveWorkbook(await templateWorkbook(u.index, u.evidence.evidence), out, [])).toEqual([]);
    const { loaded } = await readTemplate(out, 'hoang-viet.xlsx', new CatalogCache());
    expect(loaded.findings).toEqual([]);
    // 1.1.3 cites a document as plain text that reads like a structured citation: it stays plain text.
    expect(loaded.evidence!.items['1.1.3']!.documents).toEqual(u.evidence.evidence!.items['1.1.3']!.documents);
    expect(loaded.evidence).toEqual(u.evidence.evidence);
    const again = await scoreEvidence(loaded, new CatalogCache());
    expect(again.result).toEqual(u.result);
  });

  it('writes a blank template for every shipped catalog, one list column per distinct drop-down', async () => {
    for (const id of ['xa-mau-2024', 'tinh-2948-2018']) {
      const cat = await new CatalogCache().get(id, ROOT);
      const wb = await templateWorkbook(cat.index!);
      const meta = wb.getWorksheet(META_SHEET)!;
      const distinct = new Set([...cat.index!.leaves.values()].flatMap((l) => {
        const c = choices(l.rule);
        return c ? [JSON.stringify(c)] : [];
      }));
      const listColumns: number[] = [];
      meta.getRow(2).eachCell((_c, n) => void (n >= 4 ? listColumns.push(n) : undefined));
      expect(listColumns).toHaveLength(distinct.size);
      const out = join(tmp(), `${id}.xlsx`);
      expect(await saveWorkbook(wb, out, [])).toEqual([]);
      const { loaded } = await readTemplate(out, `${id}.xlsx`, new CatalogCache());
      // Blank: only the unit's level is filled in, so the unit is incomplete, but every row is where it should be.
      expect(loaded.findings.every((f) => f.code.startsWith('schema.')), JSON.stringify(loaded.findings.slice(0, 3))).toBe(true);
    }
  });

  it('reads a filled-in blank template, numbers typed with a decimal comma included', async () => {
    const { out } = await writeTemplate(false);
    const filled = await edit(out, (wb, ws) => {
      const unit = wb.getWorksheet('Đơn vị')!;
      unit.getCell('B2').value = 'X9';
      unit.getCell('B3').value = 'UBND xã Mới';
      unit.getCell('B7').value = 'Lạng Sơn';
      ws.getCell(`E${rowOf(ws, '1.1.1')}`).value = 'Chậm';
      ws.getCell(`E${rowOf(ws, '2.2')}`).value = '97,5';
      ws.getCell(`E${rowOf(ws, '2.1')}`).value = 50;
      ws.getCell(`F${rowOf(ws, '2.1')}`).value = 50;
    });
    const { loaded } = await read(filled);
    expect(loaded.findings).toEqual([]);
    expect(loaded.evidence!.unit).toMatchObject({ code: 'X9', name: 'UBND xã Mới', level: 'xa', province: 'Lạng Sơn' });
    expect(loaded.evidence!.items).toEqual({
      '1.1.1': { value: 'cham' },
      '2.1': { value: { dung_han: 50, tong: 50 } },
      '2.2': { value: 97.5 },
    });
  });
});

describe('bad workbooks name the sheet and cell', () => {
  const cases: Array<[string, (wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet) => void, string, RegExp]> = [
    ['edited label', (_wb, ws) => (ws.getCell(`B${rowOf(ws, '1.2')}`).value = 'Đã sửa'), 'xlsx.row_moved', /^'Tự đánh giá'!A\d+$/],
    ['moved rows', (_wb, ws) => ws.spliceRows(6, 0, []), 'xlsx.row_moved', /^'Tự đánh giá'!A\d+$/],
    ['text in a number cell', (_wb, ws) => (ws.getCell(`E${rowOf(ws, '2.2')}`).value = 'khoảng 90'), 'xlsx.not_a_number', /^'Tự đánh giá'!E\d+$/],
    ['choice not in the list', (_wb, ws) => (ws.getCell(`E${rowOf(ws, '1.1.1')}`).value = 'Sớm'), 'xlsx.not_in_list', /^'Tự đánh giá'!E\d+$/],
    ['another template version', (wb) => (wb.getWorksheet(META_SHEET)!.getCell('B1').value = '0'), 'xlsx.template_version', /^'_cchc'!B1$/],
    ['numerator above denominator', (_wb, ws) => {
      ws.getCell(`E${rowOf(ws, '2.1')}`).value = 60;
      ws.getCell(`F${rowOf(ws, '2.1')}`).value = 50;
    }, 'evidence.numerator_exceeds', /^'Tự đánh giá'!E\d+$/],
  ];
  for (const [name, change, code, cell] of cases) {
    it(name, async () => {
      const { out } = await writeTemplate();
      const { loaded, index } = await read(await edit(out, change));
      const fs = loaded.evidence ? (await scoreEvidence(loaded, new CatalogCache(), MINI_CATALOG)).findings : loaded.findings;
      const f = fs.find((x) => x.severity === 'error');
      expect(f?.code).toBe(code);
      expect(f?.cell).toMatch(cell);
      expect(index === undefined || index.catalog.id === 'mini-2024').toBe(true);
    });
  }

  it('not a workbook at all, or a workbook not made by cchc', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'fake.xlsx'), 'hello');
    expect((await read(join(dir, 'fake.xlsx'))).loaded.findings.map((f) => f.code)).toEqual(['xlsx.not_workbook']);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 1;
    await wb.xlsx.writeFile(join(dir, 'other.xlsx'));
    expect((await read(join(dir, 'other.xlsx'))).loaded.findings.map((f) => f.code)).toEqual(['xlsx.not_template']);
  });
});

